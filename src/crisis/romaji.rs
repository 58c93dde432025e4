//! Reads Latin-letter words as Japanese romaji ("shinitai" → しにたい), so that residents who
//! type Japanese without a Japanese keyboard are read against the Japanese lists too.
//!
//! Hepburn with the common Kunrei spellings (si, ti, tu, hu, zi); a doubled consonant is っ,
//! "n" before a consonant or at the end is ん. A word that does not read as romaji
//! ("quero", "morrer") is not converted.

/// The kana for one syllable spelled `s`, if any. A `match` on bytes: this runs for every
/// Latin word of every message.
#[rustfmt::skip]
fn syllable(s: &[u8]) -> Option<&'static str> {
    Some(match s {
        b"a" => "あ", b"ba" => "ば", b"be" => "べ", b"bi" => "び", b"bo" => "ぼ", b"bu" => "ぶ",
        b"bya" => "びゃ", b"byo" => "びょ", b"byu" => "びゅ", b"cha" => "ちゃ", b"chi" => "ち",
        b"cho" => "ちょ", b"chu" => "ちゅ", b"da" => "だ", b"de" => "で", b"do" => "ど", b"e" => "え",
        b"fu" => "ふ", b"ga" => "が", b"ge" => "げ", b"gi" => "ぎ", b"go" => "ご", b"gu" => "ぐ",
        b"gya" => "ぎゃ", b"gyo" => "ぎょ", b"gyu" => "ぎゅ", b"ha" => "は", b"he" => "へ", b"hi" => "ひ",
        b"ho" => "ほ", b"hu" => "ふ", b"hya" => "ひゃ", b"hyo" => "ひょ", b"hyu" => "ひゅ", b"i" => "い",
        b"ja" => "じゃ", b"ji" => "じ", b"jo" => "じょ", b"ju" => "じゅ", b"ka" => "か", b"ke" => "け",
        b"ki" => "き", b"ko" => "こ", b"ku" => "く", b"kya" => "きゃ", b"kyo" => "きょ", b"kyu" => "きゅ",
        b"ma" => "ま", b"me" => "め", b"mi" => "み", b"mo" => "も", b"mu" => "む", b"mya" => "みゃ",
        b"myo" => "みょ", b"myu" => "みゅ", b"na" => "な", b"ne" => "ね", b"ni" => "に", b"no" => "の",
        b"nu" => "ぬ", b"nya" => "にゃ", b"nyo" => "にょ", b"nyu" => "にゅ", b"o" => "お", b"pa" => "ぱ",
        b"pe" => "ぺ", b"pi" => "ぴ", b"po" => "ぽ", b"pu" => "ぷ", b"ra" => "ら", b"re" => "れ",
        b"ri" => "り", b"ro" => "ろ", b"ru" => "る", b"rya" => "りゃ", b"ryo" => "りょ", b"ryu" => "りゅ",
        b"sa" => "さ", b"se" => "せ", b"sha" => "しゃ", b"shi" => "し", b"sho" => "しょ", b"shu" => "しゅ",
        b"si" => "し", b"so" => "そ", b"su" => "す", b"ta" => "た", b"te" => "て", b"ti" => "ち",
        b"to" => "と", b"tsu" => "つ", b"tu" => "つ", b"u" => "う", b"wa" => "わ", b"wo" => "を",
        b"ya" => "や", b"yo" => "よ", b"yu" => "ゆ", b"za" => "ざ", b"ze" => "ぜ", b"zi" => "じ",
        b"zo" => "ぞ", b"zu" => "ず",
        _ => return None,
    })
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
        let found = (1..=3).rev().find_map(|len| b.get(i..i + len).and_then(syllable).map(|k| (len, k)));
        let (len, kana) = found?;
        out.push_str(kana);
        i += len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::to_kana;

    #[test]
    fn romaji_words_become_hiragana_and_other_words_do_not() {
        assert_eq!(to_kana("shinitai").as_deref(), Some("しにたい"));
        assert_eq!(to_kana("tsumori").as_deref(), Some("つもり"));
        assert_eq!(to_kana("kitte").as_deref(), Some("きって"));
        assert_eq!(to_kana("konnichiwa").as_deref(), Some("こんにちわ"));
        assert_eq!(to_kana("shinu").as_deref(), Some("しぬ"));
        assert_eq!(to_kana("quero"), None);
        assert_eq!(to_kana("morrer"), None);
    }
}
