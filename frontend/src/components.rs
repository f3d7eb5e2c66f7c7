//! Reusable views.

pub mod submit_bar;
pub mod sync_status;
