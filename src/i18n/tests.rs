//! The locales' structure: the same messages everywhere, labels that fit a LINE button,
//! numbers that agree with their nouns.

use fluent_bundle::FluentArgs;

use super::*;
use crate::line::message::MAX_LABEL_CHARS;

/// The ids of the messages that have a value (a `words-*` message has only `.words`).
fn valued_ids(lang: Lang) -> Vec<String> {
    let resource = fluent_syntax::parser::parse(source_of(lang)).unwrap_or_else(|(r, _)| r);
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) if m.value.is_some() => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_locale_has_exactly_the_same_messages() {
    let ja = Locales::ids(Lang::JA);
    assert!(!ja.is_empty());
    for lang in Lang::ALL {
        assert_eq!(Locales::ids(lang), ja, "locales/{} differs from locales/ja", lang.tag());
        assert_eq!(valued_ids(lang), valued_ids(Lang::JA), "locales/{}: messages with a value", lang.tag());
    }
}

#[test]
fn texts_have_no_bidi_isolation_marks() {
    let locales = Locales::load().unwrap();
    for lang in Lang::ALL {
        for id in valued_ids(lang) {
            let t = locales.text(lang, &id, None);
            assert!(!t.contains(['\u{2068}', '\u{2069}']), "{id} in {}", lang.tag());
            assert_ne!(t, id);
        }
    }
}

#[test]
fn plain_japanese_is_its_own_translation_and_tags_round_trip() {
    let locales = Locales::load().unwrap();
    // A real rewrite: every message differs from `ja`, but punctuation, the date and the
    // amount, which are written as on a Japanese calendar or price tag in both, and the
    // names on two cards, which are the words printed on them.
    let same_on_purpose = |id: &str| {
        ["list-separator", "date-md", "date-button", "amount-yen", "amount-group-separator"].contains(&id)
            || id.starts_with("weekday-")
            || ["doc-my_number_card", "doc-passport"].contains(&id)
    };
    // An empty value (a rich-menu image's second line that a language does not have) has
    // nothing to rewrite.
    let empty = |id: &str| locales.text(Lang::JA, id, None).is_empty();
    for id in valued_ids(Lang::JA).into_iter().filter(|id| !same_on_purpose(id) && !empty(id)) {
        assert_ne!(locales.text(Lang::JA_SIMPLE, &id, None), locales.text(Lang::JA, &id, None), "{id}");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
}

#[test]
fn every_button_label_fits_a_line_button_uncut() {
    let locales = Locales::load().unwrap();
    let mut too_long = Vec::new();
    for lang in Lang::ALL {
        let labels = valued_ids(lang)
            .into_iter()
            .filter(|id| id.starts_with("opt-") || id.starts_with("field-") || id == "lang-name");
        for id in labels {
            let label = locales.text(lang, &id, None);
            let n = label.chars().count();
            if n > MAX_LABEL_CHARS {
                too_long.push(format!("{} {id}: {n} characters: {label}", lang.tag()));
            }
        }
    }
    assert!(too_long.is_empty(), "labels over {MAX_LABEL_CHARS} characters:\n{}", too_long.join("\n"));
}

/// Variables that hold a count; every other variable gets a sample text.
const COUNT_VARIABLES: [&str; 3] = ["days", "adults", "children"];

fn render_with_count(locales: &Locales, lang: Lang, id: &str, vars: &[String], n: i64) -> String {
    let mut args = FluentArgs::new();
    for v in vars {
        if COUNT_VARIABLES.contains(&v.as_str()) {
            args.set(v.clone(), n);
        } else {
            args.set(v.clone(), "X");
        }
    }
    locales.format(lang, id, &args)
}

#[test]
fn a_count_of_one_takes_the_singular_in_every_locale() {
    let locales = Locales::load().unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for lang in Lang::ALL {
        for (id, vars) in Locales::variables(lang) {
            if !vars.iter().any(|v| COUNT_VARIABLES.contains(&v.as_str())) {
                continue;
            }
            checked += 1;
            let one = render_with_count(&locales, lang, &id, &vars, 1);
            let two = render_with_count(&locales, lang, &id, &vars, 2);
            // Each word that follows "2" in a plural form must not follow "1" too ("1 dias").
            for plural in words_after(&two, "2").filter(|w| w.ends_with('s')) {
                if one.contains(&format!("1 {plural}")) {
                    wrong.push(format!("{} {id}: \"1 {plural}\" in {one:?}", lang.tag()));
                }
            }
        }
    }
    assert!(checked >= Lang::ALL.len(), "the counts were found in every locale");
    assert!(wrong.is_empty(), "plural after 1:\n{}", wrong.join("\n"));
}

/// The words right after each standalone `number` in `text`.
fn words_after<'a>(text: &'a str, number: &'a str) -> impl Iterator<Item = &'a str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[0].trim_start_matches(['(', ':']) == number)
        .map(|w| w[1].trim_end_matches(|c: char| !c.is_alphabetic()))
        .collect::<Vec<_>>()
        .into_iter()
}

#[test]
fn the_plural_check_finds_a_singular_count_with_a_plural_noun() {
    let wrong: Vec<&str> = words_after("em até 2 dias (úteis)", "2").collect();
    assert_eq!(wrong, vec!["dias"]);
    let locales = Locales::load().unwrap();
    let mut args = FluentArgs::new();
    args.set("days", 1);
    args.set("number", "X");
    args.set("hours", "X");
    let sent = locales.format(Lang::PT_BR, "sent", &args);
    assert!(sent.contains("1 dia ") && !sent.contains("1 dias"), "{sent}");
}

#[test]
fn office_buttons_carry_the_japanese_name_on_the_sign() {
    // These labels also fill `{ $window }` in the appointment message: the resident must
    // find the counter by the name written on it.
    let locales = Locales::load().unwrap();
    for lang in Lang::ALL {
        let city_hall = locales.text(lang, "opt-window-city-hall", None);
        assert!(city_hall.contains("生活支援課"), "{}: {city_hall}", lang.tag());
        let council = locales.text(lang, "opt-window-council", None);
        assert!(council.contains("社会福祉協議会") || council.contains("社協"), "{}: {council}", lang.tag());
        let question = locales.text(lang, "q-window", None);
        assert!(question.contains("生活支援課") && question.contains("社会福祉協議会"), "{}", lang.tag());
    }
}
