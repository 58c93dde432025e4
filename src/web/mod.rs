//! HTTP: the LINE webhook, health and metrics, the staff dashboard and its JSON API, and
//! (in local mode) the simulator.

pub mod api;
pub mod health;
pub mod simulator;
pub mod staff;
pub mod webhook;

use axum::{http::Request, Router};
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{app::AppState, error::AppError};

/// The service's routes. Spans carry the request id, method and path; never a body.
pub fn router(state: AppState) -> Router {
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
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Staff names by id (assignees, history).
pub(crate) async fn staff_names(state: &AppState) -> Result<staff::views::Names, AppError> {
    Ok(state.store.list_staff().await?.into_iter().map(|s| (s.id, s.name)).collect())
}
