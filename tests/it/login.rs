//! Logins under attack: a growing delay per name and per client address (the address a
//! trusted proxy reports, and only then), a bound on password checks at once, and failed
//! logins audited for admins. The limiter's clock is set by the test: nothing sleeps.

use std::sync::{atomic::AtomicI64, Arc};

use frontdesk::config::Settings;

use crate::helpers::*;

/// Settings behind a reverse proxy on this machine, which writes `X-Forwarded-For`.
fn behind_proxy(attempts: u32) -> Settings {
    let mut s = test_settings();
    s.staff.login_attempts = attempts;
    s.staff.trusted_proxy_header = Some("X-Forwarded-For".into());
    s.staff.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    s
}

/// A browser at `addr`, as the proxy reports it.
fn client_at(app: &TestApp, addr: &str) -> StaffBrowser {
    let mut b = app.browser();
    b.forwarded_for = Some(addr.to_owned());
    b
}

/// Stops the limiter's clock at `at` ms; the test moves it.
fn frozen_clock(app: &TestApp, at: i64) -> Arc<AtomicI64> {
    let clock = Arc::new(AtomicI64::new(at));
    app.staff.limiter.set_clock(clock.clone());
    clock
}

const WRONG: &str = "not the password!!";

#[tokio::test]
async fn after_the_free_attempts_each_login_waits_longer_and_is_told_how_long() {
    let app = TestApp::with_settings(behind_proxy(3)).await;
    let clock = frozen_clock(&app, 1_000_000);
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let mut b = client_at(&app, "203.0.113.5");
    for _ in 0..3 {
        assert_eq!(b.try_login("tanaka", WRONG).await, 401);
    }
    let res = b.try_login_response("tanaka", &pw).await;
    assert_eq!(res.status(), 429, "waiting even with the right password");
    assert_eq!(res.headers()["retry-after"], "1");
    assert!(res.text().await.unwrap().contains("1秒間"));
    clock.fetch_add(1_000, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(b.try_login("tanaka", WRONG).await, 401);
    let res = b.try_login_response("tanaka", &pw).await;
    assert_eq!((res.status().as_u16(), res.headers()["retry-after"].to_str().unwrap()), (429, "2"), "twice as long");
    clock.fetch_add(2_000, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(b.try_login("tanaka", &pw).await, 303);
}

#[tokio::test]
async fn behind_the_proxy_one_clients_guessing_does_not_hold_back_staff_elsewhere() {
    let app = TestApp::with_settings(behind_proxy(2)).await;
    frozen_clock(&app, 1_000_000);
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let sato = app.add_staff("sato", "staff", &["consultation"]).await;
    // The office signed in before the attack.
    let mut office = client_at(&app, "192.0.2.10");
    assert_eq!(office.try_login("tanaka", &pw).await, 303);
    // A guesser sprays names, then works on tanaka's, from outside.
    let mut attacker = client_at(&app, "203.0.113.66");
    for i in 0..8 {
        assert_eq!(attacker.try_login(&format!("user{i}"), WRONG).await, 401);
    }
    assert_eq!(attacker.try_login("sato", WRONG).await, 429, "the address is held back across names");
    let mut attacker2 = client_at(&app, "203.0.113.67");
    for _ in 0..2 {
        assert_eq!(attacker2.try_login("tanaka", WRONG).await, 401);
    }
    assert_eq!(attacker2.try_login("tanaka", WRONG).await, 429);
    // Staff behind the same proxy are not: another name from another address, and tanaka
    // from the office where tanaka signed in before.
    let mut colleague = client_at(&app, "192.0.2.11");
    assert_eq!(colleague.try_login("sato", &sato).await, 303);
    let mut again = client_at(&app, "192.0.2.10");
    assert_eq!(again.try_login("tanaka", &pw).await, 303, "the attacker cannot lock tanaka out");
}

#[tokio::test]
async fn without_a_configured_proxy_a_forwarded_header_is_the_clients_own_word_and_ignored() {
    let mut settings = test_settings();
    settings.staff.login_attempts = 1;
    let app = TestApp::with_settings(settings).await;
    frozen_clock(&app, 1_000_000);
    // Four names, each "from" a new address: all the same socket address, so the address
    // limit (4 × 1) holds the fifth back.
    for i in 0..4 {
        let mut b = client_at(&app, &format!("198.51.100.{i}"));
        assert_eq!(b.try_login(&format!("user{i}"), WRONG).await, 401);
    }
    let mut b = client_at(&app, "198.51.100.99");
    assert_eq!(b.try_login("user99", WRONG).await, 429);
    let failures = app.store.login_failures(10).await.unwrap();
    assert!(failures.iter().all(|f| f.client == "127.0.0.1"), "{failures:?}");
}

#[tokio::test]
async fn failed_logins_are_audited_with_the_name_tried_and_the_address_never_the_password() {
    each_backend(|db| async move {
        let app = TestApp::on(db, behind_proxy(5)).await;
        let admin_pw = app.add_staff("boss", "admin", &[]).await;
        app.add_staff("tanaka", "staff", &["consultation"]).await;
        let mut b = client_at(&app, "203.0.113.5");
        assert_eq!(b.try_login("tanaka", "secret-guess-1234").await, 401);
        let long = format!("<b>{}</b>", "x".repeat(200));
        assert_eq!(b.try_login(&long, "secret-guess-5678").await, 401);
        let failures = app.store.login_failures(10).await.unwrap();
        assert_eq!(failures.len(), 2);
        assert_eq!(
            (failures[1].name.as_str(), failures[1].client.as_str(), failures[1].account),
            ("tanaka", "203.0.113.5", true)
        );
        assert_eq!(failures[0].name.chars().count(), 64, "cut to a sane length");
        assert!(!failures[0].account);
        let all = app.store.audit_log(None, 100).await.unwrap();
        assert!(!all.iter().any(|a| a.detail.contains("secret-guess")), "no password in the audit");
        // The admin page lists them, escaped.
        let admin = app.login("boss", &admin_pw).await;
        let page = admin.page("/staff/admin").await;
        assert!(page.contains("ログインの失敗") && page.contains("203.0.113.5") && page.contains("tanaka"));
        assert!(page.contains("&lt;b&gt;xxx") && !page.contains("<b>xxx"));
    })
    .await;
}

#[tokio::test]
async fn password_checks_beyond_the_limit_are_answered_503_with_retry_after() {
    let mut settings = behind_proxy(5);
    settings.staff.login_concurrency = 1;
    let app = TestApp::with_settings(settings).await;
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    // Twenty clients post their login forms at the same moment.
    let mut requests = Vec::new();
    for i in 0..20 {
        requests.push(client_at(&app, &format!("198.51.100.{i}")).login_request(&format!("user{i}"), WRONG).await);
    }
    let answers = futures_util::future::join_all(requests.into_iter().map(|r| r.send())).await;
    let mut busy = 0;
    for res in answers {
        let res = res.unwrap();
        match res.status().as_u16() {
            401 => {}
            503 => {
                busy += 1;
                assert_eq!(res.headers()["retry-after"], "1");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(busy > 0, "one check at a time: the others were turned away");
    assert!(app.store.login_failures(100).await.unwrap().len() + busy == 20, "each was checked or turned away");
    // Once the burst is over, a login goes through.
    assert_eq!(client_at(&app, "192.0.2.10").try_login("tanaka", &pw).await, 303);
}
