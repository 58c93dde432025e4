//! Answering the questions: with buttons, typed in any language and script, inputs a step
//! cannot use, the description, phone numbers, and words that are neither yes nor no.

use super::*;

#[test]
fn a_japanese_resident_completes_the_intake_with_buttons() {
    let mut chat = Chat::new(Some(Lang::JA));
    chat.text("こんにちは");
    assert!(chat.said("welcome") && chat.said("q-consent-record"));
    assert!(chat.last.choices.iter().any(|c| c.data == "lang:ja-simple"), "plain Japanese is offered first");
    chat.conv = Conversation::default();
    complete_with_buttons(&mut chat);
    assert!(chat.all_text().contains("090"), "the summary shows the phone number");
    chat.tap("summary:send");
    // Friday 17:00, a quarter of an hour before closing: too late to promise "today".
    assert!(chat.said("sent-later-urgent"), "sleeping in a car, late on a Friday");
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
    let mut chat = Chat::new(Some(Lang::PT_BR));
    chat.text("oi");
    assert_eq!(chat.conv.lang, Some(Lang::PT_BR));
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

    let mut vi = Chat::new(Some(Lang::VI));
    vi.text("xin chào");
    vi.text("co");
    assert_eq!(vi.conv.answers.consent_record, Some(true));
    vi.text("khong");
    assert_eq!(vi.conv.answers.consent_share, Some(false));
}

#[test]
fn an_input_a_step_cannot_use_gets_an_explanation_and_the_question_again() {
    let mut chat = Chat::new(Some(Lang::JA));
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
    let mut chat = Chat::new(Some(Lang::JA));
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

#[test]
fn a_bad_phone_number_is_reasked_with_an_example() {
    let mut chat = Chat::new(Some(Lang::JA));
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
fn uncertain_or_look_alike_words_are_not_taken_for_yes_or_no() {
    for (lang, words) in
        [(Lang::PT_BR, "não sei"), (Lang::PT_BR, "discordo"), (Lang::JA, "わからない"), (Lang::VI, "không biết")]
    {
        let mut chat = Chat::new(Some(lang));
        chat.text("olá");
        chat.text(words);
        assert_eq!(chat.conv.answers.consent_record, None, "{words}");
        assert!(chat.said("reask-choose"), "{words}");
    }
    let mut chat = Chat::new(Some(Lang::JA));
    complete_until(&mut chat, Step::Tonight);
    chat.text("今日は車で寝ます");
    assert_eq!(chat.conv.answers.tonight, Some(Tonight::Car), "a word inside a sentence picks the one option it names");
}
