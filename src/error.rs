//! `AppError`: the one error type HTTP handlers return. Client errors carry safe text;
//! anything else is an opaque 500, logged once here.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::{
    casework::{service::DeskError, CaseworkError},
    store::StoreError,
};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
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

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, text) = match &self {
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, *m),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, *m),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, *m),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found"),
            AppError::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, *m),
            AppError::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, *m),
            AppError::Store(e) => {
                // Logged once, here; the client learns nothing about the cause.
                tracing::error!(error = %e, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        };
        (status, text).into_response()
    }
}
