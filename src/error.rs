//! `AppError`: the one error type HTTP handlers return. Client errors carry safe text;
//! anything else is an opaque 500, logged once here.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    BadRequest(&'static str),
    #[error("not found")]
    NotFound,
    #[error("service unavailable: {0}")]
    Unavailable(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, text) = match &self {
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, *m),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, *m),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found"),
            AppError::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, *m),
            AppError::Store(e) => {
                // Logged once, here; the client learns nothing about the cause.
                tracing::error!(error = %e, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        };
        (status, text).into_response()
    }
}
