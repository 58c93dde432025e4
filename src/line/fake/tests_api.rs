//! Tests of the fake's HTTP API over real HTTP (reqwest against `start()`).

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::*;

const TOKEN: &str = "test-token";

struct Running {
    fake: FakeLine,
    http: reqwest::Client,
    shutdown: CancellationToken,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

async fn running(reply_token_ttl: Duration) -> Running {
    let config = FakeConfig { access_token: TOKEN.into(), reply_token_ttl, ..FakeConfig::default() };
    let fake = FakeLine::new(config);
    let shutdown = CancellationToken::new();
    fake.start(shutdown.clone()).await.unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    Running { fake, http, shutdown }
}

impl Running {
    async fn call(&self, method: &str, path: &str, body: Option<Value>, headers: &[(&str, &str)]) -> Answer {
        let url = format!("{}{path}", self.fake.base_url());
        let mut request = self.http.request(method.parse().unwrap(), url).bearer_auth(TOKEN);
        if let Some(body) = body {
            request = request.json(&body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        Answer { status, headers, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
    }

    async fn post(&self, path: &str, body: Value) -> Answer {
        self.call("POST", path, Some(body), &[]).await
    }

    async fn push_with_key(&self, to: &str, text: &str, key: &str) -> Answer {
        let body = json!({"to": to, "messages": [{"type": "text", "text": text}]});
        self.call("POST", "/v2/bot/message/push", Some(body), &[("X-Line-Retry-Key", key)]).await
    }
}

fn reply_body(token: &Value, text: &str) -> Value {
    json!({"replyToken": token, "messages": [{"type": "text", "text": text}]})
}

#[tokio::test]
async fn a_reply_token_works_once_and_answers_sent_messages() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Aiko", Some("ja"));
    let event = t.fake.text_event(&user, "こんにちは");

    let first = t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "はい")).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let sent = &first.body["sentMessages"][0];
    assert!(sent["id"].as_str().unwrap().parse::<u64>().is_ok());
    assert!(sent["quoteToken"].is_string());
    let request_id = first.headers["x-line-request-id"].to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&request_id).is_ok());

    let second = t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "again")).await;
    assert_eq!(second.status, 400);
    assert_eq!(second.body["message"], "Invalid reply token");
    assert_ne!(second.headers["x-line-request-id"].to_str().unwrap(), request_id);

    let delivered = t.fake.delivered(&user);
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].via, Via::Reply);
    assert_eq!(delivered[0].messages[0]["text"], "はい");
    assert_eq!(delivered[0].request_id, request_id);
    let calls = t.fake.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(
        (calls[0].method.as_str(), calls[0].path.as_str(), calls[0].status),
        ("POST", "/v2/bot/message/reply", 200)
    );
    assert!(calls[0].authorization_ok);
    assert_eq!(calls[1].status, 400);
}

#[tokio::test]
async fn an_expired_or_unknown_reply_token_is_invalid() {
    let t = running(Duration::from_millis(100)).await;
    let user = t.fake.add_user("Aiko", None);
    let event = t.fake.postback_event(&user, "a=1");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let late = t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "late")).await;
    assert_eq!((late.status, late.body["message"].as_str()), (400, Some("Invalid reply token")));
    let unknown = t.post("/v2/bot/message/reply", reply_body(&json!("0".repeat(32)), "x")).await;
    assert_eq!(unknown.body["message"], "Invalid reply token");
    assert!(t.fake.delivered(&user).is_empty());
}

#[tokio::test]
async fn a_retry_key_on_reply_is_a_400_and_keeps_the_token() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Aiko", None);
    let event = t.fake.follow_event(&user);
    let key = uuid::Uuid::new_v4().to_string();
    let body = reply_body(&event["replyToken"], "welcome");
    let with_key = t.call("POST", "/v2/bot/message/reply", Some(body.clone()), &[("X-Line-Retry-Key", &key)]).await;
    assert_eq!(with_key.status, 400);
    assert_eq!(t.fake.calls()[0].retry_key.as_deref(), Some(key.as_str()));
    assert_eq!(t.post("/v2/bot/message/reply", body).await.status, 200);
}

#[tokio::test]
async fn a_repeated_retry_key_is_409_with_the_first_request_id_and_no_second_delivery() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Bruno", Some("pt-BR"));
    let key = uuid::Uuid::new_v4().to_string();

    let first = t.push_with_key(&user, "Olá", &key).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let second = t.push_with_key(&user, "Olá", &key).await;
    assert_eq!(second.status, 409);
    assert_eq!(second.body, json!({"message": "The retry key is already accepted", "details": []}));
    assert_eq!(second.headers["x-line-accepted-request-id"], first.headers["x-line-request-id"]);
    assert_ne!(second.headers["x-line-request-id"], first.headers["x-line-request-id"]);

    let delivered = t.fake.delivered(&user);
    assert_eq!(delivered.len(), 1);
    assert_eq!((delivered[0].via, delivered[0].retry_key.as_deref()), (Via::Push, Some(key.as_str())));

    let not_uuid = t.push_with_key(&user, "x", "not-a-uuid").await;
    assert_eq!(not_uuid.status, 400);
}

#[tokio::test]
async fn push_checks_the_recipient_and_the_monthly_limit() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Minh", Some("vi"));
    let text = json!([{"type": "text", "text": "hi"}]);
    let stranger =
        t.post("/v2/bot/message/push", json!({"to": format!("U{}", "a".repeat(32)), "messages": text})).await;
    assert_eq!(stranger.status, 400);
    assert_eq!(stranger.body["message"], "The property, 'to', in the request body is invalid (line:-, column:-)");
    let group = format!("C{}", "b".repeat(32));
    assert_eq!(t.post("/v2/bot/message/push", json!({"to": group, "messages": text})).await.status, 200);
    assert_eq!(t.fake.delivered(&group).len(), 1);

    t.fake.set_monthly_limit_reached(true);
    let limited = t.post("/v2/bot/message/push", json!({"to": user, "messages": text})).await;
    assert_eq!((limited.status, limited.body["message"].as_str()), (429, Some("You have reached your monthly limit.")));
    t.fake.set_monthly_limit_reached(false);

    // A blocked user: accepted ("Retrying an API request": accepted even if delivery fails) but not delivered.
    t.fake.remove_user(&user);
    assert_eq!(t.post("/v2/bot/message/push", json!({"to": user, "messages": text})).await.status, 200);
    assert!(t.fake.delivered(&user).is_empty());
}

#[tokio::test]
async fn validation_errors_name_the_property() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let too_long = "🍎".repeat(2501); // 2501 chars, 5002 UTF-16 units
    let answer =
        t.post("/v2/bot/message/push", json!({"to": user, "messages": [{"type": "text", "text": too_long}]})).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["message"], "The request body has 1 error(s)");
    assert_eq!(answer.body["details"][0]["property"], "messages[0].text");

    let items: Vec<Value> = (0..14)
        .map(|i| json!({"type": "action", "action": {"type": "message", "label": format!("{i}"), "text": "x"}}))
        .collect();
    let event = t.fake.text_event(&user, "hi");
    let body = json!({"replyToken": event["replyToken"], "messages": [{"type": "text", "text": "pick", "quickReply": {"items": items}}]});
    let answer = t.post("/v2/bot/message/reply", body).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["details"][0]["property"], "messages[0].quickReply.items");

    let answer = t.post("/v2/bot/message/validate/push", json!({"messages": [{"type": "carousel"}]})).await;
    assert_eq!(answer.body["details"][0]["property"], "messages[0].type");
    assert!(t.fake.delivered(&user).is_empty());
    // The failed reply did not use up the token.
    assert_eq!(t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "ok")).await.status, 200);
}

#[tokio::test]
async fn profile_is_served_until_the_user_blocks() {
    let t = running(Duration::from_secs(60)).await;
    let with_language = t.fake.add_user("Ana", Some("pt-BR"));
    let without = t.fake.add_user("Ken", None);
    let answer = t.call("GET", &format!("/v2/bot/profile/{with_language}"), None, &[]).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, json!({"displayName": "Ana", "userId": with_language, "language": "pt-BR"}));
    let answer = t.call("GET", &format!("/v2/bot/profile/{without}"), None, &[]).await;
    assert_eq!(answer.body, json!({"displayName": "Ken", "userId": without}));

    t.fake.remove_user(&with_language);
    let blocked = t.call("GET", &format!("/v2/bot/profile/{with_language}"), None, &[]).await;
    assert_eq!((blocked.status, blocked.body.clone()), (404, json!({"message": "Not found"})));
    let unknown = t.call("GET", &format!("/v2/bot/profile/U{}", "0".repeat(32)), None, &[]).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(t.fake.users().len(), 1);
}

#[tokio::test]
async fn loading_answers_202_for_users_and_400_otherwise() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let ok = t.post("/v2/bot/chat/loading/start", json!({"chatId": user, "loadingSeconds": 20})).await;
    assert_eq!((ok.status, ok.body.clone()), (202, json!({})));
    let group = t
        .post("/v2/bot/chat/loading/start", json!({"chatId": format!("C{}", "a".repeat(32)), "loadingSeconds": 5}))
        .await;
    assert_eq!(group.status, 400);
    assert_eq!(group.body["details"][0]["property"], "chatId");
    for seconds in [0, 7, 65] {
        let bad = t.post("/v2/bot/chat/loading/start", json!({"chatId": user, "loadingSeconds": seconds})).await;
        assert_eq!(bad.status, 400, "{seconds}");
        assert_eq!(bad.body["details"][0]["property"], "loadingSeconds");
    }
}

#[tokio::test]
async fn a_wrong_or_missing_token_is_401_and_recorded() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let url = format!("{}/v2/bot/profile/{user}", t.fake.base_url());
    let wrong = t.http.get(&url).bearer_auth("nope").send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().contains_key("x-line-request-id"));
    let missing = t.http.get(&url).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    let body: Value = missing.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().starts_with("Authorization header required"));
    assert!(t.fake.calls().iter().all(|c| !c.authorization_ok && c.status == 401));
}

#[tokio::test]
async fn image_content_is_served_with_its_type() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let event = t.fake.image_event(&user);
    let id = event["message"]["id"].as_str().unwrap();
    let url = format!("{}/v2/bot/message/{id}/content", t.fake.base_url());
    let response = t.http.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(response.bytes().await.unwrap().starts_with(b"\x89PNG"));
    assert_eq!(t.call("GET", "/v2/bot/message/123/content", None, &[]).await.status, 404);
}

#[tokio::test]
async fn injected_failures_are_consumed_one_per_request() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let push = json!({"to": user, "messages": [{"type": "text", "text": "hi"}]});
    t.fake.fail_next(Endpoint::Push, Failure::Status(500), 1);
    t.fake.fail_next(Endpoint::Push, Failure::RateLimited { retry_after_secs: Some(3) }, 1);
    t.fake.fail_next(Endpoint::Profile, Failure::Status(503), 2);

    let error = t.post("/v2/bot/message/push", push.clone()).await;
    assert_eq!((error.status, error.body.clone()), (500, json!({"message": "Internal server error"})));
    let limited = t.post("/v2/bot/message/push", push.clone()).await;
    assert_eq!((limited.status, limited.body["message"].as_str()), (429, Some("Too Many Requests")));
    assert_eq!(limited.headers["retry-after"], "3");
    assert_eq!(t.post("/v2/bot/message/push", push.clone()).await.status, 200);
    assert_eq!(t.fake.delivered(&user).len(), 1);

    let event = t.fake.text_event(&user, "hi");
    t.fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
    assert_eq!(t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "a")).await.status, 400);
    assert_eq!(t.post("/v2/bot/message/reply", reply_body(&event["replyToken"], "b")).await.status, 200);
    let statuses: Vec<u16> = t.fake.calls().iter().map(|c| c.status).collect();
    assert_eq!(statuses, [500, 429, 200, 400, 200]);
}

#[tokio::test]
async fn accept_then_delay_delivers_but_the_client_times_out_and_a_retry_is_409() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let key = uuid::Uuid::new_v4().to_string();
    t.fake.fail_next(Endpoint::Push, Failure::AcceptThenDelay(Duration::from_secs(2)), 1);
    let url = format!("{}/v2/bot/message/push", t.fake.base_url());
    let body = json!({"to": user, "messages": [{"type": "text", "text": "hi"}]});
    let timed_out = t
        .http
        .post(&url)
        .bearer_auth(TOKEN)
        .header("X-Line-Retry-Key", &key)
        .json(&body)
        .timeout(Duration::from_millis(200))
        .send()
        .await;
    assert!(timed_out.unwrap_err().is_timeout());
    let delivered = t.fake.wait_delivered(&user, 1, Duration::from_secs(1)).await;
    assert_eq!(delivered.len(), 1);
    let retry = t.push_with_key(&user, "hi", &key).await;
    assert_eq!(retry.status, 409);
    assert_eq!(retry.headers["x-line-accepted-request-id"].to_str().unwrap(), delivered[0].request_id);
}

#[tokio::test]
async fn delay_handles_the_request_after_the_wait_and_subscribers_hear_it() {
    let t = running(Duration::from_secs(60)).await;
    let user = t.fake.add_user("Ken", None);
    let mut rx = t.fake.subscribe();
    t.fake.fail_next(Endpoint::Push, Failure::Delay(Duration::from_millis(300)), 1);
    let started = std::time::Instant::now();
    let answer =
        t.post("/v2/bot/message/push", json!({"to": user, "messages": [{"type": "text", "text": "late"}]})).await;
    assert_eq!(answer.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let heard = rx.recv().await.unwrap();
    assert_eq!((heard.chat_id.as_str(), heard.messages[0]["text"].as_str()), (user.as_str(), Some("late")));
    let none = t.fake.wait_delivered(&user, 2, Duration::from_millis(100)).await;
    assert_eq!(none.len(), 1);
}

#[tokio::test]
async fn unknown_paths_are_404_with_a_request_id() {
    let t = running(Duration::from_secs(60)).await;
    let answer = t.call("GET", "/v2/bot/nothing", None, &[]).await;
    assert_eq!((answer.status, answer.body.clone()), (404, json!({"message": "Not found"})));
    assert!(answer.headers.contains_key("x-line-request-id"));
    let info = t.call("GET", "/v2/bot/info", None, &[]).await;
    assert_eq!(info.body["userId"], t.fake.bot_user_id());
}
