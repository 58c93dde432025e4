//! `POST /webhook`: verify LINE's signature on the raw bytes, store every event in the
//! inbox (group-committed), then answer 200. Handling happens later, in `worker::inbox`.
//!
//! LINE records a timeout after 2 s and may redeliver (LINE Developers, "Check webhook error
//! statistics": `request_timeout`; "Receiving messages", webhook redelivery), so nothing slow
//! happens here: no LINE calls, no conversation logic.

use std::time::Instant;

use axum::{body::Bytes, extract::State, http::HeaderMap, routing::post, Router};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::{
    app::AppState,
    ids::ChatId,
    line::{signature, webhook},
    metrics::Metrics,
    store::NewInboxEvent,
    web::error::AppError,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/webhook", post(receive))
}

async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<&'static str, AppError> {
    let started = Instant::now();
    let m = &state.metrics;
    let sig = headers.get("x-line-signature").map(|v| v.as_bytes());
    if let Err(e) = signature::verify(state.channel_secret.expose_secret().as_bytes(), &body, sig) {
        Metrics::inc(&m.webhook_rejected_signature);
        // Operators need this to fix a wrong secret or a proxy that rewrites bodies.
        tracing::warn!(reason = %e, "webhook refused: bad signature");
        return Err(AppError::Unauthorized("invalid signature"));
    }
    let request = webhook::parse_body(&body).map_err(|e| {
        Metrics::inc(&m.webhook_rejected_body);
        tracing::warn!(error = %e, "webhook refused: body is not a LINE callback");
        AppError::BadRequest("body is not a LINE webhook request")
    })?;
    if request.events.is_empty() {
        // LINE's "Verify" request: no events, expects 200.
        m.webhook_ack.observe(started.elapsed());
        return Ok("OK");
    }
    let cutoff = crate::clock::now_ms() - state.replay_window_ms;
    let events: Vec<NewInboxEvent> = request.events.iter().map(|raw| to_inbox_event(raw.get(), cutoff)).collect();
    let stale: Vec<bool> = events.iter().map(|e| e.stale).collect();
    let fresh = state.ingest.submit(events).await?;
    for (new, stale) in fresh.iter().zip(stale) {
        Metrics::inc(match (new, stale) {
            (false, _) => &m.events_duplicate,
            (true, false) => &m.events_received,
            (true, true) => &m.events_stale,
        });
    }
    m.webhook_ack.observe(started.elapsed());
    Ok("OK")
}

/// Keys and orders an event; anything the model cannot read is still stored, to be skipped.
///
/// An event that happened before `cutoff` (the de-duplication window, `[retention]
/// inbox_days`) is stored as skipped: its first delivery's row may have been purged, so a
/// signed body captured then and sent again now would otherwise be handled again, re-opening
/// cases and alerts. LINE's own redeliveries come within hours. An event without a
/// timestamp cannot be dated and is treated the same.
fn to_inbox_event(raw: &str, cutoff: i64) -> NewInboxEvent {
    let parsed = webhook::parse_event(raw).ok();
    let meta = parsed.as_ref().map(|e| &e.meta);
    let event_key = match meta.and_then(|m| m.webhook_event_id.as_deref()) {
        Some(id) if !id.is_empty() => id.to_owned(),
        // Older-shape events have no webhookEventId: the same bytes are the same event.
        _ => format!("sha256:{:x}", Sha256::digest(raw.as_bytes())),
    };
    let chat_key = meta
        .and_then(|m| m.source.as_ref())
        .and_then(|s| s.chat_id())
        .map(ChatId::into_string)
        .unwrap_or_else(|| format!("event:{event_key}"));
    NewInboxEvent {
        chat_key,
        event_type: meta.map(|m| m.type_name.clone()).unwrap_or_else(|| "invalid".to_owned()),
        event_ts: meta.map(|m| m.timestamp).unwrap_or(0),
        stale: meta.map(|m| m.timestamp).unwrap_or(0) < cutoff,
        is_redelivery: meta.map(|m| m.is_redelivery).unwrap_or(false),
        raw: raw.to_owned(),
        event_key,
    }
}
