//! The phrasebook's lists: the city's places staff can name in a phrase, and the documents
//! they can ask a resident to bring (their words are in `locales/*/phrasebook.ftl`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::Lang;

/// `[phrasebook]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhrasebookSettings {
    /// `[[phrasebook.places]]`: offices and facilities, in the order staff see them.
    pub places: Vec<Place>,
    /// The documents staff can pick, as codes of `doc-<code>` in `locales/*/phrasebook.ftl`.
    pub documents: Vec<String>,
    /// How long a structured question staff ask takes an answer (hours, 1 to 720).
    pub question_hours: u32,
}

/// The documents every locale names (`doc-<code>`).
pub const DOCUMENTS: [&str; 9] = [
    "residence_card",
    "my_number_card",
    "health_insurance_card",
    "passport",
    "pay_slips",
    "bank_book",
    "rental_contract",
    "letter",
    "seal",
];

impl Default for PhrasebookSettings {
    fn default() -> Self {
        PhrasebookSettings {
            places: Vec::new(),
            documents: DOCUMENTS.iter().map(|d| (*d).to_owned()).collect(),
            question_hours: 72,
        }
    }
}

/// A place residents are sent to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// How staff pick it (`city_hall`): letters, digits and `_`.
    pub code: String,
    /// Its name on the sign, in Japanese (what a resident looks for and says at the counter).
    pub name: String,
    /// The name explained in a language, by its tag (`pt-BR = "Prefeitura (市役所), 1º andar"`);
    /// a language without one reads the Japanese name.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// The address, in Japanese (to show a taxi driver or type into a map).
    pub address: String,
    /// A map link.
    #[serde(default)]
    pub map_url: Option<String>,
}

impl Place {
    /// Its name for a reader of `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        self.names.get(lang.tag()).map_or(self.name.as_str(), String::as_str)
    }
}

impl PhrasebookSettings {
    /// Checks what serde cannot; errors name the field.
    pub fn validate(&self) -> Result<(), String> {
        for (i, p) in self.places.iter().enumerate() {
            let at = format!("phrasebook.places[{i}]");
            let code_ok = !p.code.is_empty() && p.code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !code_ok {
                return Err(format!("{at}.code must be letters, digits and _: {:?}", p.code));
            }
            if self.places[..i].iter().any(|q| q.code == p.code) {
                return Err(format!("{at}.code {:?} is used twice", p.code));
            }
            if p.name.trim().is_empty() || p.address.trim().is_empty() {
                return Err(format!("{at}: name and address are required"));
            }
            if let Some(tag) = p.names.keys().find(|t| Lang::from_tag(t).is_none()) {
                return Err(format!("{at}.names: {tag:?} is not a language frontdesk speaks"));
            }
            if p.map_url.as_deref().is_some_and(|u| !u.starts_with("https://")) {
                return Err(format!("{at}.map_url must be an https:// link"));
            }
        }
        if let Some(d) = self.documents.iter().find(|d| !DOCUMENTS.contains(&d.as_str())) {
            return Err(format!(
                "phrasebook.documents: {d:?} is not one of {} (add its words to locales/*/phrasebook.ftl first)",
                DOCUMENTS.join(", ")
            ));
        }
        if !(1..=720).contains(&self.question_hours) {
            return Err(format!("phrasebook.question_hours must be 1 to 720 (30 days): {}", self.question_hours));
        }
        Ok(())
    }

    pub fn place(&self, code: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.code == code)
    }
}
