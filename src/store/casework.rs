//! Staff work on a case: each staff action written in one transaction with its history
//! line, its audit line, the relay's state and any message to the resident. The reads of
//! the case page are with their tables (`cases`, `transcript`, `history`).

use super::{
    alerts, cases, conversations, history, outbox, questions, transcript, CaseChange, Expect, NewOutbox, NewQuestion,
    Result, Store, Tx,
};

/// A message to the resident, with its transcript line.
#[derive(Debug, Clone)]
pub struct StaffMessage {
    pub row: NewOutbox,
    pub text: String,
    /// For a canned reply: the same words in Japanese, for staff.
    pub gloss: Option<String>,
}

/// The line a staff action adds to the case's history (and, as kind and detail, to the
/// audit log).
#[derive(Debug, Clone)]
pub struct HistoryLine {
    /// claim | assign | transfer | status | note | interpreter | reply
    pub kind: &'static str,
    /// Codes (queue, status, outcome, template, the colleague's name).
    pub detail: String,
    /// An internal note's text.
    pub note: Option<String>,
}

/// One staff action on one case, written together or not at all.
#[derive(Debug, Clone)]
pub struct CaseWork {
    pub case_id: String,
    pub staff_id: Option<String>,
    pub now: i64,
    pub change: CaseChange,
    /// What must still hold of the case as it was read (it is never closed).
    pub expect: Expect,
    pub history: HistoryLine,
    pub message: Option<StaffMessage>,
    /// A question the message asks (`casework::ask`): stored with it, cancelling the case's
    /// question still open.
    pub question: Option<NewQuestion>,
    /// Where the action was taken, `dashboard` (also the API) or `line` (a coordinator's
    /// tap): a claim acknowledges the case's alert as taken there.
    pub via: &'static str,
}

/// Writes `w` in `tx`; `false` if the case no longer is what `w.expect` says.
async fn apply(tx: &mut Tx<'_>, w: &CaseWork) -> Result<bool> {
    let Some((user_id, number)) = cases::change(tx, &w.case_id, &w.change, &w.expect, w.now).await? else {
        return Ok(false);
    };
    match &w.change {
        CaseChange::Hold { staff_id, .. } => {
            conversations::hold(tx, &user_id, &number).await?;
            // A claim on the dashboard answers the coordinators' alert as a tap on LINE does.
            alerts::acknowledge(tx, number.as_str(), staff_id, w.via, w.now).await?;
        }
        CaseChange::Transfer { .. } => conversations::release(tx, &user_id, None).await?,
        CaseChange::Close { .. } => {
            conversations::release(tx, &user_id, Some(&number)).await?;
            alerts::stop(tx, number.as_str()).await?;
            // A closed case takes no answers: its open question is cancelled with it.
            questions::cancel_open(tx, &w.case_id, w.now).await?;
        }
        CaseChange::Touch | CaseChange::Status { .. } | CaseChange::StaffFlags { .. } => {}
    }
    let staff_id = w.staff_id.as_deref();
    let HistoryLine { kind, detail, note } = &w.history;
    history::insert_action(tx, &w.case_id, staff_id, (kind, detail, note.as_deref()), w.now).await?;
    history::audit(tx, staff_id, Some(&w.case_id), (kind, detail), w.now).await?;
    if let Some(q) = &w.question {
        questions::insert(tx, &w.case_id, staff_id, q, w.now).await?;
    }
    if let Some(m) = &w.message {
        let keyed = outbox::keyed([&m.row]);
        let ids = outbox::insert(tx, &keyed, w.now).await?;
        let line = transcript::StaffLine {
            user_id: m.row.chat_id.as_str(),
            case_id: &w.case_id,
            staff_id,
            text: &m.text,
            gloss: m.gloss.as_deref(),
            outbox_id: ids.get(&keyed[0].1).copied(),
        };
        transcript::insert_staff_line(tx, &line, w.now).await?;
    }
    Ok(true)
}

impl Store {
    /// Applies one staff action. `false`: the case is closed, gone, or no longer what the
    /// action was checked against (nothing was written).
    pub async fn apply_case_work(&self, w: &CaseWork) -> Result<bool> {
        let mut tx = self.begin().await?;
        let applied = apply(&mut tx, w).await?;
        tx.commit().await?;
        Ok(applied)
    }
}
