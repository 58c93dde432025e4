//! Who is asking: the `Staff` extractor every page and API call requires (a session cookie
//! with idle and absolute expiry, or for `/api/` a bearer token), `Writer` for API writes,
//! and `CsrfForm`, the only way a staff form is read. Signing in and out is `login`.

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::{de::DeserializeOwned, Deserialize};

use crate::{
    app::AppState,
    casework::{service::actor_of, Actor},
    clock::now_ms,
    credentials::{digest, same},
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
/// Forms are small; anything bigger is refused before it is read.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// Sessions are marked used at most this often (one write per request would be wasteful).
const TOUCH_EVERY_MS: i64 = 30_000;

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
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(value) = jar.get(session_cookie(state)) else { return Err(refuse()) };
        let hash = digest(value.value());
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
    /// The digest of this request's session cookie; `None` for a bearer token.
    pub(super) fn session(&self) -> Option<&str> {
        self.session.as_deref()
    }

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

/// A form posted by a signed-in staff member, with its CSRF token checked against the
/// session's before the form's own fields are read. Every staff form is read through this.
pub struct CsrfForm<T>(pub Staff, pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| AppError::BadRequest("form too large").into_response())?;
        if !is_form(&parts) {
            return Err(AppError::Csrf.into_response());
        }
        // The body is read once; the token and the form's fields are both decoded from it.
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::Csrf.into_response())?;
        let expected = staff.csrf.as_deref().unwrap_or("");
        if expected.is_empty() || !same(&field.csrf, expected) {
            return Err(AppError::Csrf.into_response());
        }
        let value = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::BadRequest("the form is incomplete").into_response())?;
        Ok(CsrfForm(staff, value))
    }
}

/// Whether the body is declared an HTML form, tested as axum's `Form` tests it.
fn is_form(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The session cookie's name: `__Host-` exactly when the dashboard's address
/// (`[staff] public_url`) is HTTPS.
pub(super) fn session_cookie(state: &AppState) -> &'static str {
    if state.staff.secure_cookies {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
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
