//! The rich menu's buttons (`cmd:restart`, `cmd:status`, `cmd:emergency`, `cmd:language`)
//! wherever the resident is: before any intake, mid-intake, with a case open or held by staff.

use super::*;
use crate::intake::render::HOTLINES;

#[test]
fn the_emergency_button_gives_the_numbers_wherever_the_resident_is_and_keeps_their_place() {
    // Before anything: just the numbers.
    let mut chat = Chat::new(Some(Lang::JA));
    chat.send(Input::Postback("cmd:emergency".into()));
    assert_eq!(chat.ids(), vec!["emergency-numbers", HOTLINES]);
    assert_eq!(chat.conv.phase, Phase::Idle);
    let text = chat.all_text();
    assert!(text.contains("110") && text.contains("119"), "{text}");

    // Mid-intake: the numbers, then the same question with its buttons.
    complete_until(&mut chat, Step::Household);
    let answers = chat.conv.answers.clone();
    chat.send(Input::Postback("cmd:emergency".into()));
    assert_eq!(chat.ids(), vec!["emergency-numbers", HOTLINES, "q-household"]);
    assert_eq!((chat.conv.step, &chat.conv.answers), (Step::Household, &answers));
    chat.tap("household:alone");
    assert_eq!(chat.conv.step, Step::Vulnerable);

    // Staff hold the case: the numbers still come, and nothing is taken for a message to staff.
    let mut chat = Chat::new(Some(Lang::VI));
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:person");
    chat.staff = Some((chat.conv.case_number.clone().unwrap(), false));
    chat.send(Input::Postback("cmd:emergency".into()));
    assert_eq!(chat.ids(), vec!["emergency-numbers", HOTLINES]);
    assert!(chat.last.effects.is_empty(), "{:?}", chat.last.effects);
    assert!(chat.all_text().contains("Cảnh sát"), "in the resident's language: {}", chat.all_text());
}

#[test]
fn the_emergency_word_typed_in_each_language_is_the_button() {
    for (lang, word) in [
        (Lang::JA, "緊急の連絡先"),
        (Lang::JA_SIMPLE, "きんきゅう"),
        (Lang::PT_BR, "emergencia"),
        (Lang::VI, "so khan cap"),
    ] {
        let mut chat = Chat::new(Some(lang));
        complete_until(&mut chat, Step::Household);
        chat.text(word);
        assert_eq!(chat.ids(), vec!["emergency-numbers", HOTLINES, "q-household"], "{lang:?} {word}");
    }
}

#[test]
fn the_language_button_before_any_intake_asks_and_the_choice_starts_one_in_that_language() {
    let mut chat = Chat::new(Some(Lang::JA));
    chat.send(Input::Postback("cmd:language".into()));
    assert_eq!(chat.conv.phase, Phase::Idle);
    assert_eq!(chat.conv.modal, Some(Modal::ChooseLanguage));
    chat.tap("lang:vi");
    assert_eq!(chat.conv.lang, Some(Lang::VI));
    assert_eq!(chat.conv.phase, Phase::Intake);
    assert_eq!(chat.conv.modal, None);
    assert!(chat.said("welcome"), "{:?}", chat.ids());
}

#[test]
fn the_language_button_mid_intake_switches_without_losing_the_answers() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Household);
    chat.send(Input::Postback("cmd:language".into()));
    chat.tap("lang:pt-BR");
    assert_eq!(chat.conv.lang, Some(Lang::PT_BR));
    assert_eq!(chat.ids(), vec!["language-changed", "q-household"]);
}

#[test]
fn the_start_button_starts_when_idle_and_asks_before_starting_over_mid_intake() {
    let mut chat = Chat::new(Some(Lang::PT_BR));
    chat.send(Input::Postback("cmd:restart".into()));
    assert_eq!(chat.conv.phase, Phase::Intake);
    assert!(chat.said("welcome"), "{:?}", chat.ids());

    complete_until(&mut chat, Step::Household);
    chat.send(Input::Postback("cmd:restart".into()));
    assert_eq!(chat.conv.modal, Some(Modal::ConfirmRestart), "the answers are not dropped on one tap");
    chat.tap("modal:no");
    assert_eq!(chat.conv.step, Step::Household);
}
