//! What a run prints: each phase's latencies, throughput, CPU and memory, the service's own
//! histograms, and a markdown row for the README's benchmark table.

use std::time::Duration;

use crate::{load::Phase, Options};

/// Everything measured on one running service.
pub struct Report {
    pub open: Phase,
    pub burst: Phase,
    pub rss_start_kb: u64,
    pub rss_sampled_kb: u64,
    pub hwm_kb: u64,
    /// Replies the observer missed (counted, but the end-to-end pairing may be off).
    pub lagged: u64,
    pub outbox_sent: Vec<String>,
    pub threads: String,
}

/// One histogram's growth between two `/metrics` texts: count, mean and bucket bounds of p50/p99.
pub fn histogram_summary(before: &str, after: &str, name: &str) -> String {
    let read = |text: &str| {
        let (mut buckets, mut sum, mut count) = (Vec::new(), 0.0, 0.0);
        for (key, value) in text.lines().filter_map(|l| l.strip_prefix(name)?.rsplit_once(' ')) {
            let value: f64 = value.parse().unwrap_or(0.0);
            if let Some(le) = key.strip_prefix("_bucket{le=\"").and_then(|k| k.strip_suffix("\"}")) {
                buckets.push((le.parse::<f64>().unwrap_or(f64::INFINITY), value));
            } else if key == "_sum" {
                sum = value;
            } else if key == "_count" {
                count = value;
            }
        }
        (buckets, sum, count)
    };
    let ((b0, s0, c0), (b1, s1, c1)) = (read(before), read(after));
    let count = c1 - c0;
    if count <= 0.0 || b0.len() != b1.len() {
        return "no observations".to_owned();
    }
    let last_finite = b1.iter().rev().find(|(le, _)| le.is_finite()).map_or(0.0, |(le, _)| *le);
    let bound = |q: f64| match b1.iter().zip(&b0).find(|((_, n1), (_, n0))| n1 - n0 >= q * count) {
        Some(((le, _), _)) if le.is_finite() => format!("≤ {} ms", le * 1e3),
        _ => format!("> {} ms", last_finite * 1e3),
    };
    format!("n = {count}, mean {:.2} ms, p50 {}, p99 {}", (s1 - s0) / count * 1e3, bound(0.5), bound(0.99))
}

/// The value at quantile `q` of sorted samples.
pub fn pct(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
    sorted.get(i.min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// "p50 / p99" of sorted samples.
pub fn p50_p99(sorted: &[Duration]) -> String {
    format!("{} / {}", ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)))
}

pub fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

pub fn row(label: &str, value: String) {
    println!("  {label:<34}{value}");
}

impl Phase {
    pub fn per_second(&self) -> f64 {
        self.delivered as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// The lines both phases have.
    pub fn print_common(&self, cores: usize) {
        row("sent / errors / replies", format!("{} / {} / {}", self.sent, self.errors, self.delivered));
        row("end-to-end p50 / p99", p50_p99(&self.e2e));
        let share = self.cpu.map(|secs| secs / self.cpu_window.as_secs_f64() / cores as f64 * 100.0);
        let window = self.cpu_window.as_secs_f64();
        let [service, this, machine] = share;
        row(
            "CPU: service / loadgen / machine",
            format!("{service:.0} / {this:.0} / {machine:.0} % over {window:.1} s"),
        );
        // PostgreSQL writes in its own server process: nothing to see here.
        if let Some(bytes) = self.written.filter(|b| *b > 0) {
            let per_event = bytes as f64 / self.sent.max(1) as f64 / 1024.0;
            row("service disk writes", format!("{:.1} MB, {per_event:.1} kB per event", bytes as f64 / 1e6));
        }
        println!("  service histograms (bucket upper bounds):");
        self.histograms.iter().for_each(|h| println!("    {h}"));
    }
}

impl Report {
    pub fn print(&self, o: &Options, cores: usize, backend: &str, exit: &str) {
        let (p1, p2) = (&self.open, &self.burst);
        let check = |ok: bool| if ok { "  ✓ target met" } else { "  ✗ target missed" };
        let acked = (p1.acks.len() + p2.acks.len()) as u64;
        let (errors, missing) = (p1.errors + p2.errors, acked.saturating_sub(p1.delivered + p2.delivered));
        println!("\n== frontdesk load test: {backend}, {cores} cores, {} residents ==", o.users);
        println!("phase 1: open loop, {} events/s offered for {} s", o.rate, o.seconds);
        let lag = ms(p1.max_schedule_lag);
        row("offered rate achieved", format!("{:.0} events/s (max schedule lag {lag})", p1.offered));
        let ok = pct(&p1.acks, 0.99) < Duration::from_millis(10);
        row("ack p50 / p99 / max", format!("{} / {}{}", p50_p99(&p1.acks), ms(pct(&p1.acks, 1.0)), check(ok)));
        row("first send → last reply", format!("{:.2} s", p1.wall.as_secs_f64()));
        p1.print_common(cores);
        println!("phase 2: closed loop, {} events from {} concurrent senders", o.burst, o.concurrency);
        let acked_rate = p2.acks.len() as f64 / p2.sending.as_secs_f64();
        row("acked rate", format!("{acked_rate:.0} events/s over {:.2} s", p2.sending.as_secs_f64()));
        let (rate, wall) = (p2.per_second(), p2.wall.as_secs_f64());
        row("end-to-end throughput", format!("{rate:.0} events/s over {wall:.2} s{}", check(rate >= 3000.0)));
        row("ack p50 / p99 / max", format!("{} / {}", p50_p99(&p2.acks), ms(pct(&p2.acks, 1.0))));
        p2.print_common(cores);
        println!("memory (service process)");
        row("RSS at start", mb(self.rss_start_kb));
        row("RSS peak (100 ms samples)", mb(self.rss_sampled_kb));
        row("VmHWM (peak resident)", format!("{}{}", mb(self.hwm_kb), check(self.hwm_kb < 60 * 1024)));
        println!("errors: {errors} webhooks not answered 200, {missing} acknowledged events without a reply");
        if self.lagged > 0 {
            println!("  ({} replies counted without a latency: the observer lagged)", self.lagged);
        }
        println!("service: {exit}");
        self.outbox_sent.iter().for_each(|m| println!("  {m}"));
        println!("  busiest threads (CPU seconds): {}", self.threads);
        println!("\nREADME row:");
        println!(
            "| database | cores | ack p50 / p99 @ {} ev/s | end-to-end ev/s | burst ack p50 / p99 \
             | burst end-to-end p50 / p99 | peak RSS | errors |\n|---|---|---|---|---|---|---|---|",
            o.rate
        );
        println!(
            "| {backend} | {cores} | {} | {rate:.0} | {} | {} | {} | {} |",
            p50_p99(&p1.acks),
            p50_p99(&p2.acks),
            p50_p99(&p2.e2e),
            mb(self.hwm_kb),
            errors + missing
        );
    }
}
