//! Group commit for the webhook: concurrent requests hand their events to one task that
//! writes whatever has queued up in a single transaction, so a burst costs one fsync
//! instead of one per request, and durability is not weakened.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Notify};

use crate::{
    error::AppError,
    store::{NewInboxEvent, Store, StoreError},
    worker::now_ms,
};

/// The most events written in one transaction.
const MAX_BATCH_EVENTS: usize = 1024;

type Reply = oneshot::Sender<Result<Vec<bool>, Arc<StoreError>>>;

#[derive(Clone)]
pub struct Ingest {
    tx: mpsc::Sender<(Vec<NewInboxEvent>, Reply)>,
}

impl Ingest {
    /// Starts the writer task. It ends when every `Ingest` handle is dropped, after the
    /// last queued batch is written, so a graceful shutdown acknowledges nothing unstored.
    pub fn spawn(store: Store, wake_inbox: Arc<Notify>) -> (Self, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(4096);
        let handle = tokio::spawn(run(store, wake_inbox, rx));
        (Ingest { tx }, handle)
    }

    /// Stores `events`; returns once they are committed, with `true` for each new event.
    pub async fn submit(&self, events: Vec<NewInboxEvent>) -> Result<Vec<bool>, AppError> {
        let (reply, answer) = oneshot::channel();
        self.tx.send((events, reply)).await.map_err(|_| AppError::Unavailable("shutting down"))?;
        match answer.await {
            Ok(Ok(fresh)) => Ok(fresh),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "storing webhook events failed");
                // Not acknowledged: LINE keeps the events and, with redelivery on, retries.
                Err(AppError::Unavailable("could not store events"))
            }
            Err(_) => Err(AppError::Unavailable("shutting down")),
        }
    }
}

async fn run(store: Store, wake_inbox: Arc<Notify>, mut rx: mpsc::Receiver<(Vec<NewInboxEvent>, Reply)>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        let mut total = jobs[0].0.len();
        while total < MAX_BATCH_EVENTS {
            match rx.try_recv() {
                Ok(job) => {
                    total += job.0.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let mut all = Vec::with_capacity(total);
        let mut waiters = Vec::with_capacity(jobs.len());
        for (events, reply) in jobs {
            waiters.push((events.len(), reply));
            all.extend(events);
        }
        match store.insert_inbox(&all, now_ms()).await {
            Ok(fresh) => {
                let mut rest = fresh.as_slice();
                for (n, reply) in waiters {
                    let (mine, tail) = rest.split_at(n);
                    rest = tail;
                    let _ = reply.send(Ok(mine.to_vec()));
                }
                wake_inbox.notify_one();
            }
            Err(e) => {
                let e = Arc::new(e);
                for (_, reply) in waiters {
                    let _ = reply.send(Err(e.clone()));
                }
            }
        }
    }
}
