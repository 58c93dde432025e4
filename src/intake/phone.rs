//! Japanese phone numbers as residents type them: hyphens, spaces, brackets, full-width
//! digits, `+81`. Normalised to the domestic digits (`09012345678`).

/// Returns the normalised number, or `None` if it is not a plausible Japanese number.
///
/// Plausible: after turning `+81`/`81` into a leading 0, 10 digits starting with 0 (fixed
/// lines, 050 IP phones) or 11 digits starting with 070/080/090 (mobiles) or 0120/0800
/// free dial (10 or 11 digits).
pub fn normalize(input: &str) -> Option<String> {
    let mut digits = String::new();
    let mut plus = false;
    for c in input.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
            '＋' => '+',
            c => c,
        };
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() => plus = true,
            '-' | 'ー' | '－' | '‐' | '−' | ' ' | '　' | '(' | ')' | '（' | '）' | '.' => {}
            _ => return None,
        }
    }
    if plus || (digits.starts_with("81") && digits.len() >= 11) {
        let rest = digits.strip_prefix("81")?;
        // "+81 (0)90…" is common: drop the doubled trunk 0.
        digits = format!("0{}", rest.strip_prefix('0').unwrap_or(rest));
    }
    let mobile = ["070", "080", "090"].iter().any(|p| digits.starts_with(p));
    let ok = if mobile {
        digits.len() == 11
    } else if digits.starts_with("0120") || digits.starts_with("0800") {
        digits.len() == 10 || digits.len() == 11
    } else {
        digits.starts_with('0') && digits.len() == 10
    };
    ok.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_people_write_a_number_all_normalise() {
        for s in [
            "090-1234-5678",
            "09012345678",
            "０９０－１２３４－５６７８",
            "+81 90 1234 5678",
            "+81-(0)90-1234-5678",
            "81 90 1234 5678",
            "090 1234 5678",
        ] {
            assert_eq!(normalize(s).as_deref(), Some("09012345678"), "{s}");
        }
        assert_eq!(normalize("03-1234-5678").as_deref(), Some("0312345678"));
        assert_eq!(normalize("(0561) 12-3456").as_deref(), Some("0561123456"));
        assert_eq!(normalize("0120-123-456").as_deref(), Some("0120123456"));
    }

    #[test]
    fn implausible_numbers_are_refused() {
        for s in ["1234", "090-1234-567", "090-1234-56789", "abc", "", "9012345678", "03-1234-5678-9", "電話ください"]
        {
            assert_eq!(normalize(s), None, "{s}");
        }
    }
}
