//! The answer to the current question: checked, stored as codes, and followed by the next
//! question, or by a short explanation and the same question again.

use super::{
    answers::{Area, ContactMethod, ContactTime, Household, Tonight, Topic, Vulnerable, Window},
    phone,
    questions::{advance, ask, ask_choices_only, in_every_language, language_choices, CHANGEABLE},
    reading::Reading,
    reask::{reask, reask_with, Reask},
    Arg, CaseReason, Conversation, Ctx, Effect, Input, Output, Part, Phase, Step,
};

/// What follows an answer.
enum Then {
    /// Stored: the next question.
    Next,
    /// Already answered: a message with the question's buttons, or another question.
    Said,
    /// Not an answer to the question: this line, then the question again.
    Again(&'static str),
}

use Then::{Again, Next, Said};

/// The resident's answer to the current question; `how` an input it cannot use is met.
pub(super) fn answer(conv: &mut Conversation, input: Input, reading: Reading, ctx: &Ctx, how: Reask, out: &mut Output) {
    if reading == Reading::Unclear {
        return reask(conv, "reask-unclear", how, out);
    }
    let code = match &reading {
        Reading::Option(c) => Some(c.as_str()),
        _ => None,
    };
    let then = match conv.step {
        Step::Language => language(conv, &reading, how, out),
        Step::ConsentRecord | Step::ConsentShare | Step::Safety | Step::Interpreter => {
            yes_or_no(conv, code.map(|c| c == "yes"), out)
        }
        Step::Topics => topics(conv, &reading, out),
        Step::Vulnerable => vulnerable(conv, &reading, out),
        Step::Adults | Step::Children => count(conv, number(&reading, code)),
        Step::Description => description(conv, code, input, out),
        Step::Phone => phone_number(conv, input, how, out),
        Step::Summary => summary(conv, code, ctx, out),
        Step::ChangeWhich => change_which(conv, code, out),
        Step::Tonight | Step::Household | Step::Area | Step::Contact | Step::ContactTime | Step::Window => {
            choice(conv, code)
        }
    };
    match then {
        Next => advance(conv, out),
        Said => {}
        Again(why) => reask(conv, why, how, out),
    }
}

fn language(conv: &mut Conversation, reading: &Reading, how: Reask, out: &mut Output) -> Then {
    match reading.as_lang() {
        Some(l) => {
            conv.lang = Some(l);
            conv.step = Step::ConsentRecord;
            out.messages.push(Part::new("welcome").into());
            ask(conv, out);
        }
        // Still no language: one short line in each, and the language buttons.
        None => reask_with(how, in_every_language("reask-language", &out.languages), out, |out| {
            out.choices = language_choices(&out.languages)
        }),
    }
    Said
}

/// The questions answered yes or no.
fn yes_or_no(conv: &mut Conversation, yes: Option<bool>, out: &mut Output) -> Then {
    let Some(y) = yes else { return Again("reask-choose") };
    let a = &mut conv.answers;
    match conv.step {
        Step::ConsentRecord => {
            a.consent_record = Some(y);
            if !y {
                // No consent, no case: say where else to go, and end kindly.
                conv.phase = Phase::Idle;
                out.messages.push(Part::new("consent-declined").into());
                return Said;
            }
        }
        Step::ConsentShare => a.consent_share = Some(y),
        Step::Safety => {
            a.in_danger = Some(y);
            a.emergency = y;
            if y {
                out.messages.push(Part::new("emergency-numbers").into());
                if conv.case_number.is_some() {
                    out.effects.push(Effect::SaveCase(None));
                }
            }
        }
        _ => a.interpreter = Some(y),
    }
    Next
}

/// The questions answered by one option.
fn choice(conv: &mut Conversation, code: Option<&str>) -> Then {
    let a = &mut conv.answers;
    let stored = match conv.step {
        Step::Tonight => code.and_then(Tonight::from_code).map(|t| a.tonight = Some(t)),
        Step::Household => code.and_then(Household::from_code).map(|h| {
            a.household = Some(h);
            if h == Household::Alone {
                a.adults = Some(1);
                a.children = Some(0);
            }
        }),
        Step::Area => code.and_then(Area::from_code).map(|x| {
            a.area = Some(x);
            a.location = None;
        }),
        Step::Contact => code.and_then(ContactMethod::from_code).map(|c| {
            a.contact = Some(c);
            if c != ContactMethod::Phone {
                a.phone = None;
            }
        }),
        Step::ContactTime => code.and_then(ContactTime::from_code).map(|t| a.contact_time = Some(t)),
        _ => code.and_then(Window::from_code).map(|w| a.window = Some(w)),
    };
    match stored {
        Some(()) => Next,
        None => Again("reask-choose"),
    }
}

fn topics(conv: &mut Conversation, reading: &Reading, out: &mut Output) -> Then {
    let a = &mut conv.answers;
    let codes = codes_of(reading);
    if codes.iter().any(|c| c == "done") {
        if !a.topics.is_empty() {
            return Next;
        }
        out.messages.push(Part::new("topics-none-yet").into());
    } else {
        let picked: Vec<Topic> = codes.iter().filter_map(|c| Topic::from_code(c)).collect();
        if picked.is_empty() {
            return Again("reask-choose");
        }
        for t in picked {
            toggle(&mut a.topics, t);
        }
        let labels = a.topics.iter().map(|t| t.label()).collect();
        out.messages.push(Part::new("topics-selected").arg("selected", Arg::Labels(labels)).into());
    }
    ask_choices_only(conv, out);
    Said
}

fn vulnerable(conv: &mut Conversation, reading: &Reading, out: &mut Output) -> Then {
    let a = &mut conv.answers;
    let codes = codes_of(reading);
    if codes.iter().any(|c| c == "none") {
        a.vulnerable = Some(Vec::new());
        return Next;
    }
    if codes.iter().any(|c| c == "done") {
        a.vulnerable.get_or_insert_with(Vec::new);
        return Next;
    }
    let picked: Vec<Vulnerable> = codes.iter().filter_map(|c| Vulnerable::from_code(c)).collect();
    if picked.is_empty() {
        return Again("reask-choose");
    }
    let list = a.vulnerable.get_or_insert_with(Vec::new);
    for v in picked {
        toggle(list, v);
    }
    let labels = list.iter().map(|v| v.label()).collect();
    out.messages.push(Part::new("vulnerable-selected").arg("selected", Arg::Labels(labels)).into());
    ask_choices_only(conv, out);
    Said
}

/// How many adults (at least one) or children live in the household.
fn count(conv: &mut Conversation, n: Option<u32>) -> Then {
    let a = &mut conv.answers;
    match (conv.step, n) {
        (Step::Adults, Some(n @ 1..=30)) => a.adults = Some(n),
        (Step::Children, Some(n @ 0..=30)) => a.children = Some(n),
        _ => return Again("reask-number"),
    }
    Next
}

fn description(conv: &mut Conversation, code: Option<&str>, input: Input, out: &mut Output) -> Then {
    match (code, input) {
        (Some("next" | "skip"), _) => {
            conv.answers.description_done = true;
            Next
        }
        (_, Input::Text(t)) if !t.trim().is_empty() => {
            conv.answers.description.push(t);
            out.messages.push(Part::new("description-received").into());
            ask_choices_only(conv, out);
            Said
        }
        _ => Again("reask-text"),
    }
}

fn phone_number(conv: &mut Conversation, input: Input, how: Reask, out: &mut Output) -> Then {
    if let Input::Text(t) = input {
        if let Some(p) = phone::normalize(&t) {
            conv.answers.phone = Some(p);
            return Next;
        }
    }
    let why = Part::new("reask-phone").arg("example", Arg::Text("090-1234-5678".into())).into();
    reask_with(how, why, out, |out| ask_choices_only(conv, out));
    Said
}

fn summary(conv: &mut Conversation, code: Option<&str>, ctx: &Ctx, out: &mut Output) -> Then {
    match code {
        Some("send") => submit(conv, ctx, out),
        Some("change") => {
            conv.trail.push(Step::Summary);
            conv.step = Step::ChangeWhich;
            ask(conv, out);
        }
        Some("cancel") => {
            out.messages.push(Part::new("cancelled").into());
            let case = conv.case_number.clone();
            conv.reset();
            // A case opened by a crisis stays open: staff still need to reach out.
            conv.phase = if case.is_some() { Phase::CaseOpen } else { Phase::Idle };
            conv.case_number = case;
        }
        _ => return Again("reask-choose"),
    }
    Said
}

fn change_which(conv: &mut Conversation, code: Option<&str>, out: &mut Output) -> Then {
    let Some((target, _)) = CHANGEABLE.iter().find(|(s, _)| Some(s.code()) == code) else {
        return Again("reask-choose");
    };
    conv.trail.push(Step::ChangeWhich);
    conv.editing = true;
    conv.step = *target;
    if *target == Step::Description {
        // Changing the description replaces it; attachments stay.
        conv.answers.description.clear();
        conv.answers.description_done = false;
    }
    ask(conv, out);
    Said
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
    super::sent::sent(conv.lang, &conv.answers, ctx, number, out);
}
