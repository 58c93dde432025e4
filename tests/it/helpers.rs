//! The one integration-test harness: a fresh database (SQLite always, PostgreSQL when
//! `TEST_DATABASE_URL` is set), the fake LINE platform, and the real app on port 0.

use std::{future::Future, time::Duration};

use frontdesk::{
    app::{self, Running},
    config::{Channel, Config, LineCredentials, Settings},
    line::fake::{FakeConfig, FakeLine},
};
use secrecy::SecretString;
use serde_json::Value;
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

/// A resident on the fake platform, talking to the running service one message at a time.
pub struct Resident<'a> {
    pub fake: &'a FakeLine,
    pub id: String,
    pub seen: usize,
}

impl<'a> Resident<'a> {
    pub fn new(fake: &'a FakeLine, name: &str, lang: Option<&str>) -> Self {
        Resident { fake, id: fake.add_user(name, lang), seen: 0 }
    }

    /// Sends one event and returns the bot's answer (its messages).
    pub async fn send(&mut self, event: Value) -> Vec<Value> {
        assert_eq!(self.fake.send_events(vec![event]).await.unwrap().status, 200);
        let got = self.fake.wait_delivered(&self.id, self.seen + 1, Duration::from_secs(10)).await;
        assert!(got.len() > self.seen, "no answer");
        self.seen = got.len();
        got.last().unwrap().messages.clone()
    }

    pub async fn say(&mut self, text: &str) -> Vec<Value> {
        self.send(self.fake.text_event(&self.id, text)).await
    }

    /// Taps a quick-reply button that the last answer offered.
    pub async fn tap(&mut self, data: &str) -> Vec<Value> {
        let offered = self.fake.delivered(&self.id).last().map(|d| buttons(&d.messages)).unwrap_or_default();
        assert!(offered.iter().any(|(_, d)| d == data), "{data} not offered: {offered:?}");
        self.send(self.fake.postback_event(&self.id, data)).await
    }
}

/// (label, postback data) of the quick-reply buttons.
pub fn buttons(messages: &[Value]) -> Vec<(String, String)> {
    messages
        .iter()
        .filter_map(|m| m["quickReply"]["items"].as_array())
        .flatten()
        .map(|i| {
            (
                i["action"]["label"].as_str().unwrap_or("").to_owned(),
                i["action"]["data"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

impl Resident<'_> {
    /// Sends one event that the bot does not answer (e.g. while staff hold the case): waits
    /// until it is handled and checks that nothing came back.
    pub async fn send_quietly(&mut self, app: &Running, event: Value) {
        assert_eq!(self.fake.send_events(vec![event]).await.unwrap().status, 200);
        eventually(Duration::from_secs(10), "the event is handled", || async {
            app.store.inbox_pending_count().await.unwrap() == 0
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(self.fake.delivered(&self.id).len(), self.seen, "the bot stayed quiet");
    }

    /// Waits for the next delivery to this resident (a push from staff) and returns its texts.
    pub async fn next_delivery(&mut self) -> Vec<String> {
        let got = self.fake.wait_delivered(&self.id, self.seen + 1, Duration::from_secs(10)).await;
        assert!(got.len() > self.seen, "nothing was delivered");
        self.seen = got.len();
        texts(&got.last().unwrap().messages)
    }
}

/// Adds a staff account straight into the store; returns its password.
pub async fn add_staff(app: &Running, name: &str, role: &str, queues: &[&str]) -> String {
    let password = format!("{name}-password-long-enough");
    let hash = frontdesk::credentials::hash_password(&password).unwrap();
    assert!(app.store.add_staff(name, &hash, role, &queues.join(","), frontdesk::worker::now_ms()).await.unwrap());
    password
}

/// A browser of sorts: keeps the session cookie, reads the CSRF token, never follows
/// redirects (tests look at them).
pub struct StaffBrowser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    /// Sent as `X-Forwarded-For` with a login, as a reverse proxy would.
    pub forwarded_for: Option<String>,
}

/// The value of `name="csrf"` in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[at..].split('"').next()?.to_owned())
}

/// `name=value` of a `Set-Cookie` header of a response, if it sets `name`.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|kv| kv.starts_with(&format!("{name}=")))
}

impl StaffBrowser {
    pub fn new(base: &str) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        StaffBrowser { base: base.to_owned(), http, cookie: None, csrf: None, forwarded_for: None }
    }

    /// Logs in through the real login form; returns the login's response status.
    pub async fn try_login(&mut self, name: &str, password: &str) -> reqwest::StatusCode {
        self.try_login_response(name, password).await.status()
    }

    /// The login form, filled in and posted (ready to send), as a browser would.
    pub async fn login_request(&self, name: &str, password: &str) -> reqwest::RequestBuilder {
        let page = self.http.get(format!("{}/staff/login", self.base)).send().await.unwrap();
        // Behind an https public_url the cookies carry the __Secure- and __Host- prefixes.
        let login_cookie = set_cookie(&page, "fd_login")
            .or_else(|| set_cookie(&page, "__Secure-fd_login"))
            .expect("the login page sets its CSRF cookie");
        let token = csrf_in(&page.text().await.unwrap()).expect("the login form has a CSRF token");
        let mut req = self.http.post(format!("{}/staff/login", self.base)).header("cookie", login_cookie).form(&[
            ("name", name),
            ("password", password),
            ("csrf", &token),
            ("next", "/staff"),
        ]);
        if let Some(addr) = &self.forwarded_for {
            req = req.header("x-forwarded-for", addr);
        }
        req
    }

    /// Logs in; returns the login's response (the session is kept when it succeeds).
    pub async fn try_login_response(&mut self, name: &str, password: &str) -> reqwest::Response {
        let res = self.login_request(name, password).await.send().await.unwrap();
        let session = set_cookie(&res, "fd_session").or_else(|| set_cookie(&res, "__Host-fd_session"));
        if let Some(c) = session.filter(|c| !c.ends_with('=')) {
            self.cookie = Some(c);
            let queue = self.get("/staff").await;
            self.csrf = csrf_in(&queue.text().await.unwrap());
        }
        res
    }

    pub async fn login(app: &Running, name: &str, password: &str) -> Self {
        let mut b = StaffBrowser::new(&app.base_url());
        assert_eq!(b.try_login(name, password).await, reqwest::StatusCode::SEE_OTHER, "login of {name}");
        assert!(b.cookie.is_some() && b.csrf.is_some());
        b
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        let mut r = self.http.get(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send().await.unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.unwrap()
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone().unwrap_or_default();
        form.push(("csrf", &csrf));
        self.post_raw(path, &form).await
    }

    /// Posts exactly these fields.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut r = self.http.post(format!("{}{path}", self.base)).form(fields);
        if let Some(c) = &self.cookie {
            r = r.header("cookie", c);
        }
        r.send().await.unwrap()
    }

    /// Posts a form that must succeed (a redirect back).
    pub async fn act(&self, path: &str, fields: &[(&str, &str)]) {
        let res = self.post(path, fields).await;
        let status = res.status();
        assert_eq!(status, 303, "POST {path}: {}", res.text().await.unwrap());
    }
}

/// A resident who answers the first questions and asks for a person, which opens a case at
/// once; returns the case number.
pub async fn resident_with_case(app: &Running, r: &mut Resident<'_>, share: bool, tonight: &str) -> String {
    r.send(r.fake.follow_event(&r.id)).await;
    r.tap("consent_record:yes").await;
    r.tap(if share { "consent_share:yes" } else { "consent_share:no" }).await;
    r.tap("safety:no").await;
    r.tap(&format!("tonight:{tonight}")).await;
    r.tap("cmd:person").await;
    let cases = app.store.cases_of(&r.id).await.unwrap();
    assert_eq!(cases.len(), 1);
    cases[0].number.clone()
}
