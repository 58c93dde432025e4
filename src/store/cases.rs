//! Conversations, cases and the transcript: written together with the outbox rows of the
//! step that changed them, read by the handler and (later) by staff pages.

use super::{with_db, with_read_db, Result, Store};

/// A conversation's stored state (the JSON of `intake::Conversation`).
#[derive(Clone)]
pub struct ConversationWrite {
    pub user_id: String,
    pub lang: Option<String>,
    pub display_name: Option<String>,
    pub phase: String,
    pub state: String,
}

/// A case, as columns. Enumerated answers are stable codes.
#[derive(Clone, Default)]
pub struct CaseWrite {
    pub number: String,
    pub user_id: String,
    pub display_name: Option<String>,
    pub lang: Option<String>,
    /// Why it was opened, used only when the row is new.
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
    pub sla_deadline: i64,
    /// (message id, kind, file name)
    pub attachments: Vec<(String, String, Option<String>)>,
}

impl std::fmt::Debug for CaseWrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseWrite").field("number", &self.number).finish_non_exhaustive()
    }
}

/// One line of the transcript.
#[derive(Clone)]
pub struct TranscriptWrite {
    pub user_id: String,
    /// The case it belongs to, by number, if there is one.
    pub case_number: Option<String>,
    pub direction: &'static str,
    pub kind: &'static str,
    pub body: Option<String>,
    /// For outgoing lines: the index of the outbox row (in the same `Effects`) that carries it.
    pub outbox_index: Option<usize>,
}

/// A case as read back (tests, staff pages).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseRow {
    pub id: String,
    pub number: String,
    pub user_id: String,
    pub display_name: Option<String>,
    pub lang: Option<String>,
    pub status: String,
    pub opened_reason: String,
    pub submitted: i64,
    pub asked_for_staff: i64,
    pub emergency: i64,
    pub crisis: Option<String>,
    pub consent_record: Option<i64>,
    pub consent_share: Option<i64>,
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
    pub interpreter: Option<i64>,
    pub preferred_window: Option<String>,
    pub answers: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub queue: String,
    pub flags: String,
    pub priority: String,
    pub partner_visible: i64,
    pub sla_deadline: Option<i64>,
    pub assignee: Option<String>,
    pub claimed_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub queue_manual: i64,
    pub staff_flags: String,
    pub alert_level: i64,
    pub erase_requested_at: Option<i64>,
    pub anonymised_at: Option<i64>,
}

/// A conversation as the worker reads it: the state, and what staff set beside it.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct StoredConversation {
    pub user_id: String,
    pub state: String,
    pub display_name: Option<String>,
    /// The case staff hold (claimed, not closed): messages go to it.
    pub handoff_case: Option<String>,
    pub handoff_notified: i64,
    /// The case staff closed last: the bot starts afresh after it.
    pub closed_case: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TranscriptRow {
    pub id: i64,
    pub case_id: Option<String>,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub outbox_id: Option<i64>,
    pub created_at: i64,
}

/// Follows a multi-row `INSERT INTO conversations (…) VALUES …`. One inbox batch holds at
/// most one event per resident, so no row is updated twice by one statement.
pub(super) const UPSERT_CONVERSATION_TAIL: &str = " ON CONFLICT (user_id) DO UPDATE SET \
    lang = excluded.lang, display_name = COALESCE(excluded.display_name, conversations.display_name), \
    phase = excluded.phase, state = excluded.state, updated_at = excluded.updated_at";

/// Flags only ever go from 0 to 1; the reason a case was opened and its id never change,
/// and neither does its resident: a row of another resident under the same number is left
/// alone and no row is returned (`upsert_case!` then writes nothing more).
pub(super) const UPSERT_CASE: &str = "INSERT INTO cases (id, number, user_id, display_name, lang, status, \
    opened_reason, submitted, asked_for_staff, emergency, crisis, consent_record, consent_share, tonight, topics, \
    household, adults, children, vulnerable, area, latitude, longitude, address, description, contact_method, phone, \
    contact_time, interpreter, preferred_window, answers, created_at, updated_at, submitted_at, \
    queue, flags, priority, partner_visible, sla_deadline) \
    VALUES ($1, $2, $3, $4, $5, 'new', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
    $22, $23, $24, $25, $26, $27, $28, $29, $30, $30, $31, $32, $33, $34, $35, $36) \
    ON CONFLICT (number) DO UPDATE SET display_name = COALESCE(excluded.display_name, cases.display_name), \
    lang = excluded.lang, \
    submitted = CASE WHEN excluded.submitted = 1 THEN 1 ELSE cases.submitted END, \
    asked_for_staff = CASE WHEN excluded.asked_for_staff = 1 THEN 1 ELSE cases.asked_for_staff END, \
    emergency = CASE WHEN excluded.emergency = 1 THEN 1 ELSE cases.emergency END, \
    crisis = COALESCE(excluded.crisis, cases.crisis), consent_record = excluded.consent_record, \
    consent_share = excluded.consent_share, tonight = excluded.tonight, topics = excluded.topics, \
    household = excluded.household, adults = excluded.adults, children = excluded.children, \
    vulnerable = excluded.vulnerable, area = excluded.area, latitude = excluded.latitude, \
    longitude = excluded.longitude, address = excluded.address, description = excluded.description, \
    contact_method = excluded.contact_method, phone = excluded.phone, contact_time = excluded.contact_time, \
    interpreter = excluded.interpreter, preferred_window = excluded.preferred_window, answers = excluded.answers, \
    updated_at = excluded.updated_at, submitted_at = COALESCE(cases.submitted_at, excluded.submitted_at), \
    queue = CASE WHEN cases.queue_manual = 1 THEN cases.queue ELSE excluded.queue END, flags = excluded.flags, priority = excluded.priority, \
    partner_visible = excluded.partner_visible, \
    sla_deadline = CASE WHEN excluded.sla_deadline < cases.sla_deadline THEN excluded.sla_deadline \
    ELSE COALESCE(cases.sla_deadline, excluded.sla_deadline) END \
    WHERE cases.user_id = excluded.user_id RETURNING id";

pub(super) const INSERT_ATTACHMENT: &str =
    "INSERT INTO case_attachments (case_id, message_id, kind, file_name, created_at) \
    SELECT id, $2, $3, $4, $5 FROM cases WHERE number = $1 ON CONFLICT (case_id, message_id) DO NOTHING";

/// Lines written before the case existed join it when it opens.
pub(super) const LINK_TRANSCRIPT: &str = "UPDATE transcript SET case_id = (SELECT id FROM cases WHERE number = $1) \
    WHERE user_id = $2 AND case_id IS NULL";

/// Writes a `CaseWrite` on an open transaction, for either database. Evaluates to `false`
/// if the number belongs to another resident's case: then nothing is written.
macro_rules! upsert_case {
    ($conn:expr, $c:expr, $now:expr) => {{
        let c: &$crate::store::CaseWrite = $c;
        let now: i64 = $now;
        let written: Option<String> = sqlx::query_scalar($crate::store::cases::UPSERT_CASE)
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(&c.number)
            .bind(&c.user_id)
            .bind(&c.display_name)
            .bind(&c.lang)
            .bind(&c.opened_reason)
            .bind(i64::from(c.submitted))
            .bind(i64::from(c.asked_for_staff))
            .bind(i64::from(c.emergency))
            .bind(&c.crisis)
            .bind(c.consent_record.map(i64::from))
            .bind(c.consent_share.map(i64::from))
            .bind(&c.tonight)
            .bind(&c.topics)
            .bind(&c.household)
            .bind(c.adults)
            .bind(c.children)
            .bind(&c.vulnerable)
            .bind(&c.area)
            .bind(c.latitude)
            .bind(c.longitude)
            .bind(&c.address)
            .bind(&c.description)
            .bind(&c.contact_method)
            .bind(&c.phone)
            .bind(&c.contact_time)
            .bind(c.interpreter.map(i64::from))
            .bind(&c.preferred_window)
            .bind(&c.answers)
            .bind(now)
            .bind(c.submitted.then_some(now))
            .bind(&c.queue)
            .bind(&c.flags)
            .bind(&c.priority)
            .bind(i64::from(c.partner_visible))
            .bind(c.sla_deadline)
            .fetch_optional(&mut *$conn)
            .await?;
        for (message_id, kind, file_name) in c.attachments.iter().filter(|_| written.is_some()) {
            sqlx::query($crate::store::cases::INSERT_ATTACHMENT)
                .bind(&c.number)
                .bind(message_id)
                .bind(kind)
                .bind(file_name)
                .bind(now)
                .execute(&mut *$conn)
                .await?;
        }
        if written.is_some() {
            sqlx::query($crate::store::cases::LINK_TRANSCRIPT)
                .bind(&c.number)
                .bind(&c.user_id)
                .execute(&mut *$conn)
                .await?;
        }
        written.is_some()
    }};
}
pub(super) use upsert_case;

impl Store {
    /// The stored conversations of several residents, in one query per hundred, from the
    /// reader pool.
    pub async fn conversations_for(
        &self,
        user_ids: &[&str],
    ) -> Result<std::collections::HashMap<String, StoredConversation>> {
        let mut out = std::collections::HashMap::with_capacity(user_ids.len());
        for chunk in user_ids.chunks(100) {
            let rows: Vec<StoredConversation> = with_read_db!(self, pool => {
                let mut q = sqlx::QueryBuilder::new("SELECT user_id, state, display_name, handoff_case, handoff_notified, \
                    closed_case FROM conversations WHERE user_id IN (");
                let mut list = q.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                q.push(")");
                q.build_query_as().fetch_all(pool).await?
            });
            out.extend(rows.into_iter().map(|c| (c.user_id.clone(), c)));
        }
        Ok(out)
    }

    pub async fn case_by_number(&self, number: &str) -> Result<Option<CaseRow>> {
        let row = with_db!(self, pool => {
            sqlx::query_as("SELECT * FROM cases WHERE number = $1").bind(number).fetch_optional(pool).await?
        });
        Ok(row)
    }

    pub async fn cases_of(&self, user_id: &str) -> Result<Vec<CaseRow>> {
        let rows = with_db!(self, pool => {
            sqlx::query_as("SELECT * FROM cases WHERE user_id = $1 ORDER BY created_at").bind(user_id).fetch_all(pool).await?
        });
        Ok(rows)
    }

    /// (message id, kind, file name) of a case's attachments.
    pub async fn case_attachments(&self, case_id: &str) -> Result<Vec<(String, String, Option<String>)>> {
        let rows = with_db!(self, pool => {
            sqlx::query_as("SELECT message_id, kind, file_name FROM case_attachments WHERE case_id = $1 ORDER BY created_at, message_id")
                .bind(case_id)
                .fetch_all(pool)
                .await?
        });
        Ok(rows)
    }

    pub async fn transcript_of(&self, user_id: &str) -> Result<Vec<TranscriptRow>> {
        let rows = with_db!(self, pool => {
            sqlx::query_as("SELECT id, case_id, direction, kind, body, outbox_id, created_at FROM transcript WHERE user_id = $1 ORDER BY id")
                .bind(user_id)
                .fetch_all(pool)
                .await?
        });
        Ok(rows)
    }
}
