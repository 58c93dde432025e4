//! Context around a match in the original text: the sentence that holds it, and whether a
//! denial written next to it takes it back (「死にたいと思ったことはない」, "nunca pensei em me
//! matar").

use std::ops::Range;

use super::lists::Side;

/// Ends a sentence. A comma does not: "Não, quero morrer" is one sentence and must alarm.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '．' | '｡' | '.' | '!' | '?' | '！' | '？' | '\n' | '\r' | '…')
}

/// The byte range of the sentence of `text` that holds `at`, without the spaces around it and
/// with its closing punctuation.
pub(super) fn sentence(text: &str, at: &Range<usize>) -> Range<usize> {
    let start =
        text[..at.start].char_indices().rev().find(|&(_, c)| ends_sentence(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let after = at.end.max(at.start);
    let mut end = text[after..].char_indices().find(|&(_, c)| ends_sentence(c)).map_or(text.len(), |(i, _)| after + i);
    // Keep the closing punctuation ("死にたい！！"), but not the line break.
    for c in text[end..].chars() {
        if !ends_sentence(c) || c == '\n' || c == '\r' {
            break;
        }
        end += c.len_utf8();
    }
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    let trail = text[start..end].len() - text[start..end].trim_end().len();
    (start + lead)..(end - trail).max(start + lead)
}

/// Whether a denial found at `denial` takes back the risk wording found at `risk`: it is on
/// its side, in the same sentence and right next to it, or it overlaps the risk wording's
/// outer end ("chưa bao giờ [nghĩ đến] tự tử", "không [muốn] chết"). Before the risk only
/// spaces may come between ("nunca pensei em | me matar"); after it at most two kana (the rest
/// of an inflected word: 「死にた|い|と思ったことはない」), no punctuation.
pub(super) fn denies(text: &str, side: Side, denial: &Range<usize>, risk: &Range<usize>) -> bool {
    // The folded text has no punctuation, but a denial does not reach across any:
    // "Não. Quero morrer" and "Não, quero morrer" both read "nao quero morrer".
    // An apostrophe is inside a word, not punctuation: English "I don't want to die".
    let words = |c: char| {
        c.is_alphanumeric()
            || c.is_whitespace()
            || matches!(c, '\'' | '’')
            || unicode_normalization::char::is_combining_mark(c)
    };
    if !text[denial.start.min(risk.start)..denial.end.max(risk.end)].chars().all(words) {
        return false;
    }
    match side {
        Side::Before if denial.start < risk.start => {
            denial.end > risk.start || text[denial.end..risk.start].trim().is_empty()
        }
        Side::After if denial.end > risk.end => {
            denial.start < risk.end || {
                let gap = &text[risk.end..denial.start];
                gap.chars().count() <= 2 && gap.chars().all(|c| ('\u{3041}'..='\u{309F}').contains(&c))
            }
        }
        _ => false,
    }
}
