//! What a resident is told when they ask how their case stands (a command word such as
//! 「状況」, "status", "trạng thái", or the `cmd:status` button): the case's number, one of
//! four states, and when a person will next be in touch, from the office hours as after
//! sending (`sent::next_contact`). Never a staff member's name or a note: the state and the
//! office hours are all that is said.
//!
//! Staff change a case's status on the dashboard, in the store, which this pure
//! conversation cannot read: a step that needs it asks for it (`Effect::ReadStatus`) and the
//! service runs the step again with the answer in `Ctx::case_status`. Other steps read
//! nothing.

use super::{
    questions::ask,
    sent::{next_contact, when, NextContact},
    Arg, Conversation, Ctx, Effect, Msg, Output, Part, Phase,
};
use crate::casework::Status;

/// A case's state as its resident is told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseState {
    /// Sent, and nobody has taken it yet.
    Received,
    /// A staff member is handling it.
    Handling,
    /// Staff wait for the resident's reply.
    Waiting,
    /// Resolved or closed, or anonymised.
    Closed,
}

impl CaseState {
    /// The state of a case with staff's `status` (`None`: a code this build does not know),
    /// held by a staff member or not. An anonymised case is only ever "closed".
    pub fn of(status: Option<Status>, held: bool, anonymised: bool) -> CaseState {
        match status {
            _ if anonymised => CaseState::Closed,
            Some(Status::Resolved | Status::Closed) => CaseState::Closed,
            Some(Status::Waiting) => CaseState::Waiting,
            Some(Status::InProgress) => CaseState::Handling,
            Some(Status::New) | None if held => CaseState::Handling,
            Some(Status::New) | None => CaseState::Received,
        }
    }

    fn message_id(self) -> &'static str {
        match self {
            CaseState::Received => "my-case-received",
            CaseState::Handling => "my-case-handling",
            CaseState::Waiting => "my-case-waiting",
            CaseState::Closed => "my-case-closed",
        }
    }
}

/// The resident's most recent case, as far as its resident may know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStatus {
    pub number: String,
    pub state: CaseState,
    /// Its priority is emergency or urgent: when a person's first response is due (office
    /// hours, as staff see it). "Today" is said only while today's hours hold it.
    pub urgent_due: Option<i64>,
}

/// What the step knows of the resident's case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseLookup<'a> {
    /// Not read: a step that needs it says so with `Effect::ReadStatus`.
    NotRead,
    /// Read from the store: the most recent case, or none.
    Read(Option<&'a CaseStatus>),
}

/// Answers "how is my case?" and returns the resident to where they were: the current
/// question during the intake; nothing more with a case open or before any intake.
pub(super) fn answer(conv: &Conversation, ctx: &Ctx, out: &mut Output) {
    let CaseLookup::Read(case) = ctx.case_status else {
        out.effects.push(Effect::ReadStatus);
        return;
    };
    out.messages.push(report(case, conv.phase, ctx));
    if conv.phase == Phase::Intake {
        ask(conv, out);
    } else if case.is_some() {
        // To ask again later without typing.
        super::flow::offer_status(out);
    }
}

/// The status message: the state, then when a person will next be in touch.
fn report(case: Option<&CaseStatus>, phase: Phase, ctx: &Ctx) -> Msg {
    let Some(case) = case else {
        let id = if phase == Phase::Intake { "my-case-none-intake" } else { "my-case-none" };
        return Part::new(id).into();
    };
    let mut parts = vec![Part::new(case.state.message_id()).arg("number", Arg::Text(case.number.clone()))];
    let next = match (case.state, next_contact(case.urgent_due, ctx)) {
        (CaseState::Closed, _) => None,
        // The resident is the next to write; staff read it when the office is open.
        (CaseState::Waiting, NextContact::Today | NextContact::WithinDays | NextContact::AfterToday(_)) => None,
        (_, NextContact::Opens(o)) => Some(when(Part::new("my-case-next-closed"), &o)),
        (_, NextContact::AfterToday(o)) => Some(when(Part::new("my-case-next-later"), &o)),
        (_, NextContact::Today) => Some(Part::new("my-case-next-today")),
        (_, NextContact::WithinDays) => Some(Part::new("my-case-next-days")),
    };
    parts.extend(next);
    Msg { parts }
}
