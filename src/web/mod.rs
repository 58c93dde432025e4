//! HTTP: the LINE webhook, health and metrics, the staff dashboard and its JSON API, and
//! (in local mode) the simulator.

pub mod api;
pub mod error;
pub mod health;
pub mod requests;
pub mod simulator;
pub mod staff;
pub mod webhook;

use axum::{
    http::{header, HeaderValue, Request},
    response::Response,
    Router,
};
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{app::AppState, web::error::AppError};

/// Sent when the dashboard is served over HTTPS: browsers then refuse plain HTTP to this
/// host for a year (RFC 6797, HTTP Strict Transport Security). Without `includeSubDomains`:
/// the city's other hosts are not ours to decide for.
pub const HSTS: &str = "max-age=31536000";

/// The service's routes. Spans carry the request id, method and path; never a body.
pub fn router(state: AppState) -> Router {
    let https = state.staff.secure_cookies;
    let trace = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::info_span!("http", request_id = %id, method = %req.method(), path = %req.uri().path())
    });
    Router::new()
        .merge(webhook::router())
        .merge(health::router())
        .merge(staff::router())
        .merge(api::router())
        .with_state(state)
        .layer(axum::middleware::map_response(move |mut res: Response| async move {
            if https {
                res.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
            }
            res
        }))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Staff names by id (assignees, history).
pub(crate) async fn staff_names(state: &AppState) -> Result<staff::views::Names, AppError> {
    Ok(state.store.list_staff().await?.into_iter().map(|s| (s.id, s.name)).collect())
}
