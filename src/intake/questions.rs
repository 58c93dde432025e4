//! The questions: their options and buttons, their order, the summary, and the commands
//! that work at any step.

use super::{
    answers::{Area, ContactMethod, ContactTime, Household, Location, Tonight, Topic, Vulnerable, Window},
    Arg, Choice, Conversation, Label, Modal, Msg, Output, Part, Phase, Step,
};
use crate::i18n::Lang;

/// Commands that work at any step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
    Back,
    Restart,
    Person,
    Language,
    /// Delete my data: typed only (no button), in any language.
    Erase,
    /// How is my case? Typed, or the rich menu's button.
    Status,
    /// The emergency numbers and hotlines: the rich menu's button, or typed.
    Emergency,
}

impl Command {
    pub(super) const ALL: [Command; 7] = [
        Command::Back,
        Command::Restart,
        Command::Person,
        Command::Language,
        Command::Erase,
        Command::Status,
        Command::Emergency,
    ];

    pub(super) fn code(self) -> &'static str {
        match self {
            Command::Back => "back",
            Command::Restart => "restart",
            Command::Person => "person",
            Command::Language => "language",
            Command::Erase => "erase",
            Command::Status => "status",
            Command::Emergency => "emergency",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Command::Back => "opt-back",
            Command::Restart => "cmd-restart",
            Command::Person => "opt-person",
            Command::Language => "opt-language",
            Command::Erase => "cmd-erase",
            Command::Status => "cmd-status",
            Command::Emergency => "cmd-emergency",
        }
    }
}

/// An option of a question: its code (sent as postback data) and its label.
pub(super) struct Opt {
    pub(super) code: String,
    pub(super) label: Label,
    /// The Fluent id whose label and `.words` match typed text.
    pub(super) words_id: Option<&'static str>,
}

pub(super) fn opt(code: &str, id: &'static str) -> Opt {
    Opt { code: code.to_owned(), label: Label::Id(id), words_id: Some(id) }
}

pub(super) fn yes_no() -> Vec<Opt> {
    vec![opt("yes", "opt-yes"), opt("no", "opt-no")]
}

/// What "it's fine" (大丈夫, không sao, tudo bem) answers at a question: "no" where the
/// question asks about a danger or a need; nothing where consent or a decision is asked,
/// since there it could mean "yes, go ahead" as well as "no, thanks".
pub(super) fn fine_answers(step: Step) -> Option<bool> {
    match step {
        Step::Safety | Step::Interpreter => Some(false),
        _ => None,
    }
}

/// The field a "change an answer" button reopens, with its label.
pub(super) const CHANGEABLE: [(Step, &str); 9] = [
    (Step::ConsentShare, "field-consent-share"),
    (Step::Safety, "field-safety"),
    (Step::Tonight, "field-tonight"),
    (Step::Topics, "field-topics"),
    (Step::Household, "field-household"),
    (Step::Area, "field-area"),
    (Step::Description, "field-description"),
    (Step::Contact, "field-contact"),
    (Step::Window, "field-window"),
];

/// The options of a step, with every embedded language at the language question (for
/// naming a tap; `offered_options` gives what a resident is offered).
pub(super) fn options(step: Step) -> Vec<Opt> {
    offered_options(step, &Lang::ALL)
}

/// The options of a step, with `languages` at the language question.
pub(super) fn offered_options(step: Step, languages: &[Lang]) -> Vec<Opt> {
    match step {
        Step::Language => languages
            .iter()
            .map(|l| Opt { code: l.tag().to_owned(), label: Label::LangName(*l), words_id: None })
            .collect(),
        Step::ConsentRecord | Step::ConsentShare | Step::Safety | Step::Interpreter => yes_no(),
        Step::Tonight => Tonight::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Topics => {
            let mut v: Vec<Opt> = Topic::ALL.iter().map(|o| opt(o.code(), o.label())).collect();
            v.push(opt("done", "opt-done"));
            v
        }
        Step::Household => Household::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Adults => {
            (1..=5).map(|n| Opt { code: n.to_string(), label: Label::Literal(n.to_string()), words_id: None }).collect()
        }
        Step::Children => {
            (0..=5).map(|n| Opt { code: n.to_string(), label: Label::Literal(n.to_string()), words_id: None }).collect()
        }
        Step::Vulnerable => {
            let mut v: Vec<Opt> = Vulnerable::ALL.iter().map(|o| opt(o.code(), o.label())).collect();
            v.push(opt("none", "opt-vulnerable-none"));
            v.push(opt("done", "opt-done"));
            v
        }
        Step::Area => Area::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Description => vec![opt("next", "opt-next"), opt("skip", "opt-skip")],
        Step::Contact => ContactMethod::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Phone => Vec::new(),
        Step::ContactTime => ContactTime::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Window => Window::ALL.iter().map(|o| opt(o.code(), o.label())).collect(),
        Step::Summary => vec![opt("send", "opt-send"), opt("change", "opt-change"), opt("cancel", "opt-cancel")],
        Step::ChangeWhich => CHANGEABLE.iter().map(|(s, id)| opt(s.code(), id)).collect(),
    }
}

pub(super) fn question(step: Step) -> &'static str {
    match step {
        Step::Language => "q-language",
        Step::ConsentRecord => "q-consent-record",
        Step::ConsentShare => "q-consent-share",
        Step::Safety => "q-safety",
        Step::Tonight => "q-tonight",
        Step::Topics => "q-topics",
        Step::Household => "q-household",
        Step::Adults => "q-adults",
        Step::Children => "q-children",
        Step::Vulnerable => "q-vulnerable",
        Step::Area => "q-area",
        Step::Description => "q-description",
        Step::Contact => "q-contact",
        Step::Phone => "q-phone",
        Step::ContactTime => "q-contact-time",
        Step::Interpreter => "q-interpreter",
        Step::Window => "q-window",
        Step::Summary => "summary-question",
        Step::ChangeWhich => "q-change-which",
    }
}

/// The next question after `step`, given the answers.
pub(super) fn next_step(step: Step, a: &super::Answers) -> Step {
    match step {
        Step::Language => Step::ConsentRecord,
        Step::ConsentRecord => Step::ConsentShare,
        Step::ConsentShare => Step::Safety,
        Step::Safety => Step::Tonight,
        Step::Tonight => Step::Topics,
        Step::Topics => Step::Household,
        Step::Household if a.household == Some(Household::WithOthers) => Step::Adults,
        Step::Household => Step::Vulnerable,
        Step::Adults => Step::Children,
        Step::Children => Step::Vulnerable,
        Step::Vulnerable => Step::Area,
        Step::Area => Step::Description,
        Step::Description => Step::Contact,
        Step::Contact if a.contact == Some(ContactMethod::Phone) => Step::Phone,
        Step::Contact => Step::ContactTime,
        Step::Phone => Step::ContactTime,
        Step::ContactTime => Step::Interpreter,
        Step::Interpreter => Step::Window,
        Step::Window | Step::Summary | Step::ChangeWhich => Step::Summary,
    }
}

/// Questions that belong together when an answer is changed from the summary.
pub(super) fn group(step: Step) -> Step {
    match step {
        Step::Adults | Step::Children | Step::Vulnerable => Step::Household,
        Step::Phone | Step::ContactTime | Step::Interpreter => Step::Contact,
        s => s,
    }
}

/// The question after the one just answered, or back to the summary when an answer changed
/// from it is done.
pub(super) fn advance(conv: &mut Conversation, out: &mut Output) {
    let next = next_step(conv.step, &conv.answers);
    conv.trail.push(conv.step);
    if conv.editing && (group(next) != group(conv.step) || next == Step::Summary) {
        conv.editing = false;
        conv.step = Step::Summary;
    } else {
        conv.step = next;
    }
    ask(conv, out);
}

/// The current question (or modal), with its buttons.
pub(super) fn ask(conv: &Conversation, out: &mut Output) {
    match conv.modal {
        Some(Modal::ConfirmRestart) => {
            out.messages.push(Part::new("q-restart-confirm").into());
            out.choices = modal_yes_no();
            return;
        }
        Some(Modal::Resume) => {
            out.messages.push(Part::new("q-resume").into());
            out.choices = vec![
                Choice { label: Label::Id("opt-continue"), data: "modal:continue".into() },
                Choice { label: Label::Id("opt-start-over"), data: "modal:restart".into() },
            ];
            return;
        }
        Some(Modal::ChooseLanguage) => {
            out.messages.push(language_prompt(&out.languages));
            out.choices = language_choices(&out.languages);
            return;
        }
        Some(Modal::ConfirmErase) => {
            out.messages.push(Part::new("q-erase-confirm").into());
            out.choices = modal_yes_no();
            return;
        }
        Some(Modal::SafeNow) => {
            out.messages.push(Part::new("q-safe-now").into());
            out.choices = modal_yes_no();
            return;
        }
        None => {}
    }
    if conv.step == Step::Language {
        out.messages.push(language_prompt(&out.languages));
        out.choices = language_choices(&out.languages);
        return;
    }
    if conv.step == Step::Summary {
        out.messages.push(summary(conv));
    }
    out.messages.push(Part::new(question(conv.step)).into());
    ask_choices_only(conv, out);
}

fn modal_yes_no() -> Vec<Choice> {
    vec![
        Choice { label: Label::Id("opt-yes"), data: "modal:yes".into() },
        Choice { label: Label::Id("opt-no"), data: "modal:no".into() },
    ]
}

/// Only the buttons of the current question (after a short message that already says
/// what to do).
pub(super) fn ask_choices_only(conv: &Conversation, out: &mut Output) {
    let step = conv.step;
    let mut choices: Vec<Choice> = offered_options(step, &out.languages)
        .into_iter()
        .filter(|o| !(step == Step::Description && o.code == "next" && conv.answers.description.is_empty()))
        .filter(|o| !(step == Step::Description && o.code == "skip" && !conv.answers.description.is_empty()))
        .map(|o| Choice { label: o.label, data: format!("{}:{}", step.code(), o.code) })
        .collect();
    if !conv.trail.is_empty() {
        choices.push(command_choice(Command::Back));
    }
    choices.push(command_choice(Command::Language));
    if conv.phase == Phase::Intake {
        choices.push(command_choice(Command::Person));
    }
    if conv.case_number.is_some() {
        // A case already sent (a crisis opened one mid-intake): how it stands, a tap away.
        choices.push(command_choice(Command::Status));
    }
    // LINE shows at most 13 buttons; the question's own options come first.
    choices.truncate(crate::line::message::MAX_QUICK_REPLY_ITEMS);
    out.choices = choices;
}

pub(super) fn command_choice(c: Command) -> Choice {
    Choice { label: Label::Id(c.label()), data: format!("cmd:{}", c.code()) }
}

pub(super) fn language_prompt(languages: &[Lang]) -> Msg {
    in_every_language("q-language", languages)
}

/// One message saying `id` once in each offered language, for a resident whose language we
/// do not know yet.
pub(super) fn in_every_language(id: &'static str, languages: &[Lang]) -> Msg {
    Msg { parts: languages.iter().map(|l| Part::new(id).in_lang(*l)).collect() }
}

/// A button per offered language, in the configured order.
pub(super) fn language_choices(languages: &[Lang]) -> Vec<Choice> {
    languages.iter().map(|l| Choice { label: Label::LangName(*l), data: format!("lang:{}", l.tag()) }).collect()
}

pub(super) fn yes_no_label(v: Option<bool>) -> Arg {
    match v {
        Some(true) => Arg::Label("opt-yes"),
        Some(false) => Arg::Label("opt-no"),
        None => Arg::Label("value-none"),
    }
}

pub(super) fn label_or_none(v: Option<&'static str>) -> Arg {
    Arg::Label(v.unwrap_or("value-none"))
}

/// Every answer, in the resident's language.
pub(super) fn summary(conv: &Conversation) -> Msg {
    let a = &conv.answers;
    let mut lines: Vec<(&'static str, Arg)> = vec![
        ("field-consent-share", yes_no_label(a.consent_share)),
        ("field-safety", yes_no_label(a.in_danger)),
        ("field-tonight", label_or_none(a.tonight.map(|t| t.label()))),
        ("field-topics", Arg::Labels(a.topics.iter().map(|t| t.label()).collect())),
    ];
    let household = match (a.household, a.adults, a.children) {
        (Some(Household::Alone), _, _) => Arg::Label(Household::Alone.label()),
        (Some(_), Some(ad), Some(ch)) => Arg::Part(Box::new(
            Part::new("household-summary")
                .arg("adults", Arg::Number(ad.into()))
                .arg("children", Arg::Number(ch.into())),
        )),
        _ => Arg::Label("value-none"),
    };
    lines.push(("field-household", household));
    let vulnerable = match &a.vulnerable {
        Some(v) if !v.is_empty() => Arg::Labels(v.iter().map(|x| x.label()).collect()),
        _ => Arg::Label("value-none"),
    };
    lines.push(("field-vulnerable", vulnerable));
    let area = match (&a.area, &a.location) {
        (Some(x), _) => Arg::Label(x.label()),
        (None, Some(Location { address: Some(addr), .. })) => Arg::Text(addr.clone()),
        (None, Some(_)) => Arg::Label("value-location"),
        (None, None) => Arg::Label("value-none"),
    };
    lines.push(("field-area", area));
    let description = if a.description.is_empty() {
        Arg::Label("value-none")
    } else {
        // Shown shortened; stored whole.
        let all = a.description.join("\n");
        let short: String = all.chars().take(200).collect();
        Arg::Text(if short.len() < all.len() { format!("{short}…") } else { short })
    };
    lines.push(("field-description", description));
    if !a.attachments.is_empty() {
        lines.push(("field-attachments", Arg::Number(a.attachments.len() as i64)));
    }
    lines.push(("field-contact", label_or_none(a.contact.map(|c| c.label()))));
    if let Some(p) = &a.phone {
        lines.push(("field-phone", Arg::Text(p.clone())));
    }
    lines.push(("field-contact-time", label_or_none(a.contact_time.map(|c| c.label()))));
    lines.push(("field-interpreter", yes_no_label(a.interpreter)));
    lines.push(("field-window", label_or_none(a.window.map(|w| w.label()))));
    let mut parts = vec![Part::new("summary-title")];
    parts.extend(
        lines
            .into_iter()
            .map(|(field, value)| Part::new("summary-line").arg("field", Arg::Label(field)).arg("value", value)),
    );
    Msg { parts }
}
