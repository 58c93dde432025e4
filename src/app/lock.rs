//! The serving lock: one process at a time serves a SQLite database with its workers.

use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteLockingMode},
    Connection, SqliteConnection,
};

use super::StartError;
use crate::store::Store;

/// Locks `<database>.serving` (a small SQLite file of its own) for as long as this process
/// serves a SQLite database with its workers, so a second one cannot start beside it and take
/// its leases over. In SQLite's exclusive locking mode the first write keeps the file locked
/// until the connection closes (https://sqlite.org/pragma.html#pragma_locking_mode); the
/// operating system drops the lock when the process ends, even by `kill -9`.
pub(super) async fn serving_lock(store: &Store) -> Result<Option<SqliteConnection>, StartError> {
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
