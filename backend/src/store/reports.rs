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

/// One figure of a programme report: the value as typed, or numerator and denominator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorValue {
    pub indicator: String,
    pub value: Option<String>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
}

impl IndicatorValue {
    /// The figures of a programme report document (none for other kinds).
    pub fn of(id: &shared::ids::DocId, doc: &automerge::AutoCommit) -> Vec<IndicatorValue> {
        if id.kind != shared::ids::ReportKind::ProgrammeResults || id.is_review() {
            return Vec::new();
        }
        let Ok(report) = shared::report::programme::ProgrammeReport::read(doc) else {
            return Vec::new();
        };
        report
            .entered()
            .into_iter()
            .map(|e| IndicatorValue {
                indicator: e.indicator,
                value: e.value,
                numerator: e.numerator.map(|n| n as i64),
                denominator: e.denominator.map(|d| d as i64),
            })
            .collect()
    }
}

/// A stored figure with the report it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    pub doc_id: String,
    pub unit_code: u32,
    pub period: String,
    pub figure: IndicatorValue,
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
    /// The report's heads after the change (hex, comma-separated).
    pub heads: String,
    pub indicators: Vec<IndicatorValue>,
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
    pub report_heads: String,
    pub indicators: Vec<IndicatorValue>,
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
    /// Whether the report's heads are still those the decision refers to.
    pub heads_unchanged: bool,
    /// The heads the decision refers to (hex, comma-separated).
    pub verdict_heads: Option<String>,
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
                (doc_id, kind, unit_code, period, first_received_at, last_received_at, summary, submitted_at, report_heads)
             VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 = 1 THEN $6 ELSE NULL END, $9)
             ON CONFLICT (doc_id) DO UPDATE SET last_received_at = excluded.last_received_at,
                summary = excluded.summary, report_heads = excluded.report_heads,
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
        .bind(&row.heads)
        .execute(&mut **tx)
        .await?;
        // Only programme reports carry figures; the others spare the statement.
        if row.kind != shared::ids::ReportKind::ProgrammeResults.as_str() {
            return Ok(());
        }
        Store::write_indicators(tx, &row.doc_id, row.unit_code, &row.period, &row.indicators).await
    }

    /// Replaces a report's figures.
    async fn write_indicators(
        tx: &mut Transaction<'_, Any>,
        doc_id: &str,
        unit_code: u32,
        period: &str,
        figures: &[IndicatorValue],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM indicator_values WHERE doc_id = $1")
            .bind(doc_id)
            .execute(&mut **tx)
            .await?;
        for f in figures {
            sqlx::query(
                "INSERT INTO indicator_values (doc_id, unit_code, period, indicator, value, numerator, denominator)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(doc_id)
            .bind(i64::from(unit_code))
            .bind(period)
            .bind(&f.indicator)
            .bind(&f.value)
            .bind(f.numerator)
            .bind(f.denominator)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Every stored figure of a period, by report then indicator.
    pub async fn indicator_values(&self, period: &str) -> Result<Vec<IndicatorRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, unit_code, period, indicator, value, numerator, denominator
             FROM indicator_values WHERE period = $1 ORDER BY doc_id, indicator",
        )
        .bind(period)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(IndicatorRow {
                    doc_id: r.try_get("doc_id")?,
                    unit_code: r.try_get::<i64, _>("unit_code")? as u32,
                    period: r.try_get("period")?,
                    figure: IndicatorValue {
                        indicator: r.try_get("indicator")?,
                        value: r.try_get("value")?,
                        numerator: r.try_get("numerator")?,
                        denominator: r.try_get("denominator")?,
                    },
                })
            })
            .collect()
    }

    /// Replaces the whole projection, in one transaction.
    pub async fn replace_projections(&self, rows: &[FullProjection]) -> Result<(), StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM report_projection")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM indicator_values")
            .execute(&mut *tx)
            .await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO report_projection (doc_id, kind, unit_code, period, first_received_at,
                    last_received_at, summary, submitted_at, verdict, decided_at, verdict_heads,
                    report_heads)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
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
            .bind(&row.report_heads)
            .execute(&mut *tx)
            .await?;
            Store::write_indicators(
                &mut tx,
                &row.doc_id,
                row.unit_code,
                &row.period,
                &row.indicators,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every received report, latest first.
    pub async fn received_reports(&self) -> Result<Vec<ReportRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, unit_code, first_received_at, last_received_at, submitted_at, summary,
                    verdict, decided_at, verdict_heads, report_heads
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
                    heads_unchanged: r.try_get::<Option<String>, _>("verdict_heads")?
                        == r.try_get::<Option<String>, _>("report_heads")?,
                    verdict_heads: r.try_get("verdict_heads")?,
                })
            })
            .collect()
    }
}
