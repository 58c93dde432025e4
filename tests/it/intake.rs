//! The intake conversation through the real webhook and the fake LINE platform, in each
//! language, ending in a stored case.

use std::time::Duration;

use frontdesk::{
    i18n::{Lang, Locales},
    line::fake::{Endpoint, Failure},
    store::NewOutbox,
};
use serde_json::Value;

use crate::helpers::*;

fn joined(messages: &[Value]) -> String {
    texts(messages).join("\n")
}

/// The words of the description: three languages and an emoji.
const WORDS: &str = "家賃を3か月払っていません。Não tenho fiador. Tôi cần giúp đỡ. 🤨";

/// A whole intake in `lang`, typed answers among the buttons; returns the resident and the
/// answer to "send".
async fn converse(app: &TestApp, lang: Lang, profile: Option<&str>, words: [&str; 3]) -> (Resident, Vec<Value>) {
    let locales = Locales::load().unwrap();
    let t = |id: &str| locales.text(lang, id, None);
    let fake = &app.fake;
    let mut r = app.resident("Resident", profile);
    let first = r.send(fake.follow_event(&r.id)).await;
    if lang == Lang::JA_SIMPLE {
        // Japanese profile: plain Japanese is offered in the first message.
        r.tap("lang:ja-simple").await;
    } else {
        assert!(joined(&first).contains(&t("q-consent-record")), "{lang:?}: {}", joined(&first));
    }
    let [yes, no, car] = words;
    r.say(yes).await; // consent to record, typed in the resident's language
    r.say(no).await; // no sharing with partners
    r.tap("safety:no").await;
    let topics = r.say(car).await;
    assert!(joined(&topics).contains(&t("q-topics")), "{lang:?}: typed '{car}' answered 'tonight'");
    r.tap("topics:housing").await;
    r.tap("topics:shelter").await;
    r.tap("topics:done").await;
    r.tap("household:with_others").await;
    r.say("2").await;
    r.tap("children:1").await;
    r.tap("vulnerable:elderly").await;
    r.tap("vulnerable:done").await;
    r.send(fake.location_event(&r.id, 35.18, 136.9, "1-2-3 Chuo")).await;
    r.send(fake.image_event(&r.id)).await;
    r.say(WORDS).await;
    r.tap("description:next").await;
    r.tap("contact:phone").await;
    let bad = r.say("12345").await;
    assert!(joined(&bad).contains("090-1234-5678"), "an example is given");
    r.say("＋８１ ９０－１２３４－５６７８").await;
    r.tap("contact_time:morning").await;
    r.tap("interpreter:yes").await;
    let summary = r.tap("window:city_hall").await;
    assert!(joined(&summary).contains(&t("summary-title")));
    let sent = r.tap("summary:send").await;
    (r, sent)
}

async fn run_intake(app: &TestApp, lang: Lang, profile: Option<&str>, words: [&str; 3]) {
    let (mut r, sent) = converse(app, lang, profile, words).await;
    let cases = app.store.cases_of(&r.user_id()).await.unwrap();
    assert_eq!(cases.len(), 1, "{lang:?}");
    let c = &cases[0];
    assert!(joined(&sent).contains(c.number.as_str()), "the resident is told the case number");
    assert_eq!(c.lang.as_deref(), Some(lang.tag()));
    assert_eq!(c.display_name.as_deref(), Some("Resident"));
    assert_eq!((c.submitted, c.opened_reason.as_str(), c.status.as_str()), (true, "submitted", "new"));
    assert_eq!((c.consent_record, c.consent_share), (Some(true), Some(false)));
    assert!(!c.emergency);
    assert_eq!(c.crisis, None);
    assert_eq!(c.tonight.as_deref(), Some("car"));
    assert_eq!(c.topics, "housing,shelter");
    assert_eq!((c.household.as_deref(), c.adults, c.children), (Some("with_others"), Some(2), Some(1)));
    assert_eq!(c.vulnerable.as_deref(), Some("elderly"));
    assert_eq!((c.area.as_deref(), c.latitude, c.longitude), (None, Some(35.18), Some(136.9)));
    assert_eq!(c.address.as_deref(), Some("1-2-3 Chuo"));
    assert_eq!(c.description.as_deref(), Some(WORDS), "the resident's own words, whole");
    assert_eq!(c.contact_method.as_deref(), Some("phone"));
    assert_eq!(c.phone.as_deref(), Some("09012345678"));
    assert_eq!(c.contact_time.as_deref(), Some("morning"));
    assert_eq!(c.interpreter, Some(true));
    assert_eq!(c.preferred_window.as_deref(), Some("city_hall"));
    assert!(c.submitted_at.is_some());
    // Routed: sleeping in a car is urgent, but without consent to share it stays with the
    // consultation centre; an interpreter was asked for, but the multicultural centre is a
    // partner organisation (the default), so the centre arranges it.
    assert_eq!((c.queue.as_str(), c.priority.as_str(), c.partner_visible), ("consultation", "urgent", false));
    assert_eq!(c.flags, "");
    // Due within four office hours (the wall clock's: any day of the week).
    let due = frontdesk::hours::OfficeHours::default().after_open_minutes(c.created_at, 4 * 60).unwrap();
    assert!(c.sla_deadline.is_some_and(|d| d > c.created_at && d <= due), "{:?}", c.sla_deadline);
    let attachments = app.store.case_attachments(&c.id).await.unwrap();
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].1, "image");
    let transcript = app.store.transcript_of(&r.user_id()).await.unwrap();
    assert!(
        transcript.iter().all(|l| l.case_id.as_deref() == Some(c.id.as_str())),
        "the whole transcript joins the case"
    );
    assert!(transcript.iter().any(|l| l.direction == "in" && l.body.as_deref() == Some(WORDS)));
    assert!(transcript.iter().filter(|l| l.direction == "out").count() >= 20);
    assert!(transcript.iter().filter(|l| l.direction == "out").all(|l| l.outbox_id.is_some()));

    // Writing again goes to the open case, not to a new intake.
    let again = r.say("もうひとつ / mais uma coisa / thêm một điều").await;
    assert!(joined(&again).contains(c.number.as_str()));
    assert_eq!(app.store.cases_of(&r.user_id()).await.unwrap().len(), 1);
    let last = app.store.transcript_of(&r.user_id()).await.unwrap();
    assert_eq!(last.iter().rev().nth(1).unwrap().case_id.as_deref(), Some(c.id.as_str()));
}

#[tokio::test]
async fn a_complete_intake_in_each_language_ends_in_a_stored_case() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        run_intake(&app, Lang::JA, Some("ja"), ["はい", "いいえ", "車"]).await;
        run_intake(&app, Lang::JA_SIMPLE, Some("ja"), ["はい", "いいえ", "くるま"]).await;
        run_intake(&app, Lang::PT_BR, Some("pt-BR"), ["sim", "nao", "carro"]).await;
        run_intake(&app, Lang::VI, Some("vi"), ["có", "khong", "xe hơi"]).await;
        run_intake(&app, Lang::EN, Some("en"), ["yes", "no", "in my car"]).await;
    })
    .await;
}

#[tokio::test]
async fn crisis_words_get_an_immediate_safety_answer_and_a_crisis_case() {
    let app = TestApp::new().await;
    let mut r = app.resident("R", Some("pt-BR"));
    let answer = r.say("nao aguento mais, quero me matar").await;
    let locales = Locales::load().unwrap();
    let first_line = locales.text(Lang::PT_BR, "crisis-message", None);
    assert!(joined(&answer).contains(first_line.lines().next().unwrap()));
    let cases = app.store.cases_of(&r.user_id()).await.unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].crisis.as_deref(), Some("suicide"));
    assert_eq!(cases[0].opened_reason, "crisis");
    assert!(!cases[0].submitted, "the intake is not finished, the case is open anyway");
    assert_eq!(cases[0].priority, "emergency", "a crisis is top priority");
}

#[tokio::test]
async fn a_conversation_survives_a_restart_of_the_service() {
    each_backend(|db| async move {
        let mut app = TestApp::on(db, test_settings()).await;
        let mut r = app.resident("R", Some("vi"));
        r.say("xin chào").await;
        r.tap("consent_record:yes").await;
        app.restart().await;
        let next = r.tap("consent_share:yes").await;
        let locales = Locales::load().unwrap();
        assert!(joined(&next).contains(&locales.text(Lang::VI, "q-safety", None)), "it goes on where it was");
    })
    .await;
}

#[tokio::test]
async fn a_blocked_resident_gets_nothing_and_is_greeted_again_on_return() {
    let app = TestApp::new().await;
    let fake = &app.fake;
    let mut r = app.resident("R", Some("ja"));
    r.say("こんにちは").await;
    r.tap("consent_record:yes").await;
    // A message still waiting for a retry when the resident blocks us is never sent.
    fake.fail_next(Endpoint::Push, Failure::Status(500), 1);
    let waiting = NewOutbox::push(&chat_id(&r.id), serde_json::json!([{"type": "text", "text": "later"}]).to_string());
    app.store.insert_outbox(&[waiting], frontdesk::clock::now_ms()).await.unwrap();
    wait_until(Duration::from_secs(10), "the waiting message failed once", || async {
        fake.calls().iter().any(|c| c.path.ends_with("/push") && c.status == 500)
    })
    .await;
    assert_eq!(fake.send_events(vec![fake.unfollow_event(&r.id)]).await.unwrap().status, 200);
    wait_until(Duration::from_secs(10), "the unfollow is handled", || async {
        app.store.inbox_pending_count().await.unwrap() == 0
    })
    .await;
    let calls = fake.calls().len();
    // Once its row has failed, the waiting message can never be sent.
    let last = *app.store.outbox_ids_for(&chat_id(&r.id)).await.unwrap().last().unwrap();
    let (state, _, error, _) = wait_for(Duration::from_secs(10), "the waiting message is given up", || async {
        app.store.outbox_record(last).await.unwrap().filter(|row| row.0 != "pending")
    })
    .await;
    assert_eq!(fake.calls().len(), calls, "nothing is sent to a resident who blocked us");
    assert_eq!(state, "failed");
    assert!(error.unwrap().contains("blocked"));
    let back = r.send(fake.follow_event(&r.id)).await;
    let locales = Locales::load().unwrap();
    assert!(joined(&back).contains(&locales.text(Lang::JA, "q-resume", None)));
}

#[tokio::test]
async fn a_resident_whose_profile_language_we_do_not_speak_is_greeted_once_in_each_language() {
    let app = TestApp::new().await;
    let locales = Locales::load().unwrap();
    // Every configured language, in the configured order (by default: ja, ja-simple, pt-BR, vi, en).
    let offered = frontdesk::config::Languages::default().offered();
    let in_each = |id: &str| offered.iter().map(|l| locales.text(*l, id, None)).collect::<Vec<_>>().join("\n");
    let language_buttons: Vec<(String, String)> =
        offered.iter().map(|l| (locales.text(*l, "lang-name", None), format!("lang:{}", l.tag()))).collect();
    for profile in [Some("fil"), Some("tl"), Some("ne"), None] {
        let mut r = app.resident("R", profile);
        let first = r.send(app.fake.follow_event(&r.id)).await;
        assert_eq!(texts(&first), vec![in_each("welcome-language")], "{profile:?}: the exact first message");
        assert_eq!(buttons(&first), language_buttons, "{profile:?}");
        let again = r.say("hello").await;
        assert_eq!(texts(&again), vec![in_each("reask-language")], "{profile:?}: the exact answer to 'hello'");
        assert_eq!(buttons(&again), language_buttons, "{profile:?}");
        let chosen = r.tap("lang:pt-BR").await;
        assert!(joined(&chosen).contains(&locales.text(Lang::PT_BR, "q-consent-record", None)), "{profile:?}");
    }
}

#[tokio::test]
async fn concern_wording_gets_a_check_in_in_each_language_and_not_safe_makes_an_emergency() {
    let app = TestApp::new().await;
    let locales = Locales::load().unwrap();
    let cases = [
        (Lang::JA, Some("ja"), "もう何もかも終わりにしたい"),
        (Lang::JA_SIMPLE, Some("ja"), "もう なにもかも おわりに したい"),
        (Lang::PT_BR, Some("pt-BR"), "não vejo saída pra minha vida"),
        (Lang::VI, Some("vi"), "tôi không còn lối thoát nữa"),
    ];
    for (lang, profile, words) in cases {
        let t = |id: &str| locales.text(lang, id, None);
        let mut r = app.resident("R", profile);
        r.send(app.fake.follow_event(&r.id)).await;
        if lang == Lang::JA_SIMPLE {
            r.tap("lang:ja-simple").await;
        }
        r.tap("consent_record:yes").await;
        let answer = joined(&r.say(words).await);
        assert!(answer.contains(&t("concern-hopelessness")), "{lang:?}: the feeling is named: {answer}");
        assert!(answer.contains(&t("q-safe-now")), "{lang:?}: asked if safe");
        assert!(!answer.contains(&t("crisis-message")), "{lang:?}: concern, not danger");
        let case = app.store.cases_of(&r.user_id()).await.unwrap().pop().expect("a case is open at once");
        assert_eq!((case.crisis.as_deref(), case.priority.as_str()), (Some("hopelessness"), "urgent"), "{lang:?}");
        let not_safe = joined(&r.tap("modal:no").await);
        assert!(not_safe.contains(t("emergency-numbers").lines().next().unwrap()), "{lang:?}: {not_safe}");
        let case = app.store.cases_of(&r.user_id()).await.unwrap().pop().unwrap();
        assert_eq!(case.priority, "emergency", "{lang:?}: not safe makes it an emergency");
    }
}

#[tokio::test]
async fn the_case_page_marks_the_sentence_that_raised_the_concern() {
    let app = TestApp::new().await;
    let mut r = app.resident("R", Some("ja"));
    r.follow_and_tap(&["consent_record:yes"]).await;
    r.say("家賃が3か月払えていません。もう何もかも終わりにしたい。").await;
    let number = app.store.cases_of(&r.user_id()).await.unwrap().pop().expect("a case").number;
    let page = app.staff("boss", "admin", &[]).await.page(&format!("/staff/cases/{number}")).await;
    let start = page.find("<mark class=\"crisis\"").expect("the sentence is marked");
    let marked = &page[start..start + page[start..].find("</mark>").unwrap()];
    assert!(marked.contains("title=\"絶望感（懸念）\""), "the kind in Japanese: {marked}");
    assert!(marked.contains("もう何もかも終わりにしたい"), "{marked}");
    assert!(!marked.contains("家賃"), "only the sentence that alarmed: {marked}");
    assert!(page.contains("家賃が3か月払えていません。"), "the rest of the text is shown as written");
}
