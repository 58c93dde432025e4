//! The coordinators' alert loop in the database: a shelter alert opens it with the time its
//! reminder falls due, and a claim on the dashboard acknowledges it and stops the timer.

use std::{
    sync::{atomic::AtomicI64, Arc},
    time::Duration,
};

use crate::helpers::*;

const GROUP: &str = "Cabcdef0123456789abcdef0123456789";

#[tokio::test]
async fn a_shelter_alert_waits_for_an_acknowledgement_until_staff_claim_the_case() {
    each_backend(|db| async move {
        let mut settings = test_settings();
        settings.alerts.coordinators = vec![chat_id(GROUP)];
        let app = TestApp::on(db, settings).await;
        let sent = 1_796_000_000_000; // a fixed instant, so the due time is exact
        app.clock.set(Arc::new(AtomicI64::new(sent)));

        let mut r = app.resident("Nguyen Van A", Some("vi"));
        r.follow_and_tap(&["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car"]).await;
        r.tap("cmd:person").await;
        app.fake.wait_delivered(GROUP, 1, Duration::from_secs(10)).await;
        let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();

        let alert = app.store.alert_of(number.as_str()).await.unwrap().expect("the alert is recorded");
        assert_eq!((alert.level, alert.stage, alert.sent_at), (1, 0, sent));
        assert_eq!(alert.next_at, Some(sent + 15 * 60_000), "re-sent after ack_minutes unless acknowledged");
        assert!(alert.acked_at.is_none());

        let coordinator = app.staff("sato", "coordinator", &["shelter"]).await;
        coordinator.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        let alert = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
        assert!(alert.acked_at.is_some());
        assert_eq!((alert.acked_by_name.as_deref(), alert.acked_via.as_deref()), (Some("sato"), Some("dashboard")));
        assert_eq!(alert.next_at, None, "an acknowledged alert is not re-sent");
    })
    .await;
}

#[tokio::test]
async fn a_case_that_was_never_alerted_has_no_alert() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let mut r = app.resident("Maria", Some("pt-BR"));
        let number = r.open_case(&app, false, "home_safe").await;
        assert!(app.store.alert_of(number.as_str()).await.unwrap().is_none());
    })
    .await;
}
