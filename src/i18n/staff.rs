//! Staff-facing words: Japanese only (`locales/ja/staff.ftl`), plus the Japanese labels of
//! every answer (`locales/ja/frontdesk.ftl`), so a case reads the same in Japanese whatever
//! language the resident used.

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::I18nError;

const STAFF: &str = include_str!("../../locales/ja/staff.ftl");
const RESIDENT_JA: &str = include_str!("../../locales/ja/frontdesk.ftl");

pub struct StaffText {
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for StaffText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffText")
    }
}

impl StaffText {
    pub fn load() -> Result<Self, I18nError> {
        Self::from_sources(&[STAFF, RESIDENT_JA])
    }

    fn from_sources(sources: &[&str]) -> Result<Self, I18nError> {
        let err = |reason: String| I18nError::Locale { lang: "ja (staff.ftl)", reason };
        let id: LanguageIdentifier = "ja".parse().map_err(|e| err(format!("{e}")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        for &source in sources {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, e)| err(format!("{e:?}")))?;
            // An id defined in both files is an error: the two must not disagree.
            bundle.add_resource(resource).map_err(|e| err(format!("{e:?}")))?;
        }
        Ok(StaffText { bundle })
    }

    /// The message `id`; a missing one yields its id (and is caught by the tests).
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        match self.bundle.get_message(id).and_then(|m| m.value()) {
            Some(p) => {
                let mut errors = Vec::new();
                self.bundle.format_pattern(p, args, &mut errors).into_owned()
            }
            None => id.to_owned(),
        }
    }

    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The label of a code outside the `codes!` sets (a language tag, a history line's
    /// kind; those sets are labelled by `casework::labels`): `label("lang", "vi")` is
    /// `lang-vi`'s text; a language without a Japanese label here (one added by a folder and
    /// a config entry alone) reads as its own name; another unknown code as it is.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        let id = format!("{prefix}-{code}");
        if self.bundle.has_message(&id) {
            return self.text(&id);
        }
        match crate::i18n::Lang::from_tag(code).filter(|_| prefix == "lang") {
            Some(lang) => crate::i18n::own_name(lang).unwrap_or_else(|| code.to_owned()),
            None => code.to_owned(),
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        casework::{canned::Template, Outcome, Role, Status},
        codes::Code,
        crisis::CrisisKind,
        intake::answers::{Area, ContactMethod, ContactTime, Household, Tonight, Topic, Vulnerable, Window},
        intake::CaseReason,
        routing::{Priority, Queue},
    };

    #[test]
    fn every_code_staff_see_has_a_japanese_label() {
        let t = StaffText::load().unwrap();
        fn labels_of<T: Code>() -> impl Iterator<Item = String> {
            T::ALL.iter().map(|v| v.label().to_owned())
        }
        let mut ids: Vec<String> = Vec::new();
        ids.extend(labels_of::<Queue>().chain(labels_of::<Priority>()).chain(labels_of::<Status>()));
        ids.extend(labels_of::<Outcome>().chain(labels_of::<Role>()).chain(labels_of::<Template>()));
        ids.extend(
            labels_of::<Tonight>()
                .chain(labels_of::<Topic>())
                .chain(labels_of::<Household>())
                .chain(labels_of::<Vulnerable>()),
        );
        ids.extend(
            labels_of::<Area>()
                .chain(labels_of::<ContactMethod>())
                .chain(labels_of::<ContactTime>())
                .chain(labels_of::<Window>()),
        );
        ids.extend(labels_of::<CrisisKind>().chain(labels_of::<CaseReason>()));
        ids.extend(crate::i18n::Lang::ALL.iter().map(|l| format!("lang-{}", l.tag())));
        for id in ids {
            assert!(t.has(&id), "locales/ja/staff.ftl lacks {id}");
        }
        assert_eq!(t.label("queue", "housing"), "住まい支援");
        assert_eq!(t.label("queue", "boats"), "boats");
        assert_eq!(t.label("lang", "en"), "英語");
    }

    #[test]
    fn a_language_without_a_japanese_label_reads_as_its_own_name() {
        // A language added by a folder and a config entry alone, before staff.ftl names it.
        let t = StaffText::from_sources(&["lang-ja = 日本語\n"]).unwrap();
        assert_eq!(t.label("lang", "ja"), "日本語");
        assert_eq!(t.label("lang", "en"), "English");
        assert_eq!(t.label("lang", "pt-BR"), "Português");
        assert_eq!(t.label("lang", "xx"), "xx", "not a language of this build: shown as it is");
        assert_eq!(t.label("queue", "en"), "en", "only languages read as a language");
    }
}
