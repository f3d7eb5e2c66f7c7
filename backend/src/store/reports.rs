//! The `report_projection` table: one row per received report for the reviewer's list,
//! refreshed in the transaction that accepts each change. Documents stay the truth.

use super::{Store, StoreError};
use sqlx::{Row, Sqlite, Transaction};

/// What an accepted change did to a report's submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submission {
    Unchanged,
    /// The change marked the report submitted: its receipt time is the submission time.
    Submitted,
    /// The change withdrew the submission.
    Withdrawn,
}

impl Submission {
    fn code(self) -> i64 {
        match self {
            Submission::Unchanged => 0,
            Submission::Submitted => 1,
            Submission::Withdrawn => 2,
        }
    }
}

/// A report as the reviewer's list reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionRow {
    pub doc_id: String,
    pub kind: String,
    pub unit_code: u32,
    pub period: String,
    pub received_at: i64,
    /// `[label, value]` pairs, JSON.
    pub summary: String,
    pub submission: Submission,
}

/// A stored projection with both receipt times.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub doc_id: String,
    pub unit_code: u32,
    pub first_received_at: i64,
    pub last_received_at: i64,
    pub submitted_at: Option<i64>,
    pub summary: String,
}

impl Store {
    pub(super) async fn upsert_projection(
        tx: &mut Transaction<'_, Sqlite>,
        row: &ProjectionRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO report_projection
                (doc_id, kind, unit_code, period, first_received_at, last_received_at, summary, submitted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?8 = 1 THEN ?6 ELSE NULL END)
             ON CONFLICT (doc_id) DO UPDATE SET last_received_at = excluded.last_received_at,
                summary = excluded.summary,
                submitted_at = CASE ?8 WHEN 1 THEN excluded.last_received_at
                                       WHEN 2 THEN NULL
                                       ELSE report_projection.submitted_at END",
        )
        .bind(&row.doc_id)
        .bind(&row.kind)
        .bind(i64::from(row.unit_code))
        .bind(&row.period)
        .bind(row.received_at)
        .bind(row.received_at)
        .bind(&row.summary)
        .bind(row.submission.code())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Every received report, latest first.
    pub async fn received_reports(&self) -> Result<Vec<ReportRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, unit_code, first_received_at, last_received_at, submitted_at, summary
             FROM report_projection ORDER BY last_received_at DESC, doc_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReportRow {
                    doc_id: r.try_get("doc_id")?,
                    unit_code: r.try_get::<i64, _>("unit_code")? as u32,
                    first_received_at: r.try_get("first_received_at")?,
                    last_received_at: r.try_get("last_received_at")?,
                    submitted_at: r.try_get("submitted_at")?,
                    summary: r.try_get("summary")?,
                })
            })
            .collect()
    }
}
