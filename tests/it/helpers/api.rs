//! The JSON API for the city's case-management system, with a bearer token.

use reqwest::{Method, RequestBuilder, Response};
use serde_json::Value;

pub struct Api {
    base: String,
    token: String,
    pub http: reqwest::Client,
}

impl Api {
    pub fn new(base: &str, token: &str) -> Self {
        Api { base: base.to_owned(), token: token.to_owned(), http: reqwest::Client::new() }
    }

    /// A request to `path` (e.g. `/api/cases`) with the bearer token, ready to send.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> Value {
        self.get(path).await.json().await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path).json(&body).send().await.unwrap()
    }
}

/// The status and the `{"error": {"code", "message"}}` of an API answer.
pub async fn error_of(res: Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(kind.starts_with("application/json"), "{status}: content-type {kind:?}");
    let body: Value = res.json().await.unwrap();
    let code = body["error"]["code"].as_str().unwrap_or_else(|| panic!("no error.code in {body}")).to_owned();
    let message = body["error"]["message"].as_str().unwrap_or_else(|| panic!("no error.message in {body}")).to_owned();
    (status, code, message)
}
