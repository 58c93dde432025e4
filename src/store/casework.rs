//! Staff work on cases: the queue's listing, the case page's reads (transcript with
//! delivery state, actions, attachments), and each staff action written in one
//! transaction with its history line, its audit line, the relay's state and any message.

use sqlx::{FromRow, QueryBuilder};

use super::{outbox, with_db, with_read_db, CaseRow, NewOutbox, Result, Store};

/// One transcript line as the case page shows it.
#[derive(Debug, Clone, FromRow)]
pub struct TranscriptLine {
    pub id: i64,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub gloss: Option<String>,
    pub staff_name: Option<String>,
    pub created_at: i64,
    /// The outbox row carrying an outgoing line: pending | sent | failed.
    pub delivery: Option<String>,
    pub delivery_error: Option<String>,
}

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

/// A column value in a staff action's update of the case.
#[derive(Debug, Clone)]
pub enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    /// The column's own value, unchanged unless NULL (`COALESCE(col, v)`).
    IntIfNull(i64),
}

/// What a staff action does to the resident's conversation.
#[derive(Debug, Clone)]
pub enum Relay {
    /// Staff hold the case: the resident's messages go to it (told once).
    Hold { user_id: String, number: String },
    /// Staff let go; `closed` says the case was closed, so the bot starts afresh.
    Release { user_id: String, closed: Option<String> },
}

/// A message to the resident, with its transcript line.
#[derive(Debug, Clone)]
pub struct StaffMessage {
    pub row: NewOutbox,
    pub text: String,
    /// For a canned reply: the same words in Japanese, for staff.
    pub gloss: Option<String>,
}

/// One staff action on one case, written together or not at all.
#[derive(Debug, Clone)]
pub struct CaseWork {
    pub case_id: String,
    pub staff_id: Option<String>,
    pub now: i64,
    /// Columns to set on the case (besides `updated_at`).
    pub set: Vec<(&'static str, Val)>,
    /// Extra conditions, as SQL over the case's own columns, that must hold for the action
    /// to apply (e.g. `assignee IS NULL` for a claim). The case must never be closed.
    pub guard: Option<&'static str>,
    /// The case's status must still be this (the check was made on what was read).
    pub expect_status: Option<String>,
    pub relay: Option<Relay>,
    /// (kind, detail, body) for the case's history.
    pub action: (&'static str, String, Option<String>),
    pub message: Option<StaffMessage>,
}

const CASE_COLUMNS_NOT_ANONYMISED: &str = "SELECT * FROM cases WHERE anonymised_at IS NULL";

impl Store {
    /// Cases for the queue page: every open case (there is no cap: an urgent case must
    /// never fall off the end), or the `closed_limit` most recently closed; never the
    /// anonymised. Access is decided by the caller (`casework::Actor`).
    pub async fn list_cases(&self, closed: bool, closed_limit: i64) -> Result<Vec<CaseRow>> {
        let rows = with_read_db!(self, pool => {
            if closed {
                sqlx::query_as(&format!("{CASE_COLUMNS_NOT_ANONYMISED} AND status = 'closed' ORDER BY closed_at DESC LIMIT $1"))
                    .bind(closed_limit).fetch_all(pool).await?
            } else {
                sqlx::query_as(&format!("{CASE_COLUMNS_NOT_ANONYMISED} AND status <> 'closed' ORDER BY created_at"))
                    .fetch_all(pool).await?
            }
        });
        Ok(rows)
    }

    /// A case by number, read on the reader pool (live streams ask often).
    pub async fn case_to_show(&self, number: &str) -> Result<Option<CaseRow>> {
        let row = with_read_db!(self, pool => {
            sqlx::query_as(&format!("{CASE_COLUMNS_NOT_ANONYMISED} AND number = $1")).bind(number).fetch_optional(pool).await?
        });
        Ok(row)
    }

    pub async fn case_transcript(&self, case_id: &str) -> Result<Vec<TranscriptLine>> {
        let rows = with_read_db!(self, pool => {
            sqlx::query_as("SELECT t.id, t.direction, t.kind, t.body, t.gloss, s.name AS staff_name, t.created_at, \
                o.state AS delivery, o.last_error AS delivery_error \
                FROM transcript t LEFT JOIN outbox o ON o.id = t.outbox_id LEFT JOIN staff s ON s.id = t.staff_id \
                WHERE t.case_id = $1 ORDER BY t.id")
                .bind(case_id).fetch_all(pool).await?
        });
        Ok(rows)
    }

    pub async fn case_actions(&self, case_id: &str) -> Result<Vec<ActionRow>> {
        let rows = with_read_db!(self, pool => {
            sqlx::query_as("SELECT a.id, s.name AS staff_name, a.kind, a.detail, a.body, a.created_at \
                FROM case_actions a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.case_id = $1 ORDER BY a.id")
                .bind(case_id).fetch_all(pool).await?
        });
        Ok(rows)
    }

    /// Appends to the audit log.
    pub async fn audit(
        &self,
        staff_id: Option<&str>,
        case_id: Option<&str>,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<()> {
        with_db!(self, pool => {
            sqlx::query(INSERT_AUDIT).bind(now).bind(staff_id).bind(case_id).bind(action).bind(detail).execute(pool).await?;
        });
        Ok(())
    }

    /// The audit log, newest first: of one case, or of everything.
    pub async fn audit_log(&self, case_id: Option<&str>, limit: i64) -> Result<Vec<AuditRow>> {
        let head = "SELECT a.id, a.at, s.name AS staff_name, c.number AS case_number, a.action, a.detail \
            FROM audit a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN cases c ON c.id = a.case_id";
        let rows = with_read_db!(self, pool => {
            match case_id {
                Some(id) => sqlx::query_as(&format!("{head} WHERE a.case_id = $1 ORDER BY a.id DESC LIMIT $2"))
                    .bind(id).bind(limit).fetch_all(pool).await?,
                None => sqlx::query_as(&format!("{head} ORDER BY a.id DESC LIMIT $1")).bind(limit).fetch_all(pool).await?,
            }
        });
        Ok(rows)
    }

    /// Applies one staff action. `false`: the case is closed, gone, or no longer what the
    /// action was checked against (nothing was written).
    pub async fn apply_case_work(&self, w: &CaseWork) -> Result<bool> {
        let applied = with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut q = QueryBuilder::new("UPDATE cases SET updated_at = ");
            q.push_bind(w.now);
            for (col, val) in &w.set {
                q.push(", ").push(*col).push(" = ");
                match val {
                    Val::Text(v) => { q.push_bind(v.clone()); }
                    Val::Int(v) => { q.push_bind(*v); }
                    Val::IntIfNull(v) => { q.push("COALESCE(").push(*col).push(", ").push_bind(*v).push(")"); }
                }
            }
            q.push(" WHERE id = ").push_bind(&w.case_id).push(" AND status <> 'closed' AND anonymised_at IS NULL");
            if let Some(g) = w.guard {
                q.push(" AND (").push(g).push(")");
            }
            if let Some(s) = &w.expect_status {
                q.push(" AND status = ").push_bind(s);
            }
            let hit = q.build().execute(&mut *tx).await?.rows_affected() == 1;
            if hit {
                match &w.relay {
                    Some(Relay::Hold { user_id, number }) => {
                        sqlx::query("UPDATE conversations SET handoff_case = $2, handoff_notified = \
                            CASE WHEN handoff_case = $2 THEN handoff_notified ELSE 0 END WHERE user_id = $1")
                            .bind(user_id).bind(number).execute(&mut *tx).await?;
                    }
                    Some(Relay::Release { user_id, closed }) => {
                        sqlx::query("UPDATE conversations SET handoff_case = NULL, handoff_notified = 0, \
                            closed_case = COALESCE($2, closed_case) WHERE user_id = $1")
                            .bind(user_id).bind(closed).execute(&mut *tx).await?;
                    }
                    None => {}
                }
                let (kind, detail, body) = &w.action;
                sqlx::query(INSERT_ACTION).bind(&w.case_id).bind(&w.staff_id).bind(*kind).bind(detail).bind(body).bind(w.now)
                    .execute(&mut *tx).await?;
                sqlx::query(INSERT_AUDIT).bind(w.now).bind(&w.staff_id).bind(&w.case_id).bind(*kind).bind(detail)
                    .execute(&mut *tx).await?;
                if let Some(m) = &w.message {
                    let keyed = [(&m.row, uuid::Uuid::new_v4().to_string())];
                    let ids = outbox::insert_rows!(tx, &keyed, w.now);
                    let outbox_id = ids.get(&keyed[0].1).copied();
                    sqlx::query("INSERT INTO transcript (user_id, case_id, direction, kind, body, outbox_id, created_at, staff_id, gloss) \
                        VALUES ($1, $2, 'out', 'text', $3, $4, $5, $6, $7)")
                        .bind(&m.row.chat_id).bind(&w.case_id).bind(&m.text).bind(outbox_id).bind(w.now).bind(&w.staff_id).bind(&m.gloss)
                        .execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            hit
        });
        Ok(applied)
    }
}

impl Store {
    /// Groups and rooms the bot is or was in: (chat id, kind, joined at, left at).
    pub async fn line_chats(&self) -> Result<Vec<(String, String, i64, Option<i64>)>> {
        let rows = with_read_db!(self, pool => {
            sqlx::query_as("SELECT chat_id, kind, joined_at, left_at FROM line_chats ORDER BY joined_at DESC")
                .fetch_all(pool).await?
        });
        Ok(rows)
    }
}

pub(super) const INSERT_AUDIT: &str =
    "INSERT INTO audit (at, staff_id, case_id, action, detail) VALUES ($1, $2, $3, $4, $5)";

pub(super) const INSERT_ACTION: &str =
    "INSERT INTO case_actions (case_id, staff_id, kind, detail, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
