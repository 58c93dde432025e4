//! Graded crisis answers: concern gets a warm message, the hotlines and "are you safe right
//! now?", where "no" escalates to danger; a phrase split over two sends is read whole.

use super::*;
use crate::{crisis::CrisisKind, intake::safety::SPLIT_WINDOW_MS, line::message::Action};

/// A stand-in detector: "SEM SAIDA" is hopelessness (concern), "ME MATAR" is suicide
/// (danger), read with spaces ignored as the real one does.
fn stand_in(text: &str) -> Option<CrisisKind> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if compact.contains("MEMATAR") {
        Some(CrisisKind::Suicide)
    } else if compact.contains("SEMSAIDA") {
        Some(CrisisKind::Hopelessness)
    } else {
        None
    }
}

fn chat_at_tonight(lang: Lang) -> Chat {
    let mut chat = Chat::new(Some(lang));
    chat.detector = stand_in;
    complete_until(&mut chat, Step::Tonight);
    chat
}

fn last_buttons(chat: &Chat) -> Vec<String> {
    match chat.rendered.last() {
        Some(Message::Text { quick_reply: Some(q), .. }) => q
            .items()
            .iter()
            .map(|i| match i.action() {
                Action::Postback { data, .. } => data.clone(),
                Action::Message { text, .. } => text.clone(),
                Action::Uri { uri, .. } => uri.clone(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn concern_names_the_feeling_offers_the_hotlines_and_asks_if_the_resident_is_safe() {
    for lang in Lang::ALL {
        let mut chat = chat_at_tonight(lang);
        chat.text("não vejo SEM SAIDA");
        let ids = chat.ids();
        let want = ["concern-hopelessness", "concern-offer", "@hotlines", "q-safe-now"];
        assert_eq!(ids, want, "{lang:?}: the check-in alone, no 'did not understand' before it");
        assert_eq!(last_buttons(&chat), ["modal:yes", "modal:no"], "{lang:?}");
        assert_eq!(chat.conv.answers.crisis, Some(CrisisKind::Hopelessness));
        assert_eq!(chat.last.effects, vec![Effect::SaveCase(Some(CaseReason::Crisis))], "staff see it now");
        assert!(!chat.said("crisis-message"), "no emergency wording for concern");
        let text = chat.all_text();
        assert!(text.contains(&locales().text(lang, "concern-hopelessness", None)), "{lang:?}: {text}");
    }
}

#[test]
fn safe_goes_back_to_the_question_and_not_safe_escalates_to_danger() {
    let mut chat = chat_at_tonight(Lang::PT_BR);
    chat.text("SEM SAIDA");
    chat.tap("modal:yes");
    assert!(chat.said("safe-thanks") && chat.said("q-tonight"), "{:?}", chat.ids());
    assert!(!chat.conv.answers.emergency);
    assert_eq!(chat.conv.modal, None);

    let mut chat = chat_at_tonight(Lang::VI);
    chat.text("SEM SAIDA");
    chat.tap("modal:no");
    assert!(chat.said("crisis-message") && chat.said("emergency-numbers"), "{:?}", chat.ids());
    assert!(chat.conv.answers.emergency, "the case becomes an emergency");
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(None)]);
    assert!(chat.said("q-tonight"), "and the intake goes on");
}

#[test]
fn it_is_fine_at_the_safety_check_means_safe_and_ok_asks_again() {
    let mut chat = chat_at_tonight(Lang::JA);
    chat.text("SEM SAIDA");
    chat.text("大丈夫");
    assert!(chat.said("safe-thanks"), "{:?}", chat.ids());
    let mut chat = chat_at_tonight(Lang::JA);
    chat.text("SEM SAIDA");
    chat.text("ok");
    assert!(chat.said("reask-unclear") && chat.said("q-safe-now"), "{:?}", chat.ids());
    assert_eq!(chat.conv.modal, Some(Modal::SafeNow));
}

#[test]
fn a_resident_who_keeps_writing_is_not_held_up_by_the_safety_check() {
    let mut chat = chat_at_tonight(Lang::JA);
    chat.text("SEM SAIDA");
    chat.text("車で寝ます");
    assert_eq!(chat.conv.modal, None);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Car), "the text answers the question as usual");
    assert_eq!(chat.conv.answers.crisis, Some(CrisisKind::Hopelessness), "the concern stays on the case");
}

#[test]
fn danger_after_concern_raises_the_case_and_gets_the_safety_message_at_once() {
    let mut chat = chat_at_tonight(Lang::PT_BR);
    chat.text("SEM SAIDA");
    chat.text("vou ME MATAR");
    assert_eq!(chat.ids()[0], "crisis-message", "danger is answered first");
    assert_eq!(chat.conv.answers.crisis, Some(CrisisKind::Suicide));
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(None)], "the same case, raised");
}

#[test]
fn a_phrase_split_over_two_messages_is_read_whole_within_a_short_window() {
    let mut chat = chat_at_tonight(Lang::PT_BR);
    chat.text("eu vou ME");
    assert_eq!(chat.conv.answers.crisis, None);
    chat.text("MATAR");
    assert_eq!(chat.conv.answers.crisis, Some(CrisisKind::Suicide), "the two sends together");
    assert!(chat.said("crisis-message"));
    chat.text("obrigado");
    assert!(!chat.said("crisis-message"), "what alarmed once is not joined again");

    let mut late = chat_at_tonight(Lang::PT_BR);
    late.text("eu vou ME");
    late.now += SPLIT_WINDOW_MS;
    late.text("MATAR");
    assert_eq!(late.conv.answers.crisis, None, "not after the window");
    assert!(format!("{:?}", late.conv).contains("RecentText("), "kept for the window, never shown in logs");
    assert!(!format!("{:?}", late.conv).contains("MATAR"));
}

#[test]
fn a_split_phrase_is_found_by_the_real_detector_too() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Tonight);
    assert_eq!(detector().detect("もう死に"), None);
    assert_eq!(detector().detect("たい"), None);
    chat.text("もう死に");
    chat.text("たい");
    assert_eq!(chat.conv.answers.crisis, Some(CrisisKind::Suicide));
}
