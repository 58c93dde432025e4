//! Background work: group-committing webhook events (`ingest`), handling inbox events in
//! order per chat (`inbox`), delivering outbox rows to LINE (`outbox`), keeping their
//! leases alive (`lease`), re-sending and escalating unacknowledged alerts (`alerts`). Every
//! task stops on the one shutdown token.

pub mod alerts;
pub mod checkpoint;
pub mod inbox;
pub mod ingest;
pub mod lease;
pub mod outbox;
pub mod purge;

use std::time::Duration;

/// Exponential backoff with "equal jitter": half the delay fixed, half random, so retries
/// from many rows don't arrive at LINE in lockstep. `attempt` starts at 1.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
    let capped = exp.min(max);
    let half = capped / 2;
    half + Duration::from_millis(fastrand::u64(0..=half.as_millis() as u64))
}

/// A name for this process's leases, unique across instances and restarts.
pub fn lease_owner() -> String {
    format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_stays_capped_and_jitters_within_bounds() {
        let base = Duration::from_secs(1);
        let max = Duration::from_secs(300);
        for attempt in 1..=30 {
            let nominal = base.saturating_mul(1 << (attempt - 1).min(20)).min(max);
            for _ in 0..20 {
                let d = backoff(attempt, base, max);
                assert!(d >= nominal / 2 && d <= nominal, "attempt {attempt}: {d:?}");
            }
        }
        assert!(backoff(30, base, max) <= max);
    }
}
