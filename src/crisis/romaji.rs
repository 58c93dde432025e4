//! Reads Latin-letter words as Japanese romaji ("shinitai" → しにたい), so that residents who
//! type Japanese without a Japanese keyboard are read against the Japanese lists too.
//!
//! Hepburn with the common Kunrei spellings (si, ti, tu, hu, zi); a doubled consonant is っ,
//! "n" before a consonant or at the end is ん. A word that does not read as romaji
//! ("quero", "morrer") is not converted.

/// The kana for one syllable spelled `s`, if any.
#[rustfmt::skip]
fn syllable(s: &str) -> Option<&'static str> {
    // Sorted by spelling, for the binary search below.
    const TABLE: &[(&str, &str)] = &[
        ("a", "あ"), ("ba", "ば"), ("be", "べ"), ("bi", "び"), ("bo", "ぼ"), ("bu", "ぶ"), ("bya", "びゃ"),
        ("byo", "びょ"), ("byu", "びゅ"), ("cha", "ちゃ"), ("chi", "ち"), ("cho", "ちょ"), ("chu", "ちゅ"),
        ("da", "だ"), ("de", "で"), ("do", "ど"), ("e", "え"), ("fu", "ふ"), ("ga", "が"), ("ge", "げ"),
        ("gi", "ぎ"), ("go", "ご"), ("gu", "ぐ"), ("gya", "ぎゃ"), ("gyo", "ぎょ"), ("gyu", "ぎゅ"),
        ("ha", "は"), ("he", "へ"), ("hi", "ひ"), ("ho", "ほ"), ("hu", "ふ"), ("hya", "ひゃ"),
        ("hyo", "ひょ"), ("hyu", "ひゅ"), ("i", "い"), ("ja", "じゃ"), ("ji", "じ"), ("jo", "じょ"),
        ("ju", "じゅ"), ("ka", "か"), ("ke", "け"), ("ki", "き"), ("ko", "こ"), ("ku", "く"),
        ("kya", "きゃ"), ("kyo", "きょ"), ("kyu", "きゅ"), ("ma", "ま"), ("me", "め"), ("mi", "み"),
        ("mo", "も"), ("mu", "む"), ("mya", "みゃ"), ("myo", "みょ"), ("myu", "みゅ"), ("na", "な"),
        ("ne", "ね"), ("ni", "に"), ("no", "の"), ("nu", "ぬ"), ("nya", "にゃ"), ("nyo", "にょ"),
        ("nyu", "にゅ"), ("o", "お"), ("pa", "ぱ"), ("pe", "ぺ"), ("pi", "ぴ"), ("po", "ぽ"), ("pu", "ぷ"),
        ("ra", "ら"), ("re", "れ"), ("ri", "り"), ("ro", "ろ"), ("ru", "る"), ("rya", "りゃ"),
        ("ryo", "りょ"), ("ryu", "りゅ"), ("sa", "さ"), ("se", "せ"), ("sha", "しゃ"), ("shi", "し"),
        ("sho", "しょ"), ("shu", "しゅ"), ("si", "し"), ("so", "そ"), ("su", "す"), ("ta", "た"),
        ("te", "て"), ("ti", "ち"), ("to", "と"), ("tsu", "つ"), ("tu", "つ"), ("u", "う"), ("wa", "わ"),
        ("wo", "を"), ("ya", "や"), ("yo", "よ"), ("yu", "ゆ"), ("za", "ざ"), ("ze", "ぜ"), ("zi", "じ"),
        ("zo", "ぞ"), ("zu", "ず"),
    ];
    TABLE.binary_search_by(|(r, _)| r.cmp(&s)).ok().map(|i| TABLE[i].1)
}

/// The word in hiragana, or `None` if it is not romaji. `word` is lower-case ASCII.
pub(super) fn to_kana(word: &str) -> Option<String> {
    let b = word.as_bytes();
    let mut out = String::with_capacity(word.len() * 2);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'n' && (i + 1 == b.len() || !b"aiueoy".contains(&b[i + 1])) {
            out.push('ん');
            i +=
                if b.get(i + 1) == Some(&b'n') && !b.get(i + 2).is_some_and(|n| b"aiueoy".contains(n)) { 2 } else { 1 };
            continue;
        }
        if c.is_ascii_lowercase() && !b"aiueon".contains(&c) && b.get(i + 1) == Some(&c) {
            out.push('っ');
            i += 1;
            continue;
        }
        let found = (1..=3).rev().find_map(|len| word.get(i..i + len).and_then(syllable).map(|k| (len, k)));
        let (len, kana) = found?;
        out.push_str(kana);
        i += len;
    }
    Some(out)
}
