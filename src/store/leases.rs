//! Leases on inbox events and outbox rows beyond the claim: renewed by the holder's
//! heartbeat while it works, taken over at once by a SQLite process that starts (the
//! previous one is gone: SQLite serves one instance). Both tables have the same lease
//! columns (`state`, `lease_owner`, `lease_until`), so these statements serve both; the
//! claims themselves are in `inbox` and `outbox`.

use sqlx::QueryBuilder;

use super::{
    db::{push_list, run, Db},
    Result, Store,
};

/// The tables whose rows are leased.
const LEASED: [&str; 2] = ["inbox_events", "outbox"];

/// Their keys, in the same order.
const KEYS: [&str; 2] = ["seq", "id"];

impl Store {
    /// Extends every lease held by one of `owners` (this process's workers) to
    /// `lease_until`. Returns how many (inbox events, outbox rows) they hold. A lease that
    /// already ran out and was claimed by someone else is not ours any more and is left alone.
    pub async fn renew_leases(&self, owners: &[String], lease_until: i64) -> Result<(u64, u64)> {
        if owners.is_empty() {
            return Ok((0, 0));
        }
        // On PostgreSQL rows locked by a transaction under way (one finishing them, as a
        // rule) are skipped rather than waited for: the heartbeat never waits on a worker's
        // transaction, so the two can never deadlock, and a skipped row is renewed next beat.
        let mut db = self.writer().await?;
        let lock = if db.is_postgres() { " FOR UPDATE SKIP LOCKED" } else { "" };
        let mut held = [0u64; 2];
        for ((table, key), n) in LEASED.iter().zip(KEYS).zip(held.iter_mut()) {
            *n = run!(&mut db, |c| {
                let mut q = QueryBuilder::new(format!("UPDATE {table} SET lease_until = "));
                q.push_bind(lease_until).push(format!(
                    " WHERE {key} IN (SELECT {key} FROM {table} WHERE state = 'pending' AND lease_owner IN "
                ));
                push_list(&mut q, owners);
                q.push(format!("{lock})"));
                q.build().execute(c).await?.rows_affected()
            });
        }
        Ok((held[0], held[1]))
    }

    /// Frees every pending lease `owner` holds: a worker whose round failed, and which so
    /// no longer knows what it held, gives it back (else the heartbeat would keep it alive
    /// and nobody would handle it). The claims stay counted.
    pub async fn release_owned(&self, owner: &str) -> Result<u64> {
        let mut db = self.writer().await?;
        let mut freed = 0;
        for table in LEASED {
            let sql = format!(
                "UPDATE {table} SET lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner = $1"
            );
            freed += run!(&mut db, |c| sqlx::query(&sql).bind(owner).execute(c).await?.rows_affected());
        }
        Ok(freed)
    }

    /// Frees every lease, whoever holds it: for a SQLite process that starts, whose
    /// database no other process may be serving, so any lease is a dead process's. The
    /// claims stay counted (attempts, reply claims): what a dead process was doing may
    /// have happened. Returns how many (inbox events, outbox rows) were freed.
    pub async fn take_over_leases(&self) -> Result<(u64, u64)> {
        let mut db = self.writer().await?;
        let mut freed = [0u64; 2];
        for (table, n) in LEASED.iter().zip(freed.iter_mut()) {
            let sql = format!(
                "UPDATE {table} SET lease_owner = NULL, lease_until = NULL \
                 WHERE state = 'pending' AND lease_owner IS NOT NULL"
            );
            *n = run!(&mut db, |c| sqlx::query(&sql).execute(c).await?.rows_affected());
        }
        Ok((freed[0], freed[1]))
    }

    /// How many (inbox events, outbox rows) are leased and not yet run out at `now`
    /// (tests and diagnostics).
    pub async fn leases_live(&self, now: i64) -> Result<(i64, i64)> {
        let mut db = self.writer().await?;
        let mut live = [0i64; 2];
        for (table, n) in LEASED.iter().zip(live.iter_mut()) {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE state = 'pending' AND lease_until >= $1");
            *n = run!(&mut db, |c| sqlx::query_scalar(&sql).bind(now).fetch_one(c).await?);
        }
        Ok((live[0], live[1]))
    }
}
