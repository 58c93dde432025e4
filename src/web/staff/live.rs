//! Server-sent events: a page's stream says "something you show changed", and the page
//! re-reads its fragment (with its own session and access checks). No case content goes
//! through the stream. Every stream ends on the service's shutdown token.

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::{Path, State},
    response::sse::{Event, KeepAlive, Sse},
    routing::get,
    Router,
};
use futures_util::{stream, Stream};
use tokio::sync::broadcast::error::RecvError;

use super::auth::Staff;
use crate::{app::AppState, error::AppError, live::Change};

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/events", get(queue_events)).route("/staff/cases/{number}/events", get(case_events))
}

/// Which changes a stream passes on.
#[derive(Clone)]
enum Watch {
    /// Any case (the queue page).
    Cases,
    /// One case, or its resident's chat (delivery states).
    Case { number: String, chat: String },
}

impl Watch {
    fn wants(&self, c: &Change) -> bool {
        match self {
            Watch::Cases => c.case.is_some(),
            Watch::Case { number, chat } => {
                c.case.as_deref() == Some(number.as_str()) || c.chat.as_deref() == Some(chat.as_str())
            }
        }
    }
}

async fn queue_events(
    State(state): State<AppState>,
    _staff: Staff,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    stream_of(&state, Watch::Cases)
}

async fn case_events(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let c = state.desk.case(&staff.actor, &number).await?;
    Ok(stream_of(&state, Watch::Case { number: c.number, chat: c.user_id }))
}

fn stream_of(state: &AppState, watch: Watch) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.desk.live.subscribe();
    let shutdown = state.shutdown.clone();
    let events = stream::unfold((rx, watch, shutdown), |(mut rx, watch, shutdown)| async move {
        loop {
            let got = tokio::select! {
                _ = shutdown.cancelled() => return None,
                got = rx.recv() => got,
            };
            match got {
                Ok(c) if watch.wants(&c) => {
                    let e = Event::default().event("change").data(c.case.clone().unwrap_or_default());
                    return Some((Ok(e), (rx, watch, shutdown)));
                }
                Ok(_) => continue,
                // Fell behind: the page re-reads everything anyway.
                Err(RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("change").data("")), (rx, watch, shutdown)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
