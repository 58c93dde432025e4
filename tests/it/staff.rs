//! The staff dashboard and API through HTTP: nothing without a session, CSRF on every form,
//! each role sees only its queues, every view audited, the audit log append-only, login
//! rate-limited and sessions expiring.

use sqlx::Connection as _;

use crate::helpers::*;

/// Every page, fragment, stream and API route that shows something about a case.
fn read_routes(number: &str) -> Vec<String> {
    [
        "/staff",
        "/staff/queue/rows",
        "/staff/events",
        "/staff/cases/{n}",
        "/staff/cases/{n}/live",
        "/staff/cases/{n}/events",
        "/staff/cases/{n}/attachments/x",
        "/staff/admin",
        "/staff/admin/audit",
        "/staff/admin/audit?case={n}",
        "/api/cases",
        "/api/cases/{n}",
    ]
    .iter()
    .map(|p| p.replace("{n}", number))
    .collect()
}

/// Every route that changes something.
fn write_routes(number: &str) -> Vec<String> {
    [
        "/staff/logout",
        "/staff/cases/{n}/claim",
        "/staff/cases/{n}/assign",
        "/staff/cases/{n}/transfer",
        "/staff/cases/{n}/status",
        "/staff/cases/{n}/note",
        "/staff/cases/{n}/interpreter",
        "/staff/cases/{n}/reply",
        "/staff/cases/{n}/canned",
        "/staff/cases/{n}/preview",
        "/staff/cases/{n}/phrase",
        "/staff/cases/{n}/erase",
        "/staff/admin/staff/admin/disable",
        "/api/cases/{n}/claim",
        "/api/cases/{n}/assign",
        "/api/cases/{n}/transfer",
        "/api/cases/{n}/status",
        "/api/cases/{n}/notes",
        "/api/cases/{n}/interpreter",
        "/api/cases/{n}/replies",
        "/api/cases/{n}/preview",
        "/api/cases/{n}/erase",
    ]
    .iter()
    .map(|p| p.replace("{n}", number))
    .collect()
}

/// Nothing about the case may appear in a refused answer.
async fn assert_refused(res: reqwest::Response, what: &str, secret: &str) {
    let status = res.status();
    let location = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let body = res.text().await.unwrap();
    assert!(status == 401 || (status == 303 && location.starts_with("/staff/login")), "{what}: {status} {location}");
    assert!(!body.contains(secret), "{what} leaked case content");
}

#[tokio::test]
async fn every_page_and_api_route_refuses_a_request_without_a_valid_session() {
    let app = TestApp::new().await;
    app.add_staff("admin", "admin", &[]).await;
    let mut r = app.resident("Sato Hanako", Some("ja"));
    let number = r.open_case(&app, true, "car").await;
    let anonymous = app.browser();
    let mut forged = app.browser();
    forged.cookie = Some("fd_session=forged-session-value".into());
    for b in [&anonymous, &forged] {
        for path in read_routes(number.as_str()) {
            assert_refused(b.get(&path).await, &format!("GET {path}"), "Sato Hanako").await;
        }
        for path in write_routes(number.as_str()) {
            assert_refused(b.post_raw(&path, &[("csrf", "x")]).await, &format!("POST {path}"), "Sato Hanako").await;
        }
    }
    // A page asks the browser to log in and come back; the API answers 401.
    let res = anonymous.get(&format!("/staff/cases/{number}")).await;
    assert_eq!(res.headers()["location"], format!("/staff/login?next=/staff/cases/{number}").as_str());
    let bearer = reqwest::Client::new()
        .get(format!("{}/api/cases", app.base_url()))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 401);
    // Nothing was changed by any of it.
    let c = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((c.status.as_str(), c.assignee.as_deref()), ("new", None));
}

#[tokio::test]
async fn a_form_or_api_write_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let pw = app.add_staff("admin", "admin", &[]).await;
    app.add_staff("tanaka", "staff", &["consultation"]).await;
    let mut r = app.resident("R", Some("ja"));
    let number = r.open_case(&app, true, "home_safe").await;
    let b = app.login("admin", &pw).await;
    for path in write_routes(number.as_str()) {
        for fields in [vec![], vec![("csrf", "wrong-token")]] {
            let mut fields = fields;
            fields.extend([("staff", "tanaka"), ("queue", "housing"), ("status", "closed"), ("outcome", "supported")]);
            fields.extend([("text", "hello"), ("template", "received")]);
            let res = b.post_raw(&path, &fields).await;
            assert_eq!(res.status(), 403, "POST {path} with {fields:?}");
        }
    }
    let c = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((c.status.as_str(), c.assignee.as_deref(), c.queue.as_str()), ("new", None, "consultation"));
    assert!(app.store.case_actions(&c.id).await.unwrap().is_empty());
    // The session still works, and the same form with its token goes through.
    b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
    // The login form is protected too: without the token its cookie came with, refused.
    let res = reqwest::Client::new()
        .post(format!("{}/staff/login", app.base_url()))
        .form(&[("name", "admin"), ("password", pw.as_str()), ("csrf", "guess")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// Three residents: a housing case with consent, a "sleeping in the car" case without
/// consent (which must stay with the centre), a shelter case with consent.
async fn three_cases(app: &TestApp) -> [CaseNumber; 3] {
    let housing = app.resident("Housing Resident", Some("ja")).open_case(app, true, "home_at_risk").await;
    let private = app.resident("No Consent Resident", Some("pt-BR")).open_case(app, false, "car").await;
    let shelter = app.resident("Shelter Resident", Some("vi")).open_case(app, true, "car").await;
    [housing, private, shelter]
}

#[tokio::test]
async fn each_role_sees_only_its_queues_and_partners_never_see_a_case_without_consent() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let [housing, private, shelter] = three_cases(&app).await;
        let c = app.store.case_by_number(&private).await.unwrap().unwrap();
        assert_eq!((c.queue.as_str(), c.partner_visible), ("consultation", false), "no consent: the centre's queue");
        let accounts = [
            ("centre", "staff", vec!["consultation"], vec![&private]),
            ("housing", "staff", vec!["housing"], vec![&housing]),
            ("coord", "coordinator", vec![], vec![&shelter]),
            // The multicultural centre is a partner (by default): not the case without consent.
            ("multi", "staff", vec!["interpreter"], vec![&shelter]),
            ("boss", "admin", vec![], vec![&housing, &private, &shelter]),
        ];
        for (name, role, queues, visible) in &accounts {
            let pw = app.add_staff(name, role, queues).await;
            let b = app.login(name, &pw).await;
            let page = b.page("/staff").await;
            for n in [&housing, &private, &shelter] {
                let expected = visible.contains(&n);
                assert_eq!(page.contains(n.as_str()), expected, "{name} on the queue page, case {n}");
                let res = b.get(&format!("/staff/cases/{n}")).await;
                assert_eq!(res.status(), if expected { 200 } else { 404 }, "{name} opens case {n}");
                let api = b.get(&format!("/api/cases/{n}")).await;
                assert_eq!(api.status(), if expected { 200 } else { 404 }, "{name} via the API, case {n}");
            }
            let listed: serde_json::Value = b.get("/api/cases").await.json().await.unwrap();
            assert_eq!(listed["cases"].as_array().unwrap().len(), visible.len(), "{name}: {listed}");
            // A case without consent cannot be moved to a partner's queue.
            if *role == "admin" {
                let res = b.post(&format!("/staff/cases/{private}/transfer"), &[("queue", "shelter")]).await;
                assert_eq!(res.status(), 400);
                let admin = b.page("/staff/admin").await;
                assert!(admin.contains("coord") && admin.contains("housing"));
            } else {
                assert_eq!(b.get("/staff/admin").await.status(), 403, "{name} is not an admin");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn views_and_actions_are_audited_and_the_audit_log_cannot_be_altered() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let pw = app.add_staff("tanaka", "staff", &["consultation", "shelter"]).await;
        let admin_pw = app.add_staff("boss", "admin", &[]).await;
        let mut r = app.resident("R", Some("ja"));
        let number = r.open_case(&app, true, "car").await;
        let b = app.login("tanaka", &pw).await;
        b.page(&format!("/staff/cases/{number}")).await;
        b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        b.act(&format!("/staff/cases/{number}/note"), &[("text", "電話で確認する")]).await;
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        let log = app.store.audit_log(Some(&c.id), 100).await.unwrap();
        let actions: Vec<(&str, Option<&str>)> =
            log.iter().rev().map(|a| (a.action.as_str(), a.staff_name.as_deref())).collect();
        assert_eq!(
            actions,
            vec![("view_case", Some("tanaka")), ("claim", Some("tanaka")), ("note", Some("tanaka"))],
            "{log:?}"
        );
        let queue_views = app.store.audit_log(None, 100).await.unwrap();
        assert!(queue_views.iter().any(|a| a.action == "view_queue" && a.detail.contains(number.as_str())));
        assert!(queue_views.iter().any(|a| a.action == "login"));
        // The admin reads the case's audit log on a page.
        let admin = app.login("boss", &admin_pw).await;
        let page = admin.page(&format!("/staff/admin/audit?case={number}")).await;
        assert!(page.contains("tanaka") && page.contains("claim") && page.contains("view_case"));
        // The note is on the case page, and never in the audit detail.
        assert!(!log.iter().any(|a| a.detail.contains("電話で確認する")));
        // Append-only, enforced by the database itself.
        let before = app.store.audit_log(Some(&c.id), 100).await.unwrap().len();
        assert_eq!(before, log.len() + 1, "the admin's view of the audit log is itself audited");
        let update = "UPDATE audit SET action = 'nothing'";
        let delete = "DELETE FROM audit";
        if app.db.backend() == "sqlite" {
            let mut conn = sqlx::SqliteConnection::connect(app.db.url()).await.unwrap();
            assert!(sqlx::query(update).execute(&mut conn).await.is_err());
            assert!(sqlx::query(delete).execute(&mut conn).await.is_err());
        } else {
            let mut conn = sqlx::PgConnection::connect(app.db.url()).await.unwrap();
            assert!(sqlx::query(update).execute(&mut conn).await.is_err());
            assert!(sqlx::query(delete).execute(&mut conn).await.is_err());
            // Row triggers do not see TRUNCATE; a statement trigger does.
            let e = sqlx::query("TRUNCATE audit").execute(&mut conn).await.unwrap_err();
            assert!(e.to_string().contains("append-only"), "{e}");
        }
        assert_eq!(app.store.audit_log(Some(&c.id), 100).await.unwrap().len(), before);
    })
    .await;
}

#[tokio::test]
async fn logins_are_rate_limited_and_sessions_end_on_logout_idleness_or_disabling() {
    let mut settings = test_settings();
    settings.staff.login_attempts = 3;
    let app = TestApp::with_settings(settings).await;
    // The limiter's clock stands still: the fourth attempt comes within its wait.
    app.staff.limiter.set_clock(std::sync::Arc::new(std::sync::atomic::AtomicI64::new(1_000_000)));
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let mut b = app.browser();
    for _ in 0..3 {
        assert_eq!(b.try_login("tanaka", "wrong password!!").await, 401);
    }
    assert_eq!(b.try_login("tanaka", &pw).await, 429, "blocked even with the right password");
    assert!(b.cookie.is_none());
    // An unknown name answers like a wrong password.
    assert_eq!(b.try_login("nobody", "wrong password!!").await, 401);

    let other = app.add_staff("sato", "staff", &["consultation"]).await;
    let b = app.login("sato", &other).await;
    assert_eq!(b.get("/staff").await.status(), 200);
    let cookie = b.cookie.clone().unwrap();
    let res = b.post("/staff/logout", &[]).await;
    assert_eq!(res.status(), 303);
    let mut old = app.browser();
    old.cookie = Some(cookie);
    assert_eq!(old.get("/staff").await.status(), 303, "a logged-out session is gone");

    // Idle past the limit: the session ends.
    let b = app.login("sato", &other).await;
    let mut conn = sqlx::SqliteConnection::connect(app.db.url()).await.unwrap();
    sqlx::query("UPDATE staff_sessions SET last_seen_at = 0").execute(&mut conn).await.unwrap();
    assert_eq!(b.get("/staff").await.status(), 303, "an idle session ends");
    // Disabling an account ends its sessions at once.
    let b = app.login("sato", &other).await;
    assert!(app.store.disable_staff("sato").await.unwrap());
    assert_eq!(b.get("/staff").await.status(), 303);
    let mut again = app.browser();
    assert_eq!(again.try_login("sato", &other).await, 401, "a disabled account cannot log in");
}

#[tokio::test]
async fn behind_https_the_session_is_a_secure_host_prefixed_cookie_and_responses_carry_hsts() {
    let mut settings = test_settings();
    settings.staff.public_url = Some("https://frontdesk.city.example".into());
    let app = TestApp::with_settings(settings).await;
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = http.get(format!("{}/staff/login", app.base_url())).send().await.unwrap();
    let login_cookie = set_cookie(&page, "__Secure-fd_login").expect("the login cookie is __Secure-");
    let headers = page.headers().clone();
    let token = csrf_in(&page.text().await.unwrap()).unwrap();
    assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["strict-transport-security"], "max-age=31536000");
    let health = http.get(format!("{}/healthz", app.base_url())).send().await.unwrap();
    assert_eq!(health.headers()["strict-transport-security"], "max-age=31536000");
    let res = http
        .post(format!("{}/staff/login", app.base_url()))
        .header("cookie", login_cookie)
        .form(&[("name", "tanaka"), ("password", pw.as_str()), ("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-fd_session="))
        .expect("the session cookie is __Host-");
    for attr in ["HttpOnly", "SameSite=Strict", "; Secure", "Path=/;"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_owned();
    let queue = http.get(format!("{}/staff", app.base_url())).header("cookie", &session).send().await.unwrap();
    assert_eq!(queue.status(), 200, "the session is read under its prefixed name");
    let unprefixed = session.replacen("__Host-", "", 1);
    let refused = http.get(format!("{}/staff", app.base_url())).header("cookie", &unprefixed).send().await.unwrap();
    assert_eq!(refused.status(), 303, "a cookie without the prefix is not a session");
}

#[tokio::test]
async fn over_plain_http_the_cookie_is_not_secure_and_no_hsts_is_sent() {
    let app = TestApp::new().await;
    let http = reqwest::Client::new();
    let page = http.get(format!("{}/staff/login", app.base_url())).send().await.unwrap();
    assert!(page.headers().get("strict-transport-security").is_none());
    let cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("fd_login=") && !cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn whether_the_interpreters_see_cases_without_consent_is_the_citys_setting() {
    let app = TestApp::new().await;
    let centre = app.add_staff("centre", "staff", &["consultation"]).await;
    let mut r = app.resident("R", Some("pt-BR"));
    let number = r.open_case(&app, false, "home_safe").await;
    let c = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((c.queue.as_str(), c.flags.as_str()), ("consultation", ""), "not flagged for a partner");
    // Nor can staff send it there.
    let b = app.login("centre", &centre).await;
    assert_eq!(b.post(&format!("/staff/cases/{number}/interpreter"), &[]).await.status(), 400);
    assert_eq!(b.post(&format!("/staff/cases/{number}/transfer"), &[("queue", "interpreter")]).await.status(), 400);
    drop(app);

    // A city whose interpreters are its own staff says so per queue.
    let mut settings = test_settings();
    settings.routing.partners.interpreter = false;
    let app = TestApp::with_settings(settings).await;
    let pw = app.add_staff("multi", "staff", &["interpreter"]).await;
    let mut r = app.resident("R2", Some("pt-BR"));
    let number = r.open_case(&app, false, "home_safe").await;
    let c = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((c.queue.as_str(), c.flags.as_str()), ("consultation", "interpreter"));
    let b = app.login("multi", &pw).await;
    assert_eq!(b.get(&format!("/staff/cases/{number}")).await.status(), 200);
}

#[tokio::test]
async fn a_form_and_the_api_refuse_an_unknown_outcome_alike_and_change_nothing() {
    let app = TestApp::new().await;
    let pw = app.add_staff("centre", "staff", &["consultation"]).await;
    let mut r = app.resident("R", Some("ja"));
    let number = r.open_case(&app, true, "home_safe").await;
    let b = app.login("centre", &pw).await;
    let res = b.post(&format!("/staff/cases/{number}/status"), &[("status", "closed"), ("outcome", "bribed")]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("終了の理由がわかりません"), "the page says why in Japanese");
    let api = app.api(&app.api_token("centre").await);
    let body = serde_json::json!({ "status": "closed", "outcome": "bribed" });
    let got = error_of(api.post_json(&format!("/api/cases/{number}/status"), body).await).await;
    assert_eq!(got, (400, "bad_request".into(), "unknown outcome".into()));
    let c = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("new", None));
}
