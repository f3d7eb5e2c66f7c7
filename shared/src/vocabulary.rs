//! The words every other module of the crate is written in: dates, periods, report
//! kinds, unit levels and unit codes. This layer imports nothing from the crate and loads
//! nothing (no plan, no unit list), so the plan file and the unit list can be read in
//! its terms. The layers above it:
//!
//! 1. `vocabulary` (this module);
//! 2. [`crate::plan`] and [`crate::units`], the data of the year;
//! 3. [`crate::ids`] and [`crate::calendar`], which name and date reports of that data.

mod date;
mod id_error;
mod period;
mod report_kind;
mod unit_code;
mod unit_level;

pub use date::{Date, VIETNAM_UTC_OFFSET_MS};
pub use id_error::IdError;
pub use period::Period;
pub use report_kind::ReportKind;
pub use unit_code::UnitCode;
pub use unit_level::UnitLevel;
