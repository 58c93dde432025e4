//! The preview of a question before it is asked (issue 14): the message in the resident's
//! language with its answer buttons, beside its Japanese, written by the same code that
//! sends it (`Casework::preview_question`). Like the phrase preview (`phrasebook`): JSON for
//! the case page's script, a page with a 送る button for a form posted without it, and
//! `POST /api/cases/{n}/questions/preview` for the city's system. Nothing is sent or stored.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde_json::json;

use super::{
    auth::{CsrfForm, Writer},
    phrasebook::{answer_preview, Sent},
    questions::{ask_kind, read_form},
};
use crate::{
    app::AppState,
    web::{
        error::AppError,
        requests::{QuestionRequest, ReplyRefused},
    },
};

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/cases/{number}/questions/preview", post(preview))
}

/// The 「質問を送る」 form's preview: JSON `{lang, text, buttons, ja, buttons_ja}` (or
/// `{error, slot, slot_ja}`, 400) for the page's script, or a page whose 送る asks it.
async fn preview(
    State(s): State<AppState>,
    Path(n): Path<String>,
    headers: HeaderMap,
    CsrfForm(staff, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let ask = read_form(&fields, ask_kind(&s.desk.locales));
    let outcome = s.desk.preview_question(&staff.actor, &n.parse()?, &ask).await?;
    let outcome = outcome.map(|p| json!(p)).map_err(ReplyRefused::from);
    answer_preview(&s, &staff, &n, &headers, &fields, outcome, Sent::Question).await
}

/// `POST /api/cases/{n}/questions/preview`: the body of `POST /api/cases/{n}/questions`;
/// answers `{lang, text, buttons, ja, buttons_ja}`, nothing sent. A POST like the writes, so
/// a session needs its X-CSRF-Token here too.
pub async fn api_preview(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<QuestionRequest>,
) -> Result<Response, AppError> {
    let ask = match b.ask() {
        Ok(ask) => ask,
        Err(why) => return Ok(crate::web::api::refused(ReplyRefused::from(why))),
    };
    match s.desk.preview_question(&staff.actor, &n.parse()?, &ask).await? {
        Ok(p) => Ok(Json(json!(p)).into_response()),
        Err(e) => Ok(crate::web::api::refused(ReplyRefused::from(e))),
    }
}
