//! How a case reads for staff: stored codes with their Japanese labels, whatever language
//! the resident used. The dashboard's templates and the JSON API share these.

use std::collections::HashMap;

use serde::Serialize;

use super::alert_state::AlertView;
pub use super::lines::LineView;
use crate::{
    app::AppState,
    casework::{
        labels::{answer, household, ja, list, stored},
        service::access_of,
        Outcome, Status,
    },
    crisis::{CrisisDetector, CrisisKind},
    i18n::{staff::StaffText, Lang, Locales},
    ids::CaseNumber,
    intake::{
        answers::{Area, ContactMethod, ContactTime, Tonight, Topic, Vulnerable, Window},
        CaseReason,
    },
    routing::{Priority, Queue},
    store::{ActionRow, CaseRow},
    web::error::AppError,
};

/// A case as the queue lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    pub number: CaseNumber,
    pub status: String,
    pub status_ja: String,
    pub priority: String,
    pub priority_ja: String,
    pub queue: String,
    pub queue_ja: String,
    /// Secondary queues (routing's and staff's).
    pub flags: Vec<String>,
    pub flags_ja: Vec<String>,
    pub lang: Option<String>,
    pub lang_ja: String,
    pub topics: Vec<String>,
    pub topics_ja: Vec<String>,
    pub tonight: Option<String>,
    pub tonight_ja: String,
    pub preferred_window: Option<String>,
    pub preferred_window_ja: String,
    pub opened_reason: String,
    pub opened_reason_ja: String,
    pub crisis: Option<String>,
    pub crisis_ja: Option<String>,
    pub emergency: bool,
    pub assignee: Option<String>,
    pub partner_visible: bool,
    pub erase_requested: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub sla_deadline: Option<i64>,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub outcome_ja: Option<String>,
    /// The coordinators' alert about the case, if it was alerted.
    pub alert: Option<AlertView>,
}

fn codes(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

/// Staff names by id, for assignees and history.
pub type Names = HashMap<String, String>;

impl CaseSummary {
    pub fn of(c: &CaseRow, t: &StaffText, names: &Names) -> Self {
        let access = access_of(c);
        CaseSummary {
            number: c.number.clone(),
            status: c.status.clone(),
            status_ja: stored::<Status>(t, &c.status),
            priority: c.priority.clone(),
            priority_ja: stored::<Priority>(t, &c.priority),
            queue: c.queue.clone(),
            queue_ja: stored::<Queue>(t, &c.queue),
            flags: access.flags.iter().map(|q| q.code().to_owned()).collect(),
            flags_ja: access.flags.iter().map(|q| ja(t, *q)).collect(),
            lang: c.lang.clone(),
            lang_ja: t.label("lang", c.lang.as_deref().unwrap_or("unknown")),
            topics: codes(&c.topics),
            topics_ja: list::<Topic>(t, &c.topics),
            tonight: c.tonight.clone(),
            tonight_ja: answer::<Tonight>(t, c.tonight.as_deref()),
            preferred_window: c.preferred_window.clone(),
            preferred_window_ja: answer::<Window>(t, c.preferred_window.as_deref()),
            opened_reason: c.opened_reason.clone(),
            opened_reason_ja: stored::<CaseReason>(t, &c.opened_reason),
            crisis: c.crisis.clone(),
            crisis_ja: c.crisis.as_deref().map(|k| stored::<CrisisKind>(t, k)),
            emergency: c.emergency,
            assignee: c.assignee.as_ref().map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone())),
            partner_visible: c.partner_visible,
            erase_requested: c.erase_requested_at.is_some(),
            created_at: c.created_at,
            updated_at: c.updated_at,
            sla_deadline: c.sla_deadline,
            closed_at: c.closed_at,
            outcome: c.outcome.clone(),
            outcome_ja: c.outcome.as_deref().map(|o| stored::<Outcome>(t, o)),
            alert: None,
        }
    }

    /// The queue's cases, each with its alert (read in one batch).
    pub async fn list(state: &AppState, cases: &[CaseRow], names: &Names) -> Result<Vec<Self>, AppError> {
        let t = &state.staff.text;
        let numbers: Vec<&str> = cases.iter().map(|c| c.number.as_str()).collect();
        let alerts = state.store.alerts_of(&numbers).await?;
        Ok(cases
            .iter()
            .map(|c| CaseSummary {
                alert: alerts.get(c.number.as_str()).map(|a| AlertView::of(a, t)),
                ..Self::of(c, t, names)
            })
            .collect())
    }
}

/// One answer, labelled in Japanese.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub field: &'static str,
    pub label: String,
    pub value: String,
}

/// Everything about a case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub display_name: Option<String>,
    pub consent_record: Option<bool>,
    pub consent_share: Option<bool>,
    pub answers: Vec<Answer>,
    /// The resident's own words, as written.
    pub description: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub location: Option<(f64, f64)>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub message_id: String,
    pub kind: String,
    pub file_name: Option<String>,
}

fn yes_no(t: &StaffText, v: Option<bool>) -> String {
    match v {
        Some(true) => t.text("opt-yes"),
        Some(false) => t.text("opt-no"),
        None => t.text("value-none"),
    }
}

impl CaseDetail {
    pub fn of(c: &CaseRow, attachments: Vec<(String, String, Option<String>)>, t: &StaffText, names: &Names) -> Self {
        let household = household(t, c.household.as_deref(), c.adults, c.children);
        let vulnerable = match c.vulnerable.as_deref() {
            None => t.text("value-none"),
            Some("") => t.text("opt-vulnerable-none"),
            Some(v) => list::<Vulnerable>(t, v).join("、"),
        };
        let field = |id: &'static str, value: String| Answer { field: id, label: t.text(id), value };
        let answers = vec![
            field("field-consent-share", yes_no(t, c.consent_share)),
            field("field-safety", if c.emergency { t.text("opt-yes") } else { t.text("value-none") }),
            field("field-tonight", answer::<Tonight>(t, c.tonight.as_deref())),
            field("field-topics", {
                let l = list::<Topic>(t, &c.topics);
                if l.is_empty() {
                    t.text("value-none")
                } else {
                    l.join("、")
                }
            }),
            field("field-household", household),
            field("field-vulnerable", vulnerable),
            field("field-area", answer::<Area>(t, c.area.as_deref())),
            field("field-contact", answer::<ContactMethod>(t, c.contact_method.as_deref())),
            field("field-contact-time", answer::<ContactTime>(t, c.contact_time.as_deref())),
            field("field-interpreter", yes_no(t, c.interpreter)),
            field("field-window", answer::<Window>(t, c.preferred_window.as_deref())),
        ];
        CaseDetail {
            summary: CaseSummary::of(c, t, names),
            display_name: c.display_name.clone(),
            consent_record: c.consent_record,
            consent_share: c.consent_share,
            answers,
            description: c.description.clone(),
            phone: c.phone.clone(),
            address: c.address.clone(),
            location: c.latitude.zip(c.longitude),
            attachments: attachments
                .into_iter()
                .map(|(message_id, kind, file_name)| AttachmentView { message_id, kind, file_name })
                .collect(),
        }
    }
}

/// A case with its transcript and history: what the case page and the API's case show.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub case: CaseDetail,
    pub transcript: Vec<LineView>,
    pub actions: Vec<ActionView>,
    /// Structured questions staff asked, with the answers (`questions::QuestionView`).
    pub questions: Vec<super::questions::QuestionView>,
}

impl CaseView {
    /// Reads what staff see of `c`; given the detector, each resident's text that alarmed
    /// has its sentence marked.
    pub async fn read(state: &AppState, c: &CaseRow, marks: Option<&CrisisDetector>) -> Result<Self, AppError> {
        let t = &state.staff.text;
        let names = crate::web::staff_names(state).await?;
        let transcript = state.store.case_transcript(&c.id).await?.into_iter().map(LineView::from);
        let lang = c.lang.as_deref().and_then(Lang::from_tag);
        let questions = state.store.case_questions(&c.id).await?;
        // Staff's own words to a resident who reads neither Japanese (the language is the
        // case's: the one they were sent in, unless the resident changed it since).
        let japanese = lang.is_none_or(Lang::is_japanese);
        let transcript = transcript
            .map(|l| if let Some(d) = marks { l.marked(d, t) } else { l })
            .map(|l| l.tapped(t, &state.desk.locales, lang))
            .map(|l| super::questions::tapped(l, &questions, state))
            .map(|l| LineView { untranslated: l.staff.is_some() && l.gloss.is_none() && !japanese, ..l })
            .collect();
        let actions = state
            .store
            .case_actions(&c.id)
            .await?
            .into_iter()
            .map(|a| ActionView::of(a, t, &state.desk.locales))
            .collect();
        let attachments = state.store.case_attachments(&c.id).await?;
        let mut case = CaseDetail::of(c, attachments, t, &names);
        case.summary.alert = state.store.alert_of(c.number.as_str()).await?.map(|a| AlertView::of(&a, t));
        let now = crate::clock::now_ms();
        let questions = questions.iter().map(|q| super::questions::QuestionView::of(q, state, now)).collect();
        Ok(CaseView { case, transcript, actions, questions })
    }
}

/// A history line in words.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub kind: String,
    pub kind_ja: String,
    pub detail: String,
    pub detail_ja: String,
    pub note: Option<String>,
    pub staff: Option<String>,
    pub at: i64,
}

impl ActionView {
    pub fn of(a: ActionRow, t: &StaffText, locales: &Locales) -> Self {
        let detail_ja = match a.kind.as_str() {
            "transfer" => a
                .detail
                .split_once('>')
                .map(|(from, to)| format!("{} → {}", stored::<Queue>(t, from), stored::<Queue>(t, to)))
                .unwrap_or_default(),
            "status" => {
                let (change, outcome) = a.detail.split_once(':').unwrap_or((&a.detail, ""));
                let (from, to) = change.split_once('>').unwrap_or(("", change));
                let mut s = format!("{} → {}", stored::<Status>(t, from), stored::<Status>(t, to));
                if !outcome.is_empty() {
                    s.push_str(&format!("（{}）", stored::<Outcome>(t, outcome)));
                }
                s
            }
            "reply" => super::phrasebook::reply_detail(t, locales, &a.detail),
            "assign" => a.detail.clone(),
            // Structured questions: `id:phrase:kind` asked, `id:code:via` answered (the
            // answer's meaning is in the case's questions list).
            "ask" => a.detail.rsplit(':').next().map(|k| t.label("question-kind", k)).unwrap_or_default(),
            "answer" => match a.detail.split(':').collect::<Vec<_>>()[..] {
                [_, code, via] => format!("{code}（{}）", t.label("question-via", via)),
                _ => String::new(),
            },
            _ => String::new(),
        };
        ActionView {
            kind_ja: t.label("action", &a.kind),
            kind: a.kind,
            detail: a.detail,
            detail_ja,
            note: a.body,
            staff: a.staff_name,
            at: a.created_at,
        }
    }
}
