//! Checks on what officers enter, shared by the phone (inline, as they type) and the
//! server (before it accepts a submission). Errors block submission; warnings ask for a
//! second look (a figure far from last year's). Messages are Vietnamese.
//!
//! The forms count men and women separately and never ask for a total, so "women within
//! the total" holds by construction rather than by a check.

use crate::count::parse_count;
use crate::plan::value::{Decimal, PlanValue};
use crate::plan::{Answer, Indicator, OutlineSection, Rollup, UnitKind};
use crate::rollup::Figure;

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed before submitting.
    Error,
    /// Worth a second look; does not block.
    Warning,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field's key (an outline field, or an indicator row id).
    pub field: String,
    pub severity: Severity,
    pub message: String,
}

impl Issue {
    fn error(field: &str, message: impl Into<String>) -> Issue {
        Issue {
            field: field.to_string(),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    fn warning(field: &str, message: impl Into<String>) -> Issue {
        Issue {
            field: field.to_string(),
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// What an officer typed for one indicator row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorInput {
    /// The figure itself (rows given as a value), or empty.
    pub value: String,
    /// Numerator and denominator (rates and ratios), or empty.
    pub numerator: String,
    pub denominator: String,
}

/// How far from last year's result a figure may be before it is worth a second look:
/// 30 % of last year's figure, and never less than 10 points.
fn far_from(last: Decimal, value: Decimal) -> bool {
    let scale = 4;
    let (last, value) = (last.rescale(scale).units, value.rescale(scale).units);
    let allowed = (last.abs() * 3 / 10).max(10 * 10i64.pow(scale));
    (value - last).abs() > allowed
}

/// Parses and checks one row's input. Returns the figure when there is no error, and
/// every issue found.
pub fn check_indicator(
    indicator: &Indicator,
    input: &IndicatorInput,
) -> (Option<Figure>, Vec<Issue>) {
    let field = indicator.id.as_str();
    let mut issues = Vec::new();
    let figure = match indicator.rollup {
        Rollup::Rate if indicator.answer == Answer::YesNo => {
            match (input.numerator.trim(), input.denominator.trim()) {
                ("", "") => None,
                ("1", "1") => Some(Figure::Fraction {
                    numerator: 1,
                    denominator: 1,
                }),
                ("0", "1") => Some(Figure::Fraction {
                    numerator: 0,
                    denominator: 1,
                }),
                _ => {
                    issues.push(Issue::error(
                        field,
                        "Chỉ tiêu này trả lời «Có» hoặc «Không» cho đơn vị mình.",
                    ));
                    None
                }
            }
        }
        Rollup::Rate | Rollup::Ratio => {
            let count = |text: &str, what: &str, issues: &mut Vec<Issue>| match parse_count(text) {
                Ok(n) => n,
                Err(e) => {
                    issues.push(Issue::error(field, format!("{what}: {e}")));
                    None
                }
            };
            let numerator = count(&input.numerator, "Tử số", &mut issues);
            let denominator = count(&input.denominator, "Mẫu số", &mut issues);
            match (numerator, denominator) {
                _ if !issues.is_empty() => None,
                (None, None) => None,
                (Some(_), None) | (None, Some(_)) => {
                    issues.push(Issue::error(field, "Cần nhập cả tử số và mẫu số."));
                    None
                }
                (Some(_), Some(0)) => {
                    issues.push(Issue::error(field, "Mẫu số phải lớn hơn 0."));
                    None
                }
                (Some(n), Some(d)) if indicator.rollup == Rollup::Rate && n > d => {
                    issues.push(Issue::error(field, "Tử số không được lớn hơn mẫu số."));
                    None
                }
                (Some(numerator), Some(denominator)) => Some(Figure::Fraction {
                    numerator,
                    denominator,
                }),
            }
        }
        Rollup::Sum => match parse_count(&input.value) {
            Ok(n) => n.map(Figure::Count),
            Err(e) => {
                issues.push(Issue::error(field, e.to_string()));
                None
            }
        },
        Rollup::ProvinceOnly => match input.value.trim() {
            "" => None,
            text => match Decimal::parse(text) {
                Ok(value) => {
                    let percent = indicator.unit_kind == Some(UnitKind::Percent);
                    let hundred = Decimal::from_int(100);
                    if value.units < 0 {
                        issues.push(Issue::error(field, "Giá trị không được âm."));
                        None
                    } else if percent && value.cmp_value(hundred) == std::cmp::Ordering::Greater {
                        issues.push(Issue::error(field, "Tỷ lệ phần trăm phải từ 0 đến 100."));
                        None
                    } else {
                        Some(Figure::Value(value))
                    }
                }
                Err(e) => {
                    issues.push(Issue::error(field, e.to_string()));
                    None
                }
            },
        },
        Rollup::Children | Rollup::None => None,
    };
    if let (Some(figure), Some(last)) = (figure, indicator.result_2021.number()) {
        let multiplier = indicator.unit_kind.map_or(100, |k| k.multiplier());
        let value = match figure {
            Figure::Value(v) => Some(v),
            Figure::Fraction {
                numerator,
                denominator,
            } => Decimal::ratio(numerator, denominator, multiplier, 2),
            Figure::Count(n) => Some(Decimal::from_int(n as i64)),
        };
        // Last year's figure is the province's; only a province-wide figure compares.
        let comparable = indicator.rollup == Rollup::ProvinceOnly
            || matches!(indicator.result_2021, PlanValue::Ratio(..));
        if let Some(value) = value.filter(|_| comparable)
            && far_from(last, value)
        {
            issues.push(Issue::warning(
                field,
                format!(
                    "Khác nhiều so với kết quả năm 2021 ({}). Vui lòng kiểm tra lại.",
                    indicator.result_2021
                ),
            ));
        }
    }
    (figure, issues)
}

/// The required fields of an outline that are still empty, as errors.
pub fn missing_required(
    outline: &[OutlineSection],
    is_filled: impl Fn(&str) -> bool,
) -> Vec<Issue> {
    outline
        .iter()
        .flat_map(|section| section.fields.iter().map(move |f| (section, f)))
        .filter(|(_, f)| f.required && !is_filled(&f.key))
        .map(|(section, f)| {
            let message = match section.is_signature() {
                true => format!("Chưa điền người ký báo cáo: {}.", f.label),
                false => format!("Mục {} chưa điền: {}.", section.number, f.label),
            };
            Issue::error(&f.key, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;

    fn input(value: &str, numerator: &str, denominator: &str) -> IndicatorInput {
        IndicatorInput {
            value: value.into(),
            numerator: numerator.into(),
            denominator: denominator.into(),
        }
    }

    fn messages(issues: &[Issue]) -> Vec<(Severity, &str)> {
        issues
            .iter()
            .map(|i| (i.severity, i.message.as_str()))
            .collect()
    }

    #[test]
    fn rates_need_a_numerator_within_a_positive_denominator() {
        let row = plan().indicator("3.2a.1").unwrap();
        let (figure, issues) = check_indicator(row, &input("", "3", "5"));
        assert_eq!(
            figure,
            Some(Figure::Fraction {
                numerator: 3,
                denominator: 5
            })
        );
        assert!(issues.is_empty());
        let cases = [
            (input("", "6", "5"), "Tử số không được lớn hơn mẫu số."),
            (input("", "1", "0"), "Mẫu số phải lớn hơn 0."),
            (input("", "1", ""), "Cần nhập cả tử số và mẫu số."),
            (input("", "-1", "5"), "Tử số: Số lượng không được âm."),
            (
                input("", "1,5", "5"),
                "Tử số: Số lượng phải là số nguyên (không có phần thập phân).",
            ),
        ];
        for (bad, message) in cases {
            let (figure, issues) = check_indicator(row, &bad);
            assert_eq!(figure, None, "{bad:?}");
            assert_eq!(messages(&issues), [(Severity::Error, message)], "{bad:?}");
        }
        assert_eq!(check_indicator(row, &input("", "", "")), (None, vec![]));
    }

    #[test]
    fn a_yes_or_no_row_takes_yes_or_no_and_no_fraction() {
        let row = plan().indicator("6.3").unwrap();
        let yes = check_indicator(row, &input("", "1", "1"));
        assert_eq!(
            yes.0,
            Some(Figure::Fraction {
                numerator: 1,
                denominator: 1
            })
        );
        let no = check_indicator(row, &input("", "0", "1"));
        assert_eq!(
            no.0,
            Some(Figure::Fraction {
                numerator: 0,
                denominator: 1
            })
        );
        for bad in [input("", "2", "3"), input("", "1", "2"), input("", "1", "")] {
            let (figure, issues) = check_indicator(row, &bad);
            assert_eq!(figure, None);
            assert_eq!(
                messages(&issues),
                [(
                    Severity::Error,
                    "Chỉ tiêu này trả lời «Có» hoặc «Không» cho đơn vị mình."
                )]
            );
        }
        // The roll-up holds to the same rule whatever a device sent: 2/3 is not a figure.
        assert_eq!(crate::rollup::figure(row, None, Some(2), Some(3)), None);
        assert_eq!(
            crate::rollup::figure(row, None, Some(1), Some(1)),
            Some(Figure::Fraction {
                numerator: 1,
                denominator: 1
            })
        );
    }

    #[test]
    fn given_percentages_stay_within_0_and_100_and_far_values_warn() {
        let row = plan().indicator("2.1").unwrap(); // 41 % in 2021
        let (figure, issues) = check_indicator(row, &input("41,5", "", ""));
        assert_eq!(figure, Some(Figure::Value(Decimal::parse("41.5").unwrap())));
        assert!(issues.is_empty());
        let (_, issues) = check_indicator(row, &input("101", "", ""));
        assert_eq!(
            messages(&issues),
            [(Severity::Error, "Tỷ lệ phần trăm phải từ 0 đến 100.")]
        );
        let (_, issues) = check_indicator(row, &input("-2", "", ""));
        assert_eq!(
            messages(&issues),
            [(Severity::Error, "Giá trị không được âm.")]
        );
        let (_, issues) = check_indicator(row, &input("bốn mốt", "", ""));
        assert_eq!(issues[0].severity, Severity::Error);
        assert!(issues[0].message.contains("không phải là số"));
        let (figure, issues) = check_indicator(row, &input("75", "", ""));
        assert!(figure.is_some());
        assert_eq!(
            messages(&issues),
            [(
                Severity::Warning,
                "Khác nhiều so với kết quả năm 2021 (41). Vui lòng kiểm tra lại."
            )]
        );
    }

    #[test]
    fn a_sex_ratio_far_from_117_per_100_warns() {
        let row = plan().indicator("4.1").unwrap();
        let (figure, issues) = check_indicator(row, &input("", "115", "100"));
        assert!(figure.is_some() && issues.is_empty());
        // A ratio may exceed 100: it is not a rate.
        let (_, issues) = check_indicator(row, &input("", "300", "100"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Warning);
    }

    #[test]
    fn required_sections_before_submit() {
        let outline = &plan().activity_outline;
        let missing = missing_required(outline, |key| key == "general_situation");
        let keys: Vec<&str> = missing.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            keys,
            [
                "policy_work",
                "coordination",
                "assessment",
                "difficulties",
                "signer"
            ]
        );
        assert_eq!(
            missing[4].message,
            "Chưa điền người ký báo cáo: Họ và tên Trưởng ban."
        );
        assert!(missing_required(outline, |_| true).is_empty());
    }
}
