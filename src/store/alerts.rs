//! The coordinators' alert loop (`alerts`): opened with the first alert about a case, read
//! by the case page and the queue. See `crate::alerts` for the stages.

use std::collections::HashMap;

use sqlx::{FromRow, QueryBuilder};

use super::{
    db::{push_list, run, Tx, CHUNK},
    Result, Store,
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
