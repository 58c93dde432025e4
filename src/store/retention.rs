//! Data rights and retention: a resident's erasure (asked for through LINE, confirmed by
//! staff) and the anonymising of old closed cases by `frontdesk purge`.
//!
//! Anonymising keeps what statistics need (queue, priority, topics as codes, dates,
//! status, outcome) and removes everything that identifies or was written by the resident:
//! name, LINE id, description, phone, address, location, every answer's JSON, transcript
//! text, attachment names, internal notes, what staff's questions named and the answers.

use super::{
    alerts, cases, conversations, erasure_requests, history, inbox, outbox, questions, transcript, NewOutbox, Result,
    Store, Tx,
};
use crate::ids::{CaseNumber, ChatId, LineUserId};

/// How much `purge` removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Purged {
    pub cases: u64,
    pub inbox_events: u64,
    pub outbox_rows: u64,
}

/// Erases one resident's data in `tx` (see `Store::erase_resident`); returns the numbers
/// of the cases anonymised.
async fn erase(
    tx: &mut Tx<'_>,
    user_id: &LineUserId,
    staff_id: &str,
    farewell: Option<&NewOutbox>,
    now: i64,
) -> Result<Vec<CaseNumber>> {
    let anon = format!("erased:{}", uuid::Uuid::new_v4().simple());
    let cases = cases::anonymise_of_resident(tx, user_id, &anon, now).await?;
    for (id, number) in &cases {
        // An erased case's alert waits for nobody: its timer stops with it.
        alerts::stop(tx, number.as_str()).await?;
        history::insert_action(tx, id, Some(staff_id), ("erased", "", None), now).await?;
        history::audit(tx, Some(staff_id), Some(id), ("erase", ""), now).await?;
        history::blank_notes(tx, id).await?;
        cases::blank_attachment_names(tx, id).await?;
        questions::erase_of_case(tx, id).await?;
    }
    transcript::erase_of_resident(tx, user_id, &anon).await?;
    inbox::erase_handled(tx, user_id).await?;
    outbox::erase_failed(tx, &ChatId::from(user_id)).await?;
    conversations::delete(tx, user_id).await?;
    erasure_requests::close(tx, user_id, staff_id, now).await?;
    if let Some(row) = farewell {
        outbox::insert(tx, &outbox::keyed([row]), now).await?;
    }
    Ok(cases.into_iter().map(|(_, number)| number).collect())
}

/// Anonymises one closed case in `tx`, audited as the system's.
async fn anonymise_case(tx: &mut Tx<'_>, case_id: &str, now: i64) -> Result<()> {
    let anon = format!("purged:{}", uuid::Uuid::new_v4().simple());
    cases::anonymise(tx, case_id, &anon, now).await?;
    transcript::erase_of_case(tx, case_id, &anon).await?;
    history::blank_notes(tx, case_id).await?;
    cases::blank_attachment_names(tx, case_id).await?;
    questions::erase_of_case(tx, case_id).await?;
    history::audit(tx, None, Some(case_id), ("purge", ""), now).await
}

impl Store {
    /// Erases everything about one resident, in one transaction: every case of theirs is
    /// anonymised (an open one closed with outcome `erased`), their transcript text, notes,
    /// stored webhook events, sent messages and conversation are removed. `farewell`, if
    /// given, is the last message to them ("your data was deleted"). Returns the numbers of
    /// the cases anonymised.
    pub async fn erase_resident(
        &self,
        user_id: &LineUserId,
        staff_id: &str,
        farewell: Option<&NewOutbox>,
        now: i64,
    ) -> Result<Vec<CaseNumber>> {
        let mut tx = self.begin().await?;
        let numbers = erase(&mut tx, user_id, staff_id, farewell, now).await?;
        tx.commit().await?;
        Ok(numbers)
    }

    /// Anonymises cases closed before `closed_before`, deletes handled webhook events
    /// received before `events_before` and empties messages given up before `messages_before`
    /// (delivered ones are emptied when sent). Each case is its own transaction, audited as the system's.
    pub async fn purge(
        &self,
        closed_before: i64,
        events_before: i64,
        messages_before: i64,
        now: i64,
    ) -> Result<Purged> {
        let mut purged = Purged::default();
        let due = cases::closed_before(&mut self.writer().await?, closed_before).await?;
        for id in due {
            let mut tx = self.begin().await?;
            anonymise_case(&mut tx, &id, now).await?;
            tx.commit().await?;
            purged.cases += 1;
        }
        let mut db = self.writer().await?;
        purged.inbox_events = inbox::delete_handled_before(&mut db, events_before).await?;
        purged.outbox_rows = outbox::empty_finished_before(&mut db, messages_before).await?;
        Ok(purged)
    }
}
