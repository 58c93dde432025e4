//! The JSON API for the city's case-management system: the dashboard's operations under
//! `/api/`, authenticated by a bearer token (`frontdesk staff token NAME`) or a staff
//! session (whose writes must then carry `X-CSRF-Token`). Every error is JSON,
//! `{"error": {"code": "...", "message": "..."}}` (`web::error::json_errors`). Documented in README.md.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    routing::{any, get, post},
    Json, Router,
};
use serde_json::{json, Value};

use super::{
    requests::{Assign, CaseFilter, Note, ReplyRequest, StatusChange, Transfer},
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
        .route("/api/cases/{number}/erase", post(erase))
        .route("/api/cases/{number}/questions", post(super::staff::questions::api_ask))
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

/// `{"text": "…"}` as typed, or `{"template": "call", "date": "2026-12-03", "time": "14:00"}`.
async fn reply(
    State(s): State<AppState>,
    Writer(staff): Writer,
    Path(n): Path<String>,
    Json(b): Json<ReplyRequest>,
) -> Done {
    s.desk.reply(&staff.actor, &n.parse()?, &b.reply()?, now_ms()).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "ok": true, "queued": true }))))
}

async fn erase(State(s): State<AppState>, Writer(staff): Writer, Path(n): Path<String>) -> Done {
    let numbers = s.desk.erase(&staff.actor, &n.parse()?, now_ms()).await?;
    Ok((StatusCode::OK, Json(json!({ "ok": true, "anonymised": numbers }))))
}

/// A path under `/api/` that names nothing: answered in the API's own format.
async fn unknown() -> AppError {
    AppError::NotFound
}
