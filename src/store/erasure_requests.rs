//! Residents' requests to erase their data (`erasure_requests`), asked for through LINE and
//! carried out by staff (`retention`).

use crate::ids::LineUserId;

use super::{
    db::{run, Tx},
    Result, Store,
};

/// Opens a request for the resident, unless one is already open.
pub(super) async fn open(tx: &mut Tx<'_>, user_id: &LineUserId, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO erasure_requests (user_id, requested_at) SELECT CAST($1 AS TEXT), CAST($2 AS BIGINT) \
             WHERE NOT EXISTS (SELECT 1 FROM erasure_requests WHERE user_id = $1 AND done_at IS NULL)",
        )
        .bind(user_id)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Marks the resident's requests done by `staff_id`, and forgets whose they were.
pub(super) async fn close(tx: &mut Tx<'_>, user_id: &LineUserId, staff_id: &str, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE erasure_requests SET user_id = NULL, done_at = $2, done_by = $3 WHERE user_id = $1")
            .bind(user_id)
            .bind(now)
            .bind(staff_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

impl Store {
    /// Residents who asked for erasure and are waiting for staff to confirm: (request id,
    /// user id, requested at).
    pub async fn pending_erasures(&self) -> Result<Vec<(i64, String, i64)>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT id, user_id, requested_at FROM erasure_requests WHERE done_at IS NULL AND user_id IS NOT NULL \
                 ORDER BY id",
            )
            .fetch_all(c)
            .await?
        }))
    }
}
