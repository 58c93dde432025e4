//! Reads Latin-letter words as Japanese romaji ("shinitai" → しにたい), so that residents who
//! type Japanese without a Japanese keyboard are read against the Japanese lists too.
//!
//! Hepburn with the common Kunrei spellings (si, ti, tu, hu, zi); a doubled consonant is っ,
//! "n" before a consonant or at the end is ん. A word that does not read as romaji
//! ("quero", "morrer") is not converted.

/// The kana for one syllable spelled `s`, if any.
fn syllable(s: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("a", "あ"),
        ("i", "い"),
        ("u", "う"),
        ("e", "え"),
        ("o", "お"),
        ("ka", "か"),
        ("ki", "き"),
        ("ku", "く"),
        ("ke", "け"),
        ("ko", "こ"),
        ("sa", "さ"),
        ("shi", "し"),
        ("si", "し"),
        ("su", "す"),
        ("se", "せ"),
        ("so", "そ"),
        ("ta", "た"),
        ("chi", "ち"),
        ("ti", "ち"),
        ("tsu", "つ"),
        ("tu", "つ"),
        ("te", "て"),
        ("to", "と"),
        ("na", "な"),
        ("ni", "に"),
        ("nu", "ぬ"),
        ("ne", "ね"),
        ("no", "の"),
        ("ha", "は"),
        ("hi", "ひ"),
        ("fu", "ふ"),
        ("hu", "ふ"),
        ("he", "へ"),
        ("ho", "ほ"),
        ("ma", "ま"),
        ("mi", "み"),
        ("mu", "む"),
        ("me", "め"),
        ("mo", "も"),
        ("ya", "や"),
        ("yu", "ゆ"),
        ("yo", "よ"),
        ("ra", "ら"),
        ("ri", "り"),
        ("ru", "る"),
        ("re", "れ"),
        ("ro", "ろ"),
        ("wa", "わ"),
        ("wo", "を"),
        ("ga", "が"),
        ("gi", "ぎ"),
        ("gu", "ぐ"),
        ("ge", "げ"),
        ("go", "ご"),
        ("za", "ざ"),
        ("ji", "じ"),
        ("zi", "じ"),
        ("zu", "ず"),
        ("ze", "ぜ"),
        ("zo", "ぞ"),
        ("da", "だ"),
        ("de", "で"),
        ("do", "ど"),
        ("ba", "ば"),
        ("bi", "び"),
        ("bu", "ぶ"),
        ("be", "べ"),
        ("bo", "ぼ"),
        ("pa", "ぱ"),
        ("pi", "ぴ"),
        ("pu", "ぷ"),
        ("pe", "ぺ"),
        ("po", "ぽ"),
        ("kya", "きゃ"),
        ("kyu", "きゅ"),
        ("kyo", "きょ"),
        ("sha", "しゃ"),
        ("shu", "しゅ"),
        ("sho", "しょ"),
        ("cha", "ちゃ"),
        ("chu", "ちゅ"),
        ("cho", "ちょ"),
        ("ja", "じゃ"),
        ("ju", "じゅ"),
        ("jo", "じょ"),
        ("nya", "にゃ"),
        ("nyu", "にゅ"),
        ("nyo", "にょ"),
        ("hya", "ひゃ"),
        ("hyu", "ひゅ"),
        ("hyo", "ひょ"),
        ("mya", "みゃ"),
        ("myu", "みゅ"),
        ("myo", "みょ"),
        ("rya", "りゃ"),
        ("ryu", "りゅ"),
        ("ryo", "りょ"),
        ("gya", "ぎゃ"),
        ("gyu", "ぎゅ"),
        ("gyo", "ぎょ"),
        ("bya", "びゃ"),
        ("byu", "びゅ"),
        ("byo", "びょ"),
    ];
    TABLE.iter().find(|(r, _)| *r == s).map(|(_, k)| *k)
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
