//! Reading a body and its events: the lenient JSON reading, the fallbacks for anything odd, and
//! the wire shapes of the per-type event objects.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::message::parse_message;
use super::{
    Beacon, CallbackRequest, Event, EventKind, EventMeta, MessageContent, Mode, Postback, Source, WebhookError,
};
use crate::ids::{ChatId, LineUserId};

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

// ---------------------------------------------------------------------------
// Reading an event.

pub(super) type Object = Map<String, Value>;

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
pub(super) fn replace_lone_surrogates(raw: &str) -> Option<String> {
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
pub(super) fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = Value::deserialize(deserializer)?;
    Ok(T::deserialize(&value).unwrap_or_default())
}

pub(super) fn string_field(obj: &Object, key: &str) -> Option<String> {
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
    // An id that is not one (not a string, not LINE's shape) counts as missing.
    let user_id = string_field(obj, "userId").and_then(|id| LineUserId::parse(&id).ok());
    let chat_id = |key| string_field(obj, key).and_then(|id| ChatId::parse(&id).ok());
    match type_name.as_str() {
        "user" => Source::User { user_id },
        "group" => match chat_id("groupId") {
            Some(group_id) => Source::Group { group_id, user_id },
            None => Source::Unknown { type_name },
        },
        "room" => match chat_id("roomId") {
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
