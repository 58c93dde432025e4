//! `AppError`: the one error type HTTP handlers return. Client errors carry safe text;
//! anything else is an opaque 500, logged once here. Pages answer the text; the JSON API
//! answers `{"error": {"code", "message"}}` with the same status (`json_errors`).

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use crate::{
    casework::{service::DeskError, CaseworkError},
    ids::IdError,
    store::StoreError,
    worker::ingest::IngestError,
};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("{0}")]
    BadRequest(&'static str),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    TooManyRequests(&'static str),
    #[error("service unavailable: {0}")]
    Unavailable(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure of ours whose cause the client must not learn (logged).
    #[error("{0}")]
    Internal(String),
}

impl From<DeskError> for AppError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::Rule(CaseworkError::NotFound) => AppError::NotFound,
            DeskError::Rule(CaseworkError::Forbidden) => AppError::Forbidden("not allowed for this account"),
            DeskError::Rule(CaseworkError::Invalid(m)) => AppError::BadRequest(m),
            DeskError::Store(e) => AppError::Store(e),
        }
    }
}

/// An identifier in a URL that is not one names nothing: the same answer as an unknown one.
impl From<IdError> for AppError {
    fn from(_: IdError) -> Self {
        AppError::NotFound
    }
}

/// Events not stored are not acknowledged: LINE keeps them and, with redelivery on, retries.
impl From<IngestError> for AppError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::NotStored => AppError::Unavailable("could not store events"),
            IngestError::ShuttingDown => AppError::Unavailable("shutting down"),
        }
    }
}

/// What an error response says, kept on the response for `json_errors`.
#[derive(Debug, Clone, Copy)]
struct ErrorBody {
    code: &'static str,
    message: &'static str,
}

impl AppError {
    /// The status, the stable code the JSON API gives, and the text the client may read.
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, "unauthorized", m),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, "forbidden", m),
            AppError::Csrf => (StatusCode::FORBIDDEN, "csrf_failed", "CSRF token missing or wrong"),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "not found"),
            AppError::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests", m),
            AppError::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", m),
            AppError::Store(_) | AppError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            // Logged once, here; the client learns nothing about the cause. Both carry only
            // what their makers put in: never a value from a request or a stored row.
            AppError::Store(e) => tracing::error!(error = %e, "request failed"),
            AppError::Internal(e) => tracing::error!(error = %e, "request failed"),
            _ => {}
        }
        let (status, code, message) = self.parts();
        let mut res = (status, message).into_response();
        res.extensions_mut().insert(ErrorBody { code, message });
        res
    }
}

/// The JSON API's error format. An `AppError` keeps its code and text; a response axum made
/// itself (a body that is not JSON, an unknown path or method) gets a code from its status,
/// with a fixed text: the rejection's own words could repeat what the client sent.
pub(crate) async fn json_errors(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let body = match res.extensions().get::<ErrorBody>() {
        Some(b) => *b,
        None if is_json => return res,
        None => rejection_body(status),
    };
    let mut out = (status, Json(json!({ "error": { "code": body.code, "message": body.message } }))).into_response();
    // Headers such as Retry-After or WWW-Authenticate stay; only the body changes.
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    out
}

fn rejection_body(status: StatusCode) -> ErrorBody {
    let (code, message) = match status {
        StatusCode::BAD_REQUEST => ("invalid_json", "the request body is not valid JSON"),
        StatusCode::UNPROCESSABLE_ENTITY => {
            ("invalid_body", "the JSON body lacks a field or has one of the wrong type")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "send the body as Content-Type: application/json")
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("body_too_large", "the request body is too large"),
        StatusCode::NOT_FOUND => ("not_found", "not found"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "method not allowed for this path"),
        s if s.is_server_error() => ("internal", "internal error"),
        _ => ("bad_request", "the request could not be read"),
    };
    ErrorBody { code, message }
}
