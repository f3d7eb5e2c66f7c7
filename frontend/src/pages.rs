//! One route per file.

pub mod home;
pub mod login;
pub mod received;
pub mod report;
