use std::net::IpAddr;

use super::*;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

const S: i64 = 1000;

#[test]
fn attempts_in_flight_count_before_their_password_is_checked() {
    let l = LoginLimiter::new(3, 15, 60);
    // Three guesses start together; none has finished, so none was recorded as a failure
    // by the old design. Here each counted as it began: the fourth must wait.
    let held: Vec<Attempt> = (0..3).map(|_| l.begin("tanaka", ip("203.0.113.5"), 0).unwrap()).collect();
    assert_eq!(l.begin("tanaka", ip("203.0.113.6"), 0).unwrap_err(), Wait(S));
    assert_eq!(held.len(), 3);
}

#[test]
fn the_delay_doubles_with_each_attempt_up_to_the_ceiling() {
    let l = LoginLimiter::new(3, 15, 60);
    let a = ip("203.0.113.5");
    let mut now = 0;
    for _ in 0..3 {
        l.begin("tanaka", a, now).unwrap();
    }
    let mut waits = Vec::new();
    for _ in 0..9 {
        let w = l.begin("Tanaka ", a, now).unwrap_err();
        waits.push(w.seconds());
        // One millisecond early is still too early; on time goes through.
        assert!(l.begin("tanaka", a, now + w.0 - 1).is_err());
        now += w.0;
        l.begin("tanaka", a, now).unwrap();
    }
    assert_eq!(waits, vec![1, 2, 4, 8, 16, 32, 60, 60, 60]);
}

#[test]
fn a_key_is_forgotten_a_window_after_its_last_attempt_not_after_a_map_reset() {
    let l = LoginLimiter::new(2, 15, 60);
    let a = ip("203.0.113.5");
    for t in [0, 0, S, 3 * S] {
        l.begin("tanaka", a, t).unwrap();
    }
    assert!(l.begin("tanaka", a, 3 * S).is_err());
    // Other names from other addresses come and go without touching this one.
    for i in 0..1000 {
        let _ = l.begin(&format!("n{i}"), ip(&format!("198.51.100.{}", i % 250)), 4 * S);
    }
    assert!(l.begin("tanaka", a, 4 * S).is_err(), "still waiting");
    let expired = 3 * S + 15 * 60 * S;
    assert!(l.begin("tanaka", a, expired).is_ok(), "a window after the last attempt the name starts afresh");
    assert!(l.begin("tanaka", a, expired).is_ok());
}

#[test]
fn an_address_may_try_four_times_as_often_as_a_name_across_names() {
    let l = LoginLimiter::new(2, 15, 60);
    let a = ip("203.0.113.5");
    for i in 0..8 {
        l.begin(&format!("name{i}"), a, 0).unwrap();
    }
    assert_eq!(l.begin("another", a, 0).unwrap_err(), Wait(S));
    assert!(l.begin("another", ip("203.0.113.9"), 0).is_ok(), "another address is not held back");
}

#[test]
fn a_successful_login_gives_its_attempt_back() {
    let l = LoginLimiter::new(2, 15, 60);
    let a = ip("203.0.113.5");
    l.begin("tanaka", a, 0).unwrap();
    let ok = l.begin("tanaka", a, 0).unwrap();
    l.succeeded(ok, 0);
    // The name's count is cleared: from another address the name has its free attempts.
    let elsewhere = ip("203.0.113.7");
    assert!(l.begin("tanaka", elsewhere, 0).is_ok());
    assert!(l.begin("tanaka", elsewhere, 0).is_ok());
    assert!(l.begin("tanaka", elsewhere, 0).is_err());
}

#[test]
fn an_attacker_cannot_delay_a_staff_member_on_an_address_they_signed_in_from() {
    let l = LoginLimiter::new(3, 15, 60);
    let office = ip("192.0.2.10");
    let first = l.begin("tanaka", office, 0).unwrap();
    l.succeeded(first, 0);
    // An attacker elsewhere runs the name up to the ceiling.
    let attacker = ip("203.0.113.66");
    let mut now = S;
    loop {
        match l.begin("tanaka", attacker, now) {
            Ok(_) => {}
            Err(w) if w == Wait(60 * S) => break,
            Err(w) => now += w.0,
        }
    }
    // The member, at the office, is let straight through, and counts on their own key.
    for _ in 0..3 {
        assert!(l.begin("TANAKA", office, now).is_ok());
    }
    assert!(l.begin("tanaka", office, now).is_err(), "their own typos still slow them");
    // Someone new to the name, from anywhere else, waits like the attacker.
    assert!(l.begin("tanaka", ip("192.0.2.99"), now).is_err());
    // An address is known for 30 days after the last sign-in.
    let later = 31 * 24 * 3_600 * S;
    assert!(l.begin("tanaka", office, later).is_ok());
    assert!(l.begin("tanaka", office, later).is_ok());
    assert!(l.begin("tanaka", office, later).is_ok());
    assert!(l.begin("tanaka", office, later).is_err(), "counted on the name again, which an attacker shares");
}

#[test]
fn a_full_table_drops_keys_that_delay_nobody_before_one_that_holds_a_guesser_back() {
    let mut l = LoginLimiter::new(2, 15, 60);
    l.max_keys = 100;
    let a = ip("203.0.113.5");
    for _ in 0..2 {
        l.begin("tanaka", a, 0).unwrap();
    }
    // A spray of one-off names from many addresses fills the table many times over.
    for i in 0..1000 {
        let _ = l.begin(&format!("spray{i}"), ip(&format!("198.51.{}.{}", i / 250, i % 250)), 0);
    }
    assert!(l.len() <= 100, "bounded: {}", l.len());
    assert_eq!(l.begin("tanaka", a, 0).unwrap_err(), Wait(S), "the guessed name still waits");
}
