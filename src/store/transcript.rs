//! The transcript (`transcript`): both directions of every conversation, linked to the
//! case once there is one, each outgoing line pointing at the outbox row that carries it.

use sqlx::QueryBuilder;

use crate::ids::LineUserId;

use super::{
    db::{run, Tx, CHUNK},
    Result, Store,
};

/// One line of the transcript.
#[derive(Clone)]
pub struct TranscriptWrite {
    pub user_id: LineUserId,
    /// The case it belongs to, by number, if there is one.
    pub case_number: Option<String>,
    pub direction: &'static str,
    pub kind: &'static str,
    pub body: Option<String>,
    /// For the bot's lines to a resident who reads another language: the same messages
    /// rendered in Japanese, for staff to read beside them.
    pub gloss: Option<String>,
    /// For outgoing lines: the index of the outbox row (in the same `Effects`) that carries it.
    pub outbox_index: Option<usize>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TranscriptRow {
    pub id: i64,
    pub case_id: Option<String>,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub outbox_id: Option<i64>,
    pub created_at: i64,
}

/// One transcript line as the case page shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TranscriptLine {
    pub id: i64,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub gloss: Option<String>,
    pub staff_name: Option<String>,
    pub created_at: i64,
    /// The outbox row carrying an outgoing line: pending | sent | failed.
    pub delivery: Option<String>,
    pub delivery_error: Option<String>,
}

/// Writes the lines of handled events, a hundred per statement, each with the id of the
/// outbox row that carries it (outgoing lines). A line's case is found by its number.
pub(super) async fn insert_lines(tx: &mut Tx<'_>, lines: &[(&TranscriptWrite, Option<i64>)], now: i64) -> Result<()> {
    for chunk in lines.chunks(CHUNK) {
        run!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO transcript (user_id, case_id, direction, kind, body, gloss, outbox_id, created_at) ",
            );
            q.push_values(chunk, |mut b, (t, outbox_id)| {
                b.push_bind(&t.user_id)
                    .push("(SELECT id FROM cases WHERE number = ")
                    .push_bind_unseparated(&t.case_number)
                    .push_unseparated(")")
                    .push_bind(t.direction)
                    .push_bind(t.kind)
                    .push_bind(&t.body)
                    .push_bind(&t.gloss)
                    .push_bind(*outbox_id)
                    .push_bind(now);
            });
            q.build().execute(c).await?;
        });
    }
    Ok(())
}

/// A staff message to the resident, as the case's outgoing line.
pub(super) struct StaffLine<'a> {
    pub user_id: &'a str,
    pub case_id: &'a str,
    pub staff_id: Option<&'a str>,
    pub text: &'a str,
    pub gloss: Option<&'a str>,
    pub outbox_id: Option<i64>,
}

pub(super) async fn insert_staff_line(tx: &mut Tx<'_>, l: &StaffLine<'_>, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO transcript (user_id, case_id, direction, kind, body, outbox_id, created_at, staff_id, gloss) \
             VALUES ($1, $2, 'out', 'text', $3, $4, $5, $6, $7)",
        )
        .bind(l.user_id)
        .bind(l.case_id)
        .bind(l.text)
        .bind(l.outbox_id)
        .bind(now)
        .bind(l.staff_id)
        .bind(l.gloss)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Lines written before the case existed join it when it opens.
pub(super) async fn link_to_case(tx: &mut Tx<'_>, case_number: &str, user_id: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "UPDATE transcript SET case_id = (SELECT id FROM cases WHERE number = $1) \
             WHERE user_id = $2 AND case_id IS NULL",
        )
        .bind(case_number)
        .bind(user_id)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Removes the text of a resident's lines, which are known as `anon` from now on.
pub(super) async fn erase_of_resident(tx: &mut Tx<'_>, user_id: &LineUserId, anon: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE transcript SET body = NULL, gloss = NULL, user_id = $1 WHERE user_id = $2")
            .bind(anon)
            .bind(user_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

/// Removes the text of a case's lines, which are known as `anon` from now on.
pub(super) async fn erase_of_case(tx: &mut Tx<'_>, case_id: &str, anon: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE transcript SET body = NULL, gloss = NULL, user_id = $1 WHERE case_id = $2")
            .bind(anon)
            .bind(case_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

impl Store {
    pub async fn transcript_of(&self, user_id: &LineUserId) -> Result<Vec<TranscriptRow>> {
        let mut db = self.writer().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT id, case_id, direction, kind, body, outbox_id, created_at FROM transcript \
                 WHERE user_id = $1 ORDER BY id",
            )
            .bind(user_id)
            .fetch_all(c)
            .await?
        }))
    }

    /// A case's lines with their delivery state and the staff who wrote them (case page).
    pub async fn case_transcript(&self, case_id: &str) -> Result<Vec<TranscriptLine>> {
        let mut db = self.reader().await?;
        Ok(run!(&mut db, |c| {
            sqlx::query_as(
                "SELECT t.id, t.direction, t.kind, t.body, t.gloss, s.name AS staff_name, t.created_at, \
                 o.state AS delivery, o.last_error AS delivery_error \
                 FROM transcript t LEFT JOIN outbox o ON o.id = t.outbox_id LEFT JOIN staff s ON s.id = t.staff_id \
                 WHERE t.case_id = $1 ORDER BY t.id",
            )
            .bind(case_id)
            .fetch_all(c)
            .await?
        }))
    }
}
