//! What Linux says about a process (`proc(5)`): memory, CPU seconds, bytes written, threads.

use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

/// A byte counter of `/proc/<pid>/io` (`write_bytes`: what reached the block layer, so
/// the WAL and the checkpoints, not the page-cache copies alone).
pub fn proc_io_bytes(pid: u32, field: &str) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':')?.trim().parse().ok())
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
pub fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// The highest `VmRSS` seen, sampling every 100 ms until `stop`.
pub async fn sample_rss(pid: u32, stop: CancellationToken) -> u64 {
    let (mut peak, mut tick) = (0, tokio::time::interval(Duration::from_millis(100)));
    while !stop.is_cancelled() {
        peak = peak.max(proc_status_kb(pid, "VmRSS").unwrap_or(0));
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.cancelled() => {}
        }
    }
    peak
}

/// utime + stime of a `/proc/.../stat` file, in seconds (USER_HZ is 100 on Linux).
fn stat_seconds(path: &str) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // After the `(comm)` field: utime and stime are the 12th and 13th fields.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()) / 100.0
}

/// CPU seconds used so far: [the service, this process, the whole machine (busy, not idle)].
pub fn cpu_seconds(pid: u32) -> (Instant, [f64; 3]) {
    let machine = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    // `cpu user nice system idle iowait irq softirq steal ...`, in clock ticks.
    let ticks: Vec<f64> = machine
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|v| v.parse().ok())
        .collect();
    let busy = ticks.iter().sum::<f64>() - ticks.get(3..5).map_or(0.0, |idle| idle.iter().sum());
    (Instant::now(), [stat_seconds(&format!("/proc/{pid}/stat")), stat_seconds("/proc/self/stat"), busy / 100.0])
}

/// The service's busiest threads over its life (name/tid: CPU seconds), to see where time goes.
pub fn busiest_threads(pid: u32) -> String {
    let mut threads: Vec<(String, f64)> = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let secs = stat_seconds(&task.path().join("stat").to_string_lossy());
        threads.push((format!("{}/{}", name.trim(), task.file_name().to_string_lossy()), secs));
    }
    threads.sort_by(|a, b| b.1.total_cmp(&a.1));
    threads.iter().take(6).map(|(name, secs)| format!("{name} {secs:.1} s")).collect::<Vec<_>>().join(", ")
}
