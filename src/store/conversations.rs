//! Conversations (`conversations`): where each resident's conversation stands, written by
//! the intake step, and the relay's state (which case staff hold), written by staff actions.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use crate::ids::{CaseNumber, LineUserId};

use super::{
    db::{push_list, run, Db, Tx, CHUNK},
    Result, Store,
};

/// A conversation's stored state (the JSON of `intake::Conversation`).
#[derive(Clone)]
pub struct ConversationWrite {
    pub user_id: LineUserId,
    pub lang: Option<String>,
    pub display_name: Option<String>,
    pub phase: String,
    pub state: String,
}

/// A conversation as the worker reads it: the state, and what staff set beside it.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct StoredConversation {
    pub user_id: String,
    pub state: String,
    pub display_name: Option<String>,
    /// The case staff hold (claimed, not closed): messages go to it.
    pub handoff_case: Option<String>,
    pub handoff_notified: bool,
    /// The case staff closed last: the bot starts afresh after it.
    pub closed_case: Option<String>,
}

/// Writes conversations, a hundred per statement. One inbox batch holds at most one event
/// per resident, so no row is updated twice by one statement.
pub(super) async fn upsert(tx: &mut Tx<'_>, conversations: &[&ConversationWrite], now: i64) -> Result<()> {
    for chunk in conversations.chunks(CHUNK) {
        run!(tx, |c| {
            let mut q =
                QueryBuilder::new("INSERT INTO conversations (user_id, lang, display_name, phase, state, updated_at) ");
            q.push_values(chunk, |mut b, c| {
                b.push_bind(&c.user_id)
                    .push_bind(&c.lang)
                    .push_bind(&c.display_name)
                    .push_bind(&c.phase)
                    .push_bind(&c.state)
                    .push_bind(now);
            });
            q.push(
                " ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, \
                 display_name = COALESCE(excluded.display_name, conversations.display_name), \
                 phase = excluded.phase, state = excluded.state, updated_at = excluded.updated_at",
            );
            q.build().execute(c).await?;
        });
    }
    Ok(())
}

/// The resident was told that staff are handling `case_number` (if they still are).
pub(super) async fn mark_handoff_notified(tx: &mut Tx<'_>, user_id: &LineUserId, case_number: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE conversations SET handoff_notified = 1 WHERE user_id = $1 AND handoff_case = $2")
            .bind(user_id)
            .bind(case_number)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Staff hold `case_number`: the resident's messages go to it (told once per case).
pub(super) async fn hold(tx: &mut Tx<'_>, user_id: &LineUserId, case_number: &CaseNumber) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "UPDATE conversations SET handoff_case = $2, handoff_notified = \
             CASE WHEN handoff_case = $2 THEN handoff_notified ELSE 0 END WHERE user_id = $1",
        )
        .bind(user_id)
        .bind(case_number)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Staff let go; `closed` names the case if it was closed, so the bot starts afresh.
pub(super) async fn release(tx: &mut Tx<'_>, user_id: &LineUserId, closed: Option<&CaseNumber>) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "UPDATE conversations SET handoff_case = NULL, handoff_notified = 0, \
             closed_case = COALESCE($2, closed_case) WHERE user_id = $1",
        )
        .bind(user_id)
        .bind(closed)
        .execute(c)
        .await?;
    });
    Ok(())
}

pub(super) async fn delete(tx: &mut Tx<'_>, user_id: &LineUserId) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("DELETE FROM conversations WHERE user_id = $1").bind(user_id).execute(c).await?;
    });
    Ok(())
}

/// The stored conversations of several residents, a hundred per query.
async fn of_residents(db: &mut impl Db, user_ids: &[&str]) -> Result<HashMap<String, StoredConversation>> {
    let mut out = HashMap::with_capacity(user_ids.len());
    for chunk in user_ids.chunks(CHUNK) {
        let rows: Vec<StoredConversation> = run!(db, |c| {
            let mut q = QueryBuilder::new(
                "SELECT user_id, state, display_name, handoff_case, handoff_notified <> 0 AS handoff_notified, \
                 closed_case FROM conversations WHERE user_id IN ",
            );
            push_list(&mut q, chunk.iter().copied());
            q.build_query_as().fetch_all(c).await?
        });
        out.extend(rows.into_iter().map(|c| (c.user_id.clone(), c)));
    }
    Ok(out)
}

impl Store {
    /// The stored conversations of several residents, from the reader pool.
    pub async fn conversations_for(&self, user_ids: &[&str]) -> Result<HashMap<String, StoredConversation>> {
        of_residents(&mut self.reader().await?, user_ids).await
    }
}
