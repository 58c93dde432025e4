//! The phrasebook from the staff side (issue 14): every phrase fits LINE in every language
//! and validates against LINE's OpenAPI schema; a phrase sent through the API reaches a
//! Vietnamese resident in Vietnamese with the Japanese beside it on the case page; the page's
//! form works without JavaScript (preview page, then 送る); free text to a resident who does
//! not read Japanese needs a confirmation and is marked; staff names only when opted in.

use std::collections::BTreeMap;
use std::process::Command;

use frontdesk::{
    casework::{
        phrases::FilledPhrase,
        questions::{askable, StaffQuestion, MAX_CHOICES},
        sender::{staff_message, MAX_DISPLAY_NAME_CHARS},
    },
    config::{PhrasebookSettings, Place, Settings},
    i18n::{phrasebook::phrases, Lang, Locales},
};
use serde_json::{json, Value};

use crate::{helpers::*, line_reference::openapi::Schemas};

/// The city hall, with its name explained in Vietnamese.
pub fn city_hall() -> Place {
    Place {
        code: "city_hall".into(),
        name: "市役所 本庁舎1階 生活支援課".into(),
        names: BTreeMap::from([("vi".into(), "Tòa thị chính (市役所), tầng 1".into())]),
        address: "〒000-0000 みなと市中央1-1-1".into(),
        map_url: Some("https://maps.example/city-hall".into()),
    }
}

pub fn with_places() -> Settings {
    let mut s = test_settings();
    s.phrasebook.places = vec![city_hall()];
    s
}

/// A sample value for every slot a phrase may have: the longest of the choices, to meet
/// LINE's limits at their tightest.
fn samples() -> BTreeMap<String, String> {
    let every_document = PhrasebookSettings::default().documents.join(",");
    [
        ("date", "2026-12-10"),
        ("new_date", "2026-12-11"),
        ("time", "14:00"),
        ("new_time", "9:30"),
        ("place", "city_hall"),
        ("document", "health_insurance_card"),
        ("documents", every_document.as_str()),
        ("amount", "99999999"),
        ("phone", "0120-000-000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[test]
fn every_phrase_in_every_language_fits_line_and_validates_against_lines_openapi_schema() {
    let locales = Locales::load().unwrap();
    let settings = PhrasebookSettings { places: vec![city_hall()], ..Default::default() };
    let schemas = Schemas::load();
    if let Some(s) = &schemas {
        // Staff messages are text messages: the `Message` discriminator says which schema.
        assert_eq!(s.get("Message")["discriminator"]["mapping"]["text"], "#/components/schemas/TextMessage");
    }
    let longest = "山".repeat(MAX_DISPLAY_NAME_CHARS);
    let mut checked = 0;
    for phrase in phrases() {
        let filled = FilledPhrase::parse(&phrase.id, &samples(), &settings).unwrap();
        for lang in Lang::ALL {
            let text = filled.render(&locales, lang, "261210-0001");
            assert!(text.encode_utf16().count() <= 5000, "{} in {lang:?}: LINE's 5,000 UTF-16 units", phrase.id);
            for display in [None, Some("山田"), Some(longest.as_str())] {
                let icon = Some("https://city.example/staff.png");
                let message = staff_message(&locales, lang, icon, display, &text).unwrap();
                let json = serde_json::to_value(&message).unwrap();
                let name = json["sender"]["name"].as_str().unwrap();
                assert!(name.chars().count() <= 20 && !name.contains("LINE"), "{lang:?}: {name}");
                if let Some(s) = &schemas {
                    let errors = s.check(s.get("TextMessage"), &json, "message");
                    assert!(errors.is_empty(), "{} in {lang:?}: {errors:?}", phrase.id);
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 40 * 4 * 3, "{checked} messages checked");
    // The checker does refuse what LINE refuses.
    if let Some(s) = schemas {
        let long = json!({ "type": "text", "text": "x", "sender": { "name": "a".repeat(21) } });
        assert_eq!(s.check(s.get("TextMessage"), &long, "m").len(), 1, "a sender's name over 20");
        let misspelt = json!({ "type": "text", "text": "x", "sender": { "name": "相談員", "iconURL": "https://x" } });
        assert!(!s.check(s.get("TextMessage"), &misspelt, "m").is_empty(), "an unknown property");
        assert!(!s.check(s.get("TextMessage"), &json!({ "type": "text" }), "m").is_empty(), "text is required");
    }
}

#[test]
fn every_question_in_every_language_with_its_buttons_validates_against_lines_openapi_schema() {
    let locales = Locales::load().unwrap();
    // Six places (the most a question offers), each with the city hall's long name.
    let places: Vec<Place> = (1..=MAX_CHOICES).map(|i| Place { code: format!("place{i}"), ..city_hall() }).collect();
    let settings = PhrasebookSettings { places: places.clone(), ..Default::default() };
    let schemas = Schemas::load();
    let times: Vec<String> = (1..=MAX_CHOICES).map(|d| format!("2026-12-{:02} 14:30", 9 + d)).collect();
    let codes: Vec<String> = places.iter().map(|p| p.code.clone()).collect();
    let mut checked = 0;
    for (phrase, kind) in askable(&locales) {
        let items = match kind {
            "times" => times.clone(),
            "places" => codes.clone(),
            _ => Vec::new(),
        };
        let mut slots = samples();
        slots.insert("place".into(), "place1".into());
        let q = StaffQuestion::compose(&locales, &phrase.id, &slots, kind, &items, &settings).unwrap();
        for lang in Lang::ALL {
            let id = "0123456789abcdef0123456789abcdef";
            let json = serde_json::to_value(q.message(&locales, lang, id, "261210-0001").unwrap()).unwrap();
            let buttons = json["quickReply"]["items"].as_array().expect("answer buttons");
            assert!(buttons.len() >= 2 && buttons.len() <= 13, "{} in {lang:?}", phrase.id);
            for b in buttons {
                let label = b["action"]["label"].as_str().unwrap();
                assert!(!label.is_empty() && label.chars().count() <= 20, "{} in {lang:?}: {label}", phrase.id);
                assert!(b["action"]["data"].as_str().unwrap().len() <= 300);
            }
            assert!(json["text"].as_str().unwrap().encode_utf16().count() <= 5000);
            if let Some(s) = &schemas {
                let errors = s.check(s.get("TextMessage"), &json, "message");
                assert!(errors.is_empty(), "{} ({kind}) in {lang:?}: {errors:?}", phrase.id);
            }
            checked += 1;
        }
    }
    assert!(checked >= 3 * Lang::ALL.len(), "{checked} questions checked");
    // The checker follows an action's type to its own schema: a postback's `data` is known,
    // a misspelt one is not, and a postback without `data` is refused.
    if let Some(s) = schemas {
        let with = |action: Value| {
            let m = json!({ "type": "text", "text": "?", "quickReply": { "items": [{ "type": "action", "action": action }] } });
            s.check(s.get("TextMessage"), &m, "m")
        };
        assert!(with(json!({ "type": "postback", "label": "Yes", "data": "ask:1:yes" })).is_empty());
        let e = with(json!({ "type": "postback", "label": "Yes", "dat": "ask:1:yes" }));
        assert!(!e.is_empty());
    }
}

/// A Vietnamese resident's case, opened by asking for a person.
async fn vietnamese_case(app: &TestApp) -> (Resident, CaseNumber) {
    let mut r = app.resident("Lan", Some("vi"));
    let number = r.open_case(app, false, "home_safe").await;
    (r, number)
}

#[tokio::test]
async fn a_phrase_sent_through_the_api_reaches_a_vietnamese_resident_in_vietnamese_and_staff_read_its_japanese() {
    each_backend(|db| async move {
        let app = TestApp::on(db, with_places()).await;
        let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
        let api = app.api(&app.api_token("tanaka").await);
        let (mut r, number) = vietnamese_case(&app).await;
        let come = json!({
            "template": "pb-appointment-come",
            "slots": { "date": "2026-12-10", "time": "14:00", "place": "city_hall" }
        });

        // The preview sends nothing and says exactly what will be sent.
        let res = api.post_json(&format!("/api/cases/{number}/preview"), come.clone()).await;
        assert_eq!(res.status(), 200);
        let preview: Value = res.json().await.unwrap();
        assert_eq!(preview["lang"], "vi");
        let ja = preview["ja"].as_str().unwrap();
        assert!(ja.starts_with("12月10日（木）の14:00に、市役所 本庁舎1階 生活支援課に来てください。"), "{ja}");

        let res = api.post_json(&format!("/api/cases/{number}/replies"), come).await;
        assert_eq!(res.status(), 202);
        let pushed = r.next_delivery().await;
        assert_eq!(pushed, vec![preview["text"].as_str().unwrap().to_owned()], "the preview is what arrives");
        let text = &pushed[0];
        for part in ["Thứ Năm, ngày 10/12", "14:00", "Tòa thị chính (市役所), tầng 1", "〒000-0000 みなと市中央1-1-1"] {
            assert!(text.contains(part), "{part} in {text}");
        }
        let sent = r.fake.delivered(&r.id).last().unwrap().messages[0].clone();
        assert_eq!(sent["sender"]["name"], "Nhân viên tư vấn", "a counsellor, no name");

        // The case page: the Vietnamese, the Japanese beside it, the phrase in the history.
        let b = app.login("tanaka", &pw).await;
        // (The templates escape `/` as `&#x2f;`.)
        let page = b.page(&format!("/staff/cases/{number}")).await.replace("&#x2f;", "/");
        assert!(page.contains("Thứ Năm, ngày 10/12"), "the resident's words on the page");
        assert!(page.contains("日本語：12月10日（木）の14:00に、市役所"), "the Japanese beside them");
        assert!(page.contains("文例：〈日付〉の〈時刻〉に、〈場所〉に来てください。"), "the history names the phrase");

        // A slot that cannot be read is refused, naming it.
        let bad = json!({ "template": "pb-appointment-come", "slots": { "date": "10/12", "time": "14:00", "place": "city_hall" } });
        let res = api.post_json(&format!("/api/cases/{number}/replies"), bad).await;
        assert_eq!(res.status(), 400);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request");
        assert_eq!(body["error"]["slot"], "date");
        assert_eq!(body["error"]["message"], "日付は YYYY-MM-DD の形で入れてください");
        let unknown = json!({ "template": "pb-appointment-come", "slots": { "date": "2026-12-10", "time": "14:00", "place": "moon" } });
        let body: Value = api.post_json(&format!("/api/cases/{number}/preview"), unknown).await.json().await.unwrap();
        assert_eq!(body["error"]["slot"], "place");
        // A question's words go with their answer buttons, through the questions form.
        let question = json!({ "template": "pb-question-which-time" });
        let (status, _, message) = error_of(api.post_json(&format!("/api/cases/{number}/replies"), question).await).await;
        assert_eq!(status, 400);
        assert!(message.contains("質問"), "{message}");
        // The older canned codes still work.
        let res = api.post_json(&format!("/api/cases/{number}/replies"), json!({ "template": "received" })).await;
        assert_eq!(res.status(), 202);
        r.next_delivery().await;
        assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "nothing else was sent");
    })
    .await;
}

#[tokio::test]
async fn the_phrasebook_lists_its_phrases_slot_kinds_places_and_documents_for_the_citys_system() {
    let app = TestApp::with_settings(with_places()).await;
    app.add_staff("system", "staff", &["consultation"]).await;
    let api = app.api(&app.api_token("system").await);
    let book = api.get_json("/api/phrasebook").await;
    let list = book["phrases"].as_array().unwrap();
    assert!(list.len() >= 40, "{} phrases", list.len());
    let come = list.iter().find(|p| p["id"] == "pb-appointment-come").unwrap();
    assert_eq!(come["group"], "appointment");
    assert_eq!(come["group_label"], "来所・訪問の約束");
    let kinds: Vec<&str> = come["slots"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["date", "time", "place", "case_number"]);
    assert!(come["ja"].as_str().unwrap().starts_with("〈日付〉の〈時刻〉に、〈場所〉に来てください。"));
    assert!(list.iter().all(|p| p["group"] != "question"), "questions go with their buttons, elsewhere");
    assert_eq!(book["places"][0]["code"], "city_hall");
    assert_eq!(book["places"][0]["names"]["vi"], "Tòa thị chính (市役所), tầng 1");
    assert!(book["documents"].as_array().unwrap().contains(&json!({ "code": "residence_card", "name": "在留カード" })));
    let groups: Vec<&str> = book["groups"].as_array().unwrap().iter().map(|g| g["code"].as_str().unwrap()).collect();
    assert_eq!(groups[0], "first");
    assert_eq!(error_of(app.api("no-token").get("/api/phrasebook").await).await.0, 401);
}

#[tokio::test]
async fn without_javascript_the_phrase_form_shows_a_preview_page_whose_button_sends_it() {
    let app = TestApp::with_settings(with_places()).await;
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let (mut r, number) = vietnamese_case(&app).await;
    let b = app.login("tanaka", &pw).await;
    let page = b.page(&format!("/staff/cases/{number}")).await;
    assert!(page.contains("<legend>持ってくる書類</legend>"), "grouped by situation");
    assert!(page.contains("type=\"date\" name=\"date\"") && page.contains("<option value=\"city_hall\">"));
    // A form without script sends every slot's input; the phrase takes the ones it uses.
    let fields = [
        ("template", "pb-documents-bring-list"),
        ("date", ""),
        ("time", ""),
        ("place", "city_hall"),
        ("documents", "residence_card"),
        ("documents", "bank_book"),
        ("amount", ""),
    ];
    let res = b.post(&format!("/staff/cases/{number}/preview"), &fields).await;
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    assert!(preview.contains("日本語の意味") && preview.contains("次のものを持ってきてください：在留カード、預金通帳"));
    assert!(!preview.contains("name=\"date\""), "empty inputs are not carried on");
    assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "nothing sent by a preview");
    // 送る on the preview page posts its hidden fields.
    let mut hidden: Vec<(String, String)> = Vec::new();
    for part in preview.split("<input type=\"hidden\" name=\"").skip(1) {
        let name = part.split('"').next().unwrap().to_owned();
        let value = part.split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        if name != "csrf" {
            hidden.push((name, value));
        }
    }
    let hidden: Vec<(&str, &str)> = hidden.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.act(&format!("/staff/cases/{number}/phrase"), &hidden).await;
    let pushed = r.next_delivery().await;
    let expected = preview.split("id=\"preview-text\">").nth(1).unwrap().split("</div>").next().unwrap();
    assert_eq!(pushed, vec![expected.to_owned()], "the page showed what was sent");
    // A missing slot is refused with its Japanese words.
    let res =
        b.post(&format!("/staff/cases/{number}/preview"), &[("template", "pb-first-call-at"), ("time", "10:00")]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("日付を入れてください"));
}

#[tokio::test]
async fn free_text_to_a_portuguese_resident_needs_the_confirmation_and_is_marked_untranslated() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
        let api = app.api(&app.api_token("tanaka").await);
        let mut r = app.resident("Ana", Some("pt-BR"));
        let number = r.open_case(&app, false, "home_safe").await;
        let b = app.login("tanaka", &pw).await;
        let reply = format!("/staff/cases/{number}/reply");
        let page = b.page(&format!("/staff/cases/{number}")).await;
        assert!(page.contains("翻訳されずにそのまま届くことを確認しました"), "the page asks");

        let res = b.post(&reply, &[("text", "Olá, Ana. Amanhã às 10h?")]).await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("翻訳されずにそのまま届きます"));
        let res = api.post_json(&format!("/api/cases/{number}/replies"), json!({ "text": "Olá" })).await;
        let (status, code, message) = error_of(res).await;
        assert_eq!((status, code.as_str()), (400, "bad_request"));
        assert!(message.contains("翻訳されずにそのまま届きます"), "{message}");
        assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "nothing was sent");

        b.act(&reply, &[("text", "Olá, Ana. Amanhã às 10h?"), ("untranslated", "true")]).await;
        assert_eq!(r.next_delivery().await, vec!["Olá, Ana. Amanhã às 10h?".to_owned()]);
        let res = api
            .post_json(&format!("/api/cases/{number}/replies"), json!({ "text": "Obrigado", "untranslated": true }))
            .await;
        assert_eq!(res.status(), 202);
        r.next_delivery().await;
        let page = b.page(&format!("/staff/cases/{number}")).await;
        assert_eq!(page.matches("翻訳なしで送信（入力したまま届きました）").count(), 2, "each line is marked");
        assert!(page.contains("自由入力・翻訳なしで送信"), "and the history says so");

        // A resident reading Japanese: no confirmation, no mark.
        let mut ja = app.resident("Sato", Some("ja"));
        let second = ja.open_case(&app, false, "home_safe").await;
        let page = b.page(&format!("/staff/cases/{second}")).await;
        assert!(!page.contains("翻訳されずにそのまま届くことを確認しました"));
        b.act(&format!("/staff/cases/{second}/reply"), &[("text", "明日10時にお電話します。")]).await;
        ja.next_delivery().await;
        assert!(!b.page(&format!("/staff/cases/{second}")).await.contains("翻訳なしで送信"));
    })
    .await;
}

/// `frontdesk staff display-name …` on the app's database.
fn display_name(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["staff", "display-name"])
        .args(args)
        .env("DATABASE_URL", app.db.url())
        .env_remove("FRONTDESK_CONFIG")
        .output()
        .unwrap()
}

#[tokio::test]
async fn residents_see_a_staff_members_name_only_after_the_account_opts_in() {
    let app = TestApp::with_settings(with_places()).await;
    app.add_staff("tanaka", "staff", &["consultation"]).await;
    let api = app.api(&app.api_token("tanaka").await);
    let mut r = app.resident("Sato", Some("ja"));
    let number = r.open_case(&app, false, "home_safe").await;
    let wait = json!({ "template": "pb-first-wait" });
    let sender = |r: &Resident| r.fake.delivered(&r.id).last().unwrap().messages[0]["sender"].clone();

    assert_eq!(api.post_json(&format!("/api/cases/{number}/replies"), wait.clone()).await.status(), 202);
    r.next_delivery().await;
    assert_eq!(sender(&r), json!({ "name": "相談員" }), "by default the role only");

    let refused = display_name(&app, &["tanaka", "LINE担当"]);
    assert!(!refused.status.success(), "LINE refuses the word in a sender's name");
    let out = display_name(&app, &["tanaka", "田中"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("ja\t相談員 田中") && shown.contains("pt-BR\tAtendente 田中"), "{shown}");
    let audit = app.store.audit_log(None, 10).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "staff_display_name" && a.detail.contains("田中")), "audited");

    assert_eq!(api.post_json(&format!("/api/cases/{number}/replies"), wait.clone()).await.status(), 202);
    r.next_delivery().await;
    assert_eq!(sender(&r), json!({ "name": "相談員 田中" }));
    let question = json!({
        "template": "pb-appointment-can-you-come",
        "slots": { "date": "2026-12-10", "time": "14:00", "place": "city_hall" },
        "choices": { "kind": "yes_no" }
    });
    assert_eq!(api.post_json(&format!("/api/cases/{number}/questions"), question).await.status(), 201);
    r.next_delivery().await;
    assert_eq!(sender(&r), json!({ "name": "相談員 田中" }), "a question is from the same person");
    let admin_pw = app.add_staff("admin", "admin", &[]).await;
    let accounts = app.login("admin", &admin_pw).await.page("/staff/admin").await;
    assert!(accounts.contains("<td>相談員 田中</td>") && accounts.contains("<td>相談員（名前なし）</td>"));

    assert!(display_name(&app, &["tanaka", "--clear"]).status.success());
    assert_eq!(api.post_json(&format!("/api/cases/{number}/replies"), wait).await.status(), 202);
    r.next_delivery().await;
    assert_eq!(sender(&r), json!({ "name": "相談員" }), "opted out again");
}
