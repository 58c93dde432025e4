//! Load generator: drives the real `frontdesk` binary over loopback with signed webhook events
//! from many simulated residents, against the in-process fake LINE platform (`FakeLine`).
//!
//! Run (builds the service optimised, with the bench profile):
//!
//! ```text
//! cargo bench --bench loadgen                          # SQLite in a temporary directory
//! cargo bench --bench loadgen -- --database postgres   # a fresh database on TEST_DATABASE_URL
//! cargo bench --bench loadgen -- --users 1000 --rate 1000 --seconds 10 --burst 30000 --concurrency 64
//! ```
//!
//! The service runs as a child process on 127.0.0.1 with its default settings plus the
//! `[centre] phone` a LINE channel requires (`--config FILE` gives it another settings file).
//! PostgreSQL: a new database on `TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`), dropped at the end. SQLite: a file in a
//! temporary directory (`TMPDIR=/dev/shm` takes the disk out of the picture).
//!
//! What it measures:
//! 1. **Ack latency at a fixed offered rate** (open loop): one single-event webhook every
//!    `1/rate` s for `--seconds`, each sent from its own task so a slow server does not lower
//!    the offered load. Ack = webhook POST → 200, as LINE sees it.
//! 2. **End-to-end throughput** (closed loop): `--burst` events from `--concurrency` senders as
//!    fast as the server acks them; events/s = replies received by the fake ÷ time from the
//!    first send to the last reply.
//! 3. **Memory** of the service process: `VmRSS` sampled every 100 ms and `VmHWM` (peak) from
//!    `/proc/<pid>/status`.
//!
//! After each phase it waits for the replies (until one per acknowledged event, 10 s without
//! any, or 60 s). End-to-end latency pairs the k-th reply to a resident with the k-th event
//! sent to them (events are handled in order per resident; exact when each event is answered
//! once). It also prints the CPU use of the service, of this process and of the whole machine
//! (PostgreSQL and anything else running included), the service's own histograms per phase
//! (from `/metrics`, bucket upper bounds) and its busiest threads, and ends with a markdown
//! table row for the README. The fake platform and this generator run in this process, so on
//! a small machine they share the cores with the service.

use std::{
    collections::{HashMap, VecDeque},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anyhow::{bail, Context as _};
use frontdesk::line::fake::{FakeConfig, FakeLine};
use sqlx::{Connection, Executor, PgConnection};
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;

const SECRET: &str = "3f2a9c41d07b5e68a1c4f0e29b7d3a56";
const TOKEN: &str = "loadgen-channel-access-token";
const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/test";
/// After sending, replies are awaited this long at most, and given up on after this long of silence.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(60);
const DRAIN_QUIET: Duration = Duration::from_secs(10);
/// The service's settings unless `--config` names a file: what a LINE channel requires.
const MINIMAL_CONFIG: &str = "[centre]\nphone = \"0120-000-000\"\n";
const TEXTS: [&str; 6] = [
    "生活保護の申請について相談したいです",
    "Olá, preciso de ajuda com o aluguel e as contas de luz",
    "Xin chào, tôi cần hỗ trợ về nhà ở",
    "Hello, I lost my job and need advice 🙏",
    "子どもの保育園のことで困っています😢",
    "Bom dia! Posso marcar uma consulta?",
];
const LANGS: [Option<&str>; 5] = [Some("ja"), Some("pt-BR"), Some("vi"), Some("en"), None];

struct Options {
    postgres: bool,
    /// The service's settings file (`FRONTDESK_CONFIG`); default `MINIMAL_CONFIG`.
    config: Option<PathBuf>,
    users: u64,
    rate: u64,
    seconds: u64,
    burst: u64,
    concurrency: u64,
}

impl Options {
    /// Known options (`--name value` or `--name=value`); anything else (cargo's `--bench`) is ignored.
    fn parse() -> Options {
        let mut o = Options {
            postgres: false,
            config: None,
            users: 1000,
            rate: 1000,
            seconds: 10,
            burst: 30_000,
            concurrency: 64,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let (key, inline) = match arg.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (arg.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| args.next()).unwrap_or_default();
            let slot = match key.as_str() {
                "--users" => &mut o.users,
                "--rate" => &mut o.rate,
                "--seconds" => &mut o.seconds,
                "--burst" => &mut o.burst,
                "--concurrency" => &mut o.concurrency,
                "--database" => {
                    o.postgres = match value().as_str() {
                        "postgres" | "postgresql" | "pg" => true,
                        "sqlite" => false,
                        other => usage(&format!("--database must be sqlite or postgres, not {other:?}")),
                    };
                    continue;
                }
                "--config" => {
                    o.config = Some(value().into());
                    continue;
                }
                "--help" | "-h" => usage(""),
                _ => continue,
            };
            let v = value();
            *slot = v.parse().ok().filter(|n| *n > 0).unwrap_or_else(|| usage(&format!("{key} {v:?}: not a count")));
        }
        o
    }
}

fn usage(error: &str) -> ! {
    eprintln!("{error}\nusage: cargo bench --bench loadgen -- [--database sqlite|postgres] [--config frontdesk.toml] [--users 1000] [--rate 1000] [--seconds 10] [--burst 30000] [--concurrency 64]");
    std::process::exit(if error.is_empty() { 0 } else { 2 })
}

fn main() -> anyhow::Result<()> {
    let options = Options::parse();
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run(options))
}

async fn run(o: Options) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = tempfile::tempdir()?;
    let db = Database::create(o.postgres, dir.path()).await?;
    let stop = CancellationToken::new();
    let fake = FakeLine::new(FakeConfig {
        channel_secret: SECRET.into(),
        access_token: TOKEN.into(),
        ..FakeConfig::default()
    });
    fake.start(stop.clone()).await?;
    let log = dir.path().join("frontdesk.log");
    let config = o.config.clone().unwrap_or_else(|| dir.path().join("frontdesk.toml"));
    if o.config.is_none() {
        std::fs::write(&config, MINIMAL_CONFIG)?;
    }
    let service = Service::start(&db.url, &fake, &config, &log).await;
    let outcome = match service {
        Ok(service) => {
            let outcome = measure(&o, &fake, &service).await;
            let exit = service.stop().await;
            outcome.map(|report| (report, exit))
        }
        Err(e) => Err(e),
    };
    stop.cancel();
    db.drop().await;
    let service_log = std::fs::read_to_string(&log).unwrap_or_default();
    if !service_log.trim().is_empty() {
        let lines: Vec<&str> = service_log.lines().collect();
        println!("\nservice log (warnings and errors): {} lines, the first and last 3:", lines.len());
        let tail = lines.len().saturating_sub(3).max(3);
        lines.iter().take(3).chain(lines.get(tail..).unwrap_or_default()).for_each(|l| println!("  {l}"));
    }
    let (report, exit) = outcome?;
    report.print(&o, cores, db.backend, &exit);
    Ok(())
}

/// Everything measured on one running service.
struct Report {
    open: Phase,
    burst: Phase,
    rss_start_kb: u64,
    rss_sampled_kb: u64,
    hwm_kb: u64,
    /// Replies the observer missed (counted, but the end-to-end pairing may be off).
    lagged: u64,
    metrics: Vec<String>,
}

async fn measure(o: &Options, fake: &FakeLine, service: &Service) -> anyhow::Result<Report> {
    let users: Arc<Vec<String>> = Arc::new(
        (0..o.users).map(|i| fake.add_user(&format!("resident {i}"), LANGS[i as usize % LANGS.len()])).collect(),
    );
    let tracker = Tracker::start(fake);
    let rss_start_kb = proc_status_kb(service.pid, "VmRSS").unwrap_or(0);
    let sampling = CancellationToken::new();
    let sampler = tokio::spawn(sample_rss(service.pid, sampling.clone()));

    println!("phase 1: {} events/s offered for {} s to {} residents ...", o.rate, o.seconds, o.users);
    let before = service.metrics().await?;
    let cpu = cpu_seconds(service.pid);
    let mut open = open_loop(fake, &tracker, &users, o.rate, o.seconds).await;
    let after_open = service.metrics().await?;
    let cpu_open = cpu_seconds(service.pid);
    println!("phase 2: {} events from {} concurrent senders ...", o.burst, o.concurrency);
    let mut burst = closed_loop(fake, &tracker, &users, o.burst, o.concurrency).await;
    let after_burst = service.metrics().await?;
    let cpu_burst = cpu_seconds(service.pid);
    for (phase, (t0, from), (t1, to)) in [(&mut open, cpu, cpu_open), (&mut burst, cpu_open, cpu_burst)] {
        phase.cpu = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
        phase.cpu_window = t1 - t0;
    }

    sampling.cancel();
    let rss_sampled_kb = sampler.await.unwrap_or(0);
    let hwm_kb = proc_status_kb(service.pid, "VmHWM").unwrap_or(0);
    let mut metrics: Vec<String> =
        after_burst.lines().filter(|l| l.starts_with("frontdesk_outbox_sent_total")).map(str::to_owned).collect();
    for (phase, from, to) in [("phase 1", &before, &after_open), ("phase 2", &after_open, &after_burst)] {
        for name in
            ["frontdesk_webhook_ack_seconds", "frontdesk_event_handling_seconds", "frontdesk_outbox_delivery_seconds"]
        {
            metrics.push(format!("{phase} {name}: {}", histogram_summary(from, to, name)));
        }
    }
    metrics.push(format!("busiest threads (CPU, whole run): {}", busiest_threads(service.pid)));
    let lagged = tracker.lagged.load(Relaxed);
    Ok(Report { open, burst, rss_start_kb, rss_sampled_kb, hwm_kb, lagged, metrics })
}

/// The database the service uses: a SQLite file in the temporary directory, or a fresh
/// PostgreSQL database (dropped at the end).
struct Database {
    url: String,
    backend: &'static str,
    pg_admin: Option<(String, String)>,
}

impl Database {
    async fn create(postgres: bool, dir: &Path) -> anyhow::Result<Database> {
        if !postgres {
            let url = format!("sqlite://{}", dir.join("frontdesk.db").display());
            return Ok(Database { url, backend: "sqlite", pg_admin: None });
        }
        let admin = std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty());
        let admin = admin.unwrap_or_else(|| DEFAULT_PG.to_owned());
        let name = format!("fd_loadgen_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::connect(&admin).await.with_context(|| format!("connecting to {admin}"))?;
        conn.execute(format!("CREATE DATABASE {name}").as_str()).await?;
        conn.close().await.ok();
        let Some(slash) =
            admin.rfind('/').filter(|i| admin[..*i].contains('@') || admin[..*i].matches('/').count() >= 2)
        else {
            bail!("TEST_DATABASE_URL must look like postgres://user@host:port/db");
        };
        let query = admin[slash..].find('?').map_or("", |q| &admin[slash + q..]);
        let url = format!("{}/{name}{query}", &admin[..slash]);
        Ok(Database { url, backend: "postgres", pg_admin: Some((admin, name)) })
    }

    async fn drop(&self) {
        if let Some((admin, name)) = &self.pg_admin {
            if let Ok(mut conn) = PgConnection::connect(admin).await {
                let _ = conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
            }
        }
    }
}

/// The `frontdesk` binary, running as a child process on a free loopback port.
struct Service {
    child: Child,
    pid: u32,
    base: String,
    http: reqwest::Client,
}

impl Service {
    async fn start(db_url: &str, fake: &FakeLine, config: &Path, log: &Path) -> anyhow::Result<Service> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .arg("serve")
            .env("LINE_CHANNEL_SECRET", SECRET)
            .env("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
            .env("LINE_API_BASE_URL", fake.base_url())
            .env("LINE_API_DATA_BASE_URL", fake.base_url())
            .env("DATABASE_URL", db_url)
            .env("FRONTDESK_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .env("FRONTDESK_CONFIG", config)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log)?)
            .spawn()
            .context("starting the frontdesk binary")?;
        let http = reqwest::Client::builder().no_proxy().build()?;
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait()? {
                bail!("frontdesk exited during start-up ({status}); its log: {}", log.display());
            }
            if http.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                bail!("frontdesk did not answer /healthz within 30 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        fake.set_webhook_url(&format!("{base}/webhook"));
        Ok(Service { pid: child.id(), child, base, http })
    }

    async fn metrics(&self) -> anyhow::Result<String> {
        Ok(self.http.get(format!("{}/metrics", self.base)).send().await?.error_for_status()?.text().await?)
    }

    /// SIGTERM, then up to 10 s for a graceful exit before SIGKILL. Says how it ended.
    async fn stop(mut self) -> String {
        let started = Instant::now();
        let _ = Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return format!("{status} after SIGTERM in {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        "did not stop within 10 s of SIGTERM: killed".to_owned()
    }
}

/// Counts the replies the fake accepted and pairs each with the event that caused it.
struct Tracker {
    delivered: AtomicU64,
    lagged: AtomicU64,
    failures: AtomicU64,
    state: Mutex<TrackState>,
}

#[derive(Default)]
struct TrackState {
    /// Per resident, when each event still waiting for its reply was sent.
    pending: HashMap<String, VecDeque<Instant>>,
    e2e: Vec<Duration>,
    last_delivery: Option<Instant>,
}

impl Tracker {
    fn start(fake: &FakeLine) -> Arc<Tracker> {
        let tracker = Arc::new(Tracker {
            delivered: AtomicU64::new(0),
            lagged: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            state: Mutex::default(),
        });
        let mut rx = fake.subscribe();
        let t = tracker.clone();
        tokio::spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(d) => {
                        let now = Instant::now();
                        let mut s = t.state.lock().unwrap();
                        if let Some(sent) = s.pending.get_mut(&d.chat_id).and_then(VecDeque::pop_front) {
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

    /// Sends one text event from `user`; the ack latency if it was answered 200.
    async fn send(&self, fake: &FakeLine, user: &str, i: usize) -> Option<Duration> {
        let event = fake.text_event(user, TEXTS[i % TEXTS.len()]);
        let sent = Instant::now();
        self.state.lock().unwrap().pending.entry(user.to_owned()).or_default().push_back(sent);
        let outcome = fake.send_events(vec![event]).await;
        let problem = match outcome {
            Ok(r) if r.status == 200 => return Some(r.elapsed),
            Ok(r) => format!("answered {}", r.status),
            Err(e) => e.to_string(),
        };
        if self.failures.fetch_add(1, Relaxed) < 5 {
            eprintln!("webhook {problem} (only the first 5 failures are shown)");
        }
        // No reply will come: forget the event so later replies pair with the right sends.
        let mut s = self.state.lock().unwrap();
        if let Some(q) = s.pending.get_mut(user) {
            q.retain(|t| *t != sent);
        }
        None
    }

    /// Waits until `target` replies arrived in all, or none came for `DRAIN_QUIET`, or
    /// `DRAIN_TIMEOUT`; returns the phase's share.
    async fn drain(&self, base: u64, target: u64) -> (u64, Option<Instant>, Vec<Duration>) {
        let (started, deadline) = (Instant::now(), Instant::now() + DRAIN_TIMEOUT);
        while self.delivered.load(Relaxed) - base < target && Instant::now() < deadline {
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

/// What one phase measured.
struct Phase {
    sent: u64,
    errors: u64,
    delivered: u64,
    acks: Vec<Duration>,
    e2e: Vec<Duration>,
    /// First send → last reply (or the end of sending if nothing came).
    wall: Duration,
    sending: Duration,
    max_schedule_lag: Duration,
    /// CPU seconds used during the phase by the service and by this process (generator + fake).
    cpu: [f64; 3],
    /// How long the CPU times were counted over.
    cpu_window: Duration,
}

impl Phase {
    /// Collects the acks, then waits for the replies to every acknowledged event.
    async fn finish(tracker: &Tracker, base: u64, results: Vec<Option<Duration>>, started: Instant) -> Phase {
        let sending = started.elapsed();
        let sent = results.len() as u64;
        let mut acks: Vec<Duration> = results.into_iter().flatten().collect();
        acks.sort_unstable();
        let (delivered, last, mut e2e) = tracker.drain(base, acks.len() as u64).await;
        e2e.sort_unstable();
        let wall = last.filter(|l| *l > started).map_or(sending, |l| l - started);
        Phase {
            sent,
            errors: sent - acks.len() as u64,
            delivered,
            acks,
            e2e,
            wall,
            sending,
            max_schedule_lag: Duration::ZERO,
            cpu: [0.0; 3],
            cpu_window: Duration::ZERO,
        }
    }

    fn per_second(&self) -> f64 {
        self.delivered as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// Phase 1: one event every `1/rate` s, each from its own task (open loop).
async fn open_loop(fake: &FakeLine, tracker: &Arc<Tracker>, users: &Arc<Vec<String>>, rate: u64, secs: u64) -> Phase {
    let period = Duration::from_secs_f64(1.0 / rate as f64);
    let base = tracker.delivered.load(Relaxed);
    let started = Instant::now();
    let mut lag = Duration::ZERO;
    let mut tasks = Vec::with_capacity((rate * secs) as usize);
    for i in 0..(rate * secs) as usize {
        let due = started + period.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        lag = lag.max(due.elapsed());
        let (fake, tracker, users) = (fake.clone(), tracker.clone(), users.clone());
        tasks.push(tokio::spawn(async move { tracker.send(&fake, &users[i % users.len()], i).await }));
    }
    let mut results = Vec::with_capacity(tasks.len());
    for t in tasks {
        results.push(t.await.ok().flatten());
    }
    let mut phase = Phase::finish(tracker, base, results, started).await;
    phase.max_schedule_lag = lag;
    phase
}

/// Phase 2: `count` events from `concurrency` senders, each sending as soon as its last is acked.
async fn closed_loop(
    fake: &FakeLine,
    tracker: &Arc<Tracker>,
    users: &Arc<Vec<String>>,
    count: u64,
    concurrency: u64,
) -> Phase {
    let base = tracker.delivered.load(Relaxed);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let senders: Vec<_> = (0..concurrency)
        .map(|_| {
            let (fake, tracker, users, next) = (fake.clone(), tracker.clone(), users.clone(), next.clone());
            tokio::spawn(async move {
                let mut results = Vec::new();
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    if i as u64 >= count {
                        return results;
                    }
                    results.push(tracker.send(&fake, &users[i % users.len()], i).await);
                }
            })
        })
        .collect();
    let mut results = Vec::with_capacity(count as usize);
    for s in senders {
        results.extend(s.await.unwrap_or_default());
    }
    Phase::finish(tracker, base, results, started).await
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// CPU seconds used so far: [the service, this process, the whole machine (busy, not idle)].
fn cpu_seconds(pid: u32) -> (Instant, [f64; 3]) {
    let machine = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    // `cpu user nice system idle iowait irq softirq steal ...`, in clock ticks.
    let t: Vec<f64> = machine
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .take(8)
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    let busy = t.iter().sum::<f64>() - t.get(3..5).map_or(0.0, |idle| idle.iter().sum());
    // USER_HZ is 100 on every Linux build this runs on (`getconf CLK_TCK`).
    (
        Instant::now(),
        [stat_ticks(&format!("/proc/{pid}/stat")) / 100.0, stat_ticks("/proc/self/stat") / 100.0, busy / 100.0],
    )
}

/// utime + stime of a `/proc/.../stat` file, in clock ticks.
fn stat_ticks(path: &str) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // After the `(comm)` field: utime and stime are the 12th and 13th fields.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum())
}

/// The service's busiest threads over its life so far (name/tid: CPU seconds), to see where time goes.
fn busiest_threads(pid: u32) -> String {
    let mut threads: Vec<(String, f64)> = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let ticks = stat_ticks(&task.path().join("stat").to_string_lossy());
        threads.push((format!("{}/{}", name.trim(), task.file_name().to_string_lossy()), ticks / 100.0));
    }
    threads.sort_by(|a, b| b.1.total_cmp(&a.1));
    threads.iter().take(6).map(|(name, secs)| format!("{name} {secs:.1} s")).collect::<Vec<_>>().join(", ")
}

/// The highest `VmRSS` seen, sampling every 100 ms until `stop`.
async fn sample_rss(pid: u32, stop: CancellationToken) -> u64 {
    let mut peak = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    while !stop.is_cancelled() {
        peak = peak.max(proc_status_kb(pid, "VmRSS").unwrap_or(0));
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.cancelled() => {}
        }
    }
    peak
}

/// One histogram's growth between two `/metrics` texts: count, mean and bucket bounds of p50/p99.
fn histogram_summary(before: &str, after: &str, name: &str) -> String {
    let read = |text: &str| -> (Vec<(String, f64)>, f64, f64) {
        let mut buckets = Vec::new();
        let (mut sum, mut count) = (0.0, 0.0);
        for line in text.lines() {
            let Some((key, value)) = line.rsplit_once(' ') else { continue };
            let value: f64 = value.parse().unwrap_or(0.0);
            match key.strip_prefix(name) {
                Some(rest) if rest.starts_with("_bucket{le=\"") => {
                    buckets.push((rest["_bucket{le=\"".len()..].trim_end_matches("\"}").to_owned(), value))
                }
                Some("_sum") => sum = value,
                Some("_count") => count = value,
                _ => {}
            }
        }
        (buckets, sum, count)
    };
    let ((b0, s0, c0), (b1, s1, c1)) = (read(before), read(after));
    let count = c1 - c0;
    if count <= 0.0 {
        return "no observations".to_owned();
    }
    let bound = |q: f64| {
        let hit = b1.iter().zip(&b0).find(|((_, n1), (_, n0))| n1 - n0 >= q * count);
        hit.map_or("?".to_owned(), |((le, _), _)| match le.parse::<f64>() {
            Ok(secs) if secs.is_finite() => format!("≤ {} ms", secs * 1e3),
            _ => format!("> {} ms", b1.iter().rev().nth(1).map_or(0.0, |(le, _)| le.parse().unwrap_or(0.0) * 1e3)),
        })
    };
    format!("n = {count}, mean {:.2} ms, p50 {}, p99 {}", (s1 - s0) / count * 1e3, bound(0.5), bound(0.99))
}

/// The value at quantile `q` of sorted samples.
fn pct(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
    sorted.get(i.min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// "p50 / p99" of sorted samples.
fn p50_p99(sorted: &[Duration]) -> String {
    format!("{} / {}", ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)))
}

/// CPU used during a phase, as a share of the machine's cores.
fn cpu(p: &Phase, cores: usize) -> String {
    let share = |secs: f64| secs / p.cpu_window.as_secs_f64() / cores as f64 * 100.0;
    let [service, this, machine] = p.cpu.map(share);
    format!("{service:.0} % / {this:.0} % / {machine:.0} % of {cores} cores over {:.1} s", p.cpu_window.as_secs_f64())
}

fn row(label: &str, value: String) {
    println!("  {label:<34}{value}");
}

impl Report {
    fn print(&self, o: &Options, cores: usize, backend: &str, exit: &str) {
        let (p1, p2) = (&self.open, &self.burst);
        let check = |ok: bool| if ok { "  ✓ target met" } else { "  ✗ target missed" };
        let undelivered = (p1.acks.len() + p2.acks.len()) as u64
            - (p1.delivered + p2.delivered).min((p1.acks.len() + p2.acks.len()) as u64);
        let errors = p1.errors + p2.errors;
        println!("\n== frontdesk load test: {backend}, {cores} cores, {} residents ==", o.users);
        println!("phase 1: open loop, {} events/s offered for {} s", o.rate, o.seconds);
        row("sent / errors / replies", format!("{} / {} / {}", p1.sent, p1.errors, p1.delivered));
        let offered = p1.sent as f64 / p1.sending.as_secs_f64();
        row("offered rate achieved", format!("{offered:.0} events/s (max schedule lag {})", ms(p1.max_schedule_lag)));
        let ok = pct(&p1.acks, 0.99) < Duration::from_millis(10);
        row("ack p50 / p99 / max", format!("{} / {}{}", p50_p99(&p1.acks), ms(pct(&p1.acks, 1.0)), check(ok)));
        row("end-to-end p50 / p99", p50_p99(&p1.e2e));
        row("first send → last reply", format!("{:.2} s", p1.wall.as_secs_f64()));
        row("CPU: service / loadgen / machine", cpu(p1, cores));
        println!("phase 2: closed loop, {} events from {} concurrent senders", o.burst, o.concurrency);
        row("sent / errors / replies", format!("{} / {} / {}", p2.sent, p2.errors, p2.delivered));
        let acked = p2.acks.len() as f64 / p2.sending.as_secs_f64();
        row("acked rate", format!("{acked:.0} events/s over {:.2} s", p2.sending.as_secs_f64()));
        let (rate, ok) = (p2.per_second(), p2.per_second() >= 3000.0);
        row("end-to-end throughput", format!("{rate:.0} events/s over {:.2} s{}", p2.wall.as_secs_f64(), check(ok)));
        row("ack p50 / p99 / max", format!("{} / {}", p50_p99(&p2.acks), ms(pct(&p2.acks, 1.0))));
        row("end-to-end p50 / p99", p50_p99(&p2.e2e));
        row("CPU: service / loadgen / machine", cpu(p2, cores));
        println!("memory (service process)");
        row("RSS at start", mb(self.rss_start_kb));
        row("RSS peak (100 ms samples)", mb(self.rss_sampled_kb));
        row("VmHWM (peak resident)", format!("{}{}", mb(self.hwm_kb), check(self.hwm_kb < 60 * 1024)));
        println!("errors: {errors} webhooks not answered 200, {undelivered} replies missing");
        if self.lagged > 0 {
            println!("  ({} replies counted without a latency: the observer lagged)", self.lagged);
        }
        println!("service: {exit}; its metrics (histograms: bucket upper bounds)");
        self.metrics.iter().for_each(|m| println!("  {m}"));
        println!("\nREADME row:\n| database | cores | ack p50 / p99 @ {} ev/s | end-to-end ev/s | burst ack p50 / p99 | burst end-to-end p50 / p99 | peak RSS | errors |\n|---|---|---|---|---|---|---|---|", o.rate);
        println!(
            "| {backend} | {cores} | {} | {rate:.0} | {} | {} | {} | {} |",
            p50_p99(&p1.acks),
            p50_p99(&p2.acks),
            p50_p99(&p2.e2e),
            mb(self.hwm_kb),
            errors + undelivered
        );
    }
}
