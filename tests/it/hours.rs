//! Office hours through the real service: a case sent on a holiday evening (the service's
//! clock set to it) is told, in the resident's language, when the office opens and, with
//! nowhere safe tonight, what to do; a day listed as closed is closed on the wall clock too.

use std::{
    collections::BTreeSet,
    sync::{atomic::AtomicI64, Arc},
};

use frontdesk::{
    clock::now_ms,
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
    let weekday = locales.text(Lang::PtBr, &format!("weekday-{}", jst::weekday(day)), None);
    format!("Ele abre {weekday}, {d}/{month}, às 8:30.")
}

const TONIGHT: &str = "Esta noite: abrigo noturno da cidade, 0561-00-9999 (24 horas).";

#[tokio::test]
async fn a_case_sent_on_a_holiday_evening_is_told_when_the_office_opens_and_what_to_do_tonight() {
    let holiday = jst::day_of(2027, 1, 11).unwrap(); // 成人の日, a Monday
    let mut settings = test_settings();
    settings.hours.schedule.closed.insert(holiday);
    settings.hours.tonight.insert("pt-BR".into(), TONIGHT.into());
    let app = TestApp::with_settings(settings).await;
    let evening = jst::day_start(holiday) + 20 * 3_600_000;
    app.clock.set(Arc::new(AtomicI64::new(evening)));
    let (sent, number) = send_shelter_case(&app).await;
    assert!(number.as_str().starts_with("270111-"), "numbered by the day it was sent: {number}");
    assert!(sent.contains(number.as_str()), "{sent}");
    assert!(sent.contains("Ele abre terça-feira, 12/1, às 8:30."), "{sent}");
    assert!(sent.contains("Assim que abrir, um(a) atendente vai entrar em contato"), "{sent}");
    assert!(sent.contains(TONIGHT) && sent.contains("Polícia: 110"), "{sent}");
    assert!(!sent.contains("ainda hoje"), "not 'today' on a holiday: {sent}");
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
