//! The simulated residents: what they send in each phase, and the tracker that pairs each
//! reply the fake platform accepted with the event that caused it.

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use frontdesk::line::fake::FakeLine;
use tokio::sync::broadcast::error::RecvError;

use crate::{DRAIN_QUIET, DRAIN_TIMEOUT, TEXTS};

/// Counts the replies the fake accepted and pairs each with the event that caused it.
#[derive(Default)]
pub struct Tracker {
    delivered: AtomicU64,
    pub lagged: AtomicU64,
    failures: AtomicU64,
    state: Mutex<TrackState>,
}

#[derive(Default)]
pub struct TrackState {
    /// Per resident, when each event still waiting for its reply was sent.
    pending: HashMap<String, VecDeque<Instant>>,
    e2e: Vec<Duration>,
    last_delivery: Option<Instant>,
}

impl Tracker {
    pub fn start(fake: &FakeLine) -> Arc<Tracker> {
        let (tracker, mut rx) = (Arc::new(Tracker::default()), fake.subscribe());
        let t = tracker.clone();
        tokio::spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(delivered) => {
                        let now = Instant::now();
                        let mut s = t.state.lock().unwrap();
                        if let Some(sent) = s.pending.get_mut(&delivered.chat_id).and_then(VecDeque::pop_front) {
                            s.e2e.push(now - sent);
                        }
                        s.last_delivery = Some(now);
                        t.delivered.fetch_add(1, Relaxed);
                    }
                    // Missed deliveries still count; their latencies are lost (reported).
                    Err(RecvError::Lagged(n)) => {
                        t.delivered.fetch_add(n, Relaxed);
                        t.lagged.fetch_add(n, Relaxed);
                    }
                    Err(RecvError::Closed) => break,
                }
            }
        });
        tracker
    }

    /// Waits until `target` replies arrived since `base`, or none came for `DRAIN_QUIET`, or
    /// `DRAIN_TIMEOUT`; returns (replies, the last one's time, end-to-end latencies).
    pub async fn drain(&self, base: u64, target: u64) -> (u64, Option<Instant>, Vec<Duration>) {
        let started = Instant::now();
        while self.delivered.load(Relaxed) - base < target && started.elapsed() < DRAIN_TIMEOUT {
            let last = self.state.lock().unwrap().last_delivery.map_or(started, |l| l.max(started));
            if last.elapsed() > DRAIN_QUIET {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let mut s = self.state.lock().unwrap();
        (self.delivered.load(Relaxed) - base, s.last_delivery, std::mem::take(&mut s.e2e))
    }
}

/// The simulated residents and what they send.
#[derive(Clone)]
pub struct Load {
    pub fake: FakeLine,
    pub tracker: Arc<Tracker>,
    pub users: Arc<Vec<String>>,
}

impl Load {
    /// Sends event `i`: a text from resident `i mod users`; its ack latency if answered 200.
    pub async fn send(&self, i: usize) -> Option<Duration> {
        let user = &self.users[i % self.users.len()];
        let event = self.fake.text_event(user, TEXTS[i % TEXTS.len()]);
        let sent = Instant::now();
        self.tracker.state.lock().unwrap().pending.entry(user.clone()).or_default().push_back(sent);
        let problem = match self.fake.send_events(vec![event]).await {
            Ok(r) if r.status == 200 => return Some(r.elapsed),
            Ok(r) => format!("answered {}", r.status),
            Err(e) => e.to_string(),
        };
        if self.tracker.failures.fetch_add(1, Relaxed) < 5 {
            eprintln!("webhook {problem} (only the first 5 failures are shown)");
        }
        // No reply will come: forget the event so later replies pair with the right sends.
        if let Some(q) = self.tracker.state.lock().unwrap().pending.get_mut(user) {
            q.retain(|t| *t != sent);
        }
        None
    }

    /// Phase 1: one event every `1/rate` s, each from its own task (open loop).
    pub async fn open_loop(&self, rate: u64, secs: u64) -> Phase {
        let (base, started) = (self.tracker.delivered.load(Relaxed), Instant::now());
        let period = Duration::from_secs_f64(1.0 / rate as f64);
        let mut lag = Duration::ZERO;
        let mut tasks = Vec::with_capacity((rate * secs) as usize);
        for i in 0..(rate * secs) as usize {
            let due = started + period.mul_f64(i as f64);
            tokio::time::sleep_until(due.into()).await;
            lag = lag.max(due.elapsed());
            let load = self.clone();
            tasks.push(tokio::spawn(async move { load.send(i).await }));
        }
        let offered = tasks.len() as f64 / started.elapsed().as_secs_f64();
        let mut results = Vec::with_capacity(tasks.len());
        for t in tasks {
            results.push(t.await.ok().flatten());
        }
        Phase { offered, max_schedule_lag: lag, ..self.finish(base, results, started).await }
    }

    /// Phase 2: `count` events from `concurrency` senders, each sending once its last is acked.
    pub async fn closed_loop(&self, count: u64, concurrency: u64) -> Phase {
        let (base, started) = (self.tracker.delivered.load(Relaxed), Instant::now());
        let next = Arc::new(AtomicUsize::new(0));
        let senders: Vec<_> = (0..concurrency)
            .map(|_| {
                let (load, next) = (self.clone(), next.clone());
                tokio::spawn(async move {
                    let mut results = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Relaxed);
                        if i as u64 >= count {
                            return results;
                        }
                        results.push(load.send(i).await);
                    }
                })
            })
            .collect();
        let mut results = Vec::with_capacity(count as usize);
        for s in senders {
            results.extend(s.await.unwrap_or_default());
        }
        self.finish(base, results, started).await
    }

    /// Collects the acks, then waits for the replies to the acknowledged events.
    pub async fn finish(&self, base: u64, results: Vec<Option<Duration>>, started: Instant) -> Phase {
        let sending = started.elapsed();
        let sent = results.len() as u64;
        let mut acks: Vec<Duration> = results.into_iter().flatten().collect();
        acks.sort_unstable();
        let (delivered, last, mut e2e) = self.tracker.drain(base, acks.len() as u64).await;
        e2e.sort_unstable();
        Phase {
            errors: sent - acks.len() as u64,
            sent,
            delivered,
            acks,
            e2e,
            wall: last.filter(|l| *l > started).map_or(sending, |l| l - started),
            sending,
            offered: 0.0,
            max_schedule_lag: Duration::ZERO,
            cpu: [0.0; 3],
            cpu_window: Duration::ZERO,
            written: None,
            histograms: Default::default(),
        }
    }
}

/// What one phase measured.
pub struct Phase {
    pub sent: u64,
    pub errors: u64,
    pub delivered: u64,
    /// Sorted ack latencies of the events answered 200.
    pub acks: Vec<Duration>,
    /// Sorted end-to-end latencies (sent → reply received by the fake).
    pub e2e: Vec<Duration>,
    /// First send → last reply (or the end of sending if none came).
    pub wall: Duration,
    pub sending: Duration,
    /// The rate events were sent at (open loop only).
    pub offered: f64,
    pub max_schedule_lag: Duration,
    /// CPU seconds used during the phase: [the service, this process, the whole machine].
    pub cpu: [f64; 3],
    pub cpu_window: Duration,
    /// Bytes the service wrote to storage during the phase (`/proc/<pid>/io`), if readable.
    pub written: Option<u64>,
    pub histograms: [String; 3],
}
