//! What staff send: the bodies of the case operations and the case list's filter, shared by
//! the dashboard's forms and the JSON API, so both read the same fields into the same codes
//! and refuse the same requests. A refusal carries the API's words and the dashboard's
//! Japanese (`Refused`).

use serde::{Deserialize, Deserializer};

use crate::{
    casework::{
        canned::Canned,
        service::{Filter, Reply},
        CaseworkError, Outcome, Status,
    },
    codes::Code,
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

/// A reply to the resident: `text` as typed, or a canned reply by `template` with what it
/// needs (`date`, `time`, `window`).
#[derive(Debug, Deserialize)]
pub struct ReplyRequest {
    text: Option<String>,
    template: Option<String>,
    date: Option<String>,
    time: Option<String>,
    window: Option<String>,
}

impl ReplyRequest {
    pub fn reply(self) -> Result<Reply, Refused> {
        match (self.text, self.template) {
            (Some(t), None) => Ok(Reply::Free(t)),
            (None, Some(code)) => Ok(Reply::Canned(Canned::parse(
                &code,
                self.date.as_deref(),
                self.time.as_deref(),
                self.window.as_deref(),
            )?)),
            _ => Err(Refused {
                api: "give either text or template", ja: "返信の文か定型文のどちらかを送ってください"
            }),
        }
    }
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
        assert!(matches!(form::<ReplyRequest>("text=hello").reply(), Ok(Reply::Free(t)) if t == "hello"));
        let canned = form::<ReplyRequest>("template=call&date=2026-12-03&time=14:00").reply();
        assert!(matches!(canned, Ok(Reply::Canned(Canned::Call { .. }))));
        assert_eq!(form::<ReplyRequest>("").reply().unwrap_err().api, "give either text or template");
        assert_eq!(form::<ReplyRequest>("template=sing").reply().unwrap_err().ja, "定型文の種類がわかりません");
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
