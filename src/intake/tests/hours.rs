//! What a resident is told once their case is sent, by the office hours: today, within the
//! business days, or when the office opens and, with nowhere safe tonight, what to do.

use super::*;
use crate::{hours::OfficeHours, jst};

/// An instant in Japan.
fn at(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + (hh * 60 + mm) * 60_000
}

/// A case sent in Japanese at `now`: sleeping in a car (urgent), or a home at risk.
fn sent_at(now: i64, hours: OfficeHours, no_safe_place: bool) -> Chat {
    let mut chat = Chat::new(Some(Lang::Ja));
    chat.now = now;
    chat.hours = hours;
    if no_safe_place {
        complete_with_buttons(&mut chat);
    } else {
        complete_until(&mut chat, Step::Summary);
    }
    chat.tap("summary:send");
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    chat
}

#[test]
fn inside_the_hours_a_case_hears_today_or_the_business_days() {
    let monday = at(2026, 12, 7, 10, 0);
    let chat = sent_at(monday, OfficeHours::default(), false);
    assert_eq!(chat.ids(), vec!["sent"]);
    assert!(chat.all_text().contains("2日以内"), "{}", chat.all_text());
    let chat = sent_at(monday, OfficeHours::default(), true);
    assert_eq!(chat.ids(), vec!["sent-today"]);
    assert!(chat.all_text().contains("今日のうちに"), "{}", chat.all_text());
}

#[test]
fn on_a_friday_night_the_resident_hears_when_the_office_opens() {
    let friday_night = at(2026, 12, 4, 23, 0);
    let chat = sent_at(friday_night, OfficeHours::default(), false);
    assert_eq!(chat.ids(), vec!["sent-closed"]);
    let text = chat.all_text();
    assert!(text.contains("12月7日（月） 8:30 に開きます") && text.contains("2日以内"), "{text}");
    assert!(!text.contains("今日"), "{text}");
}

#[test]
fn on_a_holiday_evening_a_resident_with_nowhere_safe_hears_the_opening_and_tonight() {
    let mut hours = OfficeHours::default();
    hours.closed.insert(jst::day_of(2027, 1, 11).unwrap());
    let chat = sent_at(at(2027, 1, 11, 20, 0), hours, true);
    assert_eq!(chat.ids(), vec!["sent-closed-urgent", render::TONIGHT, "sent-emergency-again"]);
    let text = chat.all_text();
    assert!(text.contains("1月12日（火） 8:30 に開きます"), "{text}");
    assert!(text.contains("窓口が開いたら、電話でも相談できます") && text.contains("警察：110"), "{text}");
}

#[test]
fn asking_for_a_person_at_night_says_when_the_answer_can_come() {
    let mut chat = Chat::new(Some(Lang::Ja));
    chat.now = at(2026, 12, 4, 23, 0);
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:person");
    assert_eq!(chat.ids(), vec!["person-case-opened-closed"]);
    assert!(chat.all_text().contains("窓口が 12月7日（月） 8:30 に開いたら"), "{}", chat.all_text());
    let mut car = Chat::new(Some(Lang::Ja));
    car.now = at(2026, 12, 4, 23, 0);
    car.text("こんにちは");
    for data in ["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car", "cmd:person"] {
        car.tap(data);
    }
    assert_eq!(car.ids(), vec!["person-case-opened-closed", render::TONIGHT, "sent-emergency-again"]);
    let mut day = Chat::new(Some(Lang::Ja));
    complete_until(&mut day, Step::Topics);
    day.tap("cmd:person");
    assert_eq!(day.ids(), vec!["person-case-opened"], "inside the hours, as before");
}

#[test]
fn the_opening_is_written_as_each_language_writes_dates_and_tonight_is_configurable() {
    let opens = Part::new("sent-closed-urgent")
        .arg("number", Arg::Text("261204-0001".into()))
        .arg(
            "date",
            Arg::Part(Box::new(
                Part::new("date-md")
                    .arg("month", Arg::Number(12))
                    .arg("day", Arg::Number(7))
                    .arg("weekday", Arg::Label("weekday-1")),
            )),
        )
        .arg("time", Arg::Text("8:30".into()));
    let out =
        Output { messages: vec![opens.into(), Msg { parts: vec![Part::new(render::TONIGHT)] }], ..Output::default() };
    let mut settings = Settings::default();
    let expected = [
        (Lang::Ja, "12月7日（月） 8:30"),
        (Lang::JaSimple, "12月7日（月） 8:30に あきます"),
        (Lang::PtBr, "segunda-feira, 7/12, às 8:30"),
        (Lang::Vi, "lúc 8:30, Thứ Hai, ngày 7/12"),
    ];
    for (lang, date) in expected {
        let text = rendered_text(&settings, lang, &out);
        assert!(text.contains(date), "{}: {text}", lang.tag());
    }
    settings.hours.tonight.insert("ja".into(), "夜間の緊急連絡先：0561-00-9999".into());
    settings.hours.tonight.insert("vi".into(), "Số khẩn cấp ban đêm: 0561-00-9999".into());
    assert!(rendered_text(&settings, Lang::Vi, &out).contains("Số khẩn cấp ban đêm"));
    assert!(rendered_text(&settings, Lang::PtBr, &out).contains("夜間の緊急連絡先"), "Japanese when missing");
}

fn rendered_text(settings: &Settings, lang: Lang, out: &Output) -> String {
    let renderer = Renderer { locales: locales(), settings };
    let messages = renderer.render(Some(lang), out).unwrap();
    messages.iter().map(|m| m.plain_text().to_owned()).collect::<Vec<_>>().join("\n")
}
