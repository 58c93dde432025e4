//! Alerts nobody acknowledges, through the real service on an injected clock: re-sent to
//! the coordinators with 再通知, then escalated to whoever is on call and the centre; an
//! emergency sooner; nothing more after a claim, a close or an erasure; the timer kept across
//! a restart; each stage sent once by two instances on one PostgreSQL.

use std::{
    sync::{
        atomic::{AtomicI64, Ordering},
        Arc,
    },
    time::Duration,
};

use frontdesk::{config::Settings, jst};

use crate::helpers::*;

const GROUP: &str = "Cabcdef0123456789abcdef0123456789";
const CENTRE: &str = "C0123456789abcdef0123456789abcdef";
/// On call on weekends and holidays (never on call in these tests).
const WEEKEND: &str = "U00000000000000000000000000000002";

const MINUTE: i64 = 60_000;
const WAIT: Duration = Duration::from_secs(15);

/// The coordinators' group, the centre's group, and two on-call entries as a city writes
/// them: `night` on weekday nights, another user on weekends and holidays.
fn escalating_settings(night: &str) -> Settings {
    let mut settings = test_settings();
    let file = format!(
        "[alerts]\ncoordinators = [\"{GROUP}\"]\ncentre = [\"{CENTRE}\"]\n\
         [[alerts.on_call]]\nid = \"{night}\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         from = \"17:15\"\nto = \"08:30\"\n\
         [[alerts.on_call]]\nid = \"{WEEKEND}\"\ndays = [\"sat\", \"sun\", \"holiday\"]\n"
    );
    settings.alerts = Settings::from_toml(&file).unwrap().alerts;
    settings
}

/// The service, with the one on call on weekday nights a friend of the bot (LINE delivers
/// a push to a user only then). Returns the service and that user's id.
async fn escalating_app(db: TestDb) -> (TestApp, String) {
    let fake = Platform::start().await;
    let night = fake.add_user("当番", Some("ja"));
    let settings = escalating_settings(&night);
    (TestApp::with_platform(db, fake, settings).await, night)
}

/// Monday 2030-12-02, 21:00 in Japan: a weekday night, and later than the wall clock, so
/// nothing falls due before a test moves its clock.
fn monday_night() -> i64 {
    let day = jst::day_of(2030, 12, 2).unwrap();
    assert_eq!(jst::weekday(day), 1);
    jst::day_start(day) + 21 * 60 * MINUTE
}

/// Sets the service's clock to `time`, shared with the test.
fn clock_at(app: &TestApp, start: i64) -> Arc<AtomicI64> {
    let time = Arc::new(AtomicI64::new(start));
    app.clock.set(time.clone());
    time
}

/// A resident sleeping in a car who consented to sharing asks for a person: the
/// coordinators' group gets its `nth` alert. Returns the resident and the case's number.
async fn shelter_case(app: &TestApp, name: &str, lang: &str, nth: usize) -> (Resident, CaseNumber) {
    let mut r = app.resident(name, Some(lang));
    r.follow_and_tap(&["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car", "cmd:person"]).await;
    assert_eq!(app.fake.wait_delivered(GROUP, nth, WAIT).await.len(), nth, "the first alert");
    let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();
    (r, number)
}

/// Each delivery to `chat` as JSON (a Flex message's alt text and contents included).
fn deliveries(app: &TestApp, chat: &str) -> Vec<String> {
    app.fake.delivered(chat).iter().map(|d| serde_json::to_string(&d.messages).unwrap()).collect()
}

/// How many messages were ever written to `chat` (sent or still waiting).
async fn written(app: &TestApp, chat: &str) -> usize {
    app.store.outbox_ids_for(&chat_id(chat)).await.unwrap().len()
}

/// Waits until the escalation worker has done a round when the oldest waiting alert was
/// `seconds` old: everything due by then is written.
async fn round_at(base_url: &str, seconds: i64) {
    wait_until(WAIT, &format!("an escalation round at {seconds} s"), || async move {
        metric(base_url, "frontdesk_alerts_oldest_unacknowledged_seconds").await == seconds as f64
    })
    .await;
}

#[tokio::test]
async fn a_shelter_alert_is_re_sent_after_15_minutes_and_escalated_to_the_night_on_call_and_the_centre_after_30() {
    each_backend(|db| async move {
        let (app, night) = escalating_app(db).await;
        let sent = monday_night();
        let time = clock_at(&app, sent);
        let (_r, number) = shelter_case(&app, "Nguyen Van A", "vi", 1).await;

        time.store(sent + 15 * MINUTE - 1000, Ordering::SeqCst);
        round_at(&app.base_url(), 15 * 60 - 1).await;
        assert_eq!(written(&app, GROUP).await, 1, "not a second early");

        time.store(sent + 15 * MINUTE, Ordering::SeqCst);
        let group = app.fake.wait_delivered(GROUP, 2, WAIT).await;
        let reminder = serde_json::to_string(&group[1].messages).unwrap();
        assert!(reminder.contains("【再通知") && reminder.contains(number.as_str()), "{reminder}");
        assert!(!reminder.contains("Nguyen"), "codes only: {reminder}");
        let alert = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
        assert_eq!((alert.stage, alert.next_at), (1, Some(sent + 30 * MINUTE)));
        assert_eq!((written(&app, &night).await, written(&app, CENTRE).await), (0, 0));

        time.store(sent + 30 * MINUTE, Ordering::SeqCst);
        for chat in [night.as_str(), CENTRE] {
            app.fake.wait_delivered(chat, 1, WAIT).await;
            let escalated = &deliveries(&app, chat)[0];
            assert!(escalated.contains("当番") && escalated.contains(number.as_str()), "{chat}: {escalated}");
        }
        round_at(&app.base_url(), 30 * 60).await;
        app.settled(&[GROUP, &night, WEEKEND, CENTRE]).await;
        assert_eq!(written(&app, WEEKEND).await, 0, "the weekend entry is not on call on a Monday night");
        assert_eq!(app.fake.delivered(GROUP).len(), 2, "the coordinators are not told a third time");
        let alert = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
        assert_eq!((alert.stage, alert.next_at), (2, None), "nothing after the escalation");
        assert_eq!(app.metric("frontdesk_alerts_unacknowledged").await, 1.0);

        // The admin page lists it; the case's history says what was sent.
        let admin = app.staff("boss", "admin", &[]).await;
        let page = admin.page("/staff/admin").await;
        assert!(page.contains(&format!("<a href=\"/staff/cases/{number}\">{number}</a>")), "{page}");
        assert!(page.contains("至急（今夜の居場所がない）") && page.contains("当番とセンターに通知済み"), "{page}");
        let case = app.store.case_by_number(&number).await.unwrap().unwrap();
        let kinds: Vec<String> = app.store.case_actions(&case.id).await.unwrap().into_iter().map(|a| a.kind).collect();
        assert_eq!(kinds, ["alert_reminder", "alert_escalated"]);

        // A claim at last: nothing waits any more.
        let coordinator = app.staff("sato", "coordinator", &["shelter"]).await;
        coordinator.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        wait_until(WAIT, "the gauge counts no waiting alert", || async {
            app.metric("frontdesk_alerts_unacknowledged").await == 0.0
        })
        .await;
        assert!(admin.page("/staff/admin").await.contains("未対応の通知はありません"));
    })
    .await;
}

#[tokio::test]
async fn an_emergency_is_re_sent_to_the_centre_after_5_minutes_and_escalated_after_10() {
    each_backend(|db| async move {
        let (app, night) = escalating_app(db).await;
        let sent = monday_night();
        let time = clock_at(&app, sent);
        let mut r = app.resident("R", Some("ja"));
        r.say("殺される").await;
        app.fake.wait_delivered(CENTRE, 1, WAIT).await;
        let case = app.store.cases_of(&r.user_id()).await.unwrap().remove(0);
        assert_eq!(case.priority, "emergency");

        time.store(sent + 5 * MINUTE - 1000, Ordering::SeqCst);
        round_at(&app.base_url(), 5 * 60 - 1).await;
        assert_eq!(written(&app, CENTRE).await, 1);

        time.store(sent + 5 * MINUTE, Ordering::SeqCst);
        let reminder = &app.fake.wait_delivered(CENTRE, 2, WAIT).await[1];
        let reminder = serde_json::to_string(&reminder.messages).unwrap();
        assert!(reminder.contains("【再通知") && reminder.contains("【緊急】"), "{reminder}");

        time.store(sent + 10 * MINUTE, Ordering::SeqCst);
        app.fake.wait_delivered(&night, 1, WAIT).await;
        let centre = app.fake.wait_delivered(CENTRE, 3, WAIT).await;
        assert!(serde_json::to_string(&centre[2].messages).unwrap().contains(case.number.as_str()));
        app.settled(&[GROUP, &night, CENTRE]).await;
        assert_eq!(written(&app, GROUP).await, 0, "no consent to share: the coordinators hear nothing");
        assert_eq!((app.fake.delivered(&night).len(), app.fake.delivered(CENTRE).len()), (1, 3));
    })
    .await;
}

#[tokio::test]
async fn a_claim_a_close_or_an_erasure_stops_the_alert_while_an_unanswered_one_is_escalated_once() {
    each_backend(|db| async move {
        let (app, night) = escalating_app(db).await;
        let sent = monday_night();
        let time = clock_at(&app, sent);
        let (_a, claimed) = shelter_case(&app, "A", "ja", 1).await;
        let (_b, closed) = shelter_case(&app, "B", "ja", 2).await;
        let (mut c, erased) = shelter_case(&app, "C", "pt-BR", 3).await;
        let (_d, unanswered) = shelter_case(&app, "D", "ja", 4).await;

        let coordinator = app.staff("sato", "coordinator", &["shelter"]).await;
        coordinator.act(&format!("/staff/cases/{claimed}/claim"), &[]).await;
        let admin = app.staff("boss", "admin", &[]).await;
        admin.act(&format!("/staff/cases/{closed}/status"), &[("status", "closed"), ("outcome", "duplicate")]).await;
        c.say("apagar meus dados").await;
        c.say("sim").await;
        admin.act(&format!("/staff/cases/{erased}/erase"), &[]).await;
        let stopped = app.store.alert_of(erased.as_str()).await.unwrap().unwrap();
        assert_eq!(stopped.next_at, None, "the erasure itself stops the timer");

        // Long after both stages were due: the one unanswered alert goes straight to the
        // escalation, once.
        time.store(sent + 45 * MINUTE, Ordering::SeqCst);
        app.fake.wait_delivered(&night, 1, WAIT).await;
        app.fake.wait_delivered(CENTRE, 1, WAIT).await;
        round_at(&app.base_url(), 45 * 60).await;
        app.settled(&[GROUP, &night, WEEKEND, CENTRE]).await;
        for chat in [night.as_str(), CENTRE] {
            let got = deliveries(&app, chat);
            assert_eq!(got.len(), 1, "{chat}: {got:?}");
            assert!(got[0].contains(unanswered.as_str()), "{chat}: {got:?}");
        }
        assert_eq!(app.fake.delivered(GROUP).len(), 4, "only the four first alerts: no reminder once overdue");
        for number in [&claimed, &closed, &erased] {
            let alert = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
            assert_eq!((alert.stage, alert.next_at), (0, None), "{number}");
        }
        assert!(app.store.alert_of(claimed.as_str()).await.unwrap().unwrap().acked_at.is_some());
        assert_eq!(app.metric("frontdesk_alerts_unacknowledged").await, 1.0, "only the unanswered one waits");
    })
    .await;
}

#[tokio::test]
async fn the_alert_timer_survives_a_restart_of_the_service() {
    each_backend(|db| async move {
        let (mut app, _) = escalating_app(db).await;
        let sent = monday_night();
        clock_at(&app, sent);
        let (_r, number) = shelter_case(&app, "R", "ja", 1).await;
        app.restart().await;

        // The new process's clock, set past the reminder's time.
        clock_at(&app, sent + 16 * MINUTE);
        let reminder = &app.fake.wait_delivered(GROUP, 2, WAIT).await[1];
        let reminder = serde_json::to_string(&reminder.messages).unwrap();
        assert!(reminder.contains("【再通知") && reminder.contains(number.as_str()), "{reminder}");
        round_at(&app.base_url(), 16 * 60).await;
        app.settled(&[GROUP]).await;
        assert_eq!(app.fake.delivered(GROUP).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn two_instances_on_one_postgres_send_each_stage_of_each_alert_exactly_once() {
    let Some(db) = TestDb::postgres_or_skip().await else { return };
    let (mut app, night) = escalating_app(db).await;
    let b = app.another_instance(app.settings.clone()).await;
    let sent = monday_night();
    let time = clock_at(&app, sent);
    b.clock.set(time.clone());
    // Many alerts falling due at once, so that one instance's round is still writing when
    // the other's begins: without the compare-and-set both would send the same stage.
    const N: usize = 20;
    let residents = (0..N).map(|i| {
        let mut r = app.resident(&format!("R{i}"), Some("ja"));
        async move {
            r.follow_and_tap(&["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car", "cmd:person"])
                .await;
            r
        }
    });
    let residents = futures_util::future::join_all(residents).await;
    assert_eq!(app.fake.wait_delivered(GROUP, N, WAIT).await.len(), N, "the first alerts");
    let mut numbers = Vec::new();
    for r in &residents {
        numbers.push(app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone());
    }

    time.store(sent + 15 * MINUTE, Ordering::SeqCst);
    app.fake.wait_delivered(GROUP, 2 * N, WAIT).await;
    time.store(sent + 30 * MINUTE, Ordering::SeqCst);
    app.fake.wait_delivered(&night, N, WAIT).await;
    app.fake.wait_delivered(CENTRE, N, WAIT).await;
    round_at(&app.base_url(), 30 * 60).await;
    round_at(&b.base_url(), 30 * 60).await;
    app.settled(&[GROUP, &night, CENTRE]).await;

    let group = deliveries(&app, GROUP);
    assert_eq!(group.len(), 2 * N, "the first alerts and one reminder each");
    for number in &numbers {
        let reminders = group.iter().filter(|d| d.contains(number.as_str()) && d.contains("【再通知")).count();
        assert_eq!(reminders, 1, "{number}");
        for chat in [night.as_str(), CENTRE] {
            assert_eq!(deliveries(&app, chat).iter().filter(|d| d.contains(number.as_str())).count(), 1, "{chat}");
        }
    }
    assert_eq!((written(&app, GROUP).await, written(&app, &night).await, written(&app, CENTRE).await), (2 * N, N, N));
}
