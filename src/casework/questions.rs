//! A question staff ask a resident, answered by tapping: yes or no, one of the dates and
//! times staff offer, or one of the city's places. Pure: the LINE message in the resident's
//! language, the answer read from a tap or typed words (in any language, as in the intake),
//! and what it means in Japanese for the case page.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;

use super::{
    canned::{Date, Time},
    phrases::{FilledPhrase, SlotError},
    CaseworkError,
};
use crate::{
    config::{PhrasebookSettings, Place},
    i18n::{
        phrasebook::{phrases, Phrase},
        Lang, Locales,
    },
    intake::Vocabulary,
    line::message::{Message, MessageError, QuickReply, QuickReplyItem},
    text::normalize,
};

/// At most this many dates or places: with "none of these", a short list a resident can read.
pub const MAX_CHOICES: usize = 6;

/// What the resident can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choices {
    YesNo,
    /// Dates and times staff offer.
    Times(Vec<(Date, Time)>),
    /// Places from `[phrasebook] places`.
    Places(Vec<Place>),
}

/// A question: its words (a phrase, with its slots filled) and its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffQuestion {
    pub phrase: FilledPhrase,
    pub choices: Choices,
}

/// An answer's code as stored: `yes`, `no`, `1`…`6` (the offered date or place), or `none`.
pub type AnswerCode = String;

impl Choices {
    /// From a form or the API: `yes_no`; `times` with `date time` pairs (`2026-12-10 14:00`);
    /// `places` with place codes.
    pub fn parse(kind: &str, items: &[String], settings: &PhrasebookSettings) -> Result<Choices, CaseworkError> {
        let count_ok = (2..=MAX_CHOICES).contains(&items.len());
        match kind {
            "yes_no" => Ok(Choices::YesNo),
            "times" if count_ok => items
                .iter()
                .map(|s| {
                    let (d, t) = s
                        .trim()
                        .split_once(' ')
                        .ok_or(CaseworkError::Invalid("日時は「日付 時刻」で入れてください"))?;
                    Ok((Date::parse(d)?, Time::parse(t)?))
                })
                .collect::<Result<_, _>>()
                .map(Choices::Times),
            "places" if count_ok => items
                .iter()
                .map(|c| {
                    settings.place(c.trim()).cloned().ok_or(CaseworkError::Invalid("その場所は設定の一覧にありません"))
                })
                .collect::<Result<_, _>>()
                .map(Choices::Places),
            "times" | "places" => Err(CaseworkError::Invalid("選択肢は2つから6つまでです")),
            _ => Err(CaseworkError::Invalid("質問の種類がわかりません")),
        }
    }

    /// Each answer's code, in order.
    pub fn codes(&self) -> Vec<AnswerCode> {
        match self {
            Choices::YesNo => vec!["yes".into(), "no".into()],
            Choices::Times(v) => numbered(v.len()),
            Choices::Places(v) => numbered(v.len()),
        }
    }
}

/// The answer codes of a stored question from its kind and items (JSON) alone: what a tap
/// may answer even if the configured places changed since it was asked.
pub fn stored_codes(kind: &str, items: Option<&str>) -> Vec<AnswerCode> {
    let n = items.and_then(|i| serde_json::from_str::<Vec<String>>(i).ok()).map_or(0, |v| v.len());
    match kind {
        "yes_no" => Choices::YesNo.codes(),
        _ if n > 0 => numbered(n),
        _ => Vec::new(),
    }
}

fn numbered(n: usize) -> Vec<AnswerCode> {
    (1..=n).map(|i| i.to_string()).chain(["none".to_owned()]).collect()
}

impl StaffQuestion {
    /// The LINE message in `lang`: the question, the places listed by number, and a button
    /// per answer whose postback names the question (`ask:<id>:<code>`).
    pub fn message(&self, locales: &Locales, lang: Lang, id: &str, case_number: &str) -> Result<Message, MessageError> {
        let mut text = self.phrase.render(locales, lang, case_number);
        if let Choices::Places(places) = &self.choices {
            for (i, p) in places.iter().enumerate() {
                text.push_str(&format!("\n{}. {}", i + 1, p.name_in(lang)));
            }
        }
        let items = self
            .choices
            .codes()
            .into_iter()
            .map(|code| {
                let label = self.label(locales, lang, &code);
                QuickReplyItem::postback(&label, &format!("ask:{id}:{code}"), Some(&label))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Message::text(text)?.with_quick_reply(QuickReply::new(items)?))
    }

    /// A button's label in `lang` (at most 20 characters: LINE's limit).
    pub fn label(&self, locales: &Locales, lang: Lang, code: &str) -> String {
        match (code, &self.choices) {
            ("yes", _) => locales.text(lang, "opt-yes", None),
            ("no", _) => locales.text(lang, "opt-no", None),
            ("none", _) => locales.text(lang, "ask-none-fits", None),
            (n, Choices::Times(v)) => nth(v, n).map(|(d, t)| short_date(locales, lang, d, t)).unwrap_or_default(),
            (n, _) => n.to_owned(),
        }
    }

    /// The answer a resident's typed words give, if they give one: yes or no in any
    /// language's words, or an option's number.
    pub fn read_typed(&self, typed: &str, vocab: &dyn Vocabulary) -> Option<AnswerCode> {
        let compact: String = normalize(typed).chars().filter(|c| *c != ' ').collect();
        let is = |id: &str| vocab.words(id).iter().any(|w| w.chars().filter(|c| *c != ' ').eq(compact.chars()));
        match self.choices {
            Choices::YesNo if is("opt-yes") => Some("yes".into()),
            Choices::YesNo if is("opt-no") => Some("no".into()),
            Choices::YesNo => None,
            _ => self.choices.codes().into_iter().find(|c| *c == compact),
        }
    }

    /// What an answer means, in Japanese, for the case page (「12月10日（木）14:00」).
    pub fn meaning_ja(&self, locales: &Locales, code: &str) -> Option<String> {
        Some(match (code, &self.choices) {
            ("yes", Choices::YesNo) => locales.text(Lang::JA, "opt-yes", None),
            ("no", Choices::YesNo) => locales.text(Lang::JA, "opt-no", None),
            ("none", Choices::Times(_) | Choices::Places(_)) => locales.text(Lang::JA, "ask-none-fits", None),
            (n, Choices::Times(v)) => {
                nth(v, n).map(|(d, t)| format!("{}{}:{:02}", d.text(locales, Lang::JA), t.hour, t.minute))?
            }
            (n, Choices::Places(v)) => nth(v, n)?.name.clone(),
            _ => return None,
        })
    }
}

/// The phrases staff may ask with buttons, each with the kind of answers it takes: the
/// `question` group's (`pb-question-which-time` offers times, `…-which-place` places) and
/// every phrase that asks something (its Japanese ends in 「か。」), answered yes or no.
pub fn askable(locales: &Locales) -> Vec<(Phrase, &'static str)> {
    phrases()
        .into_iter()
        .filter_map(|p| {
            let kind = if p.id.ends_with("-which-time") {
                "times"
            } else if p.id.ends_with("-which-place") {
                "places"
            } else if p.group != "question" && locales.text(Lang::JA, &p.id, None).trim_end().ends_with("か。") {
                "yes_no"
            } else {
                return None;
            };
            Some((p, kind))
        })
        .collect()
}

impl StaffQuestion {
    /// A question staff ask: the phrase must be one `askable` offers, with its kind of answers.
    /// A refusal names the phrase's slot, if one was refused (the preview marks its input).
    pub fn compose(
        locales: &Locales,
        phrase: &str,
        slots: &BTreeMap<String, String>,
        kind: &str,
        items: &[String],
        settings: &PhrasebookSettings,
    ) -> Result<StaffQuestion, SlotError> {
        let whole = |why| SlotError { slot: None, why };
        let (_, expected) = askable(locales)
            .into_iter()
            .find(|(p, _)| p.id == phrase)
            .ok_or(whole(CaseworkError::Invalid("この文例は質問に使えません")))?;
        if expected != kind {
            return Err(whole(CaseworkError::Invalid("この文例には、この答え方は使えません")));
        }
        Ok(StaffQuestion {
            phrase: FilledPhrase::read(phrase, slots, settings)?,
            choices: Choices::parse(kind, items, settings).map_err(whole)?,
        })
    }

    /// A stored question read back (`None` if its data was erased or the configured places
    /// changed since).
    pub fn stored(
        phrase: &str,
        slots: Option<&str>,
        kind: &str,
        items: Option<&str>,
        settings: &PhrasebookSettings,
    ) -> Option<StaffQuestion> {
        let slots: BTreeMap<String, String> = serde_json::from_str(slots?).ok()?;
        let items: Vec<String> = serde_json::from_str(items?).ok()?;
        Some(StaffQuestion {
            phrase: FilledPhrase::parse(phrase, &slots, settings).ok()?,
            choices: Choices::parse(kind, &items, settings).ok()?,
        })
    }

    /// The question and its buttons in Japanese, for the transcript: 「…ですか。［はい／いいえ］」.
    pub fn gloss_ja(&self, locales: &Locales, case_number: &str) -> String {
        let choices: Vec<String> = self.choices.codes().iter().filter_map(|c| self.meaning_ja(locales, c)).collect();
        format!("{}\n［{}］", self.phrase.render(locales, Lang::JA, case_number), choices.join("／"))
    }
}

fn nth<'a, T>(v: &'a [T], code: &str) -> Option<&'a T> {
    code.parse::<usize>().ok().filter(|i| *i >= 1).and_then(|i| v.get(i - 1))
}

/// `12/10(木) 14:00`, `qui 10/12 14:00`: short enough for a button.
fn short_date(locales: &Locales, lang: Lang, d: &Date, t: &Time) -> String {
    let mut a = FluentArgs::new();
    a.set("month", d.month);
    a.set("day", d.day);
    a.set("weekday", locales.text(lang, &format!("weekday-short-{}", d.weekday()), None));
    a.set("time", format!("{}:{:02}", t.hour, t.minute));
    locales.format(lang, "date-button", &a)
}

#[cfg(test)]
mod tests;
