//! Groups and rooms the bot is or was in (`line_chats`): coordinators' groups are
//! configured by these ids.

use crate::ids::ChatId;

use super::{
    db::{run, Tx},
    Result, Store,
};

/// The bot joined (`left_at` is `None`) or left a group or room.
pub(super) async fn record_membership(
    tx: &mut Tx<'_>,
    chat_id: &ChatId,
    kind: &str,
    now: i64,
    left_at: Option<i64>,
) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO line_chats (chat_id, kind, joined_at, left_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (chat_id) DO UPDATE SET left_at = excluded.left_at, \
             joined_at = CASE WHEN excluded.left_at IS NULL THEN excluded.joined_at ELSE line_chats.joined_at END",
        )
        .bind(chat_id)
        .bind(kind)
        .bind(now)
        .bind(left_at)
        .execute(c)
        .await?;
    });
    Ok(())
}

impl Store {
    /// Groups and rooms the bot is or was in: (chat id, kind, joined at, left at).
    pub async fn line_chats(&self) -> Result<Vec<(ChatId, String, i64, Option<i64>)>> {
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as("SELECT chat_id, kind, joined_at, left_at FROM line_chats ORDER BY joined_at DESC")
                .fetch_all(c)
                .await?
        }))
    }
}
