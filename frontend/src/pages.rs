//! One route per file; the report page holds one editor per report kind. The reviewers'
//! pages are in `crate::review`.

pub mod activity;
pub mod home;
pub mod inspection;
pub mod login;
pub mod programme;
pub mod report;
