//! The case page's forms: claim, assign, transfer, status, note, interpreter, reply, canned
//! reply, erasure; and the admin page's "disable account". Each is read through
//! `CsrfForm`, applied by `casework::service::Casework`, and answered with a redirect back.

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
    casework::{service::DeskError, CaseworkError, Outcome, Status},
    clock::now_ms,
    web::error::AppError,
    web::requests::{Assign, Note, Refused, ReplyRequest, StatusChange, Transfer},
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
        .route("/staff/cases/{number}/canned", post(reply))
        .route("/staff/cases/{number}/erase", post(erase))
        .route("/staff/admin/staff/{name}/disable", post(disable))
}

/// Back to the case page, or a short page saying why the action could not be done.
pub(super) fn done(number: &str, result: Result<(), DeskError>) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&back(number)).into_response()),
        Err(DeskError::Rule(CaseworkError::Invalid(why))) => Ok(refused(number, why)),
        Err(e) => Err(e.into()),
    }
}

fn back(number: &str) -> String {
    format!("/staff/cases/{}", urlencode(number))
}

/// A 400 page saying why, with the way back to the case.
fn refused(number: &str, why: &'static str) -> Response {
    let back = back(number);
    // `why` is our own fixed text; the page escapes nothing else.
    let html = format!(
        "<!doctype html><meta charset=utf-8><link rel=stylesheet href=/staff/static/app.css>\
         <main class=notice><p>{why}</p><p><a href=\"{back}\">ケースに戻る</a></p></main>"
    );
    (StatusCode::BAD_REQUEST, Html(html)).into_response()
}

#[derive(Deserialize)]
struct Empty {}

async fn claim(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    done(&n, s.desk.claim(&staff.actor, &n.parse()?, now_ms()).await)
}

async fn assign(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<Assign>,
) -> Result<Response, AppError> {
    done(&n, s.desk.assign(&staff.actor, &n.parse()?, &f.staff, now_ms()).await)
}

async fn transfer(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<Transfer>,
) -> Result<Response, AppError> {
    let q = match f.queue() {
        Ok(q) => q,
        Err(r) => return Ok(refused(&n, r.ja)),
    };
    done(&n, s.desk.transfer(&staff.actor, &n.parse()?, q, now_ms()).await)
}

async fn status(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<StatusChange>,
) -> Result<Response, AppError> {
    let (to, outcome) = match status_change(&f) {
        Ok(change) => change,
        Err(r) => return Ok(refused(&n, r.ja)),
    };
    done(&n, s.desk.set_status(&staff.actor, &n.parse()?, to, outcome, now_ms()).await)
}

/// The status and outcome the form asks for. Every code must be known; the outcome counts
/// only when closing, as the form always sends its select.
fn status_change(f: &StatusChange) -> Result<(Status, Option<Outcome>), Refused> {
    let (to, outcome) = f.read()?;
    Ok((to, outcome.filter(|_| to == Status::Closed)))
}

async fn note(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<Note>,
) -> Result<Response, AppError> {
    done(&n, s.desk.note(&staff.actor, &n.parse()?, &f.text, now_ms()).await)
}

async fn interpreter(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    done(&n, s.desk.request_interpreter(&staff.actor, &n.parse()?, now_ms()).await)
}

/// The reply form (`text`) and the canned reply form (`template` and its fields).
async fn reply(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, f): CsrfForm<ReplyRequest>,
) -> Result<Response, AppError> {
    let reply = match f.reply() {
        Ok(reply) => reply,
        Err(r) => return Ok(refused(&n, r.ja)),
    };
    done(&n, s.desk.reply(&staff.actor, &n.parse()?, &reply, now_ms()).await)
}

async fn erase(
    State(s): State<AppState>,
    Path(n): Path<String>,
    CsrfForm(staff, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    match s.desk.erase(&staff.actor, &n.parse()?, now_ms()).await {
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

#[cfg(test)]
mod tests {
    use axum::{body::Body, extract::FromRequest, http::Request, Form};

    use crate::web::requests::Requested;

    use super::*;

    /// A form body, read as `CsrfForm` reads it.
    async fn form<T: serde::de::DeserializeOwned>(body: &'static str) -> T {
        let req = Request::post("/").header("content-type", "application/x-www-form-urlencoded").body(Body::from(body));
        Form::<T>::from_request(req.unwrap(), &()).await.unwrap().0
    }

    #[tokio::test]
    async fn an_unknown_outcome_is_refused_with_a_page_in_japanese() {
        let f: StatusChange = form("csrf=x&status=closed&outcome=bribed").await;
        let why = status_change(&f).unwrap_err();
        let page = refused("261203-0001", why.ja);
        assert_eq!(page.status(), StatusCode::BAD_REQUEST);
        let body = axum::body::to_bytes(page.into_body(), 4096).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("終了の理由がわかりません") && body.contains("/staff/cases/261203-0001"), "{body}");
    }

    #[tokio::test]
    async fn the_outcome_counts_only_when_closing() {
        let f: StatusChange = form("csrf=x&status=waiting&outcome=supported").await;
        assert_eq!(status_change(&f), Ok((Status::Waiting, None)));
        let f: StatusChange = form("csrf=x&status=closed&outcome=no_contact").await;
        assert_eq!(status_change(&f), Ok((Status::Closed, Some(Outcome::NoContact))));
        let f: StatusChange = form("csrf=x&status=waiting&outcome=bribed").await;
        assert_eq!(status_change(&f), Err(Outcome::UNKNOWN), "an unknown code is refused wherever it is");
    }
}
