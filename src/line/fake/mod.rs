//! An in-process fake LINE platform: state, public API, users, failure injection and observation.
//!
//! It speaks the real Messaging API (api.line.me paths and the api-data.line.me content path on
//! one axum router, see `api.rs`) and sends signed webhooks like the real platform (`webhook.rs`),
//! so the same client code runs against it and against LINE. What it enforces follows LINE's
//! Messaging API reference and OpenAPI specs (`messaging-api.yml`, `webhook.yml`), cited where
//! each rule is made.
//!
//! Modelling choices LINE's documentation leaves open, documented where they are made:
//! - building an event registers its reply token (and image content) right away;
//! - `unfollow_event`/`remove_user` block the user (profile 404); `follow_event` unblocks;
//! - a reply or push to a blocked user is accepted (200) but not delivered ("Retrying an API
//!   request": an accepted request counts even "if delivery failed (e.g. the user blocked the account)").

mod api;
mod endpoints;
mod ids;
mod richmenu;
mod richmenu_check;
mod validate;
mod webhook;

#[cfg(test)]
mod tests_api;
#[cfg(test)]
mod tests_richmenu;
#[cfg(test)]
mod tests_webhook;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::Value;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

pub use richmenu::FakeRichMenu;
pub use webhook::{line_json_bytes, FakeError, WebhookResult};

/// How the fake is set up. `Default` gives test credentials and LINE's timings.
#[derive(Debug, Clone)]
pub struct FakeConfig {
    /// Signs webhooks (LINE Developers, "Receiving messages", verifying the signature).
    pub channel_secret: String,
    /// The only Bearer token the API accepts (reference, "Channel access token").
    pub access_token: String,
    /// How long a reply token stays valid: "within 1 minute" (reference, "Send reply message").
    pub reply_token_ttl: Duration,
    /// How long the webhook sender waits for the bot's answer: 2 s (LINE Developers, "Check webhook error statistics":
    /// `request_timeout`).
    pub webhook_timeout: Duration,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            channel_secret: "fake-channel-secret".to_owned(),
            access_token: "fake-channel-access-token".to_owned(),
            reply_token_ttl: Duration::from_secs(60),
            webhook_timeout: Duration::from_secs(2),
        }
    }
}

/// A resident who added the bot as a friend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeUser {
    pub user_id: String,
    pub display_name: String,
    /// The profile `language` (BCP 47); `None` leaves it out of the profile (reference, "Get profile").
    pub language: Option<String>,
}

/// The endpoints failures can be injected into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Reply,
    Push,
    Profile,
    Loading,
    Content,
    /// Every rich-menu endpoint (`richmenu.rs`).
    RichMenu,
}

/// An injected failure, consumed by one matching request before normal handling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Answer this status with a LINE-style body, e.g. 500 `{"message":"Internal server error"}`.
    Status(u16),
    /// 429 `{"message":"Too Many Requests"}` (reference, "Rate limits"), with `Retry-After` when given.
    RateLimited { retry_after_secs: Option<u64> },
    /// Wait, then handle normally. The request is handled even if the client hung up meanwhile.
    Delay(Duration),
    /// 400 `{"message":"Invalid reply token"}` whatever the request (reference, "Send reply message").
    InvalidReplyToken,
    /// Handle (accept, record, deliver) normally, then stall the response: "outcome unknown".
    AcceptThenDelay(Duration),
}

/// One request the fake received, in arrival order.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCall {
    pub method: String,
    pub path: String,
    /// The `X-Line-Retry-Key` header, if sent.
    pub retry_key: Option<String>,
    /// Whether `Authorization: Bearer <access_token>` was right.
    pub authorization_ok: bool,
    /// The answer's status; 0 while the fake has not decided yet (e.g. during a `Delay`).
    pub status: u16,
    /// The request body, when it parsed as JSON.
    pub body: Option<Value>,
}

/// How a message reached a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Reply,
    Push,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Reply => "reply",
            Via::Push => "push",
        }
    }
}

/// Messages the platform accepted for a chat (one reply or push request).
#[derive(Debug, Clone, PartialEq)]
pub struct Delivered {
    pub chat_id: String,
    pub via: Via,
    pub messages: Vec<Value>,
    pub retry_key: Option<String>,
    /// The accepting response's `x-line-request-id`.
    pub request_id: String,
}

/// The fake platform. Cheap to clone; all clones share one state.
#[derive(Clone)]
pub struct FakeLine {
    inner: Arc<Inner>,
}

struct Inner {
    config: FakeConfig,
    bot_user_id: String,
    state: Mutex<State>,
    deliveries: broadcast::Sender<Delivered>,
    base_url: Mutex<Option<String>>,
    webhook_url: Mutex<Option<String>>,
    http: reqwest::Client,
}

struct UserEntry {
    user: FakeUser,
    blocked: bool,
}

struct ReplyToken {
    chat_id: String,
    issued: Instant,
}

struct AcceptedKey {
    request_id: String,
    at: Instant,
}

struct Content {
    content_type: &'static str,
    bytes: Bytes,
}

struct State {
    users: Vec<UserEntry>,
    reply_tokens: HashMap<String, ReplyToken>,
    mark_as_read_tokens: HashSet<String>,
    retry_keys: HashMap<String, AcceptedKey>,
    failures: HashMap<Endpoint, VecDeque<Failure>>,
    monthly_limit_reached: bool,
    calls: Vec<RecordedCall>,
    delivered: Vec<Delivered>,
    contents: HashMap<String, Content>,
    next_message_id: u64,
    rich: richmenu::RichMenus,
    /// When expired reply tokens and retry keys were last swept out.
    last_sweep: Instant,
}

impl State {
    /// Whether it is time to sweep expired tokens and keys: at most once a second, so a
    /// busy fake (the load generator) does not scan every token for every event.
    fn sweep_due(&mut self) -> bool {
        let due = self.last_sweep.elapsed() >= Duration::from_secs(1);
        if due {
            self.last_sweep = Instant::now();
        }
        due
    }

    /// A fresh numeric message id (user and bot messages share the sequence).
    fn message_id(&mut self) -> String {
        self.next_message_id += 1;
        self.next_message_id.to_string()
    }

    fn user(&self, user_id: &str) -> Option<&UserEntry> {
        self.users.iter().find(|u| u.user.user_id == user_id)
    }

    fn set_blocked(&mut self, user_id: &str, blocked: bool) -> bool {
        let entry = self.users.iter_mut().find(|u| u.user.user_id == user_id);
        entry.map(|u| std::mem::replace(&mut u.blocked, blocked)).unwrap_or(false)
    }
}

impl FakeLine {
    pub fn new(config: FakeConfig) -> Self {
        let http = reqwest::Client::builder().no_proxy().build().expect("a plain reqwest client builds");
        let state = State {
            users: Vec::new(),
            reply_tokens: HashMap::new(),
            mark_as_read_tokens: HashSet::new(),
            retry_keys: HashMap::new(),
            failures: HashMap::new(),
            monthly_limit_reached: false,
            calls: Vec::new(),
            delivered: Vec::new(),
            contents: HashMap::new(),
            rich: richmenu::RichMenus::default(),
            last_sweep: Instant::now(),
            // Real message ids are long decimal numbers; start somewhere plausible.
            next_message_id: fastrand::u64(500_000_000_000_000_000..600_000_000_000_000_000),
        };
        FakeLine {
            inner: Arc::new(Inner {
                config,
                bot_user_id: ids::user_id(),
                state: Mutex::new(state),
                deliveries: broadcast::channel(1024).0,
                base_url: Mutex::new(None),
                webhook_url: Mutex::new(None),
                http,
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn config(&self) -> &FakeConfig {
        &self.inner.config
    }

    /// The API and the content host on one router (with its state applied).
    pub fn router(&self) -> axum::Router {
        api::router(self.clone())
    }

    /// Serves `router()` on 127.0.0.1 (a free port) until `shutdown` is cancelled.
    pub async fn start(&self, shutdown: CancellationToken) -> std::io::Result<SocketAddr> {
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        *lock(&self.inner.base_url) = Some(format!("http://{addr}"));
        let router = self.router();
        tokio::spawn(async move {
            let served = axum::serve(listener, router).with_graceful_shutdown(shutdown.cancelled_owned()).await;
            if let Err(error) = served {
                tracing::warn!(%error, "fake LINE server stopped");
            }
        });
        Ok(addr)
    }

    /// `http://127.0.0.1:PORT` once started (empty before), for both api.line.me and api-data.line.me.
    pub fn base_url(&self) -> String {
        lock(&self.inner.base_url).clone().unwrap_or_default()
    }

    /// Where webhooks are POSTed, e.g. `http://127.0.0.1:8080/webhook`.
    pub fn set_webhook_url(&self, url: &str) {
        *lock(&self.inner.webhook_url) = Some(url.to_owned());
    }

    /// The bot's own user id, sent as the webhook `destination` (`webhook.yml` `CallbackRequest`).
    pub fn bot_user_id(&self) -> String {
        self.inner.bot_user_id.clone()
    }

    /// Adds a friend; returns the new user id. The profile is served until the user blocks.
    pub fn add_user(&self, display_name: &str, language: Option<&str>) -> String {
        let user_id = ids::user_id();
        let user = FakeUser {
            user_id: user_id.clone(),
            display_name: display_name.to_owned(),
            language: language.map(str::to_owned),
        };
        self.state().users.push(UserEntry { user, blocked: false });
        user_id
    }

    /// The user blocks the bot: the profile answers 404, messages are no longer delivered.
    pub fn remove_user(&self, user_id: &str) {
        self.state().set_blocked(user_id, true);
    }

    /// Current friends (not blocked), in the order they were added.
    pub fn users(&self) -> Vec<FakeUser> {
        self.state().users.iter().filter(|u| !u.blocked).map(|u| u.user.clone()).collect()
    }

    /// Queues `times` copies of `failure` for the next requests to `endpoint`.
    pub fn fail_next(&self, endpoint: Endpoint, failure: Failure, times: usize) {
        let mut state = self.state();
        let queue = state.failures.entry(endpoint).or_default();
        queue.extend(std::iter::repeat_n(failure, times));
    }

    /// Forgets the failures still queued for `endpoint`: it answers normally again.
    pub fn clear_failures(&self, endpoint: Endpoint) {
        self.state().failures.remove(&endpoint);
    }

    /// While on, push answers 429 "You have reached your monthly limit." (reference, "Send push message" and "Status codes": 429).
    pub fn set_monthly_limit_reached(&self, on: bool) {
        self.state().monthly_limit_reached = on;
    }

    /// Every request received, in arrival order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.state().calls.clone()
    }

    /// Messages accepted and delivered (reply or push) to `chat_id`, in order.
    pub fn delivered(&self, chat_id: &str) -> Vec<Delivered> {
        self.state().delivered.iter().filter(|d| d.chat_id == chat_id).cloned().collect()
    }

    /// Every later delivery, to any chat.
    pub fn subscribe(&self) -> broadcast::Receiver<Delivered> {
        self.inner.deliveries.subscribe()
    }

    /// Waits until at least `count` deliveries reached `chat_id`, or `timeout`; returns them all.
    pub async fn wait_delivered(&self, chat_id: &str, count: usize, timeout: Duration) -> Vec<Delivered> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.subscribe();
        loop {
            let so_far = self.delivered(chat_id);
            if so_far.len() >= count {
                return so_far;
            }
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Err(_elapsed) => return self.delivered(chat_id),
                Ok(Err(broadcast::error::RecvError::Closed)) => return self.delivered(chat_id),
                Ok(_) => {}
            }
        }
    }

    fn take_failure(&self, endpoint: Endpoint) -> Option<Failure> {
        self.state().failures.get_mut(&endpoint).and_then(VecDeque::pop_front)
    }

    fn record_call(&self, call: RecordedCall) -> usize {
        let mut state = self.state();
        state.calls.push(call);
        state.calls.len() - 1
    }

    fn set_call_status(&self, index: usize, status: u16) {
        if let Some(call) = self.state().calls.get_mut(index) {
            call.status = status;
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
