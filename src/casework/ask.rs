//! Asking a resident a structured question (issue 14): the phrase in their language with a
//! button per answer, sent like any staff message (LINE's `sender`, the outbox), stored with
//! its answers so the resident's tap can be read back, in the one transaction of the staff
//! action. A case has at most one open question: a new one cancels the one still open
//! (shown to staff as 取り消し), so a resident answers the question they see last.

use std::collections::BTreeMap;

use super::{
    questions::StaffQuestion,
    service::{hold, lang_of, Casework, Result},
    Actor, CaseworkError,
};
use crate::{
    ids::{CaseNumber, ChatId},
    line::message::Sender,
    store::{NewOutbox, NewQuestion, StaffMessage},
};

/// What staff ask: a phrase (`template`), its slots as entered, and the answers.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub template: String,
    pub slots: BTreeMap<String, String>,
    /// `yes_no` | `times` | `places`.
    pub kind: String,
    /// Times as `2026-12-10 14:00`, or place codes.
    pub items: Vec<String>,
}

impl Casework {
    /// Sends `ask` to the resident of case `number` and stores it; returns the question's
    /// id. Access as for a reply (an unclaimed case is claimed by the one who asks); the
    /// question takes an answer for `[phrasebook] question_hours`.
    pub async fn ask(&self, actor: &Actor, number: &CaseNumber, ask: &Ask, now: i64) -> Result<String> {
        let settings = self.phrasebook.as_ref();
        let q = StaffQuestion::compose(&self.locales, &ask.template, &ask.slots, &ask.kind, &ask.items, settings)?;
        let c = self.case(actor, number).await?;
        let lang = lang_of(&c);
        // Random, so a resident cannot answer another's question by guessing its id (the
        // tap is also checked against the case's resident). `ask:<32 hex>:<code>` stays far
        // within a postback's 300 characters (Messaging API reference, "Action objects" ›
        // "Postback action", `data`); at most 7 buttons of quick reply's 13.
        let id = uuid::Uuid::new_v4().simple().to_string();
        const UNSENDABLE: CaseworkError = CaseworkError::Invalid("LINEで送れない質問です");
        // From LINE's `sender`, like every staff message (`sender::staff_message`): the role,
        // and the account's display name if it opted in to one.
        let display = self.store.display_name_of(&actor.id).await?;
        let name = super::sender::sender_name(&self.locales, lang, display.as_deref());
        let sender = Sender::new(&name, self.sender_icon.as_deref());
        let message = q
            .message(&self.locales, lang, &id, c.number.as_str())
            .and_then(|m| Ok(m.with_sender(sender?)))
            .map_err(|_| UNSENDABLE)?;
        let text = message.plain_text().to_owned();
        let row =
            NewOutbox::push(&ChatId::from(&c.user_id), serde_json::to_string(&[message]).map_err(|_| UNSENDABLE)?);
        let mut w = self.work(actor, &c, now, "ask", format!("{}:{}:{}", id, ask.template, ask.kind));
        w.expect.status = None;
        if c.assignee.is_none() {
            w.expect.unassigned = true;
            w.change = hold(&c, &actor.id);
        }
        w.question = Some(NewQuestion {
            id: id.clone(),
            phrase: ask.template.clone(),
            slots: serde_json::to_string(&ask.slots).map_err(|_| UNSENDABLE)?,
            choices: ask.kind.clone(),
            items: serde_json::to_string(&ask.items).map_err(|_| UNSENDABLE)?,
            lang: lang.tag().to_owned(),
            expires_at: now + i64::from(settings.question_hours) * 3_600_000,
        });
        let gloss = Some(q.gloss_ja(&self.locales, c.number.as_str()));
        w.message = Some(StaffMessage { row, text, gloss });
        self.apply(w, number).await?;
        Ok(id)
    }
}
