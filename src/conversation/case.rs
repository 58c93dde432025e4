//! From a conversation to its case: the case's columns (codes, never words) with their
//! routing, and the coordinators' alert about it; and back, what its resident may be told
//! of it when they ask.

use super::{ConversationError, ConversationService};
use crate::{
    alerts::{self, Level, Stage, Summary},
    casework::Status,
    codes,
    config::Settings,
    ids::LineUserId,
    intake::{CaseReason, CaseState, CaseStatus, Conversation},
    routing::{self, CaseFacts, Priority, Routing},
    store::{AlertWrite, CaseDetails, CaseWrite, NewOutbox, Store},
};

/// The resident's most recent case as they may be told it (`intake::status`): read only
/// when they ask.
pub(super) async fn case_status(store: &Store, user_id: &LineUserId) -> Result<Option<CaseStatus>, ConversationError> {
    let Some(row) = store.latest_case_of(user_id).await? else { return Ok(None) };
    let priority = Priority::from_code(&row.priority);
    Ok(Some(CaseStatus {
        number: row.number.to_string(),
        state: CaseState::of(Status::from_code(&row.status), row.held, row.anonymised),
        urgent_due: row.sla_deadline.filter(|_| matches!(priority, Some(Priority::Emergency | Priority::Urgent))),
    }))
}

impl ConversationService {
    /// The first alert to coordinators about a shelter or emergency case (`crate::alerts`).
    pub(super) fn alerts(
        &self,
        case: &CaseWrite,
        routed: &Routing,
        now: i64,
    ) -> Result<Vec<AlertWrite>, ConversationError> {
        let settings = &self.settings.alerts;
        let level = if routed.priority == Priority::Emergency {
            Level::Emergency
        } else if routed.alert_coordinators {
            Level::Urgent
        } else {
            return Ok(Vec::new());
        };
        let targets = alerts::first_targets(settings, level, routed.partner_visible);
        if targets.is_empty() {
            return Ok(Vec::new());
        }
        let summary = Summary {
            number: &case.number,
            details: &case.details,
            level,
            stage: Stage::First,
            dashboard_url: &self.dashboard_url,
        };
        let messages = serde_json::to_string(&alerts::messages(&self.staff_text, &summary)?)?;
        let rows = targets.iter().map(|chat| NewOutbox::push(chat, messages.clone())).collect();
        let next_at = alerts::next_due(settings, level, Stage::First, now);
        Ok(vec![AlertWrite { case_number: case.number.clone(), level: level.code(), sent_at: now, next_at, rows }])
    }
}

/// The case's columns from the conversation's answers: codes, never words.
pub(super) fn case_write(
    conv: &Conversation,
    user_id: &LineUserId,
    display_name: Option<String>,
    number: &str,
    reason: Option<CaseReason>,
    settings: &Settings,
    now: i64,
) -> (CaseWrite, Routing) {
    let a = &conv.answers;
    let routed = routing::route(&CaseFacts::of(conv.lang, a), &settings.routing, &settings.hours.schedule, now);
    let details = CaseDetails {
        display_name,
        lang: conv.lang.map(|l| l.tag().to_owned()),
        opened_reason: reason.unwrap_or(CaseReason::Crisis).code().to_owned(),
        submitted: reason == Some(CaseReason::Submitted),
        asked_for_staff: a.asked_for_staff,
        emergency: a.emergency,
        crisis: a.crisis.map(|k| k.code().to_owned()),
        consent_record: a.consent_record,
        consent_share: a.consent_share,
        tonight: a.tonight.map(|t| t.code().to_owned()),
        topics: codes::join(&a.topics),
        household: a.household.map(|h| h.code().to_owned()),
        adults: a.adults.map(i64::from),
        children: a.children.map(i64::from),
        vulnerable: a.vulnerable.as_deref().map(codes::join),
        area: a.area.map(|x| x.code().to_owned()),
        latitude: a.location.as_ref().map(|l| l.latitude),
        longitude: a.location.as_ref().map(|l| l.longitude),
        address: a.location.as_ref().and_then(|l| l.address.clone()),
        description: (!a.description.is_empty()).then(|| a.description.join("\n\n")),
        contact_method: a.contact.map(|c| c.code().to_owned()),
        phone: a.phone.clone(),
        contact_time: a.contact_time.map(|c| c.code().to_owned()),
        interpreter: a.interpreter,
        preferred_window: a.window.map(|w| w.code().to_owned()),
        answers: serde_json::to_string(a).unwrap_or_default(),
        queue: routed.queue.code().to_owned(),
        flags: codes::join(&routed.flags),
        priority: routed.priority.code().to_owned(),
        partner_visible: routed.partner_visible,
    };
    let case = CaseWrite {
        number: number.to_owned(),
        user_id: user_id.to_string(),
        details,
        sla_deadline: routed.sla_deadline,
        attachments: a
            .attachments
            .iter()
            .map(|x| {
                let kind =
                    serde_json::to_value(x.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                (x.message_id.clone(), kind, x.file_name.clone())
            })
            .collect(),
    };
    (case, routed)
}
