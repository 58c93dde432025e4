//! Structured questions (issue 14) through the real webhook: staff ask (the JSON API or the
//! case page's form), the fake LINE platform receives the push with its buttons in the
//! resident's language, the resident taps (a signed postback event) or types, and staff
//! see the answer as a code in the API and in Japanese on the case page.

use std::{
    collections::BTreeMap,
    sync::{atomic::AtomicI64, Arc},
    time::Duration,
};

use frontdesk::{
    casework::phrases::FilledPhrase,
    clock::now_ms,
    config::{Place, Settings},
    i18n::{Lang, Locales},
};
use serde_json::{json, Value};

use crate::helpers::*;

pub(crate) fn settings() -> Settings {
    let mut s = test_settings();
    let place = |code: &str, name: &str| Place {
        code: code.into(),
        name: name.into(),
        names: BTreeMap::from([("pt-BR".into(), format!("{name} (pt)")), ("vi".into(), format!("{name} (vi)"))]),
        address: "〒000-0000 みなと市中央1-1-1".into(),
        map_url: None,
    };
    s.phrasebook.places = vec![place("city_hall", "市役所 生活支援課"), place("council", "社会福祉協議会")];
    s
}

/// A yes/no question about an appointment.
fn can_you_come() -> Value {
    json!({
        "template": "pb-appointment-can-you-come",
        "slots": { "date": "2026-12-10", "time": "14:00", "place": "city_hall" },
        "choices": { "kind": "yes_no" }
    })
}

/// A staff member with an API token, and a resident of `lang` with a case open.
pub(crate) async fn asked_case(app: &TestApp, lang: &str) -> (Api, Resident, CaseNumber) {
    app.add_staff("tanaka", "staff", &["consultation"]).await;
    let api = app.api(&app.api_token("tanaka").await);
    if lang != "ja-simple" {
        let mut r = app.resident(&format!("R-{lang}"), Some(lang));
        let number = r.open_case(app, false, "home_safe").await;
        return (api, r, number);
    }
    // No LINE profile says plain Japanese: a Japanese reader chooses it at the first message.
    let mut r = app.resident("R-ja-simple", Some("ja"));
    let taps =
        ["lang:ja-simple", "consent_record:yes", "consent_share:no", "safety:no", "tonight:home_safe", "cmd:person"];
    r.follow_and_tap(&taps).await;
    let case = app.store.cases_of(&r.user_id()).await.unwrap().remove(0);
    assert_eq!(case.lang.as_deref(), Some("ja-simple"));
    (api, r, case.number)
}

/// Asks `body` on `number`; returns the question as the API answered it (201).
async fn ask(api: &Api, number: &CaseNumber, body: Value) -> Value {
    let res = api.post_json(&format!("/api/cases/{number}/questions"), body).await;
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

async fn questions(api: &Api, number: &CaseNumber) -> Vec<Value> {
    api.get_json(&format!("/api/cases/{number}")).await["questions"].as_array().unwrap().clone()
}

/// The last delivery's messages, and its buttons.
pub(crate) fn last_push(r: &Resident) -> (Value, Vec<(String, String)>) {
    let messages = r.fake.delivered(&r.id).last().unwrap().messages.clone();
    let b = buttons(&messages);
    (messages[0].clone(), b)
}

/// Sends a postback the resident did not necessarily see (another case's button, an old
/// one); returns the bot's answer.
async fn tap_anyway(r: &mut Resident, data: &str) -> Vec<String> {
    let event = r.fake.postback_event(&r.id, data);
    texts(&r.send(event).await)
}

#[tokio::test]
async fn a_question_goes_round_the_real_webhook_in_each_language() {
    let locales = Locales::load().unwrap();
    for lang in Lang::ALL {
        let tag = lang.tag();
        let app = TestApp::with_settings(settings()).await;
        let (api, mut r, number) = asked_case(&app, tag).await;
        let q = ask(&api, &number, can_you_come()).await;
        assert_eq!((q["state"].as_str(), q["kind"].as_str()), (Some("open"), Some("yes_no")), "{tag}");
        let id = q["id"].as_str().unwrap().to_owned();

        let pushed = r.next_delivery().await;
        let (message, offered) = last_push(&r);
        let slots = BTreeMap::from([
            ("date".to_owned(), "2026-12-10".to_owned()),
            ("time".to_owned(), "14:00".to_owned()),
            ("place".to_owned(), "city_hall".to_owned()),
        ]);
        let phrase = FilledPhrase::parse("pb-appointment-can-you-come", &slots, &settings().phrasebook).unwrap();
        assert_eq!(pushed[0], phrase.render(&locales, lang, number.as_str()), "{tag}: in their language");
        assert_eq!(message["sender"]["name"], locales.text(lang, "sender-staff", None), "{tag}: a person asks");
        let labels: Vec<&str> = offered.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, [locales.text(lang, "opt-yes", None), locales.text(lang, "opt-no", None)], "{tag}");
        assert!(labels.iter().all(|l| l.chars().count() <= 20));
        assert_eq!(offered[0].1, format!("ask:{id}:yes"));

        let thanks = texts(&r.tap(&format!("ask:{id}:yes")).await);
        assert_eq!(thanks, [locales.text(lang, "ask-thanks", None)], "{tag}");
        let seen = &questions(&api, &number).await[0];
        assert_eq!((seen["answer"].as_str(), seen["answered_via"].as_str()), (Some("yes"), Some("tap")), "{tag}");
        assert_eq!(seen["state"], "answered");
        assert_eq!(seen["answer_ja"], "はい");

        let b = app.login("tanaka", "tanaka-password-long-enough").await;
        let page = b.page(&format!("/staff/cases/{number}")).await;
        assert!(
            page.contains("回答：はい — 12月10日（木）の14:00に、市役所 生活支援課に来ることができますか。"),
            "{tag}"
        );
        assert!(page.contains("質問への回答：はい"), "{tag}: the tap reads as its meaning");
    }
}

#[tokio::test]
async fn a_choice_of_times_or_places_is_answered_by_its_number_and_shown_in_japanese() {
    let app = TestApp::with_settings(settings()).await;
    let (api, mut r, number) = asked_case(&app, "vi").await;
    let times = json!({
        "template": "pb-question-which-time",
        "choices": { "kind": "times", "items": ["2026-12-10 14:00", "2026-12-11 9:30"] }
    });
    let id = ask(&api, &number, times).await["id"].as_str().unwrap().to_owned();
    r.next_delivery().await;
    let (_, offered) = last_push(&r);
    assert_eq!(offered.len(), 3, "two times and none of these: {offered:?}");
    assert!(offered.iter().all(|(l, _)| l.chars().count() <= 20), "{offered:?}");
    r.tap(&format!("ask:{id}:2")).await;
    let seen = &questions(&api, &number).await[0];
    assert_eq!((seen["answer"].as_str(), seen["answer_ja"].as_str()), (Some("2"), Some("12月11日（金）9:30")));

    // A place, asked on the case page's form (no JavaScript).
    let b = app.login("tanaka", "tanaka-password-long-enough").await;
    let form = [("template", "pb-question-which-place"), ("place", "city_hall"), ("place", "council")];
    b.act(&format!("/staff/cases/{number}/questions"), &form).await;
    let pushed = r.next_delivery().await;
    assert!(pushed[0].contains("2. 社会福祉協議会 (vi)"), "{pushed:?}");
    let (_, offered) = last_push(&r);
    r.tap(&offered[1].1).await;
    let page = b.page(&format!("/staff/cases/{number}")).await;
    assert!(page.contains("回答：社会福祉協議会"), "the place's name in Japanese");
    assert!(page.contains("質問の文例"), "the form is on the page");
}

#[tokio::test]
async fn typed_answers_in_portuguese_and_vietnamese_are_recorded_and_still_relayed() {
    for (tag, typed) in [("pt-BR", "sim"), ("vi", "có")] {
        let app = TestApp::with_settings(settings()).await;
        let (api, mut r, number) = asked_case(&app, tag).await;
        ask(&api, &number, can_you_come()).await;
        r.next_delivery().await;
        assert_eq!(r.fake.send_events(vec![r.fake.text_event(&r.id, typed)]).await.unwrap().status, 200);
        app.settled(&[&r.id]).await;
        let seen = &questions(&api, &number).await[0];
        assert_eq!((seen["answer"].as_str(), seen["answered_via"].as_str()), (Some("yes"), Some("typed")), "{tag}");
        let transcript = api.get_json(&format!("/api/cases/{number}")).await["transcript"].clone();
        let relayed = transcript.as_array().unwrap().iter().any(|l| l["direction"] == "in" && l["body"] == typed);
        assert!(relayed, "{tag}: the words reach staff as written");
    }
    // Words that answer nothing are only relayed.
    let app = TestApp::with_settings(settings()).await;
    let (api, mut r, number) = asked_case(&app, "pt-BR").await;
    ask(&api, &number, can_you_come()).await;
    r.next_delivery().await;
    r.fake.send_events(vec![r.fake.text_event(&r.id, "talvez amanhã")]).await.unwrap();
    app.settled(&[&r.id]).await;
    assert_eq!(questions(&api, &number).await[0]["state"], "open");
}

#[tokio::test]
async fn a_second_tap_changes_nothing_and_a_different_one_is_told_the_first_answer_stands() {
    each_backend(|db| async move {
        let locales = Locales::load().unwrap();
        let app = TestApp::on(db, settings()).await;
        let (api, mut r, number) = asked_case(&app, "pt-BR").await;
        let id = ask(&api, &number, can_you_come()).await["id"].as_str().unwrap().to_owned();
        r.next_delivery().await;
        r.tap(&format!("ask:{id}:yes")).await;
        let first = questions(&api, &number).await[0].clone();
        let again = tap_anyway(&mut r, &format!("ask:{id}:yes")).await;
        assert_eq!(again, [locales.text(Lang::PT_BR, "ask-thanks", None)], "the same kind answer");
        let other = tap_anyway(&mut r, &format!("ask:{id}:no")).await;
        assert_eq!(other, [locales.text(Lang::PT_BR, "ask-already-answered", None)]);
        let now = questions(&api, &number).await[0].clone();
        assert_eq!((&now["answer"], &now["answered_at"]), (&first["answer"], &first["answered_at"]));
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        let answers = app.store.case_actions(&c.id).await.unwrap().into_iter().filter(|a| a.kind == "answer").count();
        assert_eq!(answers, 1, "one history line for one answer");
    })
    .await;
}

#[tokio::test]
async fn an_expired_or_superseded_question_is_met_gently_and_records_nothing() {
    each_backend(|db| async move {
        let locales = Locales::load().unwrap();
        let app = TestApp::on(db, settings()).await;
        let (api, mut r, number) = asked_case(&app, "vi").await;
        let old = ask(&api, &number, can_you_come()).await["id"].as_str().unwrap().to_owned();
        r.next_delivery().await;
        let newer = ask(
            &api,
            &number,
            json!({
                "template": "pb-first-good-time", "choices": { "kind": "yes_no" }
            }),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        r.next_delivery().await;
        let told = tap_anyway(&mut r, &format!("ask:{old}:yes")).await;
        assert_eq!(told, [locales.text(Lang::VI, "ask-not-open", None)]);
        let qs = questions(&api, &number).await;
        assert_eq!((qs[0]["state"].as_str(), qs[0]["state_ja"].as_str()), (Some("cancelled"), Some("取り消し")));
        assert!(qs[0]["answer"].is_null());
        assert!(qs[1]["state_ja"].as_str().unwrap().starts_with("回答待ち（期限 "), "{}", qs[1]["state_ja"]);

        // 73 hours on (the default question_hours is 72), by the inbox's clock.
        app.clock.set(Arc::new(AtomicI64::new(now_ms() + 73 * 3_600_000)));
        let told = tap_anyway(&mut r, &format!("ask:{newer}:no")).await;
        assert_eq!(told, [locales.text(Lang::VI, "ask-not-open", None)]);
        assert!(questions(&api, &number).await[1]["answer"].is_null());
    })
    .await;
}

#[tokio::test]
async fn a_tap_on_another_cases_question_or_after_the_case_closed_is_refused_gently() {
    let locales = Locales::load().unwrap();
    let app = TestApp::with_settings(settings()).await;
    let (api, mut r, number) = asked_case(&app, "pt-BR").await;
    let id = ask(&api, &number, can_you_come()).await["id"].as_str().unwrap().to_owned();
    r.next_delivery().await;
    let mut other = app.resident("Other", Some("vi"));
    let theirs = other.open_case(&app, false, "home_safe").await;
    let told = tap_anyway(&mut other, &format!("ask:{id}:yes")).await;
    assert_eq!(told, [locales.text(Lang::VI, "ask-not-open", None)]);
    assert!(questions(&api, &number).await[0]["answer"].is_null(), "not recorded");
    let b = app.login("tanaka", "tanaka-password-long-enough").await;
    let page = b.page(&format!("/staff/cases/{theirs}")).await;
    assert!(page.contains("この相談の質問ではないボタン"), "their case page says what the tap was");

    let res = api
        .post_json(&format!("/api/cases/{number}/status"), json!({"status": "closed", "outcome": "supported"}))
        .await;
    assert_eq!(res.status(), 200);
    let told = tap_anyway(&mut r, &format!("ask:{id}:yes")).await;
    assert_eq!(told, [locales.text(Lang::PT_BR, "ask-case-closed", None)]);
    let q = &questions(&api, &number).await[0];
    assert_eq!((q["state"].as_str(), q["answer"].is_null()), (Some("cancelled"), true));
}

#[tokio::test]
async fn a_question_that_cannot_be_asked_is_refused_with_the_apis_json_error() {
    let app = TestApp::with_settings(settings()).await;
    let (api, _r, number) = asked_case(&app, "vi").await;
    let path = format!("/api/cases/{number}/questions");
    let not_a_question = json!({ "template": "pb-appointment-come", "choices": { "kind": "yes_no" } });
    let got = error_of(api.post_json(&path, not_a_question).await).await;
    assert_eq!((got.0, got.2.as_str()), (400, "この文例は質問に使えません"));
    let one_time = json!({
        "template": "pb-question-which-time", "choices": { "kind": "times", "items": ["2026-12-10 14:00"] }
    });
    let got = error_of(api.post_json(&path, one_time).await).await;
    assert_eq!((got.0, got.2.as_str()), (400, "選択肢は2つから6つまでです"));
    let unknown_place = json!({
        "template": "pb-question-which-place", "choices": { "kind": "places", "items": ["city_hall", "moon"] }
    });
    assert_eq!(error_of(api.post_json(&path, unknown_place).await).await.0, 400);
    assert!(questions(&api, &number).await.is_empty(), "nothing was stored or sent");
}

#[tokio::test]
async fn an_erasure_blanks_what_the_questions_named_and_the_answers() {
    each_backend(|db| async move {
        let app = TestApp::on(db, settings()).await;
        let (api, mut r, number) = asked_case(&app, "pt-BR").await;
        let id = ask(&api, &number, can_you_come()).await["id"].as_str().unwrap().to_owned();
        r.next_delivery().await;
        r.tap(&format!("ask:{id}:yes")).await;
        r.say("apagar meus dados").await;
        r.say("sim").await;
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        wait_until(Duration::from_secs(10), "the erasure request", || async {
            app.store.case_by_number(&number).await.unwrap().unwrap().erase_requested_at.is_some()
        })
        .await;
        let res = api.request(reqwest::Method::POST, &format!("/api/cases/{number}/erase")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let stored = app.store.case_questions(&c.id).await.unwrap();
        assert_eq!(stored.len(), 1);
        let q = &stored[0];
        assert_eq!((&q.slots, &q.items, &q.answer), (&None, &None, &None), "nothing of the question is left");
        assert_eq!(
            (q.phrase.as_str(), q.choices.as_str(), q.answered_via.as_deref()),
            ("pb-appointment-can-you-come", "yes_no", Some("tap"))
        );
        assert!(app.store.question(&id).await.unwrap().is_none(), "an erased case's question answers no tap");
    })
    .await;
}

#[tokio::test]
async fn purging_an_old_closed_case_blanks_its_questions_too() {
    each_backend(|db| async move {
        let app = TestApp::on(db, settings()).await;
        let (api, mut r, number) = asked_case(&app, "vi").await;
        ask(&api, &number, can_you_come()).await;
        r.next_delivery().await;
        let closing = json!({ "status": "closed", "outcome": "supported" });
        assert_eq!(api.post_json(&format!("/api/cases/{number}/status"), closing).await.status(), 200);
        let now = now_ms() + 1_000;
        assert_eq!(app.store.purge(now, 0, 0, now).await.unwrap().cases, 1);
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        let q = &app.store.case_questions(&c.id).await.unwrap()[0];
        assert_eq!((&q.slots, &q.items, &q.answer), (&None, &None, &None));
    })
    .await;
}
