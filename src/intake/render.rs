//! Turns the conversation's output into LINE messages in the resident's language: Fluent
//! for the words, the deployment's settings for numbers and hours, LINE's limits enforced.

use fluent_bundle::{FluentArgs, FluentValue};

use super::{Arg, Choice, Label, Msg, Output, Part};
use crate::{
    config::Settings,
    hours::{clock_text, Window},
    i18n::{Lang, Locales},
    line::message::{Message, MessageError, QuickReply, QuickReplyItem, MAX_LABEL_CHARS, MAX_MESSAGES_PER_REQUEST},
};

/// A pseudo message id: expands to one `hotline-line` per configured hotline.
pub const HOTLINES: &str = "@hotlines";
/// A pseudo message id: what to do tonight, from `[hours.tonight]` or `tonight-default`.
pub const TONIGHT: &str = "@tonight";

/// Variables every message may use; their values come from the settings.
pub const DEPLOYMENT_VARIABLES: [&str; 5] = ["phone", "hours", "days", "police", "ambulance"];

pub struct Renderer<'a> {
    pub locales: &'a Locales,
    pub settings: &'a Settings,
}

impl Renderer<'_> {
    /// The messages for `out`, at most 5, the last with the quick-reply buttons. With no
    /// language known yet, each message is said in every offered language (`[[languages]]`),
    /// in their order.
    pub fn render(&self, lang: Option<Lang>, out: &Output) -> Result<Vec<Message>, MessageError> {
        let mut texts: Vec<String> = out
            .messages
            .iter()
            .map(|m| match lang {
                Some(l) => self.msg_text(l, m),
                // Every part already says in which language: say it once.
                None if m.parts.iter().all(|p| p.lang.is_some()) => self.msg_text(Lang::JA, m),
                None => self
                    .settings
                    .languages
                    .offered()
                    .iter()
                    .map(|l| self.msg_text(*l, m))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            })
            .filter(|t| !t.trim().is_empty())
            .collect();
        if texts.len() > MAX_MESSAGES_PER_REQUEST {
            // Never more than LINE takes in one request: the overflow joins the last one.
            let tail = texts.split_off(MAX_MESSAGES_PER_REQUEST - 1).join("\n\n");
            texts.push(tail);
        }
        let mut messages = texts.iter().map(|t| Message::text_truncated(t)).collect::<Result<Vec<_>, _>>()?;
        if !out.choices.is_empty() {
            if let Some(last) = messages.pop() {
                let label_lang = lang.unwrap_or(Lang::JA);
                let items = out.choices.iter().map(|c| self.item(label_lang, c)).collect::<Result<Vec<_>, _>>()?;
                messages.push(last.with_quick_reply(QuickReply::new(items)?));
            }
        }
        Ok(messages)
    }

    fn item(&self, lang: Lang, c: &Choice) -> Result<QuickReplyItem, MessageError> {
        let label = match &c.label {
            Label::Id(id) => self.locales.text(lang, id, None),
            Label::LangName(l) => self.locales.text(*l, "lang-name", None),
            Label::Literal(s) => s.clone(),
        };
        let label: String = label.chars().take(MAX_LABEL_CHARS).collect();
        // The label is shown as the resident's own message when tapped.
        QuickReplyItem::postback(&label, &c.data, Some(&label))
    }

    fn msg_text(&self, lang: Lang, m: &Msg) -> String {
        let mut lines = Vec::new();
        for p in &m.parts {
            if p.id == HOTLINES {
                lines.extend(self.hotlines(p.lang.unwrap_or(lang)));
            } else if p.id == TONIGHT {
                let lang = p.lang.unwrap_or(lang);
                let configured = self.settings.hours.tonight(lang).map(str::to_owned);
                lines.push(configured.unwrap_or_else(|| self.part_text(lang, &Part::new("tonight-default"))));
            } else {
                lines.push(self.part_text(p.lang.unwrap_or(lang), p));
            }
        }
        lines.join("\n")
    }

    /// The opening hours as residents are shown them, from `[hours]`: "weekdays 8:30–17:15"
    /// for the usual week, else each open day with its hours.
    fn office_hours(&self, lang: Lang) -> String {
        let week = &self.settings.hours.schedule;
        let window_args = |w: &Window| {
            let mut args = FluentArgs::new();
            args.set("open", clock_text(w.open));
            args.set("close", clock_text(w.close));
            args
        };
        if let Some(w) = week.weekdays_window() {
            return self.locales.format(lang, "centre-hours", &window_args(&w));
        }
        // Monday first, as a week is read; Sunday last.
        let days: Vec<String> = (1..=7)
            .filter_map(|i| week.week[i % 7].map(|w| (i % 7, w)))
            .map(|(day, w)| {
                let mut args = window_args(&w);
                args.set("weekday", self.locales.text(lang, &format!("weekday-{day}"), None));
                self.locales.format(lang, "centre-hours-day", &args)
            })
            .collect();
        let mut args = FluentArgs::new();
        args.set("week", days.join(&self.locales.text(lang, "list-separator", None)));
        self.locales.format(lang, "centre-hours-week", &args)
    }

    fn hotlines(&self, lang: Lang) -> Vec<String> {
        let pick = |m: &std::collections::BTreeMap<String, String>| {
            m.get(lang.tag()).or_else(|| m.get(Lang::JA.tag())).cloned().unwrap_or_default()
        };
        let hotlines = &self.settings.safety.hotlines;
        if hotlines.is_empty() {
            return Vec::new();
        }
        let intro = self.locales.text(lang, "hotlines-intro", None);
        std::iter::once(intro)
            .chain(hotlines.iter().map(|h| {
                let mut args = FluentArgs::new();
                args.set("name", pick(&h.name));
                args.set("number", h.number.clone());
                args.set("time", pick(&h.hours));
                self.locales.format(lang, "hotline-line", &args)
            }))
            .collect()
    }

    fn part_text(&self, lang: Lang, p: &Part) -> String {
        let mut args = self.deployment_args(lang);
        for (name, value) in &p.args {
            args.set(*name, self.arg_value(lang, value));
        }
        self.locales.format(lang, p.id, &args)
    }

    fn arg_value(&self, lang: Lang, value: &Arg) -> FluentValue<'static> {
        match value {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Label(id) => FluentValue::from(self.locales.text(lang, id, None)),
            Arg::Labels(ids) => {
                let sep = self.locales.text(lang, "list-separator", None);
                let items: Vec<String> = ids.iter().map(|id| self.locales.text(lang, id, None)).collect();
                if items.is_empty() {
                    FluentValue::from(self.locales.text(lang, "value-none", None))
                } else {
                    FluentValue::from(items.join(&sep))
                }
            }
            Arg::Part(p) => FluentValue::from(self.part_text(lang, p)),
        }
    }

    fn deployment_args(&self, lang: Lang) -> FluentArgs<'static> {
        let s = self.settings;
        let mut args = FluentArgs::new();
        args.set("phone", s.centre.phone.clone().unwrap_or_default());
        args.set("hours", self.office_hours(lang));
        args.set("days", s.centre.reply_days);
        args.set("police", s.safety.police.clone());
        args.set("ambulance", s.safety.ambulance.clone());
        args
    }
}
