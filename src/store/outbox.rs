//! The durable outbox: every message to LINE is a row, written in the same transaction as
//! the change that caused it, and delivered by `worker::outbox`.

use std::collections::{BTreeMap, HashMap};

use sqlx::{FromRow, QueryBuilder};

use crate::ids::ChatId;

use super::{
    db::{push_list, run, Db, Tx, CHUNK},
    Result, Store,
};

/// A message batch to send to one chat.
#[derive(Clone)]
pub struct NewOutbox {
    pub chat_id: ChatId,
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
    pub fn push(chat_id: &ChatId, messages: String) -> Self {
        NewOutbox { chat_id: chat_id.clone(), messages, reply_token: None, reply_deadline: None, source_event: None }
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
    pub chat_id: ChatId,
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
    /// `messages`, or `richmenu-link` (`messages` then holds the rich menu id to link).
    pub kind: String,
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
    /// A rich-menu link row, linked.
    RichMenuLink,
}

impl SentVia {
    pub fn as_str(self) -> &'static str {
        match self {
            SentVia::Reply => "reply",
            SentVia::Push => "push",
            SentVia::PushAlreadyAccepted => "push-already-accepted",
            SentVia::RichMenuLink => "richmenu-link",
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

/// The columns a claim returns (`OutboxRow`).
macro_rules! row_columns {
    () => {
        "id, chat_id, messages, reply_token, reply_deadline, reply_claims, retry_key, attempts, created_at, \
         first_push_at, source_event, kind"
    };
}

macro_rules! outbox_claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, ",
            "reply_claims = reply_claims + 1 ",
            "WHERE id IN (SELECT r.id FROM outbox r ",
            "WHERE r.state = 'pending' AND r.next_attempt_at <= $3 ",
            "AND (r.lease_until IS NULL OR r.lease_until < $3) ",
            // Messages to one chat leave in the order they were written; a rich-menu link
            // waiting for its retry holds up no message (migration 0010).
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = r.chat_id AND o.state = 'pending' AND o.id < r.id ",
            "AND o.kind = r.kind) ",
            "ORDER BY r.id LIMIT $4 ",
            $lock,
            ") RETURNING ",
            row_columns!()
        )
    };
}

/// A resident who blocked the account gets nothing more: waiting rows are given up. A row
/// being sent at this moment is fenced out (its lease is cleared), so its result is not
/// recorded over this.
const CANCEL_FOR_CHAT: &str = "UPDATE outbox SET state = 'failed', \
    last_error = 'not sent: the resident blocked the account', next_attempt_at = $2, \
    lease_owner = NULL, lease_until = NULL WHERE chat_id = $1 AND state = 'pending'";

const INSERT_HEAD: &str = "INSERT INTO outbox \
    (chat_id, messages, reply_token, reply_deadline, retry_key, state, created_at, next_attempt_at, source_event) ";

/// Inserts outbox rows, a hundred per statement. `rows` pairs each row with its retry key:
/// fixed when the row is written, so every attempt, by any process, after any crash, sends
/// the same one. Returns the new rows' ids by retry key.
pub(super) async fn insert(tx: &mut Tx<'_>, rows: &[(&NewOutbox, String)], now: i64) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        let got: Vec<(i64, String)> = run!(tx, |c| {
            let mut q = QueryBuilder::new(INSERT_HEAD);
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
            q.build_query_as().fetch_all(c).await?
        });
        ids.extend(got.into_iter().map(|(id, key)| (key, id)));
    }
    Ok(ids)
}

/// Pairs each row with a fresh retry key (see `insert`).
pub(super) fn keyed<'a>(rows: impl IntoIterator<Item = &'a NewOutbox>) -> Vec<(&'a NewOutbox, String)> {
    rows.into_iter().map(|r| (r, uuid::Uuid::new_v4().to_string())).collect()
}

/// Leases rows just written, in the writing transaction, to the sender in this process: the
/// fast path that saves the sender a claim. A row with an earlier pending row to the same
/// chat is left for the ordinary claim, so order is kept. Returns the rows leased, by id.
pub(super) async fn hand_off(tx: &mut Tx<'_>, ids: &[i64], sender: &str, lease_until: i64) -> Result<Vec<OutboxRow>> {
    let mut handed: Vec<OutboxRow> = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<OutboxRow> = run!(tx, |c| {
            let mut q = QueryBuilder::new("UPDATE outbox SET lease_owner = ");
            q.push_bind(sender).push(", lease_until = ").push_bind(lease_until);
            q.push(", attempts = attempts + 1, reply_claims = reply_claims + 1 WHERE state = 'pending' AND id IN ");
            push_list(&mut q, chunk);
            q.push(" AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = outbox.chat_id AND o.state = 'pending' ");
            q.push("AND o.id < outbox.id AND o.kind = outbox.kind) RETURNING ").push(row_columns!());
            q.build_query_as().fetch_all(c).await?
        });
        handed.extend(rows);
    }
    handed.sort_by_key(|r| r.id);
    Ok(handed)
}

/// Gives up every row still waiting for `chat_id` (see `CANCEL_FOR_CHAT`).
pub(super) async fn cancel_for_chat(tx: &mut Tx<'_>, chat_id: &ChatId, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(CANCEL_FOR_CHAT).bind(chat_id).bind(now).execute(c).await?;
    });
    Ok(())
}

/// Leases up to `limit` rows ready to send: the oldest pending row of each chat.
async fn claim(db: &mut impl Db, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<OutboxRow>> {
    let sql = if db.is_postgres() { outbox_claim_sql!("FOR UPDATE SKIP LOCKED") } else { outbox_claim_sql!("") };
    let mut rows: Vec<OutboxRow> =
        run!(db, |c| { sqlx::query_as(sql).bind(owner).bind(lease_until).bind(now).bind(limit).fetch_all(c).await? });
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// How a group of rows ended: (state, via, error, next attempt, first push).
type Ending<'a> = (&'static str, Option<&'static str>, Option<&'a str>, i64, Option<i64>);

/// Records one kind of result for rows `owner` holds; a row whose lease was lost is left
/// alone. A delivered row's body is emptied: the transcript keeps the text (migration 0006).
async fn record(tx: &mut Tx<'_>, owner: &str, now: i64, ending: &Ending<'_>, ids: &[i64]) -> Result<()> {
    let (state, via, error, next, first_push_at) = *ending;
    for chunk in ids.chunks(CHUNK) {
        run!(tx, |c| {
            let mut q = QueryBuilder::new("UPDATE outbox SET state = ");
            q.push_bind(state).push(", sent_at = ").push_bind((state == "sent").then_some(now));
            q.push(", sent_via = ").push_bind(via).push(", last_error = ").push_bind(error);
            q.push(", next_attempt_at = ").push_bind(next);
            q.push(", first_push_at = COALESCE(first_push_at, ").push_bind(first_push_at);
            q.push("), lease_owner = NULL, lease_until = NULL");
            if state == "sent" {
                q.push(", messages = '[]'");
            }
            q.push(" WHERE lease_owner = ").push_bind(owner).push(" AND id IN ");
            push_list(&mut q, chunk);
            q.build().execute(c).await?;
        });
    }
    Ok(())
}

/// Gives back rows `owner` holds whose delivery could not be recorded.
async fn release(db: &mut impl Db, owner: &str, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(CHUNK) {
        run!(db, |c| {
            let mut q = QueryBuilder::new(
                "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner = ",
            );
            q.push_bind(owner).push(" AND id IN ");
            push_list(&mut q, chunk);
            q.build().execute(c).await?;
        });
    }
    Ok(())
}

/// Empties the bodies of a chat's rows that were given up (erasure); delivered rows were
/// emptied when sent, and failed ones have their own index (migration 0006).
pub(super) async fn erase_failed(tx: &mut Tx<'_>, chat_id: &ChatId) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE outbox SET messages = '[]' WHERE chat_id = $1 AND state = 'failed'")
            .bind(chat_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Empties the bodies of finished rows written before `before`. Returns how many.
pub(super) async fn empty_finished_before(db: &mut impl Db, before: i64) -> Result<u64> {
    Ok(run!(db, |c| {
        sqlx::query(
            "UPDATE outbox SET messages = '[]' WHERE state <> 'pending' AND created_at < $1 AND messages <> '[]'",
        )
        .bind(before)
        .execute(c)
        .await?
        .rows_affected()
    }))
}

impl Store {
    /// Writes outbox rows outside an event (e.g. staff replies later); same SQL as effects.
    pub async fn insert_outbox(&self, rows: &[NewOutbox], now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        insert(&mut tx, &keyed(rows), now).await?;
        tx.commit().await
    }

    /// Leases up to `limit` rows ready to send: the oldest pending row of each chat.
    pub async fn claim_outbox(&self, owner: &str, now: i64, lease_until: i64, limit: i64) -> Result<Vec<OutboxRow>> {
        claim(&mut self.writer().await?, owner, now, lease_until, limit).await
    }

    /// Gives back outbox rows `owner` holds whose delivery could not be recorded.
    pub async fn release_outbox(&self, owner: &str, ids: &[i64]) -> Result<()> {
        release(&mut self.writer().await?, owner, ids).await
    }

    /// Records delivery results in one transaction, one statement per kind of result (under
    /// load nearly all are "sent by reply"); a row whose lease was lost is left alone. A
    /// delivered row's body is emptied. Webhook events waiting for a commit are taken in.
    pub async fn finish_outbox(&self, owner: &str, now: i64, results: &[(i64, OutboxResult)]) -> Result<()> {
        let mut groups: BTreeMap<Ending, Vec<i64>> = BTreeMap::new();
        for (id, result) in results {
            let ending: Ending = match result {
                OutboxResult::Sent { via, first_push_at } => ("sent", Some(via.as_str()), None, now, *first_push_at),
                OutboxResult::Retry { at, error, first_push_at } => ("pending", None, Some(error), *at, *first_push_at),
                OutboxResult::Failed { error, first_push_at } => ("failed", None, Some(error), now, *first_push_at),
            };
            groups.entry(ending).or_default().push(*id);
        }
        let mut tx = self.begin().await?;
        for (ending, ids) in &groups {
            record(&mut tx, owner, now, ending, ids).await?;
        }
        let taken = self.take_in_waiting_events(&mut tx, now).await?;
        tx.commit().await?;
        taken.acknowledge();
        Ok(())
    }

    /// One row's delivery record: (state, sent_via, last_error, attempts).
    pub async fn outbox_record(&self, id: i64) -> Result<Option<(String, Option<String>, Option<String>, i64)>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as("SELECT state, sent_via, last_error, attempts FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_optional(c)
                .await?
        }))
    }

    /// A row's stored messages (`[]` once delivered).
    pub async fn outbox_body(&self, id: i64) -> Result<Option<String>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_scalar("SELECT messages FROM outbox WHERE id = $1").bind(id).fetch_optional(c).await?
        }))
    }

    /// Ids of the rows to a chat, oldest first (tests and diagnostics: no index covers every
    /// chat's rows, see migration 0006).
    pub async fn outbox_ids_for(&self, chat_id: &ChatId) -> Result<Vec<i64>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_scalar("SELECT id FROM outbox WHERE chat_id = $1 ORDER BY id")
                .bind(chat_id)
                .fetch_all(c)
                .await?
        }))
    }
}
