//! Routing over many combinations of answers, and the consent rule.

use super::*;
use crate::intake::answers::{Tonight as T, Topic as P};

const NOW: i64 = 1_800_000_000_000;
const H: i64 = 3_600_000;
/// An office open day and night: office hours are calendar hours.
const ALWAYS: OfficeHours = OfficeHours {
    week: [Some(crate::hours::Window { open: 0, close: 24 * 60 }); 7],
    closed: std::collections::BTreeSet::new(),
    closed_every_year: std::collections::BTreeSet::new(),
};

fn facts(tonight: Option<T>, topics: &[P], lang: Lang, interpreter: bool, danger: bool, share: bool) -> CaseFacts {
    CaseFacts {
        lang: Some(lang),
        tonight,
        topics: topics.to_vec(),
        interpreter: Some(interpreter),
        emergency: danger,
        crisis: false,
        concern: false,
        consent_share: Some(share),
    }
}

#[test]
fn the_built_in_rules_route_each_combination_as_described() {
    use Priority::*;
    use Queue::*;
    let ja = Lang::JA;
    let pt = Lang::PT_BR;
    #[rustfmt::skip]
    let table: Vec<(CaseFacts, Queue, Vec<Queue>, Priority, bool)> = vec![
        // tonight, topics, lang, interpreter, danger, share  ->  queue, flags, priority, alert
        (facts(Some(T::HomeSafe), &[P::Money], ja, false, false, true), Consultation, vec![], Normal, false),
        (facts(Some(T::HomeSafe), &[P::Work, P::Health], ja, false, false, true), Consultation, vec![], Normal, false),
        (facts(Some(T::Car), &[P::Money], ja, false, false, true), Shelter, vec![], Urgent, true),
        (facts(Some(T::NetCafe), &[], ja, false, false, true), Shelter, vec![], Urgent, true),
        (facts(Some(T::Friend), &[P::Family], ja, false, false, true), Shelter, vec![], Urgent, true),
        (facts(Some(T::Outside), &[P::Housing], ja, false, false, true), Shelter, vec![], Urgent, true),
        (facts(Some(T::HomeSafe), &[P::Shelter], ja, false, false, true), Shelter, vec![], Urgent, true),
        (facts(Some(T::HomeAtRisk), &[P::Money], ja, false, false, true), Housing, vec![], Normal, false),
        (facts(Some(T::HomeSafe), &[P::Housing], ja, false, false, true), Housing, vec![], Normal, false),
        (facts(Some(T::Facility), &[P::Documents], ja, false, false, true), Consultation, vec![], Normal, false),
        (facts(Some(T::Other), &[P::Other], ja, false, false, true), Consultation, vec![], Normal, false),
        (facts(None, &[], ja, false, false, true), Consultation, vec![], Normal, false),
        // Another language, or an interpreter asked for: also the multicultural centre.
        (facts(Some(T::HomeSafe), &[P::Money], pt, false, false, true), Consultation, vec![Interpreter], Normal, false),
        (facts(Some(T::Car), &[], Lang::VI, false, false, true), Shelter, vec![Interpreter], Urgent, true),
        (facts(Some(T::HomeSafe), &[P::Work], ja, true, false, true), Consultation, vec![Interpreter], Normal, false),
        (facts(Some(T::HomeSafe), &[], Lang::JA_SIMPLE, false, false, true), Consultation, vec![Interpreter], Normal, false),
        // Danger now: emergency in whatever queue.
        (facts(Some(T::HomeSafe), &[P::Family], ja, false, true, true), Consultation, vec![], Emergency, true),
        (facts(Some(T::Car), &[], pt, true, true, true), Shelter, vec![Interpreter], Emergency, true),
        (facts(Some(T::HomeAtRisk), &[], ja, false, true, true), Housing, vec![], Emergency, true),
        // No consent to share: the centre's own queues only, nothing to partner coordinators.
        (facts(Some(T::Car), &[P::Shelter], ja, false, false, false), Consultation, vec![], Urgent, false),
        // The multicultural centre is a partner too (by default): no interpreter flag.
        (facts(Some(T::HomeAtRisk), &[P::Housing], pt, false, false, false), Consultation, vec![], Normal, false),
        (facts(Some(T::Outside), &[], ja, false, true, false), Consultation, vec![], Emergency, false),
    ];
    let rules = Rules::default();
    for (i, (f, queue, flags, priority, alert)) in table.into_iter().enumerate() {
        let r = route(&f, &rules, &ALWAYS, NOW);
        assert_eq!(
            (r.queue, r.flags.clone(), r.priority, r.alert_coordinators),
            (queue, flags, priority, alert),
            "row {i}: {f:?}"
        );
        assert_eq!(r.partner_visible, f.consent_share == Some(true), "row {i}");
    }
}

#[test]
fn a_crisis_is_an_emergency_and_sla_deadlines_follow_the_priority() {
    let rules = Rules::default();
    let mut f = facts(Some(T::HomeSafe), &[P::Loneliness], Lang::JA, false, false, true);
    assert_eq!(route(&f, &rules, &ALWAYS, NOW).sla_deadline, NOW + 16 * H);
    f.crisis = true;
    let r = route(&f, &rules, &ALWAYS, NOW);
    assert_eq!(r.priority, Priority::Emergency);
    assert_eq!(r.sla_deadline, NOW + H);
    let car = facts(Some(T::Car), &[], Lang::JA, false, false, true);
    assert_eq!(route(&car, &rules, &ALWAYS, NOW).sla_deadline, NOW + 4 * H);
}

#[test]
fn concern_raises_a_normal_case_to_urgent_and_danger_still_wins() {
    let rules = Rules::default();
    let mut f = facts(Some(T::HomeSafe), &[P::Loneliness], Lang::JA, false, false, true);
    f.concern = true;
    let r = route(&f, &rules, &ALWAYS, NOW);
    assert_eq!(r.priority, Priority::Urgent);
    assert_eq!(r.sla_deadline, NOW + i64::from(rules.sla.urgent_hours) * H);
    assert!(!r.alert_coordinators, "concern alone alerts no one: staff call first");
    f.emergency = true;
    assert_eq!(route(&f, &rules, &ALWAYS, NOW).priority, Priority::Emergency, "'not safe' makes it an emergency");
}

#[test]
fn without_any_consent_answer_nothing_is_shared() {
    let f = CaseFacts { tonight: Some(T::Outside), consent_share: None, ..CaseFacts::default() };
    let r = route(&f, &Rules::default(), &ALWAYS, NOW);
    assert!(!r.partner_visible);
    assert_eq!(r.queue, Queue::Consultation);
    assert!(!r.alert_coordinators);
}

#[test]
fn a_rules_file_replaces_the_built_in_rules_and_an_empty_condition_is_refused() {
    let rules: Rules = toml::from_str(
        r#"
        [[rules]]
        when = { topics = ["work"] }
        queue = "housing"
        priority = "urgent"

        [sla]
        normal_hours = 24
        "#,
    )
    .unwrap();
    rules.validate().unwrap();
    let f = facts(Some(T::HomeSafe), &[P::Work], Lang::JA, false, false, true);
    let r = route(&f, &rules, &ALWAYS, NOW);
    assert_eq!((r.queue, r.priority), (Queue::Housing, Priority::Urgent));
    let other = facts(Some(T::HomeSafe), &[P::Money], Lang::JA, false, false, true);
    assert_eq!(route(&other, &rules, &ALWAYS, NOW).sla_deadline, NOW + 24 * H);

    let empty: Rules = toml::from_str("[[rules]]\nwhen = {}\nqueue = \"shelter\"\n").unwrap();
    assert!(empty.validate().unwrap_err().contains("rules[0]"));
    let bad = toml::from_str::<Rules>("[[rules]]\nwhen = { tonight = [\"boat\"] }\nqueue = \"shelter\"\n");
    assert!(bad.unwrap_err().to_string().contains("boat"));
}

#[test]
fn whether_the_interpreters_are_a_partner_is_the_citys_setting_per_queue() {
    let pt = facts(Some(T::HomeSafe), &[P::Money], Lang::PT_BR, false, false, false);
    // By default the multicultural centre is a separate organisation: without consent to
    // share, the case is not flagged for it.
    assert_eq!(route(&pt, &Rules::default(), &ALWAYS, NOW).flags, vec![]);
    let own: Rules = toml::from_str("[partners]\ninterpreter = false\n").unwrap();
    assert_eq!(own.partners, Partners { housing: true, shelter: true, interpreter: false });
    assert_eq!(route(&pt, &own, &ALWAYS, NOW).flags, vec![Queue::Interpreter]);
    // A city whose housing support is its own keeps those cases there too.
    let car = facts(Some(T::HomeAtRisk), &[], Lang::JA, false, false, false);
    let housing_own: Rules = toml::from_str("[partners]\nhousing = false\n").unwrap();
    assert_eq!(route(&car, &housing_own, &ALWAYS, NOW).queue, Queue::Housing);
    assert_eq!(route(&car, &Rules::default(), &ALWAYS, NOW).queue, Queue::Consultation);
    // The consultation centre is the city's own: not a setting.
    assert!(toml::from_str::<Rules>("[partners]\nconsultation = true\n").is_err());
}

#[test]
fn the_deadline_counts_office_hours_so_a_saturday_case_is_due_on_monday() {
    let at = |d: u32, hh: i64, mm: i64| {
        crate::jst::day_start(crate::jst::day_of(2026, 12, d).unwrap()) + (hh * 60 + mm) * 60_000
    };
    let city = OfficeHours::default();
    let rules = Rules::default();
    let car = facts(Some(T::Car), &[], Lang::JA, false, false, true);
    // Saturday 14:53: four office hours from Monday's 8:30 opening.
    assert_eq!(route(&car, &rules, &city, at(5, 14, 53)).sla_deadline, at(7, 12, 30));
    // Thursday 16:15: one hour today, three on Friday.
    assert_eq!(route(&car, &rules, &city, at(3, 16, 15)).sla_deadline, at(4, 11, 30));
    let mut danger = car.clone();
    danger.emergency = true;
    assert_eq!(route(&danger, &rules, &city, at(4, 23, 0)).sla_deadline, at(7, 9, 30), "Friday night");
    // A normal case sent Monday 10:00 is due within the two business days its resident hears.
    let money = facts(Some(T::HomeSafe), &[P::Money], Lang::JA, false, false, true);
    let due = route(&money, &rules, &city, at(7, 10, 0)).sla_deadline;
    assert_eq!(due, at(8, 17, 15));
    assert!(due <= city.business_days_after(at(7, 10, 0), 2).unwrap());
}
