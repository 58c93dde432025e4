//! The phrasebook on the case page: the list staff choose from (grouped by situation, each
//! phrase shown by its Japanese with its slots named), the preview of exactly what the
//! resident will read, and sending. Without JavaScript the form posts to the preview, a page
//! showing the message with a 送る button; with it, the preview follows the inputs and 送る
//! sends at once. `catalogue` is also the JSON API's `GET /api/phrasebook`.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde_json::{json, Value};

use super::{auth::CsrfForm, forms, pages, Staff};
use crate::{
    app::AppState,
    casework::{canned::Template, labels::stored, phrases::title, service::DeskError, CaseworkError},
    clock::now_ms,
    i18n::{
        phrasebook::{phrases, SlotKind},
        staff::StaffText,
        Lang, Locales,
    },
    ids::CaseNumber,
    web::{
        error::AppError,
        requests::{phrase_form, phrase_reply, Refused, ReplyRefused},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/cases/{number}/preview", post(preview))
        .route("/staff/cases/{number}/phrase", post(send))
}

/// The phrases staff may send as a reply (the `question` group goes with answer buttons,
/// through the questions form), grouped by situation, with the configured places and
/// documents their slots take; every word for staff in Japanese.
pub fn catalogue(state: &AppState) -> Value {
    let t = &state.staff.text;
    let locales = &state.desk.locales;
    let settings = &state.desk.phrasebook;
    let mut groups: Vec<Value> = Vec::new();
    let mut list: Vec<Value> = Vec::new();
    for p in phrases().into_iter().filter(|p| p.group != "question") {
        let group_ja = t.text(&format!("pb-group-{}", p.group));
        if !groups.iter().any(|g| g["code"] == p.group.as_str()) {
            groups.push(json!({ "code": p.group, "label": group_ja }));
        }
        let slots: Vec<Value> = p
            .slots
            .iter()
            .filter_map(|(name, kind)| kind.map(|k| (name, k)))
            .map(|(name, k)| json!({ "name": name, "kind": k.code(), "label": t.text(&format!("pb-slot-{name}")) }))
            .collect();
        let entered: Vec<&str> = p
            .slots
            .iter()
            .filter(|(_, k)| k.is_some_and(|k| k != SlotKind::CaseNumber))
            .map(|(n, _)| n.as_str())
            .collect();
        list.push(json!({
            "id": p.id,
            "group": p.group,
            "group_label": group_ja,
            "ja": title(locales, t, &p),
            "slots": slots,
            "entered": entered.join(" "),
        }));
    }
    let places: Vec<Value> = settings
        .places
        .iter()
        .map(
            |p| json!({ "code": p.code, "name": p.name, "names": p.names, "address": p.address, "map_url": p.map_url }),
        )
        .collect();
    let documents: Vec<Value> = settings
        .documents
        .iter()
        .map(|d| json!({ "code": d, "name": locales.text(Lang::JA, &format!("doc-{d}"), None) }))
        .collect();
    json!({ "groups": groups, "phrases": list, "places": places, "documents": documents })
}

/// Whether the page's script asked (it wants JSON; a form posted without it wants a page).
fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"))
}

/// The preview: JSON `{lang, text, ja}` (or `{error, slot, slot_ja}`, 400) for the page's
/// script, or a page with the message and a form that sends it.
async fn preview(
    State(s): State<AppState>,
    Path(n): Path<String>,
    headers: HeaderMap,
    CsrfForm(staff, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (template, slots) = phrase_form(&fields);
    let number = n.parse()?;
    let outcome = match phrase_reply(&template, &slots, &s.desk.phrasebook) {
        Ok(reply) => match s.desk.preview(&staff.actor, &number, &reply).await {
            Ok(p) => Ok(p),
            Err(DeskError::Rule(CaseworkError::Invalid(why))) => {
                Err(ReplyRefused::from(Refused::from(CaseworkError::Invalid(why))))
            }
            Err(e) => return Err(e.into()),
        },
        Err(r) => Err(r),
    };
    answer_preview(&s, &staff, &n, &headers, &fields, outcome.map(|p| json!(p)), Sent::Phrase).await
}

/// A preview (of a phrase or a question) answered as the request wants it: for the page's
/// script JSON, the preview or a 400 `{error, slot, slot_ja}` naming the refused slot so the
/// script can mark its input; for a form posted without the script the refusal page, or a
/// page whose 送る sends what was previewed.
pub(super) async fn answer_preview(
    s: &AppState,
    staff: &Staff,
    n: &str,
    headers: &HeaderMap,
    fields: &[(String, String)],
    outcome: Result<Value, ReplyRefused>,
    sent: Sent,
) -> Result<Response, AppError> {
    match (outcome, wants_json(headers)) {
        (Ok(p), true) => Ok(Json(p).into_response()),
        (Err(r), true) => {
            let slot_ja = r.slot.as_deref().map(|name| s.staff.text.text(&format!("pb-slot-{name}")));
            let body = json!({ "error": r.why.ja, "slot": r.slot, "slot_ja": slot_ja });
            Ok((StatusCode::BAD_REQUEST, Json(body)).into_response())
        }
        (Err(r), false) => Ok(forms::refused(n, r.why.ja)),
        (Ok(p), false) => preview_page(s, staff, &n.parse()?, fields, p, sent).await,
    }
}

/// What a preview page's 送る sends: a phrase (a reply) or a question with its buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sent {
    Phrase,
    Question,
}

/// The preview as a page, for a form posted without JavaScript: the message (and its
/// buttons) in the resident's language, its Japanese, and a 送る form carrying the entered
/// values on, as they were posted, to where the form would have sent them.
async fn preview_page(
    s: &AppState,
    staff: &Staff,
    number: &CaseNumber,
    fields: &[(String, String)],
    preview: Value,
    sent: Sent,
) -> Result<Response, AppError> {
    let c = s.desk.case(&staff.actor, number).await?;
    let lang_ja = s.staff.text.label("lang", c.lang.as_deref().unwrap_or("unknown"));
    let hidden: Vec<Value> = fields
        .iter()
        .filter(|(k, v)| k != "csrf" && !v.is_empty())
        .map(|(k, v)| json!({ "name": k, "value": v }))
        .collect();
    let ctx = json!({
        "me": pages::me(s, staff),
        "number": c.number,
        "japanese": preview["lang"] == "ja",
        "preview": preview,
        "lang_ja": lang_ja,
        "fields": hidden,
        "question": sent == Sent::Question,
    });
    Ok(s.staff.render("phrase_preview.html", ctx)?.into_response())
}

/// Sends the phrase (from the page's form or the preview page's), then back to the case.
async fn send(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (template, slots): (String, BTreeMap<String, String>) = phrase_form(&fields);
    let reply = match phrase_reply(&template, &slots, &s.desk.phrasebook) {
        Ok(reply) => reply,
        Err(r) => return Ok(forms::refused(&n, r.why.ja)),
    };
    forms::done(&n, s.desk.reply(&staff.actor, &n.parse()?, &reply, now_ms()).await)
}

/// A reply's history detail in words: 文例：<the phrase's Japanese>, 定型文：<name>, 自由入力
/// (翻訳なしで送信 when the resident does not read Japanese).
pub fn reply_detail(t: &StaffText, locales: &Locales, detail: &str) -> String {
    let mut parts = detail.split(':');
    match (parts.next(), parts.next()) {
        (Some("phrase"), Some(id)) => match phrases().into_iter().find(|p| p.id == id) {
            Some(p) => format!("文例：{}", title(locales, t, &p)),
            None => format!("文例：{id}"),
        },
        (Some("canned"), Some(code)) => format!("定型文：{}", stored::<Template>(t, code)),
        (Some("free"), Some("untranslated")) => "自由入力・翻訳なしで送信".to_owned(),
        _ => "自由入力".to_owned(),
    }
}
