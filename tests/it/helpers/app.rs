//! The app under test: the real service on port 0, on a fresh database, against the fake
//! LINE platform; everything it started is stopped when the `TestApp` is dropped.

use std::ops::Deref;

use frontdesk::{
    app::{self, Running},
    config::{Channel, Config, LineCredentials, Settings},
    line::fake::{FakeConfig, FakeLine},
};
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

use super::{api::Api, db::TestDb, resident::Resident, staff::StaffBrowser, wait};

pub const SECRET: &str = "0123456789abcdef0123456789abcdef";
pub const TOKEN: &str = "test-channel-access-token";

/// The fake LINE platform, started, speaking to nobody yet; stopped when dropped.
pub struct Platform {
    fake: FakeLine,
    stop: CancellationToken,
}

impl Platform {
    pub async fn start() -> Self {
        Platform::with(FakeConfig::default()).await
    }

    pub async fn with(config: FakeConfig) -> Self {
        let fake = FakeLine::new(FakeConfig { channel_secret: SECRET.into(), access_token: TOKEN.into(), ..config });
        let stop = CancellationToken::new();
        fake.start(stop.clone()).await.expect("start fake LINE");
        Platform { fake, stop }
    }
}

impl Deref for Platform {
    type Target = FakeLine;
    fn deref(&self) -> &FakeLine {
        &self.fake
    }
}

impl Drop for Platform {
    fn drop(&mut self) {
        self.stop.cancel();
    }
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
        channel: Channel::Line(LineCredentials {
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
async fn spawn_app(db_url: &str, fake: &FakeLine, settings: Settings) -> Running {
    let running = app::start(config_for(db_url, fake, settings)).await.expect("app starts");
    fake.set_webhook_url(&format!("{}/webhook", running.base_url()));
    running
}

/// One test's service, database and platform. Derefs to the running service (`app.store`,
/// `app.base_url()`); dropping it stops every instance it started, the platform, and removes
/// the database.
pub struct TestApp {
    running: Option<Running>,
    /// Shutdown tokens of further instances on the same database.
    others: Vec<CancellationToken>,
    /// What the service was started with, and is restarted with.
    pub settings: Settings,
    pub fake: Platform,
    pub db: TestDb,
}

impl TestApp {
    /// On SQLite with the test settings.
    pub async fn new() -> Self {
        TestApp::with_settings(test_settings()).await
    }

    /// On SQLite.
    pub async fn with_settings(settings: Settings) -> Self {
        TestApp::on(TestDb::sqlite(), settings).await
    }

    /// On `db`, against a new platform.
    pub async fn on(db: TestDb, settings: Settings) -> Self {
        TestApp::with_platform(db, Platform::start().await, settings).await
    }

    pub async fn with_platform(db: TestDb, fake: Platform, settings: Settings) -> Self {
        let running = spawn_app(db.url(), &fake, settings.clone()).await;
        TestApp { running: Some(running), others: Vec::new(), settings, fake, db }
    }

    /// Stops the service and waits for its tasks; the database and the platform stay.
    pub async fn stop(&mut self) {
        self.running.take().expect("the service runs").stop().await;
    }

    /// Starts the service again on the same database, with `self.settings`.
    pub async fn start_again(&mut self) {
        assert!(self.running.is_none(), "the service already runs");
        self.running = Some(spawn_app(self.db.url(), &self.fake, self.settings.clone()).await);
    }

    pub async fn restart(&mut self) {
        self.stop().await;
        self.start_again().await;
    }

    /// Another instance on the same database and platform, which does not receive the
    /// webhooks; stopped with this one.
    pub async fn another_instance(&mut self, settings: Settings) -> Running {
        let running = app::start(config_for(self.db.url(), &self.fake, settings)).await.expect("app starts");
        self.others.push(running.shutdown.clone());
        running
    }

    /// A resident who has added the bot as a friend (no event sent yet).
    pub fn resident(&self, name: &str, lang: Option<&str>) -> Resident {
        Resident::new(&self.fake, name, lang)
    }

    /// Adds a staff account straight into the store; returns its password.
    pub async fn add_staff(&self, name: &str, role: &str, queues: &[&str]) -> String {
        let password = format!("{name}-password-long-enough");
        let hash = frontdesk::credentials::hash_password(&password).unwrap();
        let now = frontdesk::clock::now_ms();
        assert!(self.store.add_staff(name, &hash, role, &queues.join(","), now).await.unwrap());
        password
    }

    /// A staff session, logged in through the real login form.
    pub async fn login(&self, name: &str, password: &str) -> StaffBrowser {
        StaffBrowser::login(&self.base_url(), name, password).await
    }

    /// A new staff account, logged in.
    pub async fn staff(&self, name: &str, role: &str, queues: &[&str]) -> StaffBrowser {
        let password = self.add_staff(name, role, queues).await;
        self.login(name, &password).await
    }

    /// A browser without a session.
    pub fn browser(&self) -> StaffBrowser {
        StaffBrowser::new(&self.base_url())
    }

    /// A new API token of the account `name`.
    pub async fn api_token(&self, name: &str) -> String {
        let account = self.store.staff_by_name(name).await.unwrap().expect("the account exists");
        let token = frontdesk::credentials::random_token().unwrap();
        let hash = frontdesk::credentials::digest(&token);
        self.store.add_api_token(&hash, &account.id, "test", frontdesk::clock::now_ms()).await.unwrap();
        token
    }

    /// The JSON API with `token`.
    pub fn api(&self, token: &str) -> Api {
        Api::new(&self.base_url(), token)
    }

    /// The value of one metric line (`name` including labels) from `/metrics`.
    pub async fn metric(&self, name: &str) -> f64 {
        metric(&self.base_url(), name).await
    }

    /// See [`wait::settled`].
    pub async fn settled(&self, chats: &[&str]) {
        wait::settled(&self.store, chats).await
    }
}

impl Deref for TestApp {
    type Target = Running;
    fn deref(&self) -> &Running {
        self.running.as_ref().expect("the service runs")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The fields drop after this: the service's tasks are told to stop first, then the
        // platform, then the database (dropped on the server even while a test panics).
        if let Some(running) = &self.running {
            running.shutdown.cancel();
        }
        for other in &self.others {
            other.cancel();
        }
    }
}

/// The value of one metric line (`name` including labels) from `/metrics` at `base_url`.
pub async fn metric(base_url: &str, name: &str) -> f64 {
    let text = reqwest::get(format!("{base_url}/metrics")).await.unwrap().text().await.unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("metric {name} not found"))
        .parse()
        .unwrap()
}
