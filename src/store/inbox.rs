//! The durable inbox: every webhook event is a row before LINE gets its 200.

use std::collections::{BTreeMap, HashSet};

use sqlx::{FromRow, QueryBuilder};

use super::{
    cases, dialect, outbox,
    queue::{answer_taken, take_in_queued},
    with_db, ConversationWrite, Effects, NewOutbox, OutboxRow, Result, Store,
};

/// What `finish_inbox` wrote.
#[derive(Debug, Default)]
pub struct Finished {
    /// Outbox rows written (answers and alerts).
    pub written: usize,
    /// Rows leased to this process's sender, to send at once.
    pub handed: Vec<OutboxRow>,
    /// Numbers of the cases whose row or transcript changed (for live staff pages).
    pub cases: Vec<String>,
    /// The next batch, claimed in the same transaction when asked (`ClaimNext`).
    pub claimed: Vec<InboxEvent>,
    /// Events whose case number turned out to be another resident's case: nothing of
    /// theirs was written, and they wait to be handled again.
    pub refused: usize,
}

/// Claim the next batch in the transaction that finishes this one: one commit a round
/// instead of two, and the claim sees this batch's events already done, so a resident's
/// next event can be in it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimNext {
    pub lease_until: i64,
    pub limit: i64,
}

/// Rows per multi-row statement: far below both databases' limits on bound parameters.
pub(crate) const CHUNK: usize = 100;

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

const ALERT_ONCE: &str = "UPDATE cases SET alert_level = $2 WHERE number = $1 AND alert_level < $2 RETURNING id";

/// A resident's erasure request: one open request, marked on each of their cases for staff.
const ERASURE_REQUEST: [&str; 3] = [
    "INSERT INTO erasure_requests (user_id, requested_at) SELECT CAST($1 AS TEXT), CAST($2 AS BIGINT) \
     WHERE NOT EXISTS (SELECT 1 FROM erasure_requests WHERE user_id = $1 AND done_at IS NULL)",
    "INSERT INTO case_actions (case_id, staff_id, kind, detail, body, created_at) \
     SELECT id, NULL, 'erase_requested', '', NULL, $2 FROM cases \
     WHERE user_id = $1 AND anonymised_at IS NULL AND erase_requested_at IS NULL",
    "UPDATE cases SET erase_requested_at = $2, updated_at = $2 WHERE user_id = $1 AND anonymised_at IS NULL \
     AND erase_requested_at IS NULL",
];

const CHAT_MEMBERSHIP: &str = "INSERT INTO line_chats (chat_id, kind, joined_at, left_at) VALUES ($1, $2, $3, $4) \
    ON CONFLICT (chat_id) DO UPDATE SET left_at = excluded.left_at, \
    joined_at = CASE WHEN excluded.left_at IS NULL THEN excluded.joined_at ELSE line_chats.joined_at END";

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

impl Store {
    fn claim_sql(&self) -> &'static str {
        dialect!(self, sqlite: claim_sql!(""), postgres: claim_sql!("FOR UPDATE SKIP LOCKED"))
    }

    /// Leases up to `limit` ready events to `owner` until `lease_until`.
    pub async fn claim_inbox(&self, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<InboxEvent>> {
        let mut rows: Vec<InboxEvent> = with_db!(self, pool => {
            sqlx::query_as(self.claim_sql()).bind(owner).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await?
        });
        rows.sort_by_key(|r| (r.event_ts, r.seq));
        Ok(rows)
    }

    /// Gives back events claimed and not handled (a worker stopping), so they need not
    /// wait for their lease to run out; the claim is not counted as an attempt.
    pub async fn release_inbox(&self, owner: &str, seqs: &[i64]) -> Result<()> {
        with_db!(self, pool => {
            for chunk in seqs.chunks(CHUNK) {
                let mut q = QueryBuilder::new(
                    "UPDATE inbox_events SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 \
                     WHERE state = 'pending' AND lease_owner = ",
                );
                q.push_bind(owner).push(" AND seq IN (");
                let mut list = q.separated(", ");
                for seq in chunk {
                    list.push_bind(*seq);
                }
                q.push(")");
                q.build().execute(pool).await?;
            }
        });
        Ok(())
    }

    /// Records how each leased event ended and writes the effects of those handled, all in
    /// one transaction, a few multi-row statements per batch. An event whose lease this
    /// worker no longer holds is left alone, effects and all. Returns how many outbox rows
    /// were written.
    ///
    /// With `handoff` (the outbox sender's lease owner and lease end), the rows written are
    /// also leased to that sender in the same transaction and returned, so it can send them
    /// at once without a claim of its own.
    pub async fn finish_inbox(
        &self,
        owner: &str,
        now: i64,
        results: Vec<(i64, InboxOutcome)>,
        handoff: Option<(&str, i64)>,
        next: Option<ClaimNext>,
    ) -> Result<Finished> {
        let mut finished: BTreeMap<(&'static str, Option<String>), Vec<i64>> = BTreeMap::new();
        let mut retries = Vec::new();
        let mut done: Vec<(i64, Box<Effects>)> = Vec::new();
        for (seq, outcome) in results {
            match outcome {
                InboxOutcome::Done(effects) => {
                    finished.entry(("done", None)).or_default().push(seq);
                    done.push((seq, effects));
                }
                InboxOutcome::Skipped(why) => finished.entry(("skipped", Some(why.to_owned()))).or_default().push(seq),
                InboxOutcome::Failed(error) => finished.entry(("failed", Some(error))).or_default().push(seq),
                InboxOutcome::Retry { error, at } => retries.push((seq, error, at)),
            }
        }
        let (written, mut handed, cases, claimed, refused) = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut held: HashSet<i64> = HashSet::new();
            for ((state, error), seqs) in &finished {
                for chunk in seqs.chunks(CHUNK) {
                    let mut q = QueryBuilder::new("UPDATE inbox_events SET state = ");
                    q.push_bind(*state).push(", handled_at = ").push_bind(now).push(", last_error = ").push_bind(error.as_deref());
                    q.push(", lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner = ");
                    q.push_bind(owner).push(" AND seq IN (");
                    let mut list = q.separated(", ");
                    for seq in chunk {
                        list.push_bind(*seq);
                    }
                    q.push(") RETURNING seq");
                    let seqs: Vec<i64> = q.build_query_scalar().fetch_all(&mut *tx).await?;
                    held.extend(seqs);
                }
            }
            for (seq, error, at) in &retries {
                sqlx::query(RETRY_SQL).bind(at).bind(error).bind(seq).bind(owner).execute(&mut *tx).await?;
            }
            // Cases first: an event whose case number is another resident's case writes
            // nothing at all, and is handled again (drawing a new number).
            let mut refused: Vec<i64> = Vec::new();
            for (seq, effects) in done.iter().filter(|(seq, _)| held.contains(seq)) {
                let Some(case) = effects.case.as_ref() else { continue };
                if !cases::upsert_case!(tx, case, now) {
                    tracing::error!(seq, case = %case.number, "case write refused: the number is another resident's case");
                    sqlx::query(REFUSED_CASE_SQL).bind(now).bind(CASE_OWNER_ATTEMPTS).bind(seq).execute(&mut *tx).await?;
                    refused.push(*seq);
                }
            }
            let effects: Vec<&Effects> = done
                .iter()
                .filter(|(seq, _)| held.contains(seq) && !refused.contains(seq))
                .map(|(_, e)| e.as_ref())
                .collect();

            for chat in effects.iter().filter_map(|e| e.cancel_outbox_for.as_ref()) {
                sqlx::query(outbox::CANCEL_FOR_CHAT).bind(chat).bind(now).execute(&mut *tx).await?;
            }
            let conversations: Vec<&ConversationWrite> = effects.iter().filter_map(|e| e.conversation.as_ref()).collect();
            for chunk in conversations.chunks(CHUNK) {
                let mut q = QueryBuilder::new("INSERT INTO conversations (user_id, lang, display_name, phase, state, updated_at) ");
                q.push_values(chunk, |mut b, c| {
                    b.push_bind(&c.user_id)
                        .push_bind(&c.lang)
                        .push_bind(&c.display_name)
                        .push_bind(&c.phase)
                        .push_bind(&c.state)
                        .push_bind(now);
                });
                q.push(cases::UPSERT_CONVERSATION_TAIL);
                q.build().execute(&mut *tx).await?;
            }
            // Alerts: each case alerted once per level, decided by its row in this transaction.
            let mut alert_rows: Vec<(&NewOutbox, String)> = Vec::new();
            for alert in effects.iter().flat_map(|e| e.alerts.iter()) {
                let hit: Option<String> = sqlx::query_scalar(ALERT_ONCE).bind(&alert.case_number).bind(alert.level)
                    .fetch_optional(&mut *tx).await?;
                if hit.is_some() {
                    alert_rows.extend(alert.rows.iter().map(|r| (r, uuid::Uuid::new_v4().to_string())));
                }
            }
            outbox::insert_rows!(tx, &alert_rows, now);
            for (user, case) in effects.iter().filter_map(|e| e.handoff_notified.as_ref()) {
                sqlx::query("UPDATE conversations SET handoff_notified = 1 WHERE user_id = $1 AND handoff_case = $2")
                    .bind(user).bind(case).execute(&mut *tx).await?;
            }
            for user in effects.iter().filter_map(|e| e.erasure_requested.as_ref()) {
                for sql in ERASURE_REQUEST {
                    sqlx::query(sql).bind(user).bind(now).execute(&mut *tx).await?;
                }
            }
            for (chat, kind, joined) in effects.iter().filter_map(|e| e.chat_membership.as_ref()) {
                let left_at = (!joined).then_some(now);
                sqlx::query(CHAT_MEMBERSHIP).bind(chat).bind(*kind).bind(now).bind(left_at).execute(&mut *tx).await?;
            }

            // Each outbox row's retry key is fixed here, and finds the row's id again.
            let rows: Vec<(&NewOutbox, String)> = effects
                .iter()
                .flat_map(|e| e.outbox.iter())
                .map(|r| (r, uuid::Uuid::new_v4().to_string()))
                .collect();
            let ids = outbox::insert_rows!(tx, &rows, now);

            // Transcript lines, pointing at their outbox rows (by index within their event).
            let mut lines = Vec::new();
            let mut next_row = 0;
            for e in &effects {
                for t in &e.transcript {
                    let outbox_id = t.outbox_index.and_then(|i| rows.get(next_row + i)).and_then(|(_, key)| ids.get(key)).copied();
                    lines.push((t, outbox_id));
                }
                next_row += e.outbox.len();
            }
            for chunk in lines.chunks(CHUNK) {
                let mut q = QueryBuilder::new(
                    "INSERT INTO transcript (user_id, case_id, direction, kind, body, outbox_id, created_at) ",
                );
                q.push_values(chunk, |mut b, (t, outbox_id)| {
                    b.push_bind(&t.user_id)
                        .push("(SELECT id FROM cases WHERE number = ")
                        .push_bind_unseparated(&t.case_number)
                        .push_unseparated(")")
                        .push_bind(t.direction)
                        .push_bind(t.kind)
                        .push_bind(&t.body)
                        .push_bind(*outbox_id)
                        .push_bind(now);
                });
                q.build().execute(&mut *tx).await?;
            }
            let mut handed: Vec<OutboxRow> = Vec::new();
            if let Some((sender, lease_until)) = handoff {
                let new_ids: Vec<i64> = ids.values().copied().collect();
                for chunk in new_ids.chunks(CHUNK) {
                    let mut q = QueryBuilder::new(outbox::HANDOFF_HEAD);
                    q.push_bind(sender)
                        .push(", lease_until = ")
                        .push_bind(lease_until)
                        .push(", attempts = attempts + 1, reply_claims = reply_claims + 1 WHERE state = 'pending' AND id IN (");
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    q.push(") AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = outbox.chat_id AND o.state = 'pending' AND o.id < outbox.id) RETURNING ");
                    q.push(outbox::ROW_COLUMNS);
                    handed.extend(q.build_query_as::<OutboxRow>().fetch_all(&mut *tx).await?);
                }
            }
            // Before the claim, so the events taken in can be claimed at once.
            let queued = take_in_queued!(self, tx, now);
            let claimed: Vec<InboxEvent> = match next {
                Some(n) => sqlx::query_as(self.claim_sql()).bind(owner).bind(n.lease_until).bind(now).bind(n.limit)
                    .fetch_all(&mut *tx).await?,
                None => Vec::new(),
            };
            tx.commit().await?;
            answer_taken(queued);
            let mut cases: Vec<String> = effects
                .iter()
                .flat_map(|e| e.case.iter().map(|c| c.number.clone()).chain(e.transcript.iter().filter_map(|t| t.case_number.clone())))
                .collect();
            cases.sort();
            cases.dedup();
            (rows.len() + alert_rows.len(), handed, cases, claimed, refused.len())
        });
        handed.sort_by_key(|r| r.id);
        let mut claimed = claimed;
        claimed.sort_by_key(|r| (r.event_ts, r.seq));
        Ok(Finished { written, handed, cases, claimed, refused })
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
