//! The durable inbox (`inbox_events`): every webhook event is a row before LINE gets its 200.
//! Its statements; `finish` records how handling ended, `group_commit` writes new events.

use std::collections::HashSet;

use sqlx::{FromRow, QueryBuilder};

use crate::ids::LineUserId;

use super::{
    db::{push_list, run, Db, Tx, CHUNK},
    Result, Store,
};

/// An event as the webhook stores it.
#[derive(Clone)]
pub struct NewInboxEvent {
    /// `webhookEventId`, or `sha256:<hex>` of the raw event for older shapes without one.
    pub event_key: String,
    /// Events with the same key are handled one at a time, in order.
    pub chat_key: String,
    pub event_type: String,
    pub event_ts: i64,
    pub is_redelivery: bool,
    /// The event's JSON exactly as received (signature-checked bytes).
    pub raw: String,
    /// Older than the de-duplication window (`[retention] inbox_days`): its first delivery's
    /// row may be purged, so this may be a replay. Stored as skipped, never handled.
    pub stale: bool,
}

impl std::fmt::Debug for NewInboxEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `raw` holds what the resident wrote: never in logs.
        f.debug_struct("NewInboxEvent")
            .field("event_key", &self.event_key)
            .field("event_type", &self.event_type)
            .finish_non_exhaustive()
    }
}

/// A claimed event, leased to one worker.
#[derive(Clone, FromRow)]
pub struct InboxEvent {
    pub seq: i64,
    pub event_key: String,
    pub chat_key: String,
    pub event_type: String,
    pub event_ts: i64,
    pub received_at: i64,
    pub is_redelivery: bool,
    pub raw: String,
    pub attempts: i64,
}

impl std::fmt::Debug for InboxEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InboxEvent")
            .field("seq", &self.seq)
            .field("event_key", &self.event_key)
            .field("event_type", &self.event_type)
            .finish_non_exhaustive()
    }
}

/// The claim: the oldest ready event of each chat whose earlier events are all finished,
/// so one chat's events are never handled concurrently or out of order, by any instance.
macro_rules! inbox_claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE inbox_events SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 ",
            "WHERE seq IN (SELECT e.seq FROM inbox_events e ",
            "WHERE e.state = 'pending' AND e.next_attempt_at <= $3 ",
            "AND (e.lease_until IS NULL OR e.lease_until < $3) ",
            "AND NOT EXISTS (SELECT 1 FROM inbox_events o WHERE o.chat_key = e.chat_key ",
            "AND o.state = 'pending' AND (o.event_ts < e.event_ts OR (o.event_ts = e.event_ts AND o.seq < e.seq))) ",
            "ORDER BY e.seq LIMIT $4 ",
            $lock,
            ") RETURNING seq, event_key, chat_key, event_type, event_ts, received_at, ",
            "is_redelivery <> 0 AS is_redelivery, raw, attempts"
        )
    };
}

/// Why a stale event (`NewInboxEvent::stale`) was not handled.
const STALE: &str = "older than the de-duplication window ([retention] inbox_days): a replay is not handled";

/// An event refused this often for another resident's case number is set aside (failed),
/// so that resident's later events are not held up behind it.
const CASE_OWNER_ATTEMPTS: i64 = 5;

/// Undoes an event's `done` within the finishing transaction: back to pending, handled
/// again at once (a fresh number is drawn), or failed after `CASE_OWNER_ATTEMPTS` claims.
const REFUSED_CASE_SQL: &str = "UPDATE inbox_events SET \
    state = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'pending' END, \
    handled_at = CASE WHEN attempts >= $2 THEN $1 ELSE NULL END, next_attempt_at = $1, \
    last_error = 'the case number belongs to another resident', lease_owner = NULL, lease_until = NULL \
    WHERE seq = $3";

const RETRY_SQL: &str = "UPDATE inbox_events SET next_attempt_at = $1, last_error = $2, \
    lease_owner = NULL, lease_until = NULL \
    WHERE seq = $3 AND lease_owner = $4 AND state = 'pending'";

/// Leases up to `limit` ready events to `owner` until `lease_until`, oldest first.
pub(super) async fn claim(
    db: &mut impl Db,
    owner: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<InboxEvent>> {
    let sql = if db.is_postgres() { inbox_claim_sql!("FOR UPDATE SKIP LOCKED") } else { inbox_claim_sql!("") };
    let mut rows: Vec<InboxEvent> =
        run!(db, |c| { sqlx::query_as(sql).bind(owner).bind(lease_until).bind(now).bind(limit).fetch_all(c).await? });
    rows.sort_by_key(|r| (r.event_ts, r.seq));
    Ok(rows)
}

/// Gives back events claimed and not handled; the claim is not counted as an attempt.
pub(super) async fn release(db: &mut impl Db, owner: &str, seqs: &[i64]) -> Result<()> {
    for chunk in seqs.chunks(CHUNK) {
        run!(db, |c| {
            let mut q = QueryBuilder::new(
                "UPDATE inbox_events SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 \
                 WHERE state = 'pending' AND lease_owner = ",
            );
            q.push_bind(owner).push(" AND seq IN ");
            push_list(&mut q, chunk);
            q.build().execute(c).await?;
        });
    }
    Ok(())
}

/// Ends events `owner` still holds as `state` (done, skipped or failed) with `error`.
/// Returns the seqs it ended: an event whose lease was lost is left alone.
pub(super) async fn mark_finished(
    tx: &mut Tx<'_>,
    owner: &str,
    now: i64,
    state: &str,
    error: Option<&str>,
    seqs: &[i64],
) -> Result<Vec<i64>> {
    let mut ended = Vec::with_capacity(seqs.len());
    for chunk in seqs.chunks(CHUNK) {
        let got: Vec<i64> = run!(tx, |c| {
            let mut q = QueryBuilder::new("UPDATE inbox_events SET state = ");
            q.push_bind(state).push(", handled_at = ").push_bind(now).push(", last_error = ").push_bind(error);
            q.push(", lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner = ");
            q.push_bind(owner).push(" AND seq IN ");
            push_list(&mut q, chunk);
            q.push(" RETURNING seq");
            q.build_query_scalar().fetch_all(c).await?
        });
        ended.extend(got);
    }
    Ok(ended)
}

/// Gives an event `owner` holds back for another try at `at`.
pub(super) async fn retry(tx: &mut Tx<'_>, owner: &str, seq: i64, error: &str, at: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(RETRY_SQL).bind(at).bind(error).bind(seq).bind(owner).execute(c).await?;
    });
    Ok(())
}

/// An event whose case number is another resident's case: handled again, or set aside.
pub(super) async fn refuse_case_number(tx: &mut Tx<'_>, seq: i64, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(REFUSED_CASE_SQL).bind(now).bind(CASE_OWNER_ATTEMPTS).bind(seq).execute(c).await?;
    });
    Ok(())
}

/// Inserts new events, a hundred per statement. Returns, per event, whether it was new
/// (`false`: a duplicate or a redelivery, also within the batch: of equal keys only the
/// first is new).
pub(super) async fn insert(tx: &mut Tx<'_>, events: &[&NewInboxEvent], now: i64) -> Result<Vec<bool>> {
    let mut inserted: HashSet<String> = HashSet::new();
    for chunk in events.chunks(CHUNK) {
        let keys: Vec<String> = run!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO inbox_events (event_key, chat_key, event_type, event_ts, received_at, is_redelivery, \
                 raw, state, next_attempt_at, handled_at, last_error) ",
            );
            q.push_values(chunk, |mut b, e| {
                b.push_bind(&e.event_key)
                    .push_bind(&e.chat_key)
                    .push_bind(&e.event_type)
                    .push_bind(e.event_ts)
                    .push_bind(now)
                    .push_bind(i64::from(e.is_redelivery))
                    .push_bind(&e.raw)
                    .push_bind(if e.stale { "skipped" } else { "pending" })
                    .push_bind(now)
                    .push_bind(e.stale.then_some(now))
                    .push_bind(e.stale.then_some(STALE));
            });
            q.push(" ON CONFLICT (event_key) DO NOTHING RETURNING event_key");
            q.build_query_scalar().fetch_all(c).await?
        });
        inserted.extend(keys);
    }
    Ok(events.iter().map(|e| inserted.remove(&e.event_key)).collect())
}

/// Empties the stored events of a resident that were handled (erasure). Events not yet
/// handled came after the request: they are handled as new.
pub(super) async fn erase_handled(tx: &mut Tx<'_>, user_id: &LineUserId) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE inbox_events SET raw = '{}' WHERE chat_key = $1 AND state <> 'pending'")
            .bind(user_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Deletes handled events received, and that happened, before `before`: a replay of any
/// deleted one is then older than the webhook's replay window and is not handled again.
pub(super) async fn delete_handled_before(db: &mut impl Db, before: i64) -> Result<u64> {
    Ok(run!(db, |c| {
        sqlx::query("DELETE FROM inbox_events WHERE state <> 'pending' AND received_at < $1 AND event_ts < $1")
            .bind(before)
            .execute(c)
            .await?
            .rows_affected()
    }))
}

impl Store {
    /// Leases up to `limit` ready events to `owner` until `lease_until`.
    pub async fn claim_inbox(&self, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<InboxEvent>> {
        claim(&mut self.writer().await?, owner, now, lease_until, limit).await
    }

    /// Gives back events claimed and not handled (a worker stopping), so they need not
    /// wait for their lease to run out; the claim is not counted as an attempt.
    pub async fn release_inbox(&self, owner: &str, seqs: &[i64]) -> Result<()> {
        release(&mut self.writer().await?, owner, seqs).await
    }

    /// Events not yet finished (for tests and the benchmark's drain check).
    pub async fn inbox_pending_count(&self) -> Result<i64> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_scalar("SELECT COUNT(*) FROM inbox_events WHERE state = 'pending'").fetch_one(c).await?
        }))
    }

    /// Counts events by state, e.g. `[("done", 3), ("skipped", 1)]` (tests, diagnostics).
    pub async fn inbox_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as("SELECT state, COUNT(*) FROM inbox_events GROUP BY state ORDER BY state")
                .fetch_all(c)
                .await?
        }))
    }

    /// The state of one event by key (tests and diagnostics).
    pub async fn inbox_state(&self, event_key: &str) -> Result<Option<(String, i64)>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as("SELECT state, attempts FROM inbox_events WHERE event_key = $1")
                .bind(event_key)
                .fetch_optional(c)
                .await?
        }))
    }
}
