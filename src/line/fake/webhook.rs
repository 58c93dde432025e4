//! The fake's webhook side: event builders and a sender that escapes, signs and POSTs like LINE.
//!
//! From LINE Developers, "Receiving messages", and `webhook.yml` `CallbackRequest`: body `{"destination","events"}` with every
//! non-ASCII character written as `\uXXXX` (astral characters as UTF-16 surrogate pairs, as the
//! real platform does: 🤨 → `\uD83E\uDD28`, line-bot-sdk-nodejs #922), `x-line-signature` =
//! base64(HMAC-SHA256(channel secret, exact body bytes)), `User-Agent: LineBotWebhook/2.0`,
//! `Content-Type: application/json; charset=utf-8`, a 2 s deadline (`request_timeout`), events
//! with `webhookEventId` (ULID), `deliveryContext.isRedelivery`, and `quoteToken` /
//! `markAsReadToken` where `webhook.yml` has them. Event shapes follow the Python SDK fixture.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::{ids, Content, FakeLine, ReplyToken};
use crate::line::signature;

/// What the bot server answered to one webhook POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookResult {
    pub status: u16,
    pub elapsed: Duration,
}

/// Why a webhook POST got no answer (reasons named as in LINE Developers,
/// "Check webhook error statistics").
#[derive(Debug, thiserror::Error)]
pub enum FakeError {
    #[error("no webhook URL is set (call FakeLine::set_webhook_url)")]
    NoWebhookUrl,
    #[error("request_timeout: the bot server didn't answer within {0:?}")]
    Timeout(Duration),
    #[error("could_not_connect: {0}")]
    CouldNotConnect(String),
    #[error("unclassified: {0}")]
    Unclassified(String),
}

/// A 1×1 transparent PNG: the content behind every `image_event`.
const FAKE_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Serialises `value` as compact JSON with every non-ASCII character as uppercase `\uXXXX`
/// escapes (surrogate pairs above U+FFFF), byte-for-byte the way LINE writes webhook bodies.
pub fn line_json_bytes(value: &Value) -> Vec<u8> {
    let plain = serde_json::to_string(value).expect("a serde_json::Value always serialises");
    let mut out = String::with_capacity(plain.len() + plain.len() / 4);
    let mut units = [0u16; 2];
    for c in plain.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            // Non-ASCII only occurs inside JSON strings, where an escape means the same character.
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04X}");
            }
        }
    }
    out.into_bytes()
}

impl FakeLine {
    /// The fields every event has (webhook.yml `Event`), with a `user` source.
    fn base_event(&self, kind: &str, user_id: &str, with_reply_token: bool) -> Map<String, Value> {
        let mut event = Map::new();
        event.insert("type".into(), json!(kind));
        event.insert("mode".into(), json!("active"));
        event.insert("timestamp".into(), json!(ids::now_ms()));
        event.insert("source".into(), json!({ "type": "user", "userId": user_id }));
        event.insert("webhookEventId".into(), json!(ids::ulid()));
        event.insert("deliveryContext".into(), json!({ "isRedelivery": false }));
        if with_reply_token {
            let token = ids::hex32();
            let mut state = self.state();
            let ttl = self.inner.config.reply_token_ttl;
            if state.sweep_due() {
                state.reply_tokens.retain(|_, t| t.issued.elapsed() <= ttl);
            }
            state
                .reply_tokens
                .insert(token.clone(), ReplyToken { chat_id: user_id.to_owned(), issued: Instant::now() });
            event.insert("replyToken".into(), json!(token));
        }
        event
    }

    /// A `message` event whose content gets a fresh id and a registered `markAsReadToken`.
    fn message_event(&self, user_id: &str, mut content: Map<String, Value>) -> (Value, String) {
        let mut event = self.base_event("message", user_id, true);
        let read_token = ids::opaque_token(43);
        let id = {
            let mut state = self.state();
            state.mark_as_read_tokens.insert(read_token.clone());
            state.message_id()
        };
        content.insert("id".into(), json!(id));
        content.insert("markAsReadToken".into(), json!(read_token));
        event.insert("message".into(), Value::Object(content));
        (Value::Object(event), id)
    }

    /// A text message from `user_id` (with `quoteToken` and `markAsReadToken`).
    pub fn text_event(&self, user_id: &str, text: &str) -> Value {
        let content = json!({ "type": "text", "text": text, "quoteToken": ids::opaque_token(64) });
        self.message_event(user_id, into_map(content)).0
    }

    /// The bot was added to a group (`C…`) or room (`R…`): a `join` event with a reply token.
    pub fn join_event(&self, chat_id: &str) -> Value {
        let mut event = self.base_event("join", chat_id, true);
        event.insert("source".into(), group_source(chat_id, None));
        Value::Object(event)
    }

    /// A member of a group or room writes there (the bot must not converse in groups).
    pub fn group_text_event(&self, chat_id: &str, text: &str) -> Value {
        self.group_text_event_from(chat_id, Some(&ids::user_id()), text)
    }

    /// `member` writes (or taps a message action) in a group or room; `None`: a member LINE
    /// leaves out, one who has not agreed to its terms (webhook reference, "Source group":
    /// `userId` "only included in message events", only for users who consented).
    pub fn group_text_event_from(&self, chat_id: &str, member: Option<&str>, text: &str) -> Value {
        let content = json!({ "type": "text", "text": text, "quoteToken": ids::opaque_token(64) });
        let (event, _) = self.message_event(chat_id, into_map(content));
        let mut event = into_map(event);
        event.insert("source".into(), group_source(chat_id, member));
        Value::Object(event)
    }

    /// A postback (a tapped postback action), with a reply token.
    pub fn postback_event(&self, user_id: &str, data: &str) -> Value {
        let mut event = self.base_event("postback", user_id, true);
        event.insert("postback".into(), json!({ "data": data }));
        Value::Object(event)
    }

    /// The user adds (or unblocks) the bot: `follow.isUnblocked` tells which; profile served again.
    pub fn follow_event(&self, user_id: &str) -> Value {
        let was_blocked = self.state().set_blocked(user_id, false);
        let mut event = self.base_event("follow", user_id, true);
        event.insert("follow".into(), json!({ "isUnblocked": was_blocked }));
        Value::Object(event)
    }

    /// The user blocks the bot (no reply token); the fake marks the user blocked.
    pub fn unfollow_event(&self, user_id: &str) -> Value {
        self.state().set_blocked(user_id, true);
        Value::Object(self.base_event("unfollow", user_id, false))
    }

    /// A sticker message (a standard LINE sticker).
    pub fn sticker_event(&self, user_id: &str) -> Value {
        let content = json!({
            "type": "sticker", "packageId": "446", "stickerId": "1988",
            "stickerResourceType": "STATIC", "keywords": ["Happy"], "quoteToken": ids::opaque_token(64),
        });
        self.message_event(user_id, into_map(content)).0
    }

    /// An image message; its bytes (a 1×1 PNG) are served by the content endpoint.
    pub fn image_event(&self, user_id: &str) -> Value {
        let content =
            json!({ "type": "image", "contentProvider": { "type": "line" }, "quoteToken": ids::opaque_token(64) });
        let (event, id) = self.message_event(user_id, into_map(content));
        let content = Content { content_type: "image/png", bytes: Bytes::from_static(FAKE_PNG) };
        self.state().contents.insert(id, content);
        event
    }

    /// A shared location.
    pub fn location_event(&self, user_id: &str, lat: f64, lon: f64, address: &str) -> Value {
        let content = json!({ "type": "location", "latitude": lat, "longitude": lon, "address": address });
        self.message_event(user_id, into_map(content)).0
    }

    /// The same event redelivered: same `webhookEventId`, `deliveryContext.isRedelivery = true`
    /// (`webhook.yml` `DeliveryContext`).
    pub fn redelivery_of(event: &Value) -> Value {
        let mut again = event.clone();
        again["deliveryContext"] = json!({ "isRedelivery": true });
        again
    }

    /// The signature LINE would put in `x-line-signature` for `body`.
    pub fn signature_for(&self, body: &[u8]) -> String {
        signature::sign(self.inner.config.channel_secret.as_bytes(), body)
    }

    /// POSTs `{"destination": bot id, "events": events}`, escaped and signed like LINE.
    pub async fn send_events(&self, events: Vec<Value>) -> Result<WebhookResult, FakeError> {
        let body = line_json_bytes(&json!({ "destination": self.bot_user_id(), "events": events }));
        let signature = self.signature_for(&body);
        self.send_body(body, Some(signature)).await
    }

    /// The console's "Verify" request: no events (LINE Developers, "Verify webhook URL").
    pub async fn verify_webhook(&self) -> Result<WebhookResult, FakeError> {
        self.send_events(Vec::new()).await
    }

    /// POSTs `body` as is, with `signature` as `x-line-signature` (`None`: no header at all).
    pub async fn send_body(&self, body: Vec<u8>, signature: Option<String>) -> Result<WebhookResult, FakeError> {
        let url = super::lock(&self.inner.webhook_url).clone().ok_or(FakeError::NoWebhookUrl)?;
        let timeout = self.inner.config.webhook_timeout;
        let mut request = self
            .inner
            .http
            .post(url)
            .timeout(timeout)
            .header(reqwest::header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header(reqwest::header::USER_AGENT, "LineBotWebhook/2.0")
            .body(body);
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        let started = Instant::now();
        let outcome = match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                // LINE ignores the body; read it so the connection can be reused.
                response.bytes().await.map(|_| status)
            }
            Err(error) => Err(error),
        };
        let elapsed = started.elapsed();
        match outcome {
            Ok(status) => Ok(WebhookResult { status, elapsed }),
            Err(error) if error.is_timeout() => Err(FakeError::Timeout(timeout)),
            Err(error) if error.is_connect() => Err(FakeError::CouldNotConnect(error.to_string())),
            Err(error) => Err(FakeError::Unclassified(error.to_string())),
        }
    }
}

/// A group or room source (`groupId` or `roomId`, and the member's `userId` if known).
fn group_source(chat_id: &str, member: Option<&str>) -> Value {
    let mut source = if chat_id.starts_with('R') {
        json!({ "type": "room", "roomId": chat_id })
    } else {
        json!({ "type": "group", "groupId": chat_id })
    };
    if let (Some(m), Some(obj)) = (member, source.as_object_mut()) {
        obj.insert("userId".into(), json!(m));
    }
    source
}

fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
