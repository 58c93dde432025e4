//! The fake's endpoint logic: reply, push, validate, profile, loading, markAsRead, content, bot info.
//!
//! From LINE's Messaging API reference: single-use reply tokens used within a minute ("Send reply
//! message"), push retry keys kept 24 h with 409 + `x-line-accepted-request-id` ("Retrying an API
//! request"), the monthly-limit 429 ("Send push message"), profile 200/404 with optional
//! `language` ("Get profile"), loading 202/400 ("Display a loading animation"), `sentMessages`
//! (messaging-api.yml `ReplyMessageResponse`/`PushMessageResponse`, `SentMessage`).

use std::time::{Duration, Instant};

use axum::http::{HeaderName, StatusCode};
use bytes::Bytes;
use serde_json::{json, Value};

use super::api::{header_str, Answer, AnswerBody, Req};
use super::validate::{self, detail};
use super::{ids, AcceptedKey, Delivered, FakeLine, State, Via};

const RETRY_KEY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The body as a JSON object, or LINE's 400 for an unparsable body.
pub(super) fn json_object(raw: &Bytes) -> Result<serde_json::Map<String, Value>, Answer> {
    match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Answer::error(StatusCode::BAD_REQUEST, "The request body could not be parsed as JSON")),
    }
}

pub(super) fn reply(line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let token = body.get("replyToken").and_then(Value::as_str).unwrap_or("");
    let mut details = Vec::new();
    if token.is_empty() {
        details.push(detail("May not be empty", "replyToken"));
    }
    details.extend(validate::messages(body.get("messages")));
    if !details.is_empty() {
        return Answer::invalid(details);
    }
    let mut state = line.state();
    // Single use, valid for reply_token_ttl (reference, "Send reply message"). A body that failed validation above
    // did not consume the token (LINE does not say; this is the forgiving choice).
    let chat_id = match state.reply_tokens.remove(token) {
        Some(t) if t.issued.elapsed() <= line.inner.config.reply_token_ttl => t.chat_id,
        _ => return Answer::error(StatusCode::BAD_REQUEST, "Invalid reply token"),
    };
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    let sent = accept(line, &mut state, &chat_id, Via::Reply, messages, None, &req.request_id);
    Answer::json(StatusCode::OK, sent)
}

pub(super) fn push(line: &FakeLine, req: &Req) -> Answer {
    let retry_key = header_str(&req.headers, "x-line-retry-key").map(str::to_owned);
    if let Some(key) = &retry_key {
        // "Specifies the UUID in hexadecimal format (e.g., 123e4567-e89b-12d3-a456-426614174000)".
        if key.len() != 36 || uuid::Uuid::try_parse(key).is_err() {
            return Answer::error(StatusCode::BAD_REQUEST, "The value of the X-Line-Retry-Key header is invalid");
        }
    }
    let mut state = line.state();
    if let Some(key) = &retry_key {
        if let Some(accepted) = state.retry_keys.get(key).filter(|k| k.at.elapsed() < RETRY_KEY_LIFETIME) {
            let first = accepted.request_id.clone();
            return Answer::json(
                StatusCode::CONFLICT,
                json!({ "message": "The retry key is already accepted", "details": [] }),
            )
            .with_header(HeaderName::from_static("x-line-accepted-request-id"), first);
        }
    }
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let to = body.get("to").and_then(Value::as_str).unwrap_or("");
    let mut details = Vec::new();
    if to.is_empty() {
        details.push(detail("May not be empty", "to"));
    }
    details.extend(validate::messages(body.get("messages")));
    if !details.is_empty() {
        return Answer::invalid(details);
    }
    let known = if ids::is_chat_id(to, &['U']) { state.user(to).is_some() } else { ids::is_chat_id(to, &['C', 'R']) };
    if !known {
        // The real body seen for a bad `to` (reported in louislam/uptime-kuma #913).
        return Answer::error(
            StatusCode::BAD_REQUEST,
            "The property, 'to', in the request body is invalid (line:-, column:-)",
        );
    }
    if state.monthly_limit_reached {
        return Answer::error(StatusCode::TOO_MANY_REQUESTS, "You have reached your monthly limit.");
    }
    if let Some(key) = &retry_key {
        if state.sweep_due() {
            state.retry_keys.retain(|_, k| k.at.elapsed() < RETRY_KEY_LIFETIME);
        }
        state.retry_keys.insert(key.clone(), AcceptedKey { request_id: req.request_id.clone(), at: Instant::now() });
    }
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    let sent = accept(line, &mut state, to, Via::Push, messages, retry_key, &req.request_id);
    Answer::json(StatusCode::OK, sent)
}

/// Assigns message ids, delivers to the chat unless the user blocked the bot, answers `sentMessages`.
fn accept(
    line: &FakeLine,
    state: &mut State,
    chat_id: &str,
    via: Via,
    messages: Vec<Value>,
    retry_key: Option<String>,
    request_id: &str,
) -> Value {
    let sent: Vec<Value> = messages
        .iter()
        .map(|message| {
            let id = state.message_id();
            // quoteToken "only included when a message object that can be specified as a quote target was sent".
            match message["type"].as_str() {
                Some("text" | "textV2" | "sticker" | "image" | "video") => {
                    json!({ "id": id, "quoteToken": ids::opaque_token(64) })
                }
                _ => json!({ "id": id }),
            }
        })
        .collect();
    let blocked = state.user(chat_id).is_some_and(|u| u.blocked);
    if !blocked {
        let delivered =
            Delivered { chat_id: chat_id.to_owned(), via, messages, retry_key, request_id: request_id.to_owned() };
        state.delivered.push(delivered.clone());
        let _no_subscribers_is_fine = line.inner.deliveries.send(delivered);
    }
    json!({ "sentMessages": sent })
}

pub(super) fn validate_only(_line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    match validate::messages(body.get("messages")) {
        details if details.is_empty() => Answer::json(StatusCode::OK, json!({})),
        details => Answer::invalid(details),
    }
}

pub(super) fn profile(line: &FakeLine, req: &Req) -> Answer {
    let state = line.state();
    match state.user(&req.param).filter(|u| !u.blocked) {
        Some(entry) => {
            let user = &entry.user;
            let mut body = json!({ "displayName": user.display_name, "userId": user.user_id });
            if let Some(language) = &user.language {
                body["language"] = json!(language);
            }
            Answer::json(StatusCode::OK, body)
        }
        None => Answer::error(StatusCode::NOT_FOUND, "Not found"),
    }
}

pub(super) fn loading(_line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let mut details = Vec::new();
    let chat_id = body.get("chatId").and_then(Value::as_str).unwrap_or("");
    if !ids::is_chat_id(chat_id, &['U']) {
        // The real text, as reported truncated (openclaw/openclaw #132151): "Only user id is acceptable, please confirm if there are any group/room ids or ille…".
        details.push(detail(
            "Only user id is acceptable, please confirm if there are any group/room ids or illegal ids",
            "chatId",
        ));
    }
    // Optional in the spec; 20 s as the default is from LINE's docs (unverified).
    let seconds = body.get("loadingSeconds").map_or(Some(20), Value::as_i64);
    if !seconds.is_some_and(|s| (5..=60).contains(&s) && s % 5 == 0) {
        details.push(detail("Must be a multiple of 5 between 5 and 60", "loadingSeconds"));
    }
    if !details.is_empty() {
        return Answer::invalid(details);
    }
    Answer::json(StatusCode::ACCEPTED, json!({}))
}

pub(super) fn mark_as_read(line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let token = body.get("markAsReadToken").and_then(Value::as_str).unwrap_or("");
    if line.state().mark_as_read_tokens.contains(token) {
        Answer::json(StatusCode::OK, json!({}))
    } else {
        Answer::invalid(vec![detail("Invalid markAsReadToken", "markAsReadToken")])
    }
}

pub(super) fn content(line: &FakeLine, req: &Req) -> Answer {
    match line.state().contents.get(&req.param) {
        Some(content) => Answer {
            status: StatusCode::OK,
            body: AnswerBody::Bytes(content.content_type, content.bytes.clone()),
            headers: Vec::new(),
        },
        None => Answer::error(StatusCode::NOT_FOUND, "Not found"),
    }
}

/// `BotInfoResponse` required fields (messaging-api.yml).
pub(super) fn bot_info(line: &FakeLine, _req: &Req) -> Answer {
    let user_id = line.bot_user_id();
    Answer::json(
        StatusCode::OK,
        json!({
            "userId": user_id,
            "basicId": "@000fake",
            "displayName": "Fake welfare desk",
            "chatMode": "bot",
            "markAsReadMode": "auto",
        }),
    )
}

pub(super) fn not_found(_line: &FakeLine, _req: &Req) -> Answer {
    Answer::error(StatusCode::NOT_FOUND, "Not found")
}
