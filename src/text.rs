//! Lenient text matching for what residents type: one normal form in which case, accents,
//! Vietnamese diacritics, full-width/half-width forms and spacing don't matter.
//!
//! Used by the conversation (typed answers, command words) and the crisis detector.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// NFKC (full-width → half-width, half-width katakana → full-width), lower case, accents and
/// diacritics removed (`não` → `nao`, `không` → `khong`, `đ` → `d`), katakana folded to
/// hiragana, punctuation turned into spaces, runs of spaces collapsed, trimmed.
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut space = true; // suppress leading spaces
                          // NFKC first so full-width letters decompose like ASCII ones, then NFD to split accents.
    for c in input.nfkc().flat_map(|c| c.to_lowercase()).collect::<String>().nfd() {
        if is_combining_mark(c) {
            // Dakuten on kana are combining marks in NFD: keep them (が ≠ か).
            if matches!(c, '\u{3099}' | '\u{309A}') {
                out.push(c);
            }
            continue;
        }
        let c = match c {
            'đ' => 'd',
            'ł' => 'l',
            'ø' => 'o',
            // Katakana → hiragana, so ことば and コトバ match.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        };
        if c.is_alphanumeric() || is_kana_mark(c) {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out.nfc().collect()
}

/// `normalize` without any spaces: for scripts written without spaces, and for "m e  m a t a r".
pub fn compact(input: &str) -> String {
    normalize(input).chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_kana_mark(c: char) -> bool {
    matches!(c, 'ー' | '〜' | '゛' | '゜')
}

/// Parses a small whole number typed in any width (`３` → 3) or as a kanji numeral 一〜十.
pub fn parse_small_number(input: &str) -> Option<u32> {
    let n = normalize(input);
    let n = n.trim_end_matches(['人', '名', '番', 'つ']).trim();
    if let Ok(v) = n.parse::<u32>() {
        return Some(v);
    }
    const KANJI: [&str; 11] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    KANJI.iter().position(|k| *k == n).map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_widths_do_not_matter() {
        assert_eq!(normalize("Não"), "nao");
        assert_eq!(normalize("  KHÔNG  "), "khong");
        assert_eq!(normalize("Không"), normalize("khong"));
        assert_eq!(normalize("Đúng"), "dung");
        assert_eq!(normalize("ＹＥＳ！"), "yes");
        assert_eq!(normalize("１２３"), "123");
        assert_eq!(normalize("ｺﾄﾊﾞ"), normalize("ことば"));
        assert_eq!(normalize("コトバ"), "ことば");
        assert_eq!(normalize("ngôn   ngữ"), "ngon ngu");
        assert_eq!(normalize("você?"), "voce");
    }

    #[test]
    fn voiced_kana_stay_distinct() {
        assert_ne!(normalize("が"), normalize("か"));
        assert_eq!(normalize("ガ"), "が");
    }

    #[test]
    fn compact_removes_all_spacing() {
        assert_eq!(compact("m e  m a t a r"), "mematar");
        assert_eq!(compact("死に たい"), "死にたい");
    }

    #[test]
    fn small_numbers_in_any_width() {
        assert_eq!(parse_small_number("３"), Some(3));
        assert_eq!(parse_small_number("2人"), Some(2));
        assert_eq!(parse_small_number("二"), Some(2));
        assert_eq!(parse_small_number("x"), None);
    }
}
