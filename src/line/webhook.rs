//! Typed, lenient models of LINE webhook bodies: split a body into raw events, read each event.
//!
//! The shapes follow LINE's official spec, `line-openapi` `webhook.yml` (`CallbackRequest`, `Event`, `Source`,
//! `MessageContent` and the per-type schemas), plus the SDK-only `messageEdited` event
//! (see `line-api-facts.md` §1.2–1.5).
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

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

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

/// Splits a webhook body into its destination and its raw events.
///
/// Fails only if `body` is not a JSON object with an `events` array. An ill-typed
/// `destination` becomes `None` rather than an error: the events still have to be stored.
pub fn parse_body(body: &[u8]) -> Result<CallbackRequest<'_>, WebhookError> {
    // Only the two fields we need, both raw. Nothing inside them can fail here.
    #[derive(Deserialize)]
    struct TopLevel<'a> {
        #[serde(default, borrow)]
        destination: Option<&'a RawValue>,
        #[serde(default, borrow)]
        events: Option<&'a RawValue>,
    }

    // First pass: is it JSON at all, and an object? (A derived struct would also accept
    // an array, so check the first byte of the value.)
    let whole: &RawValue = serde_json::from_slice(body).map_err(WebhookError::NotJson)?;
    if !whole.get().trim_start().starts_with('{') {
        return Err(WebhookError::NotAnObject);
    }
    // Second pass can only fail on a duplicated `destination`/`events` key, which is
    // ambiguous: refuse it rather than pick one copy.
    let top: TopLevel<'_> = serde_json::from_str(whole.get()).map_err(WebhookError::DuplicateKey)?;

    let events = top.events.ok_or(WebhookError::NoEventsArray)?;
    let events: Vec<&RawValue> = serde_json::from_str(events.get()).map_err(|_| WebhookError::NoEventsArray)?;
    let destination = top.destination.and_then(|raw| serde_json::from_str::<String>(raw.get()).ok());
    Ok(CallbackRequest { destination, events })
}

/// Reads one raw event (one element of `events`).
///
/// Fails only if `raw` is not a JSON object; anything LINE might send inside an object
/// gives `Ok` (see the module documentation for the fallbacks).
pub fn parse_event(raw: &str) -> Result<Event, WebhookError> {
    let obj = parse_object(raw)?;
    let meta = parse_meta(&obj);
    let mut kind = parse_kind(&meta.type_name, &obj);
    if let EventKind::Message(content) | EventKind::MessageEdited(content) = &mut kind {
        if let MessageContent::Location { latitude, longitude, .. } = content {
            if let Some((exact_latitude, exact_longitude)) = exact_coordinates(raw) {
                *latitude = exact_latitude;
                *longitude = exact_longitude;
            }
        }
    }
    Ok(Event { meta, kind })
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
    User { user_id: Option<String> },
    /// Group chat. `userId` is "only included in message events".
    Group { group_id: String, user_id: Option<String> },
    /// Multi-person chat. `userId` as for groups.
    Room { room_id: String, user_id: Option<String> },
    /// A source type this model does not know, or a group/room without its id: we cannot address it.
    Unknown { type_name: String },
}

impl Source {
    /// Where a push would go: the user ID, group ID or room ID.
    pub fn chat_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } => user_id.as_deref(),
            Source::Group { group_id, .. } => Some(group_id),
            Source::Room { room_id, .. } => Some(room_id),
            Source::Unknown { .. } => None,
        }
    }

    /// The user who caused the event, if LINE told us.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } | Source::Group { user_id, .. } | Source::Room { user_id, .. } => {
                user_id.as_deref()
            }
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

/// `webhook.yml` `MessageContent` (discriminator `type`; `id` and `type` required).
#[derive(Debug, Clone, PartialEq)]
pub enum MessageContent {
    /// `TextMessageContent`.
    Text(TextMessage),
    /// `ImageMessageContent`. The bytes are fetched from `api-data.line.me` by `id`.
    Image { id: String, quote_token: Option<String>, content_provider: ContentProvider, image_set: Option<ImageSet> },
    /// `VideoMessageContent`; `duration` is in ms.
    Video { id: String, quote_token: Option<String>, duration_ms: Option<i64>, content_provider: ContentProvider },
    /// `AudioMessageContent`; `duration` is in ms.
    Audio { id: String, duration_ms: Option<i64>, content_provider: ContentProvider },
    /// `FileMessageContent`; `fileSize` is in bytes.
    File { id: String, file_name: String, file_size: i64 },
    /// `LocationMessageContent`.
    Location { id: String, title: Option<String>, address: Option<String>, latitude: f64, longitude: f64 },
    /// `StickerMessageContent`. `keywords` is "experimental" in the spec; empty if absent.
    Sticker {
        id: String,
        package_id: String,
        sticker_id: String,
        /// `stickerResourceType` (STATIC, ANIMATION, …, MESSAGE); absent in some old payloads.
        resource_type: Option<String>,
        keywords: Vec<String>,
        /// Text the user typed on a message sticker.
        text: Option<String>,
        quote_token: Option<String>,
    },
    /// A message type this model does not know, **or** a known type whose required fields
    /// are missing or ill-typed. The id is kept so the application can still acknowledge it;
    /// `type_name` is the raw `type` (empty if absent).
    Unknown { id: String, type_name: String },
}

impl MessageContent {
    /// The message id (`id`).
    pub fn id(&self) -> &str {
        match self {
            MessageContent::Text(text) => &text.id,
            MessageContent::Image { id, .. }
            | MessageContent::Video { id, .. }
            | MessageContent::Audio { id, .. }
            | MessageContent::File { id, .. }
            | MessageContent::Location { id, .. }
            | MessageContent::Sticker { id, .. }
            | MessageContent::Unknown { id, .. } => id,
        }
    }

    /// The raw `type` string, as in the spec's discriminator mapping.
    pub fn type_name(&self) -> &str {
        match self {
            MessageContent::Text(_) => "text",
            MessageContent::Image { .. } => "image",
            MessageContent::Video { .. } => "video",
            MessageContent::Audio { .. } => "audio",
            MessageContent::File { .. } => "file",
            MessageContent::Location { .. } => "location",
            MessageContent::Sticker { .. } => "sticker",
            MessageContent::Unknown { type_name, .. } => type_name,
        }
    }
}

/// `webhook.yml` `TextMessageContent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMessage {
    pub id: String,
    /// The text, with `\uXXXX` escapes decoded (emoji arrive as surrogate pairs).
    pub text: String,
    /// Required by the current spec, absent in the older shape.
    pub quote_token: Option<String>,
    /// LINE emoji inside `text`; empty if none.
    pub emojis: Vec<Emoji>,
    pub mention: Option<Mention>,
    /// Only present when this message quotes an earlier one.
    pub quoted_message_id: Option<String>,
    /// For `POST /v2/bot/chat/markAsRead`.
    pub mark_as_read_token: Option<String>,
}

/// `webhook.yml` `Emoji`. `index` and `length` count characters of `text` as LINE does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emoji {
    pub index: i64,
    pub length: i64,
    pub product_id: String,
    pub emoji_id: String,
}

/// `webhook.yml` `Mention` (at most 20 mentionees).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Mention {
    pub mentionees: Vec<Mentionee>,
}

/// `webhook.yml` `Mentionee` (`UserMentionee`, `AllMentionee`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mentionee {
    pub index: i64,
    pub length: i64,
    /// `type`: `user` or `all`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Only for `user`, and only if the user consented to profile access.
    #[serde(default, deserialize_with = "lenient")]
    pub user_id: Option<String>,
    /// Whether the mentioned user is this bot.
    #[serde(default, deserialize_with = "lenient")]
    pub is_self: Option<bool>,
}

/// `webhook.yml` `ContentProvider`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentProvider {
    /// `type`: `line` (fetch the content from LINE) or `external` (the URLs below).
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_content_url: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub preview_image_url: Option<String>,
}

/// `webhook.yml` `ImageSet`: several images sent at once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ImageSet {
    pub id: String,
    /// 1-based position in the set; missing from LINE 11.15 or earlier for Android.
    #[serde(default, deserialize_with = "lenient")]
    pub index: Option<i64>,
    #[serde(default, deserialize_with = "lenient")]
    pub total: Option<i64>,
}

// ---------------------------------------------------------------------------
// Reading an event.

type Object = Map<String, Value>;

/// Parses an event into a JSON object, failing only if it is not valid JSON or not an object.
///
/// The quick path, `serde_json::Value`, refuses two things that are still valid JSON:
/// - lone UTF-16 surrogate escapes in strings (allowed by the grammar, RFC 8259 §8.2, and let
///   through by `RawValue` in `parse_body`); they are replaced by U+FFFD;
/// - values nested deeper than serde_json's recursion limit (128); such a top-level field is
///   dropped, so only what it belongs to falls back (e.g. a message to `EventKind::Other`).
///
/// The stored raw event is unchanged either way.
fn parse_object(raw: &str) -> Result<Object, WebhookError> {
    let first_error = match serde_json::from_str(raw) {
        Ok(Value::Object(obj)) => return Ok(obj),
        Ok(_) => return Err(WebhookError::NotAnObject),
        Err(err) => err,
    };
    let repaired = replace_lone_surrogates(raw);
    let text = repaired.as_deref().unwrap_or(raw);
    // `RawValue` checks the syntax without a depth limit.
    let whole: &RawValue = serde_json::from_str(text).map_err(|_| WebhookError::NotJson(first_error))?;
    if !whole.get().trim_start().starts_with('{') {
        return Err(WebhookError::NotAnObject);
    }
    let fields: BTreeMap<String, &RawValue> = serde_json::from_str(whole.get()).map_err(WebhookError::NotJson)?;
    Ok(fields.into_iter().filter_map(|(key, value)| Some((key, serde_json::from_str(value.get()).ok()?))).collect())
}

/// Returns `raw` with every unpaired `\uD800`–`\uDFFF` escape replaced by `\uFFFD`, or `None`
/// if there was none. Backslashes only occur inside JSON strings, and every escape is
/// stepped over as a whole, so an escaped backslash followed by `u` is left alone.
fn replace_lone_surrogates(raw: &str) -> Option<String> {
    fn hex4(bytes: &[u8], at: usize) -> Option<u16> {
        let digits = bytes.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    }
    fn unicode_escape(bytes: &[u8], at: usize) -> Option<u16> {
        if bytes.get(at..at + 2)? == b"\\u" {
            hex4(bytes, at + 2)
        } else {
            None
        }
    }

    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0; // bytes[..copied] are already in `out`
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = unicode_escape(bytes, i) else {
            i += 2; // `\"`, `\\`, `\n`, …: step over both bytes
            continue;
        };
        let paired = (0xD800..=0xDBFF).contains(&unit)
            && unicode_escape(bytes, i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
        if paired {
            i += 12;
        } else if (0xD800..=0xDFFF).contains(&unit) {
            // Only ASCII is cut around, so the slice boundaries are char boundaries.
            out.push_str(&raw[copied..i]);
            out.push_str("\\uFFFD");
            i += 6;
            copied = i;
            changed = true;
        } else {
            i += 6;
        }
    }
    changed.then(|| {
        out.push_str(&raw[copied..]);
        out
    })
}

/// Re-reads `message.latitude`/`message.longitude` from their JSON text. Without its
/// `float_roundtrip` feature, serde_json may round a long decimal to a neighbouring `f64`
/// (the SDK fixture's `139.70372892916203` came out as `139.70372892916205`); Rust's own
/// `f64::from_str` is correctly rounded, and JSON numbers are valid input for it.
fn exact_coordinates(raw: &str) -> Option<(f64, f64)> {
    #[derive(Deserialize)]
    struct WithMessage<'a> {
        #[serde(borrow)]
        message: Coordinates<'a>,
    }
    #[derive(Deserialize)]
    struct Coordinates<'a> {
        #[serde(borrow)]
        latitude: &'a RawValue,
        #[serde(borrow)]
        longitude: &'a RawValue,
    }
    let event: WithMessage<'_> = serde_json::from_str(raw).ok()?;
    let latitude = event.message.latitude.get().parse().ok()?;
    let longitude = event.message.longitude.get().parse().ok()?;
    Some((latitude, longitude))
}

/// Deserializes an optional field, turning an ill-typed value into the default (`None`,
/// empty) instead of failing the whole object. Used for fields the spec marks optional.
fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = Value::deserialize(deserializer)?;
    Ok(T::deserialize(&value).unwrap_or_default())
}

fn string_field(obj: &Object, key: &str) -> Option<String> {
    obj.get(key)?.as_str().map(str::to_owned)
}

/// `obj[key]` read as `T`, or `None` if absent or not a `T`.
fn typed_field<T: DeserializeOwned>(obj: &Object, key: &str) -> Option<T> {
    T::deserialize(obj.get(key)?).ok()
}

fn parse_meta(obj: &Object) -> EventMeta {
    let mode = match obj.get("mode").and_then(Value::as_str) {
        None | Some("active") => Mode::Active,
        Some("standby") => Mode::Standby,
        Some(other) => Mode::Other(other.to_owned()),
    };
    let is_redelivery = obj
        .get("deliveryContext")
        .and_then(|context| context.get("isRedelivery"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    EventMeta {
        type_name: string_field(obj, "type").unwrap_or_default(),
        webhook_event_id: string_field(obj, "webhookEventId"),
        timestamp: obj.get("timestamp").and_then(Value::as_i64).unwrap_or(0),
        mode,
        source: obj.get("source").filter(|source| !source.is_null()).map(parse_source),
        reply_token: string_field(obj, "replyToken"),
        is_redelivery,
    }
}

/// Never fails: anything we cannot address becomes `Source::Unknown`.
fn parse_source(value: &Value) -> Source {
    let Some(obj) = value.as_object() else {
        return Source::Unknown { type_name: String::new() };
    };
    let type_name = string_field(obj, "type").unwrap_or_default();
    let user_id = string_field(obj, "userId");
    match type_name.as_str() {
        "user" => Source::User { user_id },
        "group" => match string_field(obj, "groupId") {
            Some(group_id) => Source::Group { group_id, user_id },
            None => Source::Unknown { type_name },
        },
        "room" => match string_field(obj, "roomId") {
            Some(room_id) => Source::Room { room_id, user_id },
            None => Source::Unknown { type_name },
        },
        _ => Source::Unknown { type_name },
    }
}

fn parse_kind(type_name: &str, obj: &Object) -> EventKind {
    let known = match type_name {
        "message" => parse_message(obj).map(EventKind::Message),
        "messageEdited" => parse_message(obj).map(EventKind::MessageEdited),
        "unsend" => {
            typed_field::<UnsendWire>(obj, "unsend").map(|unsend| EventKind::Unsend { message_id: unsend.message_id })
        }
        // `follow.isUnblocked` is required by the current spec but absent from the older
        // shape; a follow is still a follow, so read a missing flag as "newly added".
        "follow" => Some(EventKind::Follow {
            is_unblocked: typed_field::<FollowWire>(obj, "follow").is_some_and(|follow| follow.is_unblocked),
        }),
        "unfollow" => Some(EventKind::Unfollow),
        "join" => Some(EventKind::Join),
        "leave" => Some(EventKind::Leave),
        "memberJoined" => parse_members(obj, "joined").map(|members| EventKind::MemberJoined { members }),
        "memberLeft" => parse_members(obj, "left").map(|members| EventKind::MemberLeft { members }),
        "postback" => typed_field::<PostbackWire>(obj, "postback").map(|postback| {
            EventKind::Postback(Postback { data: postback.data, params: string_params(postback.params) })
        }),
        "videoPlayComplete" => typed_field::<VideoPlayCompleteWire>(obj, "videoPlayComplete")
            .map(|video| EventKind::VideoPlayComplete { tracking_id: video.tracking_id }),
        "beacon" => typed_field::<Beacon>(obj, "beacon").map(EventKind::Beacon),
        "accountLink" => typed_field::<LinkWire>(obj, "link")
            .map(|link| EventKind::AccountLink { result: link.result, nonce: link.nonce }),
        "membership" => typed_field::<MembershipWire>(obj, "membership")
            .map(|membership| EventKind::Membership { kind: membership.kind, membership_id: membership.membership_id }),
        // Module channels (partner docs) and LINE notification messages: not for us.
        "module" | "activated" | "deactivated" | "botSuspended" | "botResumed" | "delivery" => Some(EventKind::Other),
        _ => return EventKind::Unknown,
    };
    known.unwrap_or(EventKind::Other)
}

/// `joined.members` / `left.members`: arrays of `UserSource`. `None` if the array is missing.
fn parse_members(obj: &Object, key: &str) -> Option<Vec<Source>> {
    let members = obj.get(key)?.get("members")?.as_array()?;
    Some(members.iter().map(parse_source).collect())
}

/// `postback.params`: the spec says string values; keep other scalars as JSON text.
fn string_params(params: Option<Object>) -> BTreeMap<String, String> {
    params
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(key, value)| match value {
            Value::Null => None,
            Value::String(text) => Some((key, text)),
            other => Some((key, other.to_string())),
        })
        .collect()
}

/// `None` if there is no `message` object with a string `id`; otherwise a content, which is
/// `MessageContent::Unknown` for unknown types and for known types that do not match the spec.
fn parse_message(obj: &Object) -> Option<MessageContent> {
    let value = obj.get("message")?;
    let message = value.as_object()?;
    let id = string_field(message, "id")?;
    let type_name = string_field(message, "type").unwrap_or_default();
    let content = match type_name.as_str() {
        "text" => TextWire::deserialize(value).ok().map(|text| {
            MessageContent::Text(TextMessage {
                id: id.clone(),
                text: text.text,
                quote_token: text.quote_token,
                emojis: text.emojis,
                mention: text.mention,
                quoted_message_id: text.quoted_message_id,
                mark_as_read_token: text.mark_as_read_token,
            })
        }),
        "image" => ImageWire::deserialize(value).ok().map(|image| MessageContent::Image {
            id: id.clone(),
            quote_token: image.quote_token,
            content_provider: image.content_provider,
            image_set: image.image_set,
        }),
        "video" => VideoWire::deserialize(value).ok().map(|video| MessageContent::Video {
            id: id.clone(),
            quote_token: video.quote_token,
            duration_ms: video.duration,
            content_provider: video.content_provider,
        }),
        "audio" => AudioWire::deserialize(value).ok().map(|audio| MessageContent::Audio {
            id: id.clone(),
            duration_ms: audio.duration,
            content_provider: audio.content_provider,
        }),
        "file" => FileWire::deserialize(value).ok().map(|file| MessageContent::File {
            id: id.clone(),
            file_name: file.file_name,
            file_size: file.file_size,
        }),
        "location" => LocationWire::deserialize(value).ok().map(|location| MessageContent::Location {
            id: id.clone(),
            title: location.title,
            address: location.address,
            latitude: location.latitude,
            longitude: location.longitude,
        }),
        "sticker" => StickerWire::deserialize(value).ok().map(|sticker| MessageContent::Sticker {
            id: id.clone(),
            package_id: sticker.package_id,
            sticker_id: sticker.sticker_id,
            resource_type: sticker.sticker_resource_type,
            keywords: sticker.keywords,
            text: sticker.text,
            quote_token: sticker.quote_token,
        }),
        _ => None,
    };
    Some(content.unwrap_or(MessageContent::Unknown { id, type_name }))
}

// Wire shapes of the per-type objects (`webhook.yml` names). Required fields are plain,
// optional ones `lenient`. Unknown fields are ignored (no `deny_unknown_fields`).

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnsendWire {
    message_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FollowWire {
    is_unblocked: bool,
}

#[derive(Deserialize)]
struct PostbackWire {
    data: String,
    #[serde(default, deserialize_with = "lenient")]
    params: Option<Object>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VideoPlayCompleteWire {
    tracking_id: String,
}

#[derive(Deserialize)]
struct LinkWire {
    result: String,
    nonce: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MembershipWire {
    #[serde(rename = "type")]
    kind: String,
    membership_id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TextWire {
    text: String,
    #[serde(default, deserialize_with = "lenient")]
    quote_token: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    emojis: Vec<Emoji>,
    #[serde(default, deserialize_with = "lenient")]
    mention: Option<Mention>,
    #[serde(default, deserialize_with = "lenient")]
    quoted_message_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mark_as_read_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImageWire {
    content_provider: ContentProvider,
    #[serde(default, deserialize_with = "lenient")]
    quote_token: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    image_set: Option<ImageSet>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VideoWire {
    content_provider: ContentProvider,
    #[serde(default, deserialize_with = "lenient")]
    duration: Option<i64>,
    #[serde(default, deserialize_with = "lenient")]
    quote_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AudioWire {
    content_provider: ContentProvider,
    #[serde(default, deserialize_with = "lenient")]
    duration: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FileWire {
    file_name: String,
    file_size: i64,
}

#[derive(Deserialize)]
struct LocationWire {
    #[serde(default, deserialize_with = "lenient")]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    address: Option<String>,
    latitude: f64,
    longitude: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StickerWire {
    package_id: String,
    sticker_id: String,
    #[serde(default, deserialize_with = "lenient")]
    sticker_resource_type: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    keywords: Vec<String>,
    #[serde(default, deserialize_with = "lenient")]
    text: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    quote_token: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = r#"{"type":"user","userId":"U206d25c2ea6bd87c17655609a1c37cb8"}"#;

    /// A current-shape event of `type_name` from a user, with `extra` fields spliced in.
    fn event_json(type_name: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"{type_name}","mode":"active","timestamp":1462629479859,"source":{USER},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{{"isRedelivery":false}},"replyToken":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"{extra}}}"#
        )
    }

    fn parse(json: &str) -> Event {
        parse_event(json).expect("an object always parses")
    }

    fn kind_of(type_name: &str, extra: &str) -> EventKind {
        parse(&event_json(type_name, extra)).kind
    }

    fn message(content: &str) -> MessageContent {
        match kind_of("message", &format!(r#","message":{content}"#)) {
            EventKind::Message(content) => content,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    // --- the body -----------------------------------------------------------

    #[test]
    fn the_verification_request_has_no_events() {
        let body = parse_body(br#"{"destination":"xxxxxxxxxx","events":[]}"#).unwrap();
        assert_eq!(body.destination.as_deref(), Some("xxxxxxxxxx"));
        assert!(body.events.is_empty());
    }

    #[test]
    fn events_are_kept_byte_for_byte() {
        let first = r#"{"type":"message","message":{"id":"1","type":"text","text":"\uD83E\uDD28 \u3042"}}"#;
        let second = r#"{ "type" : "unfollow" }"#;
        let body = format!("{{\"events\": [{first},\n  {second}], \"destination\":\"U1\"}}");
        let parsed = parse_body(body.as_bytes()).unwrap();
        let raws: Vec<&str> = parsed.events.iter().map(|raw| raw.get()).collect();
        assert_eq!(raws, [first, second]);
        assert_eq!(parsed.destination.as_deref(), Some("U1"));
    }

    #[test]
    fn a_body_that_is_not_json_is_refused() {
        assert!(matches!(parse_body(b"hello"), Err(WebhookError::NotJson(_))));
        assert!(matches!(parse_body(b""), Err(WebhookError::NotJson(_))));
        assert!(matches!(parse_body(b"{\"events\":[]"), Err(WebhookError::NotJson(_))));
        assert!(matches!(parse_body(b"{\"events\":[]}\xff"), Err(WebhookError::NotJson(_))));
        assert!(matches!(parse_body(b"{\"events\":[\"\xff\"]}"), Err(WebhookError::NotJson(_))));
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert!(matches!(parse_body(b"[\"U1\", []]"), Err(WebhookError::NotAnObject)));
        assert!(matches!(parse_body(b" 42 "), Err(WebhookError::NotAnObject)));
    }

    #[test]
    fn a_body_with_a_repeated_events_key_is_refused() {
        assert!(matches!(
            parse_body(br#"{"events":[],"events":[{"type":"join"}]}"#),
            Err(WebhookError::DuplicateKey(_))
        ));
    }

    #[test]
    fn a_body_without_an_events_array_is_refused() {
        for body in [&br#"{"destination":"U1"}"#[..], br#"{"events":null}"#, br#"{"events":{}}"#] {
            assert!(matches!(parse_body(body), Err(WebhookError::NoEventsArray)));
        }
    }

    #[test]
    fn an_odd_destination_or_odd_events_do_not_fail_the_body() {
        let body = parse_body(br#"{"destination":7,"events":[1,"x",{}],"extra":true}"#).unwrap();
        assert_eq!(body.destination, None);
        assert_eq!(body.events.len(), 3);
        assert!(matches!(parse_event(body.events[0].get()), Err(WebhookError::NotAnObject)));
        assert_eq!(parse(body.events[2].get()).kind, EventKind::Unknown);
        let body = parse_body(br#"{"events":[]}"#).unwrap();
        assert_eq!(body.destination, None);
    }

    #[test]
    fn an_event_that_is_not_an_object_is_refused() {
        assert!(matches!(parse_event("nope"), Err(WebhookError::NotJson(_))));
        assert!(matches!(parse_event("[]"), Err(WebhookError::NotAnObject)));
        assert!(matches!(parse_event("null"), Err(WebhookError::NotAnObject)));
    }

    // --- common fields ----------------------------------------------------------

    #[test]
    fn the_common_fields_of_a_current_event_are_read() {
        let event = parse(&event_json("unfollow", ""));
        assert_eq!(
            event.meta,
            EventMeta {
                type_name: "unfollow".into(),
                webhook_event_id: Some("01FZ74A0TDDPYRVKNK77XKC3ZR".into()),
                timestamp: 1462629479859,
                mode: Mode::Active,
                source: Some(Source::User { user_id: Some("U206d25c2ea6bd87c17655609a1c37cb8".into()) }),
                reply_token: Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA".into()),
                is_redelivery: false,
            }
        );
    }

    #[test]
    fn an_old_shape_event_gets_defaults() {
        let event = parse(r#"{"type":"leave","timestamp":1462629479859}"#);
        assert_eq!(event.meta.webhook_event_id, None);
        assert_eq!(event.meta.mode, Mode::Active);
        assert_eq!(event.meta.source, None);
        assert_eq!(event.meta.reply_token, None);
        assert!(!event.meta.is_redelivery);
        assert_eq!(event.kind, EventKind::Leave);
    }

    #[test]
    fn ill_typed_common_fields_fall_back_to_defaults() {
        let event = parse(
            r#"{"type":"join","timestamp":"yesterday","mode":null,"webhookEventId":5,
                "deliveryContext":{"isRedelivery":"yes"},"replyToken":[],"source":null}"#,
        );
        assert_eq!(event.meta.timestamp, 0);
        assert_eq!(event.meta.mode, Mode::Active);
        assert_eq!(event.meta.webhook_event_id, None);
        assert!(!event.meta.is_redelivery);
        assert_eq!(event.meta.reply_token, None);
        assert_eq!(event.meta.source, None);
        assert_eq!(event.kind, EventKind::Join);
    }

    #[test]
    fn a_redelivered_event_is_flagged() {
        let json = event_json("unfollow", "").replace(r#""isRedelivery":false"#, r#""isRedelivery":true"#);
        assert!(parse(&json).meta.is_redelivery);
    }

    #[test]
    fn standby_and_unknown_modes_are_read() {
        let standby = event_json("unfollow", "").replace(r#""mode":"active""#, r#""mode":"standby""#);
        assert_eq!(parse(&standby).meta.mode, Mode::Standby);
        let other = event_json("unfollow", "").replace(r#""mode":"active""#, r#""mode":"paused""#);
        assert_eq!(parse(&other).meta.mode, Mode::Other("paused".into()));
    }

    #[test]
    fn extra_fields_are_ignored() {
        let content = message(r#"{"id":"1","type":"text","text":"hi","brandNew":{"a":[1]}}"#);
        assert!(matches!(content, MessageContent::Text(ref text) if text.text == "hi"));
        let event = parse(&event_json("unfollow", r#","somethingNew":[{"x":null}]"#));
        assert_eq!(event.kind, EventKind::Unfollow);
    }

    // --- sources ----------------------------------------------------------------

    fn source(json: &str) -> Option<Source> {
        parse(&format!(r#"{{"type":"leave","source":{json}}}"#)).meta.source
    }

    #[test]
    fn a_user_source_is_a_one_to_one_chat() {
        let source = source(r#"{"type":"user","userId":"U1"}"#).unwrap();
        assert_eq!(source, Source::User { user_id: Some("U1".into()) });
        assert_eq!(source.chat_id(), Some("U1"));
        assert_eq!(source.user_id(), Some("U1"));
        assert!(source.is_user());
    }

    #[test]
    fn a_group_source_is_addressed_by_its_group_id() {
        let source = source(r#"{"type":"group","groupId":"C1","userId":"U1"}"#).unwrap();
        assert_eq!(source, Source::Group { group_id: "C1".into(), user_id: Some("U1".into()) });
        assert_eq!(source.chat_id(), Some("C1"));
        assert_eq!(source.user_id(), Some("U1"));
        assert!(!source.is_user());
    }

    #[test]
    fn a_room_source_is_addressed_by_its_room_id() {
        let source = source(r#"{"type":"room","roomId":"R1"}"#).unwrap();
        assert_eq!(source, Source::Room { room_id: "R1".into(), user_id: None });
        assert_eq!(source.chat_id(), Some("R1"));
        assert_eq!(source.user_id(), None);
        assert!(!source.is_user());
    }

    #[test]
    fn an_unknown_or_unaddressable_source_is_unknown() {
        let unknown = source(r#"{"type":"square","squareId":"S1","userId":"U1"}"#).unwrap();
        assert_eq!(unknown, Source::Unknown { type_name: "square".into() });
        assert_eq!(unknown.chat_id(), None);
        assert_eq!(unknown.user_id(), None);
        assert_eq!(source(r#"{"type":"group","userId":"U1"}"#), Some(Source::Unknown { type_name: "group".into() }));
        assert_eq!(source(r#""U1""#), Some(Source::Unknown { type_name: String::new() }));
        let no_user = source(r#"{"type":"user"}"#).unwrap();
        assert_eq!(no_user.chat_id(), None);
    }

    // --- event types --------------------------------------------------------------

    #[test]
    fn a_message_event_carries_its_content() {
        let event = parse(&event_json(
            "message",
            r#","message":{"id":"325708","type":"text","text":"Hello, world","quoteToken":"q"}"#,
        ));
        assert_eq!(event.meta.type_name, "message");
        let EventKind::Message(content) = event.kind else { panic!("not a message: {:?}", event.kind) };
        assert_eq!(content.id(), "325708");
        assert_eq!(content.type_name(), "text");
    }

    #[test]
    fn a_message_event_without_a_message_is_other() {
        // Known but ill-formed: nothing to answer to, so it is stored and skipped like the
        // module events, not treated as an unknown type.
        assert_eq!(kind_of("message", ""), EventKind::Other);
        assert_eq!(kind_of("message", r#","message":"hi""#), EventKind::Other);
        assert_eq!(kind_of("message", r#","message":{"type":"text","text":"no id"}"#), EventKind::Other);
    }

    #[test]
    fn a_message_edited_event_carries_the_new_content() {
        let kind = kind_of("messageEdited", r#","message":{"id":"325708","type":"text","text":"Hello, edited world"}"#);
        let EventKind::MessageEdited(MessageContent::Text(text)) = kind else { panic!("not an edit: {kind:?}") };
        assert_eq!(text.text, "Hello, edited world");
        assert_eq!(text.quote_token, None);
        assert_eq!(kind_of("messageEdited", ""), EventKind::Other);
    }

    #[test]
    fn an_unsend_event_names_the_message() {
        assert_eq!(
            kind_of("unsend", r#","unsend":{"messageId":"325708"}"#),
            EventKind::Unsend { message_id: "325708".into() }
        );
        assert_eq!(kind_of("unsend", r#","unsend":{}"#), EventKind::Other);
    }

    #[test]
    fn a_follow_event_says_whether_it_is_an_unblock() {
        assert_eq!(kind_of("follow", r#","follow":{"isUnblocked":true}"#), EventKind::Follow { is_unblocked: true });
        assert_eq!(kind_of("follow", r#","follow":{"isUnblocked":false}"#), EventKind::Follow { is_unblocked: false });
        // The older shape has no `follow` object at all.
        assert_eq!(kind_of("follow", ""), EventKind::Follow { is_unblocked: false });
    }

    #[test]
    fn unfollow_join_and_leave_events_have_no_content() {
        assert_eq!(kind_of("unfollow", ""), EventKind::Unfollow);
        assert_eq!(kind_of("join", ""), EventKind::Join);
        assert_eq!(kind_of("leave", ""), EventKind::Leave);
    }

    #[test]
    fn member_joined_and_left_events_list_the_members() {
        let members = r#"{"members":[{"type":"user","userId":"U1"},{"type":"user","userId":"U2"}]}"#;
        let expected = vec![Source::User { user_id: Some("U1".into()) }, Source::User { user_id: Some("U2".into()) }];
        assert_eq!(
            kind_of("memberJoined", &format!(r#","joined":{members}"#)),
            EventKind::MemberJoined { members: expected.clone() }
        );
        assert_eq!(
            kind_of("memberLeft", &format!(r#","left":{members}"#)),
            EventKind::MemberLeft { members: expected }
        );
        assert_eq!(kind_of("memberJoined", ""), EventKind::Other);
        assert_eq!(kind_of("memberLeft", r#","left":{"members":{}}"#), EventKind::Other);
    }

    fn postback(extra: &str) -> Postback {
        match kind_of("postback", extra) {
            EventKind::Postback(postback) => postback,
            other => panic!("not a postback: {other:?}"),
        }
    }

    #[test]
    fn a_postback_carries_its_data() {
        let plain = postback(r#","postback":{"data":"action=intake&step=1"}"#);
        assert_eq!(plain.data, "action=intake&step=1");
        assert!(plain.params.is_empty());
        assert_eq!(kind_of("postback", r#","postback":{"params":{}}"#), EventKind::Other);
    }

    #[test]
    fn postback_params_from_datetime_pickers_are_read() {
        for (key, value) in [("date", "2013-04-01"), ("time", "10:00"), ("datetime", "2013-04-01T10:00")] {
            let got = postback(&format!(r#","postback":{{"data":"d","params":{{"{key}":"{value}"}}}}"#));
            assert_eq!(got.params, BTreeMap::from([(key.to_owned(), value.to_owned())]));
        }
        let switch = postback(
            r#","postback":{"data":"d","params":{"newRichMenuAliasId":"menu-b","status":"SUCCESS","n":3,"gone":null}}"#,
        );
        assert_eq!(switch.params["newRichMenuAliasId"], "menu-b");
        assert_eq!(switch.params["status"], "SUCCESS");
        assert_eq!(switch.params["n"], "3");
        assert!(!switch.params.contains_key("gone"));
        let odd = postback(r#","postback":{"data":"d","params":"not a map"}"#);
        assert!(odd.params.is_empty());
    }

    #[test]
    fn a_video_play_complete_event_carries_the_tracking_id() {
        assert_eq!(
            kind_of("videoPlayComplete", r#","videoPlayComplete":{"trackingId":"track_id"}"#),
            EventKind::VideoPlayComplete { tracking_id: "track_id".into() }
        );
    }

    #[test]
    fn a_beacon_event_carries_hwid_type_and_device_message() {
        assert_eq!(
            kind_of("beacon", r#","beacon":{"hwid":"d41d8cd98f","type":"enter","dm":"1234567890abcdef"}"#),
            EventKind::Beacon(Beacon {
                hwid: "d41d8cd98f".into(),
                kind: "enter".into(),
                dm: Some("1234567890abcdef".into()),
            })
        );
        assert_eq!(
            kind_of("beacon", r#","beacon":{"hwid":"d41d8cd98f","type":"stay"}"#),
            EventKind::Beacon(Beacon { hwid: "d41d8cd98f".into(), kind: "stay".into(), dm: None })
        );
    }

    #[test]
    fn an_account_link_event_carries_result_and_nonce() {
        assert_eq!(
            kind_of("accountLink", r#","link":{"result":"failed","nonce":"Vb771wDYtXuammLszK6h9A"}"#),
            EventKind::AccountLink { result: "failed".into(), nonce: "Vb771wDYtXuammLszK6h9A".into() }
        );
    }

    #[test]
    fn a_membership_event_carries_type_and_id() {
        assert_eq!(
            kind_of("membership", r#","membership":{"type":"renewed","membershipId":3189}"#),
            EventKind::Membership { kind: "renewed".into(), membership_id: 3189 }
        );
        assert_eq!(kind_of("membership", r#","membership":{"type":"joined","membershipId":"3189"}"#), EventKind::Other);
    }

    #[test]
    fn module_and_notification_events_are_other() {
        for type_name in ["module", "activated", "deactivated", "botSuspended", "botResumed", "delivery"] {
            assert_eq!(kind_of(type_name, ""), EventKind::Other, "{type_name}");
        }
        assert_eq!(kind_of("activated", r#","chatControl":{"expireAt":1462629479859}"#), EventKind::Other);
    }

    #[test]
    fn an_unknown_event_type_is_unknown_but_keeps_its_meta() {
        let event = parse(&event_json("greatNewFeature", r#","undefinedField":{"1":1}"#));
        assert_eq!(event.kind, EventKind::Unknown);
        assert_eq!(event.meta.type_name, "greatNewFeature");
        assert_eq!(event.meta.timestamp, 1462629479859);
        assert!(event.meta.source.is_some());
        // So is an event with no `type` at all, and the removed `things` type.
        let untyped = parse("{}");
        assert_eq!(untyped.kind, EventKind::Unknown);
        assert_eq!(untyped.meta.type_name, "");
        assert_eq!(kind_of("things", r#","things":{"type":"link"}"#), EventKind::Unknown);
    }

    // --- message types --------------------------------------------------------------

    #[test]
    fn a_text_message_keeps_all_its_fields() {
        let content = message(
            r#"{"id":"444573844083572737","type":"text","quoteToken":"q3Plxr4AgKd",
                "text":"@All @example Good Morning!! (love)",
                "emojis":[{"index":29,"length":6,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}],
                "mention":{"mentionees":[
                    {"index":0,"length":4,"type":"all"},
                    {"index":5,"length":8,"userId":"U49585cd0d5b","type":"user","isSelf":false}]},
                "quotedMessageId":"468789577898262530","markAsReadToken":"30yhdy232"}"#,
        );
        assert_eq!(
            content,
            MessageContent::Text(TextMessage {
                id: "444573844083572737".into(),
                text: "@All @example Good Morning!! (love)".into(),
                quote_token: Some("q3Plxr4AgKd".into()),
                emojis: vec![Emoji {
                    index: 29,
                    length: 6,
                    product_id: "5ac1bfd5040ab15980c9b435".into(),
                    emoji_id: "001".into(),
                }],
                mention: Some(Mention {
                    mentionees: vec![
                        Mentionee { index: 0, length: 4, kind: "all".into(), user_id: None, is_self: None },
                        Mentionee {
                            index: 5,
                            length: 8,
                            kind: "user".into(),
                            user_id: Some("U49585cd0d5b".into()),
                            is_self: Some(false),
                        },
                    ],
                }),
                quoted_message_id: Some("468789577898262530".into()),
                mark_as_read_token: Some("30yhdy232".into()),
            })
        );
    }

    #[test]
    fn surrogate_escaped_emoji_decode_in_text() {
        let content = message(r#"{"id":"1","type":"text","text":"\uD83E\uDD28 help \u3042"}"#);
        let MessageContent::Text(text) = content else { panic!("not text") };
        assert_eq!(text.text, "🤨 help あ");
    }

    #[test]
    fn a_lone_surrogate_does_not_fail_the_event() {
        // Valid by the JSON grammar and passed through by `parse_body`, but not a string
        // serde_json will decode. The event must still be read.
        let body = br#"{"events":[{"type":"message","message":{"id":"1","type":"text","text":"a\uD83Eb\\uD83E\uDD28\uD83E\uDD28\uDD28"}}]}"#;
        let parsed = parse_body(body).unwrap();
        let event = parse_event(parsed.events[0].get()).unwrap();
        let EventKind::Message(MessageContent::Text(text)) = event.kind else { panic!("not text") };
        // `\\uD83E` is an escaped backslash then plain text, so the `\uDD28` after it is lone.
        assert_eq!(text.text, "a\u{FFFD}b\\uD83E\u{FFFD}🤨\u{FFFD}");
        assert_eq!(replace_lone_surrogates(r#"{"a":"\uD83E\uDD28 \\uD83E \n"}"#), None);
    }

    #[test]
    fn a_field_nested_too_deep_for_serde_json_does_not_fail_the_event() {
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let json =
            event_json("message", &format!(r#","message":{{"id":"1","type":"text","text":"\uD83Ehi"}},"x":{deep}"#));
        assert!(serde_json::from_str::<Value>(&json).is_err());
        let body = format!(r#"{{"events":[{json}]}}"#);
        let parsed = parse_body(body.as_bytes()).unwrap();
        let event = parse_event(parsed.events[0].get()).unwrap();
        assert_eq!(event.meta.timestamp, 1462629479859);
        let EventKind::Message(MessageContent::Text(text)) = event.kind else { panic!("not text: {:?}", event.kind) };
        assert_eq!(text.text, "\u{FFFD}hi");
        // Deep inside the message, only the message is lost.
        let json = event_json("message", &format!(r#","message":{{"id":"1","type":"text","text":"hi","x":{deep}}}"#));
        assert_eq!(parse(&json).kind, EventKind::Other);
        assert!(matches!(parse_event(&format!("[{deep}]")), Err(WebhookError::NotAnObject)));
        assert!(matches!(parse_event(&format!("{{\"a\":{deep}")), Err(WebhookError::NotJson(_))));
    }

    #[test]
    fn ill_typed_optional_text_fields_are_dropped_not_fatal() {
        let content = message(
            r#"{"id":"1","type":"text","text":"hi","quoteToken":1,"emojis":[{"index":"x"}],"mention":[],"markAsReadToken":null}"#,
        );
        let MessageContent::Text(text) = content else { panic!("not text") };
        assert_eq!(text.text, "hi");
        assert_eq!(text.quote_token, None);
        assert!(text.emojis.is_empty());
        assert_eq!(text.mention, None);
        assert_eq!(text.mark_as_read_token, None);
    }

    #[test]
    fn an_image_message_from_line_with_an_image_set_is_read() {
        let content = message(
            r#"{"type":"image","id":"354718705033693861","contentProvider":{"type":"line"},
                "imageSet":{"id":"E005D41A7288F41B655","index":2,"total":2},"quoteToken":"q"}"#,
        );
        assert_eq!(
            content,
            MessageContent::Image {
                id: "354718705033693861".into(),
                quote_token: Some("q".into()),
                content_provider: ContentProvider {
                    kind: "line".into(),
                    original_content_url: None,
                    preview_image_url: None
                },
                image_set: Some(ImageSet { id: "E005D41A7288F41B655".into(), index: Some(2), total: Some(2) }),
            }
        );
        assert_eq!(content.type_name(), "image");
    }

    #[test]
    fn a_video_message_from_an_external_provider_is_read() {
        let content = message(
            r#"{"id":"2","type":"video","duration":60000,"contentProvider":{"type":"external",
                "originalContentUrl":"https://example.com/o.mp4","previewImageUrl":"https://example.com/p.jpg"}}"#,
        );
        assert_eq!(
            content,
            MessageContent::Video {
                id: "2".into(),
                quote_token: None,
                duration_ms: Some(60000),
                content_provider: ContentProvider {
                    kind: "external".into(),
                    original_content_url: Some("https://example.com/o.mp4".into()),
                    preview_image_url: Some("https://example.com/p.jpg".into()),
                },
            }
        );
    }

    #[test]
    fn an_audio_message_is_read() {
        let content = message(r#"{"id":"3","type":"audio","duration":1234,"contentProvider":{"type":"line"}}"#);
        assert_eq!(
            content,
            MessageContent::Audio {
                id: "3".into(),
                duration_ms: Some(1234),
                content_provider: ContentProvider {
                    kind: "line".into(),
                    original_content_url: None,
                    preview_image_url: None
                },
            }
        );
    }

    #[test]
    fn a_file_message_has_name_and_size() {
        assert_eq!(
            message(r#"{"id":"4","type":"file","fileName":"file.txt","fileSize":2138}"#),
            MessageContent::File { id: "4".into(), file_name: "file.txt".into(), file_size: 2138 }
        );
    }

    #[test]
    fn a_location_message_has_coordinates() {
        assert_eq!(
            message(
                r#"{"id":"5","type":"location","title":"my location","address":"Tokyo",
                    "latitude":35.65910807942215,"longitude":139}"#
            ),
            MessageContent::Location {
                id: "5".into(),
                title: Some("my location".into()),
                address: Some("Tokyo".into()),
                latitude: 35.65910807942215,
                longitude: 139.0,
            }
        );
    }

    #[test]
    fn location_coordinates_are_read_exactly() {
        let MessageContent::Location { latitude, longitude, .. } =
            message(r#"{"id":"5","type":"location","latitude":35.65910807942215,"longitude":139.70372892916203}"#)
        else {
            panic!("not a location")
        };
        assert_eq!(latitude.to_bits(), 35.65910807942215_f64.to_bits());
        assert_eq!(longitude.to_bits(), 139.70372892916203_f64.to_bits());
        let MessageContent::Location { latitude, .. } =
            message(r#"{"id":"5","type":"location","latitude":-3.5e1,"longitude":0}"#)
        else {
            panic!("not a location")
        };
        assert_eq!(latitude, -35.0);
    }

    #[test]
    fn a_sticker_message_has_keywords_and_text() {
        assert_eq!(
            message(
                r#"{"id":"6","type":"sticker","packageId":"1","stickerId":"2","stickerResourceType":"MESSAGE",
                    "keywords":["Love You","Love"],"text":"Just sticker","quoteToken":"q"}"#
            ),
            MessageContent::Sticker {
                id: "6".into(),
                package_id: "1".into(),
                sticker_id: "2".into(),
                resource_type: Some("MESSAGE".into()),
                keywords: vec!["Love You".into(), "Love".into()],
                text: Some("Just sticker".into()),
                quote_token: Some("q".into()),
            }
        );
        let bare = message(r#"{"id":"7","type":"sticker","packageId":"1","stickerId":"1"}"#);
        assert!(
            matches!(bare, MessageContent::Sticker { ref keywords, resource_type: None, .. } if keywords.is_empty())
        );
    }

    #[test]
    fn an_unknown_message_type_is_unknown_with_its_id() {
        let content = message(r#"{"id":"325708","type":"unknownunknownuknown","unknown":"blah blah"}"#);
        assert_eq!(content, MessageContent::Unknown { id: "325708".into(), type_name: "unknownunknownuknown".into() });
        assert_eq!(content.id(), "325708");
        assert_eq!(content.type_name(), "unknownunknownuknown");
    }

    #[test]
    fn a_known_message_type_missing_required_fields_is_unknown_with_its_id() {
        for (content, type_name) in [
            (r#"{"id":"8","type":"text"}"#, "text"),
            (r#"{"id":"8","type":"image"}"#, "image"),
            (r#"{"id":"8","type":"file","fileName":"a.pdf","fileSize":"big"}"#, "file"),
            (r#"{"id":"8","type":"location","latitude":"north","longitude":1.0}"#, "location"),
            (r#"{"id":"8"}"#, ""),
        ] {
            assert_eq!(
                message(content),
                MessageContent::Unknown { id: "8".into(), type_name: type_name.into() },
                "{content}"
            );
        }
    }
}
