//! The access and transition rules.

use super::*;

fn actor(role: Role, queues: &[Queue]) -> Actor {
    Actor { id: "s1".into(), name: "tanaka".into(), role, assigned: queues.to_vec(), partners: Partners::default() }
}

/// A city whose interpreters are the centre's own staff.
const OWN_INTERPRETERS: Partners = Partners { housing: true, shelter: true, interpreter: false };

fn case(queue: Queue, flags: &[Queue], partner_visible: bool) -> Access {
    Access { queue, flags: flags.to_vec(), partner_visible }
}

#[test]
fn each_role_sees_only_its_queues_and_partners_never_see_cases_without_consent() {
    use Queue::*;
    let centre = actor(Role::Staff, &[Consultation]);
    let housing = actor(Role::Staff, &[Housing]);
    let interpreter = actor(Role::Staff, &[Interpreter]);
    let coordinator = actor(Role::Coordinator, &[]);
    let admin = actor(Role::Admin, &[]);
    // (case, centre, housing, interpreter, coordinator, admin)
    let table = [
        (case(Consultation, &[], true), [true, false, false, false, true]),
        // The multicultural centre is a partner by default: no consent, no interpreter.
        (case(Consultation, &[Interpreter], false), [true, false, false, false, true]),
        (case(Consultation, &[Interpreter], true), [true, false, true, false, true]),
        (case(Housing, &[], true), [false, true, false, false, true]),
        (case(Shelter, &[Interpreter], true), [false, false, true, true, true]),
        (case(Shelter, &[Housing], true), [false, true, false, true, true]),
        // Defence in depth: even a partner queue's case without consent stays hidden.
        (case(Housing, &[], false), [false, false, false, false, true]),
        (case(Shelter, &[], false), [false, false, false, false, true]),
    ];
    for (c, expected) in table {
        let got = [&centre, &housing, &interpreter, &coordinator, &admin].map(|a| a.sees(&c));
        assert_eq!(got, expected, "{c:?}");
    }
    assert!(coordinator.is_partner() && housing.is_partner() && interpreter.is_partner());
    assert!(!centre.is_partner() && !admin.is_partner());
    // Staff with a centre queue and a partner queue are centre staff.
    assert!(!actor(Role::Staff, &[Consultation, Housing]).is_partner());
    // Where the city says its interpreters are its own, they see cases without consent.
    let own = Actor { partners: OWN_INTERPRETERS, ..interpreter };
    assert!(!own.is_partner());
    assert!(own.sees(&case(Consultation, &[Interpreter], false)));
    assert_eq!(coordinator.queues(), vec![Shelter]);
    assert_eq!(admin.queues().len(), 4);
}

#[test]
fn statuses_move_forward_closing_needs_an_outcome_and_closed_is_final() {
    use Status::*;
    assert!(check_transition(New, InProgress, None).is_ok());
    assert!(check_transition(InProgress, Waiting, None).is_ok());
    assert!(check_transition(Waiting, InProgress, None).is_ok());
    assert!(check_transition(Resolved, InProgress, None).is_ok());
    assert!(check_transition(Resolved, Closed, Some(Outcome::Supported)).is_ok());
    assert!(check_transition(New, Closed, Some(Outcome::Duplicate)).is_ok());
    assert!(check_transition(InProgress, Closed, None).is_err());
    assert!(check_transition(InProgress, Closed, Some(Outcome::Erased)).is_err());
    assert!(check_transition(InProgress, Waiting, Some(Outcome::Referred)).is_err());
    assert!(check_transition(InProgress, New, None).is_err());
    assert!(check_transition(Waiting, Waiting, None).is_err());
    for &to in Status::ALL {
        assert!(check_transition(Closed, to, Some(Outcome::Supported)).is_err());
    }
}

#[test]
fn a_case_without_consent_cannot_be_transferred_to_a_partner() {
    let no_consent = case(Queue::Consultation, &[], false);
    let partners = Partners::default();
    assert!(check_transfer(&no_consent, Queue::Housing, partners).is_err());
    assert!(check_transfer(&no_consent, Queue::Shelter, partners).is_err());
    assert!(check_transfer(&no_consent, Queue::Interpreter, partners).is_err());
    assert!(check_transfer(&no_consent, Queue::Interpreter, OWN_INTERPRETERS).is_ok());
    assert!(check_transfer(&no_consent, Queue::Consultation, partners).is_err());
    assert!(check_transfer(&case(Queue::Consultation, &[], true), Queue::Housing, partners).is_ok());
}

#[test]
fn codes_round_trip() {
    for &s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
    for o in Outcome::CHOOSABLE {
        assert_eq!(Outcome::from_code(o.code()), Some(o));
    }
    for &r in Role::ALL {
        assert_eq!(Role::from_code(r.code()), Some(r));
    }
    assert_eq!(Role::from_code("root"), None);
}
