//! Connections of the store: a transaction on the writer (`Store::begin`), or a pooled
//! connection outside any transaction (`Store::writer`, `Store::reader`), where each
//! statement commits by itself. The per-table functions take either (`Db`) and run each
//! statement on the concrete connection type of the database with `run!`, so both databases
//! get typed, prepared statements (not `sqlx::Any`).

use sqlx::{
    pool::PoolConnection, Database, Encode, PgConnection, Postgres, QueryBuilder, Sqlite, SqliteConnection,
    Transaction, Type,
};

use super::{Pools, Result, Store};

/// One connection, as the concrete type of its database.
pub(crate) enum Backend<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Where a statement runs: a transaction (`Tx`) or a pooled connection (`Conn`).
pub(crate) trait Db: Send {
    fn backend(&mut self) -> Backend<'_>;

    /// The one dialect difference the SQL has: `FOR UPDATE SKIP LOCKED` (PostgreSQL only).
    fn is_postgres(&self) -> bool;
}

/// Runs one statement on `$db`'s connection, bound to `$conn` as the database's own
/// connection type; `$statement` awaits it. Evaluates to the statement's result.
macro_rules! run {
    ($db:expr, |$conn:ident| $statement:expr) => {
        match $crate::store::db::Db::backend($db) {
            $crate::store::db::Backend::Sqlite($conn) => $statement,
            $crate::store::db::Backend::Postgres($conn) => $statement,
        }
    };
}
pub(crate) use run;

/// A transaction on the writer: committed by `commit`, rolled back if dropped.
pub struct Tx<'c>(TxInner<'c>);

enum TxInner<'c> {
    Sqlite(Transaction<'c, Sqlite>),
    Postgres(Transaction<'c, Postgres>),
}

impl Tx<'_> {
    pub async fn commit(self) -> Result<()> {
        match self.0 {
            TxInner::Sqlite(tx) => tx.commit().await?,
            TxInner::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// A savepoint inside this transaction: its statements are undone alone if it is
    /// dropped without `commit` (https://sqlite.org/lang_savepoint.html; PostgreSQL
    /// manual, "SAVEPOINT").
    pub async fn savepoint(&mut self) -> Result<Tx<'_>> {
        Ok(Tx(match &mut self.0 {
            TxInner::Sqlite(tx) => TxInner::Sqlite(sqlx::Connection::begin(&mut **tx).await?),
            TxInner::Postgres(tx) => TxInner::Postgres(sqlx::Connection::begin(&mut **tx).await?),
        }))
    }
}

impl Db for Tx<'_> {
    fn backend(&mut self) -> Backend<'_> {
        match &mut self.0 {
            TxInner::Sqlite(tx) => Backend::Sqlite(tx),
            TxInner::Postgres(tx) => Backend::Postgres(tx),
        }
    }

    fn is_postgres(&self) -> bool {
        matches!(self.0, TxInner::Postgres(_))
    }
}

/// A pooled connection outside any transaction: each statement commits by itself.
pub struct Conn(ConnInner);

enum ConnInner {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Db for Conn {
    fn backend(&mut self) -> Backend<'_> {
        match &mut self.0 {
            ConnInner::Sqlite(c) => Backend::Sqlite(c),
            ConnInner::Postgres(c) => Backend::Postgres(c),
        }
    }

    fn is_postgres(&self) -> bool {
        matches!(self.0, ConnInner::Postgres(_))
    }
}

impl Store {
    /// Begins a transaction on the writer (SQLite's one write connection).
    pub async fn begin(&self) -> Result<Tx<'static>> {
        Ok(Tx(match &self.pools {
            Pools::Sqlite { write, .. } => TxInner::Sqlite(write.begin().await?),
            Pools::Postgres(pool) => TxInner::Postgres(pool.begin().await?),
        }))
    }

    /// The writer's connection, for statements that each commit by themselves.
    pub async fn writer(&self) -> Result<Conn> {
        Ok(Conn(match &self.pools {
            Pools::Sqlite { write, .. } => ConnInner::Sqlite(write.acquire().await?),
            Pools::Postgres(pool) => ConnInner::Postgres(pool.acquire().await?),
        }))
    }

    /// A connection for reads: on SQLite one of the reader pool's, which run beside the
    /// writer in WAL mode (https://sqlite.org/wal.html, "Concurrency").
    pub async fn reader(&self) -> Result<Conn> {
        Ok(Conn(match &self.pools {
            Pools::Sqlite { read, .. } => ConnInner::Sqlite(read.acquire().await?),
            Pools::Postgres(pool) => ConnInner::Postgres(pool.acquire().await?),
        }))
    }
}

/// Pushes `(a, b, …)`, each value bound, for either database (after `IN`).
pub(crate) fn push_list<'a, DB, T>(q: &mut QueryBuilder<'a, DB>, items: impl IntoIterator<Item = T>)
where
    DB: Database,
    T: 'a + Encode<'a, DB> + Type<DB>,
{
    q.push("(");
    let mut list = q.separated(", ");
    for item in items {
        list.push_bind(item);
    }
    q.push(")");
}

/// Rows per multi-row statement: far below both databases' limits on bound parameters.
pub(crate) const CHUNK: usize = 100;
