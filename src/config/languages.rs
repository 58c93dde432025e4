//! `[[languages]]`: which of the embedded locales residents are offered, in which order, and
//! which LINE profile languages map to each. Adding a language is a folder `locales/<tag>/`,
//! a rebuild and one entry here; no code.

use serde::Deserialize;

use crate::i18n::{self, Lang};

/// One `[[languages]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageEntry {
    /// The folder `locales/<tag>/` (BCP 47: `pt-BR`).
    pub tag: String,
    /// The language's name in itself, as its locale's `lang-name` says it ("English"):
    /// written here so the file reads on its own, checked against the locale.
    pub name: String,
    /// LINE profile languages that mean this one: a full tag (`pt-BR`) matches that tag, a
    /// bare language (`pt`) matches every region of it (`pt`, `pt-BR`, `pt-PT`).
    #[serde(default)]
    pub line_profile: Vec<String>,
}

/// The configured languages, in the order residents see them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Languages(Vec<LanguageEntry>);

/// The built-in list, used when the file has no `[[languages]]`: every language the project
/// ships, Japanese first.
const BUILT_IN: [(&str, &str, &[&str]); 5] = [
    ("ja", "日本語", &["ja"]),
    ("ja-simple", "やさしい にほんご", &[]),
    ("pt-BR", "Português", &["pt"]),
    ("vi", "Tiếng Việt", &["vi"]),
    ("en", "English", &["en"]),
];

impl Default for Languages {
    fn default() -> Self {
        Languages(
            BUILT_IN
                .iter()
                .map(|(tag, name, profile)| LanguageEntry {
                    tag: (*tag).to_owned(),
                    name: (*name).to_owned(),
                    line_profile: profile.iter().map(|p| (*p).to_owned()).collect(),
                })
                .collect(),
        )
    }
}

impl Languages {
    pub fn new(entries: Vec<LanguageEntry>) -> Self {
        Languages(entries)
    }

    pub fn entries(&self) -> &[LanguageEntry] {
        &self.0
    }

    /// The languages residents are offered, in order (all checked to be embedded).
    pub fn offered(&self) -> Vec<Lang> {
        self.0.iter().filter_map(|e| Lang::from_tag(&e.tag)).collect()
    }

    /// The language a LINE profile's `language` (BCP 47, e.g. `pt-BR`) maps to, if any: an
    /// entry naming the whole tag wins over one naming its language alone.
    pub fn from_profile(&self, profile: &str) -> Option<Lang> {
        let profile = profile.trim().replace('_', "-");
        let primary = profile.split('-').next().unwrap_or("");
        let find = |want: &str| self.0.iter().find(|e| e.line_profile.iter().any(|p| p.eq_ignore_ascii_case(want)));
        find(&profile).or_else(|| find(primary)).and_then(|e| Lang::from_tag(&e.tag))
    }

    /// Checks each entry against this build's locales; the error names the field.
    pub fn validate(&self) -> Result<(), String> {
        self.validate_with(i18n::missing_messages)
    }

    /// `validate`, with what each locale lacks from `missing` (a test's stand-in for an
    /// unfinished locale).
    fn validate_with(&self, missing: impl Fn(Lang) -> Vec<String>) -> Result<(), String> {
        if self.0.is_empty() {
            return Err("languages: at least one [[languages]] entry (ja) is needed".into());
        }
        let mut profiles: Vec<(String, usize)> = Vec::new();
        for (i, e) in self.0.iter().enumerate() {
            let at = format!("languages[{i}]");
            let Some(lang) = Lang::from_tag(&e.tag) else {
                return Err(format!(
                    "{at}.tag: no folder locales/{}/ in this build (it has {}); add the folder and rebuild",
                    e.tag,
                    Lang::ALL.map(Lang::tag).join(", ")
                ));
            };
            if lang.tag() != e.tag {
                return Err(format!("{at}.tag: write {:?} as the folder is named, {:?}", e.tag, lang.tag()));
            }
            if let Some(j) = self.0[..i].iter().position(|o| o.tag == e.tag) {
                return Err(format!("{at}.tag: {:?} is already languages[{j}]", e.tag));
            }
            check_name(&at, lang, &e.name)?;
            let missing = missing(lang);
            if !missing.is_empty() {
                return Err(format!(
                    "{at}.tag: locales/{}/ lacks {} message(s) that locales/ja/ has: {}",
                    e.tag,
                    missing.len(),
                    missing.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            for p in &e.line_profile {
                check_profile_code(&at, p)?;
                let key = p.to_ascii_lowercase().replace('_', "-");
                if let Some((_, j)) = profiles.iter().find(|(k, _)| *k == key) {
                    return Err(format!("{at}.line_profile: {p:?} is already in languages[{j}].line_profile"));
                }
                profiles.push((key, i));
            }
        }
        if !self.0.iter().any(|e| e.tag == Lang::JA.tag()) {
            return Err(
                "languages: \"ja\" must be listed: it is the staff's language and every other falls back on it".into(),
            );
        }
        Ok(())
    }
}

fn check_name(at: &str, lang: Lang, name: &str) -> Result<(), String> {
    let own = i18n::own_name(lang).unwrap_or_default();
    if name.trim() != own {
        return Err(format!(
            "{at}.name: {name:?}, but locales/{}/frontdesk.ftl says lang-name = {own:?} (residents see that one)",
            lang.tag()
        ));
    }
    Ok(())
}

/// A LINE profile language is a BCP 47 tag: letters and digits in subtags.
fn check_profile_code(at: &str, p: &str) -> Result<(), String> {
    let ok =
        !p.is_empty() && p.split(['-', '_']).all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !ok {
        return Err(format!("{at}.line_profile: {p:?} is not a language tag like \"pt\" or \"pt-BR\""));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn parsed(toml: &str) -> Result<Languages, String> {
        Settings::from_toml(toml).map(|s| s.languages)
    }

    fn entry(tag: &str, name: &str, profile: &[&str]) -> String {
        let profile = profile.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
        format!("[[languages]]\ntag = {tag:?}\nname = {name:?}\nline_profile = [{profile}]\n")
    }

    #[test]
    fn without_a_languages_section_every_built_in_language_is_offered_japanese_first() {
        let l = parsed("").unwrap();
        assert_eq!(l, Languages::default());
        assert_eq!(l.offered(), [Lang::JA, Lang::JA_SIMPLE, Lang::PT_BR, Lang::VI, Lang::EN]);
        l.validate().unwrap();
    }

    #[test]
    fn a_configured_list_is_offered_in_its_own_order() {
        let l = parsed(&(entry("en", "English", &["en"]) + &entry("ja", "日本語", &["ja"]))).unwrap();
        assert_eq!(l.offered(), [Lang::EN, Lang::JA]);
    }

    #[test]
    fn a_line_profile_language_maps_by_its_whole_tag_or_its_language() {
        let l = Languages::default();
        for (profile, want) in [
            ("ja", Some(Lang::JA)),
            ("pt-BR", Some(Lang::PT_BR)),
            ("pt", Some(Lang::PT_BR)),
            ("PT_br", Some(Lang::PT_BR)),
            ("vi", Some(Lang::VI)),
            ("en", Some(Lang::EN)),
            ("en-US", Some(Lang::EN)),
            ("fil", None),
            ("ne", None),
            ("zh-Hant", None),
            ("", None),
        ] {
            assert_eq!(l.from_profile(profile), want, "{profile:?}");
        }
        // Plain Japanese is the resident's choice: no profile says it.
        assert!(Lang::ALL.iter().all(|t| l.from_profile(t.tag()) != Some(Lang::JA_SIMPLE)));
        // A whole tag wins over a bare language: pt-PT may go elsewhere than pt.
        let l = parsed(&(entry("ja", "日本語", &["ja", "pt-PT"]) + &entry("pt-BR", "Português", &["pt"]))).unwrap();
        assert_eq!(l.from_profile("pt-PT"), Some(Lang::JA));
        assert_eq!(l.from_profile("pt-BR"), Some(Lang::PT_BR));
    }

    #[test]
    fn each_wrong_entry_stops_the_start_naming_its_field() {
        let ja = entry("ja", "日本語", &["ja"]);
        let table: Vec<(String, &str)> = vec![
            (
                ja.clone() + &entry("xx", "X", &[]),
                "languages[1].tag: no folder locales/xx/ in this build (it has en, ja, ja-simple, pt-BR, vi)",
            ),
            (
                ja.clone() + &entry("PT-br", "Português", &[]),
                "languages[1].tag: write \"PT-br\" as the folder is named, \"pt-BR\"",
            ),
            (ja.clone() + &entry("ja", "日本語", &[]), "languages[1].tag: \"ja\" is already languages[0]"),
            (entry("en", "English", &["en"]), "languages: \"ja\" must be listed"),
            (
                ja.clone() + &entry("en", "Inglês", &[]),
                "languages[1].name: \"Inglês\", but locales/en/frontdesk.ftl says lang-name = \"English\"",
            ),
            (
                ja.clone() + &entry("pt-BR", "Português", &["pt"]) + &entry("vi", "Tiếng Việt", &["PT"]),
                "languages[2].line_profile: \"PT\" is already in languages[1].line_profile",
            ),
            (
                ja.clone() + &entry("en", "English", &["en us"]),
                "languages[1].line_profile: \"en us\" is not a language tag",
            ),
            ("languages = []".to_owned(), "languages: at least one [[languages]] entry"),
            ("[[languages]]\ntag = \"ja\"\n".to_owned(), "missing field `name`"),
            (ja.clone() + "flag = \"x\"\n", "unknown field `flag`"),
        ];
        for (toml, want) in table {
            let e = parsed(&toml).unwrap_err();
            assert!(e.contains(want), "{toml}\n→ {e}\nwanted: {want}");
        }
    }

    #[test]
    fn a_locale_missing_messages_is_refused_but_a_fallback_locale_is_not() {
        let l = Languages::default();
        let unfinished = |lang: Lang| {
            if lang == Lang::EN {
                vec!["q-safety".to_owned(), "opt-yes.words".to_owned()]
            } else {
                i18n::missing_messages(lang)
            }
        };
        let e = l.validate_with(unfinished).unwrap_err();
        assert_eq!(e, "languages[4].tag: locales/en/ lacks 2 message(s) that locales/ja/ has: q-safety, opt-yes.words");
        // Plain Japanese borrows what it lacks from Japanese; every other locale is complete.
        for lang in Lang::ALL {
            assert_eq!(i18n::missing_messages(lang), Vec::<String>::new(), "{lang}");
        }
        assert_eq!(Lang::JA_SIMPLE.fallback(), Some(Lang::JA));
        assert_eq!(Lang::PT_BR.fallback(), None);
    }
}
