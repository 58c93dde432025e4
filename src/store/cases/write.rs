//! Writing a case from the intake: the upsert, its attachments, its alert level and the
//! resident's erasure request.

use crate::ids::LineUserId;

use super::super::{
    db::{run, Tx},
    transcript, Result,
};
use super::CaseDetails;

/// A case as the intake writes it: who, which number, its details and attachments.
#[derive(Clone, Default)]
pub struct CaseWrite {
    pub number: String,
    pub user_id: String,
    pub details: CaseDetails,
    pub sla_deadline: i64,
    /// (message id, kind, file name)
    pub attachments: Vec<(String, String, Option<String>)>,
}

impl std::fmt::Debug for CaseWrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseWrite")
            .field("number", &self.number)
            .field("details", &self.details)
            .finish_non_exhaustive()
    }
}

/// Flags only ever go from 0 to 1; the reason a case was opened and its id never change,
/// and neither does its resident: a row of another resident under the same number is left
/// alone and no row is returned (`upsert` then writes nothing more).
const UPSERT_CASE: &str = "INSERT INTO cases (id, number, user_id, display_name, lang, status, \
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

const INSERT_ATTACHMENT: &str = "INSERT INTO case_attachments (case_id, message_id, kind, file_name, created_at) \
    SELECT id, $2, $3, $4, $5 FROM cases WHERE number = $1 ON CONFLICT (case_id, message_id) DO NOTHING";

/// Writes a case with its attachments, and links the resident's earlier transcript lines
/// to it. `false` if the number belongs to another resident's case: then nothing is written.
pub(in crate::store) async fn upsert(tx: &mut Tx<'_>, c: &CaseWrite, now: i64) -> Result<bool> {
    let d = &c.details;
    let written: Option<String> = run!(tx, |conn| {
        sqlx::query_scalar(UPSERT_CASE)
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(&c.number)
            .bind(&c.user_id)
            .bind(&d.display_name)
            .bind(&d.lang)
            .bind(&d.opened_reason)
            .bind(i64::from(d.submitted))
            .bind(i64::from(d.asked_for_staff))
            .bind(i64::from(d.emergency))
            .bind(&d.crisis)
            .bind(d.consent_record.map(i64::from))
            .bind(d.consent_share.map(i64::from))
            .bind(&d.tonight)
            .bind(&d.topics)
            .bind(&d.household)
            .bind(d.adults)
            .bind(d.children)
            .bind(&d.vulnerable)
            .bind(&d.area)
            .bind(d.latitude)
            .bind(d.longitude)
            .bind(&d.address)
            .bind(&d.description)
            .bind(&d.contact_method)
            .bind(&d.phone)
            .bind(&d.contact_time)
            .bind(d.interpreter.map(i64::from))
            .bind(&d.preferred_window)
            .bind(&d.answers)
            .bind(now)
            .bind(d.submitted.then_some(now))
            .bind(&d.queue)
            .bind(&d.flags)
            .bind(&d.priority)
            .bind(i64::from(d.partner_visible))
            .bind(c.sla_deadline)
            .fetch_optional(conn)
            .await?
    });
    if written.is_none() {
        return Ok(false);
    }
    for (message_id, kind, file_name) in &c.attachments {
        run!(tx, |conn| {
            sqlx::query(INSERT_ATTACHMENT)
                .bind(&c.number)
                .bind(message_id)
                .bind(kind)
                .bind(file_name)
                .bind(now)
                .execute(conn)
                .await?;
        });
    }
    transcript::link_to_case(tx, &c.number, &c.user_id).await?;
    Ok(true)
}

/// Raises the case's alert level to `level`; `false` if it was already alerted at this
/// level or higher (so each alert is sent once).
pub(in crate::store) async fn raise_alert_level(tx: &mut Tx<'_>, number: &str, level: i64) -> Result<bool> {
    let hit: Option<String> = run!(tx, |c| {
        sqlx::query_scalar("UPDATE cases SET alert_level = $2 WHERE number = $1 AND alert_level < $2 RETURNING id")
            .bind(number)
            .bind(level)
            .fetch_optional(c)
            .await?
    });
    Ok(hit.is_some())
}

/// Marks the resident's cases (not anonymised, not yet marked) as asked to be erased.
pub(in crate::store) async fn mark_erase_requested(tx: &mut Tx<'_>, user_id: &LineUserId, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "UPDATE cases SET erase_requested_at = $2, updated_at = $2 WHERE user_id = $1 AND anonymised_at IS NULL \
             AND erase_requested_at IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}
