//! The conversation service as LINE's `EventHandler`: each webhook event turned into a
//! conversation step for a resident in a one-on-one chat, a coordinator's tap or link code,
//! or a note that the bot joined or left a group.

use super::{ConversationError, ConversationService, Inbound};
use crate::{
    credentials::read_link_code,
    ids::LineUserId,
    intake::{
        answers::{Attachment, AttachmentKind, Location},
        Input,
    },
    line::{
        event_handler::EventHandler,
        webhook::{Event, EventMeta, MessageContent, Postback},
    },
    store::Effects,
    worker::inbox::{EventCtx, Handled},
};

impl ConversationService {
    fn membership(&self, meta: &EventMeta, joined: bool) -> Handled {
        let Some(source) = meta.source.as_ref().filter(|s| !s.is_user()) else { return Handled::Nothing };
        let Some(chat) = source.chat_id() else { return Handled::Nothing };
        let kind = if chat.is_room() { "room" } else { "group" };
        if joined {
            tracing::info!(group_id = %chat, kind, "the bot was added to a group or room");
        } else {
            tracing::info!(group_id = %chat, kind, "the bot left a group or room");
        }
        let effects = Effects { chat_membership: Some((chat, kind, joined)), ..Effects::default() };
        Handled::Effects(Box::new(effects))
    }
}

/// The one-on-one chat's user, if this is one: the bot never converses in a group.
fn resident(meta: &EventMeta) -> Option<&LineUserId> {
    meta.source.as_ref().filter(|s| s.is_user()).and_then(|s| s.user_id())
}

impl EventHandler for ConversationService {
    type Context = EventCtx;
    type Output = Handled;
    type Error = ConversationError;

    async fn message(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        message: &MessageContent,
    ) -> Result<Handled, ConversationError> {
        let Some(user_id) = resident(meta) else {
            return match message {
                MessageContent::Text(t) => self.group_text(ctx, meta, &t.text).await,
                _ => Ok(Handled::Nothing),
            };
        };
        if let MessageContent::Text(t) = message {
            if let Some(code) = read_link_code(&t.text) {
                return self.link(ctx, meta, user_id, &code).await;
            }
        }
        let attachment = |kind, file_name: Option<&String>| {
            Input::Attachment(Attachment { message_id: message.id().to_owned(), kind, file_name: file_name.cloned() })
        };
        let typed = match message {
            MessageContent::Text(t) => Some(t.text.clone()),
            _ => None,
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
        let mut handled = self.converse(ctx, meta, user_id, input, inbound).await?;
        if let Some(typed) = typed {
            self.typed_answer(ctx, user_id, &typed, &mut handled).await?;
        }
        Ok(handled)
    }

    async fn postback(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        postback: &Postback,
    ) -> Result<Handled, ConversationError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        if postback.data.starts_with("ask:") {
            // A button of staff's question (`casework::ask`), answered outside the intake.
            return self.question_tap(ctx, meta, user_id, &postback.data).await;
        }
        let input = Input::Postback(postback.data.clone());
        self.converse(ctx, meta, user_id, input, Some(("postback", Some(postback.data.clone())))).await
    }

    async fn follow(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        _is_unblocked: bool,
    ) -> Result<Handled, ConversationError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        self.converse(ctx, meta, user_id, Input::Follow, None).await
    }

    async fn unfollow(&self, ctx: &EventCtx, meta: &EventMeta) -> Result<Handled, ConversationError> {
        let Some(user_id) = resident(meta) else { return Ok(Handled::Nothing) };
        self.converse(ctx, meta, user_id, Input::Unfollow, None).await
    }

    async fn join(&self, _ctx: &EventCtx, meta: &EventMeta) -> Result<Handled, ConversationError> {
        // Operators need the group id to configure coordinators' alerts (a group id is
        // not personal data); the admin page lists it too. The bot says nothing there.
        Ok(self.membership(meta, true))
    }

    async fn leave(&self, _ctx: &EventCtx, meta: &EventMeta) -> Result<Handled, ConversationError> {
        Ok(self.membership(meta, false))
    }

    async fn other(&self, _ctx: &EventCtx, _event: &Event) -> Result<Handled, ConversationError> {
        Ok(Handled::Nothing)
    }
}
