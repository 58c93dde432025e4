//! The application's LINE event handler: turns each event into an intake input, runs the
//! conversation step, and returns everything it changed (state, case, transcript,
//! messages) as `Effects` to be committed in one transaction with the event.

use std::sync::Arc;

use crate::{
    config::Settings,
    crisis::CrisisDetector,
    i18n::{Lang, Locales},
    intake::{
        self,
        answers::{Attachment, AttachmentKind, Location},
        render::Renderer,
        CaseReason, Conversation, Ctx, Effect, Input, Phase,
    },
    line::{
        client::LineClient,
        handler::EventHandler,
        message::Message,
        webhook::{Event, EventMeta, MessageContent, Postback},
    },
    routing::{self, CaseFacts},
    store::{CaseWrite, ConversationWrite, Effects, NewOutbox, StoreError, TranscriptWrite},
    worker::inbox::{EventCtx, Handled},
};

#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error("could not build a message: {0}")]
    Message(#[from] crate::line::message::MessageError),
    #[error("could not encode or decode: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct Frontdesk {
    pub locales: Arc<Locales>,
    pub settings: Arc<Settings>,
    pub crisis: CrisisDetector,
    /// For profiles (the language hint, the display name): a read, not a side effect.
    pub client: LineClient,
}

/// What the resident sent, for the transcript: (kind, body).
type Inbound = Option<(&'static str, Option<String>)>;

impl Frontdesk {
    fn reply_window_ms(&self) -> i64 {
        self.settings.line.reply_token_seconds as i64 * 1000
    }

    /// One conversation step for `user_id`, and everything it changes.
    async fn converse(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        user_id: &str,
        input: Input,
        inbound: Inbound,
    ) -> Result<Handled, HandlerError> {
        let (conv, display_name, profile_lang) = match ctx.conversations.get(user_id).cloned() {
            // A resident coming back (follow) whose name the first profile read missed.
            Some((state, None)) if matches!(input, Input::Follow) => {
                let name = self.client.profile(user_id).await.ok().flatten().map(|p| p.display_name);
                (serde_json::from_str::<Conversation>(&state)?, name, None)
            }
            Some((state, name)) => (serde_json::from_str::<Conversation>(&state)?, name, None),
            None => {
                // A new resident: the profile says which language LINE shows them.
                let profile = match self.client.profile(user_id).await {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(error = %e, "profile unavailable; asking for the language");
                        None
                    }
                };
                let lang = profile.as_ref().and_then(|p| p.language.as_deref()).and_then(Lang::from_profile);
                (Conversation::default(), profile.map(|p| p.display_name), lang)
            }
        };
        let detector = |t: &str| self.crisis.detect(t);
        let idle_ms = self.settings.intake.idle_hours as i64 * 3_600_000;
        let run = |number: &str| {
            let step_ctx = Ctx {
                now: ctx.now,
                profile_lang,
                idle_ms,
                new_case_number: number,
                vocab: self.locales.as_ref(),
                crisis: &detector,
            };
            intake::step(conv.clone(), input.clone(), &step_ctx)
        };
        // Most steps open no case: a number is drawn (and checked unused) only when one
        // does, and the step, being pure, is simply run again with it.
        const UNNUMBERED: &str = "-";
        let (mut conv, mut out) = run(UNNUMBERED);
        if conv.case_number.as_deref() == Some(UNNUMBERED) {
            let number = self.new_case_number(ctx).await?;
            (conv, out) = run(&number);
        }

        let mut effects = Effects::default();
        if conv.blocked {
            effects.cancel_outbox_for = Some(user_id.to_owned());
        }
        let case_number = conv.case_number.clone();
        if let Some((kind, body)) = inbound {
            effects.transcript.push(TranscriptWrite {
                user_id: user_id.to_owned(),
                case_number: case_number.clone(),
                direction: "in",
                kind,
                body,
                outbox_index: None,
            });
        }
        let save = out.effects.first().map(|e| match e {
            Effect::SaveCase(reason) => *reason,
        });
        if let (Some(reason), Some(number)) = (save, &case_number) {
            effects.case =
                Some(case_write(&conv, user_id, display_name.clone(), number, reason, &self.settings, ctx.now));
        }
        if !conv.blocked && !out.messages.is_empty() {
            let renderer = Renderer { locales: &self.locales, settings: &self.settings };
            let messages = renderer.render(conv.lang, &out)?;
            effects.transcript.push(TranscriptWrite {
                user_id: user_id.to_owned(),
                case_number: case_number.clone(),
                direction: "out",
                kind: "text",
                body: Some(transcript_text(&messages)),
                outbox_index: Some(0),
            });
            effects.outbox.push(self.answer(ctx, meta, user_id, &messages)?);
        }
        effects.conversation = Some(ConversationWrite {
            user_id: user_id.to_owned(),
            lang: conv.lang.map(|l| l.tag().to_owned()),
            display_name,
            phase: phase_code(conv.phase).to_owned(),
            state: serde_json::to_string(&conv)?,
        });
        Ok(Handled::Effects(Box::new(effects)))
    }

    /// A fresh case number, `YYMMDD-NNNN` (Japan's date), easy to read out on the phone.
    async fn new_case_number(&self, ctx: &EventCtx) -> Result<String, HandlerError> {
        let (y, m, d) = civil_date_jst(ctx.now);
        loop {
            let n = format!("{:02}{:02}{:02}-{:04}", y % 100, m, d, fastrand::u32(0..10_000));
            if !ctx.store.case_number_taken(&n).await? {
                return Ok(n);
            }
        }
    }

    /// An outbox row answering the event: by reply while its token is fresh, else by push.
    fn answer(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        chat_id: &str,
        messages: &[Message],
    ) -> Result<NewOutbox, HandlerError> {
        // A redelivered event's token is treated as used (line-api-facts.md §1.5).
        let reply_token = meta.reply_token.clone().filter(|_| !meta.is_redelivery);
        Ok(NewOutbox {
            chat_id: chat_id.to_owned(),
            messages: serde_json::to_string(messages)?,
            reply_deadline: reply_token.as_ref().map(|_| meta.timestamp + self.reply_window_ms()),
            reply_token,
            source_event: Some(ctx.event_key.clone()),
        })
    }
}

/// The one-on-one chat's user, if this is one: the bot never converses in a group.
fn resident(meta: &EventMeta) -> Option<&str> {
    meta.source.as_ref().filter(|s| s.is_user()).and_then(|s| s.user_id())
}

fn phase_code(p: Phase) -> &'static str {
    match p {
        Phase::Idle => "idle",
        Phase::Intake => "intake",
        Phase::CaseOpen => "case_open",
    }
}

fn transcript_text(messages: &[Message]) -> String {
    messages
        .iter()
        .map(|m| match m {
            Message::Text { text, .. } => text.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn codes<T>(items: &[T], code: impl Fn(&T) -> &'static str) -> String {
    items.iter().map(code).collect::<Vec<_>>().join(",")
}

/// The case's columns from the conversation's answers: codes, never words.
fn case_write(
    conv: &Conversation,
    user_id: &str,
    display_name: Option<String>,
    number: &str,
    reason: Option<CaseReason>,
    settings: &Settings,
    now: i64,
) -> CaseWrite {
    let a = &conv.answers;
    let facts = CaseFacts {
        lang: conv.lang,
        tonight: a.tonight,
        topics: a.topics.clone(),
        interpreter: a.interpreter,
        emergency: a.emergency,
        crisis: a.crisis.is_some(),
        consent_share: a.consent_share,
    };
    let routed = routing::route(&facts, &settings.routing, now);
    let opened_reason = match reason.unwrap_or(CaseReason::Crisis) {
        CaseReason::Submitted => "submitted",
        CaseReason::AskedForStaff => "asked_for_staff",
        CaseReason::Crisis => "crisis",
    };
    CaseWrite {
        number: number.to_owned(),
        user_id: user_id.to_owned(),
        display_name,
        lang: conv.lang.map(|l| l.tag().to_owned()),
        opened_reason: opened_reason.to_owned(),
        submitted: reason == Some(CaseReason::Submitted),
        asked_for_staff: a.asked_for_staff,
        emergency: a.emergency,
        crisis: a.crisis.and_then(|k| serde_json::to_value(k).ok()).and_then(|v| v.as_str().map(str::to_owned)),
        consent_record: a.consent_record,
        consent_share: a.consent_share,
        tonight: a.tonight.map(|t| t.code().to_owned()),
        topics: codes(&a.topics, |t| t.code()),
        household: a.household.map(|h| h.code().to_owned()),
        adults: a.adults.map(i64::from),
        children: a.children.map(i64::from),
        vulnerable: a.vulnerable.as_ref().map(|v| codes(v, |x| x.code())),
        area: a.area.map(|x| x.code().to_owned()),
        latitude: a.location.as_ref().map(|l| l.latitude),
        longitude: a.location.as_ref().map(|l| l.longitude),
        address: a.location.as_ref().and_then(|l| l.address.clone()),
        description: (!a.description.is_empty()).then(|| a.description.join("\n\n")),
        contact_method: a.contact.map(|c| c.code().to_owned()),
        phone: a.phone.clone(),
        contact_time: a.contact_time.map(|c| c.code().to_owned()),
        interpreter: a.interpreter,
        preferred_window: a.window.map(|w| w.code().to_owned()),
        answers: serde_json::to_string(a).unwrap_or_default(),
        queue: routed.queue.code().to_owned(),
        flags: routed.flags.iter().map(|q| q.code()).collect::<Vec<_>>().join(","),
        priority: routed.priority.code().to_owned(),
        partner_visible: routed.partner_visible,
        sla_deadline: routed.sla_deadline,
        attachments: a
            .attachments
            .iter()
            .map(|x| {
                let kind =
                    serde_json::to_value(x.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                (x.message_id.clone(), kind, x.file_name.clone())
            })
            .collect(),
    }
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's `civil_from_days`.
fn civil_date_jst(now_ms: i64) -> (i64, u32, u32) {
    let days = (now_ms + 9 * 3_600_000).div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl EventHandler for Frontdesk {
    type Context = EventCtx;
    type Output = Handled;
    type Error = HandlerError;

    async fn message(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        message: &MessageContent,
    ) -> Result<Handled, HandlerError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        let attachment = |kind, file_name: Option<&String>| {
            Input::Attachment(Attachment { message_id: message.id().to_owned(), kind, file_name: file_name.cloned() })
        };
        let (input, inbound): (Input, Inbound) = match message {
            MessageContent::Text(t) => (Input::Text(t.text.clone()), Some(("text", Some(t.text.clone())))),
            MessageContent::Image { .. } => {
                (attachment(AttachmentKind::Image, None), Some(("image", Some(message.id().to_owned()))))
            }
            MessageContent::Video { .. } => {
                (attachment(AttachmentKind::Video, None), Some(("video", Some(message.id().to_owned()))))
            }
            MessageContent::Audio { .. } => {
                (attachment(AttachmentKind::Audio, None), Some(("audio", Some(message.id().to_owned()))))
            }
            MessageContent::File { file_name, .. } => {
                (attachment(AttachmentKind::File, Some(file_name)), Some(("file", Some(file_name.clone()))))
            }
            MessageContent::Location { latitude, longitude, address, .. } => (
                Input::Location(Location { latitude: *latitude, longitude: *longitude, address: address.clone() }),
                Some(("location", Some(format!("{latitude},{longitude} {}", address.as_deref().unwrap_or(""))))),
            ),
            MessageContent::Sticker { .. } => (Input::Sticker, Some(("sticker", None))),
            MessageContent::Unknown { .. } => (Input::Unsupported, Some(("other", None))),
        };
        self.converse(ctx, meta, user_id, input, inbound).await
    }

    async fn postback(&self, ctx: &EventCtx, meta: &EventMeta, postback: &Postback) -> Result<Handled, HandlerError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        let input = Input::Postback(postback.data.clone());
        self.converse(ctx, meta, user_id, input, Some(("postback", Some(postback.data.clone())))).await
    }

    async fn follow(&self, ctx: &EventCtx, meta: &EventMeta, _is_unblocked: bool) -> Result<Handled, HandlerError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        self.converse(ctx, meta, user_id, Input::Follow, None).await
    }

    async fn unfollow(&self, ctx: &EventCtx, meta: &EventMeta) -> Result<Handled, HandlerError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        self.converse(ctx, meta, user_id, Input::Unfollow, None).await
    }

    async fn join(&self, _ctx: &EventCtx, meta: &EventMeta) -> Result<Handled, HandlerError> {
        // Operators need the group id to configure coordinators' alerts (a group id is
        // not personal data).
        if let Some(chat) = meta.source.as_ref().and_then(|s| s.chat_id()) {
            tracing::info!(group_id = chat, "the bot was added to a group or room");
        }
        Ok(Handled::Nothing)
    }

    async fn other(&self, _ctx: &EventCtx, _event: &Event) -> Result<Handled, HandlerError> {
        Ok(Handled::Nothing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_dates_are_japans() {
        // 2026-11-23T15:30:00Z is already 2026-11-24 in Japan.
        assert_eq!(civil_date_jst(1_795_447_800_000), (2026, 11, 24));
        assert_eq!(civil_date_jst(0), (1970, 1, 1));
        // 2024-02-29T00:00:00+09:00
        assert_eq!(civil_date_jst(1_709_132_400_000), (2024, 2, 29));
    }
}
