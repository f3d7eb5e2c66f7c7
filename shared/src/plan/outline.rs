//! Phụ lục 3: the outline of the Ban VSTBPN activity report (sections I–IV and the
//! signer), each section with its fields. Editors, checks and exports walk this outline
//! instead of naming fields in code.

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
}

impl Column {
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
}

/// A section of the outline: "I", "II.3", "II.5.1", "signer".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineSection {
    pub number: String,
    pub title: String,
    pub fields: Vec<OutlineField>,
}
