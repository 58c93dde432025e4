//! The outbox: reply while the token is fresh, push otherwise, retries that never send twice.

use std::time::{Duration, Instant};

use frontdesk::{
    clock::now_ms,
    line::fake::{Endpoint, Failure, Via},
    store::NewOutbox,
};
use serde_json::json;

use crate::helpers::*;

fn pushes(fake: &frontdesk::line::fake::FakeLine) -> Vec<frontdesk::line::fake::RecordedCall> {
    fake.calls().into_iter().filter(|c| c.path == "/v2/bot/message/push").collect()
}

#[tokio::test]
async fn line_500s_are_retried_with_one_retry_key_and_delivered_once() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Ana", Some("pt-BR"));
        fake.fail_next(Endpoint::Reply, Failure::Status(500), 1);
        fake.fail_next(Endpoint::Push, Failure::Status(500), 2);
        fake.send_events(vec![fake.text_event(&user, "oi")]).await.unwrap();

        let got = fake.wait_delivered(&user, 1, Duration::from_secs(15)).await;
        assert_eq!(got.len(), 1, "{}", app.db.backend());
        assert_eq!(got[0].via, Via::Push);
        let pushes = pushes(fake);
        assert_eq!(pushes.len(), 3, "two failures then success");
        let key = pushes[0].retry_key.clone().expect("push carries a retry key");
        assert!(pushes.iter().all(|c| c.retry_key.as_deref() == Some(key.as_str())), "the same key every time");
        assert!(fake.calls().iter().filter(|c| c.path.ends_with("/reply")).all(|c| c.retry_key.is_none()));
        assert_eq!(app.metric("frontdesk_outbox_retried_total").await, 2.0);
    })
    .await;
}

#[tokio::test]
async fn a_429_waits_at_least_its_retry_after() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    let user = fake.add_user("Ana", None);
    fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
    fake.fail_next(Endpoint::Push, Failure::RateLimited { retry_after_secs: Some(2) }, 1);
    let started = Instant::now();
    fake.send_events(vec![fake.text_event(&user, "oi")]).await.unwrap();
    let got = fake.wait_delivered(&user, 1, Duration::from_secs(15)).await;
    assert_eq!(got.len(), 1);
    assert!(started.elapsed() >= Duration::from_secs(2), "Retry-After honoured");
    assert_eq!(pushes(fake).len(), 2);
}

#[tokio::test]
async fn a_push_whose_answer_never_came_is_retried_and_its_409_counts_as_delivered() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Minh", Some("vi"));
        fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
        // LINE accepts the push but the answer is lost: our 2 s timeout fires.
        fake.fail_next(Endpoint::Push, Failure::AcceptThenDelay(Duration::from_secs(4)), 1);
        fake.send_events(vec![fake.text_event(&user, "xin chào")]).await.unwrap();

        let row = first_message_finished(&app.store, &user).await;
        assert_eq!(row.1.as_deref(), Some("push-already-accepted"), "{}", app.db.backend());
        assert_eq!(fake.delivered(&user).len(), 1, "the resident got it once");
        let pushes = pushes(fake);
        assert_eq!(pushes.len(), 2);
        assert_eq!(pushes[0].retry_key, pushes[1].retry_key);
        assert_eq!(pushes[1].status, 409);
    })
    .await;
}

#[tokio::test]
async fn an_invalid_or_expired_reply_token_falls_back_to_push() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Taro", Some("ja"));
        fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
        fake.send_events(vec![fake.text_event(&user, "こんにちは")]).await.unwrap();
        let got = fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
        assert_eq!(got[0].via, Via::Push, "{}", app.db.backend());
    })
    .await;

    // A token past its window is not even tried.
    let mut settings = test_settings();
    settings.line.reply_token_seconds = 0;
    let app = TestApp::with_settings(settings).await;
    let fake = &app.fake;
    let user = fake.add_user("Taro", Some("ja"));
    fake.send_events(vec![fake.text_event(&user, "こんにちは")]).await.unwrap();
    let got = fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
    assert_eq!(got[0].via, Via::Push);
    assert!(fake.calls().iter().all(|c| !c.path.ends_with("/reply")), "no reply attempted");
}

#[tokio::test]
async fn a_reply_refused_by_a_server_error_falls_back_to_push() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    let user = fake.add_user("Taro", Some("ja"));
    fake.fail_next(Endpoint::Reply, Failure::Status(503), 1);
    fake.send_events(vec![fake.text_event(&user, "こんにちは")]).await.unwrap();
    let got = fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].via, Via::Push);
    assert_eq!(app.metric("frontdesk_outbox_reply_fallbacks_total").await, 1.0);
}

#[tokio::test]
async fn the_monthly_limit_is_not_retried_and_raises_the_alert_metric() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    let user = fake.add_user("Ana", None);
    fake.set_monthly_limit_reached(true);
    fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
    fake.send_events(vec![fake.text_event(&user, "oi")]).await.unwrap();
    let row = first_message_finished(&app.store, &user).await;
    assert_eq!(row.0, "failed");
    assert!(row.2.unwrap().contains("monthly limit"), "LINE's words are kept");
    // A failed row is never tried again: the one push is all there will be.
    assert_eq!(pushes(fake).len(), 1, "not retried");
    assert_eq!(app.metric("frontdesk_line_monthly_limit_reached_total").await, 1.0);
}

#[tokio::test]
async fn a_delivered_answer_leaves_its_text_in_the_transcript_and_no_body_in_the_outbox() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Ana", Some("pt-BR"));
        fake.send_events(vec![fake.text_event(&user, "oi")]).await.unwrap();
        let got = fake.wait_delivered(&user, 1, Duration::from_secs(15)).await;
        assert_eq!(got.len(), 1, "{}", app.db.backend());
        let row = first_message_finished(&app.store, &user).await;
        assert_eq!(row.0, "sent");
        let id = app.store.outbox_ids_for(&chat_id(&user)).await.unwrap()[0];
        assert_eq!(app.store.outbox_body(id).await.unwrap().as_deref(), Some("[]"), "{}", app.db.backend());
        let out =
            app.store.transcript_of(&user_id(&user)).await.unwrap().into_iter().find(|l| l.direction == "out").unwrap();
        assert_eq!(out.outbox_id, Some(id));
        assert!(!out.body.unwrap_or_default().is_empty(), "staff still read what was said");

        // A row LINE refused keeps its body (for `message_days`) until the purge.
        let stranger = "U0000000000000000000000000000dead";
        app.store
            .insert_outbox(
                &[NewOutbox::push(&chat_id(stranger), json!([{"type": "text", "text": "hello"}]).to_string())],
                now_ms(),
            )
            .await
            .unwrap();
        assert_eq!(first_message_finished(&app.store, stranger).await.0, "failed");
        let failed = app.store.outbox_ids_for(&chat_id(stranger)).await.unwrap()[0];
        assert!(app.store.outbox_body(failed).await.unwrap().unwrap().contains("hello"));
    })
    .await;
}

#[tokio::test]
async fn a_push_refused_with_a_4xx_fails_permanently_with_lines_reason() {
    let app = TestApp::new().await;
    // Not a friend of the bot: LINE refuses the `to`.
    let stranger = "U0000000000000000000000000000dead";
    let messages = json!([{"type": "text", "text": "hello"}]).to_string();
    app.store
        .insert_outbox(
            &[NewOutbox {
                chat_id: chat_id(stranger),
                messages,
                reply_token: None,
                reply_deadline: None,
                source_event: None,
            }],
            now_ms(),
        )
        .await
        .unwrap();
    let row = first_message_finished(&app.store, stranger).await;
    assert_eq!(row.0, "failed");
    assert!(row.2.as_deref().unwrap().starts_with("400 "), "{row:?}");
    assert_eq!(row.3, 1, "one attempt");
}

#[tokio::test]
async fn messages_to_one_resident_arrive_in_the_order_written_even_through_failures() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Ana", None);
        fake.fail_next(Endpoint::Push, Failure::Status(500), 1);
        let rows: Vec<NewOutbox> = (1..=5)
            .map(|i| NewOutbox {
                chat_id: chat_id(&user),
                messages: json!([{"type": "text", "text": format!("message {i}")}]).to_string(),
                reply_token: None,
                reply_deadline: None,
                source_event: None,
            })
            .collect();
        app.store.insert_outbox(&rows, now_ms()).await.unwrap();
        let got = fake.wait_delivered(&user, 5, Duration::from_secs(15)).await;
        let order: Vec<String> = got.iter().flat_map(|d| texts(&d.messages)).collect();
        assert_eq!(order, (1..=5).map(|i| format!("message {i}")).collect::<Vec<_>>(), "{}", app.db.backend());
    })
    .await;
}

#[tokio::test]
async fn an_answer_waits_behind_an_earlier_message_still_being_retried() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Ana", Some("pt-BR"));
        // An earlier message to this resident fails once and waits for its retry…
        fake.fail_next(Endpoint::Push, Failure::Status(500), 1);
        let earlier = NewOutbox {
            chat_id: chat_id(&user),
            messages: json!([{"type": "text", "text": "earlier"}]).to_string(),
            reply_token: None,
            reply_deadline: None,
            source_event: None,
        };
        app.store.insert_outbox(&[earlier], now_ms()).await.unwrap();
        wait_until(Duration::from_secs(10), "the first push failed", || async {
            fake.calls().iter().any(|c| c.path.ends_with("/push") && c.status == 500)
        })
        .await;
        // …so the answer to a new message, written meanwhile, must not overtake it.
        fake.send_events(vec![fake.text_event(&user, "oi")]).await.unwrap();
        let got = fake.wait_delivered(&user, 2, Duration::from_secs(15)).await;
        assert_eq!(got.len(), 2, "{}", app.db.backend());
        assert_eq!(texts(&got[0].messages), vec!["earlier".to_owned()], "{}: order kept", app.db.backend());
    })
    .await;
}
