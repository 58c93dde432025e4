//! The preview of a question before it is asked (issue 14): what the API and the case page's
//! form preview is what the fake LINE platform then receives, text and buttons; a refused
//! slot is named in Japanese; without JavaScript 確認する opens a page whose 送る asks it.

use serde_json::{json, Value};

use crate::{
    helpers::*,
    questions::{asked_case, last_push, settings},
};

fn two_times() -> Value {
    json!({
        "template": "pb-question-which-time",
        "choices": { "kind": "times", "items": ["2026-12-10 14:00", "2026-12-11 9:30"] }
    })
}

#[tokio::test]
async fn the_preview_of_a_question_is_what_a_portuguese_resident_receives_text_and_buttons() {
    let app = TestApp::with_settings(settings()).await;
    let (api, mut r, number) = asked_case(&app, "pt-BR").await;
    let res = api.post_json(&format!("/api/cases/{number}/questions/preview"), two_times()).await;
    assert_eq!(res.status(), 200);
    let preview: Value = res.json().await.unwrap();
    assert_eq!(preview["lang"], "pt-BR");
    assert_eq!(preview["buttons_ja"], json!(["12月10日（木）14:00", "12月11日（金）9:30", "どれも無理"]));
    assert!(preview["ja"].as_str().unwrap().ends_with("［12月10日（木）14:00／12月11日（金）9:30／どれも無理］"));
    // The case page's script asks the same of the dashboard, with the form's fields.
    let b = app.login("tanaka", "tanaka-password-long-enough").await;
    let form = [
        ("template", "pb-question-which-time"),
        ("date_1", "2026-12-10"),
        ("time_1", "14:00"),
        ("date_2", "2026-12-11"),
        ("time_2", "09:30"),
    ];
    let res = b.post_for_json(&format!("/staff/cases/{number}/questions/preview"), &form).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap(), preview, "the form and the API preview alike");
    assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "a preview sends nothing");

    let asked = api.post_json(&format!("/api/cases/{number}/questions"), two_times()).await;
    assert_eq!(asked.status(), 201);
    let pushed = r.next_delivery().await;
    let (_, offered) = last_push(&r);
    assert_eq!(pushed, [preview["text"].as_str().unwrap()], "the previewed text is what arrives");
    let labels: Vec<&str> = offered.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(json!(labels), preview["buttons"], "the previewed buttons are the ones that arrive");
    assert!(labels[0].contains("10/12"), "{labels:?}: in Portuguese");
}

#[tokio::test]
async fn a_refused_slot_is_named_in_japanese_and_nothing_is_sent() {
    let app = TestApp::with_settings(settings()).await;
    let (api, r, number) = asked_case(&app, "vi").await;
    let b = app.login("tanaka", "tanaka-password-long-enough").await;
    let path = format!("/staff/cases/{number}/questions/preview");
    let form = [("template", "pb-appointment-can-you-come"), ("slot_date", "10 December"), ("slot_time", "14:00")];
    let res = b.post_for_json(&path, &form).await;
    assert_eq!(res.status(), 400);
    let refused: Value = res.json().await.unwrap();
    assert_eq!(refused["slot"], "date");
    assert_eq!(refused["slot_ja"], "日付");
    assert_eq!(refused["error"], "日付は YYYY-MM-DD の形で入れてください");
    // The API names the slot too, in its own error format.
    let body = json!({
        "template": "pb-appointment-can-you-come",
        "slots": { "date": "2026-12-10", "time": "14:00" },
        "choices": { "kind": "yes_no" }
    });
    let res = api.post_json(&format!("/api/cases/{number}/questions/preview"), body).await;
    assert_eq!(res.status(), 400);
    let error: Value = res.json().await.unwrap();
    assert_eq!(error["error"]["slot"], "place", "{error}");
    assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "nothing sent");
}

#[tokio::test]
async fn without_javascript_the_question_form_shows_a_preview_page_whose_button_asks_it() {
    let app = TestApp::with_settings(settings()).await;
    let (api, mut r, number) = asked_case(&app, "pt-BR").await;
    let b = app.login("tanaka", "tanaka-password-long-enough").await;
    // Without JavaScript every input is posted, the empty ones too.
    let form = [
        ("template", "pb-question-which-place"),
        ("slot_date", ""),
        ("date_1", ""),
        ("time_1", ""),
        ("place", "city_hall"),
        ("place", "council"),
    ];
    let res = b.post(&format!("/staff/cases/{number}/questions/preview"), &form).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("この質問を送ります") && page.contains("2. 社会福祉協議会 (pt)"), "{page}");
    assert!(page.contains("<span class=\"button\">1</span>"), "the buttons are shown");
    assert!(page.contains("action=\"/staff/cases/") && page.contains("/questions\""), "送る asks it");
    assert_eq!(app.fake.delivered(&r.id).len(), r.seen, "nothing sent by a preview");
    // 送る on the page posts its hidden fields.
    let mut hidden: Vec<(String, String)> = Vec::new();
    for part in page.split("<input type=\"hidden\" name=\"").skip(1) {
        let (name, rest) = part.split_once('"').unwrap();
        let value = rest.split("value=\"").nth(1).unwrap().split('"').next().unwrap();
        if name != "csrf" {
            hidden.push((name.to_owned(), value.to_owned()));
        }
    }
    let fields: Vec<(&str, &str)> = hidden.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    b.act(&format!("/staff/cases/{number}/questions"), &fields).await;
    let pushed = r.next_delivery().await;
    let expected = page.split("id=\"preview-text\">").nth(1).unwrap().split("</div>").next().unwrap();
    assert_eq!(pushed, [expected.to_owned()], "the page showed what was sent");
    let q = &api.get_json(&format!("/api/cases/{number}")).await["questions"][0];
    assert_eq!(q["state"], "open");
}
