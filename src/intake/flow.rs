//! The conversation's rules: which question follows which, what an input means at each
//! step, and what is said back. Every path ends in a message: an input a step cannot use
//! gets a short explanation and the question again.

use super::{
    answers::{Area, ContactMethod, ContactTime, Household, Location, Tonight, Topic, Vulnerable, Window},
    phone, Arg, CaseReason, Choice, Conversation, Ctx, Effect, Input, Label, Modal, Msg, Output, Part, Phase, Step,
};
use crate::{crisis::CrisisKind, i18n::Lang, text};

/// Commands that work at any step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Back,
    Restart,
    Person,
    Language,
}

impl Reading {
    /// A language, whether picked by its `lang:` button or typed at the language question.
    fn as_lang(&self) -> Option<Lang> {
        match self {
            Reading::Lang(l) => Some(*l),
            Reading::Option(code) => Lang::from_tag(code),
            _ => None,
        }
    }
}

impl Command {
    const ALL: [Command; 4] = [Command::Back, Command::Restart, Command::Person, Command::Language];

    fn code(self) -> &'static str {
        match self {
            Command::Back => "back",
            Command::Restart => "restart",
            Command::Person => "person",
            Command::Language => "language",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Command::Back => "opt-back",
            Command::Restart => "cmd-restart",
            Command::Person => "opt-person",
            Command::Language => "opt-language",
        }
    }
}

/// What an input means at the current step.
#[derive(Debug, Clone, PartialEq)]
enum Reading {
    /// The code of one of the step's options.
    Option(String),
    /// Several options at once ("1 3 5" at a multi-select).
    Options(Vec<String>),
    Command(Command),
    Lang(Lang),
    Number(u32),
    Nothing,
}

/// An option of a question: its code (sent as postback data) and its label.
struct Opt {
    code: String,
    label: Label,
    /// The Fluent id whose label and `.words` match typed text.
    words_id: Option<&'static str>,
}

fn opt(code: &str, id: &'static str) -> Opt {
    Opt { code: code.to_owned(), label: Label::Id(id), words_id: Some(id) }
}

fn yes_no() -> Vec<Opt> {
    vec![opt("yes", "opt-yes"), opt("no", "opt-no")]
}

/// The field a "change an answer" button reopens, with its label.
const CHANGEABLE: [(Step, &str); 9] = [
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

fn options(step: Step) -> Vec<Opt> {
    match step {
        Step::Language => Lang::ALL
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

fn question(step: Step) -> &'static str {
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
fn next_step(step: Step, a: &super::Answers) -> Step {
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
fn group(step: Step) -> Step {
    match step {
        Step::Adults | Step::Children | Step::Vulnerable => Step::Household,
        Step::Phone | Step::ContactTime | Step::Interpreter => Step::Contact,
        s => s,
    }
}

/// Applies one input. Never panics; always answers unless the resident blocked us.
pub fn step(mut conv: Conversation, input: Input, ctx: &Ctx) -> (Conversation, Output) {
    let mut out = Output::default();
    match input {
        Input::Unfollow => {
            // Blocked: nothing may be sent until they add us again.
            conv.blocked = true;
            conv.modal = None;
            return (conv, out);
        }
        Input::Follow => {
            conv.blocked = false;
            greet_again(&mut conv, ctx, &mut out);
            conv.last_input_at = ctx.now;
            return (conv, out);
        }
        _ => conv.blocked = false,
    }
    conv.lang = conv.lang.or(ctx.profile_lang);
    if let Input::Text(t) = &input {
        if let Some(kind) = (ctx.crisis)(t) {
            crisis(&mut conv, kind, ctx, &mut out);
        }
    }
    let idle = conv.last_input_at > 0 && ctx.now - conv.last_input_at > ctx.idle_ms;
    conv.last_input_at = ctx.now;
    let reading = read(&conv, &input, ctx);
    match conv.phase {
        Phase::Idle => match reading {
            Reading::Command(Command::Person) => ask_for_person(&mut conv, ctx, &mut out),
            Reading::Lang(l) => {
                conv.lang = Some(l);
                start(&mut conv, ctx, &mut out);
            }
            _ => start(&mut conv, ctx, &mut out),
        },
        Phase::CaseOpen => case_open(&mut conv, input, reading, &mut out),
        Phase::Intake if idle && conv.modal.is_none() => {
            conv.modal = Some(Modal::Resume);
            ask(&conv, &mut out);
        }
        Phase::Intake => intake(&mut conv, input, reading, ctx, &mut out),
    }
    (conv, out)
}

/// Back to the beginning, keeping what must survive a restart: the language, a case
/// already opened (by a crisis) and the crisis flag itself.
fn reset(conv: &mut Conversation) {
    let keep = Conversation {
        lang: conv.lang,
        case_number: conv.case_number.take(),
        last_input_at: conv.last_input_at,
        ..Conversation::default()
    };
    let crisis = conv.answers.crisis;
    *conv = keep;
    conv.answers.crisis = crisis;
}

fn start(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    reset(conv);
    conv.phase = Phase::Intake;
    conv.lang = conv.lang.or(ctx.profile_lang);
    match conv.lang {
        None => conv.step = Step::Language,
        Some(lang) => {
            conv.step = Step::ConsentRecord;
            out.messages.push(Part::new("welcome").into());
            ask(conv, out);
            if lang == Lang::Ja {
                // Japanese readers are offered plain Japanese in the very first message.
                out.choices.insert(0, Choice { label: Label::LangName(Lang::JaSimple), data: "lang:ja-simple".into() });
            }
            return;
        }
    }
    ask(conv, out);
}

fn greet_again(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    match conv.phase {
        Phase::CaseOpen => {
            out.messages.push(Part::new("welcome").into());
            out.messages.push(case_notice(conv));
        }
        Phase::Intake if !conv.trail.is_empty() => {
            out.messages.push(Part::new("welcome").into());
            conv.modal = Some(Modal::Resume);
            ask(conv, out);
        }
        _ => start(conv, ctx, out),
    }
}

fn crisis(conv: &mut Conversation, kind: CrisisKind, ctx: &Ctx, out: &mut Output) {
    let worst = match conv.answers.crisis {
        Some(k) if severity(k) >= severity(kind) => k,
        _ => kind,
    };
    conv.answers.crisis = Some(worst);
    out.messages.push(Msg { parts: vec![Part::new("crisis-message"), Part::new(super::render::HOTLINES)] });
    // Staff must see it now, whether or not the intake is finished.
    if conv.case_number.is_none() {
        conv.case_number = Some(ctx.new_case_number.to_owned());
        out.effects.push(Effect::SaveCase(Some(CaseReason::Crisis)));
    } else {
        out.effects.push(Effect::SaveCase(None));
    }
}

fn severity(k: CrisisKind) -> u8 {
    match k {
        CrisisKind::Suicide => 4,
        CrisisKind::SelfHarm => 3,
        CrisisKind::Violence => 2,
        CrisisKind::Abuse => 1,
    }
}

fn case_notice(conv: &Conversation) -> Msg {
    Part::new("case-open-notice").arg("number", Arg::Text(conv.case_number.clone().unwrap_or_default())).into()
}

/// A case is open: what the resident writes goes to it (the transcript records it).
fn case_open(conv: &mut Conversation, input: Input, reading: Reading, out: &mut Output) {
    match reading {
        Reading::Lang(l) => {
            conv.lang = Some(l);
            conv.modal = None;
            out.messages.push(Part::new("language-changed").into());
            out.messages.push(case_notice(conv));
            return;
        }
        Reading::Command(Command::Language) => {
            conv.modal = Some(Modal::ChooseLanguage);
            return ask(conv, out);
        }
        _ => conv.modal = None,
    }
    match input {
        Input::Attachment(a) => {
            conv.answers.attachments.push(a);
            out.effects.push(Effect::SaveCase(None));
        }
        Input::Location(l) => {
            conv.answers.location = Some(l);
            out.effects.push(Effect::SaveCase(None));
        }
        _ => {}
    }
    out.messages.push(case_notice(conv));
}

fn ask_for_person(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    conv.answers.asked_for_staff = true;
    if conv.case_number.is_none() {
        conv.case_number = Some(ctx.new_case_number.to_owned());
    }
    conv.phase = Phase::CaseOpen;
    conv.modal = None;
    out.effects.push(Effect::SaveCase(Some(CaseReason::AskedForStaff)));
    out.messages.push(
        Part::new("person-case-opened").arg("number", Arg::Text(conv.case_number.clone().unwrap_or_default())).into(),
    );
}

fn intake(conv: &mut Conversation, input: Input, reading: Reading, ctx: &Ctx, out: &mut Output) {
    if let Some(modal) = conv.modal {
        return answer_modal(conv, modal, reading, ctx, out);
    }
    match reading {
        Reading::Command(Command::Back) => {
            conv.editing = false;
            if let Some(prev) = conv.trail.pop() {
                conv.step = prev;
            }
            return ask(conv, out);
        }
        Reading::Command(Command::Restart) => {
            conv.modal = Some(Modal::ConfirmRestart);
            return ask(conv, out);
        }
        Reading::Command(Command::Person) => return ask_for_person(conv, ctx, out),
        Reading::Command(Command::Language) => {
            conv.modal = Some(Modal::ChooseLanguage);
            return ask(conv, out);
        }
        Reading::Lang(l) if conv.step != Step::Language => {
            switch_language(conv, l, out);
            return;
        }
        _ => {}
    }
    // Things worth keeping whatever the question: never lose what the resident sent.
    match (&input, conv.step) {
        (Input::Attachment(a), step) => {
            conv.answers.attachments.push(a.clone());
            if conv.case_number.is_some() {
                out.effects.push(Effect::SaveCase(None));
            }
            out.messages.push(Part::new("attachment-received").into());
            if step == Step::Description {
                return ask_choices_only(conv, out);
            }
            return ask(conv, out);
        }
        (Input::Location(l), Step::Area) => {
            conv.answers.location = Some(l.clone());
            conv.answers.area = None;
            out.messages.push(Part::new("area-location-received").into());
            return advance(conv, out);
        }
        (Input::Location(l), _) => {
            conv.answers.location = Some(l.clone());
            out.messages.push(Part::new("reask-location").into());
            return ask(conv, out);
        }
        (Input::Sticker, Step::Description) => {
            out.messages.push(Part::new("reask-sticker").into());
            return ask_choices_only(conv, out);
        }
        _ => {}
    }
    answer(conv, input, reading, ctx, out);
}

fn switch_language(conv: &mut Conversation, lang: Lang, out: &mut Output) {
    conv.lang = Some(lang);
    conv.modal = None;
    out.messages.push(Part::new("language-changed").into());
    ask(conv, out);
}

fn answer_modal(conv: &mut Conversation, modal: Modal, reading: Reading, ctx: &Ctx, out: &mut Output) {
    let code = match &reading {
        Reading::Option(c) => c.as_str(),
        _ => "",
    };
    match (modal, &reading, code) {
        (Modal::ChooseLanguage, Reading::Lang(l), _) => switch_language(conv, *l, out),
        (Modal::ConfirmRestart, _, "yes") | (Modal::Resume, _, "restart") => {
            out.messages.push(Part::new("restarted").into());
            start(conv, ctx, out);
        }
        (Modal::ConfirmRestart, _, "no") | (Modal::Resume, _, "continue") => {
            conv.modal = None;
            ask(conv, out);
        }
        (_, Reading::Command(Command::Person), _) => ask_for_person(conv, ctx, out),
        (_, Reading::Command(Command::Language), _) => {
            conv.modal = Some(Modal::ChooseLanguage);
            ask(conv, out);
        }
        _ => {
            out.messages.push(Part::new("reask-choose").into());
            ask(conv, out);
        }
    }
}

/// The resident's answer to the current question.
fn answer(conv: &mut Conversation, input: Input, reading: Reading, ctx: &Ctx, out: &mut Output) {
    let a = &mut conv.answers;
    let code = match &reading {
        Reading::Option(c) => Some(c.as_str()),
        _ => None,
    };
    let yes = code.map(|c| c == "yes");
    match conv.step {
        Step::Language => match reading.as_lang() {
            Some(l) => {
                conv.lang = Some(l);
                conv.step = Step::ConsentRecord;
                out.messages.push(Part::new("welcome").into());
                return ask(conv, out);
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::ConsentRecord => match yes {
            Some(true) => a.consent_record = Some(true),
            Some(false) => {
                // No consent, no case: say where else to go, and end kindly.
                a.consent_record = Some(false);
                conv.phase = Phase::Idle;
                out.messages.push(Part::new("consent-declined").into());
                return;
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::ConsentShare => match yes {
            Some(y) => a.consent_share = Some(y),
            None => return reask(conv, "reask-choose", out),
        },
        Step::Safety => match yes {
            Some(y) => {
                a.in_danger = Some(y);
                a.emergency = y;
                if y {
                    out.messages.push(Part::new("emergency-numbers").into());
                    if conv.case_number.is_some() {
                        out.effects.push(Effect::SaveCase(None));
                    }
                }
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::Tonight => match code.and_then(Tonight::from_code) {
            Some(t) => a.tonight = Some(t),
            None => return reask(conv, "reask-choose", out),
        },
        Step::Topics => {
            let codes = codes_of(&reading);
            if codes.iter().any(|c| c == "done") {
                if a.topics.is_empty() {
                    out.messages.push(Part::new("topics-none-yet").into());
                    return ask_choices_only(conv, out);
                }
            } else {
                let picked: Vec<Topic> = codes.iter().filter_map(|c| Topic::from_code(c)).collect();
                if picked.is_empty() {
                    return reask(conv, "reask-choose", out);
                }
                for t in picked {
                    toggle(&mut a.topics, t);
                }
                let labels = a.topics.iter().map(|t| t.label()).collect();
                out.messages.push(Part::new("topics-selected").arg("selected", Arg::Labels(labels)).into());
                return ask_choices_only(conv, out);
            }
        }
        Step::Household => match code.and_then(Household::from_code) {
            Some(h) => {
                a.household = Some(h);
                if h == Household::Alone {
                    a.adults = Some(1);
                    a.children = Some(0);
                }
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::Adults => match number(&reading, code) {
            Some(n @ 1..=30) => a.adults = Some(n),
            _ => return reask(conv, "reask-number", out),
        },
        Step::Children => match number(&reading, code) {
            Some(n @ 0..=30) => a.children = Some(n),
            _ => return reask(conv, "reask-number", out),
        },
        Step::Vulnerable => {
            let codes = codes_of(&reading);
            if codes.iter().any(|c| c == "none") {
                a.vulnerable = Some(Vec::new());
            } else if codes.iter().any(|c| c == "done") {
                a.vulnerable.get_or_insert_with(Vec::new);
            } else {
                let picked: Vec<Vulnerable> = codes.iter().filter_map(|c| Vulnerable::from_code(c)).collect();
                if picked.is_empty() {
                    return reask(conv, "reask-choose", out);
                }
                let list = a.vulnerable.get_or_insert_with(Vec::new);
                for v in picked {
                    toggle(list, v);
                }
                let labels = list.iter().map(|v| v.label()).collect();
                out.messages.push(Part::new("vulnerable-selected").arg("selected", Arg::Labels(labels)).into());
                return ask_choices_only(conv, out);
            }
        }
        Step::Area => match code.and_then(Area::from_code) {
            Some(x) => {
                a.area = Some(x);
                a.location = None;
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::Description => match (code, input) {
            (Some("next" | "skip"), _) => a.description_done = true,
            (_, Input::Text(t)) if !t.trim().is_empty() => {
                a.description.push(t);
                out.messages.push(Part::new("description-received").into());
                return ask_choices_only(conv, out);
            }
            (_, Input::Text(_)) => return reask(conv, "reask-text", out),
            _ => return reask(conv, "reask-text", out),
        },
        Step::Contact => match code.and_then(ContactMethod::from_code) {
            Some(c) => {
                a.contact = Some(c);
                if c != ContactMethod::Phone {
                    a.phone = None;
                }
            }
            None => return reask(conv, "reask-choose", out),
        },
        Step::Phone => match input {
            Input::Text(t) => match phone::normalize(&t) {
                Some(p) => a.phone = Some(p),
                None => {
                    out.messages
                        .push(Part::new("reask-phone").arg("example", Arg::Text("090-1234-5678".into())).into());
                    return ask_choices_only(conv, out);
                }
            },
            _ => {
                out.messages.push(Part::new("reask-phone").arg("example", Arg::Text("090-1234-5678".into())).into());
                return ask_choices_only(conv, out);
            }
        },
        Step::ContactTime => match code.and_then(ContactTime::from_code) {
            Some(t) => a.contact_time = Some(t),
            None => return reask(conv, "reask-choose", out),
        },
        Step::Interpreter => match yes {
            Some(y) => a.interpreter = Some(y),
            None => return reask(conv, "reask-choose", out),
        },
        Step::Window => match code.and_then(Window::from_code) {
            Some(w) => a.window = Some(w),
            None => return reask(conv, "reask-choose", out),
        },
        Step::Summary => match code {
            Some("send") => return submit(conv, ctx, out),
            Some("change") => {
                conv.trail.push(Step::Summary);
                conv.step = Step::ChangeWhich;
                return ask(conv, out);
            }
            Some("cancel") => {
                out.messages.push(Part::new("cancelled").into());
                let case = conv.case_number.clone();
                reset(conv);
                // A case opened by a crisis stays open: staff still need to reach out.
                conv.phase = if case.is_some() { Phase::CaseOpen } else { Phase::Idle };
                conv.case_number = case;
                return;
            }
            _ => return reask(conv, "reask-choose", out),
        },
        Step::ChangeWhich => match CHANGEABLE.iter().find(|(s, _)| Some(s.code()) == code) {
            Some((target, _)) => {
                conv.trail.push(Step::ChangeWhich);
                conv.editing = true;
                conv.step = *target;
                if *target == Step::Description {
                    // Changing the description replaces it; attachments stay.
                    conv.answers.description.clear();
                    conv.answers.description_done = false;
                }
                return ask(conv, out);
            }
            None => return reask(conv, "reask-choose", out),
        },
    }
    advance(conv, out);
}

fn toggle<T: PartialEq + Ord>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => {
            list.push(item);
            list.sort();
        }
    }
}

fn codes_of(reading: &Reading) -> Vec<String> {
    match reading {
        Reading::Option(c) => vec![c.clone()],
        Reading::Options(cs) => cs.clone(),
        _ => Vec::new(),
    }
}

fn number(reading: &Reading, code: Option<&str>) -> Option<u32> {
    match reading {
        Reading::Number(n) => Some(*n),
        _ => code.and_then(|c| c.parse().ok()),
    }
}

fn submit(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    let number = conv.case_number.get_or_insert_with(|| ctx.new_case_number.to_owned()).clone();
    conv.phase = Phase::CaseOpen;
    out.effects.push(Effect::SaveCase(Some(CaseReason::Submitted)));
    out.messages.push(Part::new("sent").arg("number", Arg::Text(number)).into());
    if conv.answers.emergency || conv.answers.crisis.is_some() {
        out.messages.push(Part::new("sent-emergency-again").into());
    }
}

fn advance(conv: &mut Conversation, out: &mut Output) {
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

fn reask(conv: &Conversation, why: &'static str, out: &mut Output) {
    out.messages.push(Part::new(why).into());
    ask(conv, out);
}

/// The current question (or modal), with its buttons.
fn ask(conv: &Conversation, out: &mut Output) {
    match conv.modal {
        Some(Modal::ConfirmRestart) => {
            out.messages.push(Part::new("q-restart-confirm").into());
            out.choices = vec![
                Choice { label: Label::Id("opt-yes"), data: "modal:yes".into() },
                Choice { label: Label::Id("opt-no"), data: "modal:no".into() },
            ];
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
            out.messages.push(language_prompt());
            out.choices = language_choices();
            return;
        }
        None => {}
    }
    if conv.step == Step::Language {
        out.messages.push(language_prompt());
        out.choices = language_choices();
        return;
    }
    if conv.step == Step::Summary {
        out.messages.push(summary(conv));
    }
    out.messages.push(Part::new(question(conv.step)).into());
    ask_choices_only(conv, out);
}

/// Only the buttons of the current question (after a short message that already says
/// what to do).
fn ask_choices_only(conv: &Conversation, out: &mut Output) {
    let step = conv.step;
    let mut choices: Vec<Choice> = options(step)
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
    // LINE shows at most 13 buttons; the question's own options come first.
    choices.truncate(crate::line::message::MAX_QUICK_REPLY_ITEMS);
    out.choices = choices;
}

fn command_choice(c: Command) -> Choice {
    Choice { label: Label::Id(c.label()), data: format!("cmd:{}", c.code()) }
}

fn language_prompt() -> Msg {
    Msg { parts: Lang::ALL.iter().map(|l| Part::new("q-language").in_lang(*l)).collect() }
}

fn language_choices() -> Vec<Choice> {
    Lang::ALL.iter().map(|l| Choice { label: Label::LangName(*l), data: format!("lang:{}", l.tag()) }).collect()
}

fn yes_no_label(v: Option<bool>) -> Arg {
    match v {
        Some(true) => Arg::Label("opt-yes"),
        Some(false) => Arg::Label("opt-no"),
        None => Arg::Label("value-none"),
    }
}

fn label_or_none(v: Option<&'static str>) -> Arg {
    Arg::Label(v.unwrap_or("value-none"))
}

/// Every answer, in the resident's language.
fn summary(conv: &Conversation) -> Msg {
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

/// What the input means at the current step (or modal).
fn read(conv: &Conversation, input: &Input, ctx: &Ctx) -> Reading {
    match input {
        Input::Postback(data) => read_postback(conv, data),
        Input::Text(t) => read_text(conv, t, ctx),
        _ => Reading::Nothing,
    }
}

fn read_postback(conv: &Conversation, data: &str) -> Reading {
    let Some((scope, code)) = data.split_once(':') else { return Reading::Nothing };
    match scope {
        "cmd" => Command::ALL.into_iter().find(|c| c.code() == code).map_or(Reading::Nothing, Reading::Command),
        "lang" => Lang::from_tag(code).map_or(Reading::Nothing, Reading::Lang),
        "modal" if conv.modal.is_some() => Reading::Option(code.to_owned()),
        s if conv.modal.is_none() && s == conv.step.code() => Reading::Option(code.to_owned()),
        // A button from an earlier question: not an answer to this one.
        _ => Reading::Nothing,
    }
}

fn read_text(conv: &Conversation, raw: &str, ctx: &Ctx) -> Reading {
    let norm = text::normalize(raw);
    if norm.is_empty() {
        return Reading::Nothing;
    }
    let opts: Vec<Opt> = match conv.modal {
        Some(Modal::ConfirmRestart) => vec![opt("yes", "opt-yes"), opt("no", "opt-no")],
        Some(Modal::Resume) => vec![opt("continue", "opt-continue"), opt("restart", "opt-start-over")],
        Some(Modal::ChooseLanguage) => Vec::new(),
        None => options(conv.step),
    };
    // 1. The exact words of one option.
    let exact: Vec<&Opt> = opts.iter().filter(|o| matches_exactly(o, &norm, ctx)).collect();
    if let [o] = exact.as_slice() {
        return Reading::Option(o.code.clone());
    }
    // 2. A language, by its name in any language.
    if let Some(l) = Lang::ALL.into_iter().find(|l| ctx.vocab.words(lang_words_id(*l)).contains(&norm)) {
        return Reading::Lang(l);
    }
    // 3. A command word.
    if let Some(c) = Command::ALL.into_iter().find(|c| ctx.vocab.words(c.label()).contains(&norm)) {
        return Reading::Command(c);
    }
    // 4. Numbers: a count where a count is asked, else the n-th option(s).
    let numbers: Vec<u32> = norm.split([' ', ',']).filter_map(text::parse_small_number).collect();
    let all_numbers = !numbers.is_empty() && numbers.len() == norm.split([' ', ',']).filter(|s| !s.is_empty()).count();
    if all_numbers {
        if conv.modal.is_none() && matches!(conv.step, Step::Adults | Step::Children) {
            return if numbers.len() == 1 { Reading::Number(numbers[0]) } else { Reading::Nothing };
        }
        let picked: Vec<String> =
            numbers.iter().filter_map(|n| opts.get((*n as usize).checked_sub(1)?)).map(|o| o.code.clone()).collect();
        return match picked.len() {
            0 => Reading::Nothing,
            _ if picked.len() != numbers.len() => Reading::Nothing,
            1 => Reading::Option(picked[0].clone()),
            _ => Reading::Options(picked),
        };
    }
    if conv.modal.is_none() && matches!(conv.step, Step::Adults | Step::Children) {
        if let Some(n) = text::parse_small_number(&norm) {
            return Reading::Number(n);
        }
    }
    // 5. Exactly one option whose words appear inside what was written ("車で寝ます"),
    // only where the answer is a choice: free text is never mistaken for a button.
    if conv.modal.is_some()
        || matches!(
            conv.step,
            Step::Description
                | Step::Phone
                | Step::ConsentRecord
                | Step::ConsentShare
                | Step::Safety
                | Step::Interpreter
        )
    {
        // Yes/no is too important to guess: "não sei" holds "não", "わからない" holds "ない".
        return Reading::Nothing;
    }
    let compact = text::compact(raw);
    let inside: Vec<&Opt> = opts.iter().filter(|o| contains_word(o, &norm, &compact, ctx)).collect();
    if let [o] = inside.as_slice() {
        return Reading::Option(o.code.clone());
    }
    Reading::Nothing
}

/// The Fluent id whose words name a language: its own `lang-name` in every locale.
fn lang_words_id(l: Lang) -> &'static str {
    match l {
        Lang::Ja => "lang-name@ja",
        Lang::JaSimple => "lang-name@ja-simple",
        Lang::PtBr => "lang-name@pt-BR",
        Lang::Vi => "lang-name@vi",
    }
}

fn matches_exactly(o: &Opt, norm: &str, ctx: &Ctx) -> bool {
    match (&o.label, o.words_id) {
        (_, Some(id)) => ctx.vocab.words(id).iter().any(|w| w == norm),
        (Label::Literal(l), None) => text::normalize(l) == norm,
        (Label::LangName(l), None) => ctx.vocab.words(lang_words_id(*l)).iter().any(|w| w == norm),
        _ => false,
    }
}

/// Whether one of the option's words is inside the text: as whole words for scripts
/// written with spaces (so "co" is not found in "discordo"), anywhere for Japanese.
fn contains_word(o: &Opt, norm: &str, compact: &str, ctx: &Ctx) -> bool {
    let Some(id) = o.words_id else { return false };
    let padded = format!(" {norm} ");
    ctx.vocab.words(id).iter().any(|w| {
        if w.is_ascii() {
            w.len() >= 2 && padded.contains(&format!(" {w} "))
        } else {
            compact.contains(&w.replace(' ', ""))
        }
    })
}
