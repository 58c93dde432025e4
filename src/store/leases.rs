//! Leases on inbox events and outbox rows beyond the claim: renewed by the holder's
//! heartbeat while it works, taken over at once by a SQLite process that starts (the
//! previous one is gone: SQLite serves one instance).

use sqlx::QueryBuilder;

use super::{with_db, Result, Store};

/// The tables whose rows are leased.
const LEASED: [&str; 2] = ["inbox_events", "outbox"];

impl Store {
    /// Extends every lease held by one of `owners` (this process's workers) to
    /// `lease_until`. Returns how many (inbox events, outbox rows) they hold. A lease that
    /// already ran out and was claimed by someone else is not ours any more and is left alone.
    pub async fn renew_leases(&self, owners: &[String], lease_until: i64) -> Result<(u64, u64)> {
        if owners.is_empty() {
            return Ok((0, 0));
        }
        let mut held = [0u64; 2];
        with_db!(self, pool => {
            for (table, n) in LEASED.iter().zip(held.iter_mut()) {
                let mut q = QueryBuilder::new(format!("UPDATE {table} SET lease_until = "));
                q.push_bind(lease_until).push(" WHERE state = 'pending' AND lease_owner IN (");
                let mut list = q.separated(", ");
                for owner in owners {
                    list.push_bind(owner);
                }
                q.push(")");
                *n = q.build().execute(pool).await?.rows_affected();
            }
        });
        Ok((held[0], held[1]))
    }

    /// Frees every lease, whoever holds it: for a SQLite process that starts, whose
    /// database no other process may be serving, so any lease is a dead process's. The
    /// claims stay counted (attempts, reply claims): what a dead process was doing may
    /// have happened. Returns how many (inbox events, outbox rows) were freed.
    pub async fn take_over_leases(&self) -> Result<(u64, u64)> {
        let mut freed = [0u64; 2];
        with_db!(self, pool => {
            for (table, n) in LEASED.iter().zip(freed.iter_mut()) {
                let sql = format!(
                    "UPDATE {table} SET lease_owner = NULL, lease_until = NULL \
                     WHERE state = 'pending' AND lease_owner IS NOT NULL"
                );
                *n = sqlx::query(&sql).execute(pool).await?.rows_affected();
            }
        });
        Ok((freed[0], freed[1]))
    }

    /// How many (inbox events, outbox rows) are leased and not yet run out at `now`
    /// (tests and diagnostics).
    pub async fn leases_live(&self, now: i64) -> Result<(i64, i64)> {
        let mut live = [0i64; 2];
        with_db!(self, pool => {
            for (table, n) in LEASED.iter().zip(live.iter_mut()) {
                let sql = format!("SELECT COUNT(*) FROM {table} WHERE state = 'pending' AND lease_until >= $1");
                *n = sqlx::query_scalar(&sql).bind(now).fetch_one(pool).await?;
            }
        });
        Ok((live[0], live[1]))
    }
}
