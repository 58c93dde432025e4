//! Structured questions (`questions`): asked by staff with a message to the resident
//! (written with the staff action, `casework`), answered once by a tap or typed words
//! (written with the inbox event, `finish`), read by the case page and the resident's tap.

use sqlx::FromRow;

use super::{
    db::{run, Tx},
    history, Result, Store,
};

/// A question as staff asked it.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub id: String,
    /// The phrasebook's Fluent id.
    pub phrase: String,
    /// JSON object of the slots as entered.
    pub slots: String,
    /// `yes_no` | `times` | `places`.
    pub choices: String,
    /// JSON array of the items as entered.
    pub items: String,
    /// The resident's language tag.
    pub lang: String,
    pub expires_at: i64,
}

/// A question with its case, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct QuestionRow {
    pub id: String,
    pub case_id: String,
    pub case_number: String,
    /// The case's resident (LINE user id): only they may answer.
    pub user_id: String,
    pub case_status: String,
    pub phrase: String,
    pub slots: Option<String>,
    pub choices: String,
    pub items: Option<String>,
    pub lang: String,
    pub asked_by: Option<String>,
    pub asked_at: i64,
    pub expires_at: i64,
    pub closed_at: Option<i64>,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub answered_via: Option<String>,
}

impl QuestionRow {
    /// Whether it still takes an answer at `now`.
    pub fn is_open(&self, now: i64) -> bool {
        self.answered_at.is_none() && self.closed_at.is_none() && now < self.expires_at
    }
}

/// A resident's answer, written with their event: once, and only while the question is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionAnswer {
    pub question_id: String,
    pub code: String,
    /// `tap` | `typed`.
    pub via: &'static str,
}

const SELECT: &str = "SELECT q.id, q.case_id, c.number AS case_number, c.user_id, c.status AS case_status, \
     q.phrase, q.slots, q.choices, q.items, q.lang, q.asked_by, q.asked_at, q.expires_at, q.closed_at, \
     q.answer, q.answered_at, q.answered_via FROM questions q JOIN cases c ON c.id = q.case_id ";

/// Writes a new question on `case_id`; the case's question still open is cancelled by it
/// (one open question a case: the resident answers the one they see last).
pub(super) async fn insert(
    tx: &mut Tx<'_>,
    case_id: &str,
    staff_id: Option<&str>,
    q: &NewQuestion,
    now: i64,
) -> Result<()> {
    cancel_open(tx, case_id, now).await?;
    run!(tx, |c| {
        sqlx::query(
            "INSERT INTO questions (id, case_id, phrase, slots, choices, items, lang, asked_by, asked_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&q.id)
        .bind(case_id)
        .bind(&q.phrase)
        .bind(&q.slots)
        .bind(&q.choices)
        .bind(&q.items)
        .bind(&q.lang)
        .bind(staff_id)
        .bind(now)
        .bind(q.expires_at)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Cancels the case's unanswered, unexpired question (a newer one, or the case closed).
pub(super) async fn cancel_open(tx: &mut Tx<'_>, case_id: &str, now: i64) -> Result<()> {
    run!(tx, |c| {
        sqlx::query(
            "UPDATE questions SET closed_at = $2 \
             WHERE case_id = $1 AND answered_at IS NULL AND closed_at IS NULL AND expires_at > $2",
        )
        .bind(case_id)
        .bind(now)
        .execute(c)
        .await?;
    });
    Ok(())
}

/// Records `a` if its question is still open at `now`, with a line in the case's history;
/// `false` if it was answered, cancelled or expired meanwhile (nothing written).
pub(super) async fn record_answer(tx: &mut Tx<'_>, a: &QuestionAnswer, now: i64) -> Result<bool> {
    let case_id: Option<String> = run!(tx, |c| {
        sqlx::query_scalar(
            "UPDATE questions SET answer = $2, answered_at = $3, answered_via = $4 \
             WHERE id = $1 AND answered_at IS NULL AND closed_at IS NULL AND expires_at > $3 RETURNING case_id",
        )
        .bind(&a.question_id)
        .bind(&a.code)
        .bind(now)
        .bind(a.via)
        .fetch_optional(c)
        .await?
    });
    let Some(case_id) = case_id else { return Ok(false) };
    let detail = format!("{}:{}:{}", a.question_id, a.code, a.via);
    history::insert_action(tx, &case_id, None, ("answer", &detail, None), now).await?;
    Ok(true)
}

/// Blanks what staff entered and what the resident answered on a case's questions (erasure,
/// purge); the phrase, the kind of answers and the times stay for statistics.
pub(super) async fn erase_of_case(tx: &mut Tx<'_>, case_id: &str) -> Result<()> {
    run!(tx, |c| {
        sqlx::query("UPDATE questions SET slots = NULL, items = NULL, answer = NULL WHERE case_id = $1")
            .bind(case_id)
            .execute(c)
            .await?;
    });
    Ok(())
}

impl Store {
    /// One question by id, with its case (a resident's tap names it).
    pub async fn question(&self, id: &str) -> Result<Option<QuestionRow>> {
        let mut db = self.reader().await?;
        let sql = format!("{SELECT} WHERE q.id = $1 AND c.anonymised_at IS NULL");
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
    }

    /// A case's questions, oldest first (the case page).
    pub async fn case_questions(&self, case_id: &str) -> Result<Vec<QuestionRow>> {
        let mut db = self.reader().await?;
        let sql = format!("{SELECT} WHERE q.case_id = $1 ORDER BY q.asked_at, q.id");
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(case_id).fetch_all(c).await?))
    }

    /// The question open at `now` on the case numbered `case_number`, if there is one
    /// (typed words may answer it).
    pub async fn open_question(&self, case_number: &str, now: i64) -> Result<Option<QuestionRow>> {
        let mut db = self.reader().await?;
        let sql = format!(
            "{SELECT} WHERE c.number = $1 AND q.answered_at IS NULL AND q.closed_at IS NULL AND q.expires_at > $2 \
             ORDER BY q.asked_at DESC LIMIT 1"
        );
        Ok(run!(&mut db, |c| sqlx::query_as(&sql).bind(case_number).bind(now).fetch_optional(c).await?))
    }
}
