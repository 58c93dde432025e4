use std::collections::BTreeMap;

use super::*;
use crate::line::message::Action;

fn settings() -> PhrasebookSettings {
    let place = |code: &str, name: &str, pt: &str| Place {
        code: code.into(),
        name: name.into(),
        names: BTreeMap::from([("pt-BR".into(), pt.into())]),
        address: "〒000-0000 みなと市中央1-1-1".into(),
        map_url: None,
    };
    PhrasebookSettings {
        places: vec![
            place("city_hall", "市役所 生活支援課", "Prefeitura (市役所)"),
            place("council", "社会福祉協議会", "Conselho (社協)"),
        ],
        ..Default::default()
    }
}

fn question(id: &str, choices: Choices) -> StaffQuestion {
    let entered = BTreeMap::from([
        ("date".to_owned(), "2026-12-10".to_owned()),
        ("time".to_owned(), "14:00".to_owned()),
        ("place".to_owned(), "city_hall".to_owned()),
    ]);
    StaffQuestion { phrase: FilledPhrase::parse(id, &entered, &settings()).unwrap(), choices }
}

fn text_of(m: &Message) -> String {
    serde_json::to_value(m).unwrap()["text"].as_str().unwrap().to_owned()
}

/// (label, postback data) of each button.
fn buttons(m: &Message) -> Vec<(String, String)> {
    let Message::Text { quick_reply: Some(q), .. } = m else { panic!("no buttons: {m:?}") };
    q.items()
        .iter()
        .map(|i| match i.action() {
            Action::Postback { label, data, .. } => (label.clone(), data.clone()),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_yes_no_question_goes_out_in_the_residents_language_with_two_buttons_naming_it() {
    let locales = Locales::load().unwrap();
    let q = question("pb-appointment-can-you-come", Choices::YesNo);
    let m = q.message(&locales, Lang::PT_BR, "7", "261210-0001").unwrap();
    let text = text_of(&m);
    assert!(text.starts_with("Você pode vir quinta-feira, 10/12, às 14:00?"), "{text}");
    assert_eq!(buttons(&m), [("Sim".to_owned(), "ask:7:yes".to_owned()), ("Não".to_owned(), "ask:7:no".to_owned())]);
    assert_eq!(q.meaning_ja(&locales, "yes").as_deref(), Some("はい"));
}

#[test]
fn offered_times_are_short_buttons_in_every_language_and_mean_the_full_date_in_japanese() {
    let locales = Locales::load().unwrap();
    let items = ["2026-12-10 14:00".to_owned(), "2026-12-11 9:30".to_owned()];
    let choices = Choices::parse("times", &items, &settings()).unwrap();
    let q = question("pb-question-which-time", choices);
    for lang in Lang::ALL {
        // Every label within LINE's 20 characters, or building the message fails.
        let m = q.message(&locales, lang, "3", "n").unwrap();
        assert_eq!(buttons(&m).len(), 3, "two times and none of these");
    }
    let vi = buttons(&q.message(&locales, Lang::VI, "3", "n").unwrap());
    assert_eq!(vi[0], ("T5 10/12 14:00".to_owned(), "ask:3:1".to_owned()));
    let ja = buttons(&q.message(&locales, Lang::JA, "3", "n").unwrap());
    assert_eq!(ja[1].0, "12/11(金) 9:30");
    assert_eq!(q.meaning_ja(&locales, "1").as_deref(), Some("12月10日（木）14:00"));
    assert_eq!(q.meaning_ja(&locales, "none").as_deref(), Some("どれも無理"));
    assert_eq!(q.meaning_ja(&locales, "3"), None);
    assert_eq!(q.meaning_ja(&locales, "yes"), None);
}

#[test]
fn places_are_listed_by_number_in_the_text_and_answered_by_number() {
    let locales = Locales::load().unwrap();
    let items = ["council".to_owned(), "city_hall".to_owned()];
    let q = question("pb-question-which-place", Choices::parse("places", &items, &settings()).unwrap());
    let m = q.message(&locales, Lang::PT_BR, "9", "n").unwrap();
    let text = text_of(&m);
    assert!(text.ends_with("\n1. Conselho (社協)\n2. Prefeitura (市役所)"), "{text}");
    assert_eq!(buttons(&m).iter().map(|b| b.0.as_str()).collect::<Vec<_>>(), ["1", "2", "Nenhum dá certo"]);
    assert_eq!(q.meaning_ja(&locales, "2").as_deref(), Some("市役所 生活支援課"));
}

#[test]
fn typed_answers_are_read_in_any_language_and_anything_else_is_no_answer() {
    let locales = Locales::load().unwrap();
    let yes_no = question("pb-first-good-time", Choices::YesNo);
    for (typed, expected) in [("Sim", Some("yes")), ("có", Some("yes")), ("はい", Some("yes")), ("não", Some("no"))]
    {
        assert_eq!(yes_no.read_typed(typed, &locales).as_deref(), expected, "{typed}");
    }
    assert_eq!(yes_no.read_typed("talvez amanhã", &locales), None);
    let items = ["2026-12-10 14:00".to_owned(), "2026-12-11 9:30".to_owned()];
    let times = question("pb-question-which-time", Choices::parse("times", &items, &settings()).unwrap());
    assert_eq!(times.read_typed("２", &locales).as_deref(), Some("2"), "full-width digits");
    assert_eq!(times.read_typed("3", &locales), None);
}

#[test]
fn a_question_needs_two_to_six_known_choices() {
    let s = settings();
    let one = ["2026-12-10 14:00".to_owned()];
    assert_eq!(Choices::parse("times", &one, &s), Err(CaseworkError::Invalid("選択肢は2つから6つまでです")));
    let bad = ["2026-12-10".to_owned(), "2026-12-11 9:30".to_owned()];
    assert!(Choices::parse("times", &bad, &s).is_err());
    let unknown = ["council".to_owned(), "the_moon".to_owned()];
    assert!(Choices::parse("places", &unknown, &s).is_err());
    assert!(Choices::parse("colour", &[], &s).is_err());
    assert_eq!(Choices::parse("yes_no", &[], &s), Ok(Choices::YesNo));
}

#[test]
fn staff_ask_with_phrases_that_ask_and_the_answers_each_takes() {
    let locales = Locales::load().unwrap();
    let askable: Vec<(String, &str)> = askable(&locales).into_iter().map(|(p, k)| (p.id, k)).collect();
    let kind_of = |id: &str| askable.iter().find(|(p, _)| p == id).map(|(_, k)| *k);
    assert_eq!(kind_of("pb-question-which-time"), Some("times"));
    assert_eq!(kind_of("pb-question-which-place"), Some("places"));
    assert_eq!(kind_of("pb-appointment-can-you-come"), Some("yes_no"));
    assert_eq!(kind_of("pb-first-good-time"), Some("yes_no"));
    assert_eq!(kind_of("pb-appointment-come"), None, "not a question");
    for (id, _) in &askable {
        assert!(locales.text(Lang::JA, id, None).ends_with("か。") || id.starts_with("pb-question-"), "{id}");
    }
    let s = settings();
    let slots = BTreeMap::from([
        ("date".to_owned(), "2026-12-10".to_owned()),
        ("time".to_owned(), "14:00".to_owned()),
        ("place".to_owned(), "city_hall".to_owned()),
    ]);
    let q = StaffQuestion::compose(&locales, "pb-appointment-can-you-come", &slots, "yes_no", &[], &s).unwrap();
    assert_eq!(q.choices, Choices::YesNo);
    assert_eq!(
        q.gloss_ja(&locales, "n"),
        "12月10日（木）の14:00に、市役所 生活支援課に来ることができますか。\n\n〒000-0000 みなと市中央1-1-1\n［はい／いいえ］"
    );
    let wrong = StaffQuestion::compose(&locales, "pb-appointment-can-you-come", &slots, "times", &[], &s);
    assert_eq!(wrong.map_err(|e| e.why), Err(CaseworkError::Invalid("この文例には、この答え方は使えません")));
    let not_a_question = StaffQuestion::compose(&locales, "pb-appointment-come", &slots, "yes_no", &[], &s);
    assert_eq!(not_a_question.map_err(|e| e.why), Err(CaseworkError::Invalid("この文例は質問に使えません")));
}

#[test]
fn a_stored_question_reads_back_as_asked_and_its_codes_survive_a_change_of_places() {
    let s = settings();
    let q =
        StaffQuestion::stored("pb-question-which-place", Some("{}"), "places", Some(r#"["council","city_hall"]"#), &s)
            .unwrap();
    assert_eq!(q.choices.codes(), ["1", "2", "none"]);
    let none = PhrasebookSettings::default();
    assert_eq!(
        StaffQuestion::stored(
            "pb-question-which-place",
            Some("{}"),
            "places",
            Some(r#"["council","city_hall"]"#),
            &none
        ),
        None
    );
    assert_eq!(stored_codes("places", Some(r#"["council","city_hall"]"#)), ["1", "2", "none"]);
    assert_eq!(stored_codes("yes_no", Some("[]")), ["yes", "no"]);
    assert!(stored_codes("times", None).is_empty(), "erased");
    assert_eq!(StaffQuestion::stored("pb-first-good-time", None, "yes_no", None, &s), None, "erased");
}
