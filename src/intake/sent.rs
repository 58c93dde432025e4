//! What a resident is told once their case is sent, or opened by asking for a person: its
//! number and, from the office hours, when a person will next be in touch. Inside the hours:
//! today (a case routing makes urgent: nowhere safe tonight, in danger) while today's hours
//! still hold its first response time (`[routing.sla]`, counted as staff's deadline is), or
//! within the centre's business days; outside them, or too late in the day for "today": when
//! the office opens, and for an urgent case what to do tonight and the emergency numbers.

use super::{answers::Answers, render::TONIGHT, Arg, Ctx, Msg, Output, Part};
use crate::hours::{clock_text, Opening};
use crate::i18n::Lang;

/// The Fluent ids of the days of the week, Sunday first.
const WEEKDAY_IDS: [&str; 7] =
    ["weekday-0", "weekday-1", "weekday-2", "weekday-3", "weekday-4", "weekday-5", "weekday-6"];

/// An emergency, or crisis wording: the emergency numbers are said again.
fn danger(a: &Answers) -> bool {
    a.emergency || a.crisis.is_some()
}

/// When a person will next be in touch with a resident, from the office hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NextContact {
    /// Open now, the case is urgent and its first response is due before today's close.
    Today,
    /// Within the centre's business days (`[centre] reply_days`): open now, or no opening
    /// within a year (a schedule the settings would have refused).
    WithinDays,
    /// Closed now: when the office opens.
    Opens(Opening),
    /// Open now, but an urgent case's first response is due after today's close: the
    /// next opening (at 17:10 with the office closing at 17:15, "today" would be untrue).
    AfterToday(Opening),
}

/// When a person will next be in touch about a case, as of `ctx.now`. `urgent_due`: an
/// urgent or emergency case's deadline for a person's first response (`None`: a normal case).
pub(super) fn next_contact(urgent_due: Option<i64>, ctx: &Ctx) -> NextContact {
    if let Some(o) = closed_until(ctx) {
        return NextContact::Opens(o);
    }
    let Some(due) = urgent_due else { return NextContact::WithinDays };
    match (ctx.hours.closes_today(ctx.now), ctx.hours.next_opening(ctx.now)) {
        (Some(close), _) if due <= close => NextContact::Today,
        (_, Some(o)) => NextContact::AfterToday(o),
        (_, None) => NextContact::WithinDays,
    }
}

/// A sent urgent case's deadline: its first response time in office hours from now, as
/// `routing::route` sets staff's deadline.
fn urgent_due(lang: Option<Lang>, a: &Answers, ctx: &Ctx) -> Option<i64> {
    let hours = (ctx.first_response)(lang, a)?;
    Some(ctx.hours.after_open_minutes(ctx.now, hours * 60).unwrap_or(i64::MAX))
}

/// The messages after case `number` was sent.
pub(super) fn sent(lang: Option<Lang>, a: &Answers, ctx: &Ctx, number: String, out: &mut Output) {
    let due = urgent_due(lang, a, ctx);
    let urgent = due.is_some();
    let next = next_contact(due, ctx);
    let first = match next {
        NextContact::Opens(o) => when(Part::new(if urgent { "sent-closed-urgent" } else { "sent-closed" }), &o),
        NextContact::AfterToday(o) => when(Part::new("sent-later-urgent"), &o),
        NextContact::Today => Part::new("sent-today"),
        NextContact::WithinDays => Part::new("sent"),
    };
    out.messages.push(first.arg("number", Arg::Text(number)).into());
    if matches!(next, NextContact::Opens(_) | NextContact::AfterToday(_)) && urgent {
        tonight(out);
    } else if danger(a) {
        out.messages.push(Part::new("sent-emergency-again").into());
    }
    super::flow::offer_status(out);
}

/// The messages after a resident asked for a person and case `number` was opened: "a staff
/// member will answer here", and when the office is closed, when that can be.
pub(super) fn person(lang: Option<Lang>, a: &Answers, ctx: &Ctx, number: String, out: &mut Output) {
    let number = Arg::Text(number);
    match closed_until(ctx) {
        None => out.messages.push(Part::new("person-case-opened").arg("number", number).into()),
        Some(o) => {
            out.messages.push(when(Part::new("person-case-opened-closed"), &o).arg("number", number).into());
            if (ctx.first_response)(lang, a).is_some() {
                tonight(out);
            }
        }
    }
    super::flow::offer_status(out);
}

/// When the office opens next, if it is closed now.
fn closed_until(ctx: &Ctx) -> Option<Opening> {
    if ctx.hours.is_open(ctx.now) {
        return None;
    }
    ctx.hours.next_opening(ctx.now)
}

/// `part` with the opening's `date` and `time`.
pub(super) fn when(part: Part, o: &Opening) -> Part {
    part.arg("date", Arg::Part(Box::new(date(o)))).arg("time", Arg::Text(clock_text(o.minutes)))
}

/// Out of hours, to a resident with nowhere safe tonight or in danger: what to do tonight,
/// and the emergency numbers.
fn tonight(out: &mut Output) {
    out.messages.push(Msg { parts: vec![Part::new(TONIGHT), Part::new("sent-emergency-again")] });
}

/// The opening's date, as the locale writes dates (`date-md`).
fn date(o: &Opening) -> Part {
    Part::new("date-md")
        .arg("month", Arg::Number(i64::from(o.month)))
        .arg("day", Arg::Number(i64::from(o.day)))
        .arg("weekday", Arg::Label(WEEKDAY_IDS[o.weekday as usize % 7]))
}
