//! Crisis wording detector: finds the danger signs (suicide, self-harm, violence, abuse) and the
//! indirect warning signs (means, farewell, hopelessness, burden, loss with isolation) in anything
//! a resident types, in Japanese (also plain Japanese and romaji), Brazilian Portuguese and
//! Vietnamese, and says which list entry matched and in which sentence.
//!
//! Pure and without I/O: the word lists are compiled in from `src/crisis/lists/*.txt` (format in
//! `lists/README.md`) and expanded once by [`CrisisDetector::new`] into every concrete phrase:
//! verbs and adjectives are written once with their word class and matched in every form
//! (`ja_verbs`, `pt_verbs`, `forms`). Build one detector at start-up and share it; `find` only
//! reads it.
//!
//! Every language's list is checked whatever the resident's language, because people mix
//! languages. A miss is far worse than a false alarm here (the answer to a hit is a warm safety
//! message, not an accusation), so the lists lean towards alarming.
//!
//! How a phrase is matched, so that spelling noise does not matter:
//! - Text and phrases are folded alike (`prepared`, as [`crate::text::normalize`]): case, accents
//!   and Vietnamese diacritics, full-width/half-width forms and katakana/hiragana don't matter.
//! - Japanese-script phrases match anywhere in the text with all spaces removed, small kana read
//!   as large ones and long-vowel marks dropped (「死に たい」, 「死にたぃ」, 「しにたーい」), also
//!   in the romaji reading of Latin words ("shinitai").
//! - Latin-script phrases match as whole words ("matar" not inside "Matarazzo"); `spaced` ones
//!   also with all spaces removed; `exact` ones only with their diacritics ("tự tử", not "từ từ").
//! - Context (`context`): a look-alike (`not`) cancels the risk phrases it overlaps unless they
//!   are longer and contain it; a denial (`never`) next to the wording in the same sentence takes
//!   it back; in a sentence that reports on others (`about`) only the writer's own wishes count;
//!   loss with isolation needs both of its halves.
//! - Of two risk phrases where one contains the other, the longer decides the kind
//!   (「死ねと言われた」 is verbal abuse, not suicide wording); of the rest the most severe wins.

pub mod check;
mod context;
mod forms;
mod index;
mod ja_verbs;
mod lists;
mod prepared;
mod pt_verbs;
mod romaji;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_en;
#[cfg(test)]
mod tests_forms;

use std::ops::Range;

use crate::codes::codes;

use index::{word_key, Index, WordIndex, KEY_LEN};
use lists::{Label, Lists, Role};
use prepared::{is_word_char, Prepared, Span};

/// How worried the wording should make us, and so what the resident is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Indirect warning signs (hopelessness, being a burden, farewells, gathering means, loss
    /// with isolation): a warm message, the hotlines, and "are you safe right now?".
    Concern,
    /// Explicit intent, a method, violence now: the safety message and emergency numbers at once.
    Danger,
}

codes! {
    /// What kind of danger the wording points to, most severe first: four `Danger` kinds,
    /// then the `Concern` signs that crisis-line practice teaches gatekeepers to notice.
    pub enum CrisisKind labelled "crisis-" {
        Suicide => "suicide",
        SelfHarm => "self_harm",
        Violence => "violence",
        Abuse => "abuse",
        /// Gathering the means: saving up pills, buying charcoal briquettes or rope.
        Means => "means",
        /// Saying goodbye, putting affairs in order, a will or a farewell note.
        Farewell => "farewell",
        /// No way out, wanting everything to end.
        Hopelessness => "hopelessness",
        /// Being only a burden to others.
        Burden => "burden",
        /// A recent severe loss together with having no one.
        LossIsolation => "loss_isolation",
    }
}

impl CrisisKind {
    /// Higher is more severe; every `Danger` kind outranks every `Concern` kind.
    pub fn severity(self) -> u8 {
        match self {
            CrisisKind::Suicide => 9,
            CrisisKind::SelfHarm => 8,
            CrisisKind::Violence => 7,
            CrisisKind::Abuse => 6,
            CrisisKind::Means => 5,
            CrisisKind::Farewell => 4,
            CrisisKind::Hopelessness => 3,
            CrisisKind::Burden => 2,
            CrisisKind::LossIsolation => 1,
        }
    }

    pub fn level(self) -> Level {
        match self {
            CrisisKind::Suicide | CrisisKind::SelfHarm | CrisisKind::Violence | CrisisKind::Abuse => Level::Danger,
            _ => Level::Concern,
        }
    }
}

/// The embedded lists, by file name: a language, and for the longer ones a word class.
const LISTS: [(&str, &str); 10] = [
    ("ja-danger", include_str!("lists/ja-danger.txt")),
    ("ja-verbs", include_str!("lists/ja-verbs.txt")),
    ("ja-concern", include_str!("lists/ja-concern.txt")),
    ("pt-danger", include_str!("lists/pt-danger.txt")),
    ("pt-verbs", include_str!("lists/pt-verbs.txt")),
    ("pt-concern", include_str!("lists/pt-concern.txt")),
    ("vi-danger", include_str!("lists/vi-danger.txt")),
    ("vi-concern", include_str!("lists/vi-concern.txt")),
    ("en-danger", include_str!("lists/en-danger.txt")),
    ("en-concern", include_str!("lists/en-concern.txt")),
];

/// What the detector found in a text: the most severe crisis wording, which list entry it
/// matched and the sentence that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: CrisisKind,
    /// Which entry matched, for people (e.g. "suicide 吊る (godan verb): 吊ろう"), never logged.
    pub entry: String,
    /// Byte range, in the original text, of the sentence that holds the match.
    pub sentence: Range<usize>,
}

/// Finds crisis wording in free text. Cheap to query, a little work to build: build once.
#[derive(Debug, Clone)]
pub struct CrisisDetector {
    lists: Lists,
    /// Entries by the start of their whole-word phrase, and by the first two characters of
    /// their compact phrase: every message position is tried only against the phrases that
    /// can start there.
    by_words: WordIndex,
    by_compact: Index<(char, char)>,
    /// Whether any compact phrase starts with this ASCII character: most positions of a
    /// Latin-script message are passed over without a hash lookup.
    compact_ascii: [bool; 128],
}

/// A match of one concrete phrase.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: usize,
    label: Label,
    span: Span,
}

impl CrisisDetector {
    /// Parses the embedded word lists and generates every inflected form.
    ///
    /// # Panics
    /// Only if an embedded list is malformed, which the unit tests rule out.
    pub fn new() -> Self {
        let mut lists = Lists::default();
        for (name, source) in LISTS {
            if let Err(e) = lists.parse(source) {
                panic!("crisis word list lists/{name}.txt: {e}");
            }
        }
        let mut by_words = WordIndex::default();
        let mut by_compact: Index<(char, char)> = Index::default();
        for (i, e) in lists.entries.iter().enumerate() {
            if let Some((words, exact)) = e.words() {
                let len = words.len().min(KEY_LEN);
                for shorter in 1..len {
                    by_words.entry(word_key(&words[..shorter], exact)).or_default().longer = true;
                }
                by_words.entry(word_key(words, exact)).or_default().entries.push(i);
            }
            if let Some(compact) = e.compact() {
                let second = compact.get(1).copied().unwrap_or('\0');
                by_compact.entry((compact[0], second)).or_default().push(i);
            }
        }
        let mut compact_ascii = [false; 128];
        for (first, _) in by_compact.keys() {
            if let Some(slot) = compact_ascii.get_mut(*first as usize) {
                *slot = true;
            }
        }
        CrisisDetector { lists, by_words, by_compact, compact_ascii }
    }

    /// The most severe kind of crisis wording in `text`, in any of the languages, or `None`.
    pub fn detect(&self, text: &str) -> Option<CrisisKind> {
        self.find(text).map(|f| f.kind)
    }

    /// The most severe crisis wording in `text`, with the entry it matched and its sentence.
    pub fn find(&self, text: &str) -> Option<Finding> {
        let prepared = Prepared::new(text);
        if prepared.folded.is_empty() {
            return None;
        }
        let hits = self.hits(&prepared);
        let bytes = |s: &Span| prepared.bytes(s);
        let (mut risks, mut exclusions, mut denials, mut reports) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut explained = Vec::new();
        for hit in hits {
            match hit.label {
                Label::Explains(kind) => explained.push(kind),
                Label::Risk(kind) => risks.push((hit, kind)),
                Label::Not => exclusions.push(hit.span),
                Label::Never(side) => denials.push((side, hit.span)),
                Label::About => reports.push(context::sentence(text, &bytes(&hit.span))),
            }
        }
        // An exclusion also takes back a denial: 「死にたいと思ったことはないなんて嘘」.
        denials.retain(|(_, d)| !exclusions.iter().any(|x| x.overlaps(d)));
        let denials: Vec<_> = denials.into_iter().map(|(side, d)| (side, bytes(&d))).collect();
        risks.retain(|(_, kind)| !explained.contains(kind));
        // Exclusions first: a look-alike cancels the risk phrases it overlaps, except those that
        // are longer and contain it (a more specific risk phrase beats a general idiom); the
        // diacritics, where they tell words apart, settle it before length (`Span::outranks`).
        risks.retain(|(r, _)| !exclusions.iter().any(|x| r.span.overlaps(x) && x.outranks(&r.span)));
        // A denial right next to the wording takes it back (「死にたいと思ったことはない」), and
        // with it every shorter wording inside it ("matar" in "nunca pensei em me matar").
        let denied: Vec<Span> = risks
            .iter()
            .filter(|(r, _)| denials.iter().any(|(side, d)| context::denies(text, *side, d, &bytes(&r.span))))
            .map(|(r, _)| r.span)
            .collect();
        risks.retain(|(r, _)| !denied.iter().any(|d| d.start <= r.span.start && r.span.end <= d.end));
        // In a sentence about the news or a film, only the writer's own wishes and acts count.
        let own = |r: &Hit| self.lists.written[self.lists.entries[r.entry].written].own;
        if !reports.is_empty() {
            risks.retain(|(r, _)| own(r) || !reports.contains(&context::sentence(text, &bytes(&r.span))));
        }
        // Loss with isolation is one sign in two parts: both must be there.
        let roles = |role| {
            risks.iter().any(|(r, _)| self.lists.written[self.lists.entries[r.entry].written].role == Some(role))
        };
        if !(roles(Role::Loss) && roles(Role::Alone)) {
            risks.retain(|(_, kind)| *kind != CrisisKind::LossIsolation);
        }
        // Then the longest phrase decides: "vai me matar" (violence) over its "me matar".
        let best = risks
            .iter()
            .filter(|(r, _)| !risks.iter().any(|(other, _)| other.span.strictly_covers(&r.span)))
            .max_by_key(|(r, kind)| (kind.severity(), std::cmp::Reverse(r.span.start)))?;
        let (hit, kind) = *best;
        let at = bytes(&hit.span);
        Some(Finding {
            kind,
            entry: self.describe(hit.entry, &text[at.clone()]),
            sentence: context::sentence(text, &at),
        })
    }

    /// "suicide 首/くび (を) 吊る/つる (godan verb): 首をつろ".
    fn describe(&self, entry: usize, matched: &str) -> String {
        let written = &self.lists.written[self.lists.entries[entry].written];
        let code = match written.label {
            Label::Risk(kind) => kind.code(),
            Label::Not | Label::Never(_) | Label::About | Label::Explains(_) => "not",
        };
        match written.class {
            Some(class) => format!("{code} {} ({}): {matched}", written.phrase, class.describe()),
            None => format!("{code} {}: {matched}", written.phrase),
        }
    }

    /// Every concrete phrase found in the text, whole-word and compact.
    fn hits(&self, prepared: &Prepared) -> Vec<Hit> {
        let mut hits = Vec::new();
        let entries = &self.lists.entries;
        let mut found = |i: usize, span: Span| {
            let label = self.lists.written[entries[i].written].label;
            hits.push(Hit { entry: i, label, span });
        };
        let folded = &prepared.folded;
        for start in 0..folded.len() {
            if !is_word_char(folded[start]) || (start > 0 && is_word_char(folded[start - 1])) {
                continue;
            }
            for exact in [false, true] {
                let hay = if exact { &prepared.exact } else { folded };
                for end in start + 1..=(start + KEY_LEN).min(hay.len()) {
                    let Some(bucket) = self.by_words.get(&word_key(&hay[start..end], exact)) else { break };
                    for &i in &bucket.entries {
                        if let Some(span) = entries[i].words_at(prepared, start) {
                            found(i, span);
                        }
                    }
                    if !bucket.longer {
                        break;
                    }
                }
            }
        }
        let streams = [(&prepared.compact, &prepared.compact_at, false), (&prepared.romaji, &prepared.romaji_at, true)];
        for (stream, at, romaji) in streams {
            for start in 0..stream.len() {
                let first = stream[start];
                if first.is_ascii() && !self.compact_ascii[first as usize] {
                    continue;
                }
                for second in [stream.get(start + 1).copied(), Some('\0')].into_iter().flatten() {
                    for &i in self.by_compact.get(&(first, second)).into_iter().flatten() {
                        if romaji && !entries[i].japanese {
                            continue;
                        }
                        if let Some(span) = entries[i].compact_at(stream, at, start) {
                            found(i, span);
                        }
                    }
                }
            }
        }
        hits
    }
}

impl Default for CrisisDetector {
    fn default() -> Self {
        Self::new()
    }
}
