//! Roll-up of Phụ lục 2 from communes to districts to the province, by each row's rule.
//! Rates are rebuilt from numerators and denominators (communes with a female key leader
//! over all communes), never averaged: 1/1 and 1/3 make 2/4 = 50 %, not 66,67 %.
//! Every aggregate says how many of the expected units reported.

use crate::plan::value::Decimal;
use crate::plan::{Answer, Indicator, Plan, Rollup};
use crate::units::{OrgUnit, units};
use crate::vocabulary::{UnitCode, UnitLevel};
use std::collections::BTreeMap;

/// One unit's figure for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A count (rows that sum).
    Count(u64),
    /// Numerator and denominator (rates and ratios).
    Fraction { numerator: u64, denominator: u64 },
    /// A figure given as is (province-only rows: statistics, surveys).
    Value(Decimal),
}

impl Figure {
    /// As a reviewer reads it: "3", "1/2", "66,67".
    pub fn shown(&self) -> String {
        match self {
            Figure::Count(n) => n.to_string(),
            Figure::Fraction {
                numerator,
                denominator,
            } => format!("{numerator}/{denominator}"),
            Figure::Value(d) => d.to_string(),
        }
    }
}

/// The figures of all units for all rows: (row id, unit) → figure.
pub type Figures = BTreeMap<(String, UnitCode), Figure>;

/// The figure a unit's entry gives a row, by the row's roll-up rule: numerator over
/// denominator for rates and ratios (a zero denominator gives none), the numerator for
/// sums, the value as typed for province-only rows; none for rows computed from others.
/// A yes-or-no row gives 1 of 1 or 0 of 1 and nothing else: an entry such as 2/3 would
/// weigh that unit three times in the province's rate, so it counts as not reported.
pub fn figure(
    indicator: &Indicator,
    value: Option<&str>,
    numerator: Option<u64>,
    denominator: Option<u64>,
) -> Option<Figure> {
    if indicator.answer == Answer::YesNo {
        return match (numerator?, denominator?) {
            (numerator @ (0 | 1), 1) => Some(Figure::Fraction {
                numerator,
                denominator: 1,
            }),
            _ => None,
        };
    }
    match indicator.rollup {
        Rollup::Rate | Rollup::Ratio => Some(Figure::Fraction {
            numerator: numerator?,
            denominator: denominator.filter(|d| *d > 0)?,
        }),
        Rollup::Sum => Some(Figure::Count(numerator?)),
        Rollup::ProvinceOnly => Some(Figure::Value(Decimal::parse(value?).ok()?)),
        Rollup::Children | Rollup::None => None,
    }
}

/// A rolled-up figure for one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Aggregate {
    pub numerator: u64,
    pub denominator: u64,
    /// The area's figure, if any unit reported (and a rate's denominator is not zero).
    pub value: Option<Decimal>,
    pub reported: usize,
    pub expected: usize,
}

/// A row rolled up: the province and each district.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rolled {
    pub province: Aggregate,
    pub districts: BTreeMap<UnitCode, Aggregate>,
}

/// Decimals kept in rolled-up rates.
pub const RATE_DECIMALS: u32 = 2;

/// Whether `unit` reports the row: every unit of a territorial level the row names (each
/// district, each commune); at the department level only the row's lead department, since
/// a department gives the province's figure for what it leads (a province-only row, the
/// first lead that files reports; a rate such as 3.4, each lead that does).
pub fn reports_row(plan: &Plan, indicator: &Indicator, unit: &OrgUnit) -> bool {
    if !indicator.levels.contains(&unit.level) {
        return false;
    }
    if unit.level != UnitLevel::Department {
        return true;
    }
    let mut leads = indicator
        .lead
        .ids
        .iter()
        .filter_map(|id| plan.agency(id)?.unit_code);
    if indicator.rollup == Rollup::ProvinceOnly {
        leads.next() == Some(unit.code)
    } else {
        leads.any(|code| code == unit.code)
    }
}

/// The units expected to report a row, in unit order.
pub fn expected_units(plan: &Plan, indicator: &Indicator) -> Vec<UnitCode> {
    units()
        .all()
        .iter()
        .filter(|u| reports_row(plan, indicator, u))
        .map(|u| u.code)
        .collect()
}

/// The district a unit counts under, if any.
pub fn district_of(unit: UnitCode) -> Option<UnitCode> {
    let u = unit.unit()?;
    match u.level {
        UnitLevel::District => Some(unit),
        UnitLevel::Commune => u.parent,
        UnitLevel::Province | UnitLevel::Department => None,
    }
}

/// The name of the district a commune counts under (`None` for a district itself, a
/// department or the province), as lists print it beside the unit.
pub fn district_name(unit: UnitCode) -> Option<String> {
    district_of(unit).filter(|d| *d != unit).map(UnitCode::name)
}

/// How a row's figure is built and who gives it, in plain Vietnamese, for the reviewer
/// beside the row and for the plan check: "Tỷ lệ = tổng tử số / tổng mẫu số của 481 đơn
/// vị phải báo cáo (21 huyện, 460 xã); không lấy trung bình các tỷ lệ." What «đã báo
/// cáo / phải báo cáo» counts is these units.
pub fn rule(plan: &Plan, indicator: &Indicator) -> String {
    let expected = expected_units(plan, indicator);
    let count = |level: UnitLevel| expected.iter().filter(|u| u.level() == Some(level)).count();
    let mut who: Vec<String> = [(UnitLevel::District, "huyện"), (UnitLevel::Commune, "xã")]
        .into_iter()
        .filter(|(level, _)| count(*level) > 0)
        .map(|(level, name)| format!("{} {name}", count(level)))
        .collect();
    who.extend(
        expected
            .iter()
            .filter(|u| u.level() == Some(UnitLevel::Department))
            .map(|u| u.name()),
    );
    let units = format!(
        "{} đơn vị phải báo cáo ({})",
        expected.len(),
        who.join(", ")
    );
    match (indicator.rollup, indicator.answer) {
        (Rollup::Rate, Answer::YesNo) => format!(
            "Mỗi đơn vị trả lời Có hoặc Không; tỷ lệ = số đơn vị trả lời Có / số đơn vị đã \
             trả lời, trong {units}."
        ),
        (Rollup::Rate, Answer::Figures) => {
            format!("Tỷ lệ = tổng tử số / tổng mẫu số của {units}; không lấy trung bình các tỷ lệ.")
        }
        (Rollup::Ratio, _) => format!(
            "Tỷ số = tổng số trẻ trai / tổng số trẻ gái sinh ra sống của {units}, nhân 100."
        ),
        (Rollup::Sum, _) => format!("Cộng số của {units}."),
        (Rollup::ProvinceOnly, _) => {
            format!("Một số liệu cho cả tỉnh, do {} cung cấp.", who.join(", "))
        }
        (Rollup::Children, _) => {
            let children: Vec<String> = plan
                .children(&indicator.id)
                .map(|c| plan.reference(c))
                .collect();
            let mut text = format!(
                "Tính từ tử số và mẫu số của các dòng {} (cộng tử số, cộng mẫu số); không lấy \
                 trung bình các tỷ lệ.",
                children.join(", ")
            );
            if plan.result_2021_is_children_mean(indicator) {
                text.push_str(
                    " Kết quả năm 2021 in trong kế hoạch là trung bình cộng các dòng con, nên \
                     không so sánh trực tiếp được với số tổng hợp.",
                );
            }
            text
        }
        (Rollup::None, _) => "Dòng tiêu đề, không có số liệu.".to_string(),
    }
}

/// Rolls one row up over every area.
pub fn roll_up(plan: &Plan, indicator: &Indicator, figures: &Figures) -> Rolled {
    if indicator.rollup == Rollup::Children {
        return roll_up_parent(plan, indicator, figures);
    }
    let mut province = Aggregate::default();
    let mut districts: BTreeMap<UnitCode, Aggregate> = BTreeMap::new();
    let mut given = None;
    for unit in expected_units(plan, indicator) {
        let figure = figures.get(&(indicator.id.clone(), unit)).copied();
        let mut areas = vec![&mut province];
        let district = district_of(unit).map(|d| districts.entry(d).or_default());
        areas.extend(district);
        for area in areas {
            area.expected += 1;
            match figure {
                Some(Figure::Count(n)) => {
                    area.numerator += n;
                    area.reported += 1;
                }
                Some(Figure::Fraction {
                    numerator,
                    denominator,
                }) => {
                    area.numerator += numerator;
                    area.denominator += denominator;
                    area.reported += 1;
                }
                Some(Figure::Value(v)) => {
                    given = Some(v);
                    area.reported += 1;
                }
                None => {}
            }
        }
    }
    let mut province = finish(indicator, province);
    if indicator.rollup == Rollup::ProvinceOnly {
        province.value = given;
    }
    Rolled {
        province,
        districts: districts
            .into_iter()
            .map(|(d, a)| (d, finish(indicator, a)))
            .collect(),
    }
}

/// A computed parent (3.2a): the children's numerators and denominators added up; what it
/// counts as reported and expected is units, not unit-rows: a commune that gave both
/// children is one unit of the 481, not two of 962.
fn roll_up_parent(plan: &Plan, indicator: &Indicator, figures: &Figures) -> Rolled {
    let children: Vec<&Indicator> = plan.children(&indicator.id).collect();
    let rolled: Vec<Rolled> = children
        .iter()
        .map(|child| roll_up(plan, child, figures))
        .collect();
    let mut expected: Vec<UnitCode> = children
        .iter()
        .flat_map(|child| expected_units(plan, child))
        .collect();
    expected.sort_unstable();
    expected.dedup();
    // Units expected and units that gave at least one child, per area.
    let mut counts: BTreeMap<Option<UnitCode>, (usize, usize)> = BTreeMap::new();
    for unit in expected {
        let gave = children
            .iter()
            .any(|c| figures.contains_key(&(c.id.clone(), unit)));
        for area in std::iter::once(None).chain(district_of(unit).map(Some)) {
            let entry = counts.entry(area).or_default();
            entry.1 += 1;
            entry.0 += usize::from(gave);
        }
    }
    let merge = |area: Option<UnitCode>, parts: Vec<Aggregate>| {
        let mut total = Aggregate::default();
        for part in parts {
            total.numerator += part.numerator;
            total.denominator += part.denominator;
        }
        let (reported, expected) = counts.get(&area).copied().unwrap_or_default();
        total.reported = reported;
        total.expected = expected;
        finish(indicator, total)
    };
    let mut districts = BTreeMap::new();
    for district in units()
        .all()
        .iter()
        .filter(|u| u.level == UnitLevel::District)
    {
        let parts = rolled
            .iter()
            .filter_map(|c| c.districts.get(&district.code).copied())
            .collect();
        districts.insert(district.code, merge(Some(district.code), parts));
    }
    Rolled {
        province: merge(None, rolled.iter().map(|c| c.province).collect()),
        districts,
    }
}

/// Computes an aggregate's figure from its sums.
fn finish(indicator: &Indicator, mut aggregate: Aggregate) -> Aggregate {
    if aggregate.reported == 0 {
        return aggregate;
    }
    let multiplier = indicator.unit_kind.map_or(100, |k| k.multiplier());
    aggregate.value = match indicator.rollup {
        Rollup::Sum => Some(Decimal::from_int(aggregate.numerator as i64)),
        Rollup::Rate | Rollup::Ratio | Rollup::Children => Decimal::ratio(
            aggregate.numerator,
            aggregate.denominator,
            multiplier,
            RATE_DECIMALS,
        ),
        Rollup::ProvinceOnly | Rollup::None => None,
    };
    aggregate
}

/// Every row of the plan rolled up.
pub fn roll_up_all(plan: &Plan, figures: &Figures) -> BTreeMap<String, Rolled> {
    plan.indicators
        .iter()
        .filter(|i| i.rollup != Rollup::None)
        .map(|i| (i.id.clone(), roll_up(plan, i, figures)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;

    fn code(c: u32) -> UnitCode {
        c.to_string().parse().unwrap()
    }

    fn fraction(numerator: u64, denominator: u64) -> Figure {
        Figure::Fraction {
            numerator,
            denominator,
        }
    }

    /// A hand-computed case: four communes in two districts, one district's own figure.
    #[test]
    fn rates_are_rebuilt_from_numerators_and_denominators() {
        let plan = plan();
        let row = plan.indicator("3.2a.1").unwrap();
        let mut figures = Figures::new();
        // Huyện Kỳ Sơn (417): Mỹ Lý 1/1, Bắc Lý 1/3, the district itself 2/4.
        figures.insert((row.id.clone(), code(16816)), fraction(1, 1));
        figures.insert((row.id.clone(), code(16819)), fraction(1, 3));
        figures.insert((row.id.clone(), code(417)), fraction(2, 4));
        // Thành phố Vinh (412): Đông Vĩnh 0/2.
        figures.insert((row.id.clone(), code(16663)), fraction(0, 2));
        let rolled = roll_up(plan, row, &figures);
        let ky_son = rolled.districts[&code(417)];
        assert_eq!((ky_son.numerator, ky_son.denominator), (4, 8));
        assert_eq!(ky_son.value.unwrap().to_string(), "50,00");
        assert_eq!((ky_son.reported, ky_son.expected), (3, 22));
        let vinh = rolled.districts[&code(412)];
        assert_eq!(vinh.value.unwrap().to_string(), "0,00");
        assert_eq!(rolled.province.value.unwrap().to_string(), "40,00");
        assert_eq!(
            (rolled.province.reported, rolled.province.expected),
            (4, 481)
        );
        // The parent row 3.2a adds its children's numerators and denominators.
        let child2 = plan.indicator("3.2a.2").unwrap();
        figures.insert((child2.id.clone(), code(16816)), fraction(3, 4));
        let parent = roll_up(plan, plan.indicator("3.2a").unwrap(), &figures);
        assert_eq!(
            (parent.province.numerator, parent.province.denominator),
            (7, 14)
        );
        assert_eq!(parent.province.value.unwrap().to_string(), "50,00");
        // Units, not unit-rows: Mỹ Lý gave both children and is one unit of the 481.
        assert_eq!(
            (parent.province.reported, parent.province.expected),
            (4, 481)
        );
        assert_eq!(
            (
                parent.districts[&code(417)].reported,
                parent.districts[&code(417)].expected
            ),
            (3, 22)
        );
    }

    /// Generated data for all 481 reporting units: every commune and district reports;
    /// the 21 communes of Kỳ Sơn have no female key leader, all others have one.
    #[test]
    fn all_481_units_roll_up() {
        let plan = plan();
        let mut figures = Figures::new();
        let ky_son = code(417);
        for unit in units().all() {
            match unit.level {
                UnitLevel::Commune => {
                    let has_leader = u64::from(unit.parent != Some(ky_son));
                    figures.insert(("1.1.3".into(), unit.code), fraction(has_leader, 1));
                    figures.insert(("6.3".into(), unit.code), fraction(1, 1));
                }
                UnitLevel::District => {
                    figures.insert(
                        ("1.1.2".into(), unit.code),
                        fraction(u64::from(unit.code.get() % 3 == 0), 1),
                    );
                    figures.insert(("4.1".into(), unit.code), fraction(230, 200));
                }
                _ => {}
            }
        }
        figures.insert(
            ("2.1".into(), code(90001)),
            Figure::Value(Decimal::parse("41,2").unwrap()),
        );
        let all = roll_up_all(plan, &figures);
        let communes = &all["1.1.3"];
        assert_eq!(
            (communes.province.reported, communes.province.expected),
            (460, 460)
        );
        assert_eq!(
            (communes.province.numerator, communes.province.denominator),
            (439, 460)
        );
        // 439 / 460 × 100 = 95,434… → 95,43
        assert_eq!(communes.province.value.unwrap().to_string(), "95,43");
        assert_eq!(
            communes.districts[&ky_son].value.unwrap().to_string(),
            "0,00"
        );
        assert_eq!(communes.districts[&ky_son].expected, 21);
        assert_eq!(all["6.3"].province.value.unwrap().to_string(), "100,00");
        // District codes run 412…432; the multiples of 3 are 414, 417, 420, 423, 426, 429,
        // 432: 7 of 21 → 33,33 %.
        let districts = &all["1.1.2"].province;
        assert_eq!((districts.reported, districts.expected), (21, 21));
        assert_eq!(districts.value.unwrap().to_string(), "33,33");
        // Sex ratio at birth: 230 boys per 200 girls in every district → 115 per 100.
        assert_eq!(all["4.1"].province.value.unwrap().to_string(), "115,00");
        assert_eq!(all["2.1"].province.value.unwrap().to_string(), "41,2");
        assert_eq!(
            (all["2.1"].province.reported, all["2.1"].province.expected),
            (1, 1)
        );
        // Nothing reported: no figure, but the expected count is known.
        assert_eq!(all["5.2a"].province.value, None);
        assert_eq!(all["5.2a"].province.expected, 21);
        assert!(!all.contains_key("1.1"));
    }

    /// What the reviewer reads beside a row: who gives it and how it adds up.
    #[test]
    fn every_row_says_how_it_is_built_and_who_gives_it() {
        let plan = plan();
        let rule = |id: &str| rule(plan, plan.indicator(id).unwrap());
        assert_eq!(
            rule("3.2a.1"),
            "Tỷ lệ = tổng tử số / tổng mẫu số của 481 đơn vị phải báo cáo (21 huyện, 460 \
             xã); không lấy trung bình các tỷ lệ."
        );
        assert!(rule("1.1.2").starts_with("Mỗi đơn vị trả lời Có hoặc Không"));
        assert!(rule("3.4").contains("1 đơn vị phải báo cáo (Sở Lao động"));
        assert!(rule("6.2").contains("22 đơn vị phải báo cáo (21 huyện, Sở Lao động"));
        let parent = rule("3.2a");
        assert!(parent.contains("III.2.1.1, III.2.1.2"), "{parent}");
        assert!(parent.contains("trung bình cộng các dòng con"), "{parent}");
        assert!(rule("2.1").starts_with("Một số liệu cho cả tỉnh, do Sở Lao động"));
    }
}
