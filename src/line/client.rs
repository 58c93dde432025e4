//! A thin typed HTTP client for the LINE Messaging API (reply, push, profile, loading
//! animation, message content). The base URLs are configurable so the same code runs
//! against api.line.me and against the fake platform.

use std::time::Duration;

use reqwest::{header::HeaderMap, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::ids::{ChatId, LineUserId};

pub const DEFAULT_API_BASE: &str = "https://api.line.me";
pub const DEFAULT_DATA_API_BASE: &str = "https://api-data.line.me";

/// LINE's error body (`ErrorResponse` in messaging-api.yml). `details` may be absent or `[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub property: Option<String>,
}

/// An answer from LINE other than success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub body: ErrorBody,
    /// `Retry-After`, when LINE sends one with a 429 or 5xx.
    pub retry_after: Option<Duration>,
    pub request_id: Option<String>,
    /// Set on 409 for a retry key: the id of the request LINE accepted earlier.
    pub accepted_request_id: Option<String>,
}

impl ApiError {
    /// 400 `{"message":"Invalid reply token"}`: used, expired or unknown token.
    pub fn is_invalid_reply_token(&self) -> bool {
        self.status == 400 && self.body.message.eq_ignore_ascii_case("Invalid reply token")
    }

    /// 429 is overloaded: "You have reached your monthly limit." is a quota, not a rate
    /// limit, and retrying it only burns requests (line-bot-sdk-java #426).
    pub fn is_monthly_limit(&self) -> bool {
        self.status == 429 && self.body.message.to_ascii_lowercase().contains("monthly limit")
    }

    /// 409 "The retry key is already accepted": an earlier attempt with this key got through.
    pub fn is_retry_key_accepted(&self) -> bool {
        self.status == 409
    }

    /// Worth trying again later: rate limits and server errors.
    pub fn is_transient(&self) -> bool {
        (self.status == 429 && !self.is_monthly_limit()) || self.status >= 500
    }

    /// LINE's own words, for the outbox's record: the message and each detail.
    pub fn describe(&self) -> String {
        let mut s = format!("{} {}", self.status, self.body.message);
        for d in &self.body.details {
            s.push_str(&format!("; {}: {}", d.property.as_deref().unwrap_or("-"), d.message.as_deref().unwrap_or("-")));
        }
        s
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LineError {
    #[error("LINE answered {}", .0.describe())]
    Api(ApiError),
    /// The request may or may not have reached LINE.
    #[error("no answer from LINE in time")]
    Timeout,
    /// The request never left: nothing can have been delivered.
    #[error("could not connect to LINE: {0}")]
    Connect(String),
    #[error("LINE request failed: {0}")]
    Other(String),
}

impl LineError {
    pub(super) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            LineError::Timeout
        } else if e.is_connect() {
            LineError::Connect(e.without_url().to_string())
        } else {
            LineError::Other(e.without_url().to_string())
        }
    }

    pub fn api(&self) -> Option<&ApiError> {
        match self {
            LineError::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// A user's profile (`UserProfileResponse`). `language` is absent when the user has not
/// agreed to LINE's privacy policy (messaging-api.yml), so it is only ever a hint.
#[derive(Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub user_id: String,
    pub display_name: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub picture_url: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A display name is personal data: never in logs.
        f.debug_struct("Profile")
            .field("user_id", &self.user_id)
            .field("display_name", &"<redacted>")
            .field("language", &self.language)
            .finish()
    }
}

/// How a push was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushOutcome {
    Accepted,
    /// 409 for our retry key: an earlier attempt was accepted, so this one counts as delivered.
    AlreadyAccepted,
}

#[derive(Clone)]
pub struct LineClient {
    pub(super) http: reqwest::Client,
    pub(super) api_base: String,
    pub(super) data_base: String,
    pub(super) token: SecretString,
}

impl std::fmt::Debug for LineClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineClient").field("api_base", &self.api_base).finish_non_exhaustive()
    }
}

impl LineClient {
    pub fn new(api_base: &str, data_base: &str, token: SecretString, timeout: Duration) -> Result<Self, LineError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .pool_max_idle_per_host(64)
            .user_agent(concat!("frontdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LineError::Other(e.to_string()))?;
        Ok(LineClient {
            http,
            api_base: api_base.trim_end_matches('/').to_owned(),
            data_base: data_base.trim_end_matches('/').to_owned(),
            token: token.clone(),
        })
    }

    pub(super) fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.api_base))
            .bearer_auth(self.token.expose_secret())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
    }

    /// `POST /v2/bot/message/reply`. Never with `X-Line-Retry-Key`: LINE answers 400.
    /// `messages` is a JSON array of 1–5 message objects, as stored in the outbox.
    pub async fn reply(&self, reply_token: &str, messages: &RawValue) -> Result<(), LineError> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            reply_token: &'a str,
            messages: &'a RawValue,
        }
        let resp = self
            .post("/v2/bot/message/reply")
            .json(&Body { reply_token, messages })
            .send()
            .await
            .map_err(LineError::from_reqwest)?;
        check(resp).await.map(drop)
    }

    /// `POST /v2/bot/message/push` with `X-Line-Retry-Key`: the same key on every retry,
    /// so LINE accepts the push at most once and answers 409 to repeats.
    pub async fn push(&self, to: &ChatId, messages: &RawValue, retry_key: &str) -> Result<PushOutcome, LineError> {
        #[derive(Serialize)]
        struct Body<'a> {
            to: &'a ChatId,
            messages: &'a RawValue,
        }
        let resp = self
            .post("/v2/bot/message/push")
            .header("X-Line-Retry-Key", retry_key)
            .json(&Body { to, messages })
            .send()
            .await
            .map_err(LineError::from_reqwest)?;
        match check(resp).await {
            Ok(_) => Ok(PushOutcome::Accepted),
            Err(LineError::Api(e)) if e.is_retry_key_accepted() => Ok(PushOutcome::AlreadyAccepted),
            Err(e) => Err(e),
        }
    }

    /// `GET /v2/bot/profile/{userId}`; `None` for 404 (not a friend, blocked, no consent).
    pub async fn profile(&self, user_id: &LineUserId) -> Result<Option<Profile>, LineError> {
        let resp = self
            .http
            .get(format!("{}/v2/bot/profile/{}", self.api_base, path_segment(user_id.as_str())))
            .bearer_auth(self.token.expose_secret())
            .send()
            .await
            .map_err(LineError::from_reqwest)?;
        match check(resp).await {
            Ok(resp) => resp.json().await.map(Some).map_err(LineError::from_reqwest),
            Err(LineError::Api(e)) if e.status == 404 => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `POST /v2/bot/chat/loading/start`: 5–60 s in steps of 5; answers 202. One-on-one only.
    pub async fn show_loading(&self, chat_id: &ChatId, seconds: u32) -> Result<(), LineError> {
        let seconds = (seconds.clamp(5, 60) / 5) * 5;
        let resp = self
            .post("/v2/bot/chat/loading/start")
            .json(&serde_json::json!({ "chatId": chat_id, "loadingSeconds": seconds }))
            .send()
            .await
            .map_err(LineError::from_reqwest)?;
        check(resp).await.map(drop)
    }

    /// `GET /v2/bot/message/{messageId}/content` on the content host (api-data.line.me).
    pub async fn content(&self, message_id: &str) -> Result<(Option<String>, bytes::Bytes), LineError> {
        let resp = self
            .http
            .get(format!("{}/v2/bot/message/{}/content", self.data_base, path_segment(message_id)))
            .bearer_auth(self.token.expose_secret())
            .send()
            .await
            .map_err(LineError::from_reqwest)?;
        let resp = check(resp).await?;
        let content_type =
            resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().await.map_err(LineError::from_reqwest)?;
        Ok((content_type, body))
    }
}

/// Ids come from webhooks; keep them from changing the path.
pub(super) fn path_segment(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

pub(super) async fn check(resp: reqwest::Response) -> Result<reqwest::Response, LineError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    let body: ErrorBody = serde_json::from_str(&text)
        .unwrap_or_else(|_| ErrorBody { message: text.chars().take(200).collect(), details: Vec::new() });
    Err(LineError::Api(ApiError {
        status: status.as_u16(),
        body,
        retry_after: retry_after(status, &headers),
        request_id: header(&headers, "x-line-request-id"),
        accepted_request_id: header(&headers, "x-line-accepted-request-id"),
    }))
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by LINE; ignored if present).
fn retry_after(status: StatusCode, headers: &HeaderMap) -> Option<Duration> {
    if status != StatusCode::TOO_MANY_REQUESTS && !status.is_server_error() {
        return None;
    }
    header(headers, "retry-after")?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, message: &str) -> ApiError {
        ApiError {
            status,
            body: ErrorBody { message: message.into(), details: vec![] },
            retry_after: None,
            request_id: None,
            accepted_request_id: None,
        }
    }

    #[test]
    fn a_429_for_the_monthly_limit_is_not_transient() {
        let quota = err(429, "You have reached your monthly limit.");
        assert!(quota.is_monthly_limit());
        assert!(!quota.is_transient());
        let rate = err(429, "Too Many Requests");
        assert!(!rate.is_monthly_limit());
        assert!(rate.is_transient());
        assert!(err(500, "Internal server error").is_transient());
        assert!(!err(400, "Invalid reply token").is_transient());
        assert!(err(400, "Invalid reply token").is_invalid_reply_token());
    }

    #[test]
    fn line_error_bodies_parse_with_and_without_details() {
        let b: ErrorBody = serde_json::from_str(
            r#"{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}"#,
        )
        .unwrap();
        let e = ApiError { body: b, ..err(400, "") };
        assert_eq!(e.describe(), "400 The request body has 1 error(s); messages[0].text: May not be empty");
        let b: ErrorBody = serde_json::from_str(r#"{"message":"Not found"}"#).unwrap();
        assert!(b.details.is_empty());
    }

    #[test]
    fn ids_cannot_change_the_request_path() {
        assert_eq!(path_segment("U123/../../x?y"), "U123xy");
    }
}
