//! Structured questions on the case page and in the API (issue 14): each question staff
//! asked, in Japanese, with its state and the resident's answer as a code and in Japanese;
//! the 「質問を送る」 form (works without JavaScript) and `POST /api/cases/{n}/questions`.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::post,
    Json, Router,
};
use serde::Serialize;
use serde_json::{json, Value};

use super::{
    auth::{CsrfForm, Writer},
    forms::done,
    views::LineView,
};
use crate::{
    app::AppState,
    casework::{
        ask::Ask,
        labels,
        phrases::title,
        questions::{askable, StaffQuestion, MAX_CHOICES},
    },
    clock::now_ms,
    i18n::{phrasebook::SlotKind, staff::StaffText, Lang, Locales},
    store::QuestionRow,
    web::{error::AppError, requests::QuestionRequest},
};

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/cases/{number}/questions", post(form))
}

/// A question as staff read it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub template: String,
    /// The question in Japanese, slots filled.
    pub question_ja: String,
    /// `yes_no` | `times` | `places`.
    pub kind: String,
    /// Each answer's code and its Japanese meaning, in the order of the buttons.
    pub options: Vec<Value>,
    /// The language it was sent in.
    pub lang: String,
    /// open | answered | expired | cancelled
    pub state: String,
    /// 「回答待ち（期限 12/8 14:00）」, 「回答：はい」, 「期限切れ」, 「取り消し」.
    pub state_ja: String,
    pub answer: Option<String>,
    pub answer_ja: Option<String>,
    /// `tap` | `typed`.
    pub answered_via: Option<String>,
    pub answered_via_ja: Option<String>,
    pub asked_at: i64,
    pub expires_at: i64,
    pub answered_at: Option<i64>,
}

/// `12/8 14:00` in Japan.
fn short_jst(ms: i64) -> String {
    let (_, m, d) = crate::jst::date(ms);
    let time = crate::jst::datetime(ms);
    format!("{m}/{d} {}", &time[11..])
}

/// `answered` | `cancelled` | `expired` | `open` at `now`.
fn state_of(q: &QuestionRow, now: i64) -> &'static str {
    if q.answered_at.is_some() {
        "answered"
    } else if q.closed_at.is_some() {
        "cancelled"
    } else if now >= q.expires_at {
        "expired"
    } else {
        "open"
    }
}

impl QuestionView {
    pub fn of(q: &QuestionRow, state: &AppState, now: i64) -> Self {
        let t: &StaffText = &state.staff.text;
        let locales = &state.desk.locales;
        let asked = StaffQuestion::stored(
            &q.phrase,
            q.slots.as_deref(),
            &q.choices,
            q.items.as_deref(),
            &state.desk.phrasebook,
        );
        let question_ja = match &asked {
            // The sentence alone: a place's address and map link follow it in the message.
            Some(a) => {
                let text = a.phrase.render(locales, Lang::JA, &q.case_number);
                text.split("\n\n").next().unwrap_or_default().to_owned()
            }
            // Erased, or the configured places changed since: the phrase without its slots.
            None => locales.text(Lang::JA, &q.phrase, None),
        };
        let meaning = |code: &str| asked.as_ref().and_then(|a| a.meaning_ja(locales, code));
        let options = asked
            .as_ref()
            .map(|a| a.choices.codes())
            .unwrap_or_default()
            .into_iter()
            .map(|code| json!({ "code": code, "label_ja": meaning(&code).unwrap_or_else(|| code.clone()) }))
            .collect();
        let answer_ja = q.answer.as_deref().map(|c| meaning(c).unwrap_or_else(|| c.to_owned()));
        let code = state_of(q, now);
        let state_ja = match (code, &answer_ja) {
            ("answered", Some(a)) => format!("{}：{a}", t.text("question-state-answered")),
            ("open", _) => {
                let open = t.text("question-state-open");
                format!("{open}（{} {}）", t.text("question-deadline"), short_jst(q.expires_at))
            }
            (code, _) => t.label("question-state", code),
        };
        QuestionView {
            id: q.id.clone(),
            template: q.phrase.clone(),
            question_ja,
            kind: q.choices.clone(),
            options,
            lang: q.lang.clone(),
            state: code.to_owned(),
            state_ja,
            answer: q.answer.clone(),
            answer_ja,
            answered_via: q.answered_via.clone(),
            answered_via_ja: q.answered_via.as_deref().map(|v| t.label("question-via", v)),
            asked_at: q.asked_at,
            expires_at: q.expires_at,
            answered_at: q.answered_at,
        }
    }

    /// A case's questions, oldest first.
    pub async fn list(state: &AppState, case_id: &str, now: i64) -> Result<Vec<Self>, AppError> {
        Ok(state.store.case_questions(case_id).await?.iter().map(|q| Self::of(q, state, now)).collect())
    }
}

/// A resident's tap on a question's button, in the transcript: the button as they saw it
/// and the answer's Japanese meaning. A button of a question that is not this case's was
/// refused, and says so.
pub fn tapped(mut l: LineView, questions: &[QuestionRow], state: &AppState) -> LineView {
    if l.direction != "in" || l.kind != "postback" {
        return l;
    }
    let Some((id, code)) = l.body.as_deref().and_then(|b| b.strip_prefix("ask:")?.split_once(':')) else {
        return l;
    };
    let t = &state.staff.text;
    let Some(q) = questions.iter().find(|q| q.id == id) else {
        l.gloss = Some(t.text("question-tap-other"));
        return l;
    };
    let lang = Lang::from_tag(&q.lang).unwrap_or(Lang::JA);
    let asked =
        StaffQuestion::stored(&q.phrase, q.slots.as_deref(), &q.choices, q.items.as_deref(), &state.desk.phrasebook);
    if let Some(g) = asked.and_then(|a| labels::question_tap(t, &state.desk.locales, lang, &a, code)) {
        l.shown = Some(g.shown);
        l.gloss = Some(g.meaning);
    }
    l
}

/// What the 「質問を送る」 form offers: the phrases that ask, grouped, with the answers
/// each takes; the configured places; how many dates and times.
pub fn picker(state: &AppState) -> Value {
    let t = &state.staff.text;
    let locales = &state.desk.locales;
    let phrases: Vec<Value> = askable(locales)
        .into_iter()
        .map(|(p, kind)| {
            let slots: Vec<&str> = p.slots.iter().map(|(n, _)| n.as_str()).filter(|n| *n != "number").collect();
            json!({
                "id": p.id,
                "group_ja": t.text(&format!("pb-group-{}", p.group)),
                "text_ja": title(locales, t, &p),
                "kind": kind,
                "kind_ja": t.text(&format!("question-kind-{kind}")),
                "slots": slots,
            })
        })
        .collect();
    let places: Vec<Value> =
        state.desk.phrasebook.places.iter().map(|p| json!({ "code": p.code, "name": p.name })).collect();
    // Every slot the askable phrases use, once, with the input it needs.
    let mut slots: Vec<Value> = Vec::new();
    for (p, _) in askable(locales) {
        for (name, kind) in p.slots.iter().filter(|(n, _)| n != "number") {
            if !slots.iter().any(|s| s["name"] == name.as_str()) {
                let input = match kind {
                    Some(SlotKind::Date) => "date",
                    Some(SlotKind::Time) => "time",
                    Some(SlotKind::Place) => "place",
                    _ => "text",
                };
                slots.push(json!({ "name": name, "input": input, "label": t.text(&format!("pb-slot-{name}")) }));
            }
        }
    }
    json!({ "phrases": phrases, "places": places, "slots": slots, "times": (1..=MAX_CHOICES).collect::<Vec<_>>() })
}

/// The form's fields (`template`, `slot_<name>`, `date_<i>` + `time_<i>`, `place` checked)
/// as a question. The kind of answers is the phrase's (`kind_of`: the form names it beside
/// each phrase, so staff cannot pick one that does not fit). Empty fields are left out.
pub(super) fn read_form(fields: &[(String, String)], kind_of: impl Fn(&str) -> Option<&'static str>) -> Ask {
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let slots: BTreeMap<String, String> = fields
        .iter()
        .filter_map(|(n, v)| Some((n.strip_prefix("slot_")?.to_owned(), v.trim().to_owned())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let template = get("template");
    let kind = kind_of(&template).unwrap_or_default().to_owned();
    let items = match kind.as_str() {
        "times" => (1..=MAX_CHOICES)
            .map(|i| (get(&format!("date_{i}")), get(&format!("time_{i}"))))
            .filter(|(d, t)| !d.is_empty() && !t.is_empty())
            .map(|(d, t)| format!("{d} {t}"))
            .collect(),
        "places" => fields.iter().filter(|(n, _)| n == "place").map(|(_, v)| v.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    Ask { template, slots, kind, items }
}

/// The kind of answers each askable phrase takes, by the phrase's id.
pub(super) fn ask_kind(locales: &Locales) -> impl Fn(&str) -> Option<&'static str> {
    let askable = askable(locales);
    move |id| askable.iter().find(|(p, _)| p.id == id).map(|(_, k)| *k)
}

async fn form(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let ask = read_form(&fields, ask_kind(&s.desk.locales));
    done(&n, s.desk.ask(&staff.actor, &n.parse()?, &ask, now_ms()).await.map(|_| ()))
}

/// `POST /api/cases/{n}/questions`: 201 with the question as the case shows it.
pub async fn api_ask(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<QuestionRequest>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let now = now_ms();
    let id = s.desk.ask(&staff.actor, &n.parse()?, &b.ask()?, now).await?;
    let q = s.store.question(&id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(json!(QuestionView::of(&q, &s, now)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn the_form_reads_filled_dates_and_times_and_leaves_empty_ones_out() {
        let ask = read_form(
            &pairs(&[
                ("csrf", "x"),
                ("template", "pb-question-which-time"),
                ("slot_date", ""),
                ("date_1", "2026-12-10"),
                ("time_1", "14:00"),
                ("date_2", "2026-12-11"),
                ("time_2", ""),
                ("date_3", "2026-12-12"),
                ("time_3", "9:30"),
                ("place", "city_hall"),
            ]),
            |_| Some("times"),
        );
        assert_eq!(ask.template, "pb-question-which-time");
        assert!(ask.slots.is_empty());
        assert_eq!(ask.items, ["2026-12-10 14:00", "2026-12-12 9:30"]);
    }

    #[test]
    fn a_question_is_open_until_answered_cancelled_or_expired() {
        let q = QuestionRow {
            id: "q".into(),
            case_id: "c".into(),
            case_number: "n".into(),
            user_id: "U".into(),
            case_status: "in_progress".into(),
            phrase: "pb-first-good-time".into(),
            slots: None,
            choices: "yes_no".into(),
            items: None,
            lang: "vi".into(),
            asked_by: None,
            asked_at: 0,
            expires_at: 100,
            closed_at: None,
            answer: None,
            answered_at: None,
            answered_via: None,
        };
        assert_eq!(state_of(&q, 99), "open");
        assert_eq!(state_of(&q, 100), "expired");
        assert_eq!(state_of(&QuestionRow { closed_at: Some(50), ..q.clone() }, 200), "cancelled");
        let answered = QuestionRow { answer: Some("yes".into()), answered_at: Some(60), ..q };
        assert_eq!(state_of(&answered, 200), "answered", "an answer stays after the deadline");
    }

    #[test]
    fn the_form_reads_checked_places_and_a_phrases_slots() {
        let ask = read_form(
            &pairs(&[
                ("template", "pb-appointment-can-you-come"),
                ("slot_date", "2026-12-10"),
                ("slot_place", "city_hall"),
                ("place", "city_hall"),
                ("place", "council"),
            ]),
            |_| Some("places"),
        );
        assert_eq!(ask.slots.get("date").map(String::as_str), Some("2026-12-10"));
        assert_eq!(ask.slots.get("place").map(String::as_str), Some("city_hall"));
        assert_eq!(ask.items, ["city_hall", "council"]);
        assert_eq!(short_jst(1_796_878_800_000), "12/10 14:00");
    }
}
