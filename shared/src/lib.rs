//! The plan's data model and every rule on it, shared by the PWA (wasm32) and the server.
//!
//! Pure: no I/O, no async runtime. The year's data sits on a vocabulary that loads
//! nothing, and everything else is written in their terms (`tests/layers.rs` holds the
//! first five modules to this order):
//!
//! - [`vocabulary`]: dates, periods, report kinds, unit levels and unit codes.
//! - [`plan`]: the year's plan as data (agencies, tasks, indicators, outline, calendar).
//! - [`units`]: the province's org units (the 2022 statistics-office list) and the
//!   plan's departments, in one hierarchy; which codes name a unit.
//! - [`ids`]: [`ids::DocId`], one Automerge document per report kind, unit and period.
//! - [`calendar`]: which reports a unit files in 2022, when each is due, and its title.
//!
//! The rules and the documents:
//!
//! - [`rollup`]: Phụ lục 2 rolled up from communes to districts to the province.
//! - [`validation`]: checks on what officers enter, errors apart from warnings.
//! - [`overview`]: the reviewer's matrix of units × reports and its counts per district.
//! - [`progress`]: Phụ lục 1's tasks with what their lead agencies reported.
//! - [`report`]: the report documents (activity, programme results, self-inspection),
//!   their edits and summaries.
//! - [`genesis`]: the deterministic first change every report document starts from.
//! - [`heads`]: a version of a document, as decisions, the projection and exports name it.
//! - [`consolidation`]: merging units' activity reports into one, and which version
//!   of a report an export reads.
//! - [`count`]: parsing what officers type into count fields.
//! - [`file_text`]: officers' text cleaned of what an official file cannot hold.
//! - [`access`]: who may read and write which document.
//! - [`bundle`]: a file of a device's documents, merged on import (weeks with no network).
//! - [`wire`]: the binary sync envelope and the JSON request/response types of the API.
//! - [`sync_message`]: decoding a peer's sync message, refusing Bloom filters Automerge
//!   would panic on.
//! - [`replicas`]: one client's copies of its documents and the batched sync rounds over them.

pub mod access;
pub mod bundle;
pub mod calendar;
pub mod consolidation;
pub mod count;
pub mod file_text;
pub mod genesis;
pub mod heads;
pub mod ids;
pub mod overview;
pub mod plan;
pub mod progress;
pub mod replicas;
pub mod report;
pub mod rollup;
pub mod sync_message;
pub mod units;
pub mod validation;
pub mod vocabulary;
pub mod wire;
