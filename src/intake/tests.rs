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

/// Whether the built-in routing rules make a case urgent, and its first response time, as
/// the service asks its own rules.
fn default_routing_first_response(lang: Option<Lang>, a: &Answers) -> Option<u32> {
    use crate::routing::{priority, CaseFacts, Priority, Rules};
    static RULES: OnceLock<Rules> = OnceLock::new();
    let rules = RULES.get_or_init(Rules::default);
    let p = priority(&CaseFacts::of(lang, a), rules);
    matches!(p, Priority::Emergency | Priority::Urgent).then(|| rules.sla.hours(p))
}

mod ambiguous;
mod answering;
mod concern;
mod hours;
mod languages;
mod navigation;
mod property;
mod richmenu;
mod safety;
mod staff;
mod status;

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
    /// The city's default office hours; `now` starts inside them (Friday 17:00 in Japan).
    hours: crate::hours::OfficeHours,
    /// The resident's most recent case as the store has it, for a step that reads it.
    stored_case: Option<CaseStatus>,
    /// The deployment's settings: the languages offered (`[[languages]]`) and what the
    /// renderer fills in.
    settings: Settings,
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
            hours: crate::hours::OfficeHours::default(),
            stored_case: None,
            settings: Settings::default(),
        }
    }

    fn send(&mut self, input: Input) -> &Output {
        self.now += 1000;
        let number = format!("261123-{:04}", self.cases);
        let crisis = self.detector;
        let languages = self.settings.languages.offered();
        let mut ctx = Ctx {
            now: self.now,
            hours: &self.hours,
            profile_lang: self.profile,
            languages: &languages,
            idle_ms: 24 * HOUR,
            new_case_number: &number,
            vocab: locales(),
            crisis: &crisis,
            first_response: &default_routing_first_response,
            staff_hold: self.staff.as_ref().map(|(n, told)| StaffHold { case_number: n, notified: *told }),
            closed_case: self.closed_case.as_deref(),
            case_status: CaseLookup::NotRead,
        };
        let before = std::mem::take(&mut self.conv);
        let (mut conv, mut out) = step(before.clone(), input.clone(), &ctx);
        if out.effects.contains(&Effect::ReadStatus) {
            // As the service does: the step again, with the case read.
            ctx.case_status = CaseLookup::Read(self.stored_case.as_ref());
            (conv, out) = step(before, input, &ctx);
        }
        if out.effects.iter().any(|e| matches!(e, Effect::SaveCase(Some(_))))
            && conv.case_number.as_deref() == Some(&number)
        {
            self.cases += 1;
        }
        self.conv = conv;
        let renderer = Renderer { locales: locales(), settings: &self.settings };
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
        self.rendered.iter().map(|m| m.plain_text().to_owned()).collect::<Vec<_>>().join("\n")
    }
}

fn check_limits(messages: &[Message], out: &Output) {
    assert!(messages.len() <= MAX_MESSAGES_PER_REQUEST);
    if !out.messages.is_empty() {
        assert!(!messages.is_empty(), "never silence");
    }
    for m in messages {
        let Message::Text { text, quick_reply, .. } = m else { panic!("residents get text messages: {m:?}") };
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
