//! The conversation's rules, step by step, with the real locales and crisis detector.

use std::sync::OnceLock;

use super::{
    answers::*,
    render::{Renderer, DEPLOYMENT_VARIABLES},
    *,
};
use crate::{
    config::Settings,
    crisis::CrisisDetector,
    i18n::{Lang, Locales},
    line::message::{Action, Message, MAX_MESSAGES_PER_REQUEST, MAX_TEXT_UTF16},
};

fn locales() -> &'static Locales {
    static L: OnceLock<Locales> = OnceLock::new();
    L.get_or_init(|| Locales::load().unwrap())
}

fn detector() -> &'static CrisisDetector {
    static D: OnceLock<CrisisDetector> = OnceLock::new();
    D.get_or_init(CrisisDetector::new)
}

mod ambiguous;
mod concern;
mod property;
mod staff;

const HOUR: i64 = 3_600_000;

/// A conversation driven by a test: every step is rendered, so a message that breaks
/// LINE's limits or a missing Fluent id fails the test at once.
struct Chat {
    conv: Conversation,
    now: i64,
    profile: Option<Lang>,
    last: Output,
    rendered: Vec<Message>,
    cases: u32,
    /// Staff hold this case (and whether the resident was told).
    staff: Option<(String, bool)>,
    closed_case: Option<String>,
    /// A stand-in for the crisis detector, where a test needs exact control.
    detector: fn(&str) -> Option<crate::crisis::CrisisKind>,
}

impl Chat {
    fn new(profile: Option<Lang>) -> Self {
        Chat {
            conv: Conversation::default(),
            now: 1_800_000_000_000,
            profile,
            last: Output::default(),
            rendered: vec![],
            cases: 0,
            staff: None,
            closed_case: None,
            detector: |t| detector().detect(t),
        }
    }

    fn send(&mut self, input: Input) -> &Output {
        self.now += 1000;
        let number = format!("261123-{:04}", self.cases);
        let crisis = self.detector;
        let ctx = Ctx {
            now: self.now,
            profile_lang: self.profile,
            idle_ms: 24 * HOUR,
            new_case_number: &number,
            vocab: locales(),
            crisis: &crisis,
            staff_hold: self.staff.as_ref().map(|(n, told)| StaffHold { case_number: n, notified: *told }),
            closed_case: self.closed_case.as_deref(),
        };
        let (conv, out) = step(std::mem::take(&mut self.conv), input, &ctx);
        if out.effects.iter().any(|e| matches!(e, Effect::SaveCase(Some(_))))
            && conv.case_number.as_deref() == Some(&number)
        {
            self.cases += 1;
        }
        self.conv = conv;
        let settings = Settings::default();
        let renderer = Renderer { locales: locales(), settings: &settings };
        self.rendered = renderer.render(self.conv.lang, &out).expect("renders within LINE's limits");
        check_limits(&self.rendered, &out);
        self.last = out;
        &self.last
    }

    fn text(&mut self, t: &str) -> &Output {
        self.send(Input::Text(t.to_owned()))
    }

    fn tap(&mut self, data: &str) -> &Output {
        // Only buttons actually offered can be tapped.
        assert!(
            self.last.choices.iter().any(|c| c.data == data),
            "{data} is not offered at {:?}: {:?}",
            self.conv.step,
            self.last.choices.iter().map(|c| &c.data).collect::<Vec<_>>()
        );
        self.send(Input::Postback(data.to_owned()))
    }

    fn ids(&self) -> Vec<&'static str> {
        self.last.messages.iter().flat_map(|m| m.parts.iter().map(|p| p.id)).collect()
    }

    fn said(&self, id: &str) -> bool {
        self.ids().contains(&id)
    }

    fn all_text(&self) -> String {
        self.rendered
            .iter()
            .map(|m| match m {
                Message::Text { text, .. } => text.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn check_limits(messages: &[Message], out: &Output) {
    assert!(messages.len() <= MAX_MESSAGES_PER_REQUEST);
    if !out.messages.is_empty() {
        assert!(!messages.is_empty(), "never silence");
    }
    for m in messages {
        let Message::Text { text, quick_reply } = m;
        assert!(text.encode_utf16().count() <= MAX_TEXT_UTF16);
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "no bidi isolation marks: {text:?}");
        if let Some(q) = quick_reply {
            assert!(q.items().len() <= 13);
            for i in q.items() {
                if let Action::Postback { label, .. } = i.action() {
                    assert!(label.chars().count() <= 20, "label {label}");
                }
            }
        }
    }
}

/// Answers every question with buttons, from the first message to the summary.
fn complete_with_buttons(chat: &mut Chat) {
    chat.text("こんにちは");
    chat.tap("consent_record:yes");
    chat.tap("consent_share:yes");
    chat.tap("safety:no");
    chat.tap("tonight:car");
    chat.tap("topics:housing");
    chat.tap("topics:money");
    chat.tap("topics:done");
    chat.tap("household:with_others");
    chat.tap("adults:2");
    chat.tap("children:1");
    chat.tap("vulnerable:pregnant");
    chat.tap("vulnerable:done");
    chat.tap("area:east");
    chat.text("家賃が3か月払えていません。車で寝ています。");
    chat.tap("description:next");
    chat.tap("contact:phone");
    chat.text("０９０－１２３４－５６７８");
    chat.tap("contact_time:evening");
    chat.tap("interpreter:no");
    chat.tap("window:council");
    assert_eq!(chat.conv.step, Step::Summary);
}

#[test]
fn a_japanese_resident_completes_the_intake_with_buttons() {
    let mut chat = Chat::new(Some(Lang::Ja));
    chat.text("こんにちは");
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
    assert!(chat.last.choices.iter().any(|c| c.data == "lang:ja-simple"), "plain Japanese is offered first");
    chat.conv = Conversation::default();
    complete_with_buttons(&mut chat);
    assert!(chat.all_text().contains("090"), "the summary shows the phone number");
    chat.tap("summary:send");
    assert!(chat.said("sent"));
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(Some(CaseReason::Submitted))]);
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    let a = &chat.conv.answers;
    assert_eq!(a.consent_record, Some(true));
    assert_eq!(a.consent_share, Some(true));
    assert_eq!(a.in_danger, Some(false));
    assert_eq!(a.tonight, Some(Tonight::Car));
    assert_eq!(a.topics, vec![Topic::Housing, Topic::Money]);
    assert_eq!((a.household, a.adults, a.children), (Some(Household::WithOthers), Some(2), Some(1)));
    assert_eq!(a.vulnerable, Some(vec![Vulnerable::Pregnant]));
    assert_eq!(a.area, Some(Area::East));
    assert_eq!(a.description, vec!["家賃が3か月払えていません。車で寝ています。".to_owned()]);
    assert_eq!(a.phone.as_deref(), Some("09012345678"));
    assert_eq!(a.contact_time, Some(ContactTime::Evening));
    assert_eq!(a.interpreter, Some(false));
    assert_eq!(a.window, Some(Window::Council));
    let number = chat.conv.case_number.clone().unwrap();
    assert!(chat.all_text().contains(&number), "the case number is given");
}

#[test]
fn typed_answers_are_understood_in_any_language_without_accents_or_width() {
    let mut chat = Chat::new(Some(Lang::PtBr));
    chat.text("oi");
    assert_eq!(chat.conv.lang, Some(Lang::PtBr));
    chat.text("SIM");
    assert_eq!(chat.conv.answers.consent_record, Some(true));
    chat.text("nao");
    assert_eq!(chat.conv.answers.consent_share, Some(false));
    chat.text("ｎａｏ");
    assert_eq!(chat.conv.answers.in_danger, Some(false));
    chat.text("carro");
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Car));
    // Another language's word for an option works too.
    chat.text("お金");
    assert_eq!(chat.conv.answers.topics, vec![Topic::Money]);
    // A number picks the n-th option; several numbers pick several.
    chat.text("1 4");
    assert_eq!(chat.conv.answers.topics, vec![Topic::Housing, Topic::Money, Topic::Work]);
    chat.text("pronto");
    assert_eq!(chat.conv.step, Step::Household, "{:?}", chat.ids());

    let mut vi = Chat::new(Some(Lang::Vi));
    vi.text("xin chào");
    vi.text("co");
    assert_eq!(vi.conv.answers.consent_record, Some(true));
    vi.text("khong");
    assert_eq!(vi.conv.answers.consent_share, Some(false));
}

#[test]
fn an_input_a_step_cannot_use_gets_an_explanation_and_the_question_again() {
    let mut chat = Chat::new(Some(Lang::Ja));
    chat.text("こんにちは");
    chat.tap("consent_record:yes");
    chat.tap("consent_share:yes");
    chat.tap("safety:no");
    let inputs = [
        Input::Sticker,
        Input::Text("🙂".into()),
        Input::Text("   ".into()),
        Input::Text("99".into()),
        Input::Text("あ".repeat(6000)),
        Input::Unsupported,
        Input::Postback("safety:yes".into()), // a button from an earlier question
    ];
    for input in inputs {
        chat.send(input.clone());
        assert_eq!(chat.conv.step, Step::Tonight, "{input:?}");
        assert!(chat.said("reask-choose") && chat.said("q-tonight"), "{input:?}: {:?}", chat.ids());
        assert!(!chat.last.choices.is_empty());
    }
    assert_eq!(chat.conv.answers.in_danger, Some(false), "earlier answers are kept");
}

#[test]
fn the_description_takes_any_text_whole_and_attachments_and_reasks_a_sticker() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Description);
    let long = "長い説明。".repeat(2000);
    chat.text(&long);
    assert!(chat.said("description-received"));
    chat.send(Input::Sticker);
    assert!(chat.said("reask-sticker"));
    chat.send(Input::Attachment(Attachment { message_id: "m1".into(), kind: AttachmentKind::Image, file_name: None }));
    assert!(chat.said("attachment-received"));
    chat.text("仕事が終わりました");
    assert_eq!(chat.conv.step, Step::Description, "free text is never read as a button");
    chat.tap("description:next");
    assert_eq!(chat.conv.step, Step::Contact);
    assert_eq!(chat.conv.answers.description, vec![long, "仕事が終わりました".to_owned()]);
    assert_eq!(chat.conv.answers.attachments.len(), 1);
}

fn complete_until(chat: &mut Chat, target: Step) {
    chat.text("こんにちは");
    let taps = [
        (Step::ConsentRecord, "consent_record:yes"),
        (Step::ConsentShare, "consent_share:yes"),
        (Step::Safety, "safety:no"),
        (Step::Tonight, "tonight:home_at_risk"),
        (Step::Topics, "topics:housing"),
        (Step::Topics, "topics:done"),
        (Step::Household, "household:alone"),
        (Step::Vulnerable, "vulnerable:none"),
        (Step::Area, "area:central"),
        (Step::Description, "description:skip"),
        (Step::Contact, "contact:line"),
        (Step::ContactTime, "contact_time:anytime"),
        (Step::Interpreter, "interpreter:yes"),
        (Step::Window, "window:any"),
    ];
    for (step, data) in taps {
        if chat.conv.step == target {
            return;
        }
        assert_eq!(chat.conv.step, step);
        chat.tap(data);
    }
    assert_eq!(chat.conv.step, target);
}

#[test]
fn a_bad_phone_number_is_reasked_with_an_example() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Contact);
    chat.tap("contact:phone");
    chat.text("1234");
    assert!(chat.said("reask-phone"));
    assert!(chat.all_text().contains("090-1234-5678"));
    chat.text("+81 80 1111 2222");
    assert_eq!(chat.conv.answers.phone.as_deref(), Some("08011112222"));
    assert_eq!(chat.conv.step, Step::ContactTime);
}

#[test]
fn back_returns_to_the_previous_question_keeping_answers() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:back");
    assert_eq!(chat.conv.step, Step::Tonight);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk));
    chat.text("もどる");
    assert_eq!(chat.conv.step, Step::Safety);
    chat.tap("safety:no");
    chat.tap("tonight:friend");
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Friend));
    assert_eq!(chat.conv.answers.consent_share, Some(true));
}

#[test]
fn changing_an_answer_from_the_summary_returns_to_the_summary() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_with_buttons(&mut chat);
    chat.tap("summary:change");
    chat.tap("change:tonight");
    chat.tap("tonight:outside");
    assert_eq!(chat.conv.step, Step::Summary);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Outside));
    // A group of questions is asked through before returning.
    chat.tap("summary:change");
    chat.tap("change:household");
    chat.tap("household:alone");
    assert_eq!(chat.conv.step, Step::Vulnerable);
    chat.tap("vulnerable:none");
    assert_eq!(chat.conv.step, Step::Summary);
    assert_eq!(chat.conv.answers.topics, vec![Topic::Housing, Topic::Money], "other answers untouched");
}

#[test]
fn restart_asks_first_and_then_starts_over() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Household);
    chat.text("最初から");
    assert!(chat.said("q-restart-confirm"));
    chat.tap("modal:no");
    assert_eq!(chat.conv.step, Step::Household);
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk));
    chat.text("やり直し");
    chat.text("はい");
    assert!(chat.said("restarted"));
    assert_eq!(chat.conv.step, Step::ConsentRecord);
    assert_eq!(chat.conv.answers.tonight, None);
}

#[test]
fn talk_to_a_person_opens_a_case_at_once_in_any_language() {
    for (lang, words) in
        [(Lang::Ja, "人と話したい"), (Lang::PtBr, "falar com uma pessoa"), (Lang::Vi, "nói chuyện với người")]
    {
        let mut chat = Chat::new(Some(lang));
        complete_until(&mut chat, Step::Topics);
        chat.text(words);
        assert_eq!(chat.last.effects, vec![Effect::SaveCase(Some(CaseReason::AskedForStaff))], "{lang:?}");
        assert!(chat.said("person-case-opened"));
        assert_eq!(chat.conv.phase, Phase::CaseOpen);
        assert!(chat.conv.answers.asked_for_staff);
        assert_eq!(chat.conv.answers.tonight, Some(Tonight::HomeAtRisk), "what is known goes with it");
    }
}

#[test]
fn switching_language_keeps_answers_and_repeats_the_question() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Tonight);
    chat.text("idioma");
    assert!(chat.said("q-language"));
    chat.tap("lang:vi");
    assert_eq!(chat.conv.lang, Some(Lang::Vi));
    assert!(chat.said("language-changed") && chat.said("q-tonight"));
    assert!(chat.all_text().contains("tối nay") || chat.all_text().contains("Tối nay"), "{}", chat.all_text());
    assert_eq!(chat.conv.answers.consent_record, Some(true));
    chat.text("ことば");
    chat.text("やさしい にほんご");
    assert_eq!(chat.conv.lang, Some(Lang::JaSimple));
}

#[test]
fn an_unknown_profile_language_asks_for_the_language_in_all_four() {
    let mut chat = Chat::new(None);
    chat.text("hello");
    assert_eq!(chat.conv.step, Step::Language);
    let text = chat.all_text();
    for l in Lang::ALL {
        assert!(text.contains(&locales().text(l, "welcome-language", None)), "{l:?}");
    }
    let labels: Vec<String> = chat
        .rendered
        .iter()
        .filter_map(|m| match m {
            Message::Text { quick_reply: Some(q), .. } => Some(
                q.items()
                    .iter()
                    .map(|i| match i.action() {
                        Action::Postback { label, .. } | Action::Message { label, .. } => label.clone(),
                    })
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(labels, vec!["日本語", "やさしい にほんご", "Português", "Tiếng Việt"]);
    chat.text("portugues");
    assert_eq!(chat.conv.lang, Some(Lang::PtBr));
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
}

#[test]
fn declining_consent_gives_the_centre_and_ends_kindly() {
    let mut chat = Chat::new(Some(Lang::Ja));
    chat.text("こんにちは");
    chat.tap("consent_record:no");
    assert!(chat.said("consent-declined"));
    assert_eq!(chat.conv.phase, Phase::Idle);
    assert_eq!(chat.conv.answers.consent_record, Some(false));
    assert!(chat.last.effects.is_empty(), "no case without consent");
    chat.text("やっぱり相談したい");
    assert!(chat.said("welcome"), "writing again starts over");
}

#[test]
fn danger_now_gives_the_emergency_numbers_and_continues() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Safety);
    chat.tap("safety:yes");
    assert!(chat.said("emergency-numbers") && chat.said("q-tonight"));
    assert!(chat.all_text().contains("110") && chat.all_text().contains("119"));
    assert!(chat.conv.answers.emergency);
}

#[test]
fn crisis_words_at_any_step_open_a_crisis_case_and_the_intake_continues() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Household);
    chat.text("もう死にたい");
    assert!(chat.said("crisis-message"));
    assert!(!chat.said("reask-choose"), "distress is not an answer we 'did not understand'");
    assert!(chat.said("q-household"), "the question comes again, after the safety message");
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(Some(CaseReason::Crisis))]);
    assert_eq!(chat.conv.answers.crisis, Some(crate::crisis::CrisisKind::Suicide));
    assert_eq!(chat.conv.phase, Phase::Intake);
    assert_eq!(chat.conv.step, Step::Household, "the question is asked again");
    let number = chat.conv.case_number.clone();
    chat.tap("household:alone");
    chat.tap("vulnerable:none");
    assert_eq!(chat.conv.step, Step::Area);
    // Look-alikes don't alarm.
    chat.text("死ぬほどおいしいラーメン");
    assert!(!chat.said("crisis-message"));
    // Submitting keeps the same case.
    let mut rest = Chat { conv: chat.conv.clone(), ..Chat::new(Some(Lang::Ja)) };
    rest.conv.step = Step::Summary;
    rest.last.choices = vec![Choice { label: Label::Id("opt-send"), data: "summary:send".into() }];
    rest.tap("summary:send");
    assert_eq!(rest.conv.case_number, number);
    assert!(rest.said("sent-emergency-again"));
}

#[test]
fn a_resident_with_an_open_case_is_told_so_and_no_new_intake_starts() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_with_buttons(&mut chat);
    chat.tap("summary:send");
    chat.text("追加で伝えたいことがあります");
    assert!(chat.said("case-open-notice"));
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    chat.send(Input::Attachment(Attachment {
        message_id: "m9".into(),
        kind: AttachmentKind::File,
        file_name: Some("a.pdf".into()),
    }));
    assert_eq!(chat.last.effects, vec![Effect::SaveCase(None)]);
    assert_eq!(chat.conv.answers.attachments.len(), 1);
}

#[test]
fn after_a_long_pause_the_resident_may_continue_or_start_over() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Area);
    chat.now += 25 * HOUR;
    chat.text("こんにちは");
    assert!(chat.said("q-resume"));
    chat.tap("modal:continue");
    assert_eq!(chat.conv.step, Step::Area);
    assert!(chat.said("q-area"));
    chat.now += 25 * HOUR;
    chat.text("hi");
    chat.tap("modal:restart");
    assert_eq!(chat.conv.step, Step::ConsentRecord);
}

#[test]
fn unfollow_silences_and_follow_greets_again() {
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Area);
    chat.send(Input::Unfollow);
    assert!(chat.last.messages.is_empty());
    assert!(chat.conv.blocked);
    chat.send(Input::Follow);
    assert!(!chat.conv.blocked);
    assert!(chat.said("welcome") && chat.said("q-resume"));
    chat.tap("modal:continue");
    assert_eq!(chat.conv.answers.area, None);
    assert_eq!(chat.conv.step, Step::Area);
}

#[test]
fn uncertain_or_look_alike_words_are_not_taken_for_yes_or_no() {
    for (lang, words) in
        [(Lang::PtBr, "não sei"), (Lang::PtBr, "discordo"), (Lang::Ja, "わからない"), (Lang::Vi, "không biết")]
    {
        let mut chat = Chat::new(Some(lang));
        chat.text("olá");
        chat.text(words);
        assert_eq!(chat.conv.answers.consent_record, None, "{words}");
        assert!(chat.said("reask-choose"), "{words}");
    }
    let mut chat = Chat::new(Some(Lang::Ja));
    complete_until(&mut chat, Step::Tonight);
    chat.text("今日は車で寝ます");
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Car), "a word inside a sentence picks the one option it names");
}
