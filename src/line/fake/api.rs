//! The fake's HTTP handlers: LINE's API paths (api.line.me) and the content path (api-data.line.me).
//!
//! Behaviour from `/work/shared/line-api-facts.md` §2 and §6: Bearer auth (401 texts from §2.8),
//! a fresh `x-line-request-id` on every response (§2.1), `ErrorResponse` bodies, single-use
//! expiring reply tokens (§2.2), push retry keys kept 24 h with 409 +
//! `x-line-accepted-request-id` (§2.3), retry key on any other endpoint → 400 (§2.2), profile
//! 404 (§2.5), loading 202/400 (§2.6), request bodies over 2 MB → 413 (§2.8).

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::validate::{self, detail};
use super::{ids, AcceptedKey, Delivered, Endpoint, Failure, FakeLine, RecordedCall, State, Via};

const RETRY_KEY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

pub(super) fn router(line: FakeLine) -> Router {
    use Endpoint::{Content, Loading, Profile, Push, Reply};
    Router::new()
        .route(
            "/v2/bot/message/reply",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, Some(Reply), String::new(), r, reply)),
        )
        .route(
            "/v2/bot/message/push",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, Some(Push), String::new(), r, push)),
        )
        .route(
            "/v2/bot/message/validate/reply",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, validate_only)),
        )
        .route(
            "/v2/bot/message/validate/push",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, validate_only)),
        )
        .route(
            "/v2/bot/profile/{user_id}",
            get(|s: AxState<FakeLine>, Path(id): Path<String>, r: Request| serve(s.0, Some(Profile), id, r, profile)),
        )
        .route(
            "/v2/bot/chat/loading/start",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, Some(Loading), String::new(), r, loading)),
        )
        .route(
            "/v2/bot/chat/markAsRead",
            post(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, mark_as_read)),
        )
        .route(
            "/v2/bot/message/{message_id}/content",
            get(|s: AxState<FakeLine>, Path(id): Path<String>, r: Request| serve(s.0, Some(Content), id, r, content)),
        )
        .route("/v2/bot/info", get(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, bot_info)))
        .fallback(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, not_found))
        .layer(DefaultBodyLimit::disable())
        .with_state(line)
}

/// What a handler needs from the request.
struct Req {
    headers: HeaderMap,
    raw: Bytes,
    param: String,
    request_id: String,
}

/// A response being built: status, JSON or bytes, extra headers.
pub(super) struct Answer {
    status: StatusCode,
    body: AnswerBody,
    headers: Vec<(HeaderName, String)>,
}

enum AnswerBody {
    Json(Value),
    Bytes(&'static str, Bytes),
}

impl Answer {
    fn json(status: StatusCode, body: Value) -> Self {
        Answer { status, body: AnswerBody::Json(body), headers: Vec::new() }
    }

    fn error(status: StatusCode, message: &str) -> Self {
        Self::json(status, json!({ "message": message }))
    }

    /// 400 "The request body has N error(s)" with `details` (facts §2.8).
    fn invalid(details: Vec<Value>) -> Self {
        let message = format!("The request body has {} error(s)", details.len());
        Self::json(StatusCode::BAD_REQUEST, json!({ "message": message, "details": details }))
    }

    fn with_header(mut self, name: HeaderName, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn into_response(self, request_id: &str) -> Response {
        let mut response = match self.body {
            AnswerBody::Json(value) => (self.status, axum::Json(value)).into_response(),
            AnswerBody::Bytes(content_type, bytes) => {
                (self.status, [(header::CONTENT_TYPE, content_type)], bytes).into_response()
            }
        };
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        headers.insert("x-line-request-id", HeaderValue::from_str(request_id).expect("a UUID is a valid header"));
        headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, no-store, max-age=0, must-revalidate"));
        response
    }
}

type Handler = fn(&FakeLine, &Req) -> Answer;

/// Records the call, applies an injected failure, checks auth and the retry-key rule, runs `handle`.
/// Runs in its own task, so a request is handled to the end even if the client hangs up.
async fn serve(
    line: FakeLine,
    endpoint: Option<Endpoint>,
    param: String,
    request: Request,
    handle: Handler,
) -> Response {
    let (parts, body) = request.into_parts();
    let method = parts.method.to_string();
    let path = parts.uri.path().to_owned();
    // Anything above the limit is answered 413 below; cap what we buffer.
    let raw = axum::body::to_bytes(body, MAX_BODY_BYTES + 1)
        .await
        .unwrap_or_else(|_| Bytes::from(vec![0; MAX_BODY_BYTES + 1]));
    let task = tokio::spawn(async move {
        let req = Req { headers: parts.headers, raw, param, request_id: uuid::Uuid::new_v4().to_string() };
        let retry_key = header_str(&req.headers, "x-line-retry-key").map(str::to_owned);
        let index = line.record_call(RecordedCall {
            method,
            path,
            retry_key,
            authorization_ok: authorization(&line, &req.headers).is_ok(),
            status: 0,
            body: serde_json::from_slice(&req.raw).ok(),
        });
        let failure = endpoint.and_then(|e| line.take_failure(e));
        let mut stall = None;
        let answer = match failure {
            Some(Failure::Status(code)) => {
                let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                Answer::error(status, status_message(status))
            }
            Some(Failure::RateLimited { retry_after_secs }) => {
                let answer = Answer::error(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests");
                match retry_after_secs {
                    Some(secs) => answer.with_header(header::RETRY_AFTER, secs.to_string()),
                    None => answer,
                }
            }
            Some(Failure::InvalidReplyToken) => Answer::error(StatusCode::BAD_REQUEST, "Invalid reply token"),
            Some(Failure::Delay(delay)) => {
                tokio::time::sleep(delay).await;
                normal(&line, endpoint, &req, handle)
            }
            Some(Failure::AcceptThenDelay(delay)) => {
                stall = Some(delay);
                normal(&line, endpoint, &req, handle)
            }
            None => normal(&line, endpoint, &req, handle),
        };
        line.set_call_status(index, answer.status.as_u16());
        if let Some(delay) = stall {
            tokio::time::sleep(delay).await;
        }
        answer.into_response(&req.request_id)
    });
    task.await.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn normal(line: &FakeLine, endpoint: Option<Endpoint>, req: &Req, handle: Handler) -> Answer {
    if let Err(answer) = authorization(line, &req.headers) {
        return answer;
    }
    // Only push (and multicast/narrowcast/broadcast) take a retry key; elsewhere it is a 400 (facts §2.2).
    if endpoint != Some(Endpoint::Push) && req.headers.contains_key("x-line-retry-key") {
        return Answer::error(StatusCode::BAD_REQUEST, "X-Line-Retry-Key is not supported by this API");
    }
    if req.raw.len() > MAX_BODY_BYTES {
        return Answer::error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
    }
    handle(line, req)
}

/// `Authorization: Bearer <token>`; the 401 texts are the real ones quoted in facts §2.8.
fn authorization(line: &FakeLine, headers: &HeaderMap) -> Result<(), Answer> {
    let Some(value) = header_str(headers, header::AUTHORIZATION.as_str()) else {
        return Err(Answer::error(
            StatusCode::UNAUTHORIZED,
            "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
        ));
    };
    match value.strip_prefix("Bearer ") {
        Some(token) if token == line.inner.config.access_token => Ok(()),
        _ => Err(Answer::error(
            StatusCode::UNAUTHORIZED,
            "Authentication failed. Confirm that the access token in the authorization header is valid.",
        )),
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn status_message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Bad Request",
        401 => "Authentication failed. Confirm that the access token in the authorization header is valid.",
        403 => "Access to this API is not available for your account",
        404 => "Not found",
        429 => "Too Many Requests",
        500 => "Internal server error",
        503 => "Service unavailable",
        _ => status.canonical_reason().unwrap_or("Error"),
    }
}

/// The body as a JSON object, or LINE's 400 for an unparsable body.
fn json_object(raw: &Bytes) -> Result<serde_json::Map<String, Value>, Answer> {
    match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Answer::error(StatusCode::BAD_REQUEST, "The request body could not be parsed as JSON")),
    }
}

fn reply(line: &FakeLine, req: &Req) -> Answer {
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
    // Single use, valid for reply_token_ttl (facts §2.2). A body that failed validation above
    // did not consume the token (the facts don't say; this is the forgiving choice).
    let chat_id = match state.reply_tokens.remove(token) {
        Some(t) if t.issued.elapsed() <= line.inner.config.reply_token_ttl => t.chat_id,
        _ => return Answer::error(StatusCode::BAD_REQUEST, "Invalid reply token"),
    };
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    let sent = accept(line, &mut state, &chat_id, Via::Reply, messages, None, &req.request_id);
    Answer::json(StatusCode::OK, sent)
}

fn push(line: &FakeLine, req: &Req) -> Answer {
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
        // The real body seen for a bad `to` (facts §2.8, uptime-kuma #913).
        return Answer::error(
            StatusCode::BAD_REQUEST,
            "The property, 'to', in the request body is invalid (line:-, column:-)",
        );
    }
    if state.monthly_limit_reached {
        return Answer::error(StatusCode::TOO_MANY_REQUESTS, "You have reached your monthly limit.");
    }
    if let Some(key) = &retry_key {
        state.retry_keys.retain(|_, k| k.at.elapsed() < RETRY_KEY_LIFETIME);
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

fn validate_only(_line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    match validate::messages(body.get("messages")) {
        details if details.is_empty() => Answer::json(StatusCode::OK, json!({})),
        details => Answer::invalid(details),
    }
}

fn profile(line: &FakeLine, req: &Req) -> Answer {
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

fn loading(_line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let mut details = Vec::new();
    let chat_id = body.get("chatId").and_then(Value::as_str).unwrap_or("");
    if !ids::is_chat_id(chat_id, &['U']) {
        // Real text is truncated in the facts (§2.6): "Only user id is acceptable, please confirm if there are any group/room ids or ille…".
        details.push(detail(
            "Only user id is acceptable, please confirm if there are any group/room ids or illegal ids",
            "chatId",
        ));
    }
    // Optional; LINE's default is 20 s.
    let seconds = body.get("loadingSeconds").map_or(Some(20), Value::as_i64);
    if !seconds.is_some_and(|s| (5..=60).contains(&s) && s % 5 == 0) {
        details.push(detail("Must be a multiple of 5 between 5 and 60", "loadingSeconds"));
    }
    if !details.is_empty() {
        return Answer::invalid(details);
    }
    Answer::json(StatusCode::ACCEPTED, json!({}))
}

fn mark_as_read(line: &FakeLine, req: &Req) -> Answer {
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

fn content(line: &FakeLine, req: &Req) -> Answer {
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
fn bot_info(line: &FakeLine, _req: &Req) -> Answer {
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

fn not_found(_line: &FakeLine, _req: &Req) -> Answer {
    Answer::error(StatusCode::NOT_FOUND, "Not found")
}
