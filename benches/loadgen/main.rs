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

mod load;
mod procfs;
mod report;
mod service;

use std::{
    path::PathBuf,
    sync::{atomic::Ordering::Relaxed, Arc},
    time::Duration,
};

use clap::{Parser, ValueEnum};
use frontdesk::line::fake::{FakeConfig, FakeLine};
use tokio_util::sync::CancellationToken;

use crate::{
    load::{Load, Tracker},
    procfs::{busiest_threads, proc_status_kb, sample_rss},
    report::Report,
    service::{Database, Service},
};

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

/// The options. What cargo adds (`--bench`, a name filter) is accepted and ignored.
#[derive(Parser)]
#[command(name = "loadgen", about = "Drives the frontdesk binary with signed webhook events")]
struct Options {
    /// sqlite: a file in a temporary directory; postgres: a fresh database on
    /// `TEST_DATABASE_URL`, dropped at the end.
    #[arg(long, value_enum, default_value = "sqlite")]
    database: Backend,
    /// The service's settings file (`FRONTDESK_CONFIG`); default `MINIMAL_CONFIG`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Another build of the service to drive (to compare two builds on the same machine
    /// in the same hour); default the one cargo built with this benchmark.
    #[arg(long)]
    binary: Option<PathBuf>,
    /// Simulated residents.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    users: u64,
    /// Phase 1: events per second offered.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    rate: u64,
    /// Phase 1: how long, in seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    seconds: u64,
    /// Phase 2: events sent.
    #[arg(long, default_value_t = 30_000, value_parser = clap::value_parser!(u64).range(1..))]
    burst: u64,
    /// Phase 2: senders at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
    concurrency: u64,
    #[arg(long, hide = true)]
    bench: bool,
    #[arg(hide = true)]
    filter: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    #[value(alias = "postgresql", alias = "pg")]
    Postgres,
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
    let db = Database::create(o.database == Backend::Postgres, dir.path()).await?;
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
