//! Staff and residents through the bot: the two-way relay of a claimed case, canned replies
//! in the resident's language with their delivery state, the bot taking over after close,
//! coordinator alerts sent exactly once (also across a restart), erasure and retention.

use std::time::Duration;

use frontdesk::{
    clock::now_ms,
    i18n::{Lang, Locales},
    line::fake::{Endpoint, Failure},
    store::NewOutbox,
};

use crate::helpers::*;

const GROUP: &str = "Cabcdef0123456789abcdef0123456789";
const CENTRE: &str = "C0123456789abcdef0123456789abcdef";

/// Test settings with the coordinators' and the centre's groups as alert targets.
fn alerting_settings() -> frontdesk::config::Settings {
    let mut settings = test_settings();
    settings.alerts.coordinators = vec![chat_id(GROUP)];
    settings.alerts.centre = vec![chat_id(CENTRE)];
    settings
}

#[tokio::test]
async fn a_claimed_case_relays_both_ways_in_the_residents_language_until_it_is_closed() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let fake = &app.fake;
        let locales = Locales::load().unwrap();
        let mut r = app.resident("Maria", Some("pt-BR"));
        let number = r.open_case(&app, false, "home_safe").await;
        let b = app.staff("tanaka", "staff", &["consultation"]).await;
        b.act(&format!("/staff/cases/{number}/claim"), &[]).await;

        // The resident's next message goes to staff; they are told so once.
        let told = r.say("Preciso de ajuda com o aluguel").await;
        let expected = locales.text(Lang::PT_BR, "staff-handling", None);
        assert!(texts(&told)[0].starts_with(expected.split('{').next().unwrap().trim_end()), "{told:?}");
        assert!(texts(&told)[0].contains(number.as_str()));
        r.send_quietly(&app, fake.text_event(&r.id, "Moro com meus dois filhos")).await;
        let page = b.page(&format!("/staff/cases/{number}")).await;
        assert!(page.contains("Preciso de ajuda com o aluguel") && page.contains("Moro com meus dois filhos"));

        // A canned reply is sent by push in Portuguese; staff see the Japanese beside it.
        b.act(
            &format!("/staff/cases/{number}/canned"),
            &[("template", "window"), ("date", "2026-12-03"), ("time", "10:30"), ("window", "council")],
        )
        .await;
        let pushed = r.next_delivery().await;
        let window = locales.text(Lang::PT_BR, "opt-window-council", None);
        assert!(pushed[0].contains("quinta-feira, 3/12") && pushed[0].contains("10:30") && pushed[0].contains(&window));
        assert_eq!(fake.delivered(&r.id).last().unwrap().via.as_str(), "push");
        // Free text goes as typed, once staff confirmed that it reaches her untranslated.
        let typed = [("text", "Olá Maria, aqui é o Tanaka."), ("untranslated", "true")];
        b.act(&format!("/staff/cases/{number}/reply"), &typed).await;
        assert_eq!(r.next_delivery().await, vec!["Olá Maria, aqui é o Tanaka.".to_owned()]);
        // A person writes: the resident sees "Atendente", never the staff member's name; the
        // bot's own messages carry no sender.
        let sent = fake.delivered(&r.id);
        assert_eq!(sent.last().unwrap().messages[0]["sender"], serde_json::json!({"name": "Atendente"}));
        assert!(sent[0].messages[0].get("sender").is_none(), "{:?}", sent[0].messages);
        wait_until(Duration::from_secs(10), "both staff messages show as delivered", || async {
            let page = b.page(&format!("/staff/cases/{number}/live")).await;
            page.matches("送信済み").count() >= 2 && page.contains("12月3日（木）")
        })
        .await;

        // A failed delivery shows LINE's reason beside the message.
        fake.fail_next(Endpoint::Push, Failure::Status(400), 1);
        b.act(&format!("/staff/cases/{number}/reply"), &[("text", "Esta não chega"), ("untranslated", "true")]).await;
        wait_until(Duration::from_secs(10), "the failure shows", || async {
            b.page(&format!("/staff/cases/{number}/live")).await.contains("送信できませんでした")
        })
        .await;

        // Closed: the bot takes over and greets the resident afresh.
        b.act(&format!("/staff/cases/{number}/status"), &[("status", "closed"), ("outcome", "supported")]).await;
        let back = r.say("Oi de novo").await;
        let closed = locales.text(Lang::PT_BR, "case-closed-restart", None);
        assert!(texts(&back)[0].starts_with(closed.split('{').next().unwrap().trim_end()), "{back:?}");
        assert!(texts(&back).join("\n").contains(&locales.text(Lang::PT_BR, "q-consent-record", None)));
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("closed", Some("supported")));
        let actions: Vec<String> = app.store.case_actions(&c.id).await.unwrap().into_iter().map(|a| a.kind).collect();
        assert_eq!(actions, ["claim", "reply", "reply", "reply", "status"]);
    })
    .await;
}

#[tokio::test]
async fn a_shelter_alert_reaches_the_coordinators_group_exactly_once_even_across_restarts() {
    each_backend(|db| async move {
        let mut settings = alerting_settings();
        settings.staff.public_url = Some("https://frontdesk.city.example".into());
        let mut app = TestApp::on(db, settings).await;
        bot_joins_the_coordinators_group(&app).await;

        // Sleeping in a car, consent to share: the coordinators are alerted at once.
        let mut r = app.resident("Nguyen Van A", Some("vi"));
        r.follow_and_tap(&["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car"]).await;
        r.say("Tôi ngủ trong xe với con. Số điện thoại 090-1111-2222").await;
        r.tap("cmd:person").await;
        let alerts = app.fake.wait_delivered(GROUP, 1, Duration::from_secs(10)).await;
        let number = app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone();
        let text = texts(&alerts[0].messages).join("\n");
        assert!(text.contains(number.as_str()) && text.contains("車の中") && text.contains("ベトナム語"), "{text}");
        assert!(text.contains(&format!("https://frontdesk.city.example/staff/cases/{number}")));
        // The phone number's own digits, not "090": a case number can hold those (261205-0907).
        assert!(
            !text.contains("Nguyen") && !text.contains("1111-2222") && !text.contains("xe"),
            "no personal data: {text}"
        );
        assert!(app.fake.delivered(CENTRE).is_empty(), "not an emergency: the centre's group is not alerted");

        // More messages update the case; restarts happen; no second alert.
        r.send(app.fake.image_event(&r.id)).await;
        app.restart().await;
        r.send(app.fake.location_event(&r.id, 35.1, 136.9, "駅前")).await;
        app.settled(&[GROUP]).await;
        assert_eq!(app.fake.delivered(GROUP).len(), 1, "exactly one alert");

        // It becomes an emergency: one more alert, to both groups, then never again.
        r.say("Chồng tôi đánh tôi").await;
        app.fake.wait_delivered(GROUP, 2, Duration::from_secs(10)).await;
        app.fake.wait_delivered(CENTRE, 1, Duration::from_secs(10)).await;
        assert!(texts(&app.fake.delivered(GROUP)[1].messages)[0].contains("緊急"));
        r.say("Chồng tôi đánh tôi").await;
        app.stop().await;
        an_alert_written_while_line_is_down_is_sent_once_after_a_restart(&mut app).await;
    })
    .await;
}

/// The coordinators add the bot to their group: the id shows on the admin page, and the
/// bot says nothing there.
async fn bot_joins_the_coordinators_group(app: &TestApp) {
    let fake = &app.fake;
    assert_eq!(fake.send_events(vec![fake.join_event(GROUP)]).await.unwrap().status, 200);
    assert_eq!(fake.send_events(vec![fake.group_text_event(GROUP, "よろしく")]).await.unwrap().status, 200);
    let admin_pw = app.add_staff("boss", "admin", &[]).await;
    wait_until(Duration::from_secs(10), "the join is handled", || async {
        app.store.inbox_pending_count().await.unwrap() == 0
    })
    .await;
    let admin = app.login("boss", &admin_pw).await;
    assert!(admin.page("/staff/admin").await.contains(GROUP));
    assert!(fake.delivered(GROUP).is_empty());
}

/// After one alert to the coordinators and one emergency alert to both groups (the service
/// stopped): a new shelter case's alert, written while LINE is down, goes out once.
async fn an_alert_written_while_line_is_down_is_sent_once_after_a_restart(app: &mut TestApp) {
    let mut r2 = app.resident("B", Some("ja"));
    app.start_again().await;
    app.fake.fail_next(Endpoint::Push, Failure::Status(500), 1000);
    r2.open_case(app, true, "outside").await;
    wait_until(Duration::from_secs(10), "the alert was tried", || async {
        app.fake.calls().iter().any(|c| c.path.ends_with("/push") && c.status == 500)
    })
    .await;
    app.stop().await;
    app.fake.clear_failures(Endpoint::Push);
    app.start_again().await;
    app.fake.wait_delivered(GROUP, 3, Duration::from_secs(20)).await;
    app.settled(&[GROUP, CENTRE]).await;
    assert_eq!(app.fake.delivered(GROUP).len(), 3);
    assert_eq!(app.fake.delivered(CENTRE).len(), 1);
}

#[tokio::test]
async fn without_consent_to_share_no_partner_is_alerted_but_an_emergency_reaches_the_centre() {
    let app = TestApp::with_settings(alerting_settings()).await;
    let mut r = app.resident("R", Some("ja"));
    r.open_case(&app, false, "car").await;
    r.say("殺される").await;
    app.fake.wait_delivered(CENTRE, 1, Duration::from_secs(10)).await;
    app.settled(&[GROUP, CENTRE]).await;
    assert!(app.store.outbox_ids_for(&chat_id(GROUP)).await.unwrap().is_empty(), "no alert written for the partners");
    assert!(app.fake.delivered(GROUP).is_empty(), "partners hear nothing without consent");
}

#[tokio::test]
async fn a_residents_erasure_request_is_confirmed_by_staff_and_erases_their_data() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let locales = Locales::load().unwrap();
        let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
        let mut r = app.resident("Maria Silva", Some("pt-BR"));
        let number = r.open_case(&app, false, "home_safe").await;
        r.say("Meu telefone é 090-1234-5678").await;
        r.say("apagar meus dados").await;
        let done = r.say("sim").await;
        assert!(texts(&done)[0].starts_with(&locales.text(Lang::PT_BR, "erase-requested", None)[..20]));
        let c = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert!(c.erase_requested_at.is_some());
        assert_eq!(app.store.pending_erasures().await.unwrap().len(), 1);
        // A message LINE refused keeps its body until the erasure.
        app.fake.fail_next(Endpoint::Push, Failure::Status(400), 1);
        let refused = r#"[{"type":"text","text":"Seu atendimento: 090-1234-5678"}]"#;
        app.store.insert_outbox(&[NewOutbox::push(&chat_id(&r.id), refused.into())], now_ms()).await.unwrap();
        let failed = wait_for(Duration::from_secs(10), "LINE refuses the message", || async {
            let last = *app.store.outbox_ids_for(&chat_id(&r.id)).await.unwrap().last().unwrap();
            (app.store.outbox_record(last).await.unwrap().unwrap().0 == "failed").then_some(last)
        })
        .await;
        assert_eq!(app.store.outbox_body(failed).await.unwrap().as_deref(), Some(refused));
        let b = app.login("tanaka", &pw).await;
        assert!(b.page("/staff").await.contains("削除依頼"));
        assert!(b.page(&format!("/staff/cases/{number}")).await.contains("データ削除の依頼"));
        b.act(&format!("/staff/cases/{number}/erase"), &[]).await;

        // Told in their language; then nothing about them is left.
        let farewell = r.next_delivery().await;
        assert_eq!(farewell[0], locales.text(Lang::PT_BR, "erase-done", None));
        assert_eq!(b.get(&format!("/staff/cases/{number}")).await.status(), 404);
        assert!(!b.page("/staff?status=closed").await.contains(number.as_str()));
        nothing_is_left_of(&app, &r, &number).await;
        // A new message starts a new, unrelated conversation.
        let again = r.say("Oi").await;
        assert!(texts(&again).join("\n").contains(&locales.text(Lang::PT_BR, "q-consent-record", None)));
    })
    .await;
}

/// After an erasure by `tanaka`: the case keeps only its statistics, and nothing stored
/// about the resident holds what they wrote or were sent.
async fn nothing_is_left_of(app: &TestApp, r: &Resident, number: &CaseNumber) {
    assert!(app.store.cases_of(&r.user_id()).await.unwrap().is_empty(), "no case is linked to the resident");
    let c = app.store.case_by_number(number).await.unwrap().unwrap();
    assert!(c.anonymised_at.is_some() && c.user_id.as_str().starts_with("erased:"));
    assert_eq!((&c.display_name, &c.description, &c.phone, c.answers.as_str()), (&None, &None, &None, "{}"));
    assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("closed", Some("erased")));
    let lines = app.store.case_transcript(&c.id).await.unwrap();
    assert!(!lines.is_empty() && lines.iter().all(|l| l.body.is_none()), "transcript text removed");
    assert!(app.store.transcript_of(&r.user_id()).await.unwrap().is_empty());
    assert!(app.store.conversations_for(&[r.id.as_str()]).await.unwrap().is_empty());
    assert_eq!(app.store.pending_erasures().await.unwrap().len(), 0);
    let log = app.store.audit_log(Some(&c.id), 100).await.unwrap();
    assert!(log.iter().any(|a| a.action == "erase" && a.staff_name.as_deref() == Some("tanaka")));
    // No message to them keeps a body: delivered ones were emptied as sent, the refused one now.
    for id in app.store.outbox_ids_for(&chat_id(&r.id)).await.unwrap() {
        assert_eq!(app.store.outbox_body(id).await.unwrap().as_deref(), Some("[]"), "row {id}");
    }
    // The stored webhook events held what they wrote: emptied.
    let raw = stored_raw_events(&app.db, &r.id).await;
    assert!(!raw.is_empty() && raw.iter().all(|e| e == "{}"), "{raw:?}");
}

/// The raw JSON of a resident's handled inbox events.
async fn stored_raw_events(db: &TestDb, user: &str) -> Vec<String> {
    use sqlx::Connection as _;
    let (url, sql) = (db.url(), "SELECT raw FROM inbox_events WHERE chat_key = $1 AND state <> 'pending' ORDER BY seq");
    if db.backend() == "sqlite" {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).bind(user).fetch_all(&mut c).await.unwrap()
    } else {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).bind(user).fetch_all(&mut c).await.unwrap()
    }
}

#[tokio::test]
async fn purge_anonymises_closed_cases_past_the_retention_and_keeps_the_rest() {
    let app = TestApp::new().await;
    let settings = &app.settings;
    let closed = app.resident("Old", Some("ja")).open_case(&app, false, "home_safe").await;
    let still_open = app.resident("Open", Some("ja")).open_case(&app, false, "home_safe").await;
    let b = app.staff("tanaka", "staff", &["consultation"]).await;
    b.act(&format!("/staff/cases/{closed}/note"), &[("text", "本人の事情のメモ")]).await;
    b.act(&format!("/staff/cases/{closed}/status"), &[("status", "closed"), ("outcome", "supported")]).await;
    let r = &settings.retention;
    // Not yet due: nothing changes.
    let p = frontdesk::worker::purge::purge_once(&app.store, r, &settings.staff, now_ms()).await.unwrap();
    assert_eq!(p.cases, 0);
    let later = now_ms() + (r.closed_case_days as i64 + 1) * 86_400_000;
    let p = frontdesk::worker::purge::purge_once(&app.store, r, &settings.staff, later).await.unwrap();
    assert_eq!(p.cases, 1);
    assert!(p.inbox_events > 0, "old webhook events are deleted");
    let c = app.store.case_by_number(&closed).await.unwrap().unwrap();
    assert!(c.anonymised_at.is_some() && c.display_name.is_none() && c.user_id.as_str().starts_with("purged:"));
    assert!(app.store.case_actions(&c.id).await.unwrap().iter().all(|a| a.body.is_none()), "notes removed");
    assert_eq!(c.outcome.as_deref(), Some("supported"), "statistics stay");
    let o = app.store.case_by_number(&still_open).await.unwrap().unwrap();
    assert!(o.anonymised_at.is_none() && o.display_name.as_deref() == Some("Open"));
    let log = app.store.audit_log(Some(&c.id), 10).await.unwrap();
    assert_eq!((log[0].action.as_str(), log[0].staff_name.as_deref()), ("purge", None));
}
