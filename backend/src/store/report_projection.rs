//! The `report_projection` table: one row per received report for the reviewers' lists
//! (receipt and submission times, summary, version, the decision in force), written in
//! the transaction that accepts each change and replaced whole by a rebuild. What goes
//! into a row is decided by `domain::read_model`; this file only persists it.

use super::{Store, StoreError, corrupt_row};
use shared::heads::Heads;
use shared::ids::DocId;
use shared::report::programme::Entered;
use shared::report::review::Verdict;
use shared::vocabulary::ReportKind;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

/// When the report was submitted, as far as the writer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// The `submitted` flag is down.
    Not,
    /// The change that set the flag in force (the version submitted) was received at
    /// this time.
    At(i64, automerge::ChangeHash),
    /// The change that set the flag in force was received before this write: the
    /// stored submission time stands.
    AsStored,
}

/// A report's row as the read model computes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportProjection {
    pub id: DocId,
    /// Field label and displayed value, in the outline's order.
    pub summary: Vec<(String, String)>,
    /// The report's version.
    pub heads: Heads,
    /// A programme report's figures (none for the other kinds).
    pub figures: Vec<Entered>,
    /// The earliest receipt this writer knows of; a row keeps the earlier of the stored
    /// and the written one.
    pub first_received_at: i64,
    pub last_received_at: i64,
    pub submitted: Submitted,
    /// The first submission's receipt, if this writer knows of one; a row keeps the
    /// earlier of the stored and the written one, and never loses it.
    pub first_submitted_at: Option<i64>,
}

/// The decision in force on a report, as a review's latest change leaves it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionProjection {
    /// The report decided on.
    pub report: DocId,
    pub verdict: Verdict,
    /// The version of the report the decision refers to.
    pub heads: Heads,
    pub decided_at: i64,
}

/// What an accepted change refreshes in the projection.
#[derive(Debug, Clone, PartialEq)]
pub enum Projection {
    Report(ReportProjection),
    Decision(DecisionProjection),
}

/// A stored row, as the reviewers' lists read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedReport {
    pub id: DocId,
    pub first_received_at: i64,
    pub last_received_at: i64,
    pub submitted_at: Option<i64>,
    /// The first submission's receipt: what timeliness is judged on.
    pub first_submitted_at: Option<i64>,
    /// The version the submission in force named (the change that made its mark).
    pub submitted_heads: Option<Heads>,
    pub summary: Vec<(String, String)>,
    /// The decision in force, if a reviewer decided.
    pub verdict: Option<Verdict>,
    pub decided_at: Option<i64>,
    /// The version the decision refers to.
    pub verdict_heads: Option<Heads>,
    /// The report's version now.
    pub report_heads: Heads,
}

impl ProjectedReport {
    /// Whether the report is still at the version the decision in force refers to.
    pub fn at_decided_version(&self) -> bool {
        self.verdict_heads.as_ref() == Some(&self.report_heads)
    }

    /// Whether the report changed after the submission in force ("sửa sau khi nộp").
    pub fn edited_after_submission(&self) -> bool {
        self.submitted_at.is_some()
            && self
                .submitted_heads
                .as_ref()
                .is_some_and(|heads| *heads != self.report_heads)
    }
}

/// A stored figure with the report it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFigure {
    pub id: DocId,
    pub entered: Entered,
}

fn projected(r: &AnyRow) -> Result<ProjectedReport, StoreError> {
    let doc_id: String = r.try_get("doc_id")?;
    let id: DocId = doc_id.parse().map_err(|_| corrupt_row("doc_id", &doc_id))?;
    let summary: String = r.try_get("summary")?;
    let verdict: Option<String> = r.try_get("verdict")?;
    let verdict_heads: Option<String> = r.try_get("verdict_heads")?;
    let submitted_heads: Option<String> = r.try_get("submitted_heads")?;
    let report_heads: String = r.try_get("report_heads")?;
    let heads = |text: &str| {
        text.parse::<Heads>()
            .map_err(|_| corrupt_row("heads", &doc_id))
    };
    Ok(ProjectedReport {
        id,
        first_received_at: r.try_get("first_received_at")?,
        last_received_at: r.try_get("last_received_at")?,
        submitted_at: r.try_get("submitted_at")?,
        first_submitted_at: r.try_get("first_submitted_at")?,
        submitted_heads: submitted_heads.as_deref().map(heads).transpose()?,
        summary: serde_json::from_str(&summary).map_err(|_| corrupt_row("summary", &doc_id))?,
        verdict: verdict
            .map(|v| Verdict::parse(&v).ok_or_else(|| corrupt_row("verdict", &doc_id)))
            .transpose()?,
        decided_at: r.try_get("decided_at")?,
        verdict_heads: verdict_heads.as_deref().map(heads).transpose()?,
        report_heads: heads(&report_heads)?,
    })
}

impl Store {
    /// Writes what an accepted change refreshes, in the caller's transaction.
    pub(super) async fn refresh_projection(
        tx: &mut Transaction<'_, Any>,
        projection: &Projection,
    ) -> Result<(), StoreError> {
        match projection {
            Projection::Report(row) => Store::write_report_row(tx, row).await,
            Projection::Decision(decision) => Store::write_decision(tx, decision).await,
        }
    }

    async fn write_report_row(
        tx: &mut Transaction<'_, Any>,
        row: &ReportProjection,
    ) -> Result<(), StoreError> {
        let (submitted_at, submitted_heads, keep_stored) = match row.submitted {
            Submitted::Not => (None, None, 0i64),
            Submitted::At(at, change) => (Some(at), Some(Heads::new(vec![change]).to_string()), 0),
            Submitted::AsStored => (None, None, 1),
        };
        let summary = serde_json::to_string(&row.summary).expect("pairs of strings serialize");
        sqlx::query(
            "INSERT INTO report_projection
                (doc_id, kind, unit_code, period, first_received_at, last_received_at, summary,
                 submitted_at, report_heads, submitted_heads, first_submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $12)
             ON CONFLICT (doc_id) DO UPDATE SET
                first_received_at = CASE WHEN report_projection.first_received_at < excluded.first_received_at
                                         THEN report_projection.first_received_at
                                         ELSE excluded.first_received_at END,
                last_received_at = excluded.last_received_at,
                summary = excluded.summary, report_heads = excluded.report_heads,
                submitted_at = CASE $10 WHEN 1 THEN report_projection.submitted_at
                                        ELSE excluded.submitted_at END,
                submitted_heads = CASE $10 WHEN 1 THEN report_projection.submitted_heads
                                           ELSE excluded.submitted_heads END,
                first_submitted_at = CASE
                    WHEN report_projection.first_submitted_at IS NULL THEN excluded.first_submitted_at
                    WHEN excluded.first_submitted_at IS NULL THEN report_projection.first_submitted_at
                    WHEN report_projection.first_submitted_at < excluded.first_submitted_at
                        THEN report_projection.first_submitted_at
                    ELSE excluded.first_submitted_at END",
        )
        .bind(row.id.to_string())
        .bind(row.id.kind.as_str())
        .bind(i64::from(row.id.unit.get()))
        .bind(row.id.period.to_string())
        .bind(row.first_received_at)
        .bind(row.last_received_at)
        .bind(summary)
        .bind(submitted_at)
        .bind(row.heads.to_string())
        .bind(keep_stored)
        .bind(submitted_heads)
        .bind(row.first_submitted_at)
        .execute(&mut **tx)
        .await?;
        // Only programme reports carry figures; the others spare the statement.
        if row.id.kind != ReportKind::ProgrammeResults {
            return Ok(());
        }
        Store::write_figures(tx, row).await
    }

    async fn write_decision(
        tx: &mut Transaction<'_, Any>,
        decision: &DecisionProjection,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE report_projection SET verdict = $1, verdict_heads = $2, decided_at = $3
             WHERE doc_id = $4",
        )
        .bind(decision.verdict.as_str())
        .bind(decision.heads.to_string())
        .bind(decision.decided_at)
        .bind(decision.report.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Replaces a report's figures (the `indicator_values` table).
    async fn write_figures(
        tx: &mut Transaction<'_, Any>,
        row: &ReportProjection,
    ) -> Result<(), StoreError> {
        let doc_id = row.id.to_string();
        sqlx::query("DELETE FROM indicator_values WHERE doc_id = $1")
            .bind(&doc_id)
            .execute(&mut **tx)
            .await?;
        for f in &row.figures {
            sqlx::query(
                "INSERT INTO indicator_values (doc_id, unit_code, period, indicator, value, numerator, denominator)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&doc_id)
            .bind(i64::from(row.id.unit.get()))
            .bind(row.id.period.to_string())
            .bind(&f.indicator)
            .bind(&f.value)
            .bind(f.numerator.map(|n| n as i64))
            .bind(f.denominator.map(|d| d as i64))
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Every stored figure of a period, by report then indicator.
    pub async fn figures(
        &self,
        period: shared::vocabulary::Period,
    ) -> Result<Vec<StoredFigure>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, indicator, value, numerator, denominator
             FROM indicator_values WHERE period = $1 ORDER BY doc_id, indicator",
        )
        .bind(period.to_string())
        .fetch_all(self.pool())
        .await?;
        let non_negative = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
        rows.iter()
            .map(|r| {
                let doc_id: String = r.try_get("doc_id")?;
                Ok(StoredFigure {
                    id: doc_id.parse().map_err(|_| corrupt_row("doc_id", &doc_id))?,
                    entered: Entered {
                        indicator: r.try_get("indicator")?,
                        value: r.try_get("value")?,
                        numerator: non_negative(r.try_get("numerator")?),
                        denominator: non_negative(r.try_get("denominator")?),
                    },
                })
            })
            .collect()
    }

    /// Replaces the whole projection in one transaction: the reports' rows, then the
    /// decisions in force on them, written exactly as accepted changes write them.
    pub async fn replace_projections(
        &self,
        reports: &[ReportProjection],
        decisions: &[DecisionProjection],
    ) -> Result<(), StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM report_projection")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM indicator_values")
            .execute(&mut *tx)
            .await?;
        for row in reports {
            Store::write_report_row(&mut tx, row).await?;
        }
        for decision in decisions {
            Store::write_decision(&mut tx, decision).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every received report, latest first.
    pub async fn received_reports(&self) -> Result<Vec<ProjectedReport>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, first_received_at, last_received_at, submitted_at, first_submitted_at,
                    submitted_heads, summary, verdict, decided_at, verdict_heads, report_heads
             FROM report_projection ORDER BY last_received_at DESC, doc_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(projected).collect()
    }
}
