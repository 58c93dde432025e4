//! Tests of the fake's webhook side: escaping, signing, headers, timeouts, event shapes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::line::signature;

/// What the capturing bot server saw: headers and exact body bytes of each POST.
type Seen = Arc<Mutex<Vec<(HeaderMap, Vec<u8>)>>>;

/// A bot server that records each webhook and answers `status` after `delay`.
async fn bot_server(status: StatusCode, delay: Duration, shutdown: &CancellationToken) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let sink = seen.clone();
    let app = Router::new().route(
        "/webhook",
        post(move |headers: HeaderMap, body: bytes::Bytes| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push((headers, body.to_vec()));
                tokio::time::sleep(delay).await;
                status
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let token = shutdown.clone();
    tokio::spawn(async move { axum::serve(listener, app).with_graceful_shutdown(token.cancelled_owned()).await });
    (format!("http://{addr}/webhook"), seen)
}

fn fake_with(secret: &str, webhook_timeout: Duration) -> FakeLine {
    FakeLine::new(FakeConfig { channel_secret: secret.into(), webhook_timeout, ..FakeConfig::default() })
}

#[test]
fn non_ascii_is_written_as_uppercase_utf16_escapes() {
    let value = serde_json::json!([{"text": "🤨 é\u{3042}"}, 1]);
    let bytes = line_json_bytes(&value);
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(bytes.is_ascii(), "{text}");
    assert_eq!(text, r#"[{"text":"\uD83E\uDD28 \u00E9\u3042"},1]"#);
    assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap(), value);
}

#[test]
fn signature_for_matches_the_java_sdk_known_answer() {
    // The known-answer vector of line-bot-sdk-java's LineSignatureValidatorTest: secret "SECRET", body "{}".
    let fake = fake_with("SECRET", Duration::from_secs(2));
    assert_eq!(fake.signature_for(b"{}"), "3q8QXTAGaey18yL8FWTqdVlbMr6hcuNvM4tefa0o9nA=");
}

#[tokio::test]
async fn send_events_escapes_signs_the_exact_bytes_and_sends_lines_headers() {
    let shutdown = CancellationToken::new();
    let (url, seen) = bot_server(StatusCode::OK, Duration::ZERO, &shutdown).await;
    let fake = fake_with("test_channel_secret", Duration::from_secs(2));
    fake.set_webhook_url(&url);
    let user = fake.add_user("Ana", Some("pt-BR"));

    let result = fake.send_events(vec![fake.text_event(&user, "Olá 🤨")]).await.unwrap();
    assert_eq!(result.status, 200);

    let (headers, body) = seen.lock().unwrap().pop().unwrap();
    let text = std::str::from_utf8(&body).unwrap();
    assert!(body.is_ascii());
    assert!(text.contains(r"Ol\u00E1 \uD83E\uDD28"), "{text}");
    let parsed: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(parsed["events"][0]["message"]["text"], "Olá 🤨");
    assert_eq!(parsed["destination"], fake.bot_user_id());

    let sig = headers["x-line-signature"].to_str().unwrap();
    assert_eq!(signature::verify(b"test_channel_secret", &body, Some(sig.as_bytes())), Ok(()));
    // Re-serialising the parsed body (raw UTF-8 emoji) no longer matches (line-bot-sdk-nodejs #922).
    let reserialised = serde_json::to_vec(&parsed).unwrap();
    assert!(signature::verify(b"test_channel_secret", &reserialised, Some(sig.as_bytes())).is_err());
    assert_eq!(headers["user-agent"], "LineBotWebhook/2.0");
    assert_eq!(headers["content-type"], "application/json; charset=utf-8");
    shutdown.cancel();
}

#[tokio::test]
async fn verify_sends_no_events_and_send_body_can_omit_the_signature() {
    let shutdown = CancellationToken::new();
    let (url, seen) = bot_server(StatusCode::UNAUTHORIZED, Duration::ZERO, &shutdown).await;
    let fake = fake_with("s", Duration::from_secs(2));
    assert!(matches!(fake.verify_webhook().await, Err(FakeError::NoWebhookUrl)));
    fake.set_webhook_url(&url);

    assert_eq!(fake.verify_webhook().await.unwrap().status, 401);
    let result = fake.send_body(b"{}".to_vec(), None).await.unwrap();
    assert_eq!(result.status, 401);

    let seen = seen.lock().unwrap();
    let verify: Value = serde_json::from_slice(&seen[0].1).unwrap();
    assert_eq!(verify, serde_json::json!({"destination": fake.bot_user_id(), "events": []}));
    assert!(seen[0].0.contains_key("x-line-signature"));
    assert_eq!(seen[1].1, b"{}");
    assert!(!seen[1].0.contains_key("x-line-signature"));
    shutdown.cancel();
}

#[tokio::test]
async fn a_slow_bot_server_is_a_request_timeout() {
    let shutdown = CancellationToken::new();
    let (url, _seen) = bot_server(StatusCode::OK, Duration::from_millis(600), &shutdown).await;
    let fake = fake_with("s", Duration::from_millis(150));
    fake.set_webhook_url(&url);
    let started = std::time::Instant::now();
    let outcome = fake.verify_webhook().await;
    assert!(matches!(outcome, Err(FakeError::Timeout(_))), "{outcome:?}");
    assert!(started.elapsed() < Duration::from_millis(550));
    shutdown.cancel();
}

#[tokio::test]
async fn nobody_listening_is_could_not_connect() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let fake = fake_with("s", Duration::from_secs(2));
    fake.set_webhook_url(&format!("http://{addr}/webhook"));
    assert!(matches!(fake.verify_webhook().await, Err(FakeError::CouldNotConnect(_))));
}

#[test]
fn events_have_the_common_fields_and_fresh_ids() {
    let fake = FakeLine::new(FakeConfig::default());
    let user = fake.add_user("Lan", Some("vi"));
    let events = [
        fake.text_event(&user, "xin chào"),
        fake.postback_event(&user, "action=start"),
        fake.follow_event(&user),
        fake.sticker_event(&user),
        fake.image_event(&user),
        fake.location_event(&user, 35.0, 139.0, "Tokyo"),
        fake.unfollow_event(&user),
    ];
    let mut event_ids = std::collections::HashSet::new();
    let mut reply_tokens = std::collections::HashSet::new();
    for event in &events {
        assert_eq!(event["mode"], "active");
        assert_eq!(event["source"], serde_json::json!({"type": "user", "userId": user}));
        assert_eq!(event["deliveryContext"]["isRedelivery"], false);
        assert!(event["timestamp"].as_u64().unwrap() > 1_600_000_000_000);
        assert!(event_ids.insert(event["webhookEventId"].as_str().unwrap().to_owned()));
        let has_token = event["type"] != "unfollow";
        assert_eq!(event.get("replyToken").is_some(), has_token, "{event}");
        if let Some(token) = event["replyToken"].as_str() {
            assert!(token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()));
            assert!(reply_tokens.insert(token.to_owned()));
        }
    }
    let text = &events[0]["message"];
    assert!(text["id"].as_str().unwrap().parse::<u64>().is_ok());
    assert!(text["quoteToken"].is_string() && text["markAsReadToken"].is_string());
    assert_eq!(events[1]["postback"]["data"], "action=start");
    assert_eq!(events[2]["follow"]["isUnblocked"], false);
    assert_eq!(events[3]["message"]["stickerResourceType"], "STATIC");
    assert_eq!(events[4]["message"]["contentProvider"]["type"], "line");
    assert_eq!(events[5]["message"]["latitude"], 35.0);
    assert_eq!(events[5]["message"]["address"], "Tokyo");
    assert_ne!(events[0]["message"]["id"], events[3]["message"]["id"]);

    // Unfollow blocked the user; following again is an unblock.
    assert!(fake.users().is_empty());
    assert_eq!(fake.follow_event(&user)["follow"]["isUnblocked"], true);
    assert_eq!(fake.users().len(), 1);
}

#[test]
fn a_redelivery_keeps_the_event_id() {
    let fake = FakeLine::new(FakeConfig::default());
    let user = fake.add_user("Ken", None);
    let event = fake.text_event(&user, "hello");
    let again = FakeLine::redelivery_of(&event);
    assert_eq!(again["webhookEventId"], event["webhookEventId"]);
    assert_eq!(again["deliveryContext"]["isRedelivery"], true);
    assert_eq!(again["message"], event["message"]);
}
