//! The word-list format and its parser: each written entry becomes the concrete phrases it
//! stands for (see `forms`), each ready to match against the prepared forms of a text.

use std::fmt;

use super::forms::{self, Class};
use super::ja_verbs::{JaClass, Mood};
use super::prepared::{is_word_char, Prepared, Span};
use super::pt_verbs::Person;
use super::CrisisKind;

/// Where a denial sits relative to the risk wording it takes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// "nunca pensei em …": the denial comes first.
    Before,
    /// 「…と思ったことはない」: the denial follows.
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    Risk(CrisisKind),
    /// A look-alike: cancels the risk wording it overlaps.
    Not,
    /// A denial: cancels the risk wording right next to it in the same sentence.
    Never(Side),
    /// A report about others (the news, a film): in its sentence, only the writer's own
    /// wishes and acts (`will`, `verb-eu`, `self` entries) still count.
    About,
    /// An everyday reason for a concern sign anywhere in the message (a goodbye because of a
    /// move, "see you next week"): that concern kind is not raised. Never a danger kind.
    Explains(CrisisKind),
}

/// The half of a two-part sign an entry is: loss with isolation needs both in one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A recent severe loss: a death, a job and home lost.
    Loss,
    /// Having no one: alone, no one to turn to.
    Alone,
}

/// One entry as a person wrote it, for saying which entry matched.
#[derive(Debug, Clone)]
pub(super) struct Written {
    pub(super) label: Label,
    pub(super) phrase: String,
    pub(super) class: Option<Class>,
    pub(super) role: Option<Role>,
    /// The writer's own wish or act (「死にたい」, "quero morrer"): a report does not hide it.
    pub(super) own: bool,
}

/// One concrete phrase, ready to match.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// Index of the written entry it comes from.
    pub(super) written: usize,
    /// Whole words in `folded` (or in `exact` if `exact`); `None` for a Japanese-script phrase.
    words: Option<Vec<char>>,
    exact: bool,
    /// The phrase ends in `*`: the last word may go on ("suicid*" → "suicidio", "suicidar").
    prefix: bool,
    /// Substring of `compact`: Japanese-script phrases, and Latin ones marked `spaced`.
    compact: Option<Vec<char>>,
    /// A Japanese-script phrase: also looked for in the romaji reading of Latin words.
    pub(super) japanese: bool,
}

impl Entry {
    /// The whole-word phrase, for the detector's index.
    pub(super) fn words(&self) -> Option<(&[char], bool)> {
        self.words.as_deref().map(|w| (w, self.exact))
    }

    /// The compact phrase, for the detector's index.
    pub(super) fn compact(&self) -> Option<&[char]> {
        self.compact.as_deref()
    }

    /// The whole-word phrase, if it starts at `start` of the folded (or exact) form.
    pub(super) fn words_at(&self, text: &Prepared, start: usize) -> Option<Span> {
        let words = self.words.as_ref()?;
        let hay = if self.exact { &text.exact } else { &text.folded };
        let end = start + words.len();
        if end > hay.len() || hay[start..end] != **words {
            return None;
        }
        let left_ok = start == 0 || !is_word_char(text.folded[start - 1]);
        let right_ok = self.prefix || end == hay.len() || !is_word_char(text.folded[end]);
        (left_ok && right_ok).then_some(Span { start, end, exact: self.exact })
    }

    /// The compact phrase, if it starts at `start` of a compact stream (`stream`, with the
    /// `folded` position of each of its chars in `at`).
    pub(super) fn compact_at(&self, stream: &[char], at: &[usize], start: usize) -> Option<Span> {
        let needle = self.compact.as_ref()?;
        let end = start + needle.len();
        if needle.is_empty() || end > stream.len() || stream[start..end] != **needle {
            return None;
        }
        Some(Span { start: at[start], end: at[end - 1] + 1, exact: false })
    }
}

/// A problem in a word list, with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListError {
    pub(super) line: usize,
    message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The flags of one line.
#[derive(Default)]
struct Flags {
    spaced: bool,
    exact: bool,
    class: Option<Class>,
    role: Option<Role>,
    own: bool,
}

fn parse_flags(flags: &str) -> Result<Flags, String> {
    let mut out = Flags::default();
    let mut ja: Option<JaClass> = None;
    let mut will = false;
    for flag in flags.split([',', ' ']).filter(|f| !f.is_empty()) {
        match flag {
            "spaced" => out.spaced = true,
            "exact" => out.exact = true,
            "will" => will = true,
            "self" => out.own = true,
            "loss" => out.role = Some(Role::Loss),
            "alone" => out.role = Some(Role::Alone),
            _ => {
                if let Some(c) = JaClass::from_flag(flag) {
                    ja = Some(c);
                } else if let Some(p) = Person::from_flag(flag) {
                    out.class = Some(Class::Portuguese(p));
                } else {
                    return Err(format!("unknown flag {flag:?}"));
                }
            }
        }
    }
    out.own |= matches!(out.class, Some(Class::Portuguese(Person::Me)));
    match (ja, will, out.class) {
        (Some(_), _, Some(_)) => return Err("a Japanese and a Portuguese word class at once".into()),
        (Some(c), will, None) => {
            out.class = Some(Class::Japanese(c, if will { Mood::Will } else { Mood::All }));
            out.own |= will;
        }
        (None, true, _) => return Err("`will` needs a Japanese word class (godan, ichidan, suru, kuru)".into()),
        _ => {}
    }
    Ok(out)
}

/// Parses the label and, for a denial, takes the `…` out of the phrase.
fn parse_label<'a>(code: &str, phrase: &'a str) -> Result<(Label, &'a str), String> {
    Ok(match code {
        "not" => (Label::Not, phrase),
        "about" => (Label::About, phrase),
        _ if code.starts_with("explains:") => {
            let kind = CrisisKind::from_code(&code["explains:".len()..]).ok_or(format!("unknown kind in {code:?}"))?;
            if kind.level() == super::Level::Danger {
                return Err("an everyday reason never explains away a danger kind".into());
            }
            (Label::Explains(kind), phrase)
        }
        "never" => {
            let (before, after) = phrase
                .split_once('…')
                .or_else(|| phrase.split_once("..."))
                .ok_or("a denial shows where the risk wording goes with …")?;
            match (before.trim(), after.trim()) {
                ("", a) if !a.is_empty() => (Label::Never(Side::After), a),
                (b, "") if !b.is_empty() => (Label::Never(Side::Before), b),
                _ => return Err("a denial has words on one side of … only".into()),
            }
        }
        _ => (Label::Risk(CrisisKind::from_code(code).ok_or(format!("unknown kind {code:?}"))?), phrase),
    })
}

/// Every parsed list: the entries as written, and the concrete phrases they stand for.
#[derive(Debug, Clone, Default)]
pub(super) struct Lists {
    pub(super) written: Vec<Written>,
    pub(super) entries: Vec<Entry>,
}

impl Lists {
    /// Adds one list: `kind<TAB>phrase[<TAB>flags]` per line, `#` comments, blank lines ignored.
    pub(super) fn parse(&mut self, source: &str) -> Result<(), ListError> {
        let before = self.written.len();
        for (n, raw) in source.lines().enumerate() {
            self.parse_line(raw).map_err(|message| ListError { line: n + 1, message })?;
        }
        if self.written.len() == before {
            return Err(ListError { line: 0, message: "the list is empty".into() });
        }
        Ok(())
    }

    fn parse_line(&mut self, raw: &str) -> Result<(), String> {
        let content = raw.split('#').next().unwrap_or("").trim_end();
        if content.trim().is_empty() {
            return Ok(());
        }
        let mut fields = content.split('\t');
        let code = fields.next().unwrap_or("").trim();
        let phrase = fields.next().map(str::trim).unwrap_or("");
        let flags = parse_flags(fields.next().unwrap_or(""))?;
        if fields.next().is_some() {
            return Err("more than three tab-separated fields".into());
        }
        let (label, body) = parse_label(code, phrase)?;
        if (label == Label::Risk(CrisisKind::LossIsolation)) != flags.role.is_some() {
            return Err("loss_isolation entries, and only they, are flagged `loss` or `alone`".into());
        }
        let (body, prefix) = match body.strip_suffix('*') {
            Some(p) => (p, true),
            None => (body, false),
        };
        let written = self.written.len();
        for concrete in forms::expand(body, flags.class)? {
            let prepared = Prepared::new(&concrete);
            if prepared.folded.is_empty() {
                return Err(format!("no letters in phrase {phrase:?} (is the separator a tab?)"));
            }
            let latin = prepared.folded.iter().all(|&c| c == ' ' || is_word_char(c));
            if !latin && (flags.spaced || flags.exact || prefix) {
                return Err("`spaced`, `exact` and `*` are for Latin-script phrases".into());
            }
            let entry = if latin {
                Entry {
                    written,
                    words: Some(if flags.exact { prepared.exact } else { prepared.folded }),
                    exact: flags.exact,
                    prefix,
                    compact: flags.spaced.then_some(prepared.compact),
                    japanese: false,
                }
            } else {
                Entry {
                    written,
                    words: None,
                    exact: false,
                    prefix: false,
                    compact: Some(prepared.compact),
                    japanese: true,
                }
            };
            self.entries.push(entry);
        }
        self.written.push(Written {
            label,
            phrase: phrase.to_owned(),
            class: flags.class,
            role: flags.role,
            own: flags.own,
        });
        Ok(())
    }
}
