//! Process metrics in the Prometheus text format: plain atomics, no registry crate.
//!
//! Hand-written because a fixed handful of series in the documented text format
//! (Prometheus docs, "Exposition formats") is shorter than a registry crate's setup.

use std::{
    fmt::Write as _,
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    time::Duration,
};

/// Upper bounds (seconds) of the latency histograms' buckets.
const BUCKETS: [f64; 14] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Default)]
pub struct Histogram {
    counts: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            self.counts[i].fetch_add(1, Relaxed);
        }
        self.count.fetch_add(1, Relaxed);
        self.sum_micros.fetch_add(d.as_micros() as u64, Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.count.load(Relaxed)
    }

    fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (bound, c) in BUCKETS.iter().zip(&self.counts) {
            cumulative += c.load(Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "{name}_sum {}", self.sum_micros.load(Relaxed) as f64 / 1e6);
        let _ = writeln!(out, "{name}_count {count}");
    }
}

/// One counter family: its help, its type, and one line per label set.
fn counter(out: &mut String, name: &str, help: &str, labels: &[(&str, &AtomicU64)]) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
    for (label, v) in labels {
        let _ = writeln!(out, "{name}{label} {}", v.load(Relaxed));
    }
}

#[derive(Default)]
pub struct Metrics {
    pub events_received: AtomicU64,
    pub events_duplicate: AtomicU64,
    pub webhook_rejected_signature: AtomicU64,
    pub webhook_rejected_body: AtomicU64,
    pub events_handled: AtomicU64,
    pub events_skipped: AtomicU64,
    pub events_failed: AtomicU64,
    pub events_retried: AtomicU64,
    pub outbox_sent_reply: AtomicU64,
    pub outbox_sent_push: AtomicU64,
    pub outbox_retried: AtomicU64,
    pub outbox_failed: AtomicU64,
    pub outbox_reply_fallbacks: AtomicU64,
    /// LINE's monthly message limit was hit: an operator must act (plan or quota).
    pub line_monthly_limit: AtomicU64,
    /// Webhook events older than the de-duplication window: stored as skipped, not
    /// handled (a captured body replayed). Any is worth a look.
    pub events_stale: AtomicU64,
    /// Case writes refused because the number is another resident's case (never expected:
    /// numbers are reserved). Any is a bug to report.
    pub case_writes_refused: AtomicU64,
    /// Leases of a previous life of this process taken over at start (SQLite).
    pub inbox_leases_recovered: AtomicU64,
    pub outbox_leases_recovered: AtomicU64,
    /// Leases this process holds, as of its last heartbeat (a gauge).
    pub inbox_leases_held: AtomicU64,
    pub outbox_leases_held: AtomicU64,
    /// Alerts of open cases nobody acknowledged yet, and the age of the oldest (seconds),
    /// as of the escalation worker's last round (gauges).
    pub alerts_waiting: AtomicU64,
    pub alerts_oldest_waiting_seconds: AtomicU64,
    /// The name this process's leases carry (`lease_owner` in the database), once workers run.
    pub lease_owner: std::sync::OnceLock<String>,
    pub webhook_ack: Histogram,
    pub event_handling: Histogram,
    pub outbox_delivery: Histogram,
}

impl Metrics {
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Relaxed)
    }

    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        self.render_intake(&mut out);
        self.render_delivery(&mut out);
        self.render_anomalies(&mut out);
        self.render_leases(&mut out);
        self.render_alerts(&mut out);
        self.webhook_ack.render(&mut out, "frontdesk_webhook_ack_seconds", "Time from webhook request to 200.");
        self.event_handling.render(&mut out, "frontdesk_event_handling_seconds", "Time from receipt to handled.");
        self.outbox_delivery.render(&mut out, "frontdesk_outbox_delivery_seconds", "Time from outbox row to delivery.");
        out
    }

    /// Webhook requests and how inbox events ended.
    fn render_intake(&self, out: &mut String) {
        counter(
            out,
            "frontdesk_webhook_events_received_total",
            "Webhook events stored in the inbox.",
            &[("", &self.events_received)],
        );
        counter(
            out,
            "frontdesk_webhook_events_duplicate_total",
            "Webhook events already in the inbox (redelivered or repeated).",
            &[("", &self.events_duplicate)],
        );
        counter(
            out,
            "frontdesk_webhook_requests_rejected_total",
            "Webhook requests refused.",
            &[
                ("{reason=\"signature\"}", &self.webhook_rejected_signature),
                ("{reason=\"body\"}", &self.webhook_rejected_body),
            ],
        );
        counter(
            out,
            "frontdesk_inbox_events_total",
            "Inbox events by how handling ended.",
            &[
                ("{outcome=\"handled\"}", &self.events_handled),
                ("{outcome=\"skipped\"}", &self.events_skipped),
                ("{outcome=\"retried\"}", &self.events_retried),
                ("{outcome=\"failed\"}", &self.events_failed),
            ],
        );
    }

    /// Outbox deliveries and LINE's limits.
    fn render_delivery(&self, out: &mut String) {
        counter(
            out,
            "frontdesk_outbox_sent_total",
            "Outbox rows delivered to LINE.",
            &[("{via=\"reply\"}", &self.outbox_sent_reply), ("{via=\"push\"}", &self.outbox_sent_push)],
        );
        counter(
            out,
            "frontdesk_outbox_retried_total",
            "Delivery attempts that will be retried.",
            &[("", &self.outbox_retried)],
        );
        counter(out, "frontdesk_outbox_failed_total", "Outbox rows given up.", &[("", &self.outbox_failed)]);
        counter(
            out,
            "frontdesk_outbox_reply_fallbacks_total",
            "Replies that fell back to push.",
            &[("", &self.outbox_reply_fallbacks)],
        );
        counter(
            out,
            "frontdesk_line_monthly_limit_reached_total",
            "Pushes refused because the channel's monthly message limit is reached (alert on any).",
            &[("", &self.line_monthly_limit)],
        );
    }

    /// What should never happen: replays, refused case writes, leases left by a killed process.
    fn render_anomalies(&self, out: &mut String) {
        counter(
            out,
            "frontdesk_webhook_events_stale_total",
            "Webhook events older than the de-duplication window ([retention] inbox_days), stored as skipped (replays).",
            &[("", &self.events_stale)],
        );
        counter(
            out,
            "frontdesk_case_writes_refused_total",
            "Case writes refused because the number is another resident's case (alert on any).",
            &[("", &self.case_writes_refused)],
        );
        counter(
            out,
            "frontdesk_leases_recovered_total",
            "Leases left by a killed process, taken over when this one started (SQLite).",
            &[
                ("{queue=\"inbox\"}", &self.inbox_leases_recovered),
                ("{queue=\"outbox\"}", &self.outbox_leases_recovered),
            ],
        );
    }

    /// Leases held, a gauge labelled with this process's lease owner.
    fn render_leases(&self, out: &mut String) {
        let owner = self.lease_owner.get().map(String::as_str).unwrap_or("");
        let _ = writeln!(
            out,
            "# HELP frontdesk_leases_held Inbox events and outbox rows leased to this process at its last heartbeat.\n\
             # TYPE frontdesk_leases_held gauge"
        );
        for (queue, v) in [("inbox", &self.inbox_leases_held), ("outbox", &self.outbox_leases_held)] {
            let _ = writeln!(out, "frontdesk_leases_held{{queue=\"{queue}\",owner=\"{owner}\"}} {}", v.load(Relaxed));
        }
    }
}

impl Metrics {
    /// The escalation worker's view of the alerts waiting for an acknowledgement.
    pub fn set_alerts_waiting(&self, count: u64, oldest_seconds: u64) {
        self.alerts_waiting.store(count, Relaxed);
        self.alerts_oldest_waiting_seconds.store(oldest_seconds, Relaxed);
    }

    /// Alerts waiting for an acknowledgement (gauges; every instance running workers reports
    /// the same database-wide values).
    fn render_alerts(&self, out: &mut String) {
        let gauges = [
            (
                "frontdesk_alerts_unacknowledged",
                "Shelter and emergency alerts of open cases that nobody acknowledged yet.",
                &self.alerts_waiting,
            ),
            (
                "frontdesk_alerts_oldest_unacknowledged_seconds",
                "Age of the oldest unacknowledged alert in seconds (0 when none waits).",
                &self.alerts_oldest_waiting_seconds,
            ),
        ];
        for (name, help, v) in gauges {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {}", v.load(Relaxed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_format_has_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        Metrics::inc(&m.events_received);
        m.webhook_ack.observe(Duration::from_micros(700));
        m.webhook_ack.observe(Duration::from_millis(30));
        let text = m.render();
        assert!(text.contains("frontdesk_webhook_events_received_total 1\n"));
        assert!(text.contains("frontdesk_webhook_ack_seconds_bucket{le=\"0.001\"} 1\n"));
        assert!(text.contains("frontdesk_webhook_ack_seconds_bucket{le=\"0.05\"} 2\n"));
        assert!(text.contains("frontdesk_webhook_ack_seconds_count 2\n"));
    }
}
