use super::*;

fn chat(c: char, n: u8) -> ChatId {
    ChatId::parse(&format!("{c}{:032x}", n)).unwrap()
}

fn settings() -> AlertSettings {
    AlertSettings { coordinators: vec![chat('C', 1)], centre: vec![chat('C', 2), chat('C', 1)], ..Default::default() }
}

#[test]
fn a_shelter_alert_is_re_sent_after_ack_minutes_and_escalated_after_escalate_minutes() {
    let s = settings();
    let sent = 1_000_000;
    assert_eq!(next_due(&s, Level::Urgent, Stage::First, sent), Some(sent + 15 * 60_000));
    assert_eq!(next_due(&s, Level::Urgent, Stage::Reminder, sent), Some(sent + 30 * 60_000));
    assert_eq!(next_due(&s, Level::Urgent, Stage::Escalated, sent), None);
}

#[test]
fn an_emergency_alert_uses_the_shorter_emergency_times() {
    let s = AlertSettings { emergency_ack_minutes: 3, emergency_escalate_minutes: 7, ..settings() };
    assert_eq!(next_due(&s, Level::Emergency, Stage::First, 0), Some(3 * 60_000));
    assert_eq!(next_due(&s, Level::Emergency, Stage::Reminder, 0), Some(7 * 60_000));
}

#[test]
fn the_coordinators_hear_of_a_shelter_case_only_with_the_residents_consent() {
    let s = settings();
    assert_eq!(first_targets(&s, Level::Urgent, true), vec![chat('C', 1)]);
    assert!(first_targets(&s, Level::Urgent, false).is_empty());
}

#[test]
fn the_centre_hears_of_every_emergency_and_a_group_in_both_lists_hears_once() {
    let s = settings();
    assert_eq!(first_targets(&s, Level::Emergency, false), vec![chat('C', 1), chat('C', 2)]);
    assert_eq!(first_targets(&s, Level::Emergency, true), vec![chat('C', 1), chat('C', 2)]);
}

#[test]
fn a_reminder_says_it_is_one_and_no_alert_carries_the_residents_words() {
    let t = StaffText::load().unwrap();
    let details = CaseDetails {
        queue: "shelter".into(),
        priority: "urgent".into(),
        tonight: Some("car".into()),
        lang: Some("vi".into()),
        display_name: Some("Nguyen Van A".into()),
        phone: Some("090-1234-5678".into()),
        description: Some("tôi ngủ trong xe".into()),
        ..Default::default()
    };
    let text_of = |stage| {
        let s = Summary {
            number: "261205-0001",
            details: &details,
            level: Level::Urgent,
            stage,
            dashboard_url: "https://x",
        };
        serde_json::to_string(&messages(&t, &s).unwrap()).unwrap()
    };
    let first = text_of(Stage::First);
    let reminder = text_of(Stage::Reminder);
    assert!(first.contains("261205-0001") && first.contains("https://x/staff/cases/261205-0001"), "{first}");
    assert!(first.contains("【至急】") && !first.contains("再通知"), "{first}");
    assert!(reminder.contains("【再通知"), "{reminder}");
    assert!(text_of(Stage::Escalated).contains("当番"));
    for text in [first, reminder] {
        assert!(!text.contains("Nguyen") && !text.contains("090") && !text.contains("xe"), "{text}");
    }
}

#[test]
fn the_alert_is_a_flex_bubble_whose_buttons_acknowledge_and_open_the_case() {
    let t = StaffText::load().unwrap();
    let details = CaseDetails { queue: "shelter".into(), priority: "urgent".into(), ..Default::default() };
    let s = Summary {
        number: "261205-0001",
        details: &details,
        level: Level::Urgent,
        stage: Stage::Reminder,
        dashboard_url: "https://fd.example",
    };
    let m = serde_json::to_value(messages(&t, &s).unwrap()).unwrap();
    assert_eq!(m[0]["type"], "flex");
    let alt = m[0]["altText"].as_str().unwrap();
    assert!(alt.starts_with("【再通知・未対応】【至急】") && alt.contains("受付番号：261205-0001"), "{alt}");
    assert!(alt.ends_with("https://fd.example/staff/cases/261205-0001"), "{alt}");
    assert!(m[0]["contents"]["header"]["contents"][0]["text"].as_str().unwrap().starts_with("【再通知・未対応】"));
    let buttons = &m[0]["contents"]["footer"]["contents"];
    assert_eq!(
        buttons[0]["action"],
        serde_json::json!({"type": "message", "label": "対応します", "text": "対応します 261205-0001"})
    );
    assert_eq!(buttons[1]["action"]["uri"], "https://fd.example/staff/cases/261205-0001");
    // The tap's text reads back as the case it names.
    let tapped = buttons[0]["action"]["text"].as_str().unwrap();
    assert_eq!(parse_ack("対応します", tapped).unwrap().as_str(), "261205-0001");
    // A dashboard address LINE would not open costs the link button only.
    let bad = Summary { dashboard_url: "frontdesk.local", ..s };
    let m = serde_json::to_value(messages(&t, &bad).unwrap()).unwrap();
    assert_eq!(m[0]["contents"]["footer"]["contents"].as_array().unwrap().len(), 1);
}

#[test]
fn an_acknowledgement_is_read_with_any_space_and_full_width_digits_and_nothing_else_is() {
    let n = |text| parse_ack("対応します", text).map(|n| n.to_string());
    let want = Some("261205-0001".to_owned());
    assert_eq!(n("対応します 261205-0001"), want);
    assert_eq!(n("対応します\u{3000}261205-0001"), want);
    assert_eq!(n("対応します261205-0001"), want);
    assert_eq!(n(" 対応します ２６１２０５－０００１ "), want);
    for other in ["対応します", "対応します 明日", "対応しますか 261205-0001", "了解 261205-0001", "261205-0001"]
    {
        assert_eq!(n(other), None, "{other}");
    }
}
