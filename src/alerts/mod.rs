//! The coordinators' alert loop about shelter and emergency cases, pure: who is alerted at
//! each stage, when the next stage falls due, and what the alert says (in Japanese, without
//! the resident's words, name or phone number: the case number and a link suffice).

pub mod escalation;
pub mod on_call;

use crate::{
    casework::labels::{answer, household, stored},
    config::AlertSettings,
    i18n::staff::StaffText,
    ids::ChatId,
    intake::answers::Tonight,
    line::message::{
        flex::{Block, Bubble, ButtonStyle, Component, Container, FlexBox},
        truncate_utf16, Action, Message, MessageError,
    },
    routing::{Priority, Queue},
    store::CaseDetails,
};

/// How urgent the alert is; stored as `alerts.level` (and `cases.alert_level`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A shelter case: nowhere to sleep tonight.
    Urgent = 1,
    /// An emergency case (crisis words, danger now).
    Emergency = 2,
}

impl Level {
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Level> {
        match code {
            1 => Some(Level::Urgent),
            2 => Some(Level::Emergency),
            _ => None,
        }
    }
}

/// Where an unacknowledged alert stands; stored as `alerts.stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Sent to the coordinators (and, for an emergency, the centre).
    First = 0,
    /// Not acknowledged within `ack_minutes`: sent to the coordinators again, marked 再通知.
    Reminder = 1,
    /// Not acknowledged within `escalate_minutes`: sent to the on-call staff and the centre.
    Escalated = 2,
}

impl Stage {
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Stage> {
        match code {
            0 => Some(Stage::First),
            1 => Some(Stage::Reminder),
            2 => Some(Stage::Escalated),
            _ => None,
        }
    }

    /// The stage after this one, if any.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::First => Some(Stage::Reminder),
            Stage::Reminder => Some(Stage::Escalated),
            Stage::Escalated => None,
        }
    }

    fn code_text(self) -> &'static str {
        match self {
            Stage::First => "first",
            Stage::Reminder => "reminder",
            Stage::Escalated => "escalated",
        }
    }
}

/// When the stage after `stage` falls due for an alert first sent at `sent_at` (ms), if
/// there is one: counted from the first alert, so a late worker does not push it back.
pub fn next_due(settings: &AlertSettings, level: Level, stage: Stage, sent_at: i64) -> Option<i64> {
    let (ack, escalate) = match level {
        Level::Urgent => (settings.ack_minutes, settings.escalate_minutes),
        Level::Emergency => (settings.emergency_ack_minutes, settings.emergency_escalate_minutes),
    };
    let minutes = match stage.next()? {
        Stage::First => return None,
        Stage::Reminder => ack,
        Stage::Escalated => escalate,
    };
    Some(sent_at + minutes as i64 * 60_000)
}

/// Who the first alert goes to: the coordinators for a shelter case whose resident
/// consented to sharing with partners; for an emergency, the centre's own group always and
/// the coordinators with that consent. Sorted, without repeats.
pub fn first_targets(settings: &AlertSettings, level: Level, partner_visible: bool) -> Vec<ChatId> {
    let partners = settings.coordinators.iter().filter(|_| partner_visible);
    let mut targets: Vec<ChatId> = match level {
        Level::Emergency => settings.centre.iter().chain(partners).cloned().collect(),
        Level::Urgent => partners.cloned().collect(),
    };
    targets.sort();
    targets.dedup();
    targets
}

/// What the alert is about: the case's codes, read from the case as written.
pub struct Summary<'a> {
    pub number: &'a str,
    pub details: &'a CaseDetails,
    pub level: Level,
    pub stage: Stage,
    /// Where staff open the case: `{dashboard_url}/staff/cases/{number}`.
    pub dashboard_url: &'a str,
}

/// The alert's messages, in the staff's Japanese: one flex bubble (the stage and title as
/// its header, the summary as its body) with two buttons, 「対応します」, a message action
/// whose text names the case, and the case page. LINE gives a group member's `userId` only
/// with message events (Messaging API reference, "Webhook event objects" › "Source user /
/// group / room"), so the acknowledgement is a message the member sends, not a postback.
/// The alternative text is the whole alert as plain text.
pub fn messages(t: &StaffText, s: &Summary) -> Result<Vec<Message>, MessageError> {
    let d = s.details;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("level", if s.level == Level::Emergency { "emergency" } else { "urgent" });
    args.set("stage", s.stage.code_text());
    args.set("number", s.number.to_owned());
    args.set("queue", stored::<Queue>(t, &d.queue));
    args.set("priority", stored::<Priority>(t, &d.priority));
    args.set("tonight", answer::<Tonight>(t, d.tonight.as_deref()));
    args.set("lang", t.label("lang", d.lang.as_deref().unwrap_or("unknown")));
    args.set("household", household(t, d.household.as_deref(), d.adults, d.children));
    let url = format!("{}/staff/cases/{}", s.dashboard_url, s.number);
    args.set("url", url.clone());
    let title = t.format("alert-stage", Some(&args)) + &t.format("alert-title", Some(&args));
    let body = t.format("alert-body", Some(&args));
    let alt_text = [title.clone(), body.clone(), t.format("alert-link", Some(&args))].join("\n");
    let lines = body.lines().filter(|l| !l.trim().is_empty()).map(Component::text).collect::<Result<_, _>>()?;
    let ack = t.text("alert-ack-label");
    let mut buttons = vec![Component::button(Action::message(&ack, &ack_text(&ack, s.number))?, ButtonStyle::Primary)];
    // A dashboard address LINE would refuse (a misconfigured `public_url`) costs the link
    // button, never the alert.
    if let Ok(open) = Action::uri(&t.text("alert-open-label"), &url) {
        buttons.push(Component::button(open, ButtonStyle::Link));
    }
    let bubble = Bubble {
        header: Some(Block::Box(FlexBox::vertical(vec![Component::bold(title)?]))),
        body: Some(Block::Box(FlexBox::vertical(lines))),
        footer: Some(Block::Box(FlexBox { spacing: Some("sm".into()), ..FlexBox::vertical(buttons) })),
    };
    let alt_text = truncate_utf16(&alt_text, crate::line::message::flex::MAX_ALT_TEXT);
    Ok(vec![Message::flex(alt_text, Container::Bubble(bubble))?])
}

/// What a coordinator's 「対応します」 tap sends for case `number`: the word, a space, the number.
pub fn ack_text(word: &str, number: &str) -> String {
    format!("{word} {number}")
}

/// The case number a group message acknowledges, if it is exactly `word` followed by a case
/// number: typed by hand too, so a full-width space (or none) and full-width digits and
/// hyphen are read as the button's own. Anything else is not an acknowledgement.
pub fn parse_ack(word: &str, text: &str) -> Option<crate::ids::CaseNumber> {
    let rest = text.trim().strip_prefix(word)?;
    let number: String = rest
        .trim_start_matches([' ', '\u{3000}'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '‐' | '−' | 'ー' => '-',
            c => c,
        })
        .collect();
    crate::ids::CaseNumber::parse(&number).ok()
}

#[cfg(test)]
mod tests;
