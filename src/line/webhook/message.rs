//! Message content (`webhook.yml` `MessageContent` and the types inside it) and how a `message`
//! object is read into it.

use serde::Deserialize;

use super::parse::{lenient, string_field, Object};

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

/// `None` if there is no `message` object with a string `id`; otherwise a content, which is
/// `MessageContent::Unknown` for unknown types and for known types that do not match the spec.
pub(super) fn parse_message(obj: &Object) -> Option<MessageContent> {
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

// Wire shapes of the per-type message objects (`webhook.yml` names), as for the events in
// `parse.rs`: required fields are plain, optional ones `lenient`, unknown fields ignored.

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
