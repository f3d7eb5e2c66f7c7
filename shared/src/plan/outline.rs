//! Phụ lục 3: the outline of the Ban VSTBPN activity report (sections I–IV and the
//! signer), each section with its fields. Editors, checks and exports walk this outline
//! instead of naming fields in code.

use super::by_level::{LevelText, for_level};
use crate::vocabulary::UnitLevel;
use serde::{Deserialize, Serialize};

/// How a field is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Long free text, merged by character (Automerge text).
    Narrative,
    /// A short line (the signer's name).
    Text,
    /// A whole number, not negative.
    Count,
    /// Repeating rows with a stable key, e.g. documents issued.
    Table,
    /// Fixed rows × count columns, e.g. the organisation table (3 levels × 5).
    Grid,
}

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    /// A date, typed dd/mm/yyyy.
    Date,
}

/// A column of a table or grid, or a fixed row of a grid.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: String,
    /// For table columns; grid cells are counts.
    #[serde(default)]
    pub kind: Option<ColumnKind>,
    /// For a grid row that belongs to a level of the hierarchy ("Cấp xã"): the units that
    /// enter it. Only they see it and only their figures count in it, so that a district
    /// does not add its communes' figures again. Empty: every unit enters it.
    #[serde(default)]
    pub entered_by: Vec<UnitLevel>,
    /// For a grid row the seed words differently by level (II.4.2 asks a department for
    /// "lãnh đạo cấp phòng, ban" and a locality for "đoàn thể" in the same place): the
    /// wording for those levels; `label` for the others.
    #[serde(default)]
    pub labels: Vec<LevelText>,
}

impl Column {
    /// The label a unit at `level` reads.
    pub fn label_at(&self, level: Option<UnitLevel>) -> &str {
        for_level(&self.labels, level).unwrap_or(&self.label)
    }

    /// Whether a unit at `level` enters this grid row.
    pub fn entered_at(&self, level: Option<UnitLevel>) -> bool {
        self.entered_by.is_empty() || level.is_some_and(|l| self.entered_by.contains(&l))
    }
}

/// A field of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineField {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    /// Must be filled before the report can be submitted.
    #[serde(default)]
    pub required: bool,
    /// Columns of a table or grid.
    #[serde(default)]
    pub columns: Vec<Column>,
    /// Fixed rows of a grid.
    #[serde(default)]
    pub rows: Vec<Column>,
    /// For a grid whose rows every level enters about its own people (the women cadres
    /// of II.4.2): consolidation keeps each level's figures apart, since a district's
    /// "cấp ủy đảng" and a commune's are different bodies and adding them means nothing.
    #[serde(default)]
    pub by_level: bool,
}

/// A section of the outline: "I", "II.3", "II.5.1", "signer".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineSection {
    pub number: String,
    pub title: String,
    /// What the seed asks the section to cover, point by point, as it prints them; a
    /// point for some levels only (II.4.2: departments, localities) names them.
    #[serde(default)]
    pub prompts: Vec<LevelText>,
    pub fields: Vec<OutlineField>,
}

/// The number of the section that holds the report's signature, which prints no number.
const SIGNATURE: &str = "signer";

impl OutlineSection {
    /// Whether this is the signature block (the signer's name) rather than a numbered
    /// section of Phụ lục 3.
    pub fn is_signature(&self) -> bool {
        self.number == SIGNATURE
    }
}
