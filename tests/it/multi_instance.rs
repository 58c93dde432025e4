//! Several instances on one PostgreSQL: no event handled twice, no message sent twice.

use std::{collections::HashSet, time::Duration};

use crate::helpers::*;

#[tokio::test]
async fn two_instances_on_one_postgres_handle_and_send_everything_exactly_once() {
    let Some(db) = TestDb::postgres_or_skip().await else { return };
    let mut settings = test_settings();
    settings.workers.batch_size = 8; // small claims, so both instances get work
    let mut app = TestApp::on(db, settings.clone()).await;
    let b = app.another_instance(settings).await;
    let (a, fake) = (&*app, &app.fake);
    let users: Vec<String> = (0..40).map(|i| fake.add_user(&format!("r{i}"), Some("ja"))).collect();

    // Half the webhooks to each instance, as a load balancer would.
    let mut sends = Vec::new();
    for round in 0..3 {
        for (i, u) in users.iter().enumerate() {
            let target = if (i + round) % 2 == 0 { a.base_url() } else { b.base_url() };
            let body = serde_json::to_vec(&serde_json::json!({
                "destination": fake.bot_user_id(),
                "events": [fake.text_event(u, &format!("message {round}"))]
            }))
            .unwrap();
            let sig = frontdesk::line::signature::sign(SECRET.as_bytes(), &body);
            sends.push(async move {
                reqwest::Client::new()
                    .post(format!("{target}/webhook"))
                    .header("x-line-signature", sig)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            });
        }
        for s in sends.drain(..) {
            assert_eq!(s.await, 200);
        }
    }
    for u in &users {
        let got = fake.wait_delivered(u, 3, Duration::from_secs(30)).await;
        assert_eq!(got.len(), 3);
    }
    app.settled(&users.iter().map(String::as_str).collect::<Vec<_>>()).await;
    for u in &users {
        assert_eq!(fake.delivered(u).len(), 3, "each message answered exactly once");
    }
    let sent: Vec<_> =
        fake.calls().into_iter().filter(|c| c.path.starts_with("/v2/bot/message/") && c.status == 200).collect();
    assert_eq!(sent.len(), users.len() * 3, "no call to LINE delivered twice");
    let keys: HashSet<_> = fake.calls().into_iter().filter_map(|c| c.retry_key).collect();
    assert!(keys.len() <= users.len() * 3);
    // Both instances did work.
    let handled_a = app.metric("frontdesk_inbox_events_total{outcome=\"handled\"}").await;
    let handled_b = metric(&b.base_url(), "frontdesk_inbox_events_total{outcome=\"handled\"}").await;
    assert_eq!(handled_a + handled_b, (users.len() * 3) as f64);
}
