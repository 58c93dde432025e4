//! The application's LINE event handler. For now it acknowledges each text message from a
//! resident so the whole path (webhook → inbox → handler → outbox → LINE) is exercised;
//! the intake conversation replaces it.

use std::sync::Arc;

use crate::{
    i18n::{Lang, Locales},
    line::{
        handler::EventHandler,
        message::Message,
        webhook::{EventMeta, MessageContent},
    },
    store::{Effects, NewOutbox},
    worker::inbox::{EventCtx, Handled},
};

#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error("could not build a message: {0}")]
    Message(#[from] crate::line::message::MessageError),
    #[error("could not encode messages: {0}")]
    Json(#[from] serde_json::Error),
}

pub struct Frontdesk {
    pub locales: Arc<Locales>,
    /// How long after an event its reply token is still tried (ms).
    pub reply_window_ms: i64,
}

impl Frontdesk {
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
            reply_deadline: reply_token.as_ref().map(|_| meta.timestamp + self.reply_window_ms),
            reply_token,
            source_event: Some(ctx.event_key.clone()),
        })
    }
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
        // Only one-on-one chats with a resident; the bot never converses in a group.
        let Some(user_id) = meta.source.as_ref().filter(|s| s.is_user()).and_then(|s| s.user_id()) else {
            return Ok(Handled::Nothing);
        };
        if !matches!(message, MessageContent::Text(_)) {
            return Ok(Handled::Nothing);
        }
        // Until the conversation knows the resident's language, say it in all four.
        let text = Lang::ALL.iter().map(|l| self.locales.text(*l, "ack-received", None)).collect::<Vec<_>>().join("\n");
        let row = self.answer(ctx, meta, user_id, &[Message::text(text)?])?;
        Ok(Handled::Effects(Effects { outbox: vec![row] }))
    }
}
