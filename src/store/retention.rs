//! Data rights and retention: a resident's erasure (asked for through LINE, confirmed by
//! staff) and the anonymising of old closed cases by `frontdesk purge`.
//!
//! Anonymising keeps what statistics need (queue, priority, topics as codes, dates,
//! status, outcome) and removes everything that identifies or was written by the resident:
//! name, LINE id, description, phone, address, location, every answer's JSON, transcript
//! text, attachment names, internal notes.

use super::{casework::INSERT_AUDIT, outbox, with_db, NewOutbox, Result, Store};

/// The columns of `cases` an anonymisation clears (`$1` is the replacement user id).
const ANONYMISE_CASE_SET: &str = "user_id = $1, display_name = NULL, description = NULL, phone = NULL, \
    address = NULL, latitude = NULL, longitude = NULL, answers = '{}', anonymised_at = $2, updated_at = $2";

/// How much `purge` removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Purged {
    pub cases: u64,
    pub inbox_events: u64,
    pub outbox_rows: u64,
}

impl Store {
    /// Erases everything about one resident, in one transaction: every case of theirs is
    /// anonymised (an open one closed with outcome `erased`), their transcript text, notes,
    /// stored webhook events, sent messages and conversation are removed. `farewell`, if
    /// given, is the last message to them ("your data was deleted"). Returns the numbers of
    /// the cases anonymised.
    pub async fn erase_resident(
        &self,
        user_id: &str,
        staff_id: &str,
        farewell: Option<&NewOutbox>,
        now: i64,
    ) -> Result<Vec<String>> {
        let anon = format!("erased:{}", uuid::Uuid::new_v4().simple());
        let numbers = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let ids: Vec<(String, String)> = sqlx::query_as("SELECT id, number FROM cases WHERE user_id = $1")
                .bind(user_id).fetch_all(&mut *tx).await?;
            for (id, _) in &ids {
                sqlx::query("INSERT INTO case_actions (case_id, staff_id, kind, detail, body, created_at) VALUES ($1, $2, 'erased', '', NULL, $3)")
                    .bind(id).bind(staff_id).bind(now).execute(&mut *tx).await?;
                sqlx::query(INSERT_AUDIT).bind(now).bind(staff_id).bind(id).bind("erase").bind("").execute(&mut *tx).await?;
                sqlx::query("UPDATE case_actions SET body = NULL WHERE case_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("UPDATE case_attachments SET file_name = NULL WHERE case_id = $1").bind(id).execute(&mut *tx).await?;
            }
            sqlx::query(&format!("UPDATE cases SET {ANONYMISE_CASE_SET}, \
                outcome = CASE WHEN status = 'closed' THEN outcome ELSE 'erased' END, \
                closed_at = COALESCE(closed_at, $2), status = 'closed' WHERE user_id = $3"))
                .bind(&anon).bind(now).bind(user_id).execute(&mut *tx).await?;
            sqlx::query("UPDATE transcript SET body = NULL, gloss = NULL, user_id = $1 WHERE user_id = $2")
                .bind(&anon).bind(user_id).execute(&mut *tx).await?;
            // Events not yet handled came after the request: they are handled as new.
            sqlx::query("UPDATE inbox_events SET raw = '{}' WHERE chat_key = $1 AND state <> 'pending'")
                .bind(user_id).execute(&mut *tx).await?;
            // Delivered rows were emptied when sent; failed ones have their own index.
            sqlx::query("UPDATE outbox SET messages = '[]' WHERE chat_id = $1 AND state = 'failed'")
                .bind(user_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM conversations WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            sqlx::query("UPDATE erasure_requests SET user_id = NULL, done_at = $2, done_by = $3 WHERE user_id = $1")
                .bind(user_id).bind(now).bind(staff_id).execute(&mut *tx).await?;
            if let Some(row) = farewell {
                let keyed = [(row, uuid::Uuid::new_v4().to_string())];
                outbox::insert_rows!(tx, &keyed, now);
            }
            tx.commit().await?;
            ids.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
        });
        Ok(numbers)
    }

    /// Anonymises cases closed before `closed_before`, deletes handled webhook events
    /// received before `events_before` and empties messages given up before `messages_before`
    /// (delivered ones are emptied when sent). Each case is its own transaction, audited as the system's.
    pub async fn purge(
        &self,
        closed_before: i64,
        events_before: i64,
        messages_before: i64,
        now: i64,
    ) -> Result<Purged> {
        let mut purged = Purged::default();
        let due: Vec<String> = with_db!(self, pool => {
            sqlx::query_scalar("SELECT id FROM cases WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < $1")
                .bind(closed_before).fetch_all(pool).await?
        });
        for id in due {
            let anon = format!("purged:{}", uuid::Uuid::new_v4().simple());
            with_db!(self, pool => {
                let mut tx = pool.begin().await?;
                sqlx::query(&format!("UPDATE cases SET {ANONYMISE_CASE_SET} WHERE id = $3 AND anonymised_at IS NULL"))
                    .bind(&anon).bind(now).bind(&id).execute(&mut *tx).await?;
                sqlx::query("UPDATE transcript SET body = NULL, gloss = NULL, user_id = $1 WHERE case_id = $2")
                    .bind(&anon).bind(&id).execute(&mut *tx).await?;
                sqlx::query("UPDATE case_actions SET body = NULL WHERE case_id = $1").bind(&id).execute(&mut *tx).await?;
                sqlx::query("UPDATE case_attachments SET file_name = NULL WHERE case_id = $1").bind(&id).execute(&mut *tx).await?;
                sqlx::query(INSERT_AUDIT).bind(now).bind(None::<String>).bind(&id).bind("purge").bind("").execute(&mut *tx).await?;
                tx.commit().await?;
            });
            purged.cases += 1;
        }
        let (events, rows) = with_db!(self, pool => {
            // Only events that happened before the cutoff too: a replay of any deleted one is
            // then older than the webhook's replay window and is not handled again.
            let events = sqlx::query("DELETE FROM inbox_events WHERE state <> 'pending' AND received_at < $1 AND event_ts < $1")
                .bind(events_before).execute(pool).await?.rows_affected();
            let rows = sqlx::query("UPDATE outbox SET messages = '[]' WHERE state <> 'pending' AND created_at < $1 AND messages <> '[]'")
                .bind(messages_before).execute(pool).await?.rows_affected();
            (events, rows)
        });
        purged.inbox_events = events;
        purged.outbox_rows = rows;
        Ok(purged)
    }

    /// Residents who asked for erasure and are waiting for staff to confirm: (request id,
    /// user id, requested at).
    pub async fn pending_erasures(&self) -> Result<Vec<(i64, String, i64)>> {
        let rows = with_db!(self, pool => {
            sqlx::query_as("SELECT id, user_id, requested_at FROM erasure_requests WHERE done_at IS NULL AND user_id IS NOT NULL ORDER BY id")
                .fetch_all(pool).await?
        });
        Ok(rows)
    }
}
