//! The shapes a plan value takes, as printed in Phụ lục 2 and as officers type them:
//! a number with a decimal comma (66,67), a ratio (117/100 boys per 100 girls), a bound
//! (>25, <10), or text. Numbers are exact decimals, never floats, so "46,3" stays
//! "46,3" in every screen and export.

use std::fmt;

/// An exact decimal: `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Decimal {
    pub units: i64,
    pub scale: u32,
}

/// Why a typed value was refused (Vietnamese, shown under the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("Chưa nhập giá trị.")]
    Empty,
    #[error("«{0}» không phải là số. Ví dụ hợp lệ: 66,67 hoặc 66.67.")]
    NotANumber(String),
    #[error("Số có quá nhiều chữ số thập phân (tối đa 4).")]
    TooPrecise,
    #[error("Số quá lớn.")]
    TooLarge,
    #[error("Tỷ số phải có dạng 117/100.")]
    BadRatio,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    pub fn from_int(n: i64) -> Decimal {
        Decimal { units: n, scale: 0 }
    }

    /// Parses "66,67", "66.67", "-3", "1.200,5" is refused (one separator only).
    pub fn parse(input: &str) -> Result<Decimal, ValueError> {
        let text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return Err(ValueError::Empty);
        }
        let bad = || ValueError::NotANumber(input.trim().chars().take(30).collect());
        let (negative, digits) = match text.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let mut parts = digits.split([',', '.']);
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next().unwrap_or("");
        if parts.next().is_some()
            || whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (digits.contains([',', '.']) && fraction.is_empty())
        {
            return Err(bad());
        }
        if fraction.len() > 4 {
            return Err(ValueError::TooPrecise);
        }
        if whole.len() > 12 {
            return Err(ValueError::TooLarge);
        }
        let units: i64 = format!("{whole}{fraction}").parse().map_err(|_| bad())?;
        Ok(Decimal {
            units: if negative { -units } else { units },
            scale: fraction.len() as u32,
        })
    }

    /// The value scaled to `scale` decimals (rounding half away from zero when reducing).
    pub fn rescale(self, scale: u32) -> Decimal {
        use std::cmp::Ordering;
        match scale.cmp(&self.scale) {
            Ordering::Equal => self,
            Ordering::Greater => Decimal {
                units: self.units * 10i64.pow(scale - self.scale),
                scale,
            },
            Ordering::Less => {
                let divisor = 10i64.pow(self.scale - scale);
                let half = divisor / 2;
                let units = if self.units >= 0 {
                    (self.units + half) / divisor
                } else {
                    (self.units - half) / divisor
                };
                Decimal { units, scale }
            }
        }
    }

    /// Compares two decimals by value.
    pub fn cmp_value(self, other: Decimal) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        self.rescale(scale).units.cmp(&other.rescale(scale).units)
    }

    /// `numerator * multiplier / denominator`, rounded to `scale` decimals; `None` when the
    /// denominator is zero.
    pub fn ratio(numerator: u64, denominator: u64, multiplier: u64, scale: u32) -> Option<Decimal> {
        if denominator == 0 {
            return None;
        }
        let top = numerator as i128 * multiplier as i128 * 10i128.pow(scale);
        let den = denominator as i128;
        let units = (top * 2 + den) / (den * 2);
        Some(Decimal {
            units: units as i64,
            scale,
        })
    }

    /// Drops trailing zeros of the fraction: 66,70 → 66,7; 50,00 → 50.
    pub fn normalized(self) -> Decimal {
        let mut d = self;
        while d.scale > 0 && d.units % 10 == 0 {
            d = Decimal {
                units: d.units / 10,
                scale: d.scale - 1,
            };
        }
        d
    }
}

/// Vietnamese display: decimal comma, no thousands separator ("66,67", "1200").
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let div = 10u64.pow(self.scale);
        write!(
            f,
            "{sign}{},{:0width$}",
            abs / div,
            abs % div,
            width = self.scale as usize
        )
    }
}

/// Which way a bound points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Bound {
    Above,
    Below,
}

/// A value in a plan column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PlanValue {
    /// No value printed (heading rows).
    Empty,
    Number(Decimal),
    /// `numerator/denominator`, e.g. 117/100 boys per 100 girls.
    Ratio(Decimal, Decimal),
    /// ">25", "<10".
    Bound(Bound, Decimal),
    /// A result stated in words.
    Text(String),
}

impl PlanValue {
    /// Reads a printed or typed value: "", "66,67", "66.67", "117/ 100", ">25", "<10", or
    /// words (anything that does not start like a number).
    pub fn parse(input: &str) -> Result<PlanValue, ValueError> {
        let text = input.trim();
        if text.is_empty() {
            return Ok(PlanValue::Empty);
        }
        if let Some(rest) = text.strip_prefix('>') {
            return Ok(PlanValue::Bound(Bound::Above, Decimal::parse(rest)?));
        }
        if let Some(rest) = text.strip_prefix('<') {
            return Ok(PlanValue::Bound(Bound::Below, Decimal::parse(rest)?));
        }
        if let Some((left, right)) = text.split_once('/') {
            let (Ok(l), Ok(r)) = (Decimal::parse(left), Decimal::parse(right)) else {
                return Err(ValueError::BadRatio);
            };
            return Ok(PlanValue::Ratio(l, r));
        }
        let starts_numeric = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-');
        if starts_numeric {
            return Decimal::parse(text).map(PlanValue::Number);
        }
        Ok(PlanValue::Text(text.to_string()))
    }

    /// The number a target or result stands for, when it has one (a ratio's numerator
    /// per its denominator, a bound's limit).
    pub fn number(&self) -> Option<Decimal> {
        match self {
            PlanValue::Number(d) | PlanValue::Bound(_, d) => Some(*d),
            PlanValue::Ratio(n, _) => Some(*n),
            PlanValue::Empty | PlanValue::Text(_) => None,
        }
    }
}

impl fmt::Display for PlanValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanValue::Empty => Ok(()),
            PlanValue::Number(d) => write!(f, "{d}"),
            PlanValue::Ratio(n, d) => write!(f, "{n}/{d}"),
            PlanValue::Bound(Bound::Above, d) => write!(f, ">{d}"),
            PlanValue::Bound(Bound::Below, d) => write!(f, "<{d}"),
            PlanValue::Text(t) => f.write_str(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_either_separator_and_show_a_comma() {
        assert_eq!(Decimal::parse("66,67").unwrap().to_string(), "66,67");
        assert_eq!(Decimal::parse("66.67").unwrap().to_string(), "66,67");
        assert_eq!(Decimal::parse(" 46,3 ").unwrap().to_string(), "46,3");
        assert_eq!(Decimal::parse("0").unwrap().to_string(), "0");
        assert_eq!(Decimal::parse("-1,5").unwrap().to_string(), "-1,5");
        assert_eq!(Decimal::parse("4,01").unwrap().to_string(), "4,01");
    }

    #[test]
    fn bad_numbers_say_why() {
        assert_eq!(Decimal::parse(""), Err(ValueError::Empty));
        for bad in ["abc", "1,2,3", "1.200,5", "12,", ",5", "1e5", "12%"] {
            let err = Decimal::parse(bad).unwrap_err();
            assert!(matches!(err, ValueError::NotANumber(_)), "{bad}: {err:?}");
            assert!(err.to_string().contains("không phải là số"));
        }
        assert_eq!(Decimal::parse("1,23456"), Err(ValueError::TooPrecise));
        assert_eq!(Decimal::parse("1234567890123"), Err(ValueError::TooLarge));
    }

    #[test]
    fn plan_values_in_all_their_shapes() {
        assert_eq!(PlanValue::parse("117/ 100").unwrap().to_string(), "117/100");
        assert_eq!(
            PlanValue::parse("117/100").unwrap(),
            PlanValue::parse("117 / 100").unwrap()
        );
        assert_eq!(PlanValue::parse(">25").unwrap().to_string(), ">25");
        assert_eq!(PlanValue::parse("<10").unwrap().to_string(), "<10");
        assert_eq!(PlanValue::parse("").unwrap(), PlanValue::Empty);
        assert!(matches!(
            PlanValue::parse("Nội dung về giới").unwrap(),
            PlanValue::Text(_)
        ));
        assert_eq!(PlanValue::parse("117/abc"), Err(ValueError::BadRatio));
        assert!(PlanValue::parse(">x").is_err());
    }

    #[test]
    fn ratios_round_half_up() {
        assert_eq!(Decimal::ratio(2, 3, 100, 2).unwrap().to_string(), "66,67");
        assert_eq!(Decimal::ratio(1, 8, 100, 2).unwrap().to_string(), "12,50");
        assert_eq!(Decimal::ratio(1, 0, 100, 2), None);
        assert_eq!(
            Decimal::parse("66,70").unwrap().normalized().to_string(),
            "66,7"
        );
        assert_eq!(
            Decimal::parse("44")
                .unwrap()
                .cmp_value(Decimal::parse("36,5").unwrap()),
            std::cmp::Ordering::Greater
        );
    }
}
