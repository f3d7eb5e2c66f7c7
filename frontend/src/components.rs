//! Reusable views.

pub mod backup;
pub mod conflict_panel;
pub mod decision_notice;
pub mod field_diffs;
pub mod field_history;
pub mod jump;
pub mod refused_panel;
pub mod storage_info;
pub mod submit_bar;
pub mod sync_status;
pub mod update_banner;
