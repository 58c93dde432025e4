//! Load generator: drives the real `frontdesk` binary over loopback with signed webhook events
//! from many simulated residents, against the in-process fake LINE platform (`FakeLine`).
//!
//! Run (builds the service optimised, with the bench profile):
//!
//! ```text
//! cargo bench --bench loadgen                          # SQLite in a temporary directory
//! cargo bench --bench loadgen -- --database postgres   # a fresh database on TEST_DATABASE_URL
//! cargo bench --bench loadgen -- --users 1000 --rate 1000 --seconds 10 --burst 30000 --concurrency 64
//! cargo bench --bench loadgen -- --binary OTHER/frontdesk   # drive another build (A/B, same hour)
//! ```
//!
//! The service runs as a child process on 127.0.0.1 with its default settings plus the
//! `[centre] phone` and `[staff] public_url` a LINE channel requires (`--config FILE` gives it
//! another settings file).
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
    future::Future,
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
/// The service's settings unless `--config` names a file: what a LINE channel requires.
const MINIMAL_CONFIG: &str = "[centre]\nphone = \"0120-000-000\"\n[staff]\npublic_url = \"https://frontdesk.test\"\n";
/// Replies are awaited this long at most after a phase, and given up after this long of silence.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(60);
const DRAIN_QUIET: Duration = Duration::from_secs(10);
const HISTOGRAMS: [&str; 3] =
    ["frontdesk_webhook_ack_seconds", "frontdesk_event_handling_seconds", "frontdesk_outbox_delivery_seconds"];
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
    /// Another build of the service to drive (to compare two builds on the same machine
    /// in the same hour); default the one cargo built with this benchmark.
    binary: Option<PathBuf>,
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
            binary: None,
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
            let count = match key.as_str() {
                "--users" => &mut o.users,
                "--rate" => &mut o.rate,
                "--seconds" => &mut o.seconds,
                "--burst" => &mut o.burst,
                "--concurrency" => &mut o.concurrency,
                "--config" => {
                    o.config = Some(value().into());
                    continue;
                }
                "--binary" => {
                    o.binary = Some(value().into());
                    continue;
                }
                "--database" => {
                    o.postgres = match value().as_str() {
                        "postgres" | "postgresql" | "pg" => true,
                        "sqlite" => false,
                        other => usage(&format!("--database must be sqlite or postgres, not {other:?}")),
                    };
                    continue;
                }
                "--help" | "-h" => usage(""),
                _ => continue,
            };
            let v = value();
            *count = v.parse().ok().filter(|n| *n > 0).unwrap_or_else(|| usage(&format!("{key} {v:?}: not a count")));
        }
        o
    }
}

fn usage(error: &str) -> ! {
    eprintln!(
        "{error}\nusage: cargo bench --bench loadgen -- [--database sqlite|postgres] [--config FILE] \
         [--binary PATH] [--users 1000] [--rate 1000] [--seconds 10] [--burst 30000] [--concurrency 64]"
    );
    std::process::exit(if error.is_empty() { 0 } else { 2 })
}

fn main() -> anyhow::Result<()> {
    let options = Options::parse();
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run(options))
}

async fn run(o: Options) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = tempfile::tempdir()?;
    let (log, config) = (dir.path().join("frontdesk.log"), dir.path().join("frontdesk.toml"));
    std::fs::write(&config, MINIMAL_CONFIG)?;
    let db = Database::create(o.postgres, dir.path()).await?;
    let stop = CancellationToken::new();
    let fake = FakeLine::new(FakeConfig {
        channel_secret: SECRET.into(),
        access_token: TOKEN.into(),
        ..FakeConfig::default()
    });
    fake.start(stop.clone()).await?;
    let outcome =
        match Service::start(&db.url, &fake, o.config.as_deref().unwrap_or(&config), o.binary.as_deref(), &log).await {
            Ok(service) => {
                let report = measure(&o, &fake, &service).await;
                let exit = service.stop().await;
                report.map(|r| (r, exit))
            }
            Err(e) => Err(e),
        };
    stop.cancel();
    db.drop().await;
    let service_log = std::fs::read_to_string(&log).unwrap_or_default();
    let lines: Vec<&str> = service_log.lines().collect();
    if !lines.is_empty() {
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
    outbox_sent: Vec<String>,
    threads: String,
}

async fn measure(o: &Options, fake: &FakeLine, service: &Service) -> anyhow::Result<Report> {
    let users = (0..o.users).map(|i| fake.add_user(&format!("resident {i}"), LANGS[i as usize % LANGS.len()]));
    let load = Load { fake: fake.clone(), tracker: Tracker::start(fake), users: Arc::new(users.collect()) };
    let rss_start_kb = proc_status_kb(service.pid, "VmRSS").unwrap_or(0);
    let sampling = CancellationToken::new();
    let sampler = tokio::spawn(sample_rss(service.pid, sampling.clone()));

    println!("phase 1: {} events/s offered for {} s to {} residents ...", o.rate, o.seconds, o.users);
    let open = service.observe(load.open_loop(o.rate, o.seconds)).await?;
    println!("phase 2: {} events from {} concurrent senders ...", o.burst, o.concurrency);
    let burst = service.observe(load.closed_loop(o.burst, o.concurrency)).await?;

    sampling.cancel();
    let rss_sampled_kb = sampler.await.unwrap_or(0);
    let hwm_kb = proc_status_kb(service.pid, "VmHWM").unwrap_or(0);
    let metrics = service.metrics().await?;
    let outbox_sent = metrics.lines().filter(|l| l.starts_with("frontdesk_outbox_sent_total")).map(str::to_owned);
    Ok(Report {
        open,
        burst,
        rss_start_kb,
        rss_sampled_kb,
        hwm_kb,
        lagged: load.tracker.lagged.load(Relaxed),
        outbox_sent: outbox_sent.collect(),
        threads: busiest_threads(service.pid),
    })
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
        let Some(slash) = admin.rfind('/').filter(|i| admin[..*i].matches('/').count() >= 2) else {
            bail!("TEST_DATABASE_URL must look like postgres://user@host:port/db");
        };
        let name = format!("fd_loadgen_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::connect(&admin).await.with_context(|| format!("connecting to {admin}"))?;
        conn.execute(format!("CREATE DATABASE {name}").as_str()).await?;
        conn.close().await.ok();
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
    async fn start(
        db_url: &str,
        fake: &FakeLine,
        config: &Path,
        binary: Option<&Path>,
        log: &Path,
    ) -> anyhow::Result<Service> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let binary = binary.unwrap_or(Path::new(env!("CARGO_BIN_EXE_frontdesk")));
        let child = Command::new(binary)
            .arg("serve")
            .env("LINE_CHANNEL_SECRET", SECRET)
            .env("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
            .env("LINE_API_BASE_URL", fake.base_url())
            .env("LINE_API_DATA_BASE_URL", fake.base_url())
            .env("DATABASE_URL", db_url)
            .env("FRONTDESK_BIND", format!("127.0.0.1:{port}"))
            .env("FRONTDESK_CONFIG", config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log)?)
            .spawn()
            .context("starting the frontdesk binary")?;
        let http = reqwest::Client::builder().no_proxy().build()?;
        let mut service = Service { pid: child.id(), child, base: format!("http://127.0.0.1:{port}"), http };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = service.child.try_wait()? {
                bail!("frontdesk exited during start-up ({status}); see its log below");
            }
            let health = service.http.get(format!("{}/healthz", service.base)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            if Instant::now() > deadline {
                bail!("frontdesk did not answer /healthz within 30 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        fake.set_webhook_url(&format!("{}/webhook", service.base));
        Ok(service)
    }

    async fn metrics(&self) -> anyhow::Result<String> {
        Ok(self.http.get(format!("{}/metrics", self.base)).send().await?.error_for_status()?.text().await?)
    }

    /// Runs a phase, adding what the service's metrics and the CPU counters saw meanwhile.
    async fn observe(&self, phase: impl Future<Output = Phase>) -> anyhow::Result<Phase> {
        let (before, (t0, cpu0)) = (self.metrics().await?, cpu_seconds(self.pid));
        let written0 = proc_io_bytes(self.pid, "write_bytes");
        let mut phase = phase.await;
        let (after, (t1, cpu1)) = (self.metrics().await?, cpu_seconds(self.pid));
        phase.written = proc_io_bytes(self.pid, "write_bytes").zip(written0).map(|(b, a)| b.saturating_sub(a));
        phase.cpu = [0, 1, 2].map(|i| cpu1[i] - cpu0[i]);
        phase.cpu_window = t1 - t0;
        phase.histograms = HISTOGRAMS.map(|name| format!("{name}: {}", histogram_summary(&before, &after, name)));
        Ok(phase)
    }

    /// SIGTERM, then up to 10 s for a graceful exit before SIGKILL. Says how it ended.
    async fn stop(mut self) -> String {
        let started = Instant::now();
        let _ = Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return format!("{status} {:.0} ms after SIGTERM", started.elapsed().as_secs_f64() * 1e3);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        "killed: still running 10 s after SIGTERM".to_owned()
    }
}

impl Drop for Service {
    /// Whatever happened (an error, a panic), the child does not outlive the run.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Counts the replies the fake accepted and pairs each with the event that caused it.
#[derive(Default)]
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
    async fn drain(&self, base: u64, target: u64) -> (u64, Option<Instant>, Vec<Duration>) {
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
struct Load {
    fake: FakeLine,
    tracker: Arc<Tracker>,
    users: Arc<Vec<String>>,
}

impl Load {
    /// Sends event `i`: a text from resident `i mod users`; its ack latency if answered 200.
    async fn send(&self, i: usize) -> Option<Duration> {
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
    async fn open_loop(&self, rate: u64, secs: u64) -> Phase {
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
    async fn closed_loop(&self, count: u64, concurrency: u64) -> Phase {
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
    async fn finish(&self, base: u64, results: Vec<Option<Duration>>, started: Instant) -> Phase {
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
struct Phase {
    sent: u64,
    errors: u64,
    delivered: u64,
    /// Sorted ack latencies of the events answered 200.
    acks: Vec<Duration>,
    /// Sorted end-to-end latencies (sent → reply received by the fake).
    e2e: Vec<Duration>,
    /// First send → last reply (or the end of sending if none came).
    wall: Duration,
    sending: Duration,
    /// The rate events were sent at (open loop only).
    offered: f64,
    max_schedule_lag: Duration,
    /// CPU seconds used during the phase: [the service, this process, the whole machine].
    cpu: [f64; 3],
    cpu_window: Duration,
    /// Bytes the service wrote to storage during the phase (`/proc/<pid>/io`), if readable.
    written: Option<u64>,
    histograms: [String; 3],
}

/// A byte counter of `/proc/<pid>/io` (`write_bytes`: what reached the block layer, so
/// the WAL and the checkpoints, not the page-cache copies alone).
fn proc_io_bytes(pid: u32, field: &str) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':')?.trim().parse().ok())
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// The highest `VmRSS` seen, sampling every 100 ms until `stop`.
async fn sample_rss(pid: u32, stop: CancellationToken) -> u64 {
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
fn cpu_seconds(pid: u32) -> (Instant, [f64; 3]) {
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
fn busiest_threads(pid: u32) -> String {
    let mut threads: Vec<(String, f64)> = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let secs = stat_seconds(&task.path().join("stat").to_string_lossy());
        threads.push((format!("{}/{}", name.trim(), task.file_name().to_string_lossy()), secs));
    }
    threads.sort_by(|a, b| b.1.total_cmp(&a.1));
    threads.iter().take(6).map(|(name, secs)| format!("{name} {secs:.1} s")).collect::<Vec<_>>().join(", ")
}

/// One histogram's growth between two `/metrics` texts: count, mean and bucket bounds of p50/p99.
fn histogram_summary(before: &str, after: &str, name: &str) -> String {
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
fn pct(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
    sorted.get(i.min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// "p50 / p99" of sorted samples.
fn p50_p99(sorted: &[Duration]) -> String {
    format!("{} / {}", ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)))
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

fn row(label: &str, value: String) {
    println!("  {label:<34}{value}");
}

impl Phase {
    fn per_second(&self) -> f64 {
        self.delivered as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// The lines both phases have.
    fn print_common(&self, cores: usize) {
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
    fn print(&self, o: &Options, cores: usize, backend: &str, exit: &str) {
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
