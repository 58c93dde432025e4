//! The one integration-test harness: a fresh database (SQLite always, PostgreSQL when
//! `TEST_DATABASE_URL` is set), the fake LINE platform, and the real app on port 0.

use std::{future::Future, time::Duration};

use frontdesk::{
    app::{self, Running},
    config::{Config, LineCredentials, Settings},
    line::fake::{FakeConfig, FakeLine},
};
use secrecy::SecretString;
use sqlx::{Connection, Executor, PgConnection};
use tokio_util::sync::CancellationToken;

pub const SECRET: &str = "0123456789abcdef0123456789abcdef";
pub const TOKEN: &str = "test-channel-access-token";

/// A fresh, empty database for one test.
pub struct TestDb {
    url: String,
    backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("frontdesk.db").display());
        TestDb { url, backend: "sqlite", _dir: Some(dir), pg_admin: None }
    }

    /// A new database on the server named by `TEST_DATABASE_URL`, or `None` if unset.
    pub async fn postgres() -> Option<Self> {
        let admin = std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty())?;
        let name = format!("fd_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::connect(&admin).await.expect("TEST_DATABASE_URL must be reachable");
        conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        conn.close().await.ok();
        let url = match admin.rfind('/') {
            Some(i) if admin[..i].contains('@') || admin[..i].matches('/').count() >= 2 => {
                let (base, rest) = admin.split_at(i);
                let query = rest.find('?').map(|q| &rest[q..]).unwrap_or("");
                format!("{base}/{name}{query}")
            }
            _ => panic!("TEST_DATABASE_URL must look like postgres://host:port/db"),
        };
        Some(TestDb { url, backend: "postgres", _dir: None, pg_admin: Some((admin, name)) })
    }

    /// Methods, not fields: a closure that used `db.url` would capture only that field
    /// and drop the temporary directory under the running test.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    pub async fn drop_database(self) {
        if let Some((admin, name)) = &self.pg_admin {
            if let Ok(mut conn) = PgConnection::connect(admin).await {
                let _ = conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
            }
        }
    }
}

/// Runs `test` once on SQLite and once on PostgreSQL (when `TEST_DATABASE_URL` is set,
/// saying clearly when it is not).
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    test(TestDb::sqlite()).await;
    match TestDb::postgres().await {
        Some(db) => {
            let url = db.url.clone();
            let admin = db.pg_admin.clone();
            test(db).await;
            TestDb { url, backend: "postgres", _dir: None, pg_admin: admin }.drop_database().await;
        }
        None => eprintln!("SKIPPED the PostgreSQL half of this test: TEST_DATABASE_URL is not set"),
    }
}

/// The fake LINE platform, started, speaking to nobody yet.
pub async fn fake_line(shutdown: &CancellationToken) -> FakeLine {
    fake_line_with(shutdown, FakeConfig::default()).await
}

pub async fn fake_line_with(shutdown: &CancellationToken, config: FakeConfig) -> FakeLine {
    let fake = FakeLine::new(FakeConfig { channel_secret: SECRET.into(), access_token: TOKEN.into(), ..config });
    fake.start(shutdown.clone()).await.expect("start fake LINE");
    fake
}

/// Settings for tests: quick polling, short timeouts.
pub fn test_settings() -> Settings {
    let mut s = Settings::default();
    s.workers.poll_millis = 50;
    s.workers.lease_seconds = 10;
    s.line.request_timeout_seconds = 2;
    s.centre.phone = Some("0561-00-0000".into());
    s
}

pub fn config_for(db_url: &str, fake: &FakeLine, settings: Settings) -> Config {
    Config {
        line: Some(LineCredentials {
            channel_secret: SecretString::from(SECRET),
            access_token: SecretString::from(TOKEN),
        }),
        api_base_url: fake.base_url(),
        data_api_base_url: fake.base_url(),
        database_url: db_url.to_owned(),
        bind: "127.0.0.1:0".parse().unwrap(),
        config_file: None,
        settings,
    }
}

/// The real app against `fake`, its webhook URL given to the fake.
pub async fn spawn_app(db_url: &str, fake: &FakeLine, settings: Settings) -> Running {
    let running = app::start(config_for(db_url, fake, settings)).await.expect("app starts");
    fake.set_webhook_url(&format!("{}/webhook", running.base_url()));
    running
}

/// Waits until `check` holds, polling; panics with `what` after `timeout`.
pub async fn eventually<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if check().await {
            return;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The value of one metric line (`name` including labels) from `/metrics`.
pub async fn metric(base_url: &str, name: &str) -> f64 {
    let text = reqwest::get(format!("{base_url}/metrics")).await.unwrap().text().await.unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("metric {name} not found"))
        .parse()
        .unwrap()
}

/// Texts of the text messages in a delivery.
pub fn texts(messages: &[serde_json::Value]) -> Vec<String> {
    messages.iter().filter_map(|m| m["text"].as_str().map(str::to_owned)).collect()
}
