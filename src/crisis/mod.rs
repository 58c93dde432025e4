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

use std::fmt;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::text;

/// What kind of danger the wording points to, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrisisKind {
    Suicide,
    SelfHarm,
    Violence,
    Abuse,
}

impl CrisisKind {
    /// Higher is more severe: Suicide > SelfHarm > Violence > Abuse.
    fn severity(self) -> u8 {
        match self {
            CrisisKind::Suicide => 4,
            CrisisKind::SelfHarm => 3,
            CrisisKind::Violence => 2,
            CrisisKind::Abuse => 1,
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "suicide" => CrisisKind::Suicide,
            "self_harm" => CrisisKind::SelfHarm,
            "violence" => CrisisKind::Violence,
            "abuse" => CrisisKind::Abuse,
            _ => return None,
        })
    }
}

/// The embedded lists, by language code (the file name).
const LISTS: [(&str, &str); 3] =
    [("ja", include_str!("lists/ja.txt")), ("pt", include_str!("lists/pt.txt")), ("vi", include_str!("lists/vi.txt"))];

/// Finds crisis wording in free text. Cheap to query, a little work to build: build once.
#[derive(Debug, Clone)]
pub struct CrisisDetector {
    entries: Vec<Entry>,
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
        CrisisDetector { entries }
    }

    /// The most severe kind of crisis wording in `text`, in any of the languages, or `None`.
    pub fn detect(&self, text: &str) -> Option<CrisisKind> {
        let prepared = Prepared::new(text);
        if prepared.folded.is_empty() {
            return None;
        }
        let mut risks: Vec<(Span, CrisisKind)> = Vec::new();
        let mut exclusions: Vec<Span> = Vec::new();
        for entry in &self.entries {
            entry.find_all(&prepared, &mut |span| match entry.label {
                Label::Risk(kind) => risks.push((span, kind)),
                Label::Not => exclusions.push(span),
            });
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

/// Half-open range of positions in [`Prepared::folded`], and whether the phrase found there was
/// matched with its diacritics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    exact: bool,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether this exclusion cancels the overlapping risk phrase `risk`. Diacritics settle it
    /// first: what was written with them says which word it is, so an exclusion that needs its
    /// diacritics ("từ từ", slowly) beats a risk phrase found without them ("muon tu tu"), and a
    /// risk phrase found with them ("tự tử") is not cancelled by a diacritic-free exclusion
    /// ("tu tu thoi", take it easy). Otherwise the exclusion wins unless the risk phrase is
    /// longer and contains it (「死ぬほどつらい」 over 「死ぬほど」).
    fn outranks(&self, risk: &Span) -> bool {
        match (self.exact, risk.exact) {
            (true, false) => true,
            (false, true) => false,
            _ => !risk.strictly_covers(self),
        }
    }

    /// Contains `other` and is longer than it.
    fn strictly_covers(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end && self.end - self.start > other.end - other.start
    }
}

/// The text in the forms phrases are matched against. `folded` and `exact` run in parallel
/// (same length, same spaces), so every match is reported in `folded` positions and spans from
/// different forms can be compared.
struct Prepared {
    /// `text::normalize`: lower case, no diacritics, katakana as hiragana, punctuation as spaces.
    folded: Vec<char>,
    /// The same with the diacritics kept (lower case, NFC).
    exact: Vec<char>,
    /// `folded` without spaces and with the Japanese spelling folds (see [`fold_kana`]).
    compact: Vec<char>,
    /// For each `compact` char its position in `folded`.
    compact_at: Vec<usize>,
}

impl Prepared {
    fn new(input: &str) -> Self {
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
            let mut buf = [0; 4];
            let plain = text::normalize(c.encode_utf8(&mut buf));
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
enum Label {
    Risk(CrisisKind),
    Not,
}

/// One list line, ready to match.
#[derive(Debug, Clone)]
struct Entry {
    label: Label,
    /// Whole words in `folded` (or in `exact` if `exact`); `None` for a Japanese-script phrase.
    words: Option<Vec<char>>,
    exact: bool,
    /// The phrase ends in `*`: the last word may go on ("suicid*" → "suicidio", "suicidar").
    prefix: bool,
    /// Substring of `compact`: Japanese-script phrases, and Latin ones marked `spaced`.
    compact: Option<Vec<char>>,
}

impl Entry {
    fn find_all(&self, text: &Prepared, found: &mut dyn FnMut(Span)) {
        if let Some(words) = &self.words {
            let hay = if self.exact { &text.exact } else { &text.folded };
            for start in find(hay, words) {
                let end = start + words.len();
                let left_ok = start == 0 || !is_word_char(text.folded[start - 1]);
                let right_ok = self.prefix || end == hay.len() || !is_word_char(text.folded[end]);
                if left_ok && right_ok {
                    found(Span { start, end, exact: self.exact });
                }
            }
        }
        if let Some(needle) = &self.compact {
            for start in find(&text.compact, needle) {
                let last = start + needle.len() - 1;
                found(Span { start: text.compact_at[start], end: text.compact_at[last] + 1, exact: false });
            }
        }
    }
}

/// Start positions of every occurrence of `needle` in `hay` (the lists are short and messages
/// are a few hundred characters, so a plain scan is enough).
fn find<'a>(hay: &'a [char], needle: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let last = (hay.len() + 1).saturating_sub(needle.len());
    (0..last).filter(move |&i| !needle.is_empty() && hay[i..i + needle.len()] == *needle)
}

/// A problem in a word list, with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ListError {
    line: usize,
    message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses one list: `kind<TAB>phrase[<TAB>flags]` per line, `#` comments, blank lines ignored.
fn parse_list(source: &str) -> Result<Vec<Entry>, ListError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use CrisisKind::*;

    fn detect(text: &str) -> Option<CrisisKind> {
        // Built per call on purpose: it also checks that building is cheap enough.
        CrisisDetector::new().detect(text)
    }

    #[test]
    fn every_embedded_list_parses_and_has_risk_phrases_and_exclusions() {
        for (lang, source) in LISTS {
            let entries = parse_list(source).unwrap_or_else(|e| panic!("{lang}.txt: {e}"));
            for kind in [Suicide, SelfHarm, Violence, Abuse] {
                assert!(entries.iter().any(|e| e.label == Label::Risk(kind)), "{lang}.txt has no {kind:?} phrase");
            }
            assert!(entries.iter().any(|e| e.label == Label::Not), "{lang}.txt has no exclusion");
        }
        let _ = CrisisDetector::default();
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line_number() {
        let bad_kind = parse_list("# comment\nsuicide\tquero morrer\nsadness\ttriste\n").unwrap_err();
        assert_eq!(bad_kind.line, 3);
        assert!(parse_list("suicide quero morrer\n").is_err(), "a space is not a tab");
        assert!(parse_list("suicide\tquero morrer\tloud\n").is_err(), "unknown flag");
        assert!(parse_list("suicide\t死にたい\tspaced\n").is_err(), "Japanese is always spaced");
        assert!(parse_list("# only comments\n\n").is_err());
        assert_eq!(parse_list("abuse\tabuso # trailing comment\n").unwrap().len(), 1);
    }

    #[test]
    fn the_aligned_forms_agree_with_the_crate_normaliser() {
        for s in [
            "Não QUERO mais viver!!",
            "Tôi   muốn chết…",
            "ｼﾆﾀｲ　です",
            "ＤＶを受けています",
            "ti\u{0301}o e\u{0302}\u{0301}",
            "夫に殴られた😢😢 もう無理",
            "½ ㈱ ｶﾞｽ",
        ] {
            let p = Prepared::new(s);
            assert_eq!(p.folded.iter().collect::<String>(), text::normalize(s), "{s:?}");
            assert_eq!(p.folded.len(), p.exact.len());
        }
        let p = Prepared::new("Tự TỬ");
        assert_eq!(p.exact.iter().collect::<String>(), "tự tử");
    }

    #[test]
    fn one_phrase_per_kind_is_found_in_each_language() {
        assert_eq!(detect("もう死にたい"), Some(Suicide));
        assert_eq!(detect("リスカがやめられない"), Some(SelfHarm));
        assert_eq!(detect("夫に殴られた"), Some(Violence));
        assert_eq!(detect("子どもへの虐待が心配です"), Some(Abuse));
        assert_eq!(detect("Eu quero morrer"), Some(Suicide));
        assert_eq!(detect("Às vezes eu me corto"), Some(SelfHarm));
        assert_eq!(detect("Meu marido me bate"), Some(Violence));
        assert_eq!(detect("Sofro violência doméstica"), Some(Abuse));
        assert_eq!(detect("Tôi muốn chết"), Some(Suicide));
        assert_eq!(detect("Tôi hay rạch tay"), Some(SelfHarm));
        assert_eq!(detect("Chồng tôi đánh tôi"), Some(Violence));
        assert_eq!(detect("Tôi bị bạo hành"), Some(Abuse));
    }

    #[test]
    fn ordinary_requests_do_not_alarm() {
        for s in ["家賃が払えません", "Perdi meu emprego", "Tôi không có chỗ ở", "", "   ", "🙏"] {
            assert_eq!(detect(s), None, "{s:?}");
        }
    }

    #[test]
    fn idioms_listed_as_exclusions_do_not_alarm() {
        for s in [
            "このラーメン死ぬほどおいしい",
            "昨日は死ぬほど笑った",
            "仕事に忙殺されています",
            "Estou morrendo de rir",
            "Vamos matar a saudade",
            "Ele matou aula ontem", // not a listed form at all
            "Só pra matar o tempo",
            "Vão me cortar a luz amanhã",
            "chết cười với con tôi",
            "Đi dạo để giết thời gian",
            "Tôi sẽ trả nợ từ từ",
            "Tôi muốn từ từ tìm việc",
            "Điện thoại còn bảo hành không?",
        ] {
            assert_eq!(detect(s), None, "{s:?}");
        }
    }

    #[test]
    fn a_longer_risk_phrase_beats_a_shorter_exclusion_inside_it() {
        assert_eq!(detect("死ぬほど疲れた"), None);
        assert_eq!(detect("死ぬほどつらい"), Some(Suicide));
        assert_eq!(detect("死ぬほど疲れた。もう死にたい"), Some(Suicide));
    }

    #[test]
    fn the_longest_phrase_decides_the_kind_and_then_severity() {
        assert_eq!(detect("ele vai me matar"), Some(Violence));
        assert_eq!(detect("vou me matar"), Some(Suicide));
        assert_eq!(detect("夫に死ねと言われた"), Some(Abuse));
        assert_eq!(detect("夫に殴られて、もう死にたい"), Some(Suicide));
        assert_eq!(detect("bị bạo lực gia đình"), Some(Abuse));
        assert_eq!(detect("chồng đánh tôi, bạo lực gia đình"), Some(Violence));
    }

    #[test]
    fn spaced_out_letters_and_japanese_spacing_are_caught() {
        assert_eq!(detect("quero  m e  m a t a r"), Some(Suicide));
        assert_eq!(detect("s u i c i d i o"), Some(Suicide));
        assert_eq!(detect("toi m u o n c h e t"), Some(Suicide));
        assert_eq!(detect("死に たい"), Some(Suicide));
        assert_eq!(detect("し に た い"), Some(Suicide));
        assert_eq!(detect("わたしは しにたいです"), Some(Suicide));
    }

    #[test]
    fn whole_words_only_for_latin_phrases() {
        assert_eq!(detect("vou matar"), Some(Violence));
        assert_eq!(detect("Matarazzo é o sobrenome dele"), None);
        assert_eq!(detect("sou de Matara"), None);
    }

    #[test]
    fn vietnamese_and_portuguese_without_diacritics() {
        assert_eq!(detect("toi muon chet"), Some(Suicide));
        assert_eq!(detect("toi dinh tu tu"), Some(Suicide));
        assert_eq!(detect("toi hay tu lam hai ban than"), Some(SelfHarm));
        assert_eq!(detect("chong toi danh toi"), Some(Violence));
        assert_eq!(detect("toi bi bao luc gia dinh"), Some(Abuse));
        assert_eq!(detect("nao quero mais viver"), Some(Suicide));
        assert_eq!(detect("ele ameacou me matar"), Some(Violence));
        assert_eq!(detect("violencia domestica"), Some(Abuse));
        assert_eq!(detect("suicidio"), Some(Suicide));
    }

    #[test]
    fn diacritics_tell_vietnamese_suicide_from_slowly() {
        assert_eq!(detect("Tôi muốn tự tử"), Some(Suicide));
        assert_eq!(detect("tự tử"), Some(Suicide));
        assert_eq!(detect("từ từ"), None);
        assert_eq!(detect("Tôi làm từ hai tháng"), None);
        assert_eq!(detect("Tôi hay tự hại"), Some(SelfHarm));
        // Without diacritics "tu tu" is read as suicide, except in everyday uses of "slowly"...
        assert_eq!(detect("tu tu"), Some(Suicide));
        assert_eq!(detect("toi se tra tu tu"), None);
        // ...which never silence it when the diacritics say it is suicide.
        assert_eq!(detect("tôi muốn tự tử thôi"), Some(Suicide));
        assert_eq!(detect("từ từ thôi"), None);
    }

    #[test]
    fn full_width_half_width_and_kana_variants_of_japanese() {
        for s in ["ｼﾆﾀｲ", "シニタイ", "しにたい", "死にたぃ", "しにたーい", "死にたい！！", "ＤＶを受けています"]
        {
            assert!(detect(s).is_some(), "{s:?}");
        }
        assert_eq!(detect("ﾘｽｶしちゃった"), Some(SelfHarm));
        assert_eq!(detect("ＯＤしました"), Some(SelfHarm));
    }

    #[test]
    fn japanese_hiragana_look_alikes_do_not_alarm() {
        assert_eq!(detect("わたしにたいして ひどいです"), None);
        assert_eq!(detect("わたしに たくさん てがみが きます"), None);
        assert_eq!(detect("しえんを うけられません"), None);
        assert_eq!(detect("こどもの ころ すんでいた ところ"), None);
    }
}
