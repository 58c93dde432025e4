//! What staff send: the bodies of the case operations and the case list's filter, shared by
//! the dashboard's forms and the JSON API, so both read the same fields into the same codes
//! and refuse the same requests. A refusal carries the API's words and the dashboard's
//! Japanese (`Refused`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::{
    casework::{
        canned::Canned,
        phrases::{FilledPhrase, SlotError},
        service::{Filter, Reply},
        CaseworkError, Outcome, Status,
    },
    codes::Code,
    config::PhrasebookSettings,
    i18n::Lang,
    routing::Queue,
    web::error::AppError,
};

/// Why a request was refused before anything was done: the JSON API's message and the
/// dashboard's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{api}")]
pub struct Refused {
    pub api: &'static str,
    pub ja: &'static str,
}

impl From<Refused> for AppError {
    fn from(r: Refused) -> Self {
        AppError::BadRequest(r.api)
    }
}

impl From<CaseworkError> for Refused {
    /// A rule's refusal is already in staff's Japanese, and the API answers it as it is.
    fn from(e: CaseworkError) -> Self {
        let why = match e {
            CaseworkError::Invalid(why) => why,
            CaseworkError::NotFound => "no such case",
            CaseworkError::Forbidden => "not allowed for this account",
        };
        Refused { api: why, ja: why }
    }
}

/// The codes a request may name, with how an unknown one is refused.
pub trait Requested: Code {
    const UNKNOWN: Refused;
}

impl Requested for Queue {
    const UNKNOWN: Refused = Refused { api: "unknown queue", ja: "その窓口はありません" };
}

impl Requested for Status {
    const UNKNOWN: Refused = Refused { api: "unknown status", ja: "その状態はありません" };
}

impl Requested for Outcome {
    const UNKNOWN: Refused =
        Refused { api: "unknown outcome", ja: "終了の理由がわかりません。選び直してください" };
}

/// A code as a request sent it. Any string is read, so that an unknown code is refused with
/// `Requested::UNKNOWN` rather than serde's words (which repeat what the client sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent<T>(Option<T>);

impl<'de, T: Code> Deserialize<'de> for Sent<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Sent(T::from_code(&code)))
    }
}

impl<T: Requested> Sent<T> {
    pub fn get(self) -> Result<T, Refused> {
        self.0.ok_or(T::UNKNOWN)
    }
}

/// `assign`: the colleague's account name.
#[derive(Debug, Deserialize)]
pub struct Assign {
    pub staff: String,
}

/// `transfer`: the queue the case moves to.
#[derive(Debug, Deserialize)]
pub struct Transfer {
    queue: Sent<Queue>,
}

impl Transfer {
    pub fn queue(&self) -> Result<Queue, Refused> {
        self.queue.get()
    }
}

/// `status`: the new status and, when closing, why.
#[derive(Debug, Deserialize)]
pub struct StatusChange {
    status: Sent<Status>,
    outcome: Option<Sent<Outcome>>,
}

impl StatusChange {
    /// The status and the outcome; every code sent must be known.
    pub fn read(&self) -> Result<(Status, Option<Outcome>), Refused> {
        Ok((self.status.get()?, self.outcome.map(Sent::get).transpose()?))
    }
}

/// `note`: an internal note's text.
#[derive(Debug, Deserialize)]
pub struct Note {
    pub text: String,
}

/// A reply to the resident: `text` as typed (with `untranslated: true` when the resident
/// does not read Japanese), a phrase by its id in `template` with its `slots`, or a canned
/// reply by `template` with what it needs (`date`, `time`, `window`).
#[derive(Debug, Deserialize)]
pub struct ReplyRequest {
    text: Option<String>,
    template: Option<String>,
    date: Option<String>,
    time: Option<String>,
    window: Option<String>,
    /// A phrase's slots: `{"date": "2026-12-10", "place": "city_hall", "amount": 30000,
    /// "documents": ["residence_card", "pay_slips"]}`.
    #[serde(default)]
    slots: BTreeMap<String, SlotInput>,
    /// Free text to a resident who does not read Japanese: the sender confirms it reaches
    /// them untranslated.
    #[serde(default)]
    untranslated: bool,
}

/// A slot's value as a JSON body gives it: text, a number (an amount) or a list (documents).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SlotInput {
    Text(String),
    Number(u64),
    List(Vec<String>),
}

impl SlotInput {
    fn entered(&self) -> String {
        match self {
            SlotInput::Text(t) => t.clone(),
            SlotInput::Number(n) => n.to_string(),
            SlotInput::List(l) => l.join(","),
        }
    }
}

/// A refused reply: why, and which slot of a phrase when one was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRefused {
    pub why: Refused,
    pub slot: Option<String>,
}

impl From<Refused> for ReplyRefused {
    fn from(why: Refused) -> Self {
        ReplyRefused { why, slot: None }
    }
}

impl From<SlotError> for ReplyRefused {
    fn from(e: SlotError) -> Self {
        ReplyRefused { why: e.why.into(), slot: e.slot }
    }
}

/// A phrase by its id with the slots as entered.
pub fn phrase_reply(
    id: &str,
    entered: &BTreeMap<String, String>,
    settings: &PhrasebookSettings,
) -> Result<Reply, ReplyRefused> {
    FilledPhrase::read(id, entered, settings).map(Reply::Phrase).map_err(ReplyRefused::from)
}

impl ReplyRequest {
    pub fn reply(self, settings: &PhrasebookSettings) -> Result<Reply, ReplyRefused> {
        match (self.text, self.template) {
            (Some(text), None) => Ok(Reply::Free { text, untranslated: self.untranslated }),
            (None, Some(id)) if id.starts_with("pb-") => {
                let entered = self.slots.iter().map(|(k, v)| (k.clone(), v.entered())).collect();
                phrase_reply(&id, &entered, settings)
            }
            (None, Some(code)) => Ok(Reply::Canned(
                Canned::parse(&code, self.date.as_deref(), self.time.as_deref(), self.window.as_deref())
                    .map_err(Refused::from)?,
            )),
            _ => Err(Refused {
                api: "give either text or template", ja: "返信の文か定型文のどちらかを送ってください"
            }
            .into()),
        }
    }
}

/// The case page's phrase form, read from its fields as posted (`template`, then each slot
/// by its name; the `documents` checkboxes repeat), so that a form without JavaScript, which
/// sends every slot's input, reads the same as one that sends only the phrase's.
pub fn phrase_form(fields: &[(String, String)]) -> (String, BTreeMap<String, String>) {
    let mut template = String::new();
    let mut slots: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in fields {
        match name.as_str() {
            "csrf" => {}
            "template" => template = value.clone(),
            "documents" => {
                let list = slots.entry(name.clone()).or_default();
                if !list.is_empty() {
                    list.push(',');
                }
                list.push_str(value);
            }
            _ => {
                slots.insert(name.clone(), value.clone());
            }
        }
    }
    (template, slots)
}

/// The case list's filter (`?queue=&status=&lang=`).
#[derive(Debug, Default, Deserialize)]
pub struct CaseFilter {
    queue: Option<Sent<Queue>>,
    status: Option<Sent<Status>>,
    lang: Option<String>,
}

impl CaseFilter {
    /// Every filter given must be known (the API).
    pub fn strict(&self) -> Result<Filter, Refused> {
        const UNKNOWN_LANG: Refused = Refused { api: "unknown lang", ja: "その言語はありません" };
        Ok(Filter {
            queue: self.queue.map(Sent::get).transpose()?,
            status: self.status.map(Sent::get).transpose()?,
            lang: self
                .lang
                .as_deref()
                .map(|c| Lang::from_tag(c).map(|l| l.tag().to_owned()).ok_or(UNKNOWN_LANG))
                .transpose()?,
        })
    }

    /// Unknown filters are left out (the queue page's links).
    pub fn lenient(&self) -> Filter {
        Filter {
            queue: self.queue.and_then(|q| q.0),
            status: self.status.and_then(|s| s.0),
            lang: self.lang.as_deref().and_then(Lang::from_tag).map(|l| l.tag().to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A urlencoded body, read as `axum::Form` reads one.
    fn form<T: serde::de::DeserializeOwned>(body: &str) -> T {
        let uri: axum::http::Uri = format!("/?{body}").parse().unwrap();
        axum::extract::Query::try_from_uri(&uri).unwrap().0
    }

    #[test]
    fn a_form_and_a_json_body_read_alike_and_refuse_unknown_codes_alike() {
        let from_form: StatusChange = form("status=closed&outcome=supported&csrf=x");
        let from_json: StatusChange = serde_json::from_str(r#"{"status": "closed", "outcome": "supported"}"#).unwrap();
        assert_eq!(from_form.read(), Ok((Status::Closed, Some(Outcome::Supported))));
        assert_eq!(from_json.read(), from_form.read());
        let unknown: StatusChange = form("status=closed&outcome=bribed");
        assert_eq!(unknown.read(), Err(Outcome::UNKNOWN));
        let unknown: StatusChange = serde_json::from_str(r#"{"status": "closed", "outcome": "bribed"}"#).unwrap();
        assert_eq!(unknown.read().unwrap_err().api, "unknown outcome");
        let unknown: StatusChange = form("status=asleep");
        assert_eq!(unknown.read(), Err(Status::UNKNOWN));
        assert_eq!(form::<Transfer>("queue=boats").queue(), Err(Queue::UNKNOWN));
        assert_eq!(form::<Transfer>("queue=housing").queue(), Ok(Queue::Housing));
    }

    #[test]
    fn the_filter_is_strict_for_the_api_and_lenient_for_the_page() {
        let f: CaseFilter = form("queue=boats&status=new&lang=pt-BR");
        assert_eq!(f.strict().unwrap_err().api, "unknown queue");
        let page = f.lenient();
        assert_eq!((page.queue, page.status, page.lang.as_deref()), (None, Some(Status::New), Some("pt-BR")));
        assert_eq!(form::<CaseFilter>("lang=xx").strict().unwrap_err().api, "unknown lang");
    }

    #[test]
    fn a_reply_is_text_or_a_template() {
        let s = PhrasebookSettings::default();
        let free = form::<ReplyRequest>("text=hello").reply(&s);
        assert!(matches!(free, Ok(Reply::Free { text, untranslated: false }) if text == "hello"));
        let free = form::<ReplyRequest>("text=ol%C3%A1&untranslated=true").reply(&s);
        assert!(matches!(free, Ok(Reply::Free { untranslated: true, .. })));
        let canned = form::<ReplyRequest>("template=call&date=2026-12-03&time=14:00").reply(&s);
        assert!(matches!(canned, Ok(Reply::Canned(Canned::Call { .. }))));
        assert_eq!(form::<ReplyRequest>("").reply(&s).unwrap_err().why.api, "give either text or template");
        assert_eq!(form::<ReplyRequest>("template=sing").reply(&s).unwrap_err().why.ja, "定型文の種類がわかりません");
    }

    #[test]
    fn a_phrase_reads_its_slots_from_json_and_a_refusal_names_the_slot() {
        let s = PhrasebookSettings::default();
        let body =
            r#"{"template": "pb-documents-bring-list", "slots": {"documents": ["residence_card", "pay_slips"]}}"#;
        let Ok(Reply::Phrase(p)) = serde_json::from_str::<ReplyRequest>(body).unwrap().reply(&s) else {
            panic!("a phrase")
        };
        assert_eq!(p.id, "pb-documents-bring-list");
        let body = r#"{"template": "pb-housing-rent", "slots": {"amount": 52000}}"#;
        assert!(serde_json::from_str::<ReplyRequest>(body).unwrap().reply(&s).is_ok(), "an amount as a number");
        let body = r#"{"template": "pb-first-call-at", "slots": {"date": "10 December", "time": "14:00"}}"#;
        let refused = serde_json::from_str::<ReplyRequest>(body).unwrap().reply(&s).unwrap_err();
        assert_eq!(refused.slot.as_deref(), Some("date"));
        assert_eq!(refused.why.ja, "日付は YYYY-MM-DD の形で入れてください");
    }

    #[test]
    fn the_phrase_form_joins_the_checked_documents_and_keeps_every_other_field() {
        let fields: Vec<(String, String)> =
            form("csrf=x&template=pb-documents-bring-list&date=&documents=passport&documents=seal");
        let (template, slots) = phrase_form(&fields);
        assert_eq!(template, "pb-documents-bring-list");
        assert_eq!(slots.get("documents").map(String::as_str), Some("passport,seal"));
        assert_eq!(slots.get("date").map(String::as_str), Some(""));
        assert!(!slots.contains_key("csrf"));
    }
}

/// `POST /api/cases/{n}/questions`: `{"template": "pb-…", "slots": {"date": "2026-12-10", …},
/// "choices": {"kind": "yes_no" | "times" | "places", "items": ["2026-12-10 14:00", …]}}`.
/// A slot may be sent as a string, a number (an amount) or a list (documents).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRequest {
    pub template: String,
    #[serde(default)]
    pub slots: std::collections::BTreeMap<String, serde_json::Value>,
    pub choices: QuestionChoices,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionChoices {
    pub kind: String,
    #[serde(default)]
    pub items: Vec<String>,
}

impl QuestionRequest {
    pub fn ask(self) -> Result<crate::casework::ask::Ask, Refused> {
        const SLOT: Refused = Refused {
            api: "a slot must be a string, a number or a list of strings",
            ja: "差し込みの値が読めません",
        };
        let mut slots = std::collections::BTreeMap::new();
        for (name, value) in self.slots {
            let text = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Array(items) => {
                    let items: Option<Vec<&str>> = items.iter().map(serde_json::Value::as_str).collect();
                    items.ok_or(SLOT)?.join(",")
                }
                _ => return Err(SLOT),
            };
            slots.insert(name, text);
        }
        Ok(crate::casework::ask::Ask {
            template: self.template,
            slots,
            kind: self.choices.kind,
            items: self.choices.items,
        })
    }
}
