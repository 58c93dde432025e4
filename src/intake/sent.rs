//! What a resident is told once their case is sent, or opened by asking for a person: its
//! number and, from the office hours, when a person will next be in touch. Inside the hours:
//! today (an urgent case) or within the centre's business days; outside them: when the
//! office opens, and for a resident with nowhere safe tonight or in danger, what to do
//! tonight and the emergency numbers.

use super::{
    answers::{Answers, Tonight, Topic},
    render::TONIGHT,
    Arg, Ctx, Msg, Output, Part,
};
use crate::hours::{clock_text, Opening};

/// The Fluent ids of the days of the week, Sunday first.
const WEEKDAY_IDS: [&str; 7] =
    ["weekday-0", "weekday-1", "weekday-2", "weekday-3", "weekday-4", "weekday-5", "weekday-6"];

/// A place to sleep that is not safe tonight (the shelter queue's default rule).
fn no_safe_place(a: &Answers) -> bool {
    let unsafe_place = matches!(a.tonight, Some(Tonight::Car | Tonight::NetCafe | Tonight::Friend | Tonight::Outside));
    unsafe_place || a.topics.contains(&Topic::Shelter)
}

/// An emergency, or crisis wording: the emergency numbers are said again.
fn danger(a: &Answers) -> bool {
    a.emergency || a.crisis.is_some()
}

/// A case a person should see today, or as soon as the office opens.
fn urgent(a: &Answers) -> bool {
    danger(a) || no_safe_place(a)
}

/// When a person will next be in touch with a resident, from the office hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NextContact {
    /// Open now, and the case is urgent.
    Today,
    /// Within the centre's business days (`[centre] reply_days`): open now, or no opening
    /// within a year (a schedule the settings would have refused).
    WithinDays,
    /// Closed now: when the office opens.
    Opens(Opening),
}

/// When a person will next be in touch about a case (`urgent`: see `urgent`, or the case's
/// priority), as of `ctx.now`.
pub(super) fn next_contact(urgent: bool, ctx: &Ctx) -> NextContact {
    match closed_until(ctx) {
        Some(o) => NextContact::Opens(o),
        None if urgent && ctx.hours.is_open(ctx.now) => NextContact::Today,
        None => NextContact::WithinDays,
    }
}

/// The messages after case `number` was sent.
pub(super) fn sent(a: &Answers, ctx: &Ctx, number: String, out: &mut Output) {
    let urgent = urgent(a);
    let next = next_contact(urgent, ctx);
    let first = match next {
        NextContact::Opens(o) => when(Part::new(if urgent { "sent-closed-urgent" } else { "sent-closed" }), &o),
        NextContact::Today => Part::new("sent-today"),
        NextContact::WithinDays => Part::new("sent"),
    };
    out.messages.push(first.arg("number", Arg::Text(number)).into());
    if matches!(next, NextContact::Opens(_)) && urgent {
        tonight(out);
    } else if danger(a) {
        out.messages.push(Part::new("sent-emergency-again").into());
    }
}

/// The messages after a resident asked for a person and case `number` was opened: "a staff
/// member will answer here", and when the office is closed, when that can be.
pub(super) fn person(a: &Answers, ctx: &Ctx, number: String, out: &mut Output) {
    let number = Arg::Text(number);
    match closed_until(ctx) {
        None => out.messages.push(Part::new("person-case-opened").arg("number", number).into()),
        Some(o) => {
            out.messages.push(when(Part::new("person-case-opened-closed"), &o).arg("number", number).into());
            if urgent(a) {
                tonight(out);
            }
        }
    }
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
