//! Failed-login limits: per account name and per client address, in memory.

use std::{collections::HashMap, sync::Mutex};

/// Failed logins per account name and per client address, in memory (per instance).
pub struct LoginLimiter {
    attempts: u32,
    window_ms: i64,
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl LoginLimiter {
    pub fn new(attempts: u32, window_minutes: u64) -> Self {
        LoginLimiter { attempts, window_ms: window_minutes as i64 * 60_000, failures: Mutex::new(HashMap::new()) }
    }

    /// An address may fail more often than a name: behind a proxy all staff share one.
    fn limit(&self, key: &str) -> usize {
        if key.starts_with("addr:") {
            self.attempts as usize * 4
        } else {
            self.attempts as usize
        }
    }

    pub(super) fn blocked(&self, keys: &[String], now: i64) -> bool {
        let mut f = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter().any(|k| {
            let list = f.entry(k.clone()).or_default();
            list.retain(|t| now - t < self.window_ms);
            list.len() >= self.limit(k)
        })
    }

    pub(super) fn fail(&self, keys: &[String], now: i64) {
        let mut f = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if f.len() > 10_000 {
            // Bounded memory under a spray of names: forget the oldest state entirely.
            f.clear();
        }
        for k in keys {
            f.entry(k.clone()).or_default().push(now);
        }
    }

    pub(super) fn clear(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_logins_block_a_name_after_the_limit_and_expire() {
        let l = LoginLimiter::new(3, 15);
        let keys = ["name:tanaka".to_owned(), "addr:127.0.0.1".to_owned()];
        for _ in 0..3 {
            assert!(!l.blocked(&keys, 1_000));
            l.fail(&keys, 1_000);
        }
        assert!(l.blocked(&keys, 2_000));
        // Another name from the same address is not yet blocked (the address allows 12).
        assert!(!l.blocked(&["name:sato".to_owned(), "addr:127.0.0.1".to_owned()], 2_000));
        // After the window the name may try again.
        assert!(!l.blocked(&keys, 1_000 + 15 * 60_000));
    }
}
