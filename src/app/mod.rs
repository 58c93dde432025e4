//! Assembly: `AppState`, `app(state) -> Router`, and `start`, which first builds the state
//! from the configuration (the store, the LINE client or, in local mode, the embedded fake
//! platform, the staff operations and pages) and then runs the tasks (`tasks`: the workers
//! and the HTTP server), all stopped by one cancellation token.

mod lock;
mod tasks;

use std::{net::SocketAddr, sync::Arc};

use axum::Router;
use secrecy::SecretString;
use sqlx::{Connection, SqliteConnection};
use tokio::{net::TcpListener, sync::Notify, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use crate::{
    casework::service::Casework,
    clock::Clock,
    config::{Channel, Config, ConfigError},
    crisis::CrisisDetector,
    i18n::{staff::StaffText, I18nError, Locales},
    line::{
        client::{LineClient, LineError},
        fake::{FakeConfig, FakeLine},
    },
    live::Live,
    metrics::Metrics,
    store::{Store, StoreError},
    web::staff::StaffWeb,
    worker::ingest::Ingest,
};

/// What every HTTP handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub metrics: Arc<Metrics>,
    pub ingest: Ingest,
    pub channel_secret: SecretString,
    /// Staff operations on cases (dashboard and API).
    pub desk: Casework,
    /// The dashboard's templates, labels and settings.
    pub staff: Arc<StaffWeb>,
    /// For attachments staff open (LINE's content host).
    pub client: LineClient,
    /// Ends every live stream on shutdown.
    pub shutdown: CancellationToken,
    /// Webhook events older than this (ms; `[retention] inbox_days`, the de-duplication
    /// window) are stored as skipped, not handled.
    pub replay_window_ms: i64,
    /// Marks, on the case page, the sentence whose wording opened or raised a crisis case.
    pub crisis: Arc<CrisisDetector>,
}

/// The service's router.
pub fn app(state: AppState) -> Router {
    crate::web::router(state)
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("local mode listens only on a loopback address, not {0}")]
    LocalBind(SocketAddr),
    #[error("cannot start the local LINE platform: {0}")]
    Fake(std::io::Error),
    #[error(transparent)]
    Line(#[from] LineError),
    #[error(transparent)]
    I18n(#[from] I18nError),
    #[error("staff page templates: {0}")]
    Templates(#[from] minijinja::Error),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("another frontdesk is already serving {0}: SQLite serves one instance (use PostgreSQL for several)")]
    AlreadyServing(String),
    #[error("cannot lock {path}: {source}")]
    Lock { path: String, source: sqlx::Error },
}

/// A running service.
pub struct Running {
    pub addr: SocketAddr,
    pub store: Store,
    pub metrics: Arc<Metrics>,
    /// The embedded platform, in local mode.
    pub fake: Option<FakeLine>,
    /// The dashboard (its login limiter's clock is set by tests).
    pub staff: Arc<StaffWeb>,
    /// The time the inbox handles events at: the wall clock, unless a test sets it.
    pub clock: Arc<Clock>,
    pub shutdown: CancellationToken,
    tasks: Vec<JoinHandle<()>>,
    /// On SQLite, held while the workers run (`lock::serving_lock`).
    lock: Option<SqliteConnection>,
}

impl Running {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting requests, lets in-flight work finish, and waits for every task.
    pub async fn stop(self) {
        self.shutdown.cancel();
        for t in self.tasks {
            let _ = t.await;
        }
        self.store.close().await;
        if let Some(lock) = self.lock {
            // Closed, not just dropped, so the lock is free when this returns.
            let _ = lock.close().await;
        }
    }

    /// Waits until the shutdown token is cancelled (by a signal) and every task is done.
    pub async fn wait(self) {
        self.shutdown.cancelled().await;
        self.stop().await;
    }
}

/// Starts the service described by `config`: builds its state, then runs its tasks.
pub async fn start(config: Config) -> Result<Running, StartError> {
    // Checked before the database is touched: a deployment that lost its LINE variables
    // stops here instead of running without a channel.
    config.check_serve()?;
    if config.is_local_mode() && !config.bind.ip().is_loopback() {
        return Err(StartError::LocalBind(config.bind));
    }
    let shutdown = CancellationToken::new();
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    // Before anything starts: a second process must not run beside the first.
    let lock = if config.settings.workers.enabled { lock::serving_lock(&store).await? } else { None };
    let listener =
        TcpListener::bind(config.bind).await.map_err(|source| StartError::Bind { addr: config.bind, source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.bind, source })?;

    let mut built = Built::new(&config, store, addr, &shutdown).await?;
    tasks::spawn_background(&config, &mut built, &shutdown);
    if config.settings.workers.enabled {
        let workers = tasks::spawn_workers(&config, &built, &shutdown).await?;
        built.tasks.push(workers);
    }
    let Built { state, fake, mut tasks, clock, .. } = built;
    let (store, metrics, staff) = (state.store.clone(), state.metrics.clone(), state.staff.clone());
    let mut router = app(state);
    if let Some(fake) = &fake {
        router =
            router.merge(crate::web::simulator::router(fake.clone(), shutdown.clone(), &config.settings.languages));
    }
    // The server task owns the last `Ingest` handle (in the router's state): when it ends,
    // the ingest task writes what is queued and ends too.
    tasks.push(tasks::serve(listener, router, shutdown.clone()));
    Ok(Running { addr, store, metrics, fake, staff, clock, shutdown, tasks, lock })
}

/// The LINE side of the service: the channel's secret and a client for its API.
struct LineSide {
    secret: SecretString,
    client: LineClient,
    /// Local mode: the same fake platform the tests use, with a fresh secret and token.
    fake: Option<FakeLine>,
}

impl LineSide {
    async fn new(config: &Config, addr: SocketAddr, shutdown: &CancellationToken) -> Result<Self, StartError> {
        let (secret, token, api_base, data_base, fake) = match &config.channel {
            Channel::Line(creds) => (
                creds.channel_secret.clone(),
                creds.access_token.clone(),
                config.api_base_url.clone(),
                config.data_api_base_url.clone(),
                None,
            ),
            // (`Unset` was refused by `check_serve` in `start`.)
            Channel::Local | Channel::Unset => {
                let secret = uuid::Uuid::new_v4().simple().to_string();
                let token = uuid::Uuid::new_v4().simple().to_string();
                let fake = FakeLine::new(FakeConfig {
                    channel_secret: secret.clone(),
                    access_token: token.clone(),
                    ..FakeConfig::default()
                });
                fake.start(shutdown.clone()).await.map_err(StartError::Fake)?;
                fake.set_webhook_url(&format!("http://{addr}/webhook"));
                let base = fake.base_url();
                (SecretString::from(secret), SecretString::from(token), base.clone(), base, Some(fake))
            }
        };
        let client = LineClient::new(&api_base, &data_base, token, config.settings.line.request_timeout())?;
        Ok(LineSide { secret, client, fake })
    }
}

/// The state built from the configuration, before any worker runs: the HTTP handlers' state
/// and what the workers share with it.
struct Built {
    state: AppState,
    live: Live,
    locales: Arc<Locales>,
    /// Coordinator alerts are written with the staff's words.
    staff_text: Arc<StaffText>,
    /// The dashboard's address, for links in alerts.
    public_url: String,
    wake_inbox: Arc<Notify>,
    wake_outbox: Arc<Notify>,
    /// The embedded platform, in local mode.
    fake: Option<FakeLine>,
    /// Every task started so far, stopped with the service.
    tasks: Vec<JoinHandle<()>>,
    /// The inbox workers' clock.
    clock: Arc<Clock>,
}

impl Built {
    async fn new(
        config: &Config,
        store: Store,
        addr: SocketAddr,
        shutdown: &CancellationToken,
    ) -> Result<Self, StartError> {
        let LineSide { secret, client, fake } = LineSide::new(config, addr, shutdown).await?;
        let metrics = Arc::new(Metrics::default());
        let wake_inbox = Arc::new(Notify::new());
        let wake_outbox = Arc::new(Notify::new());
        let (ingest, ingest_task) = Ingest::spawn(store.clone(), wake_inbox.clone());
        let mut tasks = vec![ingest_task];
        let locales = Arc::new(Locales::load()?);
        let staff_text = Arc::new(StaffText::load()?);
        // Built once: the conversation reads every text with it, the case page marks with it
        // the sentence that alarmed.
        let crisis = Arc::new(CrisisDetector::new());
        let live = Live::new(store.clone());
        if let Some(listener) = live.spawn_listener(shutdown.clone()).await? {
            tasks.push(listener);
        }
        let public_url = config
            .settings
            .staff
            .public_url
            .clone()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{addr}"));
        let desk = Casework {
            store: store.clone(),
            live: live.clone(),
            locales: locales.clone(),
            wake_outbox: wake_outbox.clone(),
            partners: config.settings.routing.partners,
            sender_icon: config.settings.staff.sender_icon_url.clone(),
            phrasebook: Arc::new(config.settings.phrasebook.clone()),
        };
        let mut staff = StaffWeb::new(
            staff_text.clone(),
            config.settings.staff.clone(),
            config.settings.alerts.clone(),
            public_url.clone(),
            fake.is_some(),
        )?;
        staff.languages = config.settings.languages.offered();
        let staff = Arc::new(staff);
        let state = AppState {
            store,
            metrics,
            ingest,
            channel_secret: secret,
            desk,
            staff,
            client,
            shutdown: shutdown.clone(),
            replay_window_ms: config.settings.retention.inbox_days as i64 * 86_400_000,
            crisis,
        };
        let clock = Arc::new(Clock::default());
        Ok(Built { state, live, locales, staff_text, public_url, wake_inbox, wake_outbox, fake, tasks, clock })
    }
}
