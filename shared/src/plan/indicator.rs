//! Rows of Phụ lục 2: the indicators of the national gender-equality strategy as the
//! province plans them, in their real shapes (parents whose children carry the numbers,
//! heading rows, text results, ratios, bounds), with the rules the plan leaves implicit
//! made explicit: which way each should move, which units report it, and how the
//! province's figure is built from theirs.

use super::AgencyCell;
use super::by_level::{LevelText, for_level};
use super::value::{Bound, Decimal, PlanValue};
use crate::vocabulary::UnitLevel;
use serde::{Deserialize, Serialize};

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A row with figures.
    Indicator,
    /// A row of text only, whose children carry the figures.
    Heading,
}

/// The measure of a row, from its printed unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// "%" or "(%)".
    Percent,
    /// A count of things: "cơ quan".
    Count,
    /// A multiple: "lần" (women's unpaid hours per men's).
    Times,
    /// Births per 1000: "ca sinh/1000".
    PerThousand,
    /// Boys per 100 girls.
    Ratio,
}

impl UnitKind {
    /// What a rate's quotient is multiplied by.
    pub fn multiplier(self) -> u64 {
        match self {
            UnitKind::Percent | UnitKind::Ratio => 100,
            UnitKind::PerThousand => 1000,
            UnitKind::Count | UnitKind::Times => 1,
        }
    }
}

/// Which way the strategy wants a row to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "Tăng", or a share to reach.
    Raise,
    /// "Giảm".
    Lower,
    /// "Duy trì".
    Keep,
}

/// How the province's figure is built from the reporting units'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rollup {
    /// Σ counts.
    Sum,
    /// Σ numerator / Σ denominator × the unit's multiplier — never an average of rates.
    Rate,
    /// Σ boys / Σ girls × 100.
    Ratio,
    /// One figure for the province, given by the lead department (statistics, surveys).
    ProvinceOnly,
    /// Computed from the children rows' numerators and denominators.
    Children,
    /// Nothing to roll up (heading rows).
    None,
}

/// A row of Phụ lục 2.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    /// Normalised id: objective, indicator number, letter, child: "3.2a.1".
    pub id: String,
    /// As printed in the seed: "2,1", "2.1.1", "" (the seed leaves 4.b unnumbered).
    pub printed: String,
    pub objective: u8,
    pub text: String,
    pub parent: Option<String>,
    pub kind: IndicatorKind,
    /// As printed: "(%)", "%", "cơ quan", "lần", "ca sinh/1000".
    pub unit: String,
    pub unit_kind: Option<UnitKind>,
    pub direction: Direction,
    pub result_2021: PlanValue,
    pub plan_2022: PlanValue,
    pub lead: AgencyCell,
    /// Which units report the row.
    pub levels: Vec<UnitLevel>,
    pub rollup: Rollup,
    /// What each unit answers: figures, or yes or no.
    pub answer: Answer,
    /// What a unit of a level enters, where the row alone would leave it unclear (a
    /// district enters only the cases it handled itself, not its communes' again).
    pub notes: Vec<LevelText>,
}

/// What a unit answers for a rate row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Numerator and denominator, or a count, or a value, by the row's roll-up.
    #[default]
    Figures,
    /// "Does the unit have …" (1.1.2, 1.1.3, 4.4, 6.3): each unit is 1 of 1 or 0 of 1, so that no
    /// unit weighs more than one in the province's rate.
    YesNo,
}

/// Why a 2022 target is suspicious against its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectionIssue {
    /// The target moves the wrong way (lower for a row to raise, higher for one to lower).
    AgainstDirection,
    /// A bound that cannot express the direction (">25" for a row to lower).
    BoundAgainstDirection,
    /// A bound already met by last year's result, so it asks for no progress.
    BoundAlreadyMet,
    /// A row to keep whose target differs from last year.
    KeepChanged,
}

impl DirectionIssue {
    /// What a planner reads next to the row.
    pub fn message(self) -> &'static str {
        match self {
            DirectionIssue::AgainstDirection => {
                "Chỉ tiêu năm 2022 đi ngược hướng yêu cầu so với kết quả năm 2021."
            }
            DirectionIssue::BoundAgainstDirection => {
                "Ngưỡng kế hoạch ngược với hướng yêu cầu của chỉ tiêu."
            }
            DirectionIssue::BoundAlreadyMet => {
                "Kết quả năm 2021 đã đạt ngưỡng kế hoạch; kế hoạch không đòi hỏi tiến bộ."
            }
            DirectionIssue::KeepChanged => {
                "Chỉ tiêu «duy trì» nhưng kế hoạch khác kết quả năm 2021."
            }
        }
    }
}

impl Indicator {
    /// What a unit at `level` is told to enter in this row, if the plan says.
    pub fn note_for(&self, level: Option<crate::vocabulary::UnitLevel>) -> Option<&str> {
        for_level(&self.notes, level)
    }

    /// What the officer of a unit at `level` is told beside the row: the plan's note for
    /// that level, else what the row's roll-up asks of every unit (its own figures only;
    /// the levels above rebuild theirs).
    pub fn entry_rule(&self, level: Option<crate::vocabulary::UnitLevel>) -> &str {
        if let Some(note) = self.note_for(level) {
            return note;
        }
        match (self.rollup, self.answer) {
            (Rollup::Rate, Answer::YesNo) => "Trả lời cho riêng đơn vị mình.",
            (Rollup::Rate, Answer::Figures) => {
                "Nhập tử số và mẫu số của riêng đơn vị mình; tỷ lệ của huyện, tỉnh được tính \
                 lại từ tổng tử số và tổng mẫu số."
            }
            (Rollup::Ratio, _) => {
                "Số trẻ trai và số trẻ gái sinh ra sống trên địa bàn của đơn vị mình trong năm."
            }
            (Rollup::Sum, _) => "Nhập số của riêng đơn vị mình; cấp trên cộng lại.",
            (Rollup::ProvinceOnly, _) => "Số liệu chung của cả tỉnh, do sở chủ trì cung cấp.",
            (Rollup::Children | Rollup::None, _) => "",
        }
    }

    /// Whether units enter figures for this row (headings and computed parents do not).
    pub fn is_reported(&self) -> bool {
        !self.levels.is_empty()
    }

    /// Checks the 2022 target against the direction and last year's result.
    pub fn direction_issue(&self) -> Option<DirectionIssue> {
        use std::cmp::Ordering::{Greater, Less};
        let last = self.result_2021.number()?;
        match (&self.plan_2022, self.direction) {
            (PlanValue::Bound(Bound::Above, _), Direction::Lower)
            | (PlanValue::Bound(Bound::Below, _), Direction::Raise) => {
                Some(DirectionIssue::BoundAgainstDirection)
            }
            (PlanValue::Bound(Bound::Below, limit), Direction::Lower)
                if limit.cmp_value(last) == Greater =>
            {
                Some(DirectionIssue::BoundAlreadyMet)
            }
            (PlanValue::Bound(Bound::Above, limit), Direction::Raise)
                if limit.cmp_value(last) == Less =>
            {
                Some(DirectionIssue::BoundAlreadyMet)
            }
            (PlanValue::Number(_) | PlanValue::Ratio(..), direction) => {
                let target = self.plan_2022.number()?;
                match (direction, target.cmp_value(last)) {
                    (Direction::Raise, Less) | (Direction::Lower, Greater) => {
                        Some(DirectionIssue::AgainstDirection)
                    }
                    (Direction::Keep, Less | Greater) => Some(DirectionIssue::KeepChanged),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// An actual figure as the plan prints this row's: a ratio as "112/100" beside a
    /// plan of "114/100", anything else with its decimal comma ("66,67").
    pub fn show(&self, actual: Decimal) -> String {
        if self.rollup == Rollup::Ratio {
            format!("{}/100", actual.normalized())
        } else {
            actual.to_string()
        }
    }

    /// Whether an actual figure meets the 2022 target; `None` when the target is not a
    /// figure. A bound is read in the row's direction: for a row to lower (4.2, maternal
    /// mortality, printed ">25") it is the ceiling the figure must stay under, whatever
    /// sign the seed printed; for a row to raise, the floor it must pass.
    pub fn target_met(&self, actual: Decimal) -> Option<bool> {
        use std::cmp::Ordering::{Greater, Less};
        let order = |target: Decimal| actual.cmp_value(target);
        match (&self.plan_2022, self.direction) {
            (PlanValue::Bound(_, t), Direction::Lower) => Some(order(*t) == Less),
            (PlanValue::Bound(_, t), Direction::Raise) => Some(order(*t) == Greater),
            (PlanValue::Bound(Bound::Above, t), Direction::Keep) => Some(order(*t) == Greater),
            (PlanValue::Bound(Bound::Below, t), Direction::Keep) => Some(order(*t) == Less),
            (PlanValue::Number(t) | PlanValue::Ratio(t, _), Direction::Lower) => {
                Some(order(*t) != Greater)
            }
            (PlanValue::Number(t) | PlanValue::Ratio(t, _), Direction::Raise) => {
                Some(order(*t) != Less)
            }
            (PlanValue::Number(t) | PlanValue::Ratio(t, _), Direction::Keep) => {
                Some(order(*t) != Less)
            }
            _ => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub id: String,
    printed: String,
    objective: u8,
    text: String,
    #[serde(default)]
    parent: Option<String>,
    kind: IndicatorKind,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    unit_kind: Option<UnitKind>,
    direction: Direction,
    #[serde(default)]
    result_2021: String,
    #[serde(default)]
    plan_2022: String,
    pub lead: AgencyCell,
    levels: Vec<UnitLevel>,
    rollup: Rollup,
    #[serde(default)]
    answer: Answer,
    #[serde(default)]
    notes: Vec<LevelText>,
}

impl RawIndicator {
    pub(super) fn into_indicator(self) -> Result<Indicator, String> {
        let value = |text: &str, column: &str| {
            PlanValue::parse(text).map_err(|e| format!("row {}: {column} «{text}»: {e}", self.id))
        };
        let result_2021 = value(&self.result_2021, "result_2021")?;
        let plan_2022 = value(&self.plan_2022, "plan_2022")?;
        let is_indicator = self.kind == IndicatorKind::Indicator;
        if is_indicator && self.unit_kind.is_none() {
            return Err(format!("row {} has figures but no unit_kind", self.id));
        }
        if is_indicator && plan_2022 == PlanValue::Empty {
            return Err(format!("row {} has no 2022 plan", self.id));
        }
        let needs_levels = matches!(
            self.rollup,
            Rollup::Sum | Rollup::Rate | Rollup::Ratio | Rollup::ProvinceOnly
        );
        if needs_levels == self.levels.is_empty() {
            return Err(format!(
                "row {}: its rollup does not fit its levels (a row summed from units names \
                 the levels that report it; a computed or heading row names none)",
                self.id
            ));
        }
        if let Some(note) = self
            .notes
            .iter()
            .find(|n| n.levels.iter().any(|l| !self.levels.contains(l)))
        {
            return Err(format!(
                "row {}: the note «{}» is for a level that does not report the row",
                self.id, note.text
            ));
        }
        if self.answer == Answer::YesNo && self.rollup != Rollup::Rate {
            return Err(format!(
                "row {}: a yes-or-no row is a rate of the units that answer yes",
                self.id
            ));
        }
        Ok(Indicator {
            id: self.id,
            printed: self.printed,
            objective: self.objective,
            text: self.text,
            parent: self.parent,
            kind: self.kind,
            unit: self.unit,
            unit_kind: self.unit_kind,
            direction: self.direction,
            result_2021,
            plan_2022,
            lead: self.lead,
            levels: self.levels,
            rollup: self.rollup,
            answer: self.answer,
            notes: self.notes,
        })
    }
}
