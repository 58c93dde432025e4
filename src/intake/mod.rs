//! The intake conversation: a pure state machine, `step(conversation, input, ctx) ->
//! (conversation, output)`. No I/O, clock or randomness: the caller passes `now`, the
//! resident's profile language, a fresh case number and the crisis check, and stores the
//! new state, the messages and the effects in one transaction.
//!
//! The output names messages by their Fluent id with arguments; `render` turns them into
//! LINE messages in the resident's language.

mod answer;
pub mod answers;
mod flow;
pub mod phone;
mod questions;
mod reading;
mod reask;
pub mod render;
pub mod safety;
mod sent;
pub mod status;
mod taps;

use serde::{Deserialize, Serialize};

pub use answers::Answers;
pub use flow::step;
pub use status::{CaseLookup, CaseState, CaseStatus};
pub use taps::{tap, Tap};

use crate::{codes::codes, crisis::CrisisKind, i18n::Lang};

/// The questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Language,
    ConsentRecord,
    ConsentShare,
    Safety,
    Tonight,
    Topics,
    Household,
    Adults,
    Children,
    Vulnerable,
    Area,
    Description,
    Contact,
    Phone,
    ContactTime,
    Interpreter,
    Window,
    Summary,
    ChangeWhich,
}

impl Step {
    pub const ALL: [Step; 19] = [
        Step::Language,
        Step::ConsentRecord,
        Step::ConsentShare,
        Step::Safety,
        Step::Tonight,
        Step::Topics,
        Step::Household,
        Step::Adults,
        Step::Children,
        Step::Vulnerable,
        Step::Area,
        Step::Description,
        Step::Contact,
        Step::Phone,
        Step::ContactTime,
        Step::Interpreter,
        Step::Window,
        Step::Summary,
        Step::ChangeWhich,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Language => "language",
            Step::ConsentRecord => "consent_record",
            Step::ConsentShare => "consent_share",
            Step::Safety => "safety",
            Step::Tonight => "tonight",
            Step::Topics => "topics",
            Step::Household => "household",
            Step::Adults => "adults",
            Step::Children => "children",
            Step::Vulnerable => "vulnerable",
            Step::Area => "area",
            Step::Description => "description",
            Step::Contact => "contact",
            Step::Phone => "phone",
            Step::ContactTime => "contact_time",
            Step::Interpreter => "interpreter",
            Step::Window => "window",
            Step::Summary => "summary",
            Step::ChangeWhich => "change",
        }
    }
}

/// Where the conversation stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started, or ended without a case (declined, cancelled): the next message greets.
    Idle,
    Intake,
    /// A case is open: messages go to the case, not to a new intake.
    CaseOpen,
}

/// A question put in front of the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modal {
    ConfirmRestart,
    /// Back after a long pause: continue or start over?
    Resume,
    ChooseLanguage,
    /// "Delete my data?": asked before an erasure request is recorded.
    ConfirmErase,
    /// "Are you safe right now?", after wording that worries us; any other input drops it.
    SafeNow,
}

codes! {
    /// Why a case was opened.
    pub enum CaseReason labelled "reason-" {
        Submitted => "submitted",
        AskedForStaff => "asked_for_staff",
        Crisis => "crisis",
    }
}

/// The conversation with one resident, stored between messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub lang: Option<Lang>,
    pub phase: Phase,
    pub step: Step,
    pub answers: Answers,
    /// Questions answered, most recent last, for "back".
    pub trail: Vec<Step>,
    /// Changing one answer from the summary: return to the summary after it.
    pub editing: bool,
    pub modal: Option<Modal>,
    /// The case opened for this resident, if any (its number).
    pub case_number: Option<String>,
    /// The resident blocked the account: send nothing.
    pub blocked: bool,
    pub last_input_at: i64,
    /// The last text, briefly, to read a phrase split over two sends whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent: Option<safety::RecentText>,
}

impl Default for Conversation {
    fn default() -> Self {
        Conversation {
            lang: None,
            phase: Phase::Idle,
            step: Step::ConsentRecord,
            answers: Answers::default(),
            trail: Vec::new(),
            editing: false,
            modal: None,
            case_number: None,
            blocked: false,
            last_input_at: 0,
            recent: None,
        }
    }
}

impl Conversation {
    /// Back to the beginning, keeping what must survive a restart: the language, a case
    /// already opened (by a crisis) and the crisis flag itself.
    fn reset(&mut self) {
        let keep = Conversation {
            lang: self.lang,
            case_number: self.case_number.take(),
            last_input_at: self.last_input_at,
            ..Conversation::default()
        };
        let crisis = self.answers.crisis;
        *self = keep;
        self.answers.crisis = crisis;
    }
}

/// What the resident did.
#[derive(Clone, PartialEq)]
pub enum Input {
    Text(String),
    /// A quick-reply button's data.
    Postback(String),
    Location(answers::Location),
    Attachment(answers::Attachment),
    Sticker,
    /// A message kind the conversation has no use for.
    Unsupported,
    Follow,
    Unfollow,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // What residents write is never logged.
        match self {
            Input::Text(t) => write!(f, "Text({} chars)", t.chars().count()),
            Input::Postback(d) => write!(f, "Postback({d})"),
            Input::Location(_) => f.write_str("Location"),
            Input::Attachment(a) => write!(f, "Attachment({:?})", a.kind),
            Input::Sticker => f.write_str("Sticker"),
            Input::Unsupported => f.write_str("Unsupported"),
            Input::Follow => f.write_str("Follow"),
            Input::Unfollow => f.write_str("Unfollow"),
        }
    }
}

/// Words that identify options and commands when typed, in every language.
pub trait Vocabulary {
    /// Normalised forms (see `text::normalize`) of the label and `.words` of `id` in all
    /// languages.
    fn words(&self, id: &str) -> &[String];
}

/// What the caller knows that the conversation cannot find out by itself.
pub struct Ctx<'a> {
    pub now: i64,
    /// The office hours: what a resident is told about when a person will be in touch.
    pub hours: &'a crate::hours::OfficeHours,
    /// The LINE profile's language, only a hint.
    pub profile_lang: Option<Lang>,
    /// The languages residents are offered, in order (`[[languages]]`): the language
    /// question's buttons and the greeting said in every language.
    pub languages: &'a [Lang],
    /// A pause longer than this (ms) asks "continue or start over?".
    pub idle_ms: i64,
    /// The number a case opened by this step gets.
    pub new_case_number: &'a str,
    pub vocab: &'a dyn Vocabulary,
    pub crisis: &'a dyn Fn(&str) -> Option<CrisisKind>,
    /// Whether routing makes a case with these answers urgent or an emergency (a person
    /// today, or as soon as the office opens), and then its first response time in office
    /// hours (`[routing.sla]`): what a sent case is told follows it.
    pub first_response: &'a dyn Fn(Option<Lang>, &answers::Answers) -> Option<u32>,
    /// Staff hold the resident's case (claimed, not closed): what they write goes to staff.
    pub staff_hold: Option<StaffHold<'a>>,
    /// The case staff closed last. If it is this conversation's case, the bot takes the
    /// conversation back and starts afresh.
    pub closed_case: Option<&'a str>,
    /// The resident's most recent case, read from the store only when a step asked for it
    /// (`Effect::ReadStatus`).
    pub case_status: CaseLookup<'a>,
}

/// A case staff are working on, as the conversation sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffHold<'a> {
    pub case_number: &'a str,
    /// The resident was already told that a staff member is handling it.
    pub notified: bool,
}

/// A value for a Fluent variable.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// A Fluent id, shown in the reader's language.
    Label(&'static str),
    /// Several Fluent ids, listed.
    Labels(Vec<&'static str>),
    /// Another message, formatted and inserted.
    Part(Box<Part>),
}

/// One piece of a message: a Fluent id and its variables. Deployment values (phone,
/// opening hours, emergency numbers…) are added by the renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// Said in this language instead of the reader's (the language picker says it in all).
    pub lang: Option<Lang>,
}

impl Part {
    pub fn new(id: &'static str) -> Self {
        Part { id, args: Vec::new(), lang: None }
    }

    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }

    pub fn arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }
}

/// One LINE text message: its parts joined by line breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub parts: Vec<Part>,
}

impl From<Part> for Msg {
    fn from(p: Part) -> Self {
        Msg { parts: vec![p] }
    }
}

/// A button label.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    Id(&'static str),
    /// A language's own name, whatever the reader's language.
    LangName(Lang),
    Literal(String),
}

/// A quick-reply button: its label and the postback data it sends.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub label: Label,
    pub data: String,
}

/// What the service must do besides sending messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the case `Conversation::case_number` from the answers so far, creating it if
    /// new; `Some(reason)` records why it was opened or submitted.
    SaveCase(Option<CaseReason>),
    /// The resident was told (once) that staff are handling their case.
    StaffNotified,
    /// The resident asked for their data to be deleted: recorded for staff to confirm.
    RequestErasure,
    /// The resident asked how their case stands: run the step again with
    /// `Ctx::case_status` read.
    ReadStatus,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    /// In order; the last one carries `choices` as quick-reply buttons.
    pub messages: Vec<Msg>,
    pub choices: Vec<Choice>,
    pub effects: Vec<Effect>,
    /// The languages offered (`Ctx::languages`), carried so every question can put the
    /// language buttons without the context.
    pub languages: Vec<Lang>,
}

#[cfg(test)]
mod tests;
