//! The staff phrasebook: vetted messages staff choose by their Japanese meaning and residents
//! receive in their own language (`locales/<tag>/phrasebook.ftl`, ids `pb-<group>-<name>`),
//! each with typed slots known by their names, so nothing a resident reads is machine-made.

use fluent_syntax::ast;

use super::{collect_vars, source_of, Lang};

/// What a slot holds, from its name (the list in `locales/ja/phrasebook.ftl`'s header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// `$date`, `$new_date`: a day, written with its weekday the way each language writes it.
    Date,
    /// `$time`, `$new_time`: a time of day.
    Time,
    /// `$place`: one of the city's configured offices and facilities.
    Place,
    /// `$document`: one document from the configured list.
    Document,
    /// `$documents`: several, joined the way each language lists things.
    Documents,
    /// `$amount`: an amount in yen.
    Amount,
    /// `$phone`: an office's or facility's telephone number.
    Phone,
    /// `$number`: the case number, filled in by the service, never typed.
    CaseNumber,
}

impl SlotKind {
    /// The kind of the slot named `name`, if it is one the phrasebook knows.
    pub fn of(name: &str) -> Option<SlotKind> {
        Some(match name {
            "date" | "new_date" => SlotKind::Date,
            "time" | "new_time" => SlotKind::Time,
            "place" => SlotKind::Place,
            "document" => SlotKind::Document,
            "documents" => SlotKind::Documents,
            "amount" => SlotKind::Amount,
            "phone" => SlotKind::Phone,
            "number" => SlotKind::CaseNumber,
            _ => return None,
        })
    }

    /// The kind as the JSON API names it (`GET /api/phrasebook`).
    pub fn code(self) -> &'static str {
        match self {
            SlotKind::Date => "date",
            SlotKind::Time => "time",
            SlotKind::Place => "place",
            SlotKind::Document => "document",
            SlotKind::Documents => "documents",
            SlotKind::Amount => "amount",
            SlotKind::Phone => "phone",
            SlotKind::CaseNumber => "case_number",
        }
    }
}

/// One phrase: its Fluent id, its situation (`first`, `shelter`, …; staff read the group's
/// name from `pb-group-<group>` in `locales/ja/staff.ftl`) and its slots in order of use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub id: String,
    pub group: String,
    pub slots: Vec<(String, Option<SlotKind>)>,
}

/// Every phrase, in the order of the Japanese source (grouped by situation).
pub fn phrases() -> Vec<Phrase> {
    let resource = fluent_syntax::parser::parse(source_of(Lang::JA)).unwrap_or_else(|(r, _)| r);
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) if m.id.name.starts_with("pb-") => {
                let rest = &m.id.name["pb-".len()..];
                let group = rest.split_once('-').map_or(rest, |(g, _)| g).to_owned();
                let mut names = Vec::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut names);
                }
                let mut slots: Vec<(String, Option<SlotKind>)> = Vec::new();
                for n in names {
                    if !slots.iter().any(|(s, _)| *s == n) {
                        let kind = SlotKind::of(&n);
                        slots.push((n, kind));
                    }
                }
                Some(Phrase { id: m.id.name.to_owned(), group, slots })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::i18n::{staff::StaffText, Locales};

    #[test]
    fn the_phrasebook_has_forty_phrases_in_every_situation_the_desk_meets() {
        let phrases = phrases();
        assert!(phrases.len() >= 40, "{} phrases", phrases.len());
        let groups: BTreeSet<&str> = phrases.iter().map(|p| p.group.as_str()).collect();
        let expected =
            ["appointment", "closing", "documents", "first", "housing", "interpreter", "money", "question", "shelter"];
        assert_eq!(groups, expected.into_iter().collect());
        let staff = StaffText::load().unwrap();
        for g in groups {
            assert!(staff.has(&format!("pb-group-{g}")), "locales/ja/staff.ftl names the group {g}");
        }
    }

    #[test]
    fn every_slot_has_a_known_kind_and_the_same_slots_in_every_locale() {
        let phrases = phrases();
        for p in &phrases {
            for (name, kind) in &p.slots {
                assert!(kind.is_some(), "{}: ${name} is not a slot the phrasebook knows", p.id);
            }
        }
        for lang in Lang::ALL {
            let vars = Locales::variables(lang);
            for p in &phrases {
                let mut ja: Vec<String> = p.slots.iter().map(|(n, _)| n.clone()).collect();
                ja.sort();
                let theirs = vars.get(&p.id).unwrap_or_else(|| panic!("locales/{}: {} is missing", lang.tag(), p.id));
                assert_eq!(theirs, &ja, "locales/{}: {} has other slots than ja", lang.tag(), p.id);
            }
        }
    }

    #[test]
    fn a_phrase_lists_its_slots_in_the_order_the_japanese_uses_them() {
        let come = phrases().into_iter().find(|p| p.id == "pb-appointment-come").unwrap();
        assert_eq!(come.group, "appointment");
        let slots: Vec<_> = come.slots.iter().map(|(n, k)| (n.as_str(), k.unwrap())).collect();
        assert_eq!(
            slots,
            [
                ("date", SlotKind::Date),
                ("time", SlotKind::Time),
                ("place", SlotKind::Place),
                ("number", SlotKind::CaseNumber)
            ]
        );
        assert_eq!(SlotKind::of("colour"), None);
    }
}
