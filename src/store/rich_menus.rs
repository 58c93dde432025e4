//! The rich menus installed, one per language (`rich_menus`, migration 0010), and the
//! outbox rows that link a resident's menu to their language (`kind = 'richmenu-link'`).

use sqlx::FromRow;

use crate::ids::LineUserId;

use super::{
    db::{run, Tx},
    Result, Store,
};

/// The outbox kind of a per-user link: `messages` holds the rich menu id.
pub const LINK_KIND: &str = "richmenu-link";

/// A resident chose or switched their language: link their menu to it (see `queue_link`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RichMenuLink {
    pub user_id: LineUserId,
    pub lang: String,
    /// The inbox event that made the choice.
    pub source_event: Option<String>,
}

/// One installed menu.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RichMenuRecord {
    pub lang: String,
    pub rich_menu_id: String,
    pub alias_id: String,
    pub installed_at: i64,
}

const LINK_INSERT: &str = "INSERT INTO outbox \
    (chat_id, messages, retry_key, state, created_at, next_attempt_at, source_event, kind) \
    SELECT $1, rich_menu_id, $2, 'pending', $3, $3, $4, 'richmenu-link' FROM rich_menus WHERE lang = $5";

/// Queues a link of `user_id`'s menu to the menu of `lang`, if one is installed (else
/// nothing): sent by the outbox worker, retried and paced like a push.
pub(super) async fn queue_link(
    tx: &mut Tx<'_>,
    user_id: &LineUserId,
    lang: &str,
    source_event: Option<&str>,
    now: i64,
) -> Result<()> {
    let key = uuid::Uuid::new_v4().to_string();
    run!(tx, |c| {
        sqlx::query(LINK_INSERT)
            .bind(user_id.as_str())
            .bind(&key)
            .bind(now)
            .bind(source_event)
            .bind(lang)
            .execute(c)
            .await?;
    });
    Ok(())
}

impl Store {
    /// The menus installed, by language tag.
    pub async fn rich_menus(&self) -> Result<Vec<RichMenuRecord>> {
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as("SELECT lang, rich_menu_id, alias_id, installed_at FROM rich_menus ORDER BY lang")
                .fetch_all(c)
                .await?
        }))
    }

    /// Records a fresh install, replacing the last one, and queues a link for every
    /// resident whose language has a menu: the menus they were linked to are about to be
    /// deleted. Returns how many links were queued.
    pub async fn replace_rich_menus(&self, menus: &[RichMenuRecord], now: i64) -> Result<usize> {
        let mut tx = self.begin().await?;
        run!(&mut tx, |c| {
            sqlx::query("DELETE FROM rich_menus").execute(&mut *c).await?;
            for m in menus {
                sqlx::query(
                    "INSERT INTO rich_menus (lang, rich_menu_id, alias_id, installed_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&m.lang)
                .bind(&m.rich_menu_id)
                .bind(&m.alias_id)
                .bind(m.installed_at)
                .execute(&mut *c)
                .await?;
            }
        });
        let residents: Vec<(LineUserId, String)> = run!(&mut tx, |c| {
            sqlx::query_as(
                "SELECT c.user_id, c.lang FROM conversations c JOIN rich_menus r ON r.lang = c.lang ORDER BY c.user_id",
            )
            .fetch_all(c)
            .await?
        });
        for (user, lang) in &residents {
            queue_link(&mut tx, user, lang, None, now).await?;
        }
        tx.commit().await?;
        Ok(residents.len())
    }
}
