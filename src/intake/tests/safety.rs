//! Consent and safety: declining consent, danger now, crisis words at any step, and a
//! resident whose case is already open.

use super::*;

#[test]
fn declining_consent_gives_the_centre_and_ends_kindly() {
    let mut chat = Chat::new(Some(Lang::JA));
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
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Safety);
    chat.tap("safety:yes");
    assert!(chat.said("emergency-numbers") && chat.said("q-tonight"));
    assert!(chat.all_text().contains("110") && chat.all_text().contains("119"));
    assert!(chat.conv.answers.emergency);
}

#[test]
fn crisis_words_at_any_step_open_a_crisis_case_and_the_intake_continues() {
    let mut chat = Chat::new(Some(Lang::JA));
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
    let mut rest = Chat { conv: chat.conv.clone(), ..Chat::new(Some(Lang::JA)) };
    rest.conv.step = Step::Summary;
    rest.last.choices = vec![Choice { label: Label::Id("opt-send"), data: "summary:send".into() }];
    rest.tap("summary:send");
    assert_eq!(rest.conv.case_number, number);
    assert!(rest.said("sent-emergency-again"));
}

#[test]
fn a_resident_with_an_open_case_is_told_so_and_no_new_intake_starts() {
    let mut chat = Chat::new(Some(Lang::JA));
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
