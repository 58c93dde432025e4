//! Office hours through the real service: a case sent on a holiday is told, in the
//! resident's language, when the office opens, and with nowhere safe tonight what to do.

use std::collections::BTreeSet;

use frontdesk::{
    clock::now_ms,
    hours::{OfficeHours, Window},
    i18n::{Lang, Locales},
    jst,
};

use crate::helpers::*;

/// The answers up to "send" of a resident sleeping in a car, in the language of the profile.
const TAPS: [&str; 14] = [
    "consent_record:yes",
    "consent_share:yes",
    "safety:no",
    "tonight:car",
    "topics:shelter",
    "topics:done",
    "household:alone",
    "vulnerable:none",
    "area:central",
    "description:skip",
    "contact:line",
    "contact_time:anytime",
    "interpreter:no",
    "window:any",
];

#[tokio::test]
async fn a_case_sent_on_a_holiday_is_told_when_the_office_opens_and_what_to_do_tonight() {
    // The service reads the wall clock: today (in Japan) is made the holiday. The office is
    // open 8:30–17:15 every other day, so it opens tomorrow at 8:30 — also when the event
    // is handled just after midnight, when that is this morning's opening.
    let today = jst::day(now_ms());
    let mut settings = test_settings();
    settings.hours.schedule = OfficeHours {
        week: [Window::parse("08:30-17:15"); 7],
        closed: BTreeSet::from([today]),
        closed_every_year: BTreeSet::new(),
    };
    let tonight = "Esta noite: abrigo noturno da cidade, 0561-00-9999 (24 horas).";
    settings.hours.tonight.insert("pt-BR".into(), tonight.into());
    let app = TestApp::with_settings(settings).await;
    let mut r = app.resident("Maria", Some("pt-BR"));
    r.follow_and_tap(&TAPS).await;
    let sent = texts(&r.tap("summary:send").await).join("\n");

    let locales = Locales::load().unwrap();
    let opens = jst::day_start(today + 1);
    let (_, month, day) = jst::date(opens);
    let weekday = locales.text(Lang::PtBr, &format!("weekday-{}", jst::weekday(today + 1)), None);
    let number = &app.store.cases_of(&r.id).await.unwrap()[0].number;
    assert!(sent.contains(number.as_str()), "{sent}");
    assert!(sent.contains(&format!("Ele abre {weekday}, {day}/{month}, às 8:30.")), "{sent}");
    assert!(sent.contains("Assim que abrir, um(a) atendente vai entrar em contato"), "{sent}");
    assert!(sent.contains(tonight) && sent.contains("Polícia: 110"), "{sent}");
    assert!(!sent.contains("ainda hoje"), "not 'today' on a holiday: {sent}");
}
