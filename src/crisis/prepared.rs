//! The forms of a text that list entries are matched against (folded, with diacritics, compact),
//! kept aligned with each other and with byte offsets in the original text.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::text;

use super::romaji;

/// Half-open range of positions in [`Prepared::folded`], and whether the phrase found there was
/// matched with its diacritics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) exact: bool,
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
    pub(super) compact_at: Vec<usize>,
    /// The Latin words that read as Japanese romaji, in hiragana and without spaces (see
    /// [`romaji`]); a word that is not romaji leaves a NUL, so matches never span it.
    pub(super) romaji: Vec<char>,
    /// For each `romaji` char a position in `folded`.
    pub(super) romaji_at: Vec<usize>,
    /// For each `folded` char, the bytes of the original text it came from.
    origin: Vec<Range<usize>>,
}

/// A character that NFKC may compose with the one before it: it stays in that character's
/// cluster so that each cluster can be normalised on its own (and keep its byte offsets).
fn continues_cluster(c: char) -> bool {
    match c {
        // No combining marks below U+0300, nor among kana (but the voicing marks) and kanji.
        '\0'..='\u{02FF}' | '\u{3041}'..='\u{3096}' | '\u{30A0}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => false,
        '\u{FF9E}' | '\u{FF9F}' => true,
        _ => is_combining_mark(c),
    }
}

/// The folded and the diacritic-keeping forms under construction, aligned with the input.
#[derive(Default)]
struct Forms {
    folded: Vec<char>,
    exact: Vec<char>,
    origin: Vec<Range<usize>>,
    gap: bool,
}

impl Forms {
    fn push(&mut self, folded: char, exact: char, from: Range<usize>) {
        if folded == ' ' {
            self.gap = true;
            return;
        }
        if self.gap && !self.folded.is_empty() {
            self.folded.push(' ');
            self.exact.push(' ');
            self.origin.push(from.start..from.start);
        }
        self.gap = false;
        self.folded.push(folded);
        self.exact.push(exact);
        self.origin.push(from);
    }

    /// The same steps as `text::normalize`, for one cluster, so the diacritic-keeping form
    /// stays aligned with the folded one and both with the original bytes.
    fn push_normalised(&mut self, cluster: &str, from: Range<usize>) {
        for c in cluster.nfkc().flat_map(char::to_lowercase) {
            if is_combining_mark(c) {
                // Only a mark that found nothing to compose with under NFKC is left here.
                continue;
            }
            let (mut ascii, mut buf) = ([0; 1], [0; 4]);
            // ASCII needs no normalising: a letter or digit is itself, anything else a gap.
            let plain: Cow<str> = if c.is_ascii_alphanumeric() {
                Cow::Borrowed(c.encode_utf8(&mut ascii))
            } else if c.is_ascii() {
                Cow::Borrowed("")
            } else {
                Cow::Owned(text::normalize(c.encode_utf8(&mut buf)))
            };
            if plain.is_empty() {
                self.gap = true;
            }
            for p in plain.chars() {
                self.push(p, c, from.clone());
            }
        }
    }
}

/// What [`Forms::push_normalised`] makes of a lone character, computed directly for the scripts
/// residents write in (ASCII, kana, kanji, accented Latin and Vietnamese letters): the folded
/// character (a space for a gap) and the diacritic-keeping one. `None`: normalise it fully.
/// The detector runs on every message, and this is most of its work.
pub(super) fn fast_fold(c: char) -> Option<(char, char)> {
    match c {
        _ if c.is_ascii_alphanumeric() => Some((c.to_ascii_lowercase(), c.to_ascii_lowercase())),
        _ if c.is_ascii() => Some((' ', ' ')),
        '\u{3041}'..='\u{3096}' | '\u{4E00}'..='\u{9FFF}' | 'ー' => Some((c, c)),
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).map(|h| (h, c)),
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => latin_table()[latin_slot(c)],
        _ => None,
    }
}

/// Where an accented Latin or Vietnamese letter sits in [`latin_table`].
fn latin_slot(c: char) -> usize {
    match c as usize {
        n @ 0x00C0..=0x024F => n - 0x00C0,
        n => 0x0250 - 0x00C0 + (n - 0x1E00),
    }
}

/// [`fast_fold`] of every accented Latin and Vietnamese letter, worked out once: decomposing
/// them for every character of every message would be most of the cost of a Vietnamese message.
fn latin_table() -> &'static [Option<(char, char)>] {
    static TABLE: std::sync::OnceLock<Vec<Option<(char, char)>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x00C0..=0x024F).chain(0x1E00..=0x1EFF).map(|n| char::from_u32(n).and_then(latin_fold)).collect()
    })
}

/// The folded and diacritic-keeping forms of one accented Latin or Vietnamese letter.
fn latin_fold(c: char) -> Option<(char, char)> {
    use unicode_normalization::char::{decompose_canonical, decompose_compatible};
    let mut lower = c.to_lowercase();
    let l = lower.next().filter(|_| lower.next().is_none())?;
    // The base letter of the canonical decomposition, if the rest is combining marks
    // and the compatibility decomposition is the same (so NFKC changes nothing).
    let (mut first, mut marks_only, mut same) = (None, true, true);
    let mut canonical = [None; 4];
    let mut n = 0;
    decompose_canonical(l, |d| {
        if first.is_none() {
            first = Some(d);
        } else {
            marks_only &= is_combining_mark(d);
        }
        if let Some(slot) = canonical.get_mut(n) {
            *slot = Some(d);
        }
        n += 1;
    });
    let mut m = 0;
    decompose_compatible(l, |d| {
        same &= canonical.get(m).copied().flatten() == Some(d);
        m += 1;
    });
    let base = match first? {
        'đ' => 'd',
        'ł' => 'l',
        'ø' => 'o',
        b => b,
    };
    (same && m == n && n <= 4 && marks_only && base.is_ascii_alphanumeric()).then_some((base, l))
}

impl Prepared {
    pub(super) fn new(input: &str) -> Self {
        Self::build(input, true)
    }

    /// `fast`: take [`fast_fold`] where it applies (always, but in the test that checks it).
    pub(super) fn build(input: &str, fast: bool) -> Self {
        let mut forms = Forms { folded: Vec::with_capacity(input.len()), ..Forms::default() };
        let mut clusters = input.char_indices().peekable();
        while let Some((start, first)) = clusters.next() {
            let mut end = start + first.len_utf8();
            while let Some(&(i, c)) = clusters.peek() {
                if !continues_cluster(c) {
                    break;
                }
                end = i + c.len_utf8();
                clusters.next();
            }
            match fast_fold(first).filter(|_| fast && end == start + first.len_utf8()) {
                Some((' ', _)) => forms.gap = true,
                Some((folded, exact)) => forms.push(folded, exact, start..end),
                None => forms.push_normalised(&input[start..end], start..end),
            }
        }
        let Forms { folded, exact, origin, .. } = forms;
        let mut compact = Vec::with_capacity(folded.len());
        let mut compact_at = Vec::with_capacity(folded.len());
        for (i, &c) in folded.iter().enumerate() {
            if let Some(k) = fold_kana(c) {
                compact.push(k);
                compact_at.push(i);
            }
        }
        let (romaji, romaji_at) = romaji_stream(&folded);
        Prepared { folded, exact, compact, compact_at, romaji, romaji_at, origin }
    }

    /// The bytes of the original text that the span was found in.
    pub(super) fn bytes(&self, span: &Span) -> Range<usize> {
        match (self.origin.get(span.start), span.end.checked_sub(1).and_then(|e| self.origin.get(e))) {
            (Some(first), Some(last)) => first.start..last.end.max(first.start),
            _ => 0..0,
        }
    }
}

/// The romaji stream of a folded text: each Latin word that reads as romaji, in kana.
fn romaji_stream(folded: &[char]) -> (Vec<char>, Vec<usize>) {
    let (mut kana, mut at) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < folded.len() {
        if !folded[start].is_ascii_lowercase() {
            start += 1;
            continue;
        }
        let end = (start..folded.len()).find(|&i| !is_word_char(folded[i])).unwrap_or(folded.len());
        let mut buf = [0u8; 24];
        let word = (end - start <= buf.len() && folded[start..end].iter().all(char::is_ascii_lowercase))
            .then(|| {
                folded[start..end].iter().zip(buf.iter_mut()).for_each(|(c, b)| *b = *c as u8);
                std::str::from_utf8(&buf[..end - start]).ok()
            })
            .flatten();
        match word.and_then(romaji::to_kana) {
            Some(k) => {
                let k: Vec<char> = k.chars().filter_map(fold_kana).collect();
                for (i, c) in k.iter().enumerate() {
                    kana.push(*c);
                    at.push(start + i * (end - start) / k.len());
                }
                if let Some(last) = at.last_mut() {
                    *last = end - 1;
                }
            }
            None if kana.last().is_some_and(|&c| c != '\0') => {
                kana.push('\0');
                at.push(start);
            }
            None => {}
        }
        start = end;
    }
    (kana, at)
}

/// The Japanese spelling folds used in the compact form: spaces and long-vowel marks dropped
/// (「しにたーい」), small kana read as large ones (「死にたぃ」, 「りすとかっと」).
pub(super) fn fold_kana(c: char) -> Option<char> {
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
pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
