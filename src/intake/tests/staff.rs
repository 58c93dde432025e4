//! The conversation beside staff: the relay while staff hold a case, the bot taking over
//! again after they close it, and the resident's request to erase their data.

use super::*;

/// A resident whose case is open (they asked for a person mid-intake).
fn with_open_case(lang: Lang) -> (Chat, String) {
    let mut chat = Chat::new(Some(lang));
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:person");
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    let number = chat.conv.case_number.clone().unwrap();
    (chat, number)
}

#[test]
fn while_staff_hold_the_case_the_resident_is_told_once_and_the_bot_stays_quiet() {
    let (mut chat, number) = with_open_case(Lang::PT_BR);
    chat.staff = Some((number.clone(), false));
    chat.text("Oi, alguém pode me ajudar?");
    assert_eq!(chat.ids(), vec!["staff-handling"]);
    assert!(chat.all_text().contains(&number) && chat.all_text().contains("atendente"), "{}", chat.all_text());
    assert_eq!(chat.last.effects, vec![Effect::StaffNotified]);
    // Once told, the resident's messages just go to staff.
    chat.staff = Some((number.clone(), true));
    chat.text("Obrigado");
    assert!(chat.last.messages.is_empty() && chat.last.effects.is_empty());
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    // A photo still joins the case.
    chat.send(Input::Attachment(Attachment { message_id: "m1".into(), kind: AttachmentKind::Image, file_name: None }));
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(None)]);
    assert!(chat.last.messages.is_empty());
}

#[test]
fn a_crisis_during_the_relay_still_gets_the_safety_answer_at_once() {
    let (mut chat, number) = with_open_case(Lang::JA);
    chat.staff = Some((number, true));
    chat.text("もう死にたい");
    assert!(chat.said("crisis-message"));
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(None)], "the open case is marked");
    assert_eq!(chat.conv.answers.crisis, Some(crate::crisis::CrisisKind::Suicide));
}

#[test]
fn the_language_can_still_be_changed_while_staff_hold_the_case() {
    let (mut chat, number) = with_open_case(Lang::JA);
    chat.staff = Some((number, true));
    chat.text("Tiếng Việt");
    assert_eq!(chat.conv.lang, Some(Lang::VI));
    assert_eq!(chat.ids(), vec!["language-changed"]);
}

#[test]
fn a_case_staff_hold_is_not_confused_with_another() {
    let (mut chat, _) = with_open_case(Lang::JA);
    chat.staff = Some(("000000-0000".into(), false));
    chat.text("こんにちは");
    assert!(chat.said("case-open-notice"), "not this resident's held case: the bot answers as usual");
}

#[test]
fn after_staff_close_the_case_the_bot_greets_and_starts_a_new_intake() {
    let (mut chat, number) = with_open_case(Lang::VI);
    chat.closed_case = Some(number.clone());
    chat.text("Xin chào");
    assert_eq!(chat.ids()[0], "case-closed-restart");
    assert!(chat.all_text().contains(&number));
    assert!(chat.said("q-consent-record"), "{:?}", chat.ids());
    assert_eq!(chat.conv.phase, Phase::Intake);
    assert_eq!(chat.conv.case_number, None);
    assert_eq!(chat.conv.lang, Some(Lang::VI), "the language is kept");
    // The closed case is not reopened by what comes next.
    chat.tap("consent_record:yes");
    assert!(chat.said("q-consent-share"));
}

#[test]
fn an_erasure_request_is_confirmed_first_and_works_in_every_language_and_phase() {
    for (lang, words, yes) in [
        (Lang::JA, "データを消してください", "はい"),
        (Lang::JA_SIMPLE, "データを けして", "はい"),
        (Lang::PT_BR, "Apagar meus dados", "sim"),
        (Lang::VI, "xóa dữ liệu của tôi", "có"),
    ] {
        let mut chat = Chat::new(Some(if lang == Lang::JA_SIMPLE { Lang::JA } else { lang }));
        if lang == Lang::JA_SIMPLE {
            chat.text("こんにちは");
            chat.tap("lang:ja-simple");
        }
        complete_until(&mut chat, Step::Household);
        chat.text(words);
        assert_eq!(chat.ids(), vec!["q-erase-confirm"], "{lang:?}");
        assert!(chat.last.effects.is_empty(), "nothing is recorded before the resident confirms");
        chat.text(yes);
        assert_eq!(chat.last.effects, vec![Effect::RequestErasure], "{lang:?}");
        assert!(chat.said("erase-requested") && chat.said("q-household"), "{lang:?}: {:?}", chat.ids());
    }
    // Declining records nothing; with a case open, the case notice follows.
    let (mut chat, _) = with_open_case(Lang::JA);
    chat.text("データの削除");
    chat.tap("modal:no");
    assert!(chat.last.effects.is_empty());
    assert!(chat.said("erase-not-requested") && chat.said("case-open-notice"));
    // Anything else is asked again.
    chat.text("データの削除");
    chat.text("うーん");
    assert!(chat.said("reask-choose") && chat.said("q-erase-confirm"));
    assert!(chat.last.effects.is_empty());
}

#[test]
fn erasure_words_are_not_crisis_words() {
    for words in ["データを消して", "記録を消してください", "Apagar meus dados", "xóa dữ liệu"] {
        assert_eq!(detector().detect(words), None, "{words}");
    }
}

#[test]
fn staff_who_claim_a_crisis_case_mid_intake_take_over_from_the_questions() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Household);
    chat.text("もう死にたい");
    let number = chat.conv.case_number.clone().unwrap();
    assert_eq!(chat.conv.phase, Phase::Intake);
    chat.staff = Some((number.clone(), false));
    chat.text("ひとりです");
    assert_eq!(chat.ids(), vec!["staff-handling"], "no more questions while staff talk with the resident");
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    chat.staff = None;
    chat.closed_case = Some(number);
    chat.text("ありがとう");
    assert_eq!(chat.ids()[0], "case-closed-restart");
    assert_eq!(chat.conv.phase, Phase::Intake);
}
