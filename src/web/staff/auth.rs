//! Staff authentication: the login page (CSRF-protected, rate-limited), sessions in an
//! HttpOnly SameSite=Strict cookie with idle and absolute expiry, logout, the `Staff`
//! extractor every page and API call requires, and `CsrfForm`, the only way a form is read.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::{ConnectInfo, FromRequest, FromRequestParts, Query, Request, State},
    http::{header, request::Parts, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use serde::{de::DeserializeOwned, Deserialize};
use serde_json::json;

use crate::{
    app::AppState,
    casework::{service::actor_of, Actor},
    clock::now_ms,
    credentials::{digest, dummy_hash, random_token, same, verify_password},
    store::SessionRow,
    web::error::AppError,
};

pub use super::limiter::LoginLimiter;

/// The session cookie over plain HTTP (local mode).
pub const SESSION_COOKIE: &str = "fd_session";
/// Behind HTTPS the session cookie carries the `__Host-` prefix, which browsers accept only
/// with `Secure`, `Path=/` and no `Domain` (RFC 6265bis, "Cookie Name Prefixes"): a page on
/// another subdomain or on plain HTTP cannot set or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-fd_session";
const LOGIN_COOKIE: &str = "fd_login";
/// The login form's cookie lives under `/staff/login`, so it can only be `__Secure-`.
const SECURE_LOGIN_COOKIE: &str = "__Secure-fd_login";
/// Forms are small; anything bigger is refused before it is read.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// Sessions are marked used at most this often (one write per request would be wasteful).
const TOUCH_EVERY_MS: i64 = 30_000;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/login", get(login_page).post(login)).route("/staff/logout", post(logout))
}

/// A signed-in staff member: from the session cookie, or for `/api/` a bearer token.
#[derive(Debug, Clone)]
pub struct Staff {
    pub actor: Actor,
    /// The session's CSRF token; `None` for a bearer token (no cookie, no CSRF risk).
    pub csrf: Option<String>,
    session: Option<String>,
}

/// Why a request without a valid session was refused, answered as the caller expects.
#[derive(Debug)]
pub enum Refused {
    /// A page: go and log in, then come back.
    Page {
        next: String,
    },
    /// The API, a live stream or a page fragment: 401.
    Status,
    Error(AppError),
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Page { next } => {
                let to = format!("/staff/login?next={}", urlencode(&next));
                Redirect::to(&to).into_response()
            }
            Refused::Status => AppError::Unauthorized("sign in required").into_response(),
            Refused::Error(e) => e.into_response(),
        }
    }
}

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused::Error(e)
    }
}

/// Requests a page script makes to refresh itself (they must not keep a session alive).
fn is_live(parts: &Parts) -> bool {
    parts.headers.contains_key("x-frontdesk-live") || parts.uri.path().ends_with("/events")
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refused> {
        let api = parts.uri.path().starts_with("/api/");
        let refuse = || {
            if api || is_live(parts) {
                Refused::Status
            } else {
                let next = parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
                Refused::Page { next }
            }
        };
        if api {
            if let Some(token) = parts
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
            {
                let row = state.store.staff_by_token(&digest(token.trim())).await.map_err(AppError::from)?;
                return row
                    .map(|s| Staff { actor: actor_of(&s, state.desk.partners), csrf: None, session: None })
                    .ok_or_else(refuse);
            }
        }
        let Some(value) = cookie(&parts.headers, session_cookie(state)) else { return Err(refuse()) };
        let hash = digest(value);
        let Some(row) = state.store.session(&hash).await.map_err(AppError::from)? else { return Err(refuse()) };
        let now = now_ms();
        if expired(state, &row, now) {
            state.store.delete_session(&hash).await.map_err(AppError::from)?;
            return Err(refuse());
        }
        if !is_live(parts) && now - row.last_seen_at > TOUCH_EVERY_MS {
            state.store.touch_session(&hash, now).await.map_err(AppError::from)?;
        }
        let actor = Actor::from_stored(row.staff_id, row.name, &row.role, &row.queues, state.desk.partners);
        Ok(Staff { actor, csrf: Some(row.csrf), session: Some(hash) })
    }
}

/// Whether a session has been idle too long or lived too long.
fn expired(state: &AppState, row: &SessionRow, now: i64) -> bool {
    let settings = &state.staff.settings;
    let idle_ms = settings.session_idle_minutes as i64 * 60_000;
    let max_ms = settings.session_max_hours as i64 * 3_600_000;
    now - row.last_seen_at > idle_ms || now - row.created_at > max_ms
}

impl Staff {
    /// The account behind this request's session as it is now: `None` once the session
    /// was ended (logout, expiry, a disabled account). A live stream outlives the request
    /// that opened it and asks again; it does not keep the session alive.
    pub async fn still_signed_in(&self, state: &AppState) -> Result<Option<Actor>, AppError> {
        let Some(hash) = &self.session else { return Ok(None) };
        let Some(row) = state.store.session(hash).await? else { return Ok(None) };
        if expired(state, &row, now_ms()) {
            return Ok(None);
        }
        Ok(Some(Actor::from_stored(row.staff_id, row.name, &row.role, &row.queues, state.desk.partners)))
    }
}

/// A staff member allowed to change something through the API: a bearer token, or a
/// cookie session that also sent its CSRF token in `X-CSRF-Token`. Checked before the
/// request body is read.
pub struct Writer(pub Staff);

impl FromRequestParts<AppState> for Writer {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refused> {
        let staff = Staff::from_request_parts(parts, state).await?;
        if let Some(expected) = &staff.csrf {
            match parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
                Some(got) if same(got, expected) => {}
                _ => return Err(AppError::Csrf.into()),
            }
        }
        Ok(Writer(staff))
    }
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form posted by a signed-in staff member, with its CSRF token checked. Every staff
/// form is read through this.
pub struct CsrfForm<T>(pub Staff, pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| AppError::BadRequest("form too large").into_response())?;
        let Form(field) =
            Form::<CsrfField>::from_request(Request::from_parts(clone_parts(&parts), Body::from(bytes.clone())), state)
                .await
                .map_err(|_| AppError::Csrf.into_response())?;
        let expected = staff.csrf.as_deref().unwrap_or("");
        if expected.is_empty() || !same(&field.csrf, expected) {
            return Err(AppError::Csrf.into_response());
        }
        let Form(value) = Form::<T>::from_request(Request::from_parts(parts, Body::from(bytes)), state)
            .await
            .map_err(|_| AppError::BadRequest("the form is incomplete").into_response())?;
        Ok(CsrfForm(staff, value))
    }
}

fn clone_parts(parts: &Parts) -> Parts {
    let mut b = Request::builder().method(parts.method.clone()).uri(parts.uri.clone()).version(parts.version);
    if let Some(h) = b.headers_mut() {
        *h = parts.headers.clone();
    }
    b.body(()).map(|r| r.into_parts().0).unwrap_or_else(|_| Request::new(()).into_parts().0)
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

fn session_cookie(state: &AppState) -> &'static str {
    if state.staff.secure_cookies {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

fn login_cookie(state: &AppState) -> &'static str {
    if state.staff.secure_cookies {
        SECURE_LOGIN_COOKIE
    } else {
        LOGIN_COOKIE
    }
}

/// `Secure` exactly when the dashboard's address (`[staff] public_url`) is HTTPS, which a
/// real channel requires; the name's prefix follows from it.
fn cookie_attrs(state: &AppState, path: &str, max_age: i64) -> String {
    let secure = if state.staff.secure_cookies { "; Secure" } else { "" };
    format!("Path={path}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
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
    let cookie = format!("{}={token}; {}", login_cookie(state), cookie_attrs(state, "/staff/login", 3600));
    Ok((status, [(header::SET_COOKIE, cookie)], html).into_response())
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

/// The longest account name (`frontdesk staff add` allows 64 bytes); longer input is cut
/// here before it becomes a limiter key or an audit line.
const MAX_NAME_CHARS: usize = 64;

/// A refused login: the form again, with why and when to try again.
fn refused_login(
    state: &AppState,
    next: Option<&str>,
    msg: &str,
    status: StatusCode,
    retry_after: i64,
) -> Result<Response, AppError> {
    let mut res = render_login(state, next, Some(msg), status)?;
    res.headers_mut().insert(header::RETRY_AFTER, retry_after.max(1).into());
    Ok(res)
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    // The login form's CSRF token must match the cookie set with the form.
    match cookie(&headers, login_cookie(&state)) {
        Some(c) if !form.csrf.is_empty() && same(c, &form.csrf) => {}
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
    let hash = account
        .as_ref()
        .filter(|a| a.disabled == 0)
        .map_or_else(|| dummy_hash().to_owned(), |a| a.password_hash.clone());
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
    let Some(account) = account.filter(|a| ok && a.disabled == 0) else {
        state.store.audit_login_failure(known.as_deref(), &name, &client.to_string(), now).await?;
        tracing::info!("login failed");
        let msg = "名前かパスワードが違います。";
        return render_login(&state, next, Some(msg), StatusCode::UNAUTHORIZED);
    };
    state.staff.limiter.succeeded(attempt, state.staff.limiter.now());
    let token = random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let csrf = random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    state.store.create_session(&digest(&token), &account.id, &csrf, now).await?;
    state.store.audit(Some(&account.id), None, "login", "", now).await?;
    let max_age = state.staff.settings.session_max_hours as i64 * 3600;
    let session = format!("{}={token}; {}", session_cookie(&state), cookie_attrs(&state, "/", max_age));
    let clear_login = format!("{}=; {}", login_cookie(&state), cookie_attrs(&state, "/staff/login", 0));
    let to = safe_next(next);
    let mut response = Redirect::to(&to).into_response();
    let h = response.headers_mut();
    for c in [session, clear_login] {
        if let Ok(v) = c.parse() {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(State(state): State<AppState>, CsrfForm(staff, _): CsrfForm<Empty>) -> Result<Response, AppError> {
    if let Some(hash) = &staff.session {
        state.store.delete_session(hash).await?;
    }
    state.store.audit(Some(&staff.actor.id), None, "logout", "", now_ms()).await?;
    let clear = format!("{}=; {}", session_cookie(&state), cookie_attrs(&state, "/", 0));
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/staff/login")).into_response())
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; fd_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
