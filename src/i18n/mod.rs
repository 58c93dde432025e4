//! Resident-facing words: Fluent bundles from `locales/<tag>/`, one per language, with the
//! fallback chain `ja-simple` → `ja`. No resident-facing string lives in Rust code.

pub mod phrasebook;
pub mod staff;

use std::collections::HashMap;

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource};
use fluent_syntax::ast;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unic_langid::LanguageIdentifier;

use crate::text::normalize;

/// A language residents can use: one folder `locales/<tag>/`, embedded at build time
/// (`build.rs`). Which of them residents are offered, in which order, and which LINE profile
/// languages map to each is configuration (`[[languages]]`, `config::Languages`). Stored
/// as its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

// `Lang::ALL` and `SOURCES`, generated from the folders of `locales/`.
include!(concat!(env!("OUT_DIR"), "/locales.rs"));

impl Lang {
    /// Japanese: the base every other locale is checked against, the last fallback, and the
    /// staff's language.
    pub const JA: Lang = Lang("ja");
    /// Plain Japanese (やさしい日本語; `simple` is a registered BCP 47 variant): a resident's
    /// choice, never read from a LINE profile; falls back to `ja`.
    pub const JA_SIMPLE: Lang = Lang("ja-simple");
    /// For tests only: production code never names these (configuration does).
    pub const PT_BR: Lang = Lang("pt-BR");
    pub const VI: Lang = Lang("vi");
    pub const EN: Lang = Lang("en");

    pub fn tag(self) -> &'static str {
        self.0
    }

    /// The embedded language with this tag (ASCII case ignored).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Japanese, plain or not (`ja` and the languages that fall back to it): what staff read
    /// without a gloss.
    pub fn is_japanese(self) -> bool {
        self == Lang::JA || self.fallback() == Some(Lang::JA)
    }

    /// The language to look in when a message is missing here: the tag without its last
    /// subtag, if that is embedded (`ja-simple` → `ja`). `pt-BR` has no `pt` and falls back
    /// to nothing, so every message must be there.
    pub fn fallback(self) -> Option<Lang> {
        let (base, _) = self.0.rsplit_once('-')?;
        Lang::from_tag(base)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        Lang::from_tag(&tag).ok_or_else(|| serde::de::Error::custom(format!("unknown language {tag}")))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales/{lang}: {reason}")]
    Locale { lang: &'static str, reason: String },
}

pub struct Locales {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Normalised label and `.words` of each message, in all languages (typed answers).
    words: HashMap<String, Vec<String>>,
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
        let mut words: HashMap<String, Vec<String>> = HashMap::new();
        for (lang, source) in SOURCES {
            for (id, value, attrs) in plain_messages(source) {
                let mut forms = vec![normalize(&value)];
                for (name, text) in attrs {
                    if name == "words" {
                        forms.extend(text.split([',', '、', '，']).map(normalize).filter(|w| !w.is_empty()));
                    }
                }
                if id == "lang-name" {
                    // A language is also found by its own name alone.
                    words.entry(lang_words_id(lang)).or_default().extend(forms.iter().cloned());
                }
                let entry = words.entry(id).or_default();
                for f in forms {
                    if !f.is_empty() && !entry.contains(&f) {
                        entry.push(f);
                    }
                }
            }
        }
        Ok(Locales { bundles, words })
    }

    /// Formats `id` with `args`, in `lang`.
    pub fn format(&self, lang: Lang, id: &str, args: &FluentArgs) -> String {
        self.text(lang, id, Some(args))
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

    /// The message ids a language defines, each with its attribute names, sorted (for the
    /// completeness test).
    pub fn ids(lang: Lang) -> Vec<String> {
        let mut ids: Vec<String> = plain_messages(source_of(lang))
            .into_iter()
            .flat_map(|(id, _, attrs)| {
                std::iter::once(id.clone()).chain(attrs.into_iter().map(move |(a, _)| format!("{id}.{a}")))
            })
            .collect();
        ids.sort();
        ids
    }

    /// The variables each message of a language uses (for the variables test).
    pub fn variables(lang: Lang) -> HashMap<String, Vec<String>> {
        let resource = fluent_syntax::parser::parse(source_of(lang)).unwrap_or_else(|(r, _)| r);
        let mut out = HashMap::new();
        for entry in &resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = Vec::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut vars);
                }
                vars.sort();
                vars.dedup();
                out.insert(m.id.name.to_owned(), vars);
            }
        }
        out
    }
}

/// The messages (and attributes) `ja` defines that `lang` lacks, for a language that has no
/// fallback to borrow them from: what a configured language must not miss.
pub fn missing_messages(lang: Lang) -> Vec<String> {
    if lang.fallback().is_some() {
        return Vec::new();
    }
    let have = Locales::ids(lang);
    Locales::ids(Lang::JA).into_iter().filter(|id| have.binary_search(id).is_err()).collect()
}

/// The language's name in itself: `lang-name` in its own locale (or its fallback's).
pub fn own_name(lang: Lang) -> Option<String> {
    let mut current = Some(lang);
    while let Some(l) = current {
        if let Some((_, value, _)) = plain_messages(source_of(l)).into_iter().find(|(id, _, _)| id == "lang-name") {
            return Some(value.trim().to_owned());
        }
        current = l.fallback();
    }
    None
}

/// The vocabulary id whose words name a language: its `lang-name` and `.words` in every
/// locale.
pub fn lang_words_id(lang: Lang) -> String {
    format!("lang-name@{}", lang.tag())
}

impl crate::intake::Vocabulary for Locales {
    fn words(&self, id: &str) -> &[String] {
        self.words.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn source_of(lang: Lang) -> &'static str {
    SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s).unwrap_or_default()
}

/// Each message's id, its value as plain text (placeables dropped) and its attributes.
/// A message's id, plain value and (attribute name, plain value) pairs.
type PlainMessage = (String, String, Vec<(String, String)>);

fn plain_messages(source: &str) -> Vec<PlainMessage> {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    let plain = |p: &ast::Pattern<&str>| -> String {
        p.elements
            .iter()
            .map(|e| match e {
                ast::PatternElement::TextElement { value } => *value,
                ast::PatternElement::Placeable { .. } => "",
            })
            .collect()
    };
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some((
                m.id.name.to_owned(),
                m.value.as_ref().map(plain).unwrap_or_default(),
                m.attributes.iter().map(|a| (a.id.name.to_owned(), plain(&a.value))).collect(),
            )),
            _ => None,
        })
        .collect()
}

fn collect_vars(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            collect_expr_vars(expression, out);
        }
    }
}

fn collect_expr_vars(e: &ast::Expression<&str>, out: &mut Vec<String>) {
    match e {
        ast::Expression::Inline(i) => collect_inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            collect_inline_vars(selector, out);
            for v in variants {
                collect_vars(&v.value, out);
            }
        }
    }
}

fn collect_inline_vars(i: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
        ast::InlineExpression::Placeable { expression } => collect_expr_vars(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod plain_japanese;
#[cfg(test)]
mod tests;
