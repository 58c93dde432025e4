//! From a conversation to its case: the case's columns (codes, never words) with their
//! routing, and the coordinators' alert about it; and back, what its resident may be told
//! of it when they ask.

use super::{ConversationError, ConversationService};
use crate::{
    casework::{
        labels::{answer, household, stored},
        Status,
    },
    codes,
    config::Settings,
    ids::{ChatId, LineUserId},
    intake::{answers::Tonight, CaseReason, CaseState, CaseStatus, Conversation},
    line::message::Message,
    routing::{self, CaseFacts, Priority, Queue, Routing},
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
        urgent: matches!(priority, Some(Priority::Emergency | Priority::Urgent)),
    }))
}

impl ConversationService {
    /// LINE messages to coordinators about a shelter or emergency case, in Japanese, without
    /// the resident's words, name or phone number: the case number and a link suffice.
    pub(super) fn alerts(&self, case: &CaseWrite, routed: &Routing) -> Result<Vec<AlertWrite>, ConversationError> {
        let a = &self.settings.alerts;
        let emergency = routed.priority == Priority::Emergency;
        let (level, mut targets): (i64, Vec<&ChatId>) = if emergency {
            let partners = a.coordinators.iter().filter(|_| routed.partner_visible);
            (2, a.centre.iter().chain(partners).collect())
        } else if routed.alert_coordinators {
            (1, a.coordinators.iter().collect())
        } else {
            return Ok(Vec::new());
        };
        targets.sort();
        targets.dedup();
        if targets.is_empty() {
            return Ok(Vec::new());
        }
        let t = &self.staff_text;
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("level", if emergency { "emergency" } else { "urgent" });
        args.set("number", case.number.clone());
        args.set("queue", stored::<Queue>(t, &case.details.queue));
        args.set("priority", stored::<Priority>(t, &case.details.priority));
        args.set("tonight", answer::<Tonight>(t, case.details.tonight.as_deref()));
        args.set("lang", t.label("lang", case.details.lang.as_deref().unwrap_or("unknown")));
        args.set(
            "household",
            household(t, case.details.household.as_deref(), case.details.adults, case.details.children),
        );
        args.set("url", format!("{}/staff/cases/{}", self.dashboard_url, case.number));
        let text = ["alert-title", "alert-body", "alert-link"].map(|id| t.format(id, Some(&args))).join("\n");
        let messages = serde_json::to_string(&[Message::text(text)?])?;
        let rows = targets.into_iter().map(|chat| NewOutbox::push(chat, messages.clone())).collect();
        Ok(vec![AlertWrite { case_number: case.number.clone(), level, rows }])
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
    let routed = routing::route(&CaseFacts::of(conv.lang, a), &settings.routing, now);
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
