//! The profile languages the simulator offers when adding a resident: each configured
//! language's LINE profile codes (`[[languages]] line_profile`), and two that no entry maps,
//! to try what a resident whose LINE is set to another language gets (the language choice).

use serde::Serialize;

use crate::config::Languages;

/// Profile languages no built-in entry maps: Filipino and Nepali residents, who often read
/// English better than Japanese, are asked which language they want.
const UNMAPPED_EXAMPLES: [(&str, &str); 2] = [("fil", "Filipino"), ("ne", "नेपाली")];

/// One choice of the page's "Profile language" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct ProfileLanguage {
    /// The profile's `language` (Messaging API reference, "Get profile").
    pub code: String,
    /// What the page shows.
    pub label: String,
}

/// The page's list, configured languages first, in their order.
pub(super) fn profile_languages(languages: &Languages) -> Vec<ProfileLanguage> {
    let mut out: Vec<ProfileLanguage> = languages
        .entries()
        .iter()
        .flat_map(|e| {
            e.line_profile
                .iter()
                .map(|code| ProfileLanguage { code: code.clone(), label: format!("{} ({code})", e.name) })
        })
        .collect();
    for (code, name) in UNMAPPED_EXAMPLES {
        if languages.from_profile(code).is_none() {
            out.push(ProfileLanguage { code: code.into(), label: format!("{name} ({code}, not configured: asked)") });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_configured_profile_code_and_an_unmapped_one() {
        let list = profile_languages(&Languages::default());
        let codes: Vec<&str> = list.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["ja", "pt", "vi", "en", "fil", "ne"]);
        assert_eq!(list[3].label, "English (en)");
    }
}
