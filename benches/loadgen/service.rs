//! The service under test: its database (a SQLite file or a fresh PostgreSQL database) and
//! the `frontdesk` binary running as a child process on a free loopback port.

use std::{
    future::Future,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{bail, Context as _};
use frontdesk::line::fake::FakeLine;
use sqlx::{Connection, Executor, PgConnection};

use crate::{
    load::Phase,
    procfs::{cpu_seconds, proc_io_bytes},
    report::histogram_summary,
    DEFAULT_PG, HISTOGRAMS, SECRET, TOKEN,
};

/// The database the service uses: a SQLite file in the temporary directory, or a fresh
/// PostgreSQL database (dropped at the end).
pub struct Database {
    pub url: String,
    pub backend: &'static str,
    pg_admin: Option<(String, String)>,
}

impl Database {
    pub async fn create(postgres: bool, dir: &Path) -> anyhow::Result<Database> {
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

    pub async fn drop(&self) {
        if let Some((admin, name)) = &self.pg_admin {
            if let Ok(mut conn) = PgConnection::connect(admin).await {
                let _ = conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
            }
        }
    }
}

/// The `frontdesk` binary, running as a child process on a free loopback port.
pub struct Service {
    child: Child,
    pub pid: u32,
    base: String,
    http: reqwest::Client,
}

impl Service {
    pub async fn start(
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

    pub async fn metrics(&self) -> anyhow::Result<String> {
        Ok(self.http.get(format!("{}/metrics", self.base)).send().await?.error_for_status()?.text().await?)
    }

    /// Runs a phase, adding what the service's metrics and the CPU counters saw meanwhile.
    pub async fn observe(&self, phase: impl Future<Output = Phase>) -> anyhow::Result<Phase> {
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
    pub async fn stop(mut self) -> String {
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
