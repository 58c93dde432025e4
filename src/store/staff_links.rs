//! Coordinators' LINE accounts (`staff.line_user_id`) and the one-time codes that link them
//! (`staff_link_codes`): `frontdesk staff link NAME` stores a code's SHA-256, the coordinator
//! sends the code to the bot in a one-on-one chat, and the bot links that LINE user.

use super::{
    db::{run, Tx},
    history,
    staff::{StaffRow, STAFF_COLUMNS},
    Result, Store,
};
use crate::ids::LineUserId;

/// What sending a link code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Linked now, or already by this code to this LINE user (the event handled again):
    /// the account's name.
    Linked(String),
    /// No such code, or its account is disabled.
    Unknown,
    Expired,
    /// Used before, by another LINE user or for an account linked elsewhere since.
    Used,
}

/// How a LINE user id shows in the audit log: never in full.
pub fn masked(user_id: &LineUserId) -> String {
    let id = user_id.as_str();
    let tail: String = id.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{}…{tail}", id.chars().next().unwrap_or('?'))
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    staff_id: String,
    expires_at: i64,
    used_at: Option<i64>,
    name: String,
    disabled: bool,
    line_user_id: Option<String>,
}

/// Links the code's account, or says why not; a refusal is audited too (`line_link_refused`,
/// with the account when the code was one), so guessing at codes shows in the log.
async fn link(tx: &mut Tx<'_>, code_hash: &str, user_id: &LineUserId, now: i64) -> Result<LinkOutcome> {
    let row: Option<CodeRow> = run!(tx, |c| {
        sqlx::query_as(
            "SELECT k.staff_id, k.expires_at, k.used_at, s.name, s.disabled <> 0 AS disabled, s.line_user_id \
             FROM staff_link_codes k JOIN staff s ON s.id = k.staff_id WHERE k.code_hash = $1",
        )
        .bind(code_hash)
        .fetch_optional(c)
        .await?
    });
    let refused = match &row {
        None => Some(("unknown", LinkOutcome::Unknown)),
        Some(r) if r.disabled => Some(("disabled", LinkOutcome::Unknown)),
        // The same message handled again after a crash is answered as the first time.
        Some(r) if r.used_at.is_some() && r.line_user_id.as_deref() == Some(user_id.as_str()) => {
            return Ok(LinkOutcome::Linked(r.name.clone()));
        }
        Some(r) if r.used_at.is_some() => Some(("used", LinkOutcome::Used)),
        Some(r) if r.expires_at <= now => Some(("expired", LinkOutcome::Expired)),
        Some(_) => None,
    };
    let staff_id = row.as_ref().map(|r| r.staff_id.as_str());
    if let Some((reason, outcome)) = refused {
        let detail = format!("{reason}:{}", masked(user_id));
        history::audit(tx, staff_id, None, ("line_link_refused", &detail), now).await?;
        return Ok(outcome);
    }
    let Some(row) = row else { return Ok(LinkOutcome::Unknown) };
    // One LINE user, one account: a link made before for another account moves here.
    run!(tx, |c| {
        sqlx::query("UPDATE staff SET line_user_id = NULL WHERE line_user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(&row.staff_id)
            .execute(c)
            .await?;
    });
    run!(tx, |c| {
        sqlx::query("UPDATE staff SET line_user_id = $1 WHERE id = $2")
            .bind(user_id)
            .bind(&row.staff_id)
            .execute(c)
            .await?;
    });
    run!(tx, |c| {
        sqlx::query("UPDATE staff_link_codes SET used_at = $2 WHERE code_hash = $1")
            .bind(code_hash)
            .bind(now)
            .execute(c)
            .await?;
    });
    history::audit(tx, Some(&row.staff_id), None, ("line_linked", &masked(user_id)), now).await?;
    Ok(LinkOutcome::Linked(row.name))
}

impl Store {
    /// Stores a new link code (its SHA-256) for the account, valid until `expires_at`.
    pub async fn add_link_code(&self, code_hash: &str, staff_id: &str, expires_at: i64) -> Result<()> {
        let mut db = self.writer().await?;
        run!(&mut db, |c| {
            sqlx::query("INSERT INTO staff_link_codes (code_hash, staff_id, expires_at) VALUES ($1, $2, $3)")
                .bind(code_hash)
                .bind(staff_id)
                .bind(expires_at)
                .execute(c)
                .await?;
        });
        Ok(())
    }

    /// Links the LINE user who sent the code with the code's account (audited as
    /// `line_linked`), once, before the code expires.
    pub async fn link_line_user(&self, code_hash: &str, user_id: &LineUserId, now: i64) -> Result<LinkOutcome> {
        let mut tx = self.begin().await?;
        let outcome = link(&mut tx, code_hash, user_id, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The enabled account linked to this LINE user: a disabled account's link stops working.
    pub async fn staff_by_line_user(&self, user_id: &LineUserId) -> Result<Option<StaffRow>> {
        let sql = format!("SELECT {STAFF_COLUMNS} FROM staff a WHERE a.line_user_id = $1 AND a.disabled = 0");
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(user_id).fetch_optional(c).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_user_id_is_audited_masked() {
        let id = LineUserId::parse("U206d25c2ea6bd87c17655609a1c37cb8").unwrap();
        assert_eq!(masked(&id), "U…7cb8");
    }
}
