//! Server-sent events: a page's stream says "something you show changed", and the page
//! re-reads its fragment (with its own session and access checks). No case content goes
//! through the stream, and only changes to cases the account may see: a partner's queue
//! page never learns the number of a case it may not see. A stream ends when its session
//! ends (logout, expiry, a disabled account), when its case is no longer visible to it,
//! and on the service's shutdown token.

use std::{collections::HashSet, convert::Infallible, time::Duration};

use axum::{
    extract::{Path, State},
    response::sse::{Event, KeepAlive, Sse},
    routing::get,
    Router,
};
use futures_util::{stream, Stream};
use tokio::{
    sync::broadcast::{self, error::RecvError},
    time::{interval, Interval, MissedTickBehavior},
};
use tokio_util::sync::CancellationToken;

use super::auth::Staff;
use crate::{
    app::AppState,
    casework::{service::access_of, Actor},
    ids::{CaseNumber, ChatId},
    live::Change,
    web::error::AppError,
};

/// How often an idle stream asks whether its session still holds.
const SESSION_CHECK: Duration = Duration::from_secs(5);
/// The most changes read at once before deciding what to tell the page.
const BATCH: usize = 256;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/events", get(queue_events)).route("/staff/cases/{number}/events", get(case_events))
}

/// Which changes a stream passes on.
#[derive(Clone)]
enum Watch {
    /// Any case the account may see (the queue page).
    Cases,
    /// One case, or its resident's chat (delivery states).
    Case { number: CaseNumber, chat: ChatId },
}

impl Watch {
    fn wants(&self, c: &Change) -> bool {
        match self {
            Watch::Cases => c.case.is_some(),
            Watch::Case { number, chat } => c.case.as_ref() == Some(number) || c.chat.as_ref() == Some(chat),
        }
    }
}

async fn queue_events(
    State(state): State<AppState>,
    staff: Staff,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    stream_of(state, staff, Watch::Cases).await
}

async fn case_events(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let c = state.desk.case(&staff.actor, &number.parse()?).await?;
    Ok(stream_of(state, staff, Watch::Case { number: c.number, chat: ChatId::from(c.user_id) }).await)
}

/// One open stream.
struct Open {
    state: AppState,
    staff: Staff,
    watch: Watch,
    rx: broadcast::Receiver<Change>,
    shutdown: CancellationToken,
    check: Interval,
    /// Queue page: the open cases it may be showing (seeded when the stream starts), so
    /// that one which leaves the account's sight (transferred, erased) is taken off the
    /// page at once rather than at the next refresh.
    shown: Option<HashSet<CaseNumber>>,
}

/// What to tell the page, or that the stream is over.
enum Next {
    Tell(String),
    Quiet,
    End,
}

impl Open {
    /// The account as it is now, or `None` when its session has ended.
    async fn signed_in(&self) -> Option<Actor> {
        self.staff.still_signed_in(&self.state).await.ok().flatten()
    }

    /// Whether `actor` may see the case numbered `number` now.
    async fn visible(&self, actor: &Actor, number: &CaseNumber) -> Option<bool> {
        let c = self.state.store.case_to_show(number).await.ok()?;
        Some(c.is_some_and(|c| actor.sees(&access_of(&c))))
    }

    /// Decides on a batch of changes: the number of one the account may see; an empty
    /// change when a case the queue page showed has left its sight; or nothing.
    async fn decide(&mut self, changes: Vec<Change>) -> Next {
        let wanted: Vec<Change> = changes.into_iter().filter(|c| self.watch.wants(c)).collect();
        if wanted.is_empty() {
            return Next::Quiet;
        }
        let Some(actor) = self.signed_in().await else { return Next::End };
        match &self.watch {
            Watch::Case { number, .. } => match self.visible(&actor, number).await {
                Some(true) => Next::Tell(number.to_string()),
                // Transferred away or erased: this page has nothing more to show.
                _ => Next::End,
            },
            Watch::Cases => {
                let mut numbers: Vec<&CaseNumber> = wanted.iter().filter_map(|c| c.case.as_ref()).collect();
                numbers.sort_unstable();
                numbers.dedup();
                let mut tell = None;
                for n in numbers {
                    let visible = self.visible(&actor, n).await == Some(true);
                    let shown = self.shown.get_or_insert_with(HashSet::new);
                    if visible {
                        shown.insert(n.clone());
                        tell = Some(n.to_string());
                    } else if shown.remove(n) {
                        // It left: the page re-reads its rows (the number is not repeated).
                        tell = tell.or(Some(String::new()));
                    }
                }
                tell.map_or(Next::Quiet, Next::Tell)
            }
        }
    }

    /// The open cases the queue page may be showing, as the stream starts.
    async fn seed(&mut self) {
        if !matches!(self.watch, Watch::Cases) {
            return;
        }
        let Some(actor) = self.signed_in().await else { return };
        let open = self.state.store.list_cases(crate::store::CaseListing::Open).await.unwrap_or_default();
        let seen = open.iter().filter(|c| actor.sees(&access_of(c))).map(|c| c.number.clone());
        self.shown = Some(seen.collect());
    }

    /// Waits for the next thing to tell the page.
    async fn next(&mut self) -> Option<Event> {
        loop {
            let got = tokio::select! {
                _ = self.shutdown.cancelled() => return None,
                _ = self.check.tick() => {
                    self.signed_in().await?;
                    continue;
                }
                got = self.rx.recv() => got,
            };
            let first = match got {
                Ok(c) => c,
                // Fell behind: the page re-reads everything anyway (with its own checks).
                Err(RecvError::Lagged(_)) => {
                    self.signed_in().await?;
                    return Some(Event::default().event("change").data(""));
                }
                Err(RecvError::Closed) => return None,
            };
            let mut batch = vec![first];
            while batch.len() < BATCH {
                match self.rx.try_recv() {
                    Ok(c) => batch.push(c),
                    Err(_) => break,
                }
            }
            match self.decide(batch).await {
                Next::Tell(number) => return Some(Event::default().event("change").data(number)),
                Next::Quiet => continue,
                Next::End => return None,
            }
        }
    }
}

async fn stream_of(state: AppState, staff: Staff, watch: Watch) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.desk.live.subscribe();
    let shutdown = state.shutdown.clone();
    let mut check = interval(SESSION_CHECK);
    check.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut open = Open { state, staff, watch, rx, shutdown, check, shown: None };
    // Before the answer: what the page shows is known before any change can arrive.
    open.seed().await;
    let events = stream::unfold(open, |mut open| async move {
        let event = open.next().await?;
        Some((Ok(event), open))
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
