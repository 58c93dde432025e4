//! A case's history (`case_actions`: what staff, the resident or the system did with it)
//! and the append-only audit log (`audit`: who saw or did what, when).

use sqlx::FromRow;

use crate::ids::LineUserId;

use super::{
    db::{run, Db, Tx},
    Result, Store,
};

#[derive(Debug, Clone, FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub staff_name: Option<String>,
    pub kind: String,
    pub detail: String,
    pub body: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub staff_name: Option<String>,
    pub case_number: Option<String>,
    pub action: String,
    pub detail: String,
}

/// A failed login as the admin page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginFailure {
    pub at: i64,
    /// The name as typed (cut to 64 characters).
    pub name: String,
    /// The client's address (from the trusted proxy's header when one is configured).
    pub client: String,
    /// Whether an account of that name exists.
    pub account: bool,
}

const INSERT_AUDIT: &str = "INSERT INTO audit (at, staff_id, case_id, action, detail) VALUES ($1, $2, $3, $4, $5)";

/// A line of a case's history: (kind, detail, body) as in `case_actions`.
pub(super) async fn insert_action(
    tx: &mut Tx<'_>,
    case_id: &str,
    staff_id: Option<&str>,
    (kind, detail, body): (&str, &str, Option<&str>),
    now: i64,
) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO case_actions (case_id, staff_id, kind, detail, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(case_id)
        .bind(staff_id)
        .bind(kind)
        .bind(detail)
        .bind(body)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// The resident asked for erasure: a line on each of their cases not yet marked.
pub(super) async fn note_erase_requested(tx: &mut Tx<'_>, user_id: &LineUserId, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO case_actions (case_id, staff_id, kind, detail, body, created_at) \
             SELECT id, NULL, 'erase_requested', '', NULL, $2 FROM cases \
             WHERE user_id = $1 AND anonymised_at IS NULL AND erase_requested_at IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Removes the internal notes' text from a case's history.
pub(super) async fn blank_notes(tx: &mut Tx<'_>, case_id: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE case_actions SET body = NULL WHERE case_id = $1").bind(case_id).execute(c).await?;
    });
    Ok(())
}

/// Appends to the audit log.
pub(super) async fn audit(
    db: &mut impl Db,
    staff_id: Option<&str>,
    case_id: Option<&str>,
    (action, detail): (&str, &str),
    now: i64,
) -> Result<()> {
    run!(db, |c| {
        sqlx::query(INSERT_AUDIT).bind(now).bind(staff_id).bind(case_id).bind(action).bind(detail).execute(c).await?;
    });
    Ok(())
}

impl Store {
    /// Appends to the audit log.
    pub async fn audit(
        &self,
        staff_id: Option<&str>,
        case_id: Option<&str>,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<()> {
        audit(&mut self.writer().await?, staff_id, case_id, (action, detail), now).await
    }

    /// The audit log, newest first: of one case, or of everything.
    pub async fn audit_log(&self, case_id: Option<&str>, limit: i64) -> Result<Vec<AuditRow>> {
        let head = "SELECT a.id, a.at, s.name AS staff_name, c.number AS case_number, a.action, a.detail \
            FROM audit a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN cases c ON c.id = a.case_id";
        let mut db = self.reader().await?;
        Ok(match case_id {
            Some(id) => {
                let sql = format!("{head} WHERE a.case_id = $1 ORDER BY a.id DESC LIMIT $2");
                run!(&mut db, |c| sqlx::query_as(&sql).bind(id).bind(limit).fetch_all(c).await?)
            }
            None => {
                let sql = format!("{head} ORDER BY a.id DESC LIMIT $1");
                run!(&mut db, |c| sqlx::query_as(&sql).bind(limit).fetch_all(c).await?)
            }
        })
    }

    /// A case's history, oldest first.
    pub async fn case_actions(&self, case_id: &str) -> Result<Vec<ActionRow>> {
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT a.id, s.name AS staff_name, a.kind, a.detail, a.body, a.created_at \
                 FROM case_actions a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.case_id = $1 ORDER BY a.id",
            )
            .bind(case_id)
            .fetch_all(c)
            .await?
        }))
    }

    /// The latest failed logins, newest first.
    pub async fn login_failures(&self, limit: i64) -> Result<Vec<LoginFailure>> {
        let mut db = self.reader().await?;
        let rows: Vec<(i64, String, Option<String>)> = run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT at, detail, staff_id FROM audit WHERE action = 'login_failed' ORDER BY id DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(c)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(at, detail, staff_id)| {
                let d: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
                let field = |k: &str| d[k].as_str().unwrap_or("").to_owned();
                LoginFailure { at, name: field("name"), client: field("client"), account: staff_id.is_some() }
            })
            .collect())
    }
}
