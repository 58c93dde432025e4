//! The durable outbox: every message to LINE is a row, written in the same transaction as
//! the change that caused it, and delivered by `worker::outbox`.

use std::collections::BTreeMap;

use sqlx::{FromRow, QueryBuilder};

use super::{dialect, with_db, Result, Store};

/// A message batch to send to one chat.
#[derive(Clone)]
pub struct NewOutbox {
    pub chat_id: String,
    /// JSON array of 1–5 LINE message objects (built with `line::message`).
    pub messages: String,
    /// The reply token of the event being answered, if it may still be used.
    pub reply_token: Option<String>,
    /// After this time (ms) the token is not tried: push instead.
    pub reply_deadline: Option<i64>,
    /// The inbox event that caused this row, for tracing.
    pub source_event: Option<String>,
}

impl NewOutbox {
    /// A message sent by push (staff messages, alerts): no reply token, no source event.
    pub fn push(chat_id: &str, messages: String) -> Self {
        NewOutbox { chat_id: chat_id.to_owned(), messages, reply_token: None, reply_deadline: None, source_event: None }
    }
}

impl std::fmt::Debug for NewOutbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewOutbox")
            .field("chat_id", &self.chat_id)
            .field("reply", &self.reply_token.is_some())
            .finish_non_exhaustive()
    }
}

/// A claimed row, leased to one sender.
#[derive(Clone, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub chat_id: String,
    pub messages: String,
    pub reply_token: Option<String>,
    pub reply_deadline: Option<i64>,
    /// How many times the row has been claimed. The reply token is tried on the first claim
    /// only: after a crash or a lost lease the earlier reply's outcome is unknown.
    pub reply_claims: i64,
    pub retry_key: String,
    pub attempts: i64,
    pub created_at: i64,
    pub first_push_at: Option<i64>,
    /// The inbox event this row answers; `None` for staff messages and alerts.
    pub source_event: Option<String>,
}

impl std::fmt::Debug for OutboxRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxRow").field("id", &self.id).field("attempts", &self.attempts).finish_non_exhaustive()
    }
}

impl OutboxRow {
    /// The reply token may be tried now: present, fresh, and never claimed before.
    pub fn reply_token_usable(&self, now: i64) -> Option<&str> {
        match (&self.reply_token, self.reply_deadline) {
            (Some(t), Some(deadline)) if self.reply_claims == 1 && now < deadline => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentVia {
    Reply,
    Push,
    /// 409 for our retry key: an earlier push attempt was accepted.
    PushAlreadyAccepted,
}

impl SentVia {
    pub fn as_str(self) -> &'static str {
        match self {
            SentVia::Reply => "reply",
            SentVia::Push => "push",
            SentVia::PushAlreadyAccepted => "push-already-accepted",
        }
    }
}

/// How one delivery attempt ended.
#[derive(Debug, Clone)]
pub enum OutboxResult {
    Sent { via: SentVia, first_push_at: Option<i64> },
    Retry { at: i64, error: String, first_push_at: Option<i64> },
    Failed { error: String, first_push_at: Option<i64> },
}

/// A resident who blocked the account gets nothing more: waiting rows are given up. A row
/// being sent at this moment is fenced out (its lease is cleared), so its result is not
/// recorded over this.
pub(super) const CANCEL_FOR_CHAT: &str = "UPDATE outbox SET state = 'failed', \
    last_error = 'not sent: the resident blocked the account', next_attempt_at = $2, \
    lease_owner = NULL, lease_until = NULL WHERE chat_id = $1 AND state = 'pending'";

/// The columns a claim returns (`OutboxRow`).
pub(super) const ROW_COLUMNS: &str =
    "id, chat_id, messages, reply_token, reply_deadline, reply_claims, retry_key, attempts, created_at, first_push_at, \
    source_event";

/// Leases rows just written, in the writing transaction, to the sender in this process: the
/// fast path that saves the sender a claim. A row with an earlier pending row to the same
/// chat is left for the ordinary claim, so order is kept.
pub(super) const HANDOFF_HEAD: &str = "UPDATE outbox SET lease_owner = ";

macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, ",
            "reply_claims = reply_claims + 1 ",
            "WHERE id IN (SELECT r.id FROM outbox r ",
            "WHERE r.state = 'pending' AND r.next_attempt_at <= $3 ",
            "AND (r.lease_until IS NULL OR r.lease_until < $3) ",
            // Messages to one chat leave in the order they were written.
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = r.chat_id AND o.state = 'pending' AND o.id < r.id) ",
            "ORDER BY r.id LIMIT $4 ",
            $lock,
            ") RETURNING id, chat_id, messages, reply_token, reply_deadline, reply_claims, retry_key, attempts, ",
            "created_at, first_push_at, source_event"
        )
    };
}

pub(super) const INSERT_HEAD: &str = "INSERT INTO outbox \
    (chat_id, messages, reply_token, reply_deadline, retry_key, state, created_at, next_attempt_at, source_event) ";

/// Inserts outbox rows on an open transaction, a hundred per statement, for either
/// database. `$rows` pairs each row with its retry key: fixed when the row is written, so
/// every attempt, by any process, after any crash, sends the same one. Evaluates to the new
/// rows' ids by retry key.
macro_rules! insert_rows {
    ($tx:expr, $rows:expr, $now:expr) => {{
        let rows: &[(&$crate::store::NewOutbox, String)] = $rows;
        let now: i64 = $now;
        let mut ids: std::collections::HashMap<String, i64> = std::collections::HashMap::with_capacity(rows.len());
        for chunk in rows.chunks($crate::store::inbox::CHUNK) {
            let mut q = sqlx::QueryBuilder::new($crate::store::outbox::INSERT_HEAD);
            q.push_values(chunk, |mut b, (r, key)| {
                b.push_bind(&r.chat_id)
                    .push_bind(&r.messages)
                    .push_bind(&r.reply_token)
                    .push_bind(r.reply_deadline)
                    .push_bind(key)
                    .push_bind("pending")
                    .push_bind(now)
                    .push_bind(now)
                    .push_bind(&r.source_event);
            });
            q.push(" RETURNING id, retry_key");
            let got: Vec<(i64, String)> = q.build_query_as().fetch_all(&mut *$tx).await?;
            ids.extend(got.into_iter().map(|(id, key)| (key, id)));
        }
        ids
    }};
}
pub(super) use insert_rows;

impl Store {
    /// Writes outbox rows outside an event (e.g. staff replies later); same SQL as effects.
    pub async fn insert_outbox(&self, rows: &[NewOutbox], now: i64) -> Result<()> {
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let keyed: Vec<(&NewOutbox, String)> =
                rows.iter().map(|r| (r, uuid::Uuid::new_v4().to_string())).collect();
            insert_rows!(tx, &keyed, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Leases up to `limit` rows ready to send: the oldest pending row of each chat.
    pub async fn claim_outbox(&self, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<OutboxRow>> {
        let sql = dialect!(self, sqlite: claim_sql!(""), postgres: claim_sql!("FOR UPDATE SKIP LOCKED"));
        let mut rows: Vec<OutboxRow> = with_db!(self, pool => {
            sqlx::query_as(sql).bind(owner).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await?
        });
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Records delivery results in one transaction, one statement per kind of result (under
    /// load nearly all are "sent by reply"); a row whose lease was lost is left alone. A
    /// delivered row's body is emptied.
    pub async fn finish_outbox(&self, owner: &str, now: i64, results: &[(i64, OutboxResult)]) -> Result<()> {
        // (state, via, error, next attempt, first push) -> ids
        type Key<'a> = (&'static str, Option<&'static str>, Option<&'a str>, i64, Option<i64>);
        let mut groups: BTreeMap<Key, Vec<i64>> = BTreeMap::new();
        for (id, result) in results {
            let key: Key = match result {
                OutboxResult::Sent { via, first_push_at } => ("sent", Some(via.as_str()), None, now, *first_push_at),
                OutboxResult::Retry { at, error, first_push_at } => ("pending", None, Some(error), *at, *first_push_at),
                OutboxResult::Failed { error, first_push_at } => ("failed", None, Some(error), now, *first_push_at),
            };
            groups.entry(key).or_default().push(*id);
        }
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            for ((state, via, error, next, first_push_at), ids) in &groups {
                for chunk in ids.chunks(super::inbox::CHUNK) {
                    let mut q = QueryBuilder::new("UPDATE outbox SET state = ");
                    q.push_bind(*state)
                        .push(", sent_at = ")
                        .push_bind((*state == "sent").then_some(now))
                        .push(", sent_via = ")
                        .push_bind(*via)
                        .push(", last_error = ")
                        .push_bind(*error)
                        .push(", next_attempt_at = ")
                        .push_bind(*next)
                        .push(", first_push_at = COALESCE(first_push_at, ")
                        .push_bind(*first_push_at)
                        .push("), lease_owner = NULL, lease_until = NULL");
                    if *state == "sent" {
                        // Delivered: the transcript keeps the text (migration 0006).
                        q.push(", messages = '[]'");
                    }
                    q.push(" WHERE lease_owner = ")
                        .push_bind(owner)
                        .push(" AND id IN (");
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    q.push(")");
                    q.build().execute(&mut *tx).await?;
                }
            }
            let queued = super::queue::take_in_queued!(self, tx, now);
            tx.commit().await?;
            super::queue::answer_taken(queued);
        });
        Ok(())
    }

    /// One row's delivery record: (state, sent_via, last_error, attempts).
    pub async fn outbox_record(&self, id: i64) -> Result<Option<(String, Option<String>, Option<String>, i64)>> {
        let row = with_db!(self, pool => {
            sqlx::query_as("SELECT state, sent_via, last_error, attempts FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        Ok(row)
    }

    /// A row's stored messages (`[]` once delivered).
    pub async fn outbox_body(&self, id: i64) -> Result<Option<String>> {
        let body = with_db!(self, pool => {
            sqlx::query_scalar("SELECT messages FROM outbox WHERE id = $1").bind(id).fetch_optional(pool).await?
        });
        Ok(body)
    }

    /// Ids of the rows to a chat, oldest first (tests and diagnostics: no index covers every
    /// chat's rows, see migration 0006).
    pub async fn outbox_ids_for(&self, chat_id: &str) -> Result<Vec<i64>> {
        let ids = with_db!(self, pool => {
            sqlx::query_scalar("SELECT id FROM outbox WHERE chat_id = $1 ORDER BY id").bind(chat_id).fetch_all(pool).await?
        });
        Ok(ids)
    }
}
