//! A phrase from the phrasebook (`i18n::phrasebook`) with its slots filled: parsed from what
//! staff entered (a form or the API) into typed values, and written in the resident's
//! language, or in Japanese for staff to read beside it.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;

use super::{
    canned::{Date, Time},
    CaseworkError,
};
use crate::{
    config::{PhrasebookSettings, Place},
    i18n::{
        phrasebook::{phrases, Phrase, SlotKind},
        staff::StaffText,
        Lang, Locales,
    },
};

/// A slot's value, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotValue {
    Date(Date),
    Time(Time),
    Place(Place),
    Document(String),
    Documents(Vec<String>),
    /// Yen.
    Amount(u64),
    Phone(String),
}

/// A refused slot value: which slot (none when the phrase itself is unknown) and why, in
/// staff's Japanese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotError {
    pub slot: Option<String>,
    pub why: CaseworkError,
}

/// A phrase ready to send: which one, and each slot's value (the case number is the
/// service's to fill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledPhrase {
    pub id: String,
    pub values: Vec<(String, SlotValue)>,
}

impl FilledPhrase {
    /// From the phrase's id and the slots as entered (`date` = `2026-12-10`, `time` = `14:00`,
    /// `place` = a place's code, `documents` = codes separated by commas, `amount` = digits).
    pub fn parse(
        id: &str,
        entered: &BTreeMap<String, String>,
        settings: &PhrasebookSettings,
    ) -> Result<FilledPhrase, CaseworkError> {
        FilledPhrase::read(id, entered, settings).map_err(|e| e.why)
    }

    /// As `parse`, saying which slot was refused (the API names it, the page marks it).
    pub fn read(
        id: &str,
        entered: &BTreeMap<String, String>,
        settings: &PhrasebookSettings,
    ) -> Result<FilledPhrase, SlotError> {
        let phrase: Phrase = phrases()
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(SlotError { slot: None, why: CaseworkError::Invalid("文例が見つかりません") })?;
        let mut values = Vec::new();
        for (name, kind) in &phrase.slots {
            let refused = |why| SlotError { slot: Some(name.clone()), why };
            let Some(kind) = kind else {
                return Err(refused(CaseworkError::Invalid("文例の差し込みの種類がわかりません")));
            };
            if *kind == SlotKind::CaseNumber {
                continue;
            }
            let raw = entered.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
            let raw = raw.ok_or_else(|| refused(CaseworkError::Invalid(missing(*kind))))?;
            values.push((name.clone(), parse_value(*kind, raw, settings).map_err(refused)?));
        }
        Ok(FilledPhrase { id: phrase.id, values })
    }

    /// The phrase's situation (`first`, `appointment`, …).
    pub fn group(&self) -> &str {
        let rest = self.id.strip_prefix("pb-").unwrap_or(&self.id);
        rest.split_once('-').map_or(rest, |(g, _)| g)
    }

    /// The phrase in `lang`: a place's address and map link follow on lines of their own.
    pub fn render(&self, locales: &Locales, lang: Lang, case_number: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("number", case_number.to_owned());
        let mut place_lines = Vec::new();
        for (name, value) in &self.values {
            let text = match value {
                SlotValue::Date(d) => d.text(locales, lang),
                SlotValue::Time(t) => format!("{}:{:02}", t.hour, t.minute),
                SlotValue::Place(p) => {
                    place_lines.push(std::iter::once(&p.address).chain(&p.map_url).cloned().collect::<Vec<_>>());
                    p.name_in(lang).to_owned()
                }
                SlotValue::Document(d) => locales.text(lang, &format!("doc-{d}"), None),
                SlotValue::Documents(ds) => {
                    let sep = locales.text(lang, "list-separator", None);
                    ds.iter().map(|d| locales.text(lang, &format!("doc-{d}"), None)).collect::<Vec<_>>().join(&sep)
                }
                SlotValue::Amount(yen) => {
                    let mut a = FluentArgs::new();
                    a.set("amount", grouped(*yen, &locales.text(lang, "amount-group-separator", None)));
                    locales.format(lang, "amount-yen", &a)
                }
                SlotValue::Phone(p) => p.clone(),
            };
            args.set(name.clone(), text);
        }
        let mut text = locales.format(lang, &self.id, &args);
        for lines in place_lines {
            text.push_str("\n\n");
            text.push_str(&lines.join("\n"));
        }
        text
    }
}

/// The phrase in Japanese with each slot shown as what it holds (「〈日付〉の〈時刻〉に、〈場所〉に
/// 来てください。…」): how staff find a phrase and how the history names it. Slot names are
/// `pb-slot-<name>` in `locales/ja/staff.ftl`.
pub fn title(locales: &Locales, staff: &StaffText, phrase: &Phrase) -> String {
    let mut args = FluentArgs::new();
    for (name, _) in &phrase.slots {
        args.set(name.clone(), format!("〈{}〉", staff.text(&format!("pb-slot-{name}"))));
    }
    locales.format(Lang::JA, &phrase.id, &args)
}

fn missing(kind: SlotKind) -> &'static str {
    match kind {
        SlotKind::Date => "日付を入れてください",
        SlotKind::Time => "時刻を入れてください",
        SlotKind::Place => "場所を選んでください",
        SlotKind::Document | SlotKind::Documents => "書類を選んでください",
        SlotKind::Amount => "金額を入れてください",
        SlotKind::Phone => "電話番号を入れてください",
        SlotKind::CaseNumber => "受付番号がありません",
    }
}

fn parse_value(kind: SlotKind, raw: &str, settings: &PhrasebookSettings) -> Result<SlotValue, CaseworkError> {
    let document = |code: &str| {
        settings
            .documents
            .iter()
            .find(|d| *d == code)
            .cloned()
            .ok_or(CaseworkError::Invalid("その書類は一覧にありません"))
    };
    Ok(match kind {
        SlotKind::Date => SlotValue::Date(Date::parse(raw)?),
        SlotKind::Time => SlotValue::Time(Time::parse(raw)?),
        SlotKind::Place => SlotValue::Place(
            settings.place(raw).cloned().ok_or(CaseworkError::Invalid("その場所は設定の一覧にありません"))?,
        ),
        SlotKind::Document => SlotValue::Document(document(raw)?),
        SlotKind::Documents => {
            let list = raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(document);
            SlotValue::Documents(list.collect::<Result<_, _>>()?)
        }
        SlotKind::Amount => {
            let digits: String = raw.chars().filter(|c| !matches!(c, ',' | '，' | '円' | '¥' | ' ')).collect();
            let yen = digits.parse::<u64>().ok().filter(|y| *y > 0 && *y < 100_000_000);
            SlotValue::Amount(yen.ok_or(CaseworkError::Invalid("金額は円の数字で入れてください"))?)
        }
        SlotKind::Phone => {
            let ok = (3..=20).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_digit() || c == '-');
            if !ok {
                return Err(CaseworkError::Invalid("電話番号は数字とハイフンで入れてください"));
            }
            SlotValue::Phone(raw.to_owned())
        }
        SlotKind::CaseNumber => return Err(CaseworkError::Invalid("受付番号は自動で入ります")),
    })
}

/// `30000` → `30,000` (or `30.000`).
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
