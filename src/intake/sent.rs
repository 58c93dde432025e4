//! What a resident is told once their case is sent: its number and, from the office hours,
//! when a person will next be in touch. Inside the hours: today (an urgent case) or within
//! the centre's business days; outside them: when the office opens, and for a resident with
//! nowhere safe tonight or in danger, what to do tonight and the emergency numbers.

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

/// The messages after case `number` was sent.
pub(super) fn sent(a: &Answers, ctx: &Ctx, number: String, out: &mut Output) {
    let danger = a.emergency || a.crisis.is_some();
    let urgent = danger || no_safe_place(a);
    let number = Arg::Text(number);
    let open = ctx.hours.is_open(ctx.now);
    let opening = if open { None } else { ctx.hours.next_opening(ctx.now) };
    let first = match opening {
        Some(o) => Part::new(if urgent { "sent-closed-urgent" } else { "sent-closed" })
            .arg("date", Arg::Part(Box::new(date(&o))))
            .arg("time", Arg::Text(clock_text(o.minutes))),
        None if open && urgent => Part::new("sent-today"),
        // Open, or no opening within a year (a schedule the settings would have refused).
        None => Part::new("sent"),
    };
    out.messages.push(first.arg("number", number).into());
    let tonight = opening.is_some() && urgent;
    match (tonight, danger) {
        (true, _) => out.messages.push(Msg { parts: vec![Part::new(TONIGHT), Part::new("sent-emergency-again")] }),
        (false, true) => out.messages.push(Part::new("sent-emergency-again").into()),
        (false, false) => {}
    }
}

/// The opening's date, as the locale writes dates (`date-md`).
fn date(o: &Opening) -> Part {
    Part::new("date-md")
        .arg("month", Arg::Number(i64::from(o.month)))
        .arg("day", Arg::Number(i64::from(o.day)))
        .arg("weekday", Arg::Label(WEEKDAY_IDS[o.weekday as usize % 7]))
}
