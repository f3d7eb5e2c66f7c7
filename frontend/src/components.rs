//! Reusable views.

pub mod sync_status;
