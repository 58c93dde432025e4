//! What an input means at the current step: a button's data, or typed text matched
//! leniently against every language's words.

use super::{
    questions::{fine_answers, offered_options, opt, Command, Opt},
    Conversation, Ctx, Input, Label, Modal, Step,
};
use crate::{
    i18n::{lang_words_id, Lang},
    text,
};

impl Reading {
    /// A language, whether picked by its `lang:` button or typed at the language question.
    pub(super) fn as_lang(&self) -> Option<Lang> {
        match self {
            Reading::Lang(l) => Some(*l),
            Reading::Option(code) => Lang::from_tag(code),
            _ => None,
        }
    }
}

/// What an input means at the current step.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reading {
    /// The code of one of the step's options.
    Option(String),
    /// Several options at once ("1 3 5" at a multi-select).
    Options(Vec<String>),
    Command(Command),
    Lang(Lang),
    Number(u32),
    /// Words like "ok", "いいよ" or "大丈夫" where a yes or a no is needed and they could
    /// mean either: the question is asked again, with its buttons.
    Unclear,
    Nothing,
}

/// What the input means at the current step (or modal).
pub(super) fn read(conv: &Conversation, input: &Input, ctx: &Ctx) -> Reading {
    match input {
        // A button of a language no longer offered (an old message) is not an answer.
        Input::Postback(data) => match read_postback(conv, data) {
            Reading::Lang(l) if !ctx.languages.contains(&l) => Reading::Nothing,
            r => r,
        },
        Input::Text(t) => read_text(conv, t, ctx),
        _ => Reading::Nothing,
    }
}

pub(super) fn read_postback(conv: &Conversation, data: &str) -> Reading {
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

pub(super) fn read_text(conv: &Conversation, raw: &str, ctx: &Ctx) -> Reading {
    let norm = text::normalize(raw);
    if norm.is_empty() {
        return Reading::Nothing;
    }
    // Typed words are compared with spaces ignored: "データをけして" is "データを けして".
    let compact = norm.replace(' ', "");
    if let Some(reading) = read_fine_or_unclear(conv, &compact, ctx) {
        return reading;
    }
    let opts: Vec<Opt> = match conv.modal {
        Some(Modal::ConfirmRestart | Modal::ConfirmErase | Modal::SafeNow) => {
            vec![opt("yes", "opt-yes"), opt("no", "opt-no")]
        }
        Some(Modal::Resume) => vec![opt("continue", "opt-continue"), opt("restart", "opt-start-over")],
        Some(Modal::ChooseLanguage) => Vec::new(),
        None => offered_options(conv.step, ctx.languages),
    };
    // 1. The exact words of one option.
    let exact: Vec<&Opt> = opts.iter().filter(|o| matches_exactly(o, &compact, ctx)).collect();
    if let [o] = exact.as_slice() {
        return Reading::Option(o.code.clone());
    }
    // 2. A language, by its name in any language.
    if let Some(l) = ctx.languages.iter().find(|l| any_word_is(ctx.vocab.words(&lang_words_id(**l)), &compact)) {
        return Reading::Lang(*l);
    }
    // 3. A command word.
    if let Some(c) = Command::ALL.into_iter().find(|c| any_word_is(ctx.vocab.words(c.label()), &compact)) {
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
    let inside: Vec<&Opt> = opts.iter().filter(|o| contains_word(o, &norm, &compact, ctx)).collect();
    if let [o] = inside.as_slice() {
        return Reading::Option(o.code.clone());
    }
    Reading::Nothing
}

/// Whether the (space-free) text is exactly the option's label or one of its words.
pub(super) fn matches_exactly(o: &Opt, compact: &str, ctx: &Ctx) -> bool {
    match (&o.label, o.words_id) {
        (_, Some(id)) => any_word_is(ctx.vocab.words(id), compact),
        (Label::Literal(l), None) => same_ignoring_spaces(&text::normalize(l), compact),
        (Label::LangName(l), None) => any_word_is(ctx.vocab.words(&lang_words_id(*l)), compact),
        _ => false,
    }
}

/// At a question that needs a clear yes or no (or a decision), "it's fine" words mean what
/// the question makes them mean (`fine_answers`), and vague agreement means nothing yet.
fn read_fine_or_unclear(conv: &Conversation, compact: &str, ctx: &Ctx) -> Option<Reading> {
    let fine_means = match conv.modal {
        Some(Modal::ConfirmRestart | Modal::ConfirmErase) => None,
        // "大丈夫" to "are you safe right now?" is "yes, I am".
        Some(Modal::SafeNow) => Some(true),
        Some(Modal::Resume | Modal::ChooseLanguage) => return None,
        None if needs_clear_answer(conv.step) => fine_answers(conv.step),
        None => return None,
    };
    if any_word_is(ctx.vocab.words(FINE_WORDS), compact) {
        return Some(match fine_means {
            Some(yes) => Reading::Option(if yes { "yes" } else { "no" }.to_owned()),
            None => Reading::Unclear,
        });
    }
    any_word_is(ctx.vocab.words(UNCLEAR_WORDS), compact).then_some(Reading::Unclear)
}

/// The Fluent ids of "it's fine" words (大丈夫, không sao, tudo bem) and of agreement that
/// does not say to what (いいよ, được, tá bom, ok).
pub(super) const FINE_WORDS: &str = "words-fine";
pub(super) const UNCLEAR_WORDS: &str = "words-unclear";

/// Questions whose answer is a yes, a no or a decision that must not be guessed.
pub(super) fn needs_clear_answer(step: Step) -> bool {
    matches!(step, Step::ConsentRecord | Step::ConsentShare | Step::Safety | Step::Interpreter | Step::Summary)
}

fn any_word_is(words: &[String], compact: &str) -> bool {
    words.iter().any(|w| same_ignoring_spaces(w, compact))
}

fn same_ignoring_spaces(word: &str, compact: &str) -> bool {
    word.chars().filter(|c| *c != ' ').eq(compact.chars())
}

/// Whether one of the option's words is inside the text: as whole words for scripts
/// written with spaces (so "co" is not found in "discordo"), anywhere for Japanese.
pub(super) fn contains_word(o: &Opt, norm: &str, compact: &str, ctx: &Ctx) -> bool {
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
