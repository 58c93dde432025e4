//! The crate's clock: wall-clock milliseconds since the Unix epoch, the unit of every stored
//! timestamp, and a `Clock` that tests can set so that time limits are tested without
//! waiting.

use std::{
    sync::{
        atomic::{AtomicI64, Ordering},
        Arc, Mutex,
    },
    time::{SystemTime, UNIX_EPOCH},
};

/// Wall-clock milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// The wall clock, until a test sets a time of its own.
#[derive(Default)]
pub struct Clock {
    set: Mutex<Option<Arc<AtomicI64>>>,
}

impl Clock {
    /// Milliseconds since the Unix epoch: the wall clock's, or the time a test set.
    pub fn now(&self) -> i64 {
        match &*self.set.lock().unwrap_or_else(|p| p.into_inner()) {
            Some(c) => c.load(Ordering::SeqCst),
            None => now_ms(),
        }
    }

    /// For tests: the time is read from `time` from now on.
    pub fn set(&self, time: Arc<AtomicI64>) {
        *self.set.lock().unwrap_or_else(|p| p.into_inner()) = Some(time);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_goes_by_the_wall_until_a_test_sets_it() {
        let clock = Clock::default();
        let before = now_ms();
        let read = clock.now();
        assert!(read >= before && read <= now_ms());
        let time = Arc::new(AtomicI64::new(1_000));
        clock.set(time.clone());
        assert_eq!(clock.now(), 1_000);
        time.store(5_000, Ordering::SeqCst);
        assert_eq!(clock.now(), 5_000);
    }
}
