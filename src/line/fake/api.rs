//! The fake's HTTP plumbing: routes, call recording, failure injection, auth, LINE-style responses.
//!
//! Common behaviour from LINE's Messaging API reference: Bearer auth ("Channel access token";
//! the 401 texts are those real responses carry), a fresh `x-line-request-id` on every response,
//! `ErrorResponse` bodies `{"message","details"}` ("Error responses"), a retry key on any
//! endpoint but push → 400 (LINE Developers, "Retrying an API request"), request bodies over
//! 2 MB → 413 ("Status codes"). The endpoints themselves are in `endpoints.rs`.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::endpoints::{bot_info, content, loading, mark_as_read, not_found, profile, push, reply, validate_only};
use super::{Endpoint, Failure, FakeLine, RecordedCall};
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
        .merge(super::richmenu::router())
        .fallback(|s: AxState<FakeLine>, r: Request| serve(s.0, None, String::new(), r, not_found))
        .layer(DefaultBodyLimit::disable())
        .with_state(line)
}

/// What a handler needs from the request.
pub(super) struct Req {
    pub(super) headers: HeaderMap,
    pub(super) raw: Bytes,
    pub(super) param: String,
    pub(super) request_id: String,
}

/// A response being built: status, JSON or bytes, extra headers.
pub(super) struct Answer {
    pub(super) status: StatusCode,
    pub(super) body: AnswerBody,
    pub(super) headers: Vec<(HeaderName, String)>,
}

pub(super) enum AnswerBody {
    Json(Value),
    Bytes(&'static str, Bytes),
}

impl Answer {
    pub(super) fn json(status: StatusCode, body: Value) -> Self {
        Answer { status, body: AnswerBody::Json(body), headers: Vec::new() }
    }

    pub(super) fn error(status: StatusCode, message: &str) -> Self {
        Self::json(status, json!({ "message": message }))
    }

    /// 400 "The request body has N error(s)" with `details` (Messaging API reference, "Error responses").
    pub(super) fn invalid(details: Vec<Value>) -> Self {
        let message = format!("The request body has {} error(s)", details.len());
        Self::json(StatusCode::BAD_REQUEST, json!({ "message": message, "details": details }))
    }

    pub(super) fn with_header(mut self, name: HeaderName, value: String) -> Self {
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

pub(super) type Handler = fn(&FakeLine, &Req) -> Answer;

/// Records the call, applies an injected failure, checks auth and the retry-key rule, runs `handle`.
/// Runs in its own task, so a request is handled to the end even if the client hangs up.
pub(super) async fn serve(
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
    // Only push (and multicast/narrowcast/broadcast) take a retry key; elsewhere it is a 400
    // (LINE Developers, "Retrying an API request").
    if endpoint != Some(Endpoint::Push) && req.headers.contains_key("x-line-retry-key") {
        return Answer::error(StatusCode::BAD_REQUEST, "X-Line-Retry-Key is not supported by this API");
    }
    if req.raw.len() > MAX_BODY_BYTES {
        return Answer::error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
    }
    handle(line, req)
}

/// `Authorization: Bearer <token>`; the 401 texts are the ones real responses carry
/// (Messaging API reference, "Status codes": 401).
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

pub(super) fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
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
