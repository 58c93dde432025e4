//! Cases (`cases`, with `case_attachments`): written by the intake step with the event that
//! changed them (`write`), changed by staff actions (`CaseChange`), anonymised by `retention`.

mod write;

use sqlx::{Database, Encode, QueryBuilder, Type};

use crate::ids::{CaseNumber, LineUserId};

pub use write::CaseWrite;
pub(in crate::store) use write::{mark_erase_requested, raise_alert_level, upsert};

use super::{
    db::{run, Db, Tx},
    Result, Store,
};

/// What the intake writes of a case and staff read back: the resident's answers as stored
/// columns (codes, never words) and their routing. Written by `CaseWrite`, read in `CaseRow`,
/// so a new answer is added here once.
#[derive(Clone, Default, sqlx::FromRow)]
pub struct CaseDetails {
    pub display_name: Option<String>,
    pub lang: Option<String>,
    /// Why it was opened; written only when the row is new.
    pub opened_reason: String,
    pub submitted: bool,
    pub asked_for_staff: bool,
    pub emergency: bool,
    pub crisis: Option<String>,
    pub consent_record: Option<bool>,
    pub consent_share: Option<bool>,
    pub tonight: Option<String>,
    pub topics: String,
    pub household: Option<String>,
    pub adults: Option<i64>,
    pub children: Option<i64>,
    pub vulnerable: Option<String>,
    pub area: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub contact_method: Option<String>,
    pub phone: Option<String>,
    pub contact_time: Option<String>,
    pub interpreter: Option<bool>,
    pub preferred_window: Option<String>,
    pub answers: String,
    pub queue: String,
    pub flags: String,
    pub priority: String,
    pub partner_visible: bool,
}

/// The codes only: a name, an address, a phone number, the resident's words and the answers
/// they are kept in never reach a log through `{:?}`.
impl std::fmt::Debug for CaseDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseDetails")
            .field("lang", &self.lang)
            .field("opened_reason", &self.opened_reason)
            .field("crisis", &self.crisis)
            .field("tonight", &self.tonight)
            .field("topics", &self.topics)
            .field("queue", &self.queue)
            .field("flags", &self.flags)
            .field("priority", &self.priority)
            .finish_non_exhaustive()
    }
}

/// A case as read back (tests, staff pages). It reads as its details (`row.tonight`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseRow {
    pub id: String,
    pub number: CaseNumber,
    pub user_id: LineUserId,
    pub status: String,
    #[sqlx(flatten)]
    pub details: CaseDetails,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub sla_deadline: Option<i64>,
    pub assignee: Option<String>,
    pub claimed_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub queue_manual: bool,
    pub staff_flags: String,
    pub alert_level: i64,
    pub erase_requested_at: Option<i64>,
    pub anonymised_at: Option<i64>,
}

/// What a resident is told of their own case: no staff member's name, no note.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ResidentCase {
    pub number: CaseNumber,
    pub status: String,
    /// A staff member holds it.
    pub held: bool,
    pub priority: String,
    pub anonymised: bool,
    /// When a person's first response is due (office hours, `routing`).
    pub sla_deadline: Option<i64>,
}

impl std::ops::Deref for CaseRow {
    type Target = CaseDetails;
    fn deref(&self) -> &CaseDetails {
        &self.details
    }
}

/// Every column of `CaseRow`; the integer flags read as booleans on both databases.
const CASE_COLUMNS: &str = "id, number, user_id, display_name, lang, status, opened_reason, \
    submitted <> 0 AS submitted, asked_for_staff <> 0 AS asked_for_staff, emergency <> 0 AS emergency, crisis, \
    consent_record <> 0 AS consent_record, consent_share <> 0 AS consent_share, tonight, topics, household, adults, \
    children, vulnerable, area, latitude, longitude, address, description, contact_method, phone, contact_time, \
    interpreter <> 0 AS interpreter, preferred_window, answers, created_at, updated_at, submitted_at, queue, flags, \
    priority, partner_visible <> 0 AS partner_visible, sla_deadline, assignee, claimed_at, closed_at, outcome, \
    queue_manual <> 0 AS queue_manual, staff_flags, alert_level, erase_requested_at, anonymised_at";

/// A staff action's change to the case row (besides `updated_at`).
#[derive(Debug, Clone, PartialEq)]
pub enum CaseChange {
    /// Nothing but `updated_at` (a note, a reply to a case already held).
    Touch,
    /// `staff_id` holds the case (claim, assign, a reply to an unclaimed case): the
    /// resident's messages go to it. `claimed_at` keeps the first hold; `status`, if given,
    /// is the case's new status.
    Hold { staff_id: String, status: Option<String> },
    /// Staff moved it to `queue`: routing no longer moves it, nobody holds it, and the
    /// resident's messages go back to the bot.
    Transfer { queue: String },
    /// A new status other than closed.
    Status { status: String },
    /// Closed, with its outcome: the bot starts afresh with the resident.
    Close { outcome: Option<String> },
    /// The secondary queues staff added (comma-separated codes).
    StaffFlags { codes: String },
}

/// What must still hold of the case, as it was read, for a staff action to apply. A closed
/// or anonymised case is never changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expect {
    /// Its status is still this.
    pub status: Option<String>,
    /// Nobody holds it (a claim).
    pub unassigned: bool,
}

/// Which cases the queue page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseListing {
    /// Every open case, oldest first: no cap, an urgent case must never fall off the end.
    Open,
    /// The most recently closed, newest first.
    Closed { limit: i64 },
}

/// Pushes `, column = value…` for a change.
fn push_change<'a, DB>(q: &mut QueryBuilder<'a, DB>, change: &'a CaseChange, now: i64)
where
    DB: Database,
    &'a str: Encode<'a, DB> + Type<DB>,
    Option<&'a str>: Encode<'a, DB> + Type<DB>,
    i64: Encode<'a, DB> + Type<DB>,
{
    match change {
        CaseChange::Touch => {}
        CaseChange::Hold { staff_id, status } => {
            q.push(", assignee = ").push_bind(staff_id.as_str());
            q.push(", claimed_at = COALESCE(claimed_at, ").push_bind(now).push(")");
            if let Some(status) = status {
                q.push(", status = ").push_bind(status.as_str());
            }
        }
        CaseChange::Transfer { queue } => {
            q.push(", queue = ").push_bind(queue.as_str()).push(", queue_manual = 1, assignee = NULL");
        }
        CaseChange::Status { status } => {
            q.push(", status = ").push_bind(status.as_str());
        }
        CaseChange::Close { outcome } => {
            q.push(", status = 'closed', outcome = ").push_bind(outcome.as_deref());
            q.push(", closed_at = ").push_bind(now);
        }
        CaseChange::StaffFlags { codes } => {
            q.push(", staff_flags = ").push_bind(codes.as_str());
        }
    }
}

/// Applies a staff action's change if the case is still as `expect` says. Returns its
/// (user id, number), or `None` if nothing was changed.
pub(super) async fn change(
    tx: &mut Tx<'_>,
    case_id: &str,
    change: &CaseChange,
    expect: &Expect,
    now: i64,
) -> Result<Option<(LineUserId, CaseNumber)>> {
    Ok(run!(tx, |c| {
        let mut q = QueryBuilder::new("UPDATE cases SET updated_at = ");
        q.push_bind(now);
        push_change(&mut q, change, now);
        q.push(" WHERE id = ").push_bind(case_id).push(" AND status <> 'closed' AND anonymised_at IS NULL");
        if expect.unassigned {
            q.push(" AND assignee IS NULL");
        }
        if let Some(status) = &expect.status {
            q.push(" AND status = ").push_bind(status.as_str());
        }
        q.push(" RETURNING user_id, number");
        q.build_query_as().fetch_optional(c).await?
    }))
}

/// The columns an anonymisation clears (`$1` is the replacement user id, `$2` now).
macro_rules! anonymise_set {
    () => {
        "user_id = $1, display_name = NULL, description = NULL, phone = NULL, address = NULL, latitude = NULL, \
         longitude = NULL, answers = '{}', anonymised_at = $2, updated_at = $2"
    };
}

/// Anonymises every case of a resident, closing an open one with outcome `erased`; the
/// cases are known as `anon` from now on. Returns their (id, number), read first.
pub(super) async fn anonymise_of_resident(
    tx: &mut Tx<'_>,
    user_id: &LineUserId,
    anon: &str,
    now: i64,
) -> Result<Vec<(String, CaseNumber)>> {
    let ids: Vec<(String, CaseNumber)> = run!(tx, |c| {
        sqlx::query_as("SELECT id, number FROM cases WHERE user_id = $1").bind(user_id).fetch_all(c).await?
    });
    const SQL: &str = concat!(
        "UPDATE cases SET ",
        anonymise_set!(),
        ", outcome = CASE WHEN status = 'closed' THEN outcome ELSE 'erased' END, ",
        "closed_at = COALESCE(closed_at, $2), status = 'closed' WHERE user_id = $3"
    );
    run!(tx, |c| {
        sqlx::query(SQL).bind(anon).bind(now).bind(user_id).execute(c).await?;
    });
    Ok(ids)
}

/// Anonymises one case (retention), known as `anon` from now on.
pub(super) async fn anonymise(tx: &mut Tx<'_>, case_id: &str, anon: &str, now: i64) -> Result<()> {
    const SQL: &str = concat!("UPDATE cases SET ", anonymise_set!(), " WHERE id = $3 AND anonymised_at IS NULL");
    run!(tx, |c| {
        sqlx::query(SQL).bind(anon).bind(now).bind(case_id).execute(c).await?;
    });
    Ok(())
}

/// Ids of the cases closed before `before` and not yet anonymised.
pub(super) async fn closed_before(db: &mut impl Db, before: i64) -> Result<Vec<String>> {
    Ok(run!(db, |c| {
        sqlx::query_scalar("SELECT id FROM cases WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < $1")
            .bind(before)
            .fetch_all(c)
            .await?
    }))
}

/// Forgets the file names of a case's attachments.
pub(super) async fn blank_attachment_names(tx: &mut Tx<'_>, case_id: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE case_attachments SET file_name = NULL WHERE case_id = $1").bind(case_id).execute(c).await?;
    });
    Ok(())
}

impl Store {
    pub async fn case_by_number(&self, number: &CaseNumber) -> Result<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE number = $1");
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(number).fetch_optional(c).await?))
    }

    pub async fn cases_of(&self, user_id: &LineUserId) -> Result<Vec<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE user_id = $1 ORDER BY created_at");
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(user_id).fetch_all(c).await?))
    }

    /// The resident's most recent case, as much as they may be told of it, from the reader
    /// pool: read only when a resident asks how their case stands.
    pub async fn latest_case_of(&self, user_id: &LineUserId) -> Result<Option<ResidentCase>> {
        const SQL: &str = "SELECT number, status, assignee IS NOT NULL AS held, priority, \
            anonymised_at IS NOT NULL AS anonymised, sla_deadline FROM cases WHERE user_id = $1 \
            ORDER BY created_at DESC, number DESC LIMIT 1";
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(SQL).bind(user_id).fetch_optional(c).await?))
    }

    /// Cases for the queue page (never the anonymised), from the reader pool. Access is
    /// decided by the caller (`casework::Actor`).
    pub async fn list_cases(&self, listing: CaseListing) -> Result<Vec<CaseRow>> {
        let head = format!("SELECT {CASE_COLUMNS} FROM cases WHERE anonymised_at IS NULL");
        let mut db = self.reader().await?;
        Ok(match listing {
            CaseListing::Open => {
                let sql = format!("{head} AND status <> 'closed' ORDER BY created_at");
                run!(&mut db, |c| sqlx::query_as(&sql).fetch_all(c).await?)
            }
            CaseListing::Closed { limit } => {
                let sql = format!("{head} AND status = 'closed' ORDER BY closed_at DESC LIMIT $1");
                run!(&mut db, |c| sqlx::query_as(&sql).bind(limit).fetch_all(c).await?)
            }
        })
    }

    /// A case by number, not anonymised, read on the reader pool (live streams ask often).
    pub async fn case_to_show(&self, number: &CaseNumber) -> Result<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE anonymised_at IS NULL AND number = $1");
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(number).fetch_optional(c).await?))
    }

    /// (message id, kind, file name) of a case's attachments.
    pub async fn case_attachments(&self, case_id: &str) -> Result<Vec<(String, String, Option<String>)>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT message_id, kind, file_name FROM case_attachments WHERE case_id = $1 \
                 ORDER BY created_at, message_id",
            )
            .bind(case_id)
            .fetch_all(c)
            .await?
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::{CaseDetails, CaseWrite};

    #[test]
    fn a_case_printed_for_debugging_shows_its_codes_and_none_of_the_residents_words() {
        let case = CaseWrite {
            number: "261205-0001".into(),
            details: CaseDetails {
                display_name: Some("Lan".into()),
                address: Some("Motomachi 1-2".into()),
                phone: Some("09012345678".into()),
                description: Some("I sleep in my car".into()),
                answers: r#"{"phone":"09012345678"}"#.into(),
                tonight: Some("car".into()),
                queue: "shelter".into(),
                ..CaseDetails::default()
            },
            ..CaseWrite::default()
        };
        let printed = format!("{case:?}");
        assert!(printed.contains("261205-0001") && printed.contains("car") && printed.contains("shelter"), "{printed}");
        for secret in ["Lan", "Motomachi", "0901234", "sleep in my"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
    }
}
