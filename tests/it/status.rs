//! "How is my case?" through the real service: the resident asks in their language (a typed
//! word or the `cmd:status` button) and hears the state staff gave the case on the
//! dashboard and when a person will next be in touch, by the service's clock; a resident
//! with no case is told how to start one. Never a staff member's name.

use std::sync::{atomic::AtomicI64, Arc};

use frontdesk::jst;

use crate::helpers::*;

/// An instant in Japan.
fn at(y: i64, m: u32, d: u32, hh: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + hh * 3_600_000
}

#[tokio::test]
async fn a_resident_hears_received_then_handling_then_waiting_in_portuguese() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        app.clock.set(Arc::new(AtomicI64::new(at(2026, 12, 7, 10)))); // a Monday, open
        let mut r = app.resident("Maria", Some("pt-BR"));
        r.follow_and_tap(&SHELTER_TAPS).await;
        r.tap("summary:send").await;
        let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();

        let told = texts(&r.say("status").await).join("\n");
        assert!(told.contains(&format!("Consulta nº {number}: recebida.")), "{told}");
        assert!(told.contains("ainda hoje"), "urgent, inside the hours: {told}");

        let b = app.staff("tanaka", "staff", &["shelter"]).await;
        b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        let told = texts(&r.send(app.fake.postback_event(&r.id, "cmd:status")).await).join("\n");
        assert!(told.contains(&format!("Consulta nº {number}: um(a) atendente está cuidando dela.")), "{told}");
        assert!(!told.contains("tanaka"), "no staff names: {told}");

        b.act(&format!("/staff/cases/{number}/status"), &[("status", "waiting")]).await;
        let told = texts(&r.say("Situação").await).join("\n");
        assert!(told.contains("estamos esperando a sua resposta"), "{told}");
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!((c.status.as_str(), c.assignee.is_some()), ("waiting", true), "asking changed nothing");
    })
    .await;
}

#[tokio::test]
async fn at_night_a_japanese_resident_hears_when_the_office_opens() {
    let app = TestApp::new().await;
    app.clock.set(Arc::new(AtomicI64::new(at(2026, 12, 4, 23)))); // a Friday night
    let mut r = app.resident("Sato", Some("ja"));
    let number = r.open_case(&app, true, "home_safe").await;
    let told = texts(&r.say("状況").await).join("\n");
    assert!(told.contains(&format!("受付番号 {number} の相談：受け付けました。")), "{told}");
    assert!(told.contains("窓口は 12月7日（月） 8:30 に開きます。"), "{told}");

    let b = app.staff("tanaka", "staff", &["consultation"]).await;
    b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
    let told = texts(&r.say("状況").await).join("\n");
    assert!(told.contains(&format!("受付番号 {number} の相談：相談員が対応しています。")), "{told}");
    assert!(told.contains("12月7日（月） 8:30"), "{told}");
}

#[tokio::test]
async fn a_resident_without_a_case_is_told_how_to_start_one_and_keeps_their_place() {
    let app = TestApp::new().await;
    let mut r = app.resident("Lan", Some("vi"));
    let told = texts(&r.say("trạng thái").await).join("\n");
    assert!(told.contains("Bạn chưa gửi yêu cầu tư vấn nào."), "{told}");
    assert!(app.store.cases_of(&r.user_id()).await.unwrap().is_empty());

    let mut k = app.resident("Ken", Some("ja"));
    k.follow_and_tap(&["lang:ja-simple", "consent_record:yes"]).await;
    let answer = k.say("じょうきょう").await;
    let told = texts(&answer).join("\n");
    assert!(told.contains("まだ 相談（そうだん）は とどいて いません。"), "{told}");
    assert!(buttons(&answer).iter().any(|(_, d)| d == "consent_share:yes"), "the question again: {answer:?}");
    k.tap("consent_share:yes").await;
}

#[tokio::test]
async fn each_language_asks_with_its_own_word_or_the_button_and_hears_its_case_in_that_language() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        app.clock.set(Arc::new(AtomicI64::new(at(2026, 12, 8, 9)))); // a Tuesday morning, open
        #[rustfmt::skip]
        let languages = [
            ("ja", None, "状況", " の相談：受け付けました。これから相談員が読みます。", "今日のうちに連絡します"),
            ("ja", Some("lang:ja-simple"), "じょうきょう", " の 相談（そうだん）は とどいて います。", "今日 連絡（れんらく） します"),
            ("pt-BR", None, "situação", ": recebida. Um(a) atendente ainda vai ler.", "ainda hoje"),
            ("vi", None, "trạng thái", ": đã được tiếp nhận.", "ngay trong hôm nay"),
        ];
        for (profile, switch, word, received, today) in languages {
            let mut r = app.resident("Resident", Some(profile));
            r.send(app.fake.follow_event(&r.id)).await;
            for data in switch.into_iter().chain(SHELTER_TAPS) {
                r.tap(data).await;
            }
            let sent = r.tap("summary:send").await;
            assert!(buttons(&sent).iter().any(|(_, d)| d == "cmd:status"), "{word}: a button after sending");
            let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();
            // The word, then the button under its answer.
            for asked in [r.say(word).await, r.tap("cmd:status").await] {
                let told = texts(&asked).join("\n");
                assert!(told.contains(&format!("{number}{received}")), "{word}: {told}");
                assert!(told.contains(today), "{word}: urgent, 9:00: {told}");
            }
        }
    })
    .await;
}
