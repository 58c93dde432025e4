//! Internals of the crisis detector: the word-list format and its parser, and the matching of a
//! list entry against the prepared (normalised, aligned) forms of a text.

use std::fmt;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::text;

use super::CrisisKind;

/// Half-open range of positions in [`Prepared::folded`], and whether the phrase found there was
/// matched with its diacritics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: usize,
    end: usize,
    exact: bool,
}

impl Span {
    pub(super) fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether this exclusion cancels the overlapping risk phrase `risk`. Diacritics settle it
    /// first: what was written with them says which word it is, so an exclusion that needs its
    /// diacritics ("từ từ", slowly) beats a risk phrase found without them ("muon tu tu"), and a
    /// risk phrase found with them ("tự tử") is not cancelled by a diacritic-free exclusion
    /// ("tu tu thoi", take it easy). Otherwise the exclusion wins unless the risk phrase is
    /// longer and contains it (「死ぬほどつらい」 over 「死ぬほど」).
    pub(super) fn outranks(&self, risk: &Span) -> bool {
        match (self.exact, risk.exact) {
            (true, false) => true,
            (false, true) => false,
            _ => !risk.strictly_covers(self),
        }
    }

    /// Contains `other` and is longer than it.
    pub(super) fn strictly_covers(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end && self.end - self.start > other.end - other.start
    }
}

/// The text in the forms phrases are matched against. `folded` and `exact` run in parallel
/// (same length, same spaces), so every match is reported in `folded` positions and spans from
/// different forms can be compared.
pub(super) struct Prepared {
    /// `text::normalize`: lower case, no diacritics, katakana as hiragana, punctuation as spaces.
    pub(super) folded: Vec<char>,
    /// The same with the diacritics kept (lower case, NFC).
    pub(super) exact: Vec<char>,
    /// `folded` without spaces and with the Japanese spelling folds (see [`fold_kana`]).
    pub(super) compact: Vec<char>,
    /// For each `compact` char its position in `folded`.
    compact_at: Vec<usize>,
}

impl Prepared {
    pub(super) fn new(input: &str) -> Self {
        let mut folded = Vec::with_capacity(input.len());
        let mut exact = Vec::with_capacity(input.len());
        let mut gap = false;
        // The same steps as `text::normalize`, one character at a time, so the diacritic-keeping
        // form stays aligned with the folded one.
        for c in input.nfkc().flat_map(char::to_lowercase) {
            if is_combining_mark(c) {
                // Only a mark that found nothing to compose with under NFKC is left here.
                continue;
            }
            // ASCII needs no normalising: a letter or digit is itself, anything else a gap.
            let mut ascii = [0u8; 1];
            let mut buf = [0; 4];
            let plain: std::borrow::Cow<str> = if c.is_ascii_alphanumeric() {
                std::borrow::Cow::Borrowed(c.encode_utf8(&mut ascii))
            } else if c.is_ascii() {
                std::borrow::Cow::Borrowed("")
            } else {
                std::borrow::Cow::Owned(text::normalize(c.encode_utf8(&mut buf)))
            };
            if plain.is_empty() {
                gap = true;
                continue;
            }
            for p in plain.chars() {
                if p == ' ' {
                    gap = true;
                    continue;
                }
                if gap && !folded.is_empty() {
                    folded.push(' ');
                    exact.push(' ');
                }
                gap = false;
                folded.push(p);
                exact.push(c);
            }
        }
        let mut compact = Vec::with_capacity(folded.len());
        let mut compact_at = Vec::with_capacity(folded.len());
        for (i, &c) in folded.iter().enumerate() {
            if let Some(k) = fold_kana(c) {
                compact.push(k);
                compact_at.push(i);
            }
        }
        Prepared { folded, exact, compact, compact_at }
    }
}

/// The Japanese spelling folds used in the compact form: spaces and long-vowel marks dropped
/// (「しにたーい」), small kana read as large ones (「死にたぃ」, 「りすとかっと」).
fn fold_kana(c: char) -> Option<char> {
    Some(match c {
        ' ' | 'ー' | '〜' => return None,
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' => {
            char::from_u32(c as u32 + 1).unwrap_or(c)
        }
        'ゕ' => 'か',
        'ゖ' => 'け',
        _ => c,
    })
}

/// Latin letters and digits make words; anything else (a space, kana, an emoji's gap) is a
/// boundary. After folding, Portuguese and Vietnamese letters are all ASCII.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    Risk(CrisisKind),
    Not,
}

/// One list line, ready to match.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) label: Label,
    /// Whole words in `folded` (or in `exact` if `exact`); `None` for a Japanese-script phrase.
    words: Option<Vec<char>>,
    exact: bool,
    /// The phrase ends in `*`: the last word may go on ("suicid*" → "suicidio", "suicidar").
    prefix: bool,
    /// Substring of `compact`: Japanese-script phrases, and Latin ones marked `spaced`.
    compact: Option<Vec<char>>,
}

impl Entry {
    /// The first character of the whole-word phrase and whether it is looked for in the
    /// diacritic-keeping form: the detector's index key.
    pub(super) fn words_key(&self) -> Option<(char, bool)> {
        self.words.as_ref().and_then(|w| w.first()).map(|c| (*c, self.exact))
    }

    /// The first character of the compact phrase: the detector's other index key.
    pub(super) fn compact_key(&self) -> Option<char> {
        self.compact.as_ref().and_then(|w| w.first()).copied()
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

    /// The compact phrase, if it starts at `start` of the compact form.
    pub(super) fn compact_at(&self, text: &Prepared, start: usize) -> Option<Span> {
        let needle = self.compact.as_ref()?;
        let end = start + needle.len();
        if needle.is_empty() || end > text.compact.len() || text.compact[start..end] != **needle {
            return None;
        }
        Some(Span { start: text.compact_at[start], end: text.compact_at[end - 1] + 1, exact: false })
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

/// Parses one list: `kind<TAB>phrase[<TAB>flags]` per line, `#` comments, blank lines ignored.
pub(super) fn parse_list(source: &str) -> Result<Vec<Entry>, ListError> {
    let mut entries = Vec::new();
    for (n, raw) in source.lines().enumerate() {
        let line = n + 1;
        let err = |message: String| ListError { line, message };
        let content = raw.split('#').next().unwrap_or("").trim_end();
        if content.trim().is_empty() {
            continue;
        }
        let mut fields = content.split('\t');
        let code = fields.next().unwrap_or("").trim();
        let phrase = fields.next().map(str::trim).unwrap_or("");
        let flags = fields.next().unwrap_or("");
        if fields.next().is_some() {
            return Err(err("more than three tab-separated fields".into()));
        }
        let label = match code {
            "not" => Label::Not,
            _ => Label::Risk(CrisisKind::from_code(code).ok_or_else(|| err(format!("unknown kind {code:?}")))?),
        };
        let (phrase, prefix) = match phrase.strip_suffix('*') {
            Some(p) => (p, true),
            None => (phrase, false),
        };
        let (mut spaced, mut exact) = (false, false);
        for flag in flags.split([',', ' ']).filter(|f| !f.is_empty()) {
            match flag {
                "spaced" => spaced = true,
                "exact" => exact = true,
                _ => return Err(err(format!("unknown flag {flag:?}"))),
            }
        }
        let prepared = Prepared::new(phrase);
        if prepared.folded.is_empty() {
            return Err(err(format!("no letters in phrase {phrase:?} (is the separator a tab?)")));
        }
        let latin = prepared.folded.iter().all(|&c| c == ' ' || is_word_char(c));
        if !latin && (spaced || exact || prefix) {
            return Err(err("`spaced`, `exact` and `*` are for Latin-script phrases".into()));
        }
        let entry = if latin {
            Entry {
                label,
                words: Some(if exact { prepared.exact } else { prepared.folded }),
                exact,
                prefix,
                compact: spaced.then_some(prepared.compact),
            }
        } else {
            Entry { label, words: None, exact: false, prefix: false, compact: Some(prepared.compact) }
        };
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(ListError { line: 0, message: "the list is empty".into() });
    }
    Ok(entries)
}
