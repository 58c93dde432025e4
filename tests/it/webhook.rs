//! The webhook: signatures, storage before acknowledgement, de-duplication, tolerance.

use std::time::Duration;

use frontdesk::line::{fake::Via, signature};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_signed_text_message_is_acknowledged_stored_and_answered_exactly_once() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Ana", Some("pt-BR"));
        let sent = fake.send_events(vec![fake.text_event(&user, "Olá, preciso de ajuda 🤨")]).await.unwrap();
        assert_eq!(sent.status, 200, "{}", app.db.backend());

        let got = fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
        assert_eq!(got.len(), 1, "{}: one answer", app.db.backend());
        assert_eq!(got[0].via, Via::Reply, "a fresh token is used");
        let expected =
            frontdesk::i18n::Locales::load().unwrap().text(frontdesk::i18n::Lang::PT_BR, "q-consent-record", None);
        assert!(texts(&got[0].messages).contains(&expected), "the intake starts in Portuguese");
        // Nothing more arrives later.
        app.settled(&[&user]).await;
        assert_eq!(fake.delivered(&user).len(), 1);
        assert_eq!(app.store.inbox_counts().await.unwrap(), vec![("done".to_owned(), 1)]);
        assert_eq!(app.metric("frontdesk_webhook_events_received_total").await, 1.0);
    })
    .await;
}

#[tokio::test]
async fn a_wrong_missing_or_tampered_signature_gets_401_and_nothing_is_stored() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Minh", Some("vi"));
        let body = serde_json::to_vec(
            &json!({"destination": fake.bot_user_id(), "events": [fake.text_event(&user, "xin chào")]}),
        )
        .unwrap();
        let good = signature::sign(SECRET.as_bytes(), &body);

        let wrong = signature::sign(b"another-channel-secret", &body);
        assert_eq!(fake.send_body(body.clone(), Some(wrong)).await.unwrap().status, 401);
        assert_eq!(fake.send_body(body.clone(), None).await.unwrap().status, 401);
        assert_eq!(fake.send_body(body.clone(), Some("not base64 at all".into())).await.unwrap().status, 401);
        let mut tampered = body.clone();
        let i = tampered.len() - 5;
        tampered[i] ^= 0x01;
        assert_eq!(fake.send_body(tampered, Some(good.clone())).await.unwrap().status, 401);

        assert!(app.store.inbox_counts().await.unwrap().is_empty(), "nothing stored");
        assert_eq!(app.metric("frontdesk_webhook_requests_rejected_total{reason=\"signature\"}").await, 4.0);
        // The untouched body with its signature still passes.
        assert_eq!(fake.send_body(body, Some(good)).await.unwrap().status, 200);
    })
    .await;
}

#[tokio::test]
async fn lines_verify_request_with_no_events_gets_200() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    assert_eq!(fake.verify_webhook().await.unwrap().status, 200);
    assert!(app.store.inbox_counts().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_redelivered_or_repeated_event_is_handled_once() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Taro", Some("ja"));
        let event = fake.text_event(&user, "こんにちは");
        assert_eq!(fake.send_events(vec![event.clone()]).await.unwrap().status, 200);
        assert_eq!(fake.send_events(vec![event.clone()]).await.unwrap().status, 200);
        assert_eq!(
            fake.send_events(vec![frontdesk::line::fake::FakeLine::redelivery_of(&event)]).await.unwrap().status,
            200
        );

        fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
        app.settled(&[&user]).await;
        assert_eq!(fake.delivered(&user).len(), 1, "{}: answered once", app.db.backend());
        assert_eq!(app.metric("frontdesk_webhook_events_duplicate_total").await, 2.0);
        assert_eq!(app.store.inbox_counts().await.unwrap(), vec![("done".to_owned(), 1)]);
    })
    .await;
}

#[tokio::test]
async fn an_unknown_event_type_is_stored_and_skipped() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let user = fake.add_user("Taro", None);
        let mut unknown = fake.text_event(&user, "x");
        unknown["type"] = json!("somethingNew");
        unknown["somethingNew"] = json!({"field": [1, 2, 3]});
        let key = unknown["webhookEventId"].as_str().unwrap().to_owned();
        assert_eq!(fake.send_events(vec![unknown]).await.unwrap().status, 200);
        wait_until(Duration::from_secs(10), "the unknown event is skipped", || async {
            app.store.inbox_state(&key).await.unwrap().is_some_and(|(s, _)| s == "skipped")
        })
        .await;
        assert!(fake.delivered(&user).is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_standby_event_and_a_group_message_are_stored_but_not_answered() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    let user = fake.add_user("Taro", Some("ja"));
    let mut standby = fake.text_event(&user, "standby");
    standby["mode"] = json!("standby");
    let mut group = fake.text_event(&user, "group");
    group["source"] = json!({"type": "group", "groupId": "C0123456789abcdef0123456789abcdef", "userId": user});
    let keys: Vec<String> =
        [&standby, &group].iter().map(|e| e["webhookEventId"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fake.send_events(vec![standby, group]).await.unwrap().status, 200);
    for key in &keys {
        wait_until(Duration::from_secs(10), "event skipped", || async {
            app.store.inbox_state(key).await.unwrap().is_some_and(|(s, _)| s == "skipped")
        })
        .await;
    }
    assert!(fake.calls().iter().all(|c| !c.path.contains("/message/")), "nothing sent");
}

#[tokio::test]
async fn every_official_sdk_fixture_body_is_accepted_and_stored() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/line-reference/sdk-fixtures");
    if !dir.is_dir() {
        eprintln!("SKIPPED: ../shared/line-reference not found");
        return;
    }
    let app = TestApp::new().await;
    let fake = &app.fake;
    let mut files: Vec<_> = std::fs::read_dir(dir.join("java"))
        .unwrap()
        .chain(std::fs::read_dir(dir.join("python")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut distinct = std::collections::HashSet::new();
    for path in &files {
        let mut body: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        // The Python fixture's events share one webhookEventId; make each unique so each is
        // stored (the duplicate rule is tested elsewhere).
        for (i, e) in body["events"].as_array_mut().unwrap().iter_mut().enumerate() {
            if e.get("webhookEventId").is_some() {
                e["webhookEventId"] = json!(format!("{}-{i}", uuid::Uuid::new_v4().simple()));
            }
        }
        for e in body["events"].as_array().unwrap() {
            // The service keys an event by its webhookEventId, else by its exact bytes.
            distinct.insert(match e.get("webhookEventId") {
                Some(id) => id.to_string(),
                None => serde_json::to_string(e).unwrap(),
            });
        }
        let bytes = serde_json::to_vec(&body).unwrap();
        let sig = signature::sign(SECRET.as_bytes(), &bytes);
        let res = fake.send_body(bytes, Some(sig)).await.unwrap();
        assert_eq!(res.status, 200, "{}", path.display());
    }
    wait_until(Duration::from_secs(20), "every fixture event is finished", || async {
        app.store.inbox_pending_count().await.unwrap() == 0
    })
    .await;
    let total: i64 = app.store.inbox_counts().await.unwrap().iter().map(|(_, n)| n).sum();
    assert_eq!(total, distinct.len() as i64, "one inbox row per distinct event");
    assert!(total > 40, "the fixtures hold many events: {total}");
    assert!(app.store.inbox_counts().await.unwrap().iter().all(|(s, _)| s == "done" || s == "skipped"));
}
