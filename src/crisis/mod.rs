//! Crisis wording detector: finds suicide, self-harm, violence and abuse wording in anything a
//! resident types, in Japanese (also plain Japanese), Brazilian Portuguese and Vietnamese.
//!
//! Pure and without I/O: the word lists are compiled in from `src/crisis/lists/*.txt` (format in
//! `lists/README.md`) and parsed once by [`CrisisDetector::new`]. Build one detector at start-up
//! and share it; `detect` only reads it.
//!
//! Every language's list is checked whatever the resident's language, because people mix
//! languages (a Brazilian resident writes "DV" or 「死にたい」, a Vietnamese one types without
//! diacritics). A miss is far worse than a false alarm here (the answer to a hit is a warm
//! safety message, not an accusation), so the lists lean towards alarming; exclusions exist
//! only for clear idioms such as 「死ぬほどおいしい」 or "morrendo de rir".
//!
//! How a phrase is matched, so that spelling noise does not matter:
//! - Text and phrases go through the same [`crate::text::normalize`]: case, accents and
//!   Vietnamese diacritics, full-width/half-width forms and katakana/hiragana don't matter.
//! - Japanese-script phrases match anywhere in the text with all spaces removed (Japanese has no
//!   spaces; 「死に たい」 and 「し に た い」 are the same). There, small kana count as large
//!   ones and long-vowel marks are dropped (「死にたぃ」, 「しにたーい」).
//! - Latin-script phrases (Portuguese, Vietnamese, "DV") match as whole words, so "matar" does
//!   not fire inside "matara". Phrases marked `spaced` also match with all spaces removed, for
//!   "m e  m a t a r"; phrases marked `exact` must carry their diacritics (Vietnamese "tự tử"
//!   is suicide, "từ từ" means "slowly" — without diacritics both are "tu tu").
//! - A look-alike exclusion (`not`) cancels any risk phrase it overlaps, unless the risk phrase
//!   is longer and contains it: `not 死ぬほど` silences 「死ぬほど疲れた」 but the longer risk
//!   phrase 「死ぬほどつらい」 still fires. Diacritics settle it before length: an `exact`
//!   exclusion ("từ từ") beats a risk phrase found without them, a risk phrase found with its
//!   diacritics ("tự tử") beats an exclusion that does not need them.
//! - Of two risk phrases where one contains the other, the longer decides the kind
//!   (「死ねと言われた」 is verbal abuse, not suicide wording); of the rest the most severe wins.

mod lists;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use lists::{parse_list, Entry, Label, Prepared, Span};

/// How worried the wording should make us, and so what the resident is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Indirect warning signs (hopelessness, being a burden, farewells, gathering means, loss
    /// with isolation): a warm message, the hotlines, and "are you safe right now?".
    Concern,
    /// Explicit intent, a method, violence now: the safety message and emergency numbers at once.
    Danger,
}

/// What kind of danger the wording points to, most severe first: four `Danger` kinds, then
/// the `Concern` signs that crisis-line practice teaches gatekeepers to notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrisisKind {
    Suicide,
    SelfHarm,
    Violence,
    Abuse,
    /// Gathering the means: saving up pills, buying charcoal briquettes or rope.
    Means,
    /// Saying goodbye, putting affairs in order, a will or a farewell note.
    Farewell,
    /// No way out, wanting everything to end.
    Hopelessness,
    /// Being only a burden to others.
    Burden,
    /// A recent severe loss together with having no one.
    LossIsolation,
}

impl CrisisKind {
    pub const ALL: [CrisisKind; 9] = [
        CrisisKind::Suicide,
        CrisisKind::SelfHarm,
        CrisisKind::Violence,
        CrisisKind::Abuse,
        CrisisKind::Means,
        CrisisKind::Farewell,
        CrisisKind::Hopelessness,
        CrisisKind::Burden,
        CrisisKind::LossIsolation,
    ];

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

    /// The stored code (as serde writes it).
    pub fn code(self) -> &'static str {
        match self {
            CrisisKind::Suicide => "suicide",
            CrisisKind::SelfHarm => "self_harm",
            CrisisKind::Violence => "violence",
            CrisisKind::Abuse => "abuse",
            CrisisKind::Means => "means",
            CrisisKind::Farewell => "farewell",
            CrisisKind::Hopelessness => "hopelessness",
            CrisisKind::Burden => "burden",
            CrisisKind::LossIsolation => "loss_isolation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        CrisisKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The embedded lists, by language code (the file name).
const LISTS: [(&str, &str); 3] =
    [("ja", include_str!("lists/ja.txt")), ("pt", include_str!("lists/pt.txt")), ("vi", include_str!("lists/vi.txt"))];

/// Finds crisis wording in free text. Cheap to query, a little work to build: build once.
#[derive(Debug, Clone)]
pub struct CrisisDetector {
    entries: Vec<Entry>,
    /// Entries by the first character of their whole-word phrase (and whether it is matched
    /// with diacritics), and by the first character of their compact phrase: every message
    /// position is tried only against the phrases that can start there.
    by_words: HashMap<(char, bool), Vec<usize>>,
    by_compact: HashMap<char, Vec<usize>>,
}

impl CrisisDetector {
    /// Parses the embedded word lists.
    ///
    /// # Panics
    /// Only if an embedded list is malformed, which the unit tests rule out.
    pub fn new() -> Self {
        let mut entries = Vec::new();
        for (lang, source) in LISTS {
            match parse_list(source) {
                Ok(mut list) => entries.append(&mut list),
                Err(e) => panic!("crisis word list lists/{lang}.txt: {e}"),
            }
        }
        let mut by_words: HashMap<(char, bool), Vec<usize>> = HashMap::new();
        let mut by_compact: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(key) = e.words_key() {
                by_words.entry(key).or_default().push(i);
            }
            if let Some(key) = e.compact_key() {
                by_compact.entry(key).or_default().push(i);
            }
        }
        CrisisDetector { entries, by_words, by_compact }
    }

    /// The most severe kind of crisis wording in `text`, in any of the languages, or `None`.
    pub fn detect(&self, text: &str) -> Option<CrisisKind> {
        let prepared = Prepared::new(text);
        if prepared.folded.is_empty() {
            return None;
        }
        let mut risks: Vec<(Span, CrisisKind)> = Vec::new();
        let mut exclusions: Vec<Span> = Vec::new();
        let mut found = |i: usize, span: Span| match self.entries[i].label {
            Label::Risk(kind) => risks.push((span, kind)),
            Label::Not => exclusions.push(span),
        };
        for start in 0..prepared.folded.len() {
            for exact in [false, true] {
                let c = if exact { prepared.exact[start] } else { prepared.folded[start] };
                for &i in self.by_words.get(&(c, exact)).into_iter().flatten() {
                    if let Some(span) = self.entries[i].words_at(&prepared, start) {
                        found(i, span);
                    }
                }
            }
        }
        for start in 0..prepared.compact.len() {
            for &i in self.by_compact.get(&prepared.compact[start]).into_iter().flatten() {
                if let Some(span) = self.entries[i].compact_at(&prepared, start) {
                    found(i, span);
                }
            }
        }
        // Exclusions first: a look-alike cancels the risk phrases it overlaps, except those that
        // are longer and contain it (a more specific risk phrase beats a general idiom); the
        // diacritics, where they tell words apart, settle it before length (`Span::outranks`).
        risks.retain(|(r, _)| !exclusions.iter().any(|x| r.overlaps(x) && x.outranks(r)));
        // Then the longest phrase decides: "vai me matar" (violence) over its "me matar".
        let survivors: Vec<CrisisKind> = risks
            .iter()
            .filter(|(r, _)| !risks.iter().any(|(other, _)| other.strictly_covers(r)))
            .map(|(_, kind)| *kind)
            .collect();
        survivors.into_iter().max_by_key(|k| k.severity())
    }
}

impl Default for CrisisDetector {
    fn default() -> Self {
        Self::new()
    }
}
