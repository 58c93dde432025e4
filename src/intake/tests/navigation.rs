//! Moving through the conversation: back, changing an answer from the summary, starting
//! over, asking for a person, switching language, a long pause, blocking and returning.

use super::*;

#[test]
fn back_returns_to_the_previous_question_keeping_answers() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:back");
    assert_eq!(chat.conv.step, Step::Tonight);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk));
    chat.text("もどる");
    assert_eq!(chat.conv.step, Step::Safety);
    chat.tap("safety:no");
    chat.tap("tonight:friend");
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Friend));
    assert_eq!(chat.conv.answers.consent_share, Some(true));
}

#[test]
fn changing_an_answer_from_the_summary_returns_to_the_summary() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_with_buttons(&mut chat);
    chat.tap("summary:change");
    chat.tap("change:tonight");
    chat.tap("tonight:outside");
    assert_eq!(chat.conv.step, Step::Summary);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Outside));
    // A group of questions is asked through before returning.
    chat.tap("summary:change");
    chat.tap("change:household");
    chat.tap("household:alone");
    assert_eq!(chat.conv.step, Step::Vulnerable);
    chat.tap("vulnerable:none");
    assert_eq!(chat.conv.step, Step::Summary);
    assert_eq!(chat.conv.answers.topics, vec![Topic::Housing, Topic::Money], "other answers untouched");
}

#[test]
fn restart_asks_first_and_then_starts_over() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Household);
    chat.text("最初から");
    assert!(chat.said("q-restart-confirm"));
    chat.tap("modal:no");
    assert_eq!(chat.conv.step, Step::Household);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk));
    chat.text("やり直し");
    chat.text("はい");
    assert!(chat.said("restarted"));
    assert_eq!(chat.conv.step, Step::ConsentRecord);
    assert_eq!(chat.conv.answers.tonight, None);
}

#[test]
fn talk_to_a_person_opens_a_case_at_once_in_any_language() {
    for (lang, words) in
        [(Lang::JA, "人と話したい"), (Lang::PT_BR, "falar com uma pessoa"), (Lang::VI, "nói chuyện với người")]
    {
        let mut chat = Chat::new(Some(lang));
        complete_until(&mut chat, Step::Topics);
        chat.text(words);
        assert_eq!(chat.last.effects, vec![Effect::SaveCase(Some(CaseReason::AskedForStaff))], "{lang:?}");
        assert!(chat.said("person-case-opened"));
        assert_eq!(chat.conv.phase, Phase::CaseOpen);
        assert!(chat.conv.answers.asked_for_staff);
        assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk), "what is known goes with it");
    }
}

#[test]
fn switching_language_keeps_answers_and_repeats_the_question() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Tonight);
    chat.text("idioma");
    assert!(chat.said("q-language"));
    chat.tap("lang:vi");
    assert_eq!(chat.conv.lang, Some(Lang::VI));
    assert!(chat.said("language-changed") && chat.said("q-tonight"));
    assert!(chat.all_text().contains("tối nay") || chat.all_text().contains("Tối nay"), "{}", chat.all_text());
    assert_eq!(chat.conv.answers.consent_record, Some(true));
    chat.text("ことば");
    chat.text("やさしい にほんご");
    assert_eq!(chat.conv.lang, Some(Lang::JA_SIMPLE));
}

#[test]
fn an_unknown_profile_language_asks_for_the_language_in_every_offered_one() {
    let mut chat = Chat::new(None);
    chat.text("hello");
    assert_eq!(chat.conv.step, Step::Language);
    let text = chat.all_text();
    for l in Lang::ALL {
        assert!(text.contains(&locales().text(l, "welcome-language", None)), "{l:?}");
    }
    let labels: Vec<String> = chat
        .rendered
        .iter()
        .filter_map(|m| match m {
            Message::Text { quick_reply: Some(q), .. } => Some(
                q.items()
                    .iter()
                    .map(|i| match i.action() {
                        Action::Postback { label, .. } | Action::Message { label, .. } | Action::Uri { label, .. } => {
                            label.clone()
                        }
                    })
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(labels, vec!["日本語", "やさしい にほんご", "Português", "Tiếng Việt", "English"]);
    chat.text("portugues");
    assert_eq!(chat.conv.lang, Some(Lang::PT_BR));
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
}

#[test]
fn after_a_long_pause_the_resident_may_continue_or_start_over() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Area);
    chat.now += 25 * HOUR;
    chat.text("こんにちは");
    assert!(chat.said("q-resume"));
    chat.tap("modal:continue");
    assert_eq!(chat.conv.step, Step::Area);
    assert!(chat.said("q-area"));
    chat.now += 25 * HOUR;
    chat.text("hi");
    chat.tap("modal:restart");
    assert_eq!(chat.conv.step, Step::ConsentRecord);
}

#[test]
fn unfollow_silences_and_follow_greets_again() {
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Area);
    chat.send(Input::Unfollow);
    assert!(chat.last.messages.is_empty());
    assert!(chat.conv.blocked);
    chat.send(Input::Follow);
    assert!(!chat.conv.blocked);
    assert!(chat.said("welcome") && chat.said("q-resume"));
    chat.tap("modal:continue");
    assert_eq!(chat.conv.answers.area, None);
    assert_eq!(chat.conv.step, Step::Area);
}
