//! The `report_projection` table: one row per received report for the reviewer's list,
//! refreshed in the transaction that accepts each change. Documents stay the truth.

use super::{Store, StoreError};
use sqlx::{Any, Row, Transaction};

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

/// What an accepted change refreshes in the projection.
#[derive(Debug, Clone, PartialEq)]
pub enum Projection {
    /// A report's own changes.
    Report(ProjectionRow),
    /// A review's changes: the decision now in force on the report `doc_id`.
    Review {
        doc_id: String,
        verdict: String,
        heads: String,
        decided_at: i64,
    },
}

/// A whole projection row, as `rebuild-projections` computes it from the documents.
#[derive(Debug, Clone, PartialEq)]
pub struct FullProjection {
    pub doc_id: String,
    pub kind: String,
    pub unit_code: u32,
    pub period: String,
    pub first_received_at: i64,
    pub last_received_at: i64,
    pub summary: String,
    pub submitted_at: Option<i64>,
    pub verdict: Option<String>,
    pub decided_at: Option<i64>,
    pub verdict_heads: Option<String>,
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
    /// The decision in force, if a reviewer decided: "approved" or "returned".
    pub verdict: Option<String>,
    pub decided_at: Option<i64>,
}

impl Store {
    pub(super) async fn refresh_projection(
        tx: &mut Transaction<'_, Any>,
        projection: &Projection,
    ) -> Result<(), StoreError> {
        let row = match projection {
            Projection::Report(row) => row,
            Projection::Review {
                doc_id,
                verdict,
                heads,
                decided_at,
            } => {
                sqlx::query(
                    "UPDATE report_projection SET verdict = $1, verdict_heads = $2, decided_at = $3
                     WHERE doc_id = $4",
                )
                .bind(verdict)
                .bind(heads)
                .bind(decided_at)
                .bind(doc_id)
                .execute(&mut **tx)
                .await?;
                return Ok(());
            }
        };
        sqlx::query(
            "INSERT INTO report_projection
                (doc_id, kind, unit_code, period, first_received_at, last_received_at, summary, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 = 1 THEN $6 ELSE NULL END)
             ON CONFLICT (doc_id) DO UPDATE SET last_received_at = excluded.last_received_at,
                summary = excluded.summary,
                submitted_at = CASE $8 WHEN 1 THEN excluded.last_received_at
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

    /// Replaces the whole projection, in one transaction.
    pub async fn replace_projections(&self, rows: &[FullProjection]) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM report_projection")
            .execute(&mut *tx)
            .await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO report_projection (doc_id, kind, unit_code, period, first_received_at,
                    last_received_at, summary, submitted_at, verdict, decided_at, verdict_heads)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(&row.doc_id)
            .bind(&row.kind)
            .bind(i64::from(row.unit_code))
            .bind(&row.period)
            .bind(row.first_received_at)
            .bind(row.last_received_at)
            .bind(&row.summary)
            .bind(row.submitted_at)
            .bind(&row.verdict)
            .bind(row.decided_at)
            .bind(&row.verdict_heads)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every received report, latest first.
    pub async fn received_reports(&self) -> Result<Vec<ReportRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, unit_code, first_received_at, last_received_at, submitted_at, summary,
                    verdict, decided_at
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
                    verdict: r.try_get("verdict")?,
                    decided_at: r.try_get("decided_at")?,
                })
            })
            .collect()
    }
}
