//! Reusable views.

pub mod backup;
pub mod chart;
pub mod conflict_panel;
pub mod export_button;
pub mod field_history;
pub mod hand_in;
pub mod review;
pub mod review_nav;
pub mod storage_info;
pub mod submit_bar;
pub mod sync_status;
pub mod update_banner;
