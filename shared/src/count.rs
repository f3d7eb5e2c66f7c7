//! What officers type into count fields ("số cuộc", "số người"): whole numbers, never
//! negative. Spaces and thousands dots typed out of habit ("1.200") are accepted; a decimal
//! part is refused rather than silently rounded.

/// Why a typed count was refused (shown under the field, in Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    #[error("Số lượng không được âm.")]
    Negative,
    #[error("Số lượng phải là số nguyên (không có phần thập phân).")]
    Fraction,
    #[error("Số lượng quá lớn.")]
    TooLarge,
    #[error("Chỉ nhập chữ số, ví dụ 12.")]
    NotANumber,
}

/// The largest count accepted: far beyond any real event or participant count, small
/// enough to stay exact in JavaScript and in every export.
pub const MAX_COUNT: u64 = 10_000_000;

/// Parses a typed count; an empty field means "not filled" (`None`).
pub fn parse_count(input: &str) -> Result<Option<u64>, CountError> {
    let text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') || text.starts_with('−') {
        return Err(CountError::Negative);
    }
    let digits: String = if is_grouped(&text) {
        text.replace('.', "")
    } else if text.contains([',', '.']) {
        return Err(if is_decimal(&text) {
            CountError::Fraction
        } else {
            CountError::NotANumber
        });
    } else {
        text
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountError::NotANumber);
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => Ok(Some(n)),
        _ => Err(CountError::TooLarge),
    }
}

/// "2,5", "2.5", ",5" or "2.": a number with a decimal part. Checked by its shape, not by
/// parsing a float, so the phone's build carries no float parser for it.
fn is_decimal(text: &str) -> bool {
    match text.split_once([',', '.']) {
        Some((whole, part)) => {
            !(whole.is_empty() && part.is_empty())
                && whole
                    .bytes()
                    .chain(part.bytes())
                    .all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// "1.200" or "12.345.678": dots that group thousands, as Vietnamese writes them.
fn is_grouped(text: &str) -> bool {
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_counts() {
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("  "), Ok(None));
        assert_eq!(parse_count("0"), Ok(Some(0)));
        assert_eq!(parse_count(" 12 "), Ok(Some(12)));
        assert_eq!(parse_count("1.200"), Ok(Some(1200)));
        assert_eq!(parse_count("1 200"), Ok(Some(1200)));
    }

    #[test]
    fn bad_counts_say_why() {
        assert_eq!(parse_count("-3"), Err(CountError::Negative));
        assert_eq!(parse_count("2,5"), Err(CountError::Fraction));
        assert_eq!(parse_count("2.5"), Err(CountError::Fraction));
        assert_eq!(parse_count(",5"), Err(CountError::Fraction));
        assert_eq!(parse_count("12."), Err(CountError::Fraction));
        assert_eq!(parse_count("1.2.3"), Err(CountError::NotANumber));
        assert_eq!(parse_count("1,2,3"), Err(CountError::NotANumber));
        assert_eq!(parse_count("."), Err(CountError::NotANumber));
        assert_eq!(parse_count("2,5kg"), Err(CountError::NotANumber));
        assert_eq!(parse_count("ba"), Err(CountError::NotANumber));
        assert_eq!(parse_count("99999999999"), Err(CountError::TooLarge));
        assert!(
            parse_count("x")
                .unwrap_err()
                .to_string()
                .starts_with("Chỉ nhập")
        );
    }
}
