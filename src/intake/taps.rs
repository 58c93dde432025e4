//! What a resident's tap was, for staff reading a transcript in another language: the
//! postback data is a code (`tonight:car`), so this names the question it answered and the
//! button the resident saw.

use super::{
    questions::{options, Command},
    Label, Step,
};
use crate::i18n::Lang;

/// A tap's meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Tap {
    /// The question's step code (`tonight`), or `cmd`, `lang`, `modal` for a command, a
    /// language or a confirmation: staff read its name as `tap-<topic>` (`locales/ja/staff.ftl`).
    pub topic: &'static str,
    /// The button as the resident saw it (a Fluent id, a language's own name, or a number).
    pub label: Label,
}

/// The tap that sent `data`, if it is one the intake offers.
pub fn tap(data: &str) -> Option<Tap> {
    let (scope, code) = data.split_once(':')?;
    let found = |topic, opts: Vec<super::questions::Opt>| {
        opts.into_iter().find(|o| o.code == code).map(|o| Tap { topic, label: o.label })
    };
    match scope {
        "cmd" => Command::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .map(|c| Tap { topic: "cmd", label: Label::Id(c.label()) }),
        "lang" => Lang::from_tag(code).map(|l| Tap { topic: "lang", label: Label::LangName(l) }),
        "modal" => {
            let o = super::questions::opt;
            found(
                "modal",
                vec![
                    o("yes", "opt-yes"),
                    o("no", "opt-no"),
                    o("continue", "opt-continue"),
                    o("restart", "opt-start-over"),
                ],
            )
        }
        s => {
            let step = Step::ALL.into_iter().find(|st| st.code() == s)?;
            found(step.code(), options(step))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_is_named_by_its_question_and_the_button_the_resident_saw() {
        assert_eq!(tap("tonight:car"), Some(Tap { topic: "tonight", label: Label::Id("opt-tonight-car") }));
        assert_eq!(tap("consent_share:yes"), Some(Tap { topic: "consent_share", label: Label::Id("opt-yes") }));
        assert_eq!(tap("adults:2"), Some(Tap { topic: "adults", label: Label::Literal("2".into()) }));
        assert_eq!(tap("lang:vi"), Some(Tap { topic: "lang", label: Label::LangName(Lang::VI) }));
        assert_eq!(tap("cmd:person").map(|t| t.topic), Some("cmd"));
        assert_eq!(tap("modal:continue").map(|t| t.label), Some(Label::Id("opt-continue")));
        for unknown in ["tonight:boat", "weather:sunny", "nonsense", "lang:xx"] {
            assert_eq!(tap(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn every_button_the_intake_offers_can_be_named() {
        for step in Step::ALL {
            for o in options(step) {
                assert!(tap(&format!("{}:{}", step.code(), o.code)).is_some(), "{}:{}", step.code(), o.code);
            }
        }
    }
}
