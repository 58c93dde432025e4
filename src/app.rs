//! Assembly: `AppState`, `app(state) -> Router`, and `start`, which wires the store, the
//! LINE client (or, in local mode, the embedded fake platform), the workers and the HTTP
//! server, all stopped by one cancellation token.

use std::{net::SocketAddr, sync::Arc};

use axum::Router;
use secrecy::SecretString;
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteLockingMode},
    Connection, SqliteConnection,
};
use tokio::{net::TcpListener, sync::Notify, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use crate::{
    casework::service::Casework,
    config::{Channel, Config, ConfigError},
    conversation::ConversationService,
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
    worker::{
        inbox::{Handoff, InboxWorker},
        ingest::Ingest,
        lease_owner,
        outbox::OutboxWorker,
    },
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
    pub shutdown: CancellationToken,
    tasks: Vec<JoinHandle<()>>,
    /// On SQLite, held while the workers run (`serving_lock`).
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

/// Starts the service described by `config`.
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
    let lock = if config.settings.workers.enabled { serving_lock(&store).await? } else { None };
    let listener =
        TcpListener::bind(config.bind).await.map_err(|source| StartError::Bind { addr: config.bind, source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.bind, source })?;

    // Local mode: the same fake platform the tests use, with a fresh secret and token.
    let (secret, token, api_base, data_base, fake) = match &config.channel {
        Channel::Line(creds) => (
            creds.channel_secret.clone(),
            creds.access_token.clone(),
            config.api_base_url.clone(),
            config.data_api_base_url.clone(),
            None,
        ),
        // (`Unset` was refused by `check_serve` above.)
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
    let metrics = Arc::new(Metrics::default());
    let wake_inbox = Arc::new(Notify::new());
    let wake_outbox = Arc::new(Notify::new());
    let (ingest, ingest_task) = Ingest::spawn(store.clone(), wake_inbox.clone());
    let mut tasks = vec![ingest_task];
    if store.backend() == "sqlite" {
        tasks.push(tokio::spawn(crate::worker::checkpoint::run(store.clone(), shutdown.clone())));
    }
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
    };
    if config.settings.retention.purge_every_hours > 0 {
        tasks.push(tokio::spawn(crate::worker::purge::run(
            store.clone(),
            config.settings.retention.clone(),
            config.settings.staff.clone(),
            shutdown.clone(),
        )));
    }

    if config.settings.workers.enabled {
        let owner = lease_owner();
        if store.backend() == "sqlite" {
            // SQLite serves one instance (`serving_lock`): any lease in the file is a
            // killed process's, and its work is taken over now rather than after the lease
            // runs out.
            let (inbox, outbox) = store.take_over_leases().await?;
            if inbox + outbox > 0 {
                tracing::info!(inbox, outbox, "took over the leases of a process that stopped without releasing them");
            }
            metrics.inbox_leases_recovered.fetch_add(inbox, std::sync::atomic::Ordering::Relaxed);
            metrics.outbox_leases_recovered.fetch_add(outbox, std::sync::atomic::Ordering::Relaxed);
        }
        let _ = metrics.lease_owner.set(owner.clone());
        let mut settings = config.settings.clone();
        if fake.is_some() && settings.centre.phone.is_none() {
            // Local mode only: a number that is obviously not real.
            settings.centre.phone = Some("000-0000-0000".into());
        }
        let handler = ConversationService {
            locales: locales.clone(),
            settings: Arc::new(settings),
            crisis: crisis.clone(),
            client: client.clone(),
            staff_text: staff_text.clone(),
            dashboard_url: public_url.clone(),
        };
        let handler = Arc::new(handler);
        let sender_owner = format!("{owner}-out");
        let mut workers = Vec::new();
        let (handoff_tx, handoff_rx) = tokio::sync::mpsc::channel(4096);
        // Several claim-handle-commit loops, so one batch's database round trips overlap
        // with another's handling. The claim keeps each resident's events in order across
        // loops just as across instances.
        for i in 0..config.settings.workers.inbox_loops {
            let inbox = InboxWorker {
                handoff: Some(Handoff { owner: sender_owner.clone(), rows: handoff_tx.clone() }),
                live: Some(live.clone()),
                store: store.clone(),
                handler: handler.clone(),
                metrics: metrics.clone(),
                settings: config.settings.workers.clone(),
                owner: format!("{owner}-{i}"),
                wake_self: wake_inbox.clone(),
                wake_outbox: wake_outbox.clone(),
            };
            workers.push(tokio::spawn(inbox.run(shutdown.clone())));
        }
        drop(handoff_tx);
        let mut owners: Vec<String> =
            (0..config.settings.workers.inbox_loops).map(|i| format!("{owner}-{i}")).collect();
        owners.push(sender_owner.clone());
        let outbox = OutboxWorker {
            handoff: Some(handoff_rx),
            live: Some(live.clone()),
            store: store.clone(),
            client: client.clone(),
            metrics: metrics.clone(),
            settings: config.settings.workers.clone(),
            line: config.settings.line.clone(),
            owner: sender_owner,
            wake: wake_outbox,
        };
        workers.push(tokio::spawn(outbox.run(shutdown.clone())));
        // The heartbeat outlives the workers: a sender finishing its calls to LINE after
        // shutdown began still holds its rows.
        let beat_stop = CancellationToken::new();
        let beat = tokio::spawn(crate::worker::lease::run(
            store.clone(),
            owners,
            config.settings.workers.clone(),
            metrics.clone(),
            beat_stop.clone(),
        ));
        tasks.push(tokio::spawn(async move {
            for w in workers {
                let _ = w.await;
            }
            beat_stop.cancel();
            let _ = beat.await;
        }));
    }

    let staff = StaffWeb::new(
        staff_text,
        config.settings.staff.clone(),
        config.settings.alerts.clone(),
        public_url,
        fake.is_some(),
    )?;
    let staff = Arc::new(staff);
    let state = AppState {
        store: store.clone(),
        metrics: metrics.clone(),
        ingest,
        channel_secret: secret,
        desk,
        staff: staff.clone(),
        client,
        shutdown: shutdown.clone(),
        replay_window_ms: config.settings.retention.inbox_days as i64 * 86_400_000,
        crisis,
    };
    let mut router = app(state);
    if let Some(fake) = &fake {
        router = router.merge(crate::web::simulator::router(fake.clone(), shutdown.clone()));
    }
    let stop = shutdown.clone();
    tasks.push(tokio::spawn(async move {
        // The peer address is needed to rate-limit logins per client.
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(listener, service).with_graceful_shutdown(async move { stop.cancelled().await }).await;
        if let Err(e) = served {
            tracing::error!(error = %e, "HTTP server failed");
        }
    }));
    // The server task owns the last `Ingest` handle (in the router's state): when it ends,
    // the ingest task writes what is queued and ends too.
    Ok(Running { addr, store, metrics, fake, staff, shutdown, tasks, lock })
}

/// Locks `<database>.serving` (a small SQLite file of its own) for as long as this process
/// serves a SQLite database with its workers, so a second one cannot start beside it and take
/// its leases over. In SQLite's exclusive locking mode the first write keeps the file locked
/// until the connection closes (https://sqlite.org/pragma.html#pragma_locking_mode); the
/// operating system drops the lock when the process ends, even by `kill -9`.
async fn serving_lock(store: &Store) -> Result<Option<SqliteConnection>, StartError> {
    let Some(db) = store.sqlite_file() else { return Ok(None) };
    let mut path = db.into_os_string();
    path.push(".serving");
    let shown = std::path::Path::new(&path).display().to_string();
    let opts = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(std::time::Duration::ZERO);
    let locked = async {
        let mut conn = SqliteConnection::connect_with(&opts).await?;
        sqlx::query("CREATE TABLE IF NOT EXISTS serving (pid INTEGER NOT NULL)").execute(&mut conn).await?;
        sqlx::query("INSERT INTO serving (pid) VALUES ($1)")
            .bind(i64::from(std::process::id()))
            .execute(&mut conn)
            .await?;
        sqlx::query("DELETE FROM serving").execute(&mut conn).await?;
        Ok::<_, sqlx::Error>(conn)
    };
    match locked.await {
        Ok(conn) => Ok(Some(conn)),
        // SQLITE_BUSY (5) or SQLITE_LOCKED (6): another process holds it.
        Err(e) if e.as_database_error().and_then(|d| d.code()).is_some_and(|c| c == "5" || c == "6") => {
            Err(StartError::AlreadyServing(shown))
        }
        Err(source) => Err(StartError::Lock { path: shown, source }),
    }
}
