//! The resident conversation service, the application's LINE `EventHandler`: turns each
//! event from a resident into an intake input, runs one conversation step (reserving a case
//! number when the step opens a case), and returns everything it changed (state, case and
//! coordinators' alerts, transcript, the answer's outbox row) as `Effects`, committed by the
//! inbox worker in one transaction with the event.

mod case;
mod coordinators;
mod events;
mod questions;

use std::sync::Arc;

use case::{case_status, case_write};

use crate::{
    casework::service::{Casework, DeskError},
    config::Settings,
    crisis::CrisisDetector,
    i18n::{staff::StaffText, Lang, Locales},
    ids::{ChatId, LineUserId},
    intake::{
        self, answers::Answers, render::Renderer, CaseLookup, Conversation, Ctx, Effect, Input, Output, Phase,
        StaffHold,
    },
    line::{client::LineClient, message::Message, webhook::EventMeta},
    routing::{self, CaseFacts, Priority},
    store::{ConversationWrite, Effects, NewOutbox, RichMenuLink, StoreError, StoredConversation, TranscriptWrite},
    worker::inbox::{EventCtx, Handled},
};

#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    #[error("could not build a message: {0}")]
    Message(#[from] crate::line::message::MessageError),
    /// Logged and kept on the event, so it says where decoding failed, never what was there
    /// (serde's own message quotes the value: a resident's stored answers).
    #[error("could not encode or decode the conversation state ({})", crate::redact::json_error_summary(.0))]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Desk(#[from] DeskError),
}

/// Resident for the life of the process: what every conversation step needs besides the event.
pub struct ConversationService {
    pub locales: Arc<Locales>,
    pub settings: Arc<Settings>,
    pub crisis: Arc<CrisisDetector>,
    /// For profiles (the language hint, the display name): a read, not a side effect.
    pub client: LineClient,
    /// Coordinator alerts are written in Japanese.
    pub staff_text: Arc<StaffText>,
    /// Where staff open a case: `{dashboard_url}/staff/cases/{number}`.
    pub dashboard_url: String,
    /// A coordinator's 「対応します」 on LINE claims the case through the dashboard's rules.
    pub desk: Casework,
}

/// What the resident sent, for the transcript: (kind, body).
type Inbound = Option<(&'static str, Option<String>)>;

/// One step's result, for the effects it has.
struct Turn<'a> {
    user_id: &'a LineUserId,
    conv: &'a Conversation,
    out: &'a Output,
    hold: Option<StaffHold<'a>>,
    display_name: Option<String>,
    /// The language before this step: a new one links the resident's rich menu to it.
    lang_before: Option<Lang>,
}

impl ConversationService {
    fn reply_window_ms(&self) -> i64 {
        self.settings.line.reply_token_seconds as i64 * 1000
    }

    /// One conversation step for `user_id`, and everything it changes.
    async fn converse(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        user_id: &LineUserId,
        input: Input,
        inbound: Inbound,
    ) -> Result<Handled, ConversationError> {
        let stored = ctx.conversations.get(user_id.as_str());
        let hold = stored.and_then(|s| {
            s.handoff_case.as_deref().map(|case_number| StaffHold { case_number, notified: s.handoff_notified })
        });
        let closed_case = stored.and_then(|s| s.closed_case.as_deref());
        let (conv, display_name, profile_lang) = self.load(stored, user_id, &input).await?;
        let lang_before = conv.lang;
        let detector = |t: &str| self.crisis.detect(t);
        let first_response = |lang, a: &Answers| {
            let rules = &self.settings.routing;
            let priority = routing::priority(&CaseFacts::of(lang, a), rules);
            matches!(priority, Priority::Emergency | Priority::Urgent).then(|| rules.sla.hours(priority))
        };
        let idle_ms = self.settings.intake.idle_hours as i64 * 3_600_000;
        let languages = self.settings.languages.offered();
        let run = |number: &str, case_status: CaseLookup| {
            let step_ctx = Ctx {
                now: ctx.now,
                hours: &self.settings.hours.schedule,
                profile_lang,
                languages: &languages,
                idle_ms,
                new_case_number: number,
                vocab: self.locales.as_ref(),
                crisis: &detector,
                first_response: &first_response,
                staff_hold: hold,
                closed_case,
                case_status,
            };
            intake::step(conv.clone(), input.clone(), &step_ctx)
        };
        // Most steps open no case and read none: a number is reserved, or the resident's
        // case read, only when a step needs it, and the step, being pure, is simply run
        // again with it.
        const UNNUMBERED: &str = "-";
        let (mut conv, mut out) = run(UNNUMBERED, CaseLookup::NotRead);
        let mut case = None;
        if out.effects.contains(&Effect::ReadStatus) {
            case = Some(case_status(&ctx.store, user_id).await?);
        }
        let lookup = case.as_ref().map_or(CaseLookup::NotRead, |c| CaseLookup::Read(c.as_ref()));
        if case.is_some() {
            (conv, out) = run(UNNUMBERED, lookup);
        }
        if conv.case_number.as_deref() == Some(UNNUMBERED) {
            let number = self.new_case_number(ctx).await?;
            (conv, out) = run(&number, lookup);
        }
        let turn = Turn { user_id, conv: &conv, out: &out, hold, display_name, lang_before };
        let effects = self.effects(ctx, meta, turn, inbound)?;
        Ok(Handled::Effects(Box::new(effects)))
    }

    /// The resident's conversation so far, their display name, and for a new resident the
    /// language their LINE profile shows.
    async fn load(
        &self,
        stored: Option<&StoredConversation>,
        user_id: &LineUserId,
        input: &Input,
    ) -> Result<(Conversation, Option<String>, Option<Lang>), ConversationError> {
        Ok(match stored {
            // A resident coming back (follow) whose name the first profile read missed.
            Some(s) if s.display_name.is_none() && matches!(input, Input::Follow) => {
                let name = self.client.profile(user_id).await.ok().flatten().map(|p| p.display_name);
                (serde_json::from_str::<Conversation>(&s.state)?, name, None)
            }
            Some(s) => (serde_json::from_str::<Conversation>(&s.state)?, s.display_name.clone(), None),
            None => {
                // A new resident: the profile says which language LINE shows them.
                let profile = match self.client.profile(user_id).await {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(error = %e, "profile unavailable; asking for the language");
                        None
                    }
                };
                let lang = profile
                    .as_ref()
                    .and_then(|p| p.language.as_deref())
                    .and_then(|l| self.settings.languages.from_profile(l));
                (Conversation::default(), profile.map(|p| p.display_name), lang)
            }
        })
    }

    /// Everything one step changes: the transcript both ways, the case and its alerts, the
    /// answer to send, and the conversation itself.
    fn effects(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        turn: Turn,
        inbound: Inbound,
    ) -> Result<Effects, ConversationError> {
        let Turn { user_id, conv, out, hold, display_name, lang_before } = turn;
        let mut effects = Effects::default();
        if conv.blocked {
            effects.cancel_outbox_for = Some(ChatId::from(user_id));
        }
        let case_number = conv.case_number.clone();
        if let Some((kind, body)) = inbound {
            effects.transcript.push(TranscriptWrite {
                user_id: user_id.clone(),
                case_number: case_number.clone(),
                direction: "in",
                kind,
                body,
                gloss: None,
                outbox_index: None,
            });
        }
        let mut save = None;
        for e in &out.effects {
            match e {
                Effect::SaveCase(reason) => save = Some(*reason),
                Effect::StaffNotified => {
                    if let (Some(h), Some(n)) = (hold, &case_number) {
                        effects.handoff_notified = Some((user_id.clone(), n.clone()));
                        debug_assert_eq!(h.case_number, n);
                    }
                }
                Effect::RequestErasure => effects.erasure_requested = Some(user_id.clone()),
                // Already answered: the step was run again with the case read.
                Effect::ReadStatus => {}
            }
        }
        if let (Some(reason), Some(number)) = (save, &case_number) {
            let (case, routed) =
                case_write(conv, user_id, display_name.clone(), number, reason, &self.settings, ctx.now);
            effects.alerts = self.alerts(&case, &routed, ctx.now)?;
            effects.case = Some(case);
        }
        if !conv.blocked && !out.messages.is_empty() {
            let renderer = Renderer { locales: &self.locales, settings: &self.settings };
            let messages = renderer.render(conv.lang, out)?;
            // Staff read what the bot said to a resident in another language in Japanese: the
            // same messages rendered in `ja`, not a translation.
            let gloss = match conv.lang {
                Some(l) if !l.is_japanese() => Some(transcript_text(&renderer.render(Some(Lang::JA), out)?)),
                _ => None,
            };
            effects.transcript.push(TranscriptWrite {
                user_id: user_id.clone(),
                case_number: case_number.clone(),
                direction: "out",
                kind: "text",
                body: Some(transcript_text(&messages)),
                gloss,
                outbox_index: Some(0),
            });
            effects.outbox.push(self.answer(ctx, meta, &ChatId::from(user_id), &messages)?);
        }
        if let Some(lang) = conv.lang.filter(|l| Some(*l) != lang_before && !conv.blocked) {
            effects.richmenu_link = Some(RichMenuLink {
                user_id: user_id.clone(),
                lang: lang.tag().to_owned(),
                source_event: Some(ctx.event_key.clone()),
            });
        }
        effects.conversation = Some(ConversationWrite {
            user_id: user_id.clone(),
            lang: conv.lang.map(|l| l.tag().to_owned()),
            display_name,
            phase: phase_code(conv.phase).to_owned(),
            state: serde_json::to_string(conv)?,
        });
        Ok(effects)
    }

    /// A fresh case number, `YYMMDD-NNNN` (Japan's date), easy to read out on the phone,
    /// reserved for this case alone before the case is written (`store::numbers`).
    async fn new_case_number(&self, ctx: &EventCtx) -> Result<String, ConversationError> {
        Ok(ctx.store.reserve_case_number(ctx.now).await?)
    }

    /// An outbox row answering the event: by reply while its token is fresh, else by push.
    fn answer(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        chat_id: &ChatId,
        messages: &[Message],
    ) -> Result<NewOutbox, ConversationError> {
        // A redelivered event's reply token is treated as used: LINE does not say it still
        // works (Messaging API reference, "Webhook event objects" › "Common properties",
        // `deliveryContext.isRedelivery`), and reports show it refused as "Invalid reply token"
        // (isdaviddong/chatGPTLineBot issue #5).
        let reply_token = meta.reply_token.clone().filter(|_| !meta.is_redelivery);
        Ok(NewOutbox {
            chat_id: chat_id.clone(),
            messages: serde_json::to_string(messages)?,
            reply_deadline: reply_token.as_ref().map(|_| meta.timestamp + self.reply_window_ms()),
            reply_token,
            source_event: Some(ctx.event_key.clone()),
        })
    }
}

fn phase_code(p: Phase) -> &'static str {
    match p {
        Phase::Idle => "idle",
        Phase::Intake => "intake",
        Phase::CaseOpen => "case_open",
    }
}

fn transcript_text(messages: &[Message]) -> String {
    messages.iter().map(Message::plain_text).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_state_that_cannot_be_decoded_is_reported_without_its_values() {
        let stored = r#"{"answers": {"name": "Maria Silva", "phone": "090-1234-5678"}}"#;
        let e =
            serde_json::from_str::<std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>>>(stored)
                .unwrap_err();
        assert!(e.to_string().contains("Maria Silva"), "serde quotes the value: {e}");
        let shown = ConversationError::from(e).to_string();
        assert!(shown.contains("data error at line 1 column"), "{shown}");
        assert!(!shown.contains("Maria") && !shown.contains("090"), "{shown}");
        let (_, log) = crate::testlog::captured(|| {
            tracing::warn!(error = %ConversationError::from(
            serde_json::from_str::<Conversation>(stored).unwrap_err()
        ), "handling an event failed")
        });
        assert!(log.contains("could not encode or decode the conversation state"), "{log}");
        assert!(!log.contains("Maria") && !log.contains("090-1234-5678"), "{log}");
    }
}
