//! Crisis wording in what residents write, at any step: danger gets the safety message and the
//! hotlines at once; concern gets a warm message that names the feeling, the hotlines and "are
//! you safe right now?" ("no" escalates to danger). A phrase split over two sends
//! (「もう」「しにたい」) is read whole.

use serde::{Deserialize, Serialize};

use super::{
    questions::ask,
    reading::Reading,
    reask::{reask_with, Reask},
    render::HOTLINES,
    CaseReason, Conversation, Ctx, Effect, Modal, Msg, Output, Part, Phase,
};
use crate::crisis::{CrisisKind, Level};

/// How long a text is kept to be read together with the next one.
pub const SPLIT_WINDOW_MS: i64 = 120_000;
/// How much of it is kept: enough for the end of a phrase.
const KEPT_CHARS: usize = 200;

/// The resident's last text, kept briefly so that a phrase split over two sends is read
/// whole. Personal data: never logged.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentText {
    pub text: String,
    pub at: i64,
}

impl std::fmt::Debug for RecentText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecentText({} chars, at {})", self.text.chars().count(), self.at)
    }
}

/// Reads a text for crisis wording, alone or with the text just before it, and returns what
/// it found. Danger is answered here, before anything else; concern is asked about after the
/// step's own answer (`ask_if_safe`), so that its yes/no buttons come last.
pub(super) fn check_text(conv: &mut Conversation, text: &str, ctx: &Ctx, out: &mut Output) -> Option<CrisisKind> {
    let found = (ctx.crisis)(text).or_else(|| {
        let before = conv.recent.as_ref().filter(|r| ctx.now - r.at <= SPLIT_WINDOW_MS)?;
        (ctx.crisis)(&format!("{} {text}", before.text))
    });
    conv.recent = match found {
        // Read once: the next message is not joined with what already alarmed.
        Some(_) => None,
        None => Some(RecentText { text: tail(text), at: ctx.now }),
    };
    let kind = found?;
    record(conv, kind, ctx, out);
    if kind.level() == Level::Danger {
        out.messages.push(Msg { parts: vec![Part::new("crisis-message"), Part::new(HOTLINES)] });
    }
    Some(kind)
}

fn tail(text: &str) -> String {
    let n = text.chars().count();
    text.chars().skip(n.saturating_sub(KEPT_CHARS)).collect()
}

/// The most severe kind so far goes on the case, which staff must see now, whether or not
/// the intake is finished.
fn record(conv: &mut Conversation, kind: CrisisKind, ctx: &Ctx, out: &mut Output) {
    let worst = match conv.answers.crisis {
        Some(k) if k.severity() >= kind.severity() => k,
        _ => kind,
    };
    conv.answers.crisis = Some(worst);
    if conv.case_number.is_none() {
        conv.case_number = Some(ctx.new_case_number.to_owned());
        out.effects.push(Effect::SaveCase(Some(CaseReason::Crisis)));
    } else {
        out.effects.push(Effect::SaveCase(None));
    }
}

/// After the step's own answer: the feeling named, the hotlines, and "are you safe right
/// now?" with yes/no buttons.
pub(super) fn ask_if_safe(conv: &mut Conversation, kind: CrisisKind, out: &mut Output) {
    out.messages.push(Msg { parts: vec![Part::new(feeling(kind)), Part::new("concern-offer"), Part::new(HOTLINES)] });
    put_safe_question(conv, out);
}

fn put_safe_question(conv: &mut Conversation, out: &mut Output) {
    conv.modal = Some(Modal::SafeNow);
    ask(conv, out);
}

fn feeling(kind: CrisisKind) -> &'static str {
    match kind {
        CrisisKind::Hopelessness => "concern-hopelessness",
        CrisisKind::Burden => "concern-burden",
        CrisisKind::Farewell => "concern-farewell",
        CrisisKind::LossIsolation => "concern-loss_isolation",
        _ => "concern-means",
    }
}

/// "Are you safe right now?" answered. Returns false when the input is not an answer to it:
/// the question is dropped and the input goes on as usual, so that nobody who keeps writing
/// is held up by a button they did not tap.
pub(super) fn answer_safe(conv: &mut Conversation, reading: &Reading, how: Reask, out: &mut Output) -> bool {
    conv.modal = None;
    let safe = match reading {
        Reading::Option(code) if code == "yes" => true,
        Reading::Option(code) if code == "no" => false,
        Reading::Unclear => {
            reask_with(how, Part::new("reask-unclear").into(), out, |out| put_safe_question(conv, out));
            return true;
        }
        _ => return false,
    };
    if safe {
        out.messages.push(Part::new("safe-thanks").into());
    } else {
        // Not safe: as for explicit danger, and the case becomes an emergency.
        conv.answers.emergency = true;
        out.messages.push(Msg { parts: vec![Part::new("crisis-message"), Part::new("emergency-numbers")] });
        out.effects.push(Effect::SaveCase(None));
    }
    if conv.phase == Phase::Intake {
        ask(conv, out);
    }
    true
}

/// The emergency numbers and the hotlines, asked for (the rich menu's button, or typed);
/// during the intake the current question follows, so its buttons come back.
pub(super) fn emergency_numbers(conv: &Conversation, out: &mut Output) {
    out.messages.push(Msg { parts: vec![Part::new("emergency-numbers"), Part::new(HOTLINES)] });
    if conv.phase == Phase::Intake {
        ask(conv, out);
    }
}
