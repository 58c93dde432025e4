//! The languages offered come from configuration (`[[languages]]`): the language question,
//! the greeting said in every language, plain Japanese for a Japanese reader, and an English
//! reader answering by typing.

use super::*;
use crate::config::{LanguageEntry, Languages};

/// Settings offering only these languages, in this order.
fn offering(langs: &[Lang]) -> Settings {
    let entries = langs
        .iter()
        .map(|l| LanguageEntry {
            tag: l.tag().to_owned(),
            name: crate::i18n::own_name(*l).unwrap(),
            line_profile: Vec::new(),
        })
        .collect();
    Settings { languages: Languages::new(entries), ..Settings::default() }
}

#[test]
fn only_the_configured_languages_are_offered_in_their_order_and_taken() {
    let mut chat = Chat::new(None);
    chat.settings = offering(&[Lang::EN, Lang::JA]);
    chat.text("hello");
    assert_eq!(chat.conv.step, Step::Language);
    let data: Vec<&str> = chat.last.choices.iter().map(|c| c.data.as_str()).collect();
    assert_eq!(data, ["lang:en", "lang:ja"]);
    let say = |l| locales().text(l, "welcome-language", None);
    assert_eq!(chat.all_text(), format!("{}\n{}", say(Lang::EN), say(Lang::JA)));

    // A language not offered is not taken, typed or from an old button.
    chat.text("Português");
    assert_eq!(chat.conv.lang, None);
    chat.send(Input::Postback("lang:vi".into()));
    assert_eq!((chat.conv.lang, chat.conv.step), (None, Step::Language));
    chat.text("English");
    assert_eq!(chat.conv.lang, Some(Lang::EN));
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
    assert!(chat.all_text().contains("May we save it?"), "{}", chat.all_text());
}

#[test]
fn plain_japanese_is_offered_to_a_japanese_reader_only_where_it_is_configured() {
    let mut chat = Chat::new(Some(Lang::JA));
    chat.text("こんにちは");
    assert_eq!(chat.last.choices[0].data, "lang:ja-simple");

    let mut chat = Chat::new(Some(Lang::JA));
    chat.settings = offering(&[Lang::JA, Lang::EN]);
    chat.text("こんにちは");
    assert!(chat.last.choices.iter().all(|c| c.data != "lang:ja-simple"));
    assert_eq!(chat.conv.step, Step::ConsentRecord);
}

#[test]
fn an_english_reader_answers_every_question_by_typing_in_english() {
    let mut chat = Chat::new(Some(Lang::EN));
    chat.text("hi");
    assert!(chat.all_text().contains("Daily Life Help Desk"), "{}", chat.all_text());
    let typed = [
        ("yes", Step::ConsentShare),
        ("Yes", Step::Safety),
        ("no", Step::Tonight),
        ("in my car", Step::Topics),
        ("money", Step::Topics),
        ("done", Step::Household),
        ("alone", Step::Vulnerable),
        ("nobody", Step::Area),
        ("east", Step::Description),
        ("I lost my job and cannot pay the rent.", Step::Description),
        ("next", Step::Contact),
        ("phone", Step::Phone),
        ("090-1234-5678", Step::ContactTime),
        ("evening", Step::Interpreter),
        ("no thanks", Step::Window),
        ("either", Step::Summary),
    ];
    for (text, next) in typed {
        chat.text(text);
        assert_eq!(chat.conv.step, next, "after {text:?}: {}", chat.all_text());
    }
    let a = &chat.conv.answers;
    assert_eq!((a.consent_record, a.consent_share, a.in_danger), (Some(true), Some(true), Some(false)));
    assert_eq!((a.tonight, a.topics.clone()), (Some(Tonight::Car), vec![Topic::Money]));
    assert_eq!(
        (a.household, a.area, a.contact_time),
        (Some(Household::Alone), Some(Area::East), Some(ContactTime::Evening))
    );
    assert_eq!((a.interpreter, a.window), (Some(false), Some(Window::Any)));
    assert!(chat.all_text().contains("May we send it like this?"), "{}", chat.all_text());
    chat.text("send");
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    assert!(chat.all_text().contains("Your request number is 261123-0000"), "{}", chat.all_text());
}

#[test]
fn fine_and_ok_are_asked_again_where_yes_or_no_matters() {
    let mut chat = Chat::new(Some(Lang::EN));
    chat.text("hello");
    chat.text("ok");
    assert_eq!((chat.conv.step, chat.conv.answers.consent_record), (Step::ConsentRecord, None));
    chat.text("yes");
    chat.text("yes");
    // "I'm fine" to "are you in danger?" is a no.
    chat.text("I'm fine");
    assert_eq!((chat.conv.step, chat.conv.answers.in_danger), (Step::Tonight, Some(false)));
}
