//! Properties over many random conversations: no panic, LINE's limits kept, no answer lost,
//! and every message id and variable the code uses present in every locale.

use super::*;

/// Deterministic pseudo-random inputs (no dependency on a property-testing crate).
fn random_input(rng: &mut fastrand::Rng, offered: &[Choice]) -> Input {
    let words = [
        "はい",
        "いいえ",
        "nao",
        "sim",
        "co",
        "khong",
        "もどる",
        "最初から",
        "言語",
        "idioma",
        "人と話したい",
        "3",
        "１",
        "0",
        "99",
        "🙂",
        "",
        "   ",
        "車",
        "carro",
        "xe",
        "決定",
        "pronto",
        "xong",
        "090-1234-5678",
        "死にたい",
        "quero morrer",
        "muốn chết",
        "死ぬほどおいしい",
        "次へ",
    ];
    match rng.u8(0..10) {
        0..=4 if !offered.is_empty() => Input::Postback(offered[rng.usize(0..offered.len())].data.clone()),
        5 => Input::Sticker,
        6 => Input::Attachment(Attachment {
            message_id: format!("m{}", rng.u32(..)),
            kind: AttachmentKind::Image,
            file_name: None,
        }),
        7 => Input::Location(Location { latitude: 35.0, longitude: 137.0, address: None }),
        8 if rng.bool() => [Input::Follow, Input::Unfollow, Input::Unsupported, Input::Postback("junk".into())]
            [rng.usize(0..4)]
        .clone(),
        _ => Input::Text(words[rng.usize(0..words.len())].to_owned()),
    }
}

#[test]
fn any_sequence_of_inputs_never_panics_breaks_limits_or_loses_an_answer() {
    let mut rng = fastrand::Rng::with_seed(20261123);
    for _ in 0..300 {
        let profile = [None, Some(Lang::JA), Some(Lang::PT_BR), Some(Lang::VI)][rng.usize(0..4)];
        let mut chat = Chat::new(profile);
        for _ in 0..60 {
            let before = chat.conv.clone();
            let input = random_input(&mut rng, &chat.last.choices.clone());
            chat.send(input.clone());
            chat.now += rng.i64(0..2 * HOUR);
            let (a, b) = (&before.answers, &chat.conv.answers);
            // An answer given stays given, unless the resident started over, changed it from
            // the summary, or cancelled.
            let reset = chat.said("restarted")
                || chat.said("cancelled")
                || chat.said("welcome")
                || before.step == Step::ChangeWhich;
            if !reset && before.step != Step::Summary {
                if a.consent_share.is_some() {
                    assert!(b.consent_share.is_some(), "{input:?}");
                }
                if a.tonight.is_some() && before.step != Step::Tonight {
                    assert_eq!(a.tonight, b.tonight, "{input:?}");
                }
                assert!(b.description.len() >= a.description.len() || before.step == Step::ChangeWhich);
                assert!(b.attachments.len() >= a.attachments.len());
            }
            // The crisis flag, once raised, stays.
            if a.crisis.is_some() {
                assert!(b.crisis.is_some());
            }
            // Never silent to a resident who can hear us.
            if !chat.conv.blocked && !matches!(input, Input::Unfollow) {
                assert!(!chat.rendered.is_empty(), "silence after {input:?} at {:?}", before.step);
            }
        }
    }
}

#[test]
fn every_message_id_and_variable_the_code_uses_exists_in_every_locale() {
    // Record what the conversation actually asks for, over many random conversations.
    let mut used: std::collections::HashMap<&'static str, std::collections::BTreeSet<&'static str>> =
        Default::default();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut record = |out: &Output| {
        for m in &out.messages {
            for p in &m.parts {
                used.entry(p.id).or_default().extend(p.args.iter().map(|(n, _)| *n));
                for (_, arg) in &p.args {
                    if let Arg::Part(inner) = arg {
                        used.entry(inner.id).or_default().extend(inner.args.iter().map(|(n, _)| *n));
                    }
                }
            }
        }
    };
    for _ in 0..200 {
        let mut chat = Chat::new([None, Some(Lang::JA)][rng.usize(0..2)]);
        for _ in 0..50 {
            let input = random_input(&mut rng, &chat.last.choices.clone());
            chat.send(input);
            record(&chat.last);
        }
    }
    let mut chat = Chat::new(Some(Lang::JA));
    complete_with_buttons(&mut chat);
    record(&chat.last);
    used.entry("hotline-line").or_default().extend(["name", "number", "time"]);
    used.entry("centre-hours").or_default().extend(["open", "close"]);
    used.entry("centre-hours-day").or_default().extend(["weekday", "open", "close"]);
    used.entry("centre-hours-week").or_default().extend(["week"]);
    for lang in Lang::ALL {
        let vars = Locales::variables(lang);
        for (id, passed) in &used {
            if id.starts_with('@') {
                continue;
            }
            let Some(needed) = vars.get(*id) else { panic!("{id} is missing in locales/{}", lang.tag()) };
            for v in needed {
                assert!(
                    passed.contains(v.as_str()) || DEPLOYMENT_VARIABLES.contains(&v.as_str()),
                    "locales/{}: {id} uses ${v}, which the code does not pass",
                    lang.tag()
                );
            }
        }
    }
}
