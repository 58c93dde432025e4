//! A lint for `locales/ja-simple`, after the 在留支援のためのやさしい日本語ガイドライン
//! (Immigration Services Agency of Japan and Agency for Cultural Affairs): every kanji word
//! carries its reading on its first use in a message, sentences stay short, ranges are
//! words, and no keigo beyond です／ます.

use std::collections::HashSet;

use fluent_syntax::ast;

use super::{source_of, Lang};

/// The longest sentence, in characters, readings and spaces not counted.
const MAX_SENTENCE: usize = 40;
/// What a placeable (`{ $number }`) counts for in a sentence's length.
const PLACEABLE_WIDTH: usize = 4;
const PLACEABLE: char = '\u{FFFC}';

/// Kanji residents meet every day, on calendars, clocks, counters and signs: they need no
/// reading. A kanji word made only of these passes.
const EVERYDAY_KANJI: &str = "今日月火水木金土曜年時分人子何家車外中上下前後円番回朝昼夜書読見話聞送来行入出言使休少友";
/// Everyday words whose kanji are not all above.
const EVERYDAY_WORDS: [&str; 5] = ["大人", "時間", "電話", "日本語", "自分"];
/// Keigo beyond です／ます.
const KEIGO: [&str; 12] = [
    "ございます",
    "いたします",
    "致します",
    "おります",
    "いただき",
    "いただけ",
    "申します",
    "申し上げ",
    "参ります",
    "くださいませ",
    "なさいませ",
    "ご覧",
];
/// Set phrases that are plain enough, though they hold a word of the list above.
const SET_PHRASES: [&str; 1] = ["ありがとう ございます"];

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

fn is_reading_char(c: char) -> bool {
    is_hiragana(c) || matches!(c, '\u{30A0}'..='\u{30FF}' | ' ')
}

/// Whether a reading in brackets (`（そうだん）`) starts at `at`; returns its end.
fn reading_at(chars: &[char], at: usize) -> Option<usize> {
    if chars.get(at) != Some(&'（') {
        return None;
    }
    let len = chars[at + 1..].iter().take_while(|c| is_reading_char(**c)).count();
    (len > 0 && chars.get(at + 1 + len) == Some(&'）')).then_some(at + 2 + len)
}

fn everyday(word: &str) -> bool {
    EVERYDAY_WORDS.contains(&word) || word.chars().all(|c| EVERYDAY_KANJI.contains(c))
}

/// Kanji words with no reading on their first use: a reading follows the kanji itself
/// (`知（し）らせる`) or the whole word with its okurigana (`手続き（てつづき）`).
fn missing_readings(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut read: HashSet<String> = HashSet::new();
    let mut missing = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_kanji(chars[i]) {
            i += 1;
            continue;
        }
        let end = i + chars[i..].iter().take_while(|c| is_kanji(**c)).count();
        let word: String = chars[i..end].iter().collect();
        let word_end = end + chars[end..].iter().take_while(|c| is_kanji(**c) || is_hiragana(**c)).count();
        let has_reading = reading_at(&chars, end).is_some() || reading_at(&chars, word_end).is_some();
        if has_reading {
            read.insert(word);
        } else if !everyday(&word) && !read.iter().any(|r| r.contains(&word)) && !missing.contains(&word) {
            missing.push(word);
        }
        i = end;
    }
    missing
}

/// Sentences over `MAX_SENTENCE`, readings and spaces not counted.
fn long_sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        match reading_at(&chars, i) {
            Some(end) => i = end,
            None => {
                plain.push(chars[i]);
                i += 1;
            }
        }
    }
    plain
        .split(['。', '？', '！', '\n'])
        .filter(|s| {
            let n: usize = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c == PLACEABLE { PLACEABLE_WIDTH } else { 1 })
                .sum();
            n > MAX_SENTENCE
        })
        .map(|s| s.trim().replace(PLACEABLE, "{…}"))
        .collect()
}

/// Everything the lint finds in one message's text, each named with the message id.
fn lint(id: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in missing_readings(text) {
        found.push(format!("{id}: 「{word}」 has no reading (write {word}（よみかた）) on its first use"));
    }
    for s in long_sentences(text) {
        found.push(format!("{id}: sentence over {MAX_SENTENCE} characters: {s}"));
    }
    if text.contains(['〜', '～', '~']) {
        found.push(format!("{id}: a 〜 range; write it with words (… から … まで)"));
    }
    let mut plain = text.to_owned();
    for phrase in SET_PHRASES {
        plain = plain.replace(phrase, "");
    }
    for k in KEIGO.iter().filter(|k| plain.contains(*k)) {
        found.push(format!("{id}: keigo 「{k}」; plain です／ます only"));
    }
    let chars: Vec<char> = plain.chars().collect();
    for w in chars.windows(2) {
        if matches!(w[0], 'お' | 'ご') && is_kanji(w[1]) && !(w[0] == 'お' && w[1] == '金') {
            found.push(format!("{id}: honorific prefix 「{}{}」", w[0], w[1]));
        }
    }
    found
}

/// A message's text with each placeable as one `PLACEABLE` character.
fn pattern_text(p: &ast::Pattern<&str>) -> String {
    p.elements
        .iter()
        .map(|e| match e {
            ast::PatternElement::TextElement { value } => (*value).to_owned(),
            ast::PatternElement::Placeable { .. } => PLACEABLE.to_string(),
        })
        .collect()
}

#[test]
fn plain_japanese_follows_the_guidelines() {
    let resource = fluent_syntax::parser::parse(source_of(Lang::JA_SIMPLE)).unwrap_or_else(|(r, _)| r);
    let mut found = Vec::new();
    let mut linted = 0;
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            if let Some(value) = &m.value {
                linted += 1;
                found.extend(lint(m.id.name, &pattern_text(value)));
            }
        }
    }
    assert!(linted > 100, "every message was linted");
    assert!(found.is_empty(), "locales/ja-simple:\n{}", found.join("\n"));
}

#[test]
fn the_lint_finds_each_kind_of_hard_japanese() {
    assert_eq!(missing_readings("相談を します"), vec!["相談"]);
    assert!(missing_readings("相談（そうだん）を します。また 相談 して ください").is_empty());
    assert!(missing_readings("手続き（てつづき）と 知（し）らせる と 今日 電話").is_empty());
    assert_eq!(missing_readings("受付（うけつけ）番号"), vec!["番号"], "each word of a compound");
    assert_eq!(lint("x", "0さい〜17さい").len(), 1);
    assert_eq!(lint("x", "お待（ま）ち いたします").len(), 2, "keigo and an honorific prefix");
    assert!(lint("x", "ありがとう ございます。お金の こと").is_empty());
    let long = "あ".repeat(MAX_SENTENCE + 1);
    assert_eq!(long_sentences(&format!("{long}。短い。")).len(), 1);
    let read = format!("{}（そうだん）です。", "相".repeat(MAX_SENTENCE - 2));
    assert!(long_sentences(&read).is_empty(), "readings are not counted");
}
