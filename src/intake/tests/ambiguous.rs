//! Words whose meaning depends on the question ("大丈夫", "không sao", "tudo bem", "ok"),
//! commands typed with or without spaces, and the first words to a resident whose language
//! is not known.

use super::*;
use crate::intake::{
    questions::{options, yes_no},
    reading::{needs_clear_answer, FINE_WORDS, UNCLEAR_WORDS},
};

/// The questions where such a word could be taken for a yes or a no.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Question {
    ConsentRecord,
    ConsentShare,
    Safety,
    Interpreter,
    Summary,
    ConfirmErase,
    ConfirmRestart,
}

const QUESTIONS: [Question; 7] = [
    Question::ConsentRecord,
    Question::ConsentShare,
    Question::Safety,
    Question::Interpreter,
    Question::Summary,
    Question::ConfirmErase,
    Question::ConfirmRestart,
];

/// What the typed word did.
#[derive(Debug, PartialEq)]
enum Then {
    No,
    AskedAgain,
}

/// "It's fine": no danger, no need; at consent, erasure and confirmation, asked again.
const FINE: [&str; 4] = ["tudo bem", "không sao", "大丈夫", "だいじょうぶ"];
/// Agreement that does not say to what: asked again everywhere.
const VAGUE: [&str; 4] = ["tá bom", "ok", "được", "いいよ"];

fn expected(word: &str, q: Question) -> Then {
    match q {
        Question::Safety | Question::Interpreter if FINE.contains(&word) => Then::No,
        _ => Then::AskedAgain,
    }
}

fn chat_at(lang: Lang, q: Question) -> Chat {
    let mut chat = Chat::new(Some(lang));
    match q {
        Question::ConsentRecord => {
            chat.text("hi");
        }
        Question::ConsentShare | Question::Safety | Question::ConfirmErase | Question::ConfirmRestart => {
            complete_until(&mut chat, if q == Question::Safety { Step::Safety } else { Step::ConsentShare });
        }
        Question::Interpreter => complete_until(&mut chat, Step::Interpreter),
        Question::Summary => {
            complete_until(&mut chat, Step::Window);
            chat.tap("window:any");
        }
    }
    match q {
        Question::ConfirmErase => {
            chat.text("apagar meus dados");
            assert_eq!(chat.conv.modal, Some(Modal::ConfirmErase));
        }
        Question::ConfirmRestart => {
            chat.text("最初から");
            assert_eq!(chat.conv.modal, Some(Modal::ConfirmRestart));
        }
        _ => {}
    }
    chat
}

fn what_happened(chat: &Chat, before: &Conversation, q: Question) -> Option<Then> {
    let a = &chat.conv.answers;
    let answered_no = match q {
        Question::ConsentRecord => a.consent_record == Some(false),
        Question::ConsentShare => a.consent_share == Some(false),
        Question::Safety => a.in_danger == Some(false),
        Question::Interpreter => a.interpreter == Some(false),
        Question::Summary => false,
        Question::ConfirmErase => chat.said("erase-not-requested"),
        Question::ConfirmRestart => false,
    };
    let unchanged = chat.conv.step == before.step && chat.conv.modal == before.modal && *a == before.answers;
    if answered_no {
        Some(Then::No)
    } else if unchanged && chat.said("reask-unclear") && chat.effects_none() {
        Some(Then::AskedAgain)
    } else {
        None
    }
}

impl Chat {
    fn effects_none(&self) -> bool {
        self.last.effects.is_empty()
    }
}

#[test]
fn it_is_fine_means_no_danger_but_never_consent_in_every_language() {
    let mut table = Vec::new();
    for lang in Lang::ALL {
        for q in QUESTIONS {
            for word in FINE.into_iter().chain(VAGUE) {
                let mut chat = chat_at(lang, q);
                let before = chat.conv.clone();
                chat.text(word);
                let got = what_happened(&chat, &before, q);
                let want = expected(word, q);
                if got.as_ref() != Some(&want) {
                    table.push(format!("{} {q:?} {word:?}: want {want:?}, got {got:?} {:?}", lang.tag(), chat.ids()));
                }
            }
        }
    }
    assert!(table.is_empty(), "{}", table.join("\n"));
}

#[test]
fn words_that_depend_on_the_question_are_on_no_option_where_they_are_read() {
    let vocab = locales();
    let special: Vec<&String> = vocab.words(FINE_WORDS).iter().chain(vocab.words(UNCLEAR_WORDS)).collect();
    assert!(special.len() >= 20, "the lists are loaded from every locale");
    let steps = [Step::ConsentRecord, Step::ConsentShare, Step::Safety, Step::Interpreter, Step::Summary];
    let mut opts: Vec<_> =
        steps.iter().inspect(|s| assert!(needs_clear_answer(**s))).flat_map(|s| options(*s)).collect();
    opts.extend(yes_no());
    let mut both = Vec::new();
    for o in opts {
        let id = o.words_id.expect("a yes/no or decision option has words");
        both.extend(special.iter().filter(|w| vocab.words(id).contains(w)).map(|w| format!("{w:?} on {id}")));
    }
    assert!(both.is_empty(), "words-fine/words-unclear words that are also option words: {both:?}");
}

#[test]
fn commands_are_understood_with_or_without_spaces() {
    for typed in
        ["データをけして", "データ を けして", "データを　けして", "記録をけして", "apagarmeusdados", "xóa dữ  liệu"]
    {
        let mut chat = Chat::new(Some(Lang::JA_SIMPLE));
        chat.text("こんにちは");
        chat.text(typed);
        assert_eq!(chat.conv.modal, Some(Modal::ConfirmErase), "{typed}");
    }
    for typed in ["最初 から", "lamlaitudau", "começar  de novo"] {
        let mut chat = Chat::new(Some(Lang::JA));
        complete_until(&mut chat, Step::Safety);
        chat.text(typed);
        assert_eq!(chat.conv.modal, Some(Modal::ConfirmRestart), "{typed}");
    }
    let mut chat = Chat::new(Some(Lang::JA_SIMPLE));
    complete_until(&mut chat, Step::Vulnerable);
    chat.text("だれもいない");
    assert_eq!(chat.conv.answers.vulnerable, Some(vec![]), "an option's words too");
}

/// The one message a resident of unknown language gets: each offered language's line once,
/// in the configured order.
fn in_every_language(id: &str) -> String {
    let offered = Settings::default().languages.offered();
    offered.iter().map(|l| locales().text(*l, id, None)).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_resident_of_unknown_language_is_greeted_once_in_each_language() {
    let mut chat = Chat::new(None);
    chat.text("hello");
    assert_eq!(chat.conv.step, Step::Language);
    assert_eq!(chat.rendered.len(), 1, "one message");
    assert_eq!(chat.all_text(), in_every_language("welcome-language"));
    assert_eq!(chat.last.choices.len(), Lang::ALL.len(), "a button per language");

    chat.text("hello again");
    assert_eq!(chat.rendered.len(), 1, "one message");
    assert_eq!(chat.all_text(), in_every_language("reask-language"));
    assert_eq!(chat.last.choices.len(), Lang::ALL.len());

    chat.tap("lang:vi");
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
    // Asked for later, the language question is said once in each language too.
    chat.text("ngôn ngữ");
    assert_eq!(chat.all_text(), in_every_language("q-language"));
}
