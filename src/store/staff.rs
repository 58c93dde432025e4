//! Staff accounts, browser sessions and API tokens. Passwords are stored as argon2id
//! hashes (made by `web::staff::auth`), session cookies and tokens as SHA-256 digests.

use sqlx::FromRow;

use super::{
    db::{run, Db},
    Result, Store,
};

#[derive(Clone, FromRow)]
pub struct StaffRow {
    pub id: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub queues: String,
    pub disabled: bool,
    pub created_at: i64,
    /// The name residents see beside 「相談員」, if the account opted in (migration 0012).
    pub display_name: Option<String>,
}

impl std::fmt::Debug for StaffRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffRow").field("name", &self.name).field("role", &self.role).finish_non_exhaustive()
    }
}

/// A live session, with its account.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub staff_id: String,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub name: String,
    pub role: String,
    pub queues: String,
}

/// Every column of `StaffRow`, of the account `a` (the integer flag read as a boolean).
pub(super) const STAFF_COLUMNS: &str =
    "a.id, a.name, a.password_hash, a.role, a.queues, a.disabled <> 0 AS disabled, a.created_at, a.display_name";

/// Disables an account and ends its sessions and tokens. `false`: no such name.
async fn disable(db: &mut impl Db, name: &str) -> Result<bool> {
    let id: Option<String> = run!(db, |c| {
        sqlx::query_scalar("UPDATE staff SET disabled = 1 WHERE name = $1 RETURNING id")
            .bind(name)
            .fetch_optional(c)
            .await?
    });
    let Some(id) = id else { return Ok(false) };
    run!(db, |c| {
        sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1").bind(&id).execute(c).await?;
    });
    run!(db, |c| {
        sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE staff_id = $1").bind(&id).execute(c).await?;
    });
    Ok(true)
}

impl Store {
    /// Adds an account; `false` if the name is taken.
    pub async fn add_staff(&self, name: &str, password_hash: &str, role: &str, queues: &str, now: i64) -> Result<bool> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut db = self.writer().await?;
        let n = run!(&mut db, |c| {
            sqlx::query(
                "INSERT INTO staff (id, name, password_hash, role, queues, disabled, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (name) DO NOTHING",
            )
            .bind(&id)
            .bind(name)
            .bind(password_hash)
            .bind(role)
            .bind(queues)
            .bind(now)
            .execute(c)
            .await?
            .rows_affected()
        });
        Ok(n == 1)
    }

    pub async fn staff_by_name(&self, name: &str) -> Result<Option<StaffRow>> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff a WHERE a.name = $1");
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(name).fetch_optional(c).await?))
    }

    pub async fn list_staff(&self) -> Result<Vec<StaffRow>> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff a ORDER BY a.name");
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).fetch_all(c).await?))
    }

    /// Sets (or with `None` clears) the display name residents see; `false`: no such name.
    pub async fn set_display_name(&self, name: &str, display_name: Option<&str>) -> Result<bool> {
        let mut db = self.writer().await?;
        let n = run!(&mut db, |c| {
            sqlx::query("UPDATE staff SET display_name = $2 WHERE name = $1")
                .bind(name)
                .bind(display_name)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(n == 1)
    }

    /// The display name an account opted in to, if any.
    pub async fn display_name_of(&self, staff_id: &str) -> Result<Option<String>> {
        let mut db = self.reader().await?;
        let found: Option<Option<String>> = run!(&mut db, |c| {
            sqlx::query_scalar("SELECT display_name FROM staff WHERE id = $1").bind(staff_id).fetch_optional(c).await?
        });
        Ok(found.flatten())
    }

    /// Disables an account and ends its sessions and tokens at once. `false`: no such name.
    pub async fn disable_staff(&self, name: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        let found = disable(&mut tx, name).await?;
        tx.commit().await?;
        Ok(found)
    }

    pub async fn create_session(&self, id_hash: &str, staff_id: &str, csrf: &str, now: i64) -> Result<()> {
        let mut db = self.writer().await?;
        run!(&mut db, |c| {
            sqlx::query(
                "INSERT INTO staff_sessions (id_hash, staff_id, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(id_hash)
            .bind(staff_id)
            .bind(csrf)
            .bind(now)
            .execute(c)
            .await?;
        });
        Ok(())
    }

    /// The session with this hash, if its account is enabled.
    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>> {
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT s.staff_id, s.csrf, s.created_at, s.last_seen_at, a.name, a.role, a.queues \
                 FROM staff_sessions s JOIN staff a ON a.id = s.staff_id WHERE s.id_hash = $1 AND a.disabled = 0",
            )
            .bind(id_hash)
            .fetch_optional(c)
            .await?
        }))
    }

    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<()> {
        let mut db = self.writer().await?;
        run!(&mut db, |c| {
            sqlx::query("UPDATE staff_sessions SET last_seen_at = $2 WHERE id_hash = $1")
                .bind(id_hash)
                .bind(now)
                .execute(c)
                .await?;
        });
        Ok(())
    }

    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        let mut db = self.writer().await?;
        run!(&mut db, |c| {
            sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1").bind(id_hash).execute(c).await?;
        });
        Ok(())
    }

    /// Removes sessions idle since before `idle_before` or older than `created_before`.
    pub async fn delete_expired_sessions(&self, idle_before: i64, created_before: i64) -> Result<u64> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2")
                .bind(idle_before)
                .bind(created_before)
                .execute(c)
                .await?
                .rows_affected()
        }))
    }

    pub async fn add_api_token(&self, token_hash: &str, staff_id: &str, label: &str, now: i64) -> Result<()> {
        let mut db = self.writer().await?;
        run!(&mut db, |c| {
            sqlx::query(
                "INSERT INTO api_tokens (token_hash, staff_id, label, created_at, revoked) VALUES ($1, $2, $3, $4, 0)",
            )
            .bind(token_hash)
            .bind(staff_id)
            .bind(label)
            .bind(now)
            .execute(c)
            .await?;
        });
        Ok(())
    }

    /// The enabled account behind an unrevoked API token.
    pub async fn staff_by_token(&self, token_hash: &str) -> Result<Option<StaffRow>> {
        let sql = format!(
            "SELECT {STAFF_COLUMNS} FROM api_tokens t JOIN staff a ON a.id = t.staff_id \
             WHERE t.token_hash = $1 AND t.revoked = 0 AND a.disabled = 0"
        );
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(token_hash).fetch_optional(c).await?))
    }

    /// Audits a failed login: the name as typed, the client's address, and the account
    /// if the name is one. Never the password.
    pub async fn audit_login_failure(&self, staff_id: Option<&str>, name: &str, client: &str, now: i64) -> Result<()> {
        let detail = serde_json::json!({ "name": name, "client": client }).to_string();
        self.audit(staff_id, None, "login_failed", &detail, now).await
    }
}
