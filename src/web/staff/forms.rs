//! The case page's forms: claim, assign, transfer, status, note, interpreter, reply, canned
//! reply, erasure; and the admin page's "disable account". Each is read through
//! `CsrfForm`, applied by `casework::service::Desk`, and answered with a redirect back.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use serde::Deserialize;

use super::auth::{urlencode, CsrfForm};
use crate::{
    app::AppState,
    casework::{
        canned::Canned,
        service::{DeskError, Reply},
        CaseworkError, Outcome, Status,
    },
    error::AppError,
    routing::Queue,
    worker::now_ms,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/cases/{number}/claim", post(claim))
        .route("/staff/cases/{number}/assign", post(assign))
        .route("/staff/cases/{number}/transfer", post(transfer))
        .route("/staff/cases/{number}/status", post(status))
        .route("/staff/cases/{number}/note", post(note))
        .route("/staff/cases/{number}/interpreter", post(interpreter))
        .route("/staff/cases/{number}/reply", post(reply))
        .route("/staff/cases/{number}/canned", post(canned))
        .route("/staff/cases/{number}/erase", post(erase))
        .route("/staff/admin/staff/{name}/disable", post(disable))
}

/// Back to the case page, or a short page saying why the action could not be done.
fn done(number: &str, result: Result<(), DeskError>) -> Result<Response, AppError> {
    let back = format!("/staff/cases/{}", urlencode(number));
    match result {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(DeskError::Rule(CaseworkError::Invalid(why))) => {
            // `why` is our own fixed text; the page escapes nothing else.
            let html = format!(
                "<!doctype html><meta charset=utf-8><link rel=stylesheet href=/staff/static/app.css>\
                 <main class=notice><p>{why}</p><p><a href=\"{back}\">ケースに戻る</a></p></main>"
            );
            Ok((StatusCode::BAD_REQUEST, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn claim(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    done(&n, s.desk.claim(&staff.actor, &n, now_ms()).await)
}

#[derive(Deserialize)]
struct AssignForm {
    staff: String,
}

async fn assign(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<AssignForm>,
) -> Result<Response, AppError> {
    done(&n, s.desk.assign(&staff.actor, &n, &f.staff, now_ms()).await)
}

#[derive(Deserialize)]
struct TransferForm {
    queue: String,
}

async fn transfer(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<TransferForm>,
) -> Result<Response, AppError> {
    let Some(q) = Queue::from_code(&f.queue) else { return Err(AppError::BadRequest("unknown queue")) };
    done(&n, s.desk.transfer(&staff.actor, &n, q, now_ms()).await)
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
    #[serde(default)]
    outcome: String,
}

async fn status(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let Some(to) = Status::from_code(&f.status) else { return Err(AppError::BadRequest("unknown status")) };
    // An outcome is only read when closing (the form always sends its select).
    let outcome = if to == Status::Closed { Outcome::from_code(&f.outcome) } else { None };
    done(&n, s.desk.set_status(&staff.actor, &n, to, outcome, now_ms()).await)
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    text: String,
}

async fn note(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<TextForm>,
) -> Result<Response, AppError> {
    done(&n, s.desk.note(&staff.actor, &n, &f.text, now_ms()).await)
}

async fn interpreter(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    done(&n, s.desk.request_interpreter(&staff.actor, &n, now_ms()).await)
}

async fn reply(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<TextForm>,
) -> Result<Response, AppError> {
    done(&n, s.desk.reply(&staff.actor, &n, &Reply::Free(f.text), now_ms()).await)
}

#[derive(Deserialize)]
struct CannedForm {
    template: String,
    date: Option<String>,
    time: Option<String>,
    window: Option<String>,
}

async fn canned(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<CannedForm>,
) -> Result<Response, AppError> {
    let result = match Canned::parse(&f.template, f.date.as_deref(), f.time.as_deref(), f.window.as_deref()) {
        Ok(c) => s.desk.reply(&staff.actor, &n, &Reply::Canned(c), now_ms()).await,
        Err(e) => Err(e.into()),
    };
    done(&n, result)
}

async fn erase(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    match s.desk.erase(&staff.actor, &n, now_ms()).await {
        Ok(_) => Ok(Redirect::to("/staff").into_response()),
        Err(e) => done(&n, Err(e)),
    }
}

async fn disable(
    State(s): State<AppState>,
    Path(name): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    if !staff.actor.is_admin() {
        return Err(AppError::Forbidden("admins only"));
    }
    if name == staff.actor.name {
        return Err(AppError::BadRequest("an admin cannot disable their own account here"));
    }
    if !s.store.disable_staff(&name).await? {
        return Err(AppError::NotFound);
    }
    s.store.audit(Some(&staff.actor.id), None, "disable_staff", &name, now_ms()).await?;
    Ok(Redirect::to("/staff/admin").into_response())
}
