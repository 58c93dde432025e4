//! The durable inbox: every webhook event is a row before LINE gets its 200.

use sqlx::FromRow;

use super::{cases, dialect, outbox, with_db, Effects, Result, Store};

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
    pub is_redelivery: i64,
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

/// How handling an event ended.
#[derive(Debug)]
pub enum InboxOutcome {
    /// Handled: its effects are written in the same transaction.
    Done(Box<Effects>),
    /// Nothing to do for this event (unknown type, standby mode, a group event…).
    Skipped(&'static str),
    /// A passing failure: try again at `at` (ms).
    Retry { error: String, at: i64 },
    /// Given up: set aside, so it no longer holds up the events after it.
    Failed(String),
}

/// The claim: the oldest ready event of each chat whose earlier events are all finished,
/// so one chat's events are never handled concurrently or out of order, by any instance.
macro_rules! claim_sql {
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
            ") RETURNING seq, event_key, chat_key, event_type, event_ts, received_at, is_redelivery, raw, attempts"
        )
    };
}

const INSERT_SQL: &str = "INSERT INTO inbox_events \
    (event_key, chat_key, event_type, event_ts, received_at, is_redelivery, raw, state, next_attempt_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $5) ON CONFLICT (event_key) DO NOTHING";

/// Marks a leased event finished, only if this worker still holds its lease: a worker that
/// lost its lease (it stalled past it) must not write effects another worker also writes.
const FINISH_SQL: &str = "UPDATE inbox_events SET state = $1, handled_at = $2, last_error = $3, \
    lease_owner = NULL, lease_until = NULL \
    WHERE seq = $4 AND lease_owner = $5 AND state = 'pending'";

const RETRY_SQL: &str = "UPDATE inbox_events SET next_attempt_at = $1, last_error = $2, \
    lease_owner = NULL, lease_until = NULL \
    WHERE seq = $3 AND lease_owner = $4 AND state = 'pending'";

impl Store {
    /// Stores a batch of events in one transaction (group commit across requests).
    /// Returns, per event, whether it was new (`false`: a duplicate or redelivery).
    pub async fn insert_inbox(&self, events: &[NewInboxEvent], now: i64) -> Result<Vec<bool>> {
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut fresh = Vec::with_capacity(events.len());
            for e in events {
                let r = sqlx::query(INSERT_SQL)
                    .bind(&e.event_key)
                    .bind(&e.chat_key)
                    .bind(&e.event_type)
                    .bind(e.event_ts)
                    .bind(now)
                    .bind(i64::from(e.is_redelivery))
                    .bind(&e.raw)
                    .execute(&mut *tx)
                    .await?;
                fresh.push(r.rows_affected() == 1);
            }
            tx.commit().await?;
            Ok(fresh)
        })
    }

    /// Leases up to `limit` ready events to `owner` until `lease_until`.
    pub async fn claim_inbox(&self, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<InboxEvent>> {
        let sql = dialect!(self, sqlite: claim_sql!(""), postgres: claim_sql!("FOR UPDATE SKIP LOCKED"));
        let mut rows: Vec<InboxEvent> = with_db!(self, pool => {
            sqlx::query_as(sql).bind(owner).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await?
        });
        rows.sort_by_key(|r| (r.event_ts, r.seq));
        Ok(rows)
    }

    /// Records how each leased event ended and writes the effects of those handled, all in
    /// one transaction. Returns how many outbox rows were written.
    pub async fn finish_inbox(&self, owner: &str, now: i64, results: Vec<(i64, InboxOutcome)>) -> Result<usize> {
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut written = 0;
            for (seq, outcome) in results {
                let (state, error): (&str, Option<&str>) = match &outcome {
                    InboxOutcome::Done(_) => ("done", None),
                    InboxOutcome::Skipped(why) => ("skipped", Some(why)),
                    InboxOutcome::Failed(error) => ("failed", Some(error.as_str())),
                    InboxOutcome::Retry { error, at } => {
                        sqlx::query(RETRY_SQL).bind(at).bind(error).bind(seq).bind(owner).execute(&mut *tx).await?;
                        continue;
                    }
                };
                let held = sqlx::query(FINISH_SQL)
                    .bind(state)
                    .bind(now)
                    .bind(error)
                    .bind(seq)
                    .bind(owner)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1;
                if let (true, InboxOutcome::Done(effects)) = (held, outcome) {
                    if let Some(c) = &effects.conversation {
                        sqlx::query(cases::UPSERT_CONVERSATION)
                            .bind(&c.user_id)
                            .bind(&c.lang)
                            .bind(&c.display_name)
                            .bind(&c.phase)
                            .bind(&c.state)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    if let Some(case) = &effects.case {
                        cases::upsert_case!(tx, case, now);
                    }
                    let mut ids = Vec::with_capacity(effects.outbox.len());
                    for row in &effects.outbox {
                        ids.push(outbox::insert!(&mut *tx, row, now));
                        written += 1;
                    }
                    for t in &effects.transcript {
                        sqlx::query(cases::INSERT_TRANSCRIPT)
                            .bind(&t.user_id)
                            .bind(&t.case_number)
                            .bind(t.direction)
                            .bind(t.kind)
                            .bind(&t.body)
                            .bind(t.outbox_index.and_then(|i| ids.get(i).copied()))
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
            tx.commit().await?;
            Ok(written)
        })
    }

    /// Events not yet finished (for tests and the benchmark's drain check).
    pub async fn inbox_pending_count(&self) -> Result<i64> {
        let n: i64 = with_db!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM inbox_events WHERE state = 'pending'").fetch_one(pool).await?
        });
        Ok(n)
    }

    /// Counts events by state, e.g. `[("done", 3), ("skipped", 1)]` (tests, diagnostics).
    pub async fn inbox_counts(&self) -> Result<Vec<(String, i64)>> {
        let rows = with_db!(self, pool => {
            sqlx::query_as("SELECT state, COUNT(*) FROM inbox_events GROUP BY state ORDER BY state").fetch_all(pool).await?
        });
        Ok(rows)
    }

    /// The state of one event by key (tests and diagnostics).
    pub async fn inbox_state(&self, event_key: &str) -> Result<Option<(String, i64)>> {
        let row: Option<(String, i64)> = with_db!(self, pool => {
            sqlx::query_as("SELECT state, attempts FROM inbox_events WHERE event_key = $1")
                .bind(event_key)
                .fetch_optional(pool)
                .await?
        });
        Ok(row)
    }
}
