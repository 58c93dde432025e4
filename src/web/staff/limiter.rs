//! Login limits, in memory: a growing delay per account name and per client address,
//! recorded before the password is checked, with keys that expire on their own.
//!
//! Each attempt is counted when it starts (and handed back if the password was right), so
//! concurrent guesses cannot all slip through before the first failure is written. After
//! the free attempts, each further attempt must wait twice as long as the one before
//! (1 s, 2 s, 4 s …) up to a ceiling, counted from the last attempt; a key is forgotten a
//! window after its last attempt. The ceiling is what an attacker who knows a name can
//! make that name wait; a client that signed in as that name before (same address, in the
//! last 30 days) is not delayed by other clients' failures at all: it counts on a key of
//! its own (the "device cookie" idea of OWASP's Authentication Cheat Sheet, with the
//! address in place of a cookie).
//!
//! Hand-written because general rate-limit crates (a token bucket per key) neither count an
//! attempt before its check nor keep a known client apart from a name's other callers.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{atomic::AtomicI64, Arc, Mutex},
};

use crate::clock::Clock;

/// Most keys held at once (about 15 MB, measured); past this, expired keys and keys within their free
/// attempts go first, then the one idle longest.
const MAX_KEYS: usize = 100_000;
/// A name remembers an address it signed in from for this long.
const KNOWN_FOR_MS: i64 = 30 * 24 * 3_600_000;
/// Most remembered (name, address) pairs.
const MAX_KNOWN: usize = 20_000;
/// An address may fail this many times as often as a name: it is shared by every account
/// signing in from one office.
const ADDRESS_FACTOR: u32 = 4;

#[derive(Debug, Clone, Copy)]
struct Entry {
    attempts: u32,
    last: i64,
}

#[derive(Default)]
struct State {
    keys: HashMap<String, Entry>,
    /// `name|address` → when that name last signed in from that address.
    known: HashMap<String, i64>,
}

/// Limits for failed logins, per instance.
pub struct LoginLimiter {
    free: u32,
    window_ms: i64,
    max_delay_ms: i64,
    max_keys: usize,
    state: Mutex<State>,
    /// A clock tests set, so that limits are tested without waiting.
    clock: Clock,
}

/// An attempt let through: the keys it was counted on, to give back if it succeeds.
#[derive(Debug)]
pub struct Attempt {
    keys: Vec<String>,
    known: String,
}

/// Refused: try again after this many milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait(pub i64);

impl Wait {
    /// Whole seconds, rounded up (for `Retry-After`).
    pub fn seconds(self) -> i64 {
        (self.0 + 999) / 1000
    }
}

impl LoginLimiter {
    /// `free` attempts per name (×4 per address) before delays start; keys expire
    /// `window_minutes` after their last attempt; no delay is longer than `max_delay_seconds`.
    pub fn new(free: u32, window_minutes: u64, max_delay_seconds: u64) -> Self {
        LoginLimiter {
            free: free.max(1),
            window_ms: window_minutes as i64 * 60_000,
            max_delay_ms: max_delay_seconds as i64 * 1000,
            max_keys: MAX_KEYS,
            state: Mutex::new(State::default()),
            clock: Clock::default(),
        }
    }

    /// The time the limiter goes by: the wall clock, or the one a test set.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// For tests: the limiter reads the time from `clock` from now on.
    pub fn set_clock(&self, clock: Arc<AtomicI64>) {
        self.clock.set(clock);
    }

    fn free_for(&self, key: &str) -> u32 {
        if key.starts_with("addr:") {
            self.free * ADDRESS_FACTOR
        } else {
            self.free
        }
    }

    /// How long after its last attempt a key with `attempts` must wait.
    fn delay(&self, key: &str, attempts: u32) -> i64 {
        let free = self.free_for(key);
        if attempts < free {
            return 0;
        }
        let doublings = (attempts - free).min(30);
        (1000_i64 << doublings).min(self.max_delay_ms)
    }

    /// The keys an attempt counts on: a client known to this name only on its own pair;
    /// any other on the name and on its address.
    fn keys(&self, st: &State, name: &str, addr: IpAddr, now: i64) -> (Vec<String>, String) {
        let name = name.trim().to_lowercase();
        let known = format!("{name}|{addr}");
        let keys = if st.known.get(&known).is_some_and(|at| now - at < KNOWN_FOR_MS) {
            vec![format!("pair:{known}")]
        } else {
            vec![format!("name:{name}"), format!("addr:{addr}")]
        };
        (keys, known)
    }

    /// Starts a login attempt: refused while any of its keys must wait; otherwise counted
    /// at once, before the password is checked.
    pub fn begin(&self, name: &str, addr: IpAddr, now: i64) -> Result<Attempt, Wait> {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (keys, known) = self.keys(&st, name, addr, now);
        let mut wait = 0;
        for k in &keys {
            if let Some(e) = st.keys.get(k).filter(|e| now - e.last < self.window_ms) {
                wait = wait.max(e.last + self.delay(k, e.attempts) - now);
            }
        }
        if wait > 0 {
            return Err(Wait(wait));
        }
        for k in &keys {
            if !st.keys.contains_key(k) && st.keys.len() >= self.max_keys {
                self.make_room(&mut st, now);
            }
            let window = self.window_ms;
            let e = st.keys.entry(k.clone()).or_insert(Entry { attempts: 0, last: now });
            if now - e.last >= window {
                e.attempts = 0;
            }
            e.attempts += 1;
            e.last = now;
        }
        Ok(Attempt { keys, known })
    }

    /// The password was right: the attempt is given back (the name's or pair's count is
    /// cleared, the address's lowered by one) and the address becomes known to the name.
    pub fn succeeded(&self, attempt: Attempt, now: i64) {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for k in &attempt.keys {
            if k.starts_with("addr:") {
                if let Some(e) = st.keys.get_mut(k) {
                    e.attempts = e.attempts.saturating_sub(1);
                }
            } else {
                st.keys.remove(k);
            }
        }
        if !st.known.contains_key(&attempt.known) && st.known.len() >= MAX_KNOWN {
            st.known.retain(|_, at| now - *at < KNOWN_FOR_MS);
            if st.known.len() >= MAX_KNOWN {
                if let Some(oldest) = st.known.iter().min_by_key(|(_, at)| **at).map(|(k, _)| k.clone()) {
                    st.known.remove(&oldest);
                }
            }
        }
        st.known.insert(attempt.known, now);
    }

    /// Frees places: expired keys and keys still within their free attempts go (they
    /// delay nobody), so a spray of names cannot push out a key that is holding a guesser
    /// back; if every key is delaying someone, the one idle longest goes.
    fn make_room(&self, st: &mut State, now: i64) {
        st.keys.retain(|k, e| now - e.last < self.window_ms && e.attempts >= self.free_for(k));
        if st.keys.len() >= self.max_keys {
            if let Some(oldest) = st.keys.iter().min_by_key(|(_, e)| e.last).map(|(k, _)| k.clone()) {
                st.keys.remove(&oldest);
            }
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.state.lock().map(|s| s.keys.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
