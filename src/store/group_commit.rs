//! Group commit of webhook events: the events of many requests wait here and are written
//! into the inbox by one transaction. On SQLite, whichever write transaction gets the one
//! writer connection next takes the waiting events in: the ingest task's own, or a worker's
//! just before it commits. An acknowledgement then waits for one commit, not for its turn
//! behind the workers' commits. (Not to be confused with `routing::Queue`, the case queues.)

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use tokio::sync::{oneshot, Notify};

use super::{db::Tx, inbox, NewInboxEvent, Pools, Result, Store, StoreError};

/// The most events one transaction takes from the queue.
pub(crate) const MAX_TAKEN_EVENTS: usize = 1024;

/// What a request's events came to: per event, whether it was new; or why nothing was stored.
pub type GroupCommitResult = Result<Vec<bool>, Arc<StoreError>>;

struct Job {
    events: Vec<NewInboxEvent>,
    reply: oneshot::Sender<GroupCommitResult>,
}

/// The requests whose events wait for a commit, oldest first.
#[derive(Default)]
pub(crate) struct GroupCommit {
    jobs: Mutex<VecDeque<Job>>,
    /// Rung when jobs arrive (or come back after a failed transaction).
    pub(crate) ring: Notify,
}

impl GroupCommit {
    pub(crate) fn push(&self, events: Vec<NewInboxEvent>) -> oneshot::Receiver<GroupCommitResult> {
        let (reply, answer) = oneshot::channel();
        self.jobs.lock().expect("queue lock").push_back(Job { events, reply });
        self.ring.notify_one();
        answer
    }

    /// Takes nothing (for a transaction that must not take jobs in).
    pub(crate) fn take_none(self: &Arc<Self>) -> Taken {
        Taken { jobs: Vec::new(), queue: self.clone() }
    }

    /// Takes whole jobs from the front, up to about `MAX_TAKEN_EVENTS` events.
    pub(crate) fn take(self: &Arc<Self>) -> Taken {
        let mut jobs = Vec::new();
        let mut total = 0;
        let mut queue = self.jobs.lock().expect("queue lock");
        while total < MAX_TAKEN_EVENTS {
            match queue.pop_front() {
                Some(job) => {
                    total += job.events.len();
                    jobs.push(job);
                }
                None => break,
            }
        }
        Taken { jobs, queue: self.clone() }
    }
}

/// Jobs taken into a transaction. Answered once it commits; given back to the front of the
/// queue if it does not (dropped unanswered), so a failed worker transaction costs the
/// webhook nothing but a retry by the ingest task.
pub(crate) struct Taken {
    jobs: Vec<Job>,
    queue: Arc<GroupCommit>,
}

impl Taken {
    pub(crate) fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    pub(crate) fn events(&self) -> Vec<&NewInboxEvent> {
        self.jobs.iter().flat_map(|j| j.events.iter()).collect()
    }

    /// The transaction committed; `fresh` has one flag per event of `events()`.
    pub(crate) fn committed(mut self, fresh: Vec<bool>) {
        let mut rest = fresh.as_slice();
        for job in std::mem::take(&mut self.jobs) {
            let (mine, tail) = rest.split_at(job.events.len().min(rest.len()));
            rest = tail;
            let _ = job.reply.send(Ok(mine.to_vec()));
        }
    }

    /// Storing failed: every waiting request is told.
    pub(crate) fn failed(mut self, e: StoreError) {
        let e = Arc::new(e);
        for job in std::mem::take(&mut self.jobs) {
            let _ = job.reply.send(Err(e.clone()));
        }
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        if self.jobs.is_empty() {
            return;
        }
        let mut queue = self.queue.jobs.lock().expect("queue lock");
        for job in std::mem::take(&mut self.jobs).into_iter().rev() {
            queue.push_front(job);
        }
        drop(queue);
        self.queue.ring.notify_one();
    }
}

/// Waiting events taken into a worker's transaction (`Store::take_in_waiting_events`):
/// acknowledged once it commits, given back to the queue otherwise.
pub(crate) struct TakenIn {
    taken: Taken,
    /// Per event, whether it was new; `None` if they could not be written.
    written: Option<Vec<bool>>,
}

impl TakenIn {
    /// The transaction committed: answers the requests whose events it took in.
    pub(crate) fn acknowledge(self) {
        if let Some(fresh) = self.written {
            self.taken.committed(fresh);
        }
        // Otherwise dropping `taken` gives the jobs back to the queue.
    }
}

impl Store {
    /// Queues webhook events for the next commit (group commit across requests): the
    /// answer comes once they are stored, from `flush_queued_inbox` or, on SQLite, from a
    /// worker's transaction that took them in.
    pub fn queue_inbox(&self, events: Vec<NewInboxEvent>) -> oneshot::Receiver<GroupCommitResult> {
        self.group_commit.push(events)
    }

    /// Resolves when events have been queued since the last call.
    pub async fn inbox_queued(&self) {
        self.group_commit.ring.notified().await
    }

    /// Writes queued events in one transaction and answers their requests. The queue is
    /// read once the writer connection is ours, so whatever arrived meanwhile is taken in.
    /// Returns how many events it took (0: none were waiting).
    pub async fn flush_queued_inbox(&self, now: i64) -> usize {
        let mut tx = match self.begin().await {
            Ok(tx) => tx,
            Err(e) => {
                self.group_commit.take().failed(e);
                return 0;
            }
        };
        let taken = self.group_commit.take();
        if taken.is_empty() {
            return 0;
        }
        let events = taken.events();
        let n = events.len();
        let result = match inbox::insert(&mut tx, &events, now).await {
            Ok(fresh) => tx.commit().await.map(|()| fresh),
            Err(e) => Err(e),
        };
        match result {
            Ok(fresh) => taken.committed(fresh),
            Err(e) => taken.failed(e),
        }
        n
    }

    /// On SQLite, a worker's transaction takes in the webhook events waiting for a commit,
    /// in a savepoint: if they cannot be written, the worker's own writes still commit and
    /// the events go back to the queue. On PostgreSQL the ingest task's own transaction
    /// runs beside the workers', so nothing is taken. Acknowledge after the commit.
    pub(crate) async fn take_in_waiting_events(&self, tx: &mut Tx<'_>, now: i64) -> Result<TakenIn> {
        let taken = match self.pools {
            Pools::Sqlite { .. } => self.group_commit.take(),
            Pools::Postgres(_) => self.group_commit.take_none(),
        };
        let mut written = None;
        if !taken.is_empty() {
            let events = taken.events();
            let mut savepoint = tx.savepoint().await?;
            if let Ok(fresh) = inbox::insert(&mut savepoint, &events, now).await {
                savepoint.commit().await?;
                written = Some(fresh);
            }
        }
        Ok(TakenIn { taken, written })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(keys: &[&str]) -> Vec<NewInboxEvent> {
        keys.iter()
            .map(|k| NewInboxEvent {
                event_key: (*k).into(),
                chat_key: "U1".into(),
                event_type: "message".into(),
                event_ts: 1,
                is_redelivery: false,
                raw: "{}".into(),
                stale: false,
            })
            .collect()
    }

    #[tokio::test]
    async fn each_request_gets_its_own_flags_once_committed() {
        let q = Arc::new(GroupCommit::default());
        let a = q.push(events(&["a", "b"]));
        let b = q.push(events(&["c"]));
        let taken = q.take();
        let keys: Vec<&str> = taken.events().iter().map(|e| e.event_key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        taken.committed(vec![true, false, true]);
        assert_eq!(a.await.unwrap().unwrap(), [true, false]);
        assert_eq!(b.await.unwrap().unwrap(), [true]);
    }

    #[tokio::test]
    async fn jobs_of_a_transaction_that_did_not_commit_go_back_to_the_front_in_order() {
        let q = Arc::new(GroupCommit::default());
        let mut a = q.push(events(&["a"]));
        let _b = q.push(events(&["b"]));
        drop(q.take());
        let _c = q.push(events(&["c"]));
        assert!(a.try_recv().is_err(), "not answered: still waiting");
        let again = q.take();
        let keys: Vec<&str> = again.events().iter().map(|e| e.event_key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        again.failed(StoreError::Url("test".into()));
        assert!(a.await.unwrap().is_err());
    }

    #[test]
    fn a_take_stops_at_whole_jobs_near_the_limit() {
        let q = Arc::new(GroupCommit::default());
        let keys: Vec<String> = (0..MAX_TAKEN_EVENTS - 1).map(|i| i.to_string()).collect();
        let _big = q.push(events(&keys.iter().map(String::as_str).collect::<Vec<_>>()));
        let _two = q.push(events(&["x", "y"]));
        let _three = q.push(events(&["z"]));
        let first = q.take();
        assert_eq!(first.events().len(), MAX_TAKEN_EVENTS + 1, "the job that crosses the limit is taken whole");
        first.committed(vec![true; MAX_TAKEN_EVENTS + 1]);
        assert_eq!(q.take().events().len(), 1);
    }
}
