//! The answer to the current question: checked, stored as codes, and followed by the next
//! question, or by a short explanation and the same question again.

use super::{
    answers::{Area, ContactMethod, ContactTime, Household, Tonight, Topic, Vulnerable, Window},
    flow::{advance, reask, reset},
    phone,
    questions::{ask, ask_choices_only, in_every_language, language_choices, CHANGEABLE},
    reading::Reading,
    Arg, CaseReason, Conversation, Ctx, Effect, Input, Output, Part, Phase, Step,
};

/// The resident's answer to the current question.
pub(super) fn answer(conv: &mut Conversation, input: Input, reading: Reading, ctx: &Ctx, out: &mut Output) {
    if reading == Reading::Unclear {
        return reask(conv, "reask-unclear", out);
    }
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
            None => {
                // Still no language: one short line in each, and the language buttons.
                out.messages.push(in_every_language("reask-language"));
                out.choices = language_choices();
                return;
            }
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
