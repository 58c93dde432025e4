//! Finishing a batch of inbox events in one transaction: how each ended, and what handling
//! those that were done wrote (`Effects`: the conversation, the case, the transcript, the
//! messages, the alerts), together or not at all; then, in the same commit, the messages
//! handed to this process's sender, the webhook events waiting for a commit, and the next
//! batch claimed.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::ids::{ChatId, LineUserId};

use super::{
    alerts, cases, conversations, erasure_requests, history, inbox, line_chats, outbox, questions, rich_menus,
    transcript, CaseWrite, ConversationWrite, InboxEvent, NewOutbox, OutboxRow, QuestionAnswer, Result, RichMenuLink,
    Store, TranscriptWrite, Tx,
};

/// What `finish_inbox` wrote.
#[derive(Debug, Default)]
pub struct Finished {
    /// Outbox rows written (answers and alerts).
    pub written: usize,
    /// Rows leased to this process's sender, to send at once.
    pub handed: Vec<OutboxRow>,
    /// Numbers of the cases whose row or transcript changed (for live staff pages).
    pub cases: Vec<String>,
    /// The next batch, claimed in the same transaction when asked (`ClaimNext`).
    pub claimed: Vec<InboxEvent>,
    /// Events whose case number turned out to be another resident's case: nothing of
    /// theirs was written, and they wait to be handled again.
    pub refused: usize,
}

/// Claim the next batch in the transaction that finishes this one: one commit a round
/// instead of two, and the claim sees this batch's events already done, so a resident's
/// next event can be in it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimNext {
    pub lease_until: i64,
    pub limit: i64,
}

/// How handling an event ended.
#[derive(Debug)]
pub enum InboxOutcome {
    /// Handled: its effects are written in the same transaction.
    Done(Box<Effects>),
    /// Nothing to do for this event (unknown type, standby mode, a group event…).
    Skipped(&'static str),
    /// A passing failure: try again at `at` (ms).
    Retry { error: String, at: i64 },
    /// Given up: set aside, so it no longer holds up the events after it.
    Failed(String),
}

/// What handling one event writes, committed in the same transaction that marks it done:
/// the conversation's new state, the case, the transcript and the messages, together or
/// not at all.
#[derive(Default)]
pub struct Effects {
    /// Drop every message still waiting for this chat (the resident blocked the account).
    pub cancel_outbox_for: Option<ChatId>,
    pub conversation: Option<ConversationWrite>,
    pub case: Option<CaseWrite>,
    pub outbox: Vec<NewOutbox>,
    pub transcript: Vec<TranscriptWrite>,
    /// Coordinator alerts for the case, each sent once per level (see `AlertWrite`).
    pub alerts: Vec<AlertWrite>,
    /// The resident was told that staff are handling case (user id, case number).
    pub handoff_notified: Option<(LineUserId, String)>,
    /// The resident asked for their data to be erased (user id).
    pub erasure_requested: Option<LineUserId>,
    /// The bot joined (`true`) or left a group or room: (chat id, kind, joined).
    pub chat_membership: Option<(ChatId, &'static str, bool)>,
    /// The resident chose or switched their language: their rich menu follows it.
    pub richmenu_link: Option<RichMenuLink>,
    /// The resident answered staff's question (a tap, or typed words read as an answer).
    pub question_answer: Option<QuestionAnswer>,
}

/// An alert about a case to coordinators, written only if the case has not yet been
/// alerted at this level or higher: the case row's `alert_level` makes it exactly once,
/// whatever restarts or redeliveries happen.
#[derive(Debug, Clone)]
pub struct AlertWrite {
    pub case_number: String,
    /// `alerts::Level`: 1 urgent (shelter), 2 emergency.
    pub level: i64,
    /// When it was decided (the handling's clock), and when its next stage falls due if
    /// nobody acknowledges it (`alerts::next_due`).
    pub sent_at: i64,
    pub next_at: Option<i64>,
    pub rows: Vec<NewOutbox>,
}

impl std::fmt::Debug for Effects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Effects")
            .field("case", &self.case)
            .field("outbox", &self.outbox.len())
            .field("transcript", &self.transcript.len())
            .finish_non_exhaustive()
    }
}

/// The results of a batch, sorted by what they write.
#[derive(Default)]
struct Sorted {
    /// Ended events by (state, error): one statement per group.
    ended: BTreeMap<(&'static str, Option<String>), Vec<i64>>,
    retries: Vec<(i64, String, i64)>,
    done: Vec<(i64, Box<Effects>)>,
}

impl Sorted {
    fn new(results: Vec<(i64, InboxOutcome)>) -> Self {
        let mut s = Sorted::default();
        for (seq, outcome) in results {
            match outcome {
                InboxOutcome::Done(effects) => {
                    s.ended.entry(("done", None)).or_default().push(seq);
                    s.done.push((seq, effects));
                }
                InboxOutcome::Skipped(why) => s.ended.entry(("skipped", Some(why.to_owned()))).or_default().push(seq),
                InboxOutcome::Failed(error) => s.ended.entry(("failed", Some(error))).or_default().push(seq),
                InboxOutcome::Retry { error, at } => s.retries.push((seq, error, at)),
            }
        }
        s
    }
}

/// Records how each event ended; returns the events this worker still held.
async fn record_endings(tx: &mut Tx<'_>, owner: &str, now: i64, sorted: &Sorted) -> Result<HashSet<i64>> {
    let mut held = HashSet::new();
    for ((state, error), seqs) in &sorted.ended {
        held.extend(inbox::mark_finished(tx, owner, now, state, error.as_deref(), seqs).await?);
    }
    for (seq, error, at) in &sorted.retries {
        inbox::retry(tx, owner, *seq, error, *at).await?;
    }
    Ok(held)
}

/// Writes the cases first: an event whose case number is another resident's case writes
/// nothing at all, and is handled again (drawing a new number). Returns the effects to
/// write and how many events were refused.
async fn write_cases<'e>(
    tx: &mut Tx<'_>,
    now: i64,
    done: &'e [(i64, Box<Effects>)],
    held: &HashSet<i64>,
) -> Result<(Vec<&'e Effects>, usize)> {
    let mut effects = Vec::with_capacity(done.len());
    let mut refused = 0;
    for (seq, e) in done.iter().filter(|(seq, _)| held.contains(seq)) {
        if let Some(case) = &e.case {
            if !cases::upsert(tx, case, now).await? {
                tracing::error!(seq, case = %case.number, "case write refused: the number is another resident's case");
                inbox::refuse_case_number(tx, *seq, now).await?;
                refused += 1;
                continue;
            }
        }
        effects.push(e.as_ref());
    }
    Ok((effects, refused))
}

/// Alerts: each case alerted once per level, decided by its row in this transaction.
/// Returns how many alert messages were written.
async fn write_alerts(tx: &mut Tx<'_>, now: i64, effects: &[&Effects]) -> Result<usize> {
    let mut rows: Vec<&NewOutbox> = Vec::new();
    for alert in effects.iter().flat_map(|e| e.alerts.iter()) {
        if cases::raise_alert_level(tx, &alert.case_number, alert.level).await? {
            alerts::open(tx, &alert.case_number, alert.level, alert.sent_at, alert.next_at).await?;
            rows.extend(alert.rows.iter());
        }
    }
    outbox::insert(tx, &outbox::keyed(rows.iter().copied()), now).await?;
    Ok(rows.len())
}

/// What the residents did besides the conversation: told of a hand-off, asked for
/// erasure, added the bot to a group or took it out, chose a language (its rich menu),
/// answered staff's question.
async fn write_resident_requests(tx: &mut Tx<'_>, now: i64, effects: &[&Effects]) -> Result<()> {
    for (user, case) in effects.iter().filter_map(|e| e.handoff_notified.as_ref()) {
        conversations::mark_handoff_notified(tx, user, case).await?;
    }
    for user in effects.iter().filter_map(|e| e.erasure_requested.as_ref()) {
        erasure_requests::open(tx, user, now).await?;
        history::note_erase_requested(tx, user, now).await?;
        cases::mark_erase_requested(tx, user, now).await?;
    }
    for (chat, kind, joined) in effects.iter().filter_map(|e| e.chat_membership.as_ref()) {
        line_chats::record_membership(tx, chat, kind, now, (!joined).then_some(now)).await?;
    }
    for link in effects.iter().filter_map(|e| e.richmenu_link.as_ref()) {
        rich_menus::queue_link(tx, &link.user_id, &link.lang, link.source_event.as_deref(), now).await?;
    }
    for answer in effects.iter().filter_map(|e| e.question_answer.as_ref()) {
        // Once: a second tap, or the question closed since it was read, writes nothing.
        questions::record_answer(tx, answer, now).await?;
    }
    Ok(())
}

/// Writes the answers and the transcript. Returns the answers' outbox ids.
async fn write_messages(tx: &mut Tx<'_>, now: i64, effects: &[&Effects]) -> Result<Vec<i64>> {
    // Each outbox row's retry key is fixed here, and finds the row's id again.
    let rows = outbox::keyed(effects.iter().flat_map(|e| e.outbox.iter()));
    let ids: HashMap<String, i64> = outbox::insert(tx, &rows, now).await?;
    // Transcript lines, pointing at their outbox rows (by index within their event).
    let mut lines = Vec::new();
    let mut next_row = 0;
    for e in effects {
        for t in &e.transcript {
            let outbox_id = t.outbox_index.and_then(|i| rows.get(next_row + i)).and_then(|(_, key)| ids.get(key));
            lines.push((t, outbox_id.copied()));
        }
        next_row += e.outbox.len();
    }
    transcript::insert_lines(tx, &lines, now).await?;
    Ok(ids.into_values().collect())
}

/// The numbers of the cases whose row or transcript changed.
fn changed_cases(effects: &[&Effects]) -> Vec<String> {
    let mut cases: Vec<String> = effects
        .iter()
        .flat_map(|e| {
            e.case.iter().map(|c| c.number.clone()).chain(e.transcript.iter().filter_map(|t| t.case_number.clone()))
        })
        .collect();
    cases.sort();
    cases.dedup();
    cases
}

impl Store {
    /// Records how each leased event ended and writes the effects of those handled, all in
    /// one transaction, a few multi-row statements per batch. An event whose lease this
    /// worker no longer holds is left alone, effects and all.
    ///
    /// With `handoff` (the outbox sender's lease owner and lease end), the rows written are
    /// also leased to that sender in the same transaction and returned, so it can send them
    /// at once without a claim of its own.
    pub async fn finish_inbox(
        &self,
        owner: &str,
        now: i64,
        results: Vec<(i64, InboxOutcome)>,
        handoff: Option<(&str, i64)>,
        next: Option<ClaimNext>,
    ) -> Result<Finished> {
        let sorted = Sorted::new(results);
        let mut tx = self.begin().await?;
        let held = record_endings(&mut tx, owner, now, &sorted).await?;
        let (effects, refused) = write_cases(&mut tx, now, &sorted.done, &held).await?;
        for chat in effects.iter().filter_map(|e| e.cancel_outbox_for.as_ref()) {
            outbox::cancel_for_chat(&mut tx, chat, now).await?;
        }
        let conversations: Vec<&ConversationWrite> = effects.iter().filter_map(|e| e.conversation.as_ref()).collect();
        conversations::upsert(&mut tx, &conversations, now).await?;
        let alerts = write_alerts(&mut tx, now, &effects).await?;
        write_resident_requests(&mut tx, now, &effects).await?;
        let ids = write_messages(&mut tx, now, &effects).await?;
        let handed = match handoff {
            Some((sender, lease_until)) => outbox::hand_off(&mut tx, &ids, sender, lease_until).await?,
            None => Vec::new(),
        };
        // Before the claim, so the events taken in can be claimed at once.
        let taken = self.take_in_waiting_events(&mut tx, now).await?;
        let claimed = match next {
            Some(n) => inbox::claim(&mut tx, owner, now, n.lease_until, n.limit).await?,
            None => Vec::new(),
        };
        tx.commit().await?;
        taken.acknowledge();
        Ok(Finished { written: ids.len() + alerts, handed, cases: changed_cases(&effects), claimed, refused })
    }
}
