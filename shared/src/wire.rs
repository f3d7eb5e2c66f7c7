//! What crosses the network.
//!
//! Sync is binary: one `POST /api/sync` carries a [`SyncRequest`] with the Automerge sync
//! message of every document the device holds, and the answer is a [`SyncResponse`] with
//! the server's reply for each. Both are postcard-encoded (no base64, no JSON), so a
//! one-field change costs a few hundred bytes. The rest of the API is small JSON.

use crate::access::Role;
use crate::report::review::{ReportState, Verdict};
use serde::{Deserialize, Serialize};

/// The most documents one sync request may carry.
pub const MAX_DOCS_PER_REQUEST: usize = 256;
/// The largest sync request body the server reads.
pub const MAX_SYNC_BODY: usize = 8 * 1024 * 1024;

/// One device's batched sync round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// A random id the device chose at install; recorded with every change it uploads.
    pub device: String,
    pub docs: Vec<DocMessage>,
}

/// An Automerge sync message for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMessage {
    /// A [`crate::ids::DocId`] in its text form.
    pub doc: String,
    #[serde(with = "serde_bytes")]
    pub message: Vec<u8>,
}

/// The server's answers, one per document of the request, in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    pub docs: Vec<DocReply>,
}

/// The server's answer for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocReply {
    /// The server's next sync message.
    Message {
        doc: String,
        #[serde(with = "serde_bytes")]
        message: Vec<u8>,
    },
    /// The changes were refused and nothing was stored; the client must drop its copy
    /// and take the server's. The reason is Vietnamese, for the officer.
    Refused { doc: String, reason: String },
}

impl DocReply {
    pub fn doc(&self) -> &str {
        match self {
            DocReply::Message { doc, .. } | DocReply::Refused { doc, .. } => doc,
        }
    }
}

/// A body that is not a valid envelope.
#[derive(Debug, thiserror::Error)]
#[error("Dữ liệu đồng bộ không hợp lệ")]
pub struct WireError(#[from] postcard::Error);

/// Encodes a sync envelope.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("sync envelopes always serialize")
}

/// Decodes a sync envelope.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, WireError> {
    Ok(postcard::from_bytes(bytes)?)
}

/// `POST /api/login` body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/login` answer: an opaque bearer token and who it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    /// Milliseconds since the Unix epoch.
    pub expires_at: i64,
    pub profile: Profile,
}

/// The signed-in user, kept on the phone for offline use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Statistics-office code of the user's unit, if any.
    pub unit: Option<u32>,
}

/// Every error answer of the JSON API: a message for the user, in Vietnamese.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

/// The device provenance names for changes that reached the server in a handed-in file
/// rather than from the unit's own phone.
pub const HAND_IN_DEVICE: &str = "tệp sao lưu";

/// A hand-in of a report: who brought the unit's file to the server, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandIn {
    pub by: String,
    pub at: i64,
}

/// One received report as the reviewer's list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedReport {
    pub doc: String,
    pub unit_code: u32,
    pub unit_name: String,
    /// The district the unit belongs to, if it is a commune.
    pub district_name: Option<String>,
    pub title: String,
    pub period: String,
    /// Server receipt time of the first and the latest accepted change, ms since epoch.
    pub first_received_at: i64,
    pub last_received_at: i64,
    /// Server receipt time of the change that submitted the report, if submitted (a
    /// resubmission after a return moves it).
    pub submitted_at: Option<i64>,
    /// Server receipt time of the report's first submission, which never moves.
    #[serde(default)]
    pub first_submitted_at: Option<i64>,
    /// Whether the first submission was before the deadline: timeliness.
    pub on_time: Option<bool>,
    /// Whether the report changed after the submission in force ("sửa sau khi nộp").
    #[serde(default)]
    pub edited_after_submission: bool,
    /// Every hand-in of the report through someone else's file, first first.
    #[serde(default)]
    pub handed_in: Vec<HandIn>,
    /// Field label and displayed value, in the outline's order.
    pub values: Vec<(String, String)>,
    /// The reviewer's decision in force, if any.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// Server receipt time of that decision.
    #[serde(default)]
    pub decided_at: Option<i64>,
    /// Where the report stands, from the server's projection.
    pub state: ReportState,
}

/// Who uploaded one change and when the server received it (`GET
/// /api/documents/{doc}/history`), for the field histories the phone builds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// The change hash, hex.
    pub hash: String,
    pub user: String,
    pub device: String,
    pub received_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_round_trip_and_garbage_is_refused() {
        let request = SyncRequest {
            device: "d1".into(),
            docs: vec![DocMessage {
                doc: "activity:16816:2022-H1".into(),
                message: vec![1, 2, 3],
            }],
        };
        let bytes = encode(&request);
        // The message bytes are carried raw: the envelope adds a length byte per field.
        let payload = "d1".len() + "activity:16816:2022-H1".len() + 3;
        assert!(bytes.len() <= payload + 4, "{} bytes", bytes.len());
        assert_eq!(decode::<SyncRequest>(&bytes).unwrap(), request);
        assert!(decode::<SyncRequest>(&[0xff, 0xff, 0xff]).is_err());
        assert!(decode::<SyncRequest>(&bytes[..bytes.len() - 1]).is_err());
    }
}

/// What the server did with a saved file handed in at the province (`POST /api/import`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    /// Documents that gained changes from the file.
    pub merged: Vec<String>,
    /// Documents the server already had in full.
    pub unchanged: Vec<String>,
    /// Documents left out, with why (Vietnamese).
    pub skipped: Vec<(String, String)>,
}

/// The largest saved file the server takes.
pub const MAX_IMPORT_BODY: usize = 32 * 1024 * 1024;

/// What `GET /api/changes` answers: documents the user reads that the server stored
/// since the cursor the client sent, and the cursor for the next call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesResponse {
    pub docs: Vec<String>,
    pub cursor: i64,
}

/// A column of the overview: one report of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewColumn {
    pub kind: String,
    pub title: String,
    /// "05/06/2022".
    pub due: String,
}

/// One cell: where a unit's report stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewCell {
    pub doc: String,
    pub status: crate::overview::CellStatus,
    /// The first submission's receipt: the version timeliness is judged on.
    pub submitted_at: Option<i64>,
    /// Whether the report changed after it was submitted ("sửa sau khi nộp").
    #[serde(default)]
    pub edited_after_submission: bool,
    /// Whether some of it reached the server in someone else's file ("nộp hộ").
    #[serde(default)]
    pub handed_in: bool,
}

/// One unit's row; a cell is `None` where the unit does not file that report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub unit_code: u32,
    pub unit_name: String,
    pub district_name: Option<String>,
    pub cells: Vec<Option<OverviewCell>>,
}

/// The counts of one district (`code` none: the departments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictTally {
    pub code: Option<u32>,
    pub name: String,
    pub tally: crate::overview::Tally,
    pub submitted_rate: String,
    pub on_time_rate: String,
}

/// `GET /api/overview`: the completeness and timeliness matrix of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewResponse {
    pub period: String,
    pub period_label: String,
    pub columns: Vec<OverviewColumn>,
    pub rows: Vec<OverviewRow>,
    pub districts: Vec<DistrictTally>,
    pub total: DistrictTally,
}

/// One row of the consolidated Phụ lục 2 table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsolidatedRow {
    pub id: String,
    pub printed: String,
    pub text: String,
    pub unit: String,
    pub result_2021: String,
    pub plan_2022: String,
    /// The rolled-up figure ("95,43"), none while no unit reported.
    pub actual: Option<String>,
    pub numerator: u64,
    pub denominator: u64,
    pub reported: u32,
    pub expected: u32,
    /// Whether the 2022 target is met; none where the target is not a figure.
    pub met: Option<bool>,
    pub heading: bool,
    /// What the consolidating level's own report says of the row (the province's
    /// explanation, or the district's note).
    #[serde(default)]
    pub note: Option<String>,
    /// The drill-down: for the province each district's figure, for a district each of
    /// its units' own figures.
    #[serde(default)]
    pub parts: Vec<AreaFigure>,
}

/// One area's or unit's figure in the drill-down of a consolidated row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaFigure {
    pub code: u32,
    pub name: String,
    /// The figure ("66,67" for an area, "1/2" as a unit gave it); none if not reported.
    pub value: Option<String>,
    pub reported: u32,
    pub expected: u32,
}

/// `GET /api/consolidated?period=2022[&district=417]`: Phụ lục 2 rolled up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsolidatedResponse {
    pub period: String,
    /// The area: "Toàn tỉnh" or the district's name.
    pub area: String,
    pub rows: Vec<ConsolidatedRow>,
}
