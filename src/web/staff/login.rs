//! Signing in and out: the login page (its own CSRF token in a cookie set with the form,
//! rate-limited by `limiter`, password checks off the async threads), the session cookie
//! it sets, and logout.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use serde_json::json;

use super::auth::{session_cookie, CsrfForm};
use crate::{
    app::AppState,
    clock::now_ms,
    credentials::{digest, dummy_hash, random_token, same, verify_password},
    web::error::AppError,
};

const LOGIN_COOKIE: &str = "fd_login";
/// The login form's cookie lives under `/staff/login`, so it can only be `__Secure-`.
const SECURE_LOGIN_COOKIE: &str = "__Secure-fd_login";
/// The longest account name (`frontdesk staff add` allows 64 bytes); longer input is cut
/// here before it becomes a limiter key or an audit line.
const MAX_NAME_CHARS: usize = 64;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/login", get(login_page).post(login)).route("/staff/logout", post(logout))
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Only our own staff pages are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with("/staff") && !n.starts_with("//") && !n.contains("\\") && !n.contains("/login") => {
            n.to_owned()
        }
        _ => "/staff".to_owned(),
    }
}

fn login_cookie(state: &AppState) -> &'static str {
    if state.staff.secure_cookies {
        SECURE_LOGIN_COOKIE
    } else {
        LOGIN_COOKIE
    }
}

/// A cookie of ours: `HttpOnly; SameSite=Strict` under `path`, `Secure` exactly when the
/// dashboard's address (`[staff] public_url`) is HTTPS, which a real channel requires; the
/// name's prefix follows from it. A `max_age` of 0 clears the cookie.
fn cookie(state: &AppState, name: &'static str, value: String, path: &'static str, max_age: i64) -> Cookie<'static> {
    Cookie::build((name, value))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(state.staff.secure_cookies)
        .build()
}

async fn login_page(State(state): State<AppState>, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    render_login(&state, q.next.as_deref(), None, StatusCode::OK)
}

fn render_login(
    state: &AppState,
    next: Option<&str>,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let token = random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let html = state.staff.render(
        "login.html",
        json!({ "csrf": token, "next": safe_next(next), "error": error, "local": state.staff.local_mode }),
    )?;
    let jar = CookieJar::new().add(cookie(state, login_cookie(state), token, "/staff/login", 3600));
    Ok((status, jar, html).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// A refused login: the form again, with why and when to try again.
fn refused_login(
    state: &AppState,
    next: Option<&str>,
    msg: &str,
    status: StatusCode,
    retry_after: i64,
) -> Result<Response, AppError> {
    let mut res = render_login(state, next, Some(msg), status)?;
    res.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.max(1).into());
    Ok(res)
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    // The login form's CSRF token must match the cookie set with the form.
    match jar.get(login_cookie(&state)) {
        Some(c) if !form.csrf.is_empty() && same(c.value(), &form.csrf) => {}
        _ => return Err(AppError::Csrf),
    }
    let now = now_ms();
    let name: String = form.name.trim().chars().take(MAX_NAME_CHARS).collect();
    let client = state.staff.proxy.client(peer, &headers);
    let next = form.next.as_deref();
    // Each check holds 19 MiB: a burst of logins waits its turn at the door, not in memory.
    let Ok(permit) = state.staff.verifications.clone().try_acquire_owned() else {
        tracing::warn!("login refused: too many password checks at once");
        let msg = "ただいま混み合っています。少し待ってからもう一度ログインしてください。";
        return refused_login(&state, next, msg, StatusCode::SERVICE_UNAVAILABLE, 1);
    };
    let attempt = match state.staff.limiter.begin(&name, client, state.staff.limiter.now()) {
        Ok(a) => a,
        Err(wait) => {
            tracing::warn!("login refused: too many attempts");
            let msg = format!(
                "ログインの失敗が続いたため、{}秒間は受け付けません。時間をおいてから試してください。",
                wait.seconds()
            );
            return refused_login(&state, next, &msg, StatusCode::TOO_MANY_REQUESTS, wait.seconds());
        }
    };
    let account = state.store.staff_by_name(&name).await?;
    let hash =
        account.as_ref().filter(|a| !a.disabled).map_or_else(|| dummy_hash().to_owned(), |a| a.password_hash.clone());
    let password = form.password;
    // argon2 is deliberately slow: off the async threads, holding its permit to the end
    // even if the client goes away.
    let ok = tokio::task::spawn_blocking(move || {
        let ok = verify_password(&password, &hash);
        drop(permit);
        ok
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let known = account.as_ref().map(|a| a.id.clone());
    let Some(account) = account.filter(|a| ok && !a.disabled) else {
        state.store.audit_login_failure(known.as_deref(), &name, &client.to_string(), now).await?;
        tracing::info!("login failed");
        let msg = "名前かパスワードが違います。";
        return render_login(&state, next, Some(msg), StatusCode::UNAUTHORIZED);
    };
    state.staff.limiter.succeeded(attempt, state.staff.limiter.now());
    let jar = start_session(&state, &account.id, now).await?;
    Ok((jar, Redirect::to(&safe_next(next))).into_response())
}

/// A new session for a signed-in account: stored under its digest, audited, and its cookie
/// set while the login form's cookie is cleared.
async fn start_session(state: &AppState, account: &str, now: i64) -> Result<CookieJar, AppError> {
    let token = random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let csrf = random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    state.store.create_session(&digest(&token), account, &csrf, now).await?;
    state.store.audit(Some(account), None, "login", "", now).await?;
    let max_age = state.staff.settings.session_max_hours as i64 * 3600;
    Ok(CookieJar::new().add(cookie(state, session_cookie(state), token, "/", max_age)).add(cookie(
        state,
        login_cookie(state),
        String::new(),
        "/staff/login",
        0,
    )))
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(State(state): State<AppState>, CsrfForm(staff, _): CsrfForm<Empty>) -> Result<Response, AppError> {
    if let Some(hash) = staff.session() {
        state.store.delete_session(hash).await?;
    }
    state.store.audit(Some(&staff.actor.id), None, "logout", "", now_ms()).await?;
    let clear = CookieJar::new().add(cookie(&state, session_cookie(&state), String::new(), "/", 0));
    Ok((clear, Redirect::to("/staff/login")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_pages_are_followed_after_login() {
        assert_eq!(safe_next(Some("/staff/cases/261201-0001")), "/staff/cases/261201-0001");
        for bad in ["https://evil.example", "//evil.example", "/staff/login", "/webhook", "/staff\\..\\x"] {
            assert_eq!(safe_next(Some(bad)), "/staff", "{bad}");
        }
        assert_eq!(safe_next(None), "/staff");
    }
}
