//! All SQL: one `Store` over SQLite (embedded default) and PostgreSQL (several instances).
//!
//! Not `sqlx::Any`: each query is written once and run through the concrete pool of the
//! configured database by `with_db!`, so both get typed, prepared statements. The SQL is
//! portable (text ids, integer millisecond timestamps, integer flags, `$n` parameters, which
//! SQLite also accepts); the one dialect difference, `FOR UPDATE SKIP LOCKED` when claiming
//! work, is spelled out where it occurs.

pub(crate) mod cases;
pub(crate) mod casework;
pub(crate) mod inbox;
pub(crate) mod leases;
pub(crate) mod notify;
pub(crate) mod numbers;
pub(crate) mod outbox;
pub(crate) mod queue;
pub(crate) mod retention;
#[cfg(test)]
mod schema_tests;
pub(crate) mod staff;

use std::{str::FromStr, time::Duration};

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};

pub use cases::{CaseRow, CaseWrite, ConversationWrite, StoredConversation, TranscriptRow, TranscriptWrite};
pub use casework::{ActionRow, AuditRow, CaseWork, Relay, StaffMessage, TranscriptLine, Val};
pub use inbox::{ClaimNext, Finished, InboxEvent, InboxOutcome, NewInboxEvent};
pub use outbox::{NewOutbox, OutboxResult, OutboxRow, SentVia};
pub use queue::Stored;
pub use retention::Purged;
pub use staff::{LoginFailure, SessionRow, StaffRow};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("DATABASE_URL: {0}")]
    Url(String),
    #[error("no case number is left for the day {0}")]
    NoCaseNumber(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Debug)]
enum Db {
    /// SQLite allows one writer at a time; a one-connection write pool queues writers in
    /// the process instead of letting them collide on the file lock.
    Sqlite {
        write: SqlitePool,
        read: SqlitePool,
    },
    Postgres(PgPool),
}

#[derive(Clone)]
pub struct Store {
    db: Db,
    /// Webhook events waiting for their commit (`queue`).
    queue: std::sync::Arc<queue::InboxQueue>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend()).finish_non_exhaustive()
    }
}

/// Runs `$body` with `$pool` bound to the pool that writes, whichever database it is.
macro_rules! with_db {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.db {
            crate::store::Db::Sqlite { write: $pool, .. } => $body,
            crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_db;

/// Runs `$body` with `$pool` bound to a pool for reads (SQLite's reader pool, WAL lets
/// readers run beside the writer).
macro_rules! with_read_db {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.db {
            crate::store::Db::Sqlite { read: $pool, .. } => $body,
            crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_read_db;

/// Picks the SQL text for the database: most queries are the same for both.
macro_rules! dialect {
    ($store:expr, sqlite: $s:expr, postgres: $p:expr) => {
        match &$store.db {
            crate::store::Db::Sqlite { .. } => $s,
            crate::store::Db::Postgres(_) => $p,
        }
    };
}
pub(crate) use dialect;

impl Store {
    /// Connects to `sqlite:…` (file created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Store { db: Db::Postgres(pool), queue: Default::default() })
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Url(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a commit is on disk before the webhook is acknowledged. The cost
                // (one fsync per commit) is paid once per batch by group commit.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Statement journals (a multi-row statement's undo within a transaction)
                // need no durability: the WAL is what survives a crash. In memory they
                // cost no temp-file writes on the one writer's path.
                .pragma("temp_store", "memory")
                // The WAL is reset to this size after a checkpoint, so a burst does not
                // leave a large file behind.
                .pragma("journal_size_limit", "67108864");
            // The writer still checkpoints on commit (every 1,000 pages, SQLite's default),
            // but `Store::checkpoint`, run often from a reader connection, has usually done
            // that work already, so the commit that crosses the line is not stalled by it.
            // (Leaving the checkpoints to the reader alone made the writer slower: README.)
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await?;
            Ok(Store { db: Db::Sqlite { write, read }, queue: Default::default() })
        } else {
            Err(StoreError::Url("must start with sqlite: or postgres://".into()))
        }
    }

    /// Applies the migrations not yet applied. On PostgreSQL nothing is written when every
    /// migration is already there: the service may then run as a role that owns no table
    /// and may create none (the schema's owner runs `frontdesk migrate`).
    pub async fn migrate(&self) -> Result<()> {
        match &self.db {
            Db::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await?,
            Db::Postgres(pool) => {
                if !Self::postgres_up_to_date(pool).await {
                    POSTGRES_MIGRATIONS.run(pool).await?;
                }
            }
        }
        Ok(())
    }

    /// Whether every migration is applied, each with the checksum of the one in this
    /// build (anything else, a missing table included, is left to the migrator to apply or
    /// report).
    async fn postgres_up_to_date(pool: &PgPool) -> bool {
        let applied: Vec<(i64, Vec<u8>)> = match sqlx::query_as(
            "SELECT version, checksum FROM _sqlx_migrations WHERE success",
        )
        .fetch_all(pool)
        .await
        {
            Ok(rows) => rows,
            Err(_) => return false,
        };
        POSTGRES_MIGRATIONS
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .all(|m| applied.iter().any(|(v, sum)| *v == m.version && sum.as_slice() == &*m.checksum))
    }

    /// For `/readyz`: the database answers a query.
    pub async fn ping(&self) -> Result<()> {
        with_read_db!(self, pool => { sqlx::query("SELECT 1").execute(pool).await?; });
        Ok(())
    }

    /// Copies committed WAL frames into the SQLite database file without blocking the
    /// writer (`PRAGMA wal_checkpoint(PASSIVE)`; https://sqlite.org/wal.html#ckpt).
    /// PostgreSQL: nothing to do.
    pub async fn checkpoint(&self) -> Result<()> {
        if let Db::Sqlite { read, .. } = &self.db {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(read).await?;
        }
        Ok(())
    }

    /// The SQLite database file (`None` on PostgreSQL or for an in-memory database).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        match &self.db {
            Db::Sqlite { write, .. } => {
                let path = write.connect_options().get_filename().to_path_buf();
                (path.as_os_str() != ":memory:").then_some(path)
            }
            Db::Postgres(_) => None,
        }
    }

    pub fn backend(&self) -> &'static str {
        dialect!(self, sqlite: "sqlite", postgres: "postgres")
    }

    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// What handling one event writes, committed in the same transaction that marks it done:
/// the conversation's new state, the case, the transcript and the messages, together or
/// not at all.
#[derive(Default)]
pub struct Effects {
    /// Drop every message still waiting for this chat (the resident blocked the account).
    pub cancel_outbox_for: Option<String>,
    pub conversation: Option<ConversationWrite>,
    pub case: Option<CaseWrite>,
    pub outbox: Vec<NewOutbox>,
    pub transcript: Vec<TranscriptWrite>,
    /// Coordinator alerts for the case, each sent once per level (see `AlertWrite`).
    pub alerts: Vec<AlertWrite>,
    /// The resident was told that staff are handling case (user id, case number).
    pub handoff_notified: Option<(String, String)>,
    /// The resident asked for their data to be erased (user id).
    pub erasure_requested: Option<String>,
    /// The bot joined (`true`) or left a group or room: (chat id, kind, joined).
    pub chat_membership: Option<(String, &'static str, bool)>,
}

/// An alert about a case to coordinators, written only if the case has not yet been
/// alerted at this level or higher: the case row's `alert_level` makes it exactly once,
/// whatever restarts or redeliveries happen.
#[derive(Debug, Clone)]
pub struct AlertWrite {
    pub case_number: String,
    /// 1: urgent (shelter), 2: emergency.
    pub level: i64,
    pub rows: Vec<NewOutbox>,
}

impl std::fmt::Debug for Effects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Effects")
            .field("case", &self.case)
            .field("outbox", &self.outbox.len())
            .field("transcript", &self.transcript.len())
            .finish_non_exhaustive()
    }
}
