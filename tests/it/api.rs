//! The JSON API for the city's case-management system: a bearer token, or a staff session
//! whose writes carry `X-CSRF-Token`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn the_json_api_lists_reads_and_updates_cases_with_a_bearer_token() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let pw = app.add_staff("system", "staff", &["consultation"]).await;
        let api = app.api(&app.api_token("system").await);
        let mut r = app.resident("R", Some("pt-BR"));
        let number = r.open_case(&app, false, "home_safe").await;
        let list = api.get_json("/api/cases?status=new").await;
        let cases = list["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0]["number"], number.as_str());
        assert_eq!(cases[0]["lang"], "pt-BR");
        assert_eq!(cases[0]["queue_ja"], "生活相談センター");
        let detail = api.get_json(&format!("/api/cases/{number}")).await;
        assert_eq!(detail["case"]["tonight"], "home_safe");
        assert!(detail["transcript"].as_array().unwrap().len() >= 5);
        let call = json!({ "template": "call", "date": "2026-12-03", "time": "14:00" });
        let res = api.post_json(&format!("/api/cases/{number}/replies"), call).await;
        assert_eq!(res.status(), 202);
        let pushed = r.next_delivery().await;
        assert!(pushed[0].contains("quinta-feira, 3/12") && pushed[0].contains("14:00"), "{pushed:?}");
        let status = format!("/api/cases/{number}/status");
        let res = api.post_json(&status, json!({ "status": "closed" })).await;
        assert_eq!(res.status(), 400, "closing needs an outcome");
        let res = api.post_json(&status, json!({ "status": "closed", "outcome": "referred" })).await;
        assert_eq!(res.status(), 200);
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("closed", Some("referred")));
        // With a session cookie instead of a token, a write needs X-CSRF-Token.
        let b = app.login("system", &pw).await;
        let mut r2 = app.resident("R2", Some("ja"));
        let second = r2.open_case(&app, true, "home_safe").await;
        let claim = format!("/api/cases/{second}/claim");
        assert_eq!(b.api_post_with(&claim, None).await.status(), 403);
        assert_eq!(b.api_post(&claim).await.status(), 200);
    })
    .await;
}

#[tokio::test]
async fn api_errors_are_json_with_a_code_and_the_same_status_while_pages_keep_their_text() {
    let app = TestApp::new().await;
    let pw = app.add_staff("system", "staff", &["consultation"]).await;
    app.add_staff("housing", "staff", &["housing"]).await;
    let (api, housing) = (app.api(&app.api_token("system").await), app.api(&app.api_token("housing").await));
    let mut r = app.resident("R", Some("ja"));
    let number = r.open_case(&app, false, "home_safe").await;
    let case = format!("/api/cases/{number}");

    let got = error_of(reqwest::get(format!("{}/api/cases", app.base_url())).await.unwrap()).await;
    assert_eq!(got, (401, "unauthorized".into(), "sign in required".into()));
    let got = error_of(app.api("not-a-token").get("/api/cases").await).await;
    assert_eq!((got.0, got.1.as_str()), (401, "unauthorized"));
    let got = error_of(housing.get(&case).await).await;
    assert_eq!((got.0, got.1.as_str()), (404, "not_found"), "another queue's case is not shown to exist");
    let got = error_of(api.get("/api/cases/000000-0000").await).await;
    assert_eq!(got, (404, "not_found".into(), "not found".into()));
    let got = error_of(api.get("/api/cases/not-a-number").await).await;
    assert_eq!(got, (404, "not_found".into(), "not found".into()), "a malformed number is an unknown one");
    let got = error_of(api.get("/api/cases?queue=boats").await).await;
    assert_eq!(got, (400, "bad_request".into(), "unknown queue".into()));
    let got = error_of(api.post_json(&format!("{case}/status"), json!({ "status": "closed" })).await).await;
    assert_eq!((got.0, got.1.as_str()), (400, "bad_request"), "closing needs an outcome");
    let notes = format!("{case}/notes");
    let post = || api.request(Method::POST, &notes);
    let not_json = post().header("content-type", "application/json").body("{\"text\": ").send().await.unwrap();
    assert_eq!(error_of(not_json).await.1, "invalid_json");
    let got = error_of(api.post_json(&notes, json!({ "txt": "x" })).await).await;
    assert_eq!((got.0, got.1.as_str()), (422, "invalid_body"));
    let got = error_of(post().body("{\"text\": \"x\"}").send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (415, "unsupported_media_type"));
    let got = error_of(api.request(Method::DELETE, &case).send().await.unwrap()).await;
    assert_eq!((got.0, got.1.as_str()), (405, "method_not_allowed"));
    let got = error_of(api.get("/api/nothing/here").await).await;
    assert_eq!((got.0, got.1.as_str()), (404, "not_found"));
    // A cookie session's write without X-CSRF-Token.
    let b = app.login("system", &pw).await;
    let res = b.api_post_with(&format!("{case}/claim"), None).await;
    assert_eq!(error_of(res).await, (403, "csrf_failed".into(), "CSRF token missing or wrong".into()));
    // The dashboard's pages answer as before: text, not JSON.
    let page = b.get("/staff/cases/000000-0000").await;
    assert_eq!(page.status(), 404);
    assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    assert_eq!(page.text().await.unwrap(), "not found");
    let page = b.get("/staff/cases/not-a-number").await;
    assert_eq!((page.status().as_u16(), page.text().await.unwrap()), (404, "not found".into()));
}

#[tokio::test]
async fn only_the_centre_confirms_an_erasure_and_the_answer_names_only_cases_it_sees() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let admin = app.staff("boss", "admin", &[]).await;
        let coord = app.add_staff("coord", "coordinator", &[]).await;
        let centre = app.add_staff("centre", "staff", &["consultation"]).await;
        // One resident, two cases: a shelter case (closed), then a consultation case.
        let mut r = app.resident("Maria Silva", Some("pt-BR"));
        let shelter = r.open_case(&app, true, "car").await;
        admin.act(&format!("/staff/cases/{shelter}/status"), &[("status", "closed"), ("outcome", "referred")]).await;
        r.say("Oi de novo").await;
        for tap in ["consent_record:yes", "consent_share:yes", "safety:no", "tonight:home_safe", "cmd:person"] {
            r.tap(tap).await;
        }
        let cases = app.store.cases_of(&r.user_id()).await.unwrap();
        assert_eq!(cases.len(), 2);
        let second = cases.iter().find(|c| c.number != shelter).unwrap().number.clone();
        r.say("apagar meus dados").await;
        r.say("sim").await;

        // The coordinator sees the shelter case and its request, but cannot carry it out.
        let b = app.login("coord", &coord).await;
        let page = b.page(&format!("/staff/cases/{shelter}")).await;
        assert!(page.contains("データの削除を求めています") && !page.contains(&format!("/cases/{shelter}/erase")));
        assert_eq!(b.api_post(&format!("/api/cases/{shelter}/erase")).await.status(), 403);
        assert_eq!(b.post(&format!("/staff/cases/{shelter}/erase"), &[]).await.status(), 403);
        assert!(
            app.store.cases_of(&r.user_id()).await.unwrap().iter().all(|c| c.anonymised_at.is_none()),
            "nothing erased"
        );

        // The centre carries it out: every case goes, but it is told only of the one it sees.
        let b = app.login("centre", &centre).await;
        let res = b.api_post(&format!("/api/cases/{second}/erase")).await;
        assert_eq!(res.status(), 200);
        let answer: serde_json::Value = res.json().await.unwrap();
        assert_eq!(answer["anonymised"], json!([second]));
        for n in [&shelter, &second] {
            assert!(app.store.case_by_number(n).await.unwrap().unwrap().anonymised_at.is_some(), "{n}");
        }
    })
    .await;
}
