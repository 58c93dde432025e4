//! The question put again after an input it cannot use, and how words of distress change
//! that: they are not an answer the conversation "did not understand".

use super::{questions::ask, Conversation, Msg, Output, Part};
use crate::crisis::{CrisisKind, Level};

/// How a question is put again after an input it cannot use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reask {
    /// A short line saying what the question needs, then the question.
    Explain,
    /// The input held words of danger, already answered by the safety message: the question
    /// again, without the line.
    QuestionOnly,
    /// The input held words of concern: nothing now. "Are you safe right now?" follows the
    /// step, and the question comes back once it is answered.
    Later,
}

impl Reask {
    /// For an input in which the crisis check found `found`.
    pub(super) fn after(found: Option<CrisisKind>) -> Reask {
        match found.map(|k| k.level()) {
            None => Reask::Explain,
            Some(Level::Concern) => Reask::Later,
            Some(Level::Danger) => Reask::QuestionOnly,
        }
    }
}

/// The line `why`, then the current question, as `how` says.
pub(super) fn reask(conv: &Conversation, why: &'static str, how: Reask, out: &mut Output) {
    reask_with(how, Part::new(why).into(), out, |out| ask(conv, out));
}

/// The line `why`, then `question` (the question, its buttons, or a question put in front),
/// as `how` says.
pub(super) fn reask_with(how: Reask, why: Msg, out: &mut Output, question: impl FnOnce(&mut Output)) {
    match how {
        Reask::Explain => {
            out.messages.push(why);
            question(out);
        }
        Reask::QuestionOnly => question(out),
        Reask::Later => {}
    }
}
