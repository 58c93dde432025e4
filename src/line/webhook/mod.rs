//! Typed, lenient models of LINE webhook bodies: split a body into raw events, read each event.
//!
//! The shapes follow LINE's official spec, `line-openapi` `webhook.yml` (`CallbackRequest`, `Event`, `Source`,
//! `MessageContent` and the per-type schemas), plus the SDK-only `messageEdited` event
//! (Messaging API reference, "Webhook event objects"; LINE Developers, "Receive messages
//! (webhook)").
//!
//! Two rules shape this module:
//! - **Keep every event verbatim.** [`parse_body`] hands out each event as a borrowed
//!   [`RawValue`], the exact bytes LINE sent, so the inbox can store them byte for byte
//!   (LINE escapes emoji as `\uXXXX` surrogates; a parse-and-reserialise round trip
//!   would change the bytes).
//! - **Never refuse an event LINE sends.** Every official SDK grew an "unknown event"
//!   fallback after new types crashed parsers (line-bot-sdk-java #1537, line-bot-sdk-python
//!   PR #424). [`parse_event`] therefore fails only when the event is not a JSON object.
//!   Unknown types become [`EventKind::Unknown`], [`MessageContent::Unknown`] or
//!   [`Source::Unknown`]. Known types with missing or ill-typed required fields become
//!   [`EventKind::Other`], or [`MessageContent::Unknown`] when the message id can still
//!   be read. Optional fields that are ill-typed are dropped, and extra fields are ignored.
//!   The older payload shape (no `webhookEventId`, `deliveryContext`, `mode`, `quoteToken`)
//!   is read with defaults.

mod message;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::ids::{ChatId, LineUserId};
pub use message::{ContentProvider, Emoji, ImageSet, Mention, Mentionee, MessageContent, TextMessage};
use parse::lenient;
pub use parse::{parse_body, parse_event};

/// The whole body. Events are kept raw so each one can be stored verbatim (byte-exact) in the inbox.
///
/// `webhook.yml` `CallbackRequest`: `destination` is the bot's user ID. `events` may be
/// empty: that is LINE's "Verify" request, which must still be answered with 200.
#[derive(Debug, Clone, Deserialize)]
pub struct CallbackRequest<'a> {
    pub destination: Option<String>,
    #[serde(borrow)]
    pub events: Vec<&'a RawValue>,
}

/// Why a body or an event could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// Not valid JSON (or not UTF-8).
    #[error("the webhook body or event is not valid JSON")]
    NotJson(#[source] serde_json::Error),
    /// Valid JSON, but not an object.
    #[error("the webhook body or event is not a JSON object")]
    NotAnObject,
    /// A JSON object without an `events` array (`webhook.yml` `CallbackRequest.events` is required).
    #[error("the webhook body has no `events` array")]
    NoEventsArray,
    /// The body repeats its `events` or `destination` key, so which events to store is ambiguous.
    #[error("the webhook body repeats a top-level key")]
    DuplicateKey(#[source] serde_json::Error),
}

/// One webhook event: the fields common to all types, and what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub meta: EventMeta,
    pub kind: EventKind,
}

/// The fields of `webhook.yml` `Event` shared by every type, plus `replyToken`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMeta {
    /// The raw `type` string, e.g. `"message"`, `"undefined"`; empty if the event has no string `type`.
    pub type_name: String,
    /// `webhookEventId` (a ULID), the de-duplication key. Absent in old-shape events.
    pub webhook_event_id: Option<String>,
    /// Time of the event in ms. It is the time the event happened, even when redelivered. 0 if absent.
    pub timestamp: i64,
    /// `mode`; `Active` if absent (older shape).
    pub mode: Mode,
    /// `source`; `None` if absent (the spec makes it optional at the base level).
    pub source: Option<Source>,
    /// `replyToken`, present only for the types that can be replied to.
    pub reply_token: Option<String>,
    /// `deliveryContext.isRedelivery`; false if absent. Redelivered reply tokens should be treated as unusable.
    pub is_redelivery: bool,
}

/// `webhook.yml` `EventMode`: "standby: the bot server that received this webhook event shouldn't send any messages".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Active,
    Standby,
    /// A mode string this model does not know.
    Other(String),
}

/// `webhook.yml` `Source` (`UserSource`, `GroupSource`, `RoomSource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One-on-one chat. `userId` is optional in the spec.
    User { user_id: Option<LineUserId> },
    /// Group chat. `userId` is "only included in message events".
    Group { group_id: ChatId, user_id: Option<LineUserId> },
    /// Multi-person chat. `userId` as for groups.
    Room { room_id: ChatId, user_id: Option<LineUserId> },
    /// A source type this model does not know, or a group/room without a well-formed id: we
    /// cannot address it.
    Unknown { type_name: String },
}

impl Source {
    /// Where a push would go: the user ID, group ID or room ID.
    pub fn chat_id(&self) -> Option<ChatId> {
        match self {
            Source::User { user_id } => user_id.as_ref().map(ChatId::from),
            Source::Group { group_id: chat, .. } | Source::Room { room_id: chat, .. } => Some(chat.clone()),
            Source::Unknown { .. } => None,
        }
    }

    /// The user who caused the event, if LINE told us.
    pub fn user_id(&self) -> Option<&LineUserId> {
        match self {
            Source::User { user_id } | Source::Group { user_id, .. } | Source::Room { user_id, .. } => user_id.as_ref(),
            Source::Unknown { .. } => None,
        }
    }

    /// A one-on-one chat (the only kind of chat the loading animation works in).
    pub fn is_user(&self) -> bool {
        matches!(self, Source::User { .. })
    }
}

/// What happened: `webhook.yml` `Event.discriminator`, plus `messageEdited`.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// `message`. `message` is required.
    Message(MessageContent),
    /// `messageEdited` (SDK-only, group chats only). Several may arrive out of order; the largest timestamp is the latest edit.
    MessageEdited(MessageContent),
    /// `unsend`: the user unsent the message with this id.
    Unsend { message_id: String },
    /// `follow`: added as a friend, or unblocked. Old-shape events have no `follow` object: `is_unblocked` is then false.
    Follow { is_unblocked: bool },
    /// `unfollow`: the account was blocked.
    Unfollow,
    /// `join`: the bot joined a group or room.
    Join,
    /// `leave`: the bot left or was removed from a group or room.
    Leave,
    /// `memberJoined`: `joined.members`.
    MemberJoined { members: Vec<Source> },
    /// `memberLeft`: `left.members`.
    MemberLeft { members: Vec<Source> },
    /// `postback`.
    Postback(Postback),
    /// `videoPlayComplete`: `videoPlayComplete.trackingId`.
    VideoPlayComplete { tracking_id: String },
    /// `beacon`.
    Beacon(Beacon),
    /// `accountLink`: `link.result` (`ok`/`failed`) and `link.nonce`.
    AccountLink { result: String, nonce: String },
    /// `membership`: `membership.type` (`joined`/`left`/`renewed`) and `membership.membershipId`.
    Membership { kind: String, membership_id: i64 },
    /// Module-channel and notification events we never act on: module, activated, deactivated, botSuspended, botResumed, delivery, and anything that is known but ill-formed
    /// (e.g. a `message` event without a readable `message` object with an `id`).
    Other,
    /// A type this model does not know: stored and skipped by the application
    Unknown,
}

/// `webhook.yml` `PostbackContent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postback {
    pub data: String,
    /// `params`: `date` (`2013-04-01`), `time` (`10:00`), `datetime` (`2013-04-01T10:00`) from
    /// datetime pickers, `newRichMenuAliasId`/`status` from rich menu switches. The spec says the
    /// values are strings; other scalars are kept as their JSON text, `null` is dropped.
    pub params: BTreeMap<String, String>,
}

/// `webhook.yml` `BeaconContent`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Beacon {
    pub hwid: String,
    /// `type`: `enter`, `banner` or `stay`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Device message, if the beacon sent one.
    #[serde(default, deserialize_with = "lenient")]
    pub dm: Option<String>,
}
