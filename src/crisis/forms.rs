//! Expands one written list entry into the concrete phrases the detector looks for:
//! alternatives (`首/くび`, `để_dành/gom` where `_` joins words), optional words (`(を)`), and every inflected form of the word the
//! entry's class applies to (the last word, or the one in `[brackets]`).

use super::ja_verbs::{self, JaClass, Mood};
use super::pt_verbs::{self, Person};

/// How the inflected word of an entry is conjugated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Japanese(JaClass, Mood),
    Portuguese(Person),
}

impl Class {
    /// For people: "godan verb", "godan verb, wanting or meaning to", "verb, I do it".
    pub(super) fn describe(self) -> String {
        match self {
            Class::Japanese(c, Mood::All) => c.name().to_owned(),
            Class::Japanese(c, Mood::Will) => format!("{}, wanting or meaning to", c.name()),
            Class::Portuguese(p) => p.name().to_owned(),
        }
    }

    fn forms(self, lemma: &str) -> Result<Vec<String>, String> {
        match self {
            Class::Japanese(c, mood) => ja_verbs::forms(lemma, c, mood),
            Class::Portuguese(p) => pt_verbs::forms(lemma, p),
        }
    }
}

/// Object pronouns that go before a Brazilian verb ("me matar") or after it ("matar-me").
const CLITICS: [&str; 6] = ["me", "te", "se", "nos", "lhe", "lhes"];

struct Word {
    alternatives: Vec<String>,
    optional: bool,
    inflected: bool,
}

fn words(phrase: &str) -> Result<Vec<Word>, String> {
    let mut out = Vec::new();
    for token in phrase.split_whitespace() {
        let (token, optional) = match token.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            Some(t) => (t, true),
            None => (token, false),
        };
        let (token, inflected) = match token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(t) => (t, true),
            None => (token, false),
        };
        if token.is_empty() || token.contains(['(', ')', '[', ']']) {
            return Err(format!("bad word {token:?} in {phrase:?} (brackets around a whole word only)"));
        }
        // `_` joins words that make one alternative: "(mọi_người)", "để_dành/gom".
        let alternatives = token.split('/').map(|a| a.replace('_', " ")).collect::<Vec<_>>();
        if alternatives.iter().any(String::is_empty) {
            return Err(format!("empty alternative in {phrase:?}"));
        }
        out.push(Word { alternatives, optional, inflected });
    }
    Ok(out)
}

/// The forms of the inflected word of an entry, per written alternative: what a reviewer
/// reads to see what an entry matches (`lists/forms.txt`).
#[cfg(test)]
pub(super) fn inflections(phrase: &str, class: Class) -> Result<Vec<(String, Vec<String>)>, String> {
    let words = words(phrase)?;
    let word = words.iter().find(|w| w.inflected).or(words.last()).ok_or("empty phrase")?;
    word.alternatives.iter().map(|alt| Ok((alt.clone(), class.forms(alt)?))).collect()
}

/// Every concrete phrase `phrase` stands for, its words joined by spaces.
pub(super) fn expand(phrase: &str, class: Option<Class>) -> Result<Vec<String>, String> {
    let mut words = words(phrase)?;
    if words.is_empty() {
        return Err("empty phrase".into());
    }
    let marked = words.iter().filter(|w| w.inflected).count();
    match (class, marked) {
        (None, 0) => {}
        (None, _) => return Err(format!("[brackets] in {phrase:?} but no word class in the flags")),
        (Some(_), 0) => words.last_mut().expect("not empty").inflected = true,
        (Some(_), 1) => {}
        (Some(_), _) => return Err(format!("more than one [inflected] word in {phrase:?}")),
    }
    let mut slots: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for word in &words {
        let mut options = Vec::new();
        for alt in &word.alternatives {
            match class.filter(|_| word.inflected) {
                Some(c) => options.extend(c.forms(alt)?),
                None => options.push(alt.clone()),
            }
        }
        if word.optional {
            options.push(String::new());
        }
        slots.push(options);
    }
    let mut phrases = vec![String::new()];
    for options in &slots {
        let mut next = Vec::with_capacity(phrases.len() * options.len());
        for p in &phrases {
            for o in options {
                next.push(match (p.is_empty(), o.is_empty()) {
                    (_, true) => p.clone(),
                    (true, false) => o.clone(),
                    (false, false) => format!("{p} {o}"),
                });
            }
        }
        phrases = next;
    }
    if let Some(Class::Portuguese(_)) = class {
        phrases.extend(enclitic(&words, &slots));
    }
    phrases.dedup();
    Ok(phrases)
}

/// The same phrases with a pronoun written after the verb instead of before it: "me matar" is
/// also "matar-me" (the hyphen is a space once folded), "me mato" also "mato-me".
fn enclitic(words: &[Word], slots: &[Vec<String>]) -> Vec<String> {
    let Some(verb) = words.iter().position(|w| w.inflected) else { return Vec::new() };
    let Some(before) = verb.checked_sub(1) else { return Vec::new() };
    let mut out = Vec::new();
    for clitic in words[before].alternatives.iter().filter(|a| CLITICS.contains(&a.as_str())) {
        for form in &slots[verb] {
            let head = slots[..before].iter().map(|o| o.first().cloned().unwrap_or_default());
            let mut parts: Vec<String> = head.filter(|h| !h.is_empty()).collect();
            parts.push(format!("{form} {clitic}"));
            out.push(parts.join(" "));
        }
    }
    out
}
