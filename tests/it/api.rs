//! The JSON API for the city's case-management system: a bearer token, or a staff session
//! whose writes carry `X-CSRF-Token`.

use tokio_util::sync::CancellationToken;

use crate::helpers::*;

#[tokio::test]
async fn the_json_api_lists_reads_and_updates_cases_with_a_bearer_token() {
    each_backend(|db| async move {
        let stop = CancellationToken::new();
        let fake = fake_line(&stop).await;
        let app = spawn_app(db.url(), &fake, test_settings()).await;
        let pw = add_staff(&app, "system", "staff", &["consultation"]).await;
        let account = app.store.staff_by_name("system").await.unwrap().unwrap();
        let token = frontdesk::credentials::random_token().unwrap();
        let hash = frontdesk::credentials::digest(&token);
        app.store.add_api_token(&hash, &account.id, "case system", frontdesk::worker::now_ms()).await.unwrap();
        let mut r = Resident::new(&fake, "R", Some("pt-BR"));
        let number = resident_with_case(&app, &mut r, false, "home_safe").await;
        let api = reqwest::Client::new();
        let base = app.base_url();
        let list: serde_json::Value = get_json(&api, &format!("{base}/api/cases?status=new"), &token).await;
        let cases = list["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0]["number"], number.as_str());
        assert_eq!(cases[0]["lang"], "pt-BR");
        assert_eq!(cases[0]["queue_ja"], "生活相談センター");
        let detail: serde_json::Value = get_json(&api, &format!("{base}/api/cases/{number}"), &token).await;
        assert_eq!(detail["case"]["tonight"], "home_safe");
        assert!(detail["transcript"].as_array().unwrap().len() >= 5);
        let res = api
            .post(format!("{base}/api/cases/{number}/replies"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "template": "call", "date": "2026-12-03", "time": "14:00" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202);
        let pushed = r.next_delivery().await;
        assert!(pushed[0].contains("quinta-feira, 3/12") && pushed[0].contains("14:00"), "{pushed:?}");
        let res = api
            .post(format!("{base}/api/cases/{number}/status"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "status": "closed" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "closing needs an outcome");
        let res = api
            .post(format!("{base}/api/cases/{number}/status"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "status": "closed", "outcome": "referred" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("closed", Some("referred")));
        // With a session cookie instead of a token, a write needs X-CSRF-Token.
        let b = StaffBrowser::login(&app, "system", &pw).await;
        let mut r2 = Resident::new(&fake, "R2", Some("ja"));
        let second = resident_with_case(&app, &mut r2, true, "home_safe").await;
        let url = format!("{base}/api/cases/{second}/claim");
        let cookie = b.cookie.clone().unwrap();
        let no_csrf = api.post(&url).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(no_csrf.status(), 403);
        let csrf = b.csrf.clone().unwrap();
        let with_csrf = api.post(&url).header("cookie", &cookie).header("x-csrf-token", csrf).send().await.unwrap();
        assert_eq!(with_csrf.status(), 200);
        app.stop().await;
        stop.cancel();
    })
    .await;
}

/// GET with the bearer token, as JSON.
async fn get_json(api: &reqwest::Client, url: &str, token: &str) -> serde_json::Value {
    api.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}

/// The status and the `{"error": {"code", "message"}}` of a response.
async fn error_of(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(kind.starts_with("application/json"), "{status}: content-type {kind:?}");
    let body: serde_json::Value = res.json().await.unwrap();
    let code = body["error"]["code"].as_str().unwrap_or_else(|| panic!("no error.code in {body}")).to_owned();
    let message = body["error"]["message"].as_str().unwrap_or_else(|| panic!("no error.message in {body}")).to_owned();
    (status, code, message)
}

#[tokio::test]
async fn api_errors_are_json_with_a_code_and_the_same_status_while_pages_keep_their_text() {
    let stop = CancellationToken::new();
    let db = TestDb::sqlite();
    let fake = fake_line(&stop).await;
    let app = spawn_app(db.url(), &fake, test_settings()).await;
    let pw = add_staff(&app, "system", "staff", &["consultation"]).await;
    add_staff(&app, "housing", "staff", &["housing"]).await;
    let token_for = |name: &'static str| {
        let store = app.store.clone();
        async move {
            let account = store.staff_by_name(name).await.unwrap().unwrap();
            let token = frontdesk::credentials::random_token().unwrap();
            let hash = frontdesk::credentials::digest(&token);
            store.add_api_token(&hash, &account.id, "test", frontdesk::worker::now_ms()).await.unwrap();
            token
        }
    };
    let (token, housing) = (token_for("system").await, token_for("housing").await);
    let mut r = Resident::new(&fake, "R", Some("ja"));
    let number = resident_with_case(&app, &mut r, false, "home_safe").await;
    let api = reqwest::Client::new();
    let base = app.base_url();
    let case = format!("{base}/api/cases/{number}");

    let got = error_of(api.get(format!("{base}/api/cases")).send().await.unwrap()).await;
    assert_eq!(got, (401, "unauthorized".into(), "sign in required".into()));
    let got = error_of(api.get(format!("{base}/api/cases")).bearer_auth("not-a-token").send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (401, "unauthorized"));
    let got = error_of(api.get(&case).bearer_auth(&housing).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (404, "not_found"), "another queue's case is not shown to exist");
    let got =
        error_of(api.get(format!("{base}/api/cases/000000-0000")).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(got, (404, "not_found".into(), "not found".into()));
    let got =
        error_of(api.get(format!("{base}/api/cases?queue=boats")).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(got, (400, "bad_request".into(), "unknown queue".into()));
    let post = |path: &str| api.post(format!("{case}/{path}")).bearer_auth(&token);
    let got = error_of(post("status").json(&serde_json::json!({ "status": "closed" })).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (400, "bad_request"), "closing needs an outcome");
    let not_json = post("notes").header("content-type", "application/json").body("{\"text\": ").send().await.unwrap();
    assert_eq!(error_of(not_json).await.1, "invalid_json");
    let got = error_of(post("notes").json(&serde_json::json!({ "txt": "x" })).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (422, "invalid_body"));
    let got = error_of(post("notes").body("{\"text\": \"x\"}").send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (415, "unsupported_media_type"));
    let got = error_of(api.delete(&case).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (405, "method_not_allowed"));
    let got = error_of(api.get(format!("{base}/api/nothing/here")).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (404, "not_found"));
    // A cookie session's write without X-CSRF-Token.
    let b = StaffBrowser::login(&app, "system", &pw).await;
    let res = api.post(format!("{case}/claim")).header("cookie", b.cookie.clone().unwrap()).send().await.unwrap();
    assert_eq!(error_of(res).await, (403, "csrf_failed".into(), "CSRF token missing or wrong".into()));
    // The dashboard's pages answer as before: text, not JSON.
    let page = b.get("/staff/cases/000000-0000").await;
    assert_eq!(page.status(), 404);
    assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    assert_eq!(page.text().await.unwrap(), "not found");
    app.stop().await;
    stop.cancel();
}

/// A write through the API with a staff session and its CSRF token.
async fn post_as(b: &StaffBrowser, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", b.base))
        .header("cookie", b.cookie.clone().unwrap())
        .header("x-csrf-token", b.csrf.clone().unwrap())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn only_the_centre_confirms_an_erasure_and_the_answer_names_only_cases_it_sees() {
    each_backend(|db| async move {
        let stop = CancellationToken::new();
        let fake = fake_line(&stop).await;
        let app = spawn_app(db.url(), &fake, test_settings()).await;
        let boss = add_staff(&app, "boss", "admin", &[]).await;
        let coord = add_staff(&app, "coord", "coordinator", &[]).await;
        let centre = add_staff(&app, "centre", "staff", &["consultation"]).await;
        // One resident, two cases: a shelter case (closed), then a consultation case.
        let mut r = Resident::new(&fake, "Maria Silva", Some("pt-BR"));
        let shelter = resident_with_case(&app, &mut r, true, "car").await;
        let admin = StaffBrowser::login(&app, "boss", &boss).await;
        admin.act(&format!("/staff/cases/{shelter}/status"), &[("status", "closed"), ("outcome", "referred")]).await;
        r.say("Oi de novo").await;
        for tap in ["consent_record:yes", "consent_share:yes", "safety:no", "tonight:home_safe", "cmd:person"] {
            r.tap(tap).await;
        }
        let cases = app.store.cases_of(&r.id).await.unwrap();
        assert_eq!(cases.len(), 2);
        let second = cases.iter().find(|c| c.number != shelter).unwrap().number.clone();
        r.say("apagar meus dados").await;
        r.say("sim").await;

        // The coordinator sees the shelter case and its request, but cannot carry it out.
        let b = StaffBrowser::login(&app, "coord", &coord).await;
        let page = b.page(&format!("/staff/cases/{shelter}")).await;
        assert!(page.contains("データの削除を求めています") && !page.contains(&format!("/cases/{shelter}/erase")));
        assert_eq!(post_as(&b, &format!("/api/cases/{shelter}/erase")).await.status(), 403);
        assert_eq!(b.post(&format!("/staff/cases/{shelter}/erase"), &[]).await.status(), 403);
        assert!(app.store.cases_of(&r.id).await.unwrap().iter().all(|c| c.anonymised_at.is_none()), "nothing erased");

        // The centre carries it out: every case goes, but it is told only of the one it sees.
        let b = StaffBrowser::login(&app, "centre", &centre).await;
        let res = post_as(&b, &format!("/api/cases/{second}/erase")).await;
        assert_eq!(res.status(), 200);
        let answer: serde_json::Value = res.json().await.unwrap();
        assert_eq!(answer["anonymised"], serde_json::json!([second]));
        for n in [&shelter, &second] {
            assert!(app.store.case_by_number(n).await.unwrap().unwrap().anonymised_at.is_some(), "{n}");
        }
        app.stop().await;
        stop.cancel();
    })
    .await;
}
