//! Resident-facing words: Fluent bundles from `locales/<tag>/`, one per language, with the
//! fallback chain `ja-simple` → `ja`. No resident-facing string lives in Rust code.

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// The languages residents can use. Stored as their tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ja,
    /// Plain Japanese (やさしい日本語); `simple` is a registered BCP 47 variant.
    JaSimple,
    PtBr,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Ja, Lang::JaSimple, Lang::PtBr, Lang::Vi];

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::JaSimple => "ja-simple",
            Lang::PtBr => "pt-BR",
            Lang::Vi => "vi",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The language to look in when a message is missing here.
    fn fallback(self) -> Option<Lang> {
        match self {
            Lang::JaSimple => Some(Lang::Ja),
            _ => None,
        }
    }
}

/// The `.ftl` sources, embedded so the binary runs from any directory.
const SOURCES: [(Lang, &str); 4] = [
    (Lang::Ja, include_str!("../../locales/ja/frontdesk.ftl")),
    (Lang::JaSimple, include_str!("../../locales/ja-simple/frontdesk.ftl")),
    (Lang::PtBr, include_str!("../../locales/pt-BR/frontdesk.ftl")),
    (Lang::Vi, include_str!("../../locales/vi/frontdesk.ftl")),
];

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales/{lang}: {reason}")]
    Locale { lang: &'static str, reason: String },
}

pub struct Locales {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales").finish_non_exhaustive()
    }
}

impl Locales {
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles = Vec::new();
        for (lang, source) in SOURCES {
            let err = |reason: String| I18nError::Locale { lang: lang.tag(), reason };
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, e)| err(format!("{e:?}")))?;
            let id: LanguageIdentifier = lang.tag().parse().map_err(|e| err(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Fluent wraps placeables in U+2068/U+2069 by default; in a LINE message they
            // are invisible garbage.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|e| err(format!("{e:?}")))?;
            bundles.push((lang, bundle));
        }
        Ok(Locales { bundles })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        &self.bundles.iter().find(|(l, _)| *l == lang).expect("every Lang has a bundle").1
    }

    /// The message `id` in `lang` (or its fallback). A missing message yields its id, so a
    /// gap shows up in tests instead of as silence.
    pub fn text(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        let mut current = Some(lang);
        while let Some(l) = current {
            let bundle = self.bundle(l);
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let s = bundle.format_pattern(pattern, args, &mut errors);
                if errors.is_empty() {
                    return s.into_owned();
                }
                tracing::error!(message_id = id, lang = l.tag(), "fluent formatting error");
                return s.into_owned();
            }
            current = l.fallback();
        }
        tracing::error!(message_id = id, lang = lang.tag(), "missing fluent message");
        id.to_owned()
    }

    /// The message ids a language defines (for the completeness test).
    pub fn ids(lang: Lang) -> Vec<String> {
        let source = SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s).unwrap_or_default();
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
        let mut ids: Vec<String> = resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_exactly_the_same_messages() {
        let ja = Locales::ids(Lang::Ja);
        assert!(!ja.is_empty());
        for lang in Lang::ALL {
            assert_eq!(Locales::ids(lang), ja, "locales/{} differs from locales/ja", lang.tag());
        }
    }

    #[test]
    fn texts_have_no_bidi_isolation_marks() {
        let locales = Locales::load().unwrap();
        for lang in Lang::ALL {
            for id in Locales::ids(lang) {
                let t = locales.text(lang, &id, None);
                assert!(!t.contains(['\u{2068}', '\u{2069}']), "{id} in {}", lang.tag());
                assert_ne!(t, id);
            }
        }
    }

    #[test]
    fn plain_japanese_is_its_own_translation_and_tags_round_trip() {
        let locales = Locales::load().unwrap();
        assert_ne!(locales.text(Lang::JaSimple, "ack-received", None), locales.text(Lang::Ja, "ack-received", None));
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }
}
