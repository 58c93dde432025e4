//! All SQL: one `Store` over SQLite (embedded default) and PostgreSQL (several instances).
//!
//! Each table's SQL is private to its file (`inbox`, `outbox`, `cases`, `conversations`,
//! `transcript`, `history`, `staff`, …), as plain async functions that take a connection
//! (`db::Tx`, a transaction, or `db::Conn`). Operations over several tables (`finish`,
//! `casework`, `retention`) compose them in one transaction. The SQL is portable (text ids,
//! integer millisecond timestamps, integer flags read back as `bool`, `$n` parameters, which
//! SQLite also accepts); the one dialect difference, `FOR UPDATE SKIP LOCKED` when claiming
//! work, is spelled out where it occurs.

mod alerts;
pub(crate) mod cases;
pub(crate) mod casework;
mod conversations;
pub(crate) mod db;
mod erasure_requests;
pub(crate) mod finish;
pub(crate) mod group_commit;
mod history;
pub(crate) mod inbox;
pub(crate) mod leases;
mod line_chats;
pub(crate) mod notify;
pub(crate) mod numbers;
pub(crate) mod outbox;
mod questions;
pub(crate) mod retention;
mod rich_menus;
#[cfg(test)]
mod schema_tests;
pub(crate) mod staff;
mod staff_links;
mod transcript;

use std::{str::FromStr, time::Duration};

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};

pub use alerts::{AlertAdvance, AlertRow};
pub use cases::{CaseChange, CaseDetails, CaseListing, CaseRow, CaseWrite, Expect, ResidentCase};
pub use casework::{CaseWork, HistoryLine, StaffMessage};
pub use conversations::{ConversationWrite, StoredConversation};
pub use db::{Conn, Tx};
pub use finish::{AlertWrite, ClaimNext, Effects, Finished, InboxOutcome};
pub use group_commit::GroupCommitResult;
pub use history::{ActionRow, AuditRow, LoginFailure};
pub use inbox::{InboxEvent, NewInboxEvent};
pub use outbox::{NewOutbox, OutboxResult, OutboxRow, SentVia};
pub use questions::{NewQuestion, QuestionAnswer, QuestionRow};
pub use retention::Purged;
pub use rich_menus::{RichMenuLink, RichMenuRecord, LINK_KIND};
pub use staff::{SessionRow, StaffRow};
pub use staff_links::{masked as masked_line_user, LinkOutcome};
pub use transcript::{TranscriptLine, TranscriptRow, TranscriptWrite};

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
enum Pools {
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
    pools: Pools,
    /// Webhook events waiting for their commit (`group_commit`).
    group_commit: std::sync::Arc<group_commit::GroupCommit>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend()).finish_non_exhaustive()
    }
}

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
            Ok(Store { pools: Pools::Postgres(pool), group_commit: Default::default() })
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
            Ok(Store { pools: Pools::Sqlite { write, read }, group_commit: Default::default() })
        } else {
            Err(StoreError::Url("must start with sqlite: or postgres://".into()))
        }
    }

    /// Applies the migrations not yet applied. On PostgreSQL nothing is written when every
    /// migration is already there: the service may then run as a role that owns no table
    /// and may create none (the schema's owner runs `frontdesk migrate`).
    pub async fn migrate(&self) -> Result<()> {
        match &self.pools {
            Pools::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await?,
            Pools::Postgres(pool) => {
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
        let mut db = self.reader().await?;
        db::run!(&mut db, |c| {
            sqlx::query("SELECT 1").execute(c).await?;
        });
        Ok(())
    }

    /// Copies committed WAL frames into the SQLite database file without blocking the
    /// writer (`PRAGMA wal_checkpoint(PASSIVE)`; https://sqlite.org/wal.html#ckpt).
    /// PostgreSQL: nothing to do.
    pub async fn checkpoint(&self) -> Result<()> {
        if let Pools::Sqlite { read, .. } = &self.pools {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(read).await?;
        }
        Ok(())
    }

    /// The SQLite database file (`None` on PostgreSQL or for an in-memory database).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                let path = write.connect_options().get_filename().to_path_buf();
                (path.as_os_str() != ":memory:").then_some(path)
            }
            Pools::Postgres(_) => None,
        }
    }

    pub fn backend(&self) -> &'static str {
        match self.pools {
            Pools::Sqlite { .. } => "sqlite",
            Pools::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }
}
