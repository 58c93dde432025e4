//! Change notifications between instances: PostgreSQL's LISTEN/NOTIFY. On SQLite there is
//! one instance, and `live` hands changes over in memory instead.

use sqlx::postgres::PgListener;

use super::{Pools, Result, Store};

/// The channel every instance listens on.
pub const CHANNEL: &str = "frontdesk_changes";

impl Store {
    /// Whether changes must travel through the database to reach other instances.
    pub fn shares_changes(&self) -> bool {
        matches!(self.pools, Pools::Postgres(_))
    }

    /// Tells every instance listening (this one included) about a change. The payload is
    /// codes and ids only; PostgreSQL limits it to 8000 bytes.
    pub async fn notify_change(&self, payload: &str) -> Result<()> {
        if let Pools::Postgres(pool) = &self.pools {
            sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await?;
        }
        Ok(())
    }

    /// A listener on the change channel (PostgreSQL only). It reconnects by itself after a
    /// lost connection; notifications sent meanwhile are missed, so pages also refresh
    /// when their stream reconnects.
    pub async fn listen_changes(&self) -> Result<Option<PgListener>> {
        match &self.pools {
            Pools::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(listener))
            }
            Pools::Sqlite { .. } => Ok(None),
        }
    }
}
