use super::*;

const MIN: i64 = 60_000;
const SENT: i64 = 1_796_000_000_000;

fn chat(c: char, n: u8) -> ChatId {
    ChatId::parse(&format!("{c}{:032x}", n)).unwrap()
}

/// Coordinators C1, the centre C2, one on-call user always on call (U3).
fn settings() -> AlertSettings {
    let on_call: Vec<_> =
        toml::from_str::<AlertSettings>(&format!("[[on_call]]\nid = \"{}\"\n", chat('U', 3))).unwrap().on_call;
    AlertSettings { coordinators: vec![chat('C', 1)], centre: vec![chat('C', 2)], on_call, ..Default::default() }
}

const OPEN: Option<Case> = Some(Case { open: true, partner_visible: true });

fn urgent(stage: Stage) -> Alert {
    Alert { level: Level::Urgent, stage, sent_at: SENT }
}

fn at(minutes: i64, alert: Alert, case: Option<Case>) -> Step {
    step(&settings(), &OfficeHours::default(), alert, case, SENT + minutes * MIN)
}

#[test]
fn a_shelter_alert_is_re_sent_to_the_coordinators_then_escalated_to_on_call_and_the_centre() {
    assert_eq!(
        at(15, urgent(Stage::First), OPEN),
        Step::Send { stage: Stage::Reminder, targets: vec![chat('C', 1)], next_at: Some(SENT + 30 * MIN) }
    );
    assert_eq!(
        at(30, urgent(Stage::Reminder), OPEN),
        Step::Send { stage: Stage::Escalated, targets: vec![chat('C', 2), chat('U', 3)], next_at: None }
    );
}

#[test]
fn an_alert_found_long_overdue_is_sent_once_at_the_furthest_stage_due() {
    let step = at(24 * 60, urgent(Stage::First), OPEN);
    assert_eq!(step, Step::Send { stage: Stage::Escalated, targets: vec![chat('C', 2), chat('U', 3)], next_at: None });
    assert_eq!(
        at(20, urgent(Stage::First), OPEN),
        Step::Send { stage: Stage::Reminder, targets: vec![chat('C', 1)], next_at: Some(SENT + 30 * MIN) },
        "only the reminder is due: the escalation keeps its own time"
    );
}

#[test]
fn an_emergency_is_re_sent_to_the_centre_without_consent_after_five_minutes() {
    let alert = Alert { level: Level::Emergency, stage: Stage::First, sent_at: SENT };
    let no_consent = Some(Case { open: true, partner_visible: false });
    assert_eq!(
        at(5, alert, no_consent),
        Step::Send { stage: Stage::Reminder, targets: vec![chat('C', 2)], next_at: Some(SENT + 10 * MIN) }
    );
}

#[test]
fn a_closed_or_missing_case_stops_the_timer_and_nothing_is_sent() {
    assert_eq!(at(15, urgent(Stage::First), Some(Case { open: false, partner_visible: true })), Step::Stop);
    assert_eq!(at(15, urgent(Stage::First), None), Step::Stop);
}

#[test]
fn an_alert_not_due_under_the_present_settings_waits_for_its_time() {
    assert_eq!(at(10, urgent(Stage::First), OPEN), Step::Wait { next_at: Some(SENT + 15 * MIN) });
    assert_eq!(at(60, urgent(Stage::Escalated), OPEN), Step::Wait { next_at: None }, "nothing after the escalation");
}

#[test]
fn without_anyone_on_call_the_escalation_goes_to_the_centre_alone() {
    let s = AlertSettings { on_call: Vec::new(), ..settings() };
    assert_eq!(escalation_targets(&s, &OfficeHours::default(), SENT), vec![chat('C', 2)]);
    let nobody = AlertSettings { centre: Vec::new(), ..s };
    assert!(escalation_targets(&nobody, &OfficeHours::default(), SENT).is_empty());
}
