//! The conversation's rules: what an input means for the conversation as a whole (commands,
//! modals, a case open or held by staff, the intake), and what is said back. Every path ends in a message: an input a
//! step cannot use gets a short explanation and the question again.

use super::{
    answer::answer,
    questions::{advance, ask, ask_choices_only, command_choice, in_every_language, language_choices, Command},
    reading::{read, Reading},
    reask::{reask, Reask},
    safety, Arg, CaseReason, Choice, Conversation, Ctx, Effect, Input, Label, Modal, Msg, Output, Part, Phase, Step,
};
use crate::{crisis::Level, i18n::Lang};

/// Applies one input. Never panics; always answers unless the resident blocked us.
pub fn step(mut conv: Conversation, input: Input, ctx: &Ctx) -> (Conversation, Output) {
    let mut out = Output { languages: ctx.languages.to_vec(), ..Output::default() };
    if input != Input::Unfollow && conv.case_number.is_some() && conv.case_number.as_deref() == ctx.closed_case {
        // Staff closed the case: the bot takes the conversation back and starts afresh.
        let number = conv.case_number.take().unwrap_or_default();
        conv = Conversation { lang: conv.lang, last_input_at: conv.last_input_at, ..Conversation::default() };
        out.messages.push(Part::new("case-closed-restart").arg("number", Arg::Text(number)).into());
    }
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
    let found = match &input {
        Input::Text(t) => safety::check_text(&mut conv, t, ctx, &mut out),
        _ => None,
    };
    // Words of distress are not an answer the conversation "did not understand": the input
    // is re-asked as `Reask::after` says.
    let mut conv = respond(conv, input, ctx, Reask::after(found), &mut out);
    if let Some(kind) = found.filter(|k| k.level() == Level::Concern) {
        safety::ask_if_safe(&mut conv, kind, &mut out);
    }
    (conv, out)
}

/// The answer to one input, once crisis wording has been read (`how` an input the question
/// cannot use is met).
fn respond(mut conv: Conversation, input: Input, ctx: &Ctx, how: Reask, out: &mut Output) -> Conversation {
    let idle = conv.last_input_at > 0 && ctx.now - conv.last_input_at > ctx.idle_ms;
    conv.last_input_at = ctx.now;
    let mut reading = read(&conv, &input, ctx);
    if conv.modal == Some(Modal::ConfirmErase) {
        return confirm_erase(conv, reading, ctx, how, out);
    }
    if conv.modal == Some(Modal::SafeNow) {
        if safety::answer_safe(&mut conv, &reading, how, out) {
            return conv;
        }
        // Not an answer to "are you safe?": read it as an answer to the question beneath.
        reading = read(&conv, &input, ctx);
    }
    if reading == Reading::Command(Command::Erase) {
        conv.modal = Some(Modal::ConfirmErase);
        ask(&conv, out);
        return conv;
    }
    if reading == Reading::Command(Command::Status) {
        // Read only: wherever the resident is (a question, a modal, a case with staff),
        // they stay there.
        super::status::answer(&conv, ctx, out);
        return conv;
    }
    if reading == Reading::Command(Command::Emergency) {
        // Like the status: said wherever the resident is, and they stay there.
        safety::emergency_numbers(&conv, out);
        return conv;
    }
    if let Some(hold) = ctx.staff_hold {
        // Also mid-intake (a crisis case opened before the questions were done): staff
        // talk with the resident now, and the questions wait.
        if conv.case_number.as_deref() == Some(hold.case_number) {
            conv.phase = Phase::CaseOpen;
            with_staff(&mut conv, input, reading, hold, out);
            return conv;
        }
    }
    match conv.phase {
        Phase::Idle => match reading {
            Reading::Command(Command::Person) => ask_for_person(&mut conv, ctx, out),
            // The rich menu's language button before any intake: the choice starts one.
            Reading::Command(Command::Language) => {
                conv.modal = Some(Modal::ChooseLanguage);
                ask(&conv, out);
            }
            Reading::Lang(l) => {
                conv.lang = Some(l);
                start(&mut conv, ctx, out);
            }
            _ => start(&mut conv, ctx, out),
        },
        Phase::CaseOpen => case_open(&mut conv, input, reading, out),
        Phase::Intake if idle && conv.modal.is_none() => {
            conv.modal = Some(Modal::Resume);
            ask(&conv, out);
        }
        Phase::Intake => intake(&mut conv, input, reading, ctx, how, out),
    }
    conv
}

fn start(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    conv.reset();
    conv.phase = Phase::Intake;
    conv.lang = conv.lang.or(ctx.profile_lang);
    match conv.lang {
        None => {
            // A short greeting in every language that says who we are, and the buttons.
            conv.step = Step::Language;
            out.messages.push(in_every_language("welcome-language", &out.languages));
            out.choices = language_choices(&out.languages);
        }
        Some(lang) => {
            conv.step = Step::ConsentRecord;
            out.messages.push(Part::new("welcome").into());
            ask(conv, out);
            // Japanese readers are offered plain Japanese in the very first message: every
            // offered variant that falls back to their language (`ja-simple` for `ja`).
            let variants = out.languages.iter().filter(|v| v.fallback() == Some(lang));
            let variants: Vec<Choice> =
                variants.map(|v| Choice { label: Label::LangName(*v), data: format!("lang:{}", v.tag()) }).collect();
            out.choices.splice(0..0, variants);
        }
    }
}

fn greet_again(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    match conv.phase {
        Phase::CaseOpen => {
            out.messages.push(Part::new("welcome").into());
            out.messages.push(case_notice(conv));
            offer_status(out);
        }
        Phase::Intake if !conv.trail.is_empty() => {
            out.messages.push(Part::new("welcome").into());
            conv.modal = Some(Modal::Resume);
            ask(conv, out);
        }
        _ => start(conv, ctx, out),
    }
}

/// With a case sent, "how is my case?" is a button under the message: a resident waiting
/// looks for it there rather than guess the command word (LINE shows up to 13 quick-reply
/// buttons; this is the only one).
pub(super) fn offer_status(out: &mut Output) {
    out.choices = vec![command_choice(Command::Status)];
}

fn case_notice(conv: &Conversation) -> Msg {
    Part::new("case-open-notice").arg("number", Arg::Text(conv.case_number.clone().unwrap_or_default())).into()
}

/// With a case open, whoever answers: a language change is made, and photos, files and
/// locations join the case.
#[derive(PartialEq)]
enum CaseInput {
    LanguageChanged,
    /// The language question was put; nothing else to say.
    Asked,
    Other,
}

fn case_input(conv: &mut Conversation, input: Input, reading: Reading, out: &mut Output) -> CaseInput {
    match reading {
        Reading::Lang(l) => {
            conv.lang = Some(l);
            conv.modal = None;
            out.messages.push(Part::new("language-changed").into());
            return CaseInput::LanguageChanged;
        }
        Reading::Command(Command::Language) => {
            conv.modal = Some(Modal::ChooseLanguage);
            ask(conv, out);
            return CaseInput::Asked;
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
    CaseInput::Other
}

/// A case is open: what the resident writes goes to it (the transcript records it).
fn case_open(conv: &mut Conversation, input: Input, reading: Reading, out: &mut Output) {
    if case_input(conv, input, reading, out) != CaseInput::Asked {
        out.messages.push(case_notice(conv));
        offer_status(out);
    }
}

/// "Delete my data?" answered: yes records the request for staff to confirm.
fn confirm_erase(mut conv: Conversation, reading: Reading, ctx: &Ctx, how: Reask, out: &mut Output) -> Conversation {
    let code = match &reading {
        Reading::Option(c) => c.as_str(),
        _ => "",
    };
    match code {
        "yes" => {
            conv.modal = None;
            out.effects.push(Effect::RequestErasure);
            out.messages.push(Part::new("erase-requested").into());
        }
        "no" => {
            conv.modal = None;
            out.messages.push(Part::new("erase-not-requested").into());
        }
        _ => {
            reask(&conv, reask_id(&reading), how, out);
            return conv;
        }
    }
    // Back to where the resident was.
    match conv.phase {
        Phase::Intake => ask(&conv, out),
        Phase::CaseOpen if ctx.staff_hold.is_none() => {
            out.messages.push(case_notice(&conv));
            offer_status(out);
        }
        _ => {}
    }
    conv
}

/// Staff hold the case: the resident's messages go to them (the transcript carries them to
/// the case page). The resident is told once; after that the bot stays quiet, but a crisis
/// still gets its safety answer, and language changes still work.
fn with_staff(conv: &mut Conversation, input: Input, reading: Reading, hold: super::StaffHold, out: &mut Output) {
    if case_input(conv, input, reading, out) == CaseInput::Other && !hold.notified {
        out.effects.push(Effect::StaffNotified);
        out.messages.push(Part::new("staff-handling").arg("number", Arg::Text(hold.case_number.to_owned())).into());
    }
}

fn ask_for_person(conv: &mut Conversation, ctx: &Ctx, out: &mut Output) {
    conv.answers.asked_for_staff = true;
    if conv.case_number.is_none() {
        conv.case_number = Some(ctx.new_case_number.to_owned());
    }
    conv.phase = Phase::CaseOpen;
    conv.modal = None;
    out.effects.push(Effect::SaveCase(Some(CaseReason::AskedForStaff)));
    super::sent::person(conv.lang, &conv.answers, ctx, conv.case_number.clone().unwrap_or_default(), out);
}

fn intake(conv: &mut Conversation, input: Input, reading: Reading, ctx: &Ctx, how: Reask, out: &mut Output) {
    if let Some(modal) = conv.modal {
        return answer_modal(conv, modal, reading, ctx, how, out);
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
    answer(conv, input, reading, ctx, how, out);
}

fn switch_language(conv: &mut Conversation, lang: Lang, out: &mut Output) {
    conv.lang = Some(lang);
    conv.modal = None;
    out.messages.push(Part::new("language-changed").into());
    ask(conv, out);
}

fn answer_modal(conv: &mut Conversation, modal: Modal, reading: Reading, ctx: &Ctx, how: Reask, out: &mut Output) {
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
        _ => reask(conv, reask_id(&reading), how, out),
    }
}

/// Why a modal's question is asked again.
fn reask_id(reading: &Reading) -> &'static str {
    match reading {
        Reading::Unclear => "reask-unclear",
        _ => "reask-choose",
    }
}
