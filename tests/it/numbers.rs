//! Case numbers are unique by construction, and a case row never changes owner: on each
//! database, two residents' cases opened at once onto one drawn number stay separate.

use std::{sync::Arc, time::Duration};

use frontdesk::{
    clock::now_ms,
    store::{CaseDetails, CaseWrite, Effects, InboxOutcome, Store, TranscriptWrite},
};
use sqlx::{Connection, PgConnection, QueryBuilder, SqliteConnection};

use crate::helpers::*;

/// `YYMMDD` of `now` in Japan, as case numbers start.
fn day(now: i64) -> String {
    let (y, m, d) = frontdesk::jst::date(now);
    format!("{:02}{m:02}{d:02}", y % 100)
}

/// Reserves the day's four-digit numbers except `except`, straight in the database.
async fn fill_day(db: &TestDb, now: i64, except: &[u32]) {
    let numbers: Vec<String> =
        (0..10_000).filter(|n| !except.contains(n)).map(|n| format!("{}-{n:04}", day(now))).collect();
    for chunk in numbers.chunks(500) {
        if db.backend() == "sqlite" {
            let mut conn = SqliteConnection::connect(db.url()).await.unwrap();
            let mut q = QueryBuilder::<sqlx::Sqlite>::new("INSERT INTO case_numbers (number, reserved_at) ");
            q.push_values(chunk, |mut b, n| {
                b.push_bind(n.clone()).push_bind(now);
            });
            q.build().execute(&mut conn).await.unwrap();
        } else {
            let mut conn = PgConnection::connect(db.url()).await.unwrap();
            let mut q = QueryBuilder::<sqlx::Postgres>::new("INSERT INTO case_numbers (number, reserved_at) ");
            q.push_values(chunk, |mut b, n| {
                b.push_bind(n.clone()).push_bind(now);
            });
            q.build().execute(&mut conn).await.unwrap();
        }
    }
}

#[tokio::test]
async fn two_residents_drawn_the_same_number_keep_separate_numbers() {
    each_backend(|db| async move {
        let store = db.store().await;
        let now = now_ms();
        // Both draws land on 1234 first: only one reservation can hold it.
        let reserve = |store: Store| async move {
            let mut first = true;
            let mut draw = move |space: u32| {
                if std::mem::take(&mut first) {
                    1234
                } else {
                    fastrand::u32(0..space)
                }
            };
            store.reserve_case_number_drawn(now, &mut draw).await.unwrap()
        };
        let (a, b) = tokio::join!(reserve(store.clone()), reserve(store.clone()));
        assert_ne!(a, b, "{}", db.backend());
        let wanted = format!("{}-1234", day(now));
        assert!(a == wanted || b == wanted, "one of them got the drawn number: {a} {b}");
        assert!(a.len() == 11 && b.len() == 11, "the visible shape is kept: {a} {b}");
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn a_day_whose_four_digit_numbers_are_all_taken_goes_on_with_five() {
    each_backend(|db| async move {
        let store = db.store().await;
        let now = now_ms();
        fill_day(&db, now, &[77]).await;
        let last = store.reserve_case_number(now).await.unwrap();
        assert_eq!(last, format!("{}-0077", day(now)), "the one free four-digit number, {}", db.backend());
        let next = store.reserve_case_number(now).await.unwrap();
        assert!(next.starts_with(&format!("{}-", day(now))) && next.len() == 12, "{next}");
        assert_ne!(store.reserve_case_number(now).await.unwrap(), next);
        store.close().await;
    })
    .await;
}

fn case(number: &str, user: &str, description: &str) -> CaseWrite {
    CaseWrite {
        number: number.into(),
        user_id: user.into(),
        details: CaseDetails {
            opened_reason: "asked_for_staff".into(),
            asked_for_staff: true,
            description: Some(description.into()),
            answers: format!("{{\"description\":\"{description}\"}}"),
            queue: "consultation".into(),
            flags: String::new(),
            priority: "normal".into(),
            ..CaseDetails::default()
        },
        sla_deadline: now_ms() + 3_600_000,
        ..CaseWrite::default()
    }
}

fn effects(number: &str, user: &str, words: &str) -> Box<Effects> {
    Box::new(Effects {
        case: Some(case(number, user, words)),
        transcript: vec![TranscriptWrite {
            user_id: user_id(user),
            case_number: Some(number.into()),
            direction: "in",
            kind: "text",
            body: Some(words.into()),
            gloss: None,
            outbox_index: None,
        }],
        ..Effects::default()
    })
}

#[tokio::test]
async fn a_case_row_never_changes_owner() {
    each_backend(|db| async move {
        let store = db.store().await;
        let now = now_ms();
        store_events(&store, vec![inbox_event("a", "Ua", now), inbox_event("b", "Ub", now)], now).await;
        let claimed = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        let seq = |key: &str| claimed.iter().find(|e| e.event_key == key).unwrap().seq;
        // Resident B's step carries A's number, as a number drawn twice would.
        let results = vec![
            (seq("a"), InboxOutcome::Done(effects("261204-0001", "Ua", "A's own words"))),
            (seq("b"), InboxOutcome::Done(effects("261204-0001", "Ub", "B's own words"))),
        ];
        let done = store.finish_inbox("w", now, results, None, None).await.unwrap();
        assert_eq!(done.refused, 1, "{}", db.backend());

        let a = store.cases_of(&user_id("Ua")).await.unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].description.as_deref(), Some("A's own words"));
        assert!(store.cases_of(&user_id("Ub")).await.unwrap().is_empty(), "B wrote nothing into A's case");
        let lines = store.transcript_of(&user_id("Ua")).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert!(store.transcript_of(&user_id("Ub")).await.unwrap().is_empty(), "B's step is not half-written");
        // B's event is handled again (with a number of its own), not lost.
        let (state, _) = store.inbox_state("b").await.unwrap().unwrap();
        assert_eq!(state, "pending");
        let again = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        assert_eq!(again.len(), 1);
        let results = vec![(again[0].seq, InboxOutcome::Done(effects("261204-0002", "Ub", "B's own words")))];
        assert_eq!(store.finish_inbox("w", now, results, None, None).await.unwrap().refused, 0);
        assert_eq!(store.cases_of(&user_id("Ub")).await.unwrap()[0].description.as_deref(), Some("B's own words"));
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn two_residents_opening_cases_at_once_onto_one_free_number_keep_separate_cases() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let mut a = app.resident("resident a", Some("ja"));
        let mut b = app.resident("resident b", Some("ja"));
        for r in [&mut a, &mut b] {
            r.follow_and_tap(&["consent_record:yes", "consent_share:yes", "safety:no", "tonight:home_safe"]).await;
        }
        // One number left today: both draws end on it.
        fill_day(&app.db, now_ms(), &[4321]).await;
        let body = vec![fake.postback_event(&a.id, "cmd:person"), fake.postback_event(&b.id, "cmd:person")];
        assert_eq!(fake.send_events(body).await.unwrap().status, 200);
        let both = Arc::new((a.id.clone(), b.id.clone()));
        wait_until(Duration::from_secs(10), "both cases are open", || {
            let (store, both) = (app.store.clone(), both.clone());
            async move {
                store.cases_of(&user_id(&both.0)).await.unwrap().len() == 1
                    && store.cases_of(&user_id(&both.1)).await.unwrap().len() == 1
            }
        })
        .await;
        let case_a = app.store.cases_of(&a.user_id()).await.unwrap().remove(0);
        let case_b = app.store.cases_of(&b.user_id()).await.unwrap().remove(0);
        assert_ne!(case_a.number, case_b.number, "{}", app.db.backend());
        assert!([case_a.number.as_str(), case_b.number.as_str()].contains(&format!("{}-4321", day(now_ms())).as_str()));
        for (c, user) in [(&case_a, &a.id), (&case_b, &b.id)] {
            assert_eq!(c.user_id.as_str(), user);
            let lines = app.store.transcript_of(&user_id(user)).await.unwrap();
            assert!(lines.iter().all(|l| l.case_id.as_deref() == Some(c.id.as_str())), "each transcript is its own");
        }
        assert_eq!(app.metric("frontdesk_case_writes_refused_total").await, 0.0);
    })
    .await;
}
