//! "How is my case?": the command word in every language and its button, answered wherever
//! the resident is, without losing their place; what each state and the office hours say.

use super::*;
use crate::{casework::Status, jst};

/// An instant in Japan.
fn at(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + (hh * 60 + mm) * 60_000
}

/// The resident's case as stored: `urgent_due`, an urgent case's first-response deadline.
fn stored(state: CaseState, urgent_due: Option<i64>) -> Option<CaseStatus> {
    Some(CaseStatus { number: "261123-0000".into(), state, urgent_due })
}

#[test]
fn the_status_word_in_each_language_answers_and_asks_the_question_again() {
    let words = [
        (Lang::JA, "状況"),
        (Lang::JA, "進み具合"),
        (Lang::JA_SIMPLE, "じょうきょう"),
        (Lang::JA_SIMPLE, "そうだんの ようす"),
        (Lang::PT_BR, "Status"),
        (Lang::PT_BR, "situacao"),
        (Lang::VI, "trạng thái"),
        (Lang::VI, "tinh trang ho so"),
    ];
    for (lang, word) in words {
        let mut chat = Chat::new(Some(lang));
        complete_until(&mut chat, Step::Household);
        let answers = chat.conv.answers.clone();
        chat.text(word);
        assert_eq!(chat.ids(), vec!["my-case-none-intake", "q-household"], "{lang:?} {word}");
        assert_eq!(chat.conv.step, Step::Household, "{lang:?} {word}");
        assert_eq!(chat.conv.answers, answers, "{lang:?} {word}");
        assert!(chat.last.choices.iter().any(|c| c.data == "household:alone"), "the question's buttons again");
        chat.tap("household:alone");
        assert_eq!(chat.conv.step, Step::Vulnerable, "the intake goes on");
    }
}

#[test]
fn the_button_works_at_a_modal_and_the_modal_is_asked_again() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Topics);
    chat.text("最初から");
    chat.stored_case = stored(CaseState::Received, None);
    chat.send(Input::Postback("cmd:status".into()));
    assert_eq!(chat.ids(), vec!["my-case-received", "my-case-next-days", "q-restart-confirm"]);
    let text = chat.all_text();
    assert!(text.contains("261123-0000") && text.contains("2日以内"), "{text}");
    chat.tap("modal:no");
    assert_eq!(chat.conv.step, Step::Topics);
}

#[test]
fn a_sent_case_hears_its_state_and_the_next_contact_by_the_hours() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_with_buttons(&mut chat);
    chat.tap("summary:send");
    let sent = chat.conv.clone();
    // Friday 17:00, the office closes at 17:15: "today" only for a case due before then.
    chat.stored_case = stored(CaseState::Received, Some(chat.now + 10 * 60_000));
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-received", "my-case-next-today"]);
    chat.stored_case = stored(CaseState::Received, Some(chat.now + 4 * HOUR));
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-received", "my-case-next-later"]);
    assert!(chat.all_text().contains("1月18日（月） 8:30"), "{}", chat.all_text());
    assert!(!chat.all_text().contains("今日のうちに連絡します"), "{}", chat.all_text());
    assert!(chat.last.effects.iter().all(|e| !matches!(e, Effect::SaveCase(_))), "nothing written");
    assert_eq!((chat.conv.phase, &chat.conv.case_number), (sent.phase, &sent.case_number));
    chat.now = at(2026, 12, 4, 23, 0);
    chat.stored_case = stored(CaseState::Handling, Some(at(2026, 12, 7, 12, 30)));
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-handling", "my-case-next-closed"]);
    assert!(chat.all_text().contains("12月7日（月） 8:30 に開きます"), "{}", chat.all_text());
    chat.stored_case = stored(CaseState::Waiting, None);
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-waiting", "my-case-next-closed"], "staff read the reply when it opens");
    chat.now = at(2026, 12, 7, 10, 0);
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-waiting"]);
    chat.stored_case = stored(CaseState::Closed, Some(chat.now));
    chat.text("状況");
    assert_eq!(chat.ids(), vec!["my-case-closed"], "closed says nothing more");
}

#[test]
fn with_staff_holding_the_case_the_answer_comes_and_nothing_is_relayed_twice() {
    let mut chat = Chat::new(Some(Lang::PT_BR));
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:person");
    let number = chat.conv.case_number.clone().unwrap();
    chat.staff = Some((number.clone(), false));
    chat.stored_case = Some(CaseStatus { number: number.clone(), state: CaseState::Handling, urgent_due: None });
    chat.text("situação");
    assert_eq!(chat.ids(), vec!["my-case-handling", "my-case-next-days"]);
    assert!(chat.all_text().contains(&number), "{}", chat.all_text());
    assert!(!chat.last.effects.contains(&Effect::StaffNotified));
}

#[test]
fn a_resident_without_a_case_is_told_how_to_start_one() {
    let mut chat = Chat::new(Some(Lang::VI));
    chat.text("trạng thái");
    assert_eq!(chat.ids(), vec!["my-case-none"]);
    assert_eq!(chat.conv.phase, Phase::Idle, "no intake started by the question");
    chat.text("xin chào");
    assert!(chat.said("q-consent-record"), "the next message starts it");
}

#[test]
fn only_the_status_command_reads_the_store() {
    let mut chat = Chat::new(Some(Lang::JA));
    chat.text("こんにちは");
    let conv = chat.conv.clone();
    let ctx_hours = crate::hours::OfficeHours::default();
    let crisis = |_: &str| None;
    let ctx = Ctx {
        now: chat.now + 1000,
        hours: &ctx_hours,
        profile_lang: Some(Lang::JA),
        languages: &Lang::ALL,
        idle_ms: 24 * HOUR,
        new_case_number: "261123-0009",
        vocab: locales(),
        crisis: &crisis,
        first_response: &default_routing_first_response,
        staff_hold: None,
        closed_case: None,
        case_status: CaseLookup::NotRead,
    };
    let (_, out) = step(conv.clone(), Input::Postback("consent_record:yes".into()), &ctx);
    assert!(!out.effects.contains(&Effect::ReadStatus));
    let (_, out) = step(conv, Input::Postback("cmd:status".into()), &ctx);
    assert_eq!(out.effects, vec![Effect::ReadStatus]);
    assert!(out.messages.is_empty(), "said once the case is read");
}

#[test]
fn staff_statuses_map_to_four_states_and_an_anonymised_case_is_only_closed() {
    use CaseState::*;
    assert_eq!(CaseState::of(Some(Status::New), false, false), Received);
    assert_eq!(CaseState::of(Some(Status::New), true, false), Handling);
    assert_eq!(CaseState::of(Some(Status::InProgress), true, false), Handling);
    assert_eq!(CaseState::of(Some(Status::Waiting), true, false), Waiting);
    assert_eq!(CaseState::of(Some(Status::Resolved), true, false), Closed);
    assert_eq!(CaseState::of(Some(Status::Closed), false, false), Closed);
    assert_eq!(CaseState::of(Some(Status::InProgress), true, true), Closed);
    assert_eq!(CaseState::of(None, false, false), Received);
}

#[test]
fn with_a_case_sent_the_status_is_a_button_under_what_the_resident_reads() {
    let mut chat = Chat::new(Some(Lang::VI));
    complete_with_buttons(&mut chat);
    chat.tap("summary:send");
    chat.text("xin chào");
    assert_eq!(chat.ids(), vec!["case-open-notice"]);
    let offered: Vec<&str> = chat.last.choices.iter().map(|c| c.data.as_str()).collect();
    assert_eq!(offered, vec!["cmd:status"]);
    chat.stored_case = stored(CaseState::Received, None);
    chat.tap("cmd:status");
    assert_eq!(chat.ids(), vec!["my-case-received", "my-case-next-days"]);
    // A crisis case opened mid-intake: the questions' buttons carry it too, after the
    // question's own (a question with ten options leaves no room for it).
    let mut crisis = Chat::new(Some(Lang::JA));
    complete_until(&mut crisis, Step::Household);
    assert!(!crisis.last.choices.iter().any(|c| c.data == "cmd:status"), "no case yet, no button");
    crisis.conv.case_number = Some("261123-0001".into());
    crisis.tap("household:alone");
    assert!(crisis.last.choices.iter().any(|c| c.data == "cmd:status"), "{:?}", crisis.last.choices);
    assert!(crisis.last.choices.len() <= 13);
}
