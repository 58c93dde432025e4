//! Office hours through the real service: a case sent on a holiday evening (the service's
//! clock set to it) is told, in the resident's language, when the office opens and, with
//! nowhere safe tonight, what to do; a day listed as closed is closed on the wall clock too.

use std::{
    collections::BTreeSet,
    sync::{atomic::AtomicI64, Arc},
};

use frontdesk::{
    clock::now_ms,
    config::Settings,
    hours::{OfficeHours, Window},
    i18n::{Lang, Locales},
    ids::CaseNumber,
    jst,
};

use crate::helpers::*;

/// A resident sleeping in a car sends a case in Portuguese; returns what the bot answered
/// to "send" and the case's number.
async fn send_shelter_case(app: &TestApp) -> (String, CaseNumber) {
    let mut r = app.resident("Maria", Some("pt-BR"));
    r.follow_and_tap(&SHELTER_TAPS).await;
    let sent = texts(&r.tap("summary:send").await).join("\n");
    let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();
    (sent, number)
}

/// "Ele abre terça-feira, 12/1, às 8:30.": the opening of Japan's day `day` at 8:30.
fn opens_on(day: i64) -> String {
    let locales = Locales::load().unwrap();
    let (_, month, d) = jst::date(jst::day_start(day));
    let weekday = locales.text(Lang::PT_BR, &format!("weekday-{}", jst::weekday(day)), None);
    format!("Ele abre {weekday}, {d}/{month}, às 8:30.")
}

const TONIGHT: &str = "Esta noite: abrigo noturno da cidade, 0561-00-9999 (24 horas).";

#[tokio::test]
async fn a_case_sent_on_a_holiday_evening_is_told_when_the_office_opens_and_what_to_do_tonight() {
    each_backend(|db| async move {
        let holiday = jst::day_of(2027, 1, 11).unwrap(); // 成人の日, a Monday
        let mut settings = test_settings();
        settings.hours.schedule.closed.insert(holiday);
        settings.hours.tonight.insert("pt-BR".into(), TONIGHT.into());
        let app = TestApp::on(db, settings).await;
        let evening = jst::day_start(holiday) + 20 * 3_600_000;
        app.clock.set(Arc::new(AtomicI64::new(evening)));
        let (sent, number) = send_shelter_case(&app).await;
        assert!(number.as_str().starts_with("270111-"), "numbered by the day it was sent: {number}");
        assert!(sent.contains(number.as_str()), "{sent}");
        assert!(sent.contains("Ele abre terça-feira, 12/1, às 8:30."), "{sent}");
        assert!(sent.contains("Assim que abrir, um(a) atendente vai entrar em contato"), "{sent}");
        assert!(sent.contains(TONIGHT) && sent.contains("Polícia: 110"), "{sent}");
        assert!(!sent.contains("ainda hoje"), "not 'today' on a holiday: {sent}");
        // Staff's deadline counts the same hours: four office hours from Tuesday's opening.
        let case = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!(case.sla_deadline, Some(jst::day_start(holiday + 1) + (12 * 60 + 30) * 60_000));
    })
    .await;
}

#[tokio::test]
async fn the_example_configs_holidays_close_the_office_on_a_holiday_evening() {
    each_backend(|db| async move {
        // 勤労感謝の日 2026, a Monday, listed in the example file: frontdesk knows no holiday
        // by itself.
        let example = Settings::from_toml(include_str!("../../frontdesk.example.toml")).unwrap();
        let mut settings = test_settings();
        settings.hours = example.hours;
        let app = TestApp::on(db, settings).await;
        let holiday = jst::day_of(2026, 11, 23).unwrap();
        app.clock.set(Arc::new(AtomicI64::new(jst::day_start(holiday) + 19 * 3_600_000)));
        let mut r = app.resident("Sato", Some("ja"));
        r.follow_and_tap(&SHELTER_TAPS).await;
        let answer = r.tap("summary:send").await;
        let sent = texts(&answer).join("\n");
        assert!(sent.contains("今は窓口の時間外です。窓口は 11月24日（火） 8:30 に開きます。"), "{sent}");
        assert!(sent.contains("窓口が開いたら、すぐに相談員が連絡します。"), "{sent}");
        assert!(sent.contains("警察：110"), "{sent}");
        assert!(!sent.contains("今日のうちに"), "{sent}");
        assert!(buttons(&answer).iter().any(|(_, d)| d == "cmd:status"), "{answer:?}");
    })
    .await;
}

#[tokio::test]
async fn an_urgent_case_sent_ten_minutes_before_closing_is_not_promised_today() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let monday = jst::day_of(2026, 12, 7).unwrap();
        app.clock.set(Arc::new(AtomicI64::new(jst::day_start(monday) + (17 * 60 + 10) * 60_000)));
        let (sent, number) = send_shelter_case(&app).await;
        assert!(!sent.contains("ainda hoje."), "{sent}");
        assert!(sent.contains("o quanto antes") && sent.contains("terça-feira, 8/12, às 8:30"), "{sent}");
        assert!(sent.contains("Polícia: 110"), "nowhere safe tonight: the emergency numbers: {sent}");
        let case = app.store.case_by_number(&number).await.unwrap().unwrap();
        let tuesday_1225 = jst::day_start(monday + 1) + (12 * 60 + 25) * 60_000;
        assert_eq!(case.sla_deadline, Some(tuesday_1225), "5 minutes on Monday, 3 h 55 on Tuesday");
    })
    .await;
}

#[tokio::test]
async fn on_the_wall_clock_a_day_listed_as_closed_is_closed_whatever_the_hour() {
    // Today (in Japan) is listed as closed; every other day is open 8:30–17:15, so the
    // office opens tomorrow at 8:30, also when the event is handled just after midnight,
    // when that is this morning's opening.
    let today = jst::day(now_ms());
    let mut settings = test_settings();
    settings.hours.schedule = OfficeHours {
        week: [Window::parse("08:30-17:15"); 7],
        closed: BTreeSet::from([today]),
        closed_every_year: BTreeSet::new(),
    };
    let app = TestApp::with_settings(settings).await;
    let (sent, _) = send_shelter_case(&app).await;
    assert!(sent.contains(&opens_on(today + 1)), "{sent}");
    assert!(sent.contains("você também pode falar conosco por telefone: 0561-00-0000"), "tonight-default: {sent}");
}
