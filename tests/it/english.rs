//! English, the fifth language, added as data: a resident whose LINE is set to English is
//! greeted and interviewed in English through the real webhook, staff see 英語; a resident
//! whose LINE language no entry maps (Filipino, Nepali) chooses English; English crisis
//! wording is met at once.

use frontdesk::{
    config::{LanguageEntry, Languages},
    i18n::{Lang, Locales},
};

use crate::helpers::*;

fn joined(messages: &[serde_json::Value]) -> String {
    texts(messages).join("\n")
}

#[tokio::test]
async fn an_english_profile_is_interviewed_in_english_and_staff_see_english_in_japanese() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let locales = Locales::load().unwrap();
        let en = |id: &str| locales.text(Lang::EN, id, None);
        let mut r = app.resident("Maria", Some("en"));
        let first = joined(&r.send(app.fake.follow_event(&r.id)).await);
        assert!(first.contains(&en("q-consent-record")), "{first}");
        assert!(first.contains("This LINE is not an emergency service"), "{first}");
        let typed = [
            ("yes", en("q-consent-share")),
            ("No", en("q-safety")),
            ("no", en("q-tonight")),
            ("at a friend's", en("q-topics")),
            ("work", "You chose: Work".to_owned()),
            ("done", en("q-household")),
            ("alone", en("q-vulnerable")),
            ("nobody", en("q-area")),
            ("south", en("q-description")),
        ];
        for (text, next) in typed {
            let answer = joined(&r.say(text).await);
            assert!(answer.contains(next.lines().next().unwrap()), "after {text:?}: {answer}");
        }
        r.say("I lost my job. I sleep at a friend's place now.").await;
        r.tap("description:next").await;
        r.say("on this line").await;
        r.say("morning").await;
        r.say("yes").await;
        let summary = joined(&r.say("either").await);
        assert!(summary.contains("Please check your answers."), "{summary}");
        assert!(summary.contains("・Where you sleep: At a friend's"), "{summary}");
        let sent = joined(&r.say("send").await);
        let case = app.store.cases_of(&r.user_id()).await.unwrap().pop().expect("a case");
        assert!(sent.contains(&format!("Your request number is {}", case.number)), "{sent}");
        assert_eq!(case.lang.as_deref(), Some("en"));
        assert_eq!((case.tonight.as_deref(), case.topics.as_str()), (Some("friend"), "work"));
        assert_eq!((case.contact_method.as_deref(), case.interpreter), (Some("line"), Some(true)));

        let staff = app.staff("boss", "admin", &[]).await;
        let page = staff.page(&format!("/staff/cases/{}", case.number)).await;
        assert!(page.contains("英語"), "the case page names the language in Japanese");
        let queue = staff.page("/staff?lang=en").await;
        assert!(queue.contains(case.number.as_str()), "the queue filters by English");
        assert!(queue.contains("英語"), "and offers it in its language filter");
    })
    .await;
}

#[tokio::test]
async fn a_filipino_or_nepali_profile_is_asked_and_can_choose_english() {
    let app = TestApp::new().await;
    let locales = Locales::load().unwrap();
    for (profile, choose) in [("fil", "English"), ("ne", "tap")] {
        let mut r = app.resident("R", Some(profile));
        let first = r.send(app.fake.follow_event(&r.id)).await;
        let offered: Vec<String> = buttons(&first).into_iter().map(|(_, data)| data).collect();
        assert_eq!(offered, ["lang:ja", "lang:ja-simple", "lang:pt-BR", "lang:vi", "lang:en"], "{profile}");
        assert!(joined(&first).contains("Please choose your language."), "{profile}");
        let chosen = if choose == "tap" { r.tap("lang:en").await } else { r.say(choose).await };
        let chosen = joined(&chosen);
        assert!(chosen.contains(&locales.text(Lang::EN, "q-consent-record", None)), "{profile}: {chosen}");
        let next = joined(&r.say("yes").await);
        assert!(next.contains(&locales.text(Lang::EN, "q-consent-share", None)), "{profile}: {next}");
    }
}

#[tokio::test]
async fn english_crisis_wording_gets_the_safety_message_and_a_crisis_case_at_once() {
    let app = TestApp::new().await;
    let locales = Locales::load().unwrap();
    for (words, kind) in [("I don't want to live anymore", "suicide"), ("my husband hits me", "violence")] {
        let mut r = app.resident("R", Some("en-US"));
        r.follow_and_tap(&["consent_record:yes"]).await;
        let answer = joined(&r.say(words).await);
        let first_line = locales.text(Lang::EN, "crisis-message", None);
        assert!(answer.contains(first_line.lines().next().unwrap()), "{words}: {answer}");
        let case = app.store.cases_of(&r.user_id()).await.unwrap().pop().expect("a case is open at once");
        assert_eq!((case.crisis.as_deref(), case.priority.as_str()), (Some(kind), "emergency"), "{words}");
    }
}

#[tokio::test]
async fn a_deployment_without_english_does_not_offer_it_and_maps_no_profile_to_it() {
    let mut settings = test_settings();
    let entry = |tag: &str, name: &str, profile: &[&str]| LanguageEntry {
        tag: tag.into(),
        name: name.into(),
        line_profile: profile.iter().map(|p| (*p).to_owned()).collect(),
    };
    settings.languages = Languages::new(vec![entry("vi", "Tiếng Việt", &["vi"]), entry("ja", "日本語", &["ja"])]);
    let app = TestApp::with_settings(settings).await;
    let mut r = app.resident("R", Some("en"));
    let first = r.send(app.fake.follow_event(&r.id)).await;
    let offered: Vec<String> = buttons(&first).into_iter().map(|(_, data)| data).collect();
    assert_eq!(offered, ["lang:vi", "lang:ja"], "the configured languages, in their order");
    let locales = Locales::load().unwrap();
    let greeting = [Lang::VI, Lang::JA].map(|l| locales.text(l, "welcome-language", None)).join("\n");
    assert_eq!(texts(&first), vec![greeting]);
    let typed = joined(&r.say("English").await);
    assert!(typed.contains(&locales.text(Lang::VI, "reask-language", None)), "English is not offered: {typed}");
}
