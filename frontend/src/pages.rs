//! One route per file; the report page holds one editor per report kind.

pub mod activity;
pub mod consolidated;
pub mod home;
pub mod inspection;
pub mod login;
pub mod overview;
pub mod programme;
pub mod progress;
pub mod received;
pub mod report;
