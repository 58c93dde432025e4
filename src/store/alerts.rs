//! The coordinators' alert loop (`alerts`): opened with the first alert about a case, read
//! by the case page and the queue. See `crate::alerts` for the stages.

use std::collections::HashMap;

use sqlx::{FromRow, QueryBuilder};

use super::{
    db::{push_list, run, Tx, CHUNK},
    history, outbox, NewOutbox, Result, Store,
};

/// Where a case's alert stands.
#[derive(Debug, Clone, FromRow)]
pub struct AlertRow {
    pub case_number: String,
    /// `alerts::Level` code: 1 urgent, 2 emergency.
    pub level: i64,
    /// `alerts::Stage` code: 0 sent, 1 re-sent, 2 escalated.
    pub stage: i64,
    pub sent_at: i64,
    /// When the next stage falls due; `None` once acknowledged or none is left.
    pub next_at: Option<i64>,
    pub acked_at: Option<i64>,
    pub acked_by: Option<String>,
    /// The acknowledging staff member's account name.
    pub acked_by_name: Option<String>,
    /// `line` or `dashboard`.
    pub acked_via: Option<String>,
}

/// Opens (or, for a higher level, restarts) the case's alert loop at `now`: an alert
/// already acknowledged stays acknowledged and gets no timer.
pub(super) async fn open(tx: &mut Tx<'_>, case_number: &str, level: i64, now: i64, next_at: Option<i64>) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO alerts (case_number, level, stage, sent_at, next_at) VALUES ($1, $2, 0, $3, $4) \
             ON CONFLICT (case_number) DO UPDATE SET level = excluded.level, stage = 0, sent_at = excluded.sent_at, \
             next_at = CASE WHEN alerts.acked_at IS NULL THEN excluded.next_at ELSE NULL END \
             WHERE alerts.level < excluded.level",
        )
        .bind(case_number)
        .bind(level)
        .bind(now)
        .bind(next_at)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Marks the case's alert acknowledged by `staff_id` (`via`: `line` or `dashboard`) and
/// stops its timer; `true` if this acknowledged it (it was alerted and not yet acknowledged).
pub(super) async fn acknowledge(
    tx: &mut Tx<'_>,
    case_number: &str,
    staff_id: &str,
    via: &str,
    now: i64,
) -> Result<bool> {
    let hit: Option<String> = run!(tx, |c| {
        sqlx::query_scalar(
            "UPDATE alerts SET acked_at = $3, acked_by = $2, acked_via = $4, next_at = NULL \
             WHERE case_number = $1 AND acked_at IS NULL RETURNING case_number",
        )
        .bind(case_number)
        .bind(staff_id)
        .bind(now)
        .bind(via)
        .fetch_optional(c)
        .await?
    });
    Ok(hit.is_some())
}

/// Stops the case's alert timer without an acknowledgement (the case was closed).
pub(super) async fn stop(tx: &mut Tx<'_>, case_number: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE alerts SET next_at = NULL WHERE case_number = $1").bind(case_number).execute(c).await?;
    });
    Ok(())
}

const ALERT_COLUMNS: &str = "a.case_number, a.level, a.stage, a.sent_at, a.next_at, a.acked_at, a.acked_by, \
    s.name AS acked_by_name, a.acked_via FROM alerts a LEFT JOIN staff s ON s.id = a.acked_by";

impl Store {
    /// The case's alert, if it was alerted.
    pub async fn alert_of(&self, case_number: &str) -> Result<Option<AlertRow>> {
        let sql = format!("SELECT {ALERT_COLUMNS} WHERE a.case_number = $1");
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(case_number).fetch_optional(c).await?))
    }

    /// The alerts of several cases (the queue), by case number: a hundred per query.
    pub async fn alerts_of(&self, case_numbers: &[&str]) -> Result<HashMap<String, AlertRow>> {
        let mut out = HashMap::with_capacity(case_numbers.len());
        let mut db = self.reader().await?;
        for chunk in case_numbers.chunks(CHUNK) {
            let rows: Vec<AlertRow> = run!(&mut db, |c| {
                let mut q = QueryBuilder::new(format!("SELECT {ALERT_COLUMNS} WHERE a.case_number IN "));
                push_list(&mut q, chunk.iter().copied());
                q.build_query_as().fetch_all(c).await?
            });
            out.extend(rows.into_iter().map(|r| (r.case_number.clone(), r)));
        }
        Ok(out)
    }
}

/// One stage of an unacknowledged alert, to write if the alert is still as it was read
/// (`Store::advance_alert`).
#[derive(Debug, Clone)]
pub struct AlertAdvance {
    pub case_number: String,
    pub case_id: String,
    /// The alert as read: its stage and when it was sent (a new level restarts the loop with
    /// a new `sent_at`).
    pub from_stage: i64,
    pub sent_at: i64,
    pub to_stage: i64,
    /// When the stage after `to_stage` falls due, if any.
    pub next_at: Option<i64>,
    /// The case history's line: `alert_reminder` or `alert_escalated`.
    pub kind: &'static str,
    pub rows: Vec<NewOutbox>,
}

/// The compare-and-set of a stage: the alert is still unacknowledged, at the stage and
/// level it was read at, its timer running, and its case open. Under PostgreSQL's READ
/// COMMITTED a second instance's UPDATE waits for the first's commit and then finds the
/// stage changed (PostgreSQL manual, "Transaction Isolation", 13.2.1): one of them wins.
const ADVANCE: &str = "UPDATE alerts SET stage = $3, next_at = $4 \
    WHERE case_number = $1 AND stage = $2 AND sent_at = $5 AND acked_at IS NULL AND next_at IS NOT NULL \
    AND EXISTS (SELECT 1 FROM cases c WHERE c.number = $1 AND c.status <> 'closed' AND c.anonymised_at IS NULL) \
    RETURNING case_number";

impl Store {
    /// Unacknowledged alerts whose next stage is due at `now`, the most overdue first.
    pub async fn due_alerts(&self, now: i64, limit: i64) -> Result<Vec<AlertRow>> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} WHERE a.next_at IS NOT NULL AND a.next_at <= $1 AND a.acked_at IS NULL \
             ORDER BY a.next_at LIMIT $2"
        );
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(now).bind(limit).fetch_all(c).await?))
    }

    /// Moves an alert to its next stage and writes that stage's messages and history line,
    /// in one transaction: `false` (nothing written) if it changed since it was read, so two
    /// instances never both send a stage, and a crash before the commit loses none.
    pub async fn advance_alert(&self, a: &AlertAdvance, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let won: Option<String> = run!(&mut tx, |c| {
            sqlx::query_scalar(ADVANCE)
                .bind(&a.case_number)
                .bind(a.from_stage)
                .bind(a.to_stage)
                .bind(a.next_at)
                .bind(a.sent_at)
                .fetch_optional(c)
                .await?
        });
        if won.is_none() {
            return Ok(false);
        }
        outbox::insert(&mut tx, &outbox::keyed(&a.rows), now).await?;
        history::insert_action(&mut tx, &a.case_id, None, (a.kind, "", None), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sets the timer of an alert still at `stage` (sent at `sent_at`) and unacknowledged:
    /// `None` stops it (its case was closed or anonymised). `false` if it changed meanwhile.
    pub async fn set_alert_timer(
        &self,
        case_number: &str,
        stage: i64,
        sent_at: i64,
        next_at: Option<i64>,
    ) -> Result<bool> {
        let mut db = self.writer().await?;
        let hit: Option<String> = run!(&mut db, |c| {
            sqlx::query_scalar(
                "UPDATE alerts SET next_at = $3 WHERE case_number = $1 AND stage = $2 AND sent_at = $4 \
                 AND acked_at IS NULL RETURNING case_number",
            )
            .bind(case_number)
            .bind(stage)
            .bind(next_at)
            .bind(sent_at)
            .fetch_optional(c)
            .await?
        });
        Ok(hit.is_some())
    }

    /// The alerts waiting for an acknowledgement, of cases still open, the oldest first
    /// (the admin page and the metrics).
    pub async fn waiting_alerts(&self) -> Result<Vec<AlertRow>> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} JOIN cases c ON c.number = a.case_number \
             WHERE a.acked_at IS NULL AND c.status <> 'closed' AND c.anonymised_at IS NULL \
             ORDER BY a.sent_at, a.case_number"
        );
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).fetch_all(c).await?))
    }
}
