//! The JSON API for the city's case-management system: the dashboard's operations under
//! `/api/`, authenticated by a bearer token (`frontdesk staff token NAME`) or a staff
//! session (whose writes must then carry `X-CSRF-Token`). Every error is JSON,
//! `{"error": {"code": "...", "message": "..."}}` (`web::error::json_errors`). Documented in README.md.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{any, get, post},
    Json, Router,
};
use serde_json::{json, Value};

use super::{
    requests::{Assign, CaseFilter, Note, ReplyRefused, ReplyRequest, StatusChange, Transfer},
    staff::{
        auth::Writer,
        views::{CaseSummary, CaseView},
        Staff,
    },
};
use crate::{app::AppState, clock::now_ms, web::error::AppError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/cases", get(list))
        .route("/api/cases/{number}", get(detail))
        .route("/api/cases/{number}/claim", post(claim))
        .route("/api/cases/{number}/assign", post(assign))
        .route("/api/cases/{number}/transfer", post(transfer))
        .route("/api/cases/{number}/status", post(status))
        .route("/api/cases/{number}/notes", post(note))
        .route("/api/cases/{number}/interpreter", post(interpreter))
        .route("/api/cases/{number}/replies", post(reply))
        .route("/api/cases/{number}/preview", post(preview))
        .route("/api/phrasebook", get(phrasebook))
        .route("/api/cases/{number}/erase", post(erase))
        .route("/api/cases/{number}/questions", post(super::staff::questions::api_ask))
        .route("/api/cases/{number}/questions/preview", post(super::staff::ask_preview::api_preview))
        .route("/api/{*rest}", any(unknown))
        .layer(axum::middleware::map_response(super::staff::protect))
        .layer(axum::middleware::map_response(super::error::json_errors))
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CaseFilter>,
) -> Result<Json<Value>, AppError> {
    let filter = q.strict()?;
    let cases = state.desk.queue(&staff.actor, &filter, now_ms()).await?;
    let names = super::staff_names(&state).await?;
    let cases = CaseSummary::list(&state, &cases, &names).await?;
    Ok(Json(json!({ "cases": cases })))
}

async fn detail(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> Result<Json<Value>, AppError> {
    let c = state.desk.view(&staff.actor, &number.parse()?, "api", now_ms()).await?;
    Ok(Json(json!(CaseView::read(&state, &c, None).await?)))
}

type Done = Result<(StatusCode, Json<Value>), AppError>;

fn ok() -> Done {
    Ok((StatusCode::OK, Json(json!({ "ok": true }))))
}

async fn claim(State(s): State<AppState>, Writer(staff): Writer, Path(n): Path<String>) -> Done {
    s.desk.claim(&staff.actor, &n.parse()?, now_ms()).await?;
    ok()
}

async fn assign(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<Assign>,
) -> Done {
    s.desk.assign(&staff.actor, &n.parse()?, &b.staff, now_ms()).await?;
    ok()
}

async fn transfer(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<Transfer>,
) -> Done {
    s.desk.transfer(&staff.actor, &n.parse()?, b.queue()?, now_ms()).await?;
    ok()
}

async fn status(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<StatusChange>,
) -> Done {
    let (to, outcome) = b.read()?;
    s.desk.set_status(&staff.actor, &n.parse()?, to, outcome, now_ms()).await?;
    ok()
}

async fn note(State(s): State<AppState>, Writer(staff): Writer, Path(n): Path<String>, Json(b): Json<Note>) -> Done {
    s.desk.note(&staff.actor, &n.parse()?, &b.text, now_ms()).await?;
    ok()
}

async fn interpreter(State(s): State<AppState>, Writer(staff): Writer, Path(n): Path<String>) -> Done {
    s.desk.request_interpreter(&staff.actor, &n.parse()?, now_ms()).await?;
    ok()
}

/// `{"text": "…"}` as typed (`"untranslated": true` to a resident who does not read
/// Japanese), `{"template": "pb-…", "slots": {…}}` a phrase, or `{"template": "call", "date":
/// "2026-12-03", "time": "14:00"}` a canned reply.
async fn reply(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<ReplyRequest>,
) -> Result<Response, AppError> {
    let reply = match b.reply(&s.desk.phrasebook) {
        Ok(reply) => reply,
        Err(r) => return Ok(refused(r)),
    };
    s.desk.reply(&staff.actor, &n.parse()?, &reply, now_ms()).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "ok": true, "queued": true }))).into_response())
}

/// The same body as a reply: what the resident would receive, `{"lang", "text", "ja"}`,
/// nothing sent. A POST like the writes, so a session needs its X-CSRF-Token here too.
async fn preview(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<ReplyRequest>,
) -> Result<Response, AppError> {
    let reply = match b.reply(&s.desk.phrasebook) {
        Ok(reply) => reply,
        Err(r) => return Ok(refused(r)),
    };
    Ok(Json(json!(s.desk.preview(&staff.actor, &n.parse()?, &reply).await?)).into_response())
}

/// A refused reply in the API's error format, naming the phrase's slot that was refused.
pub(crate) fn refused(r: ReplyRefused) -> Response {
    let body = json!({ "error": { "code": "bad_request", "message": r.why.api, "slot": r.slot } });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// The phrases with their Japanese, groups and slot kinds, and the configured places and
/// documents: what the city's system needs to build the same picker.
async fn phrasebook(State(s): State<AppState>, _staff: Staff) -> Json<Value> {
    Json(super::staff::phrasebook::catalogue(&s))
}

async fn erase(State(s): State<AppState>, Writer(staff): Writer, Path(n): Path<String>) -> Done {
    let numbers = s.desk.erase(&staff.actor, &n.parse()?, now_ms()).await?;
    Ok((StatusCode::OK, Json(json!({ "ok": true, "anonymised": numbers }))))
}

/// A path under `/api/` that names nothing: answered in the API's own format.
async fn unknown() -> AppError {
    AppError::NotFound
}
