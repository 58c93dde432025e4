//! Stored codes in staff's Japanese: shared by the dashboard, the API and the coordinators'
//! alerts, so a case reads the same wherever staff see it. Every label is the Fluent message
//! its code names (`codes::Code::label`).

use fluent_bundle::FluentArgs;

use crate::{
    codes::Code,
    i18n::{staff::StaffText, Lang, Locales},
    intake::{answers::Household, Label},
};

/// The Japanese label of a value.
pub fn ja<T: Code>(t: &StaffText, value: T) -> String {
    t.text(value.label())
}

/// The Japanese label of a stored code; a code this build does not know is shown as it is.
pub fn stored<T: Code>(t: &StaffText, code: &str) -> String {
    T::from_code(code).map_or_else(|| code.to_owned(), |v| ja(t, v))
}

/// The Japanese label of a stored answer ("なし" when unanswered or unknown).
pub fn answer<T: Code>(t: &StaffText, code: Option<&str>) -> String {
    match code.and_then(T::from_code) {
        Some(v) => ja(t, v),
        None => t.text("value-none"),
    }
}

/// The Japanese labels of a stored comma-separated list of codes.
pub fn list<T: Code>(t: &StaffText, codes: &str) -> Vec<String> {
    crate::codes::split::<T>(codes).into_iter().map(|v| ja(t, v)).collect()
}

/// Each value with its code and label, as the dashboard's selects list them.
pub fn choices<T: Code>(t: &StaffText, values: impl IntoIterator<Item = T>) -> Vec<serde_json::Value> {
    values.into_iter().map(|v| serde_json::json!({ "code": v.code(), "label": ja(t, v) })).collect()
}

/// The household: alone, or how many adults and children.
pub fn household(t: &StaffText, household: Option<&str>, adults: Option<i64>, children: Option<i64>) -> String {
    match (household, adults, children) {
        (Some(h), _, _) if h == Household::Alone.code() => ja(t, Household::Alone),
        (Some(_), Some(a), Some(ch)) => {
            let mut args = FluentArgs::new();
            args.set("adults", a);
            args.set("children", ch);
            t.format("household-summary", Some(&args))
        }
        (h, _, _) => answer::<Household>(t, h),
    }
}

/// A resident's tap as staff read it in a transcript: the button as the resident saw it,
/// in their language, and what it means in Japanese (「Trong xe」 → 今夜の場所：車の中).
/// `None` for data the intake never offers (shown as it is).
pub fn tap(t: &StaffText, locales: &Locales, lang: Option<Lang>, data: &str) -> Option<TapGloss> {
    let tap = crate::intake::tap(data)?;
    let in_lang = |l: Lang| match &tap.label {
        Label::Id(id) => locales.text(l, id, None),
        Label::LangName(of) => locales.text(*of, "lang-name", None),
        Label::Literal(s) => s.clone(),
    };
    let shown = in_lang(lang.unwrap_or(Lang::JA));
    let meaning = format!("{}：{}", t.text(&format!("tap-{}", tap.topic)), in_lang(Lang::JA));
    Some(TapGloss { shown, meaning })
}

/// A tap on a button of staff's question (`ask:<id>:<code>`): the button as the resident
/// saw it in `lang` (the language it was sent in) and the answer's Japanese meaning
/// (「Sim」 → 質問への回答：はい). `None` when the question cannot be read back (erased).
pub fn question_tap(
    t: &StaffText,
    locales: &Locales,
    lang: Lang,
    question: &crate::casework::questions::StaffQuestion,
    code: &str,
) -> Option<TapGloss> {
    let meaning = question.meaning_ja(locales, code)?;
    let shown = question.label(locales, lang, code);
    Some(TapGloss { shown, meaning: format!("{}：{meaning}", t.text("tap-ask")) })
}

/// See `tap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TapGloss {
    pub shown: String,
    pub meaning: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_shows_what_the_resident_saw_and_what_it_means_in_japanese() {
        let t = StaffText::load().unwrap();
        let locales = Locales::load().unwrap();
        let car = tap(&t, &locales, Some(Lang::VI), "tonight:car").unwrap();
        assert_eq!(car.shown, locales.text(Lang::VI, "opt-tonight-car", None));
        assert_eq!(car.meaning, "今夜の場所：車の中");
        let share = tap(&t, &locales, Some(Lang::PT_BR), "consent_share:yes").unwrap();
        assert_eq!(share.meaning, "協力機関との共有への同意：はい");
        assert_eq!(share.shown, locales.text(Lang::PT_BR, "opt-yes", None));
        let lang = tap(&t, &locales, Some(Lang::JA), "lang:pt-BR").unwrap();
        assert_eq!(lang.meaning, format!("言語：{}", locales.text(Lang::PT_BR, "lang-name", None)));
        assert_eq!(tap(&t, &locales, Some(Lang::VI), "tonight:boat"), None);
    }

    #[test]
    fn a_tap_on_a_question_shows_its_button_and_the_answer_in_japanese() {
        use crate::casework::questions::{Choices, StaffQuestion};
        let t = StaffText::load().unwrap();
        let locales = Locales::load().unwrap();
        let phrase = crate::casework::phrases::FilledPhrase { id: "pb-first-good-time".into(), values: vec![] };
        let q = StaffQuestion { phrase, choices: Choices::YesNo };
        let g = question_tap(&t, &locales, Lang::PT_BR, &q, "yes").unwrap();
        assert_eq!(g.shown, locales.text(Lang::PT_BR, "opt-yes", None));
        assert_eq!(g.meaning, "質問への回答：はい");
        assert_eq!(question_tap(&t, &locales, Lang::PT_BR, &q, "7"), None);
    }

    #[test]
    fn every_tap_topic_has_a_japanese_name() {
        let t = StaffText::load().unwrap();
        let topics = crate::intake::Step::ALL.map(|s| s.code()).into_iter().chain(["cmd", "lang", "modal"]);
        for topic in topics {
            assert!(t.has(&format!("tap-{topic}")), "tap-{topic} in locales/ja/staff.ftl");
        }
    }
}
