//! Asking a resident a structured question (issue 14): the phrase in their language with a
//! button per answer, sent like any staff message (LINE's `sender`, the outbox), stored with
//! its answers so the resident's tap can be read back, in the one transaction of the staff
//! action. A case has at most one open question: a new one cancels the one still open
//! (shown to staff as 取り消し), so a resident answers the question they see last.
//! Before it goes, staff may preview it: `preview_question` writes the message with the
//! same code as `ask`, so the words and buttons shown are the ones the resident receives.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    phrases::SlotError,
    questions::StaffQuestion,
    service::{hold, lang_of, Casework, Result},
    Actor, CaseworkError,
};
use crate::{
    config::PhrasebookSettings,
    i18n::Locales,
    ids::{CaseNumber, ChatId},
    line::message::{Message, Sender},
    store::{CaseRow, NewOutbox, NewQuestion, StaffMessage},
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

impl Ask {
    /// The question this asks, or why it cannot be asked (naming the phrase's slot, if one
    /// was refused).
    pub fn question(
        &self,
        locales: &Locales,
        settings: &PhrasebookSettings,
    ) -> std::result::Result<StaffQuestion, SlotError> {
        StaffQuestion::compose(locales, &self.template, &self.slots, &self.kind, &self.items, settings)
    }
}

/// A question as the resident will see it, and its meaning for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionPreview {
    /// The resident's language (its tag).
    pub lang: String,
    /// Exactly the message's text.
    pub text: String,
    /// Its buttons' labels, in the resident's language, in order.
    pub buttons: Vec<String>,
    /// The question and its answers in Japanese, as the transcript will show it.
    pub ja: String,
    /// Each button's meaning in Japanese, in the same order.
    pub buttons_ja: Vec<String>,
}

const UNSENDABLE: CaseworkError = CaseworkError::Invalid("LINEで送れない質問です");

impl Casework {
    /// The LINE message asking `q` of the resident of `c`, whose buttons answer question `id`.
    fn question_message(&self, q: &StaffQuestion, c: &CaseRow, id: &str, sender: Option<Sender>) -> Result<Message> {
        let lang = lang_of(c);
        let message = q.message(&self.locales, lang, id, c.number.as_str()).map_err(|_| UNSENDABLE)?;
        Ok(match sender {
            Some(s) => message.with_sender(s),
            None => message,
        })
    }

    /// Sends `ask` to the resident of case `number` and stores it; returns the question's
    /// id. Access as for a reply (an unclaimed case is claimed by the one who asks); the
    /// question takes an answer for `[phrasebook] question_hours`.
    pub async fn ask(&self, actor: &Actor, number: &CaseNumber, ask: &Ask, now: i64) -> Result<String> {
        let settings = self.phrasebook.as_ref();
        let q = ask.question(&self.locales, settings).map_err(|e| e.why)?;
        let c = self.case(actor, number).await?;
        let lang = lang_of(&c);
        // Random, so a resident cannot answer another's question by guessing its id (the
        // tap is also checked against the case's resident). `ask:<32 hex>:<code>` stays far
        // within a postback's 300 characters (Messaging API reference, "Action objects" ›
        // "Postback action", `data`); at most 7 buttons of quick reply's 13.
        let id = uuid::Uuid::new_v4().simple().to_string();
        // From LINE's `sender`, like every staff message (`sender::staff_message`): the role,
        // and the account's display name if it opted in to one.
        let display = self.store.display_name_of(&actor.id).await?;
        let icon = self.sender_icon.as_deref();
        let sender =
            super::sender::staff_sender(&self.locales, lang, icon, display.as_deref()).map_err(|_| UNSENDABLE)?;
        let message = self.question_message(&q, &c, &id, Some(sender))?;
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

    /// What `ask` would send to the resident of case `number`, sending and storing nothing:
    /// `Ok(Err(..))` when the question cannot be asked (the same refusal `ask` gives, with
    /// the refused slot named). Access as for reading the case.
    pub async fn preview_question(
        &self,
        actor: &Actor,
        number: &CaseNumber,
        ask: &Ask,
    ) -> Result<std::result::Result<QuestionPreview, SlotError>> {
        let c = self.case(actor, number).await?;
        let q = match ask.question(&self.locales, self.phrasebook.as_ref()) {
            Ok(q) => q,
            Err(e) => return Ok(Err(e)),
        };
        // The id only goes into the buttons' postback data, which the preview does not show.
        let message = match self.question_message(&q, &c, "preview", None) {
            Ok(m) => m,
            Err(_) => return Ok(Err(SlotError { slot: None, why: UNSENDABLE })),
        };
        let buttons_ja =
            q.choices.codes().iter().map(|code| q.meaning_ja(&self.locales, code).unwrap_or_default()).collect();
        Ok(Ok(QuestionPreview {
            lang: lang_of(&c).tag().to_owned(),
            text: message.plain_text().to_owned(),
            buttons: message.button_labels().into_iter().map(str::to_owned).collect(),
            ja: q.gloss_ja(&self.locales, c.number.as_str()),
            buttons_ja,
        }))
    }
}
