//! Coordinators acknowledge alerts on LINE: a one-time code sent to the bot links their LINE
//! account, and the alert's 「対応します」 (a message action: its tap is the member's own
//! message in the group) claims the case for the first linked coordinator who may take it.

use std::{
    process::Command,
    sync::{atomic::AtomicI64, Arc},
    time::Duration,
};

use frontdesk::{clock::now_ms, credentials, ids::CaseNumber, store::AuditRow};
use serde_json::Value;

use crate::helpers::*;

pub(crate) const GROUP: &str = "Cabcdef0123456789abcdef0123456789";

pub(crate) fn alerting() -> frontdesk::config::Settings {
    let mut settings = test_settings();
    settings.alerts.coordinators = vec![chat_id(GROUP)];
    settings
}

/// A staff account whose LINE account is linked: the code made as `frontdesk staff link`
/// makes it, sent by the coordinator one-on-one.
pub(crate) async fn linked(app: &TestApp, name: &str, role: &str, queues: &[&str]) -> Resident {
    app.add_staff(name, role, queues).await;
    let code = credentials::link_code().unwrap();
    let account = app.store.staff_by_name(name).await.unwrap().unwrap();
    app.store.add_link_code(&credentials::digest(&code), &account.id, now_ms() + 15 * 60_000).await.unwrap();
    let mut line = app.resident(name, Some("ja"));
    let told = texts(&line.say(&code).await).join("\n");
    assert!(told.contains(&format!("{name}さんの職員アカウントに")), "{told}");
    line
}

/// A resident sleeping in a car who consented to sharing: the coordinators are alerted.
pub(crate) async fn alerted_case(app: &TestApp) -> (Resident, CaseNumber, String) {
    let mut r = app.resident("Nguyen Van A", Some("vi"));
    let number = r.open_case(app, true, "car").await;
    let alert = app.fake.wait_delivered(GROUP, 1, Duration::from_secs(10)).await;
    let tap = alert[0].messages[0]["contents"]["footer"]["contents"][0]["action"]["text"].as_str().unwrap().to_owned();
    (r, number, tap)
}

/// `member` taps (or types) `text` in the coordinators' group; returns the bot's reply there.
pub(crate) async fn tap(app: &TestApp, member: Option<&str>, text: &str) -> String {
    tap_event(app, app.fake.group_text_event_from(GROUP, member, text)).await
}

async fn tap_event(app: &TestApp, event: Value) -> String {
    let before = app.fake.delivered(GROUP).len();
    assert_eq!(app.fake.send_events(vec![event]).await.unwrap().status, 200);
    let got = app.fake.wait_delivered(GROUP, before + 1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), before + 1, "one reply in the group");
    let reply = got.last().unwrap();
    assert_eq!(reply.via.as_str(), "reply", "answered with the event's reply token");
    texts(&reply.messages).join("\n")
}

/// Runs `sql` on the test database, either backend.
async fn exec(db: &TestDb, sql: &str) {
    use sqlx::{Connection as _, Executor as _};
    if db.backend() == "sqlite" {
        let mut c = sqlx::SqliteConnection::connect(db.url()).await.unwrap();
        c.execute(sql).await.unwrap();
        c.close().await.unwrap();
    } else {
        run_sql(db.url(), sql).await.unwrap();
    }
}

async fn audit(app: &TestApp, action: &str) -> Vec<AuditRow> {
    app.store.audit_log(None, 200).await.unwrap().into_iter().filter(|a| a.action == action).collect()
}

#[tokio::test]
async fn a_coordinator_links_their_line_account_with_a_one_time_code_from_the_command_line() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        app.add_staff("yamada", "coordinator", &["shelter"]).await;
        let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(["staff", "link", "yamada"])
            .env("DATABASE_URL", app.db.url())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let code = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert_eq!(credentials::read_link_code(&code).as_deref(), Some(code.as_str()), "{code}");

        let mut yamada = app.resident("山田", Some("ja"));
        let wrong = texts(&yamada.say("FD-2222-3333").await).join("");
        assert!(wrong.contains("このコードは使えません"), "{wrong}");
        // Typed on a phone: lower case is fine.
        let done = texts(&yamada.say(&code.to_lowercase()).await).join("");
        assert!(done.starts_with("yamadaさんの職員アカウントに、このLINEアカウントをつなげました"), "{done}");
        let account = app.store.staff_by_line_user(&yamada.user_id()).await.unwrap().expect("linked");
        assert_eq!(account.name, "yamada");
        // The code never reached a resident's conversation, case or transcript.
        assert!(app.store.conversations_for(&[&yamada.id]).await.unwrap().is_empty());
        assert!(app.store.cases_of(&yamada.user_id()).await.unwrap().is_empty());

        let mut other = app.resident("Someone", Some("ja"));
        let used = texts(&other.say(&code).await).join("");
        assert!(used.contains("すでに使われています"), "{used}");
        assert!(app.store.staff_by_line_user(&other.user_id()).await.unwrap().is_none());

        // A code for another account, sent after its 15 minutes (the handling clock moved on).
        app.add_staff("sato", "coordinator", &["shelter"]).await;
        let sato = app.store.staff_by_name("sato").await.unwrap().unwrap();
        let late = credentials::link_code().unwrap();
        app.store.add_link_code(&credentials::digest(&late), &sato.id, now_ms() + 15 * 60_000).await.unwrap();
        app.clock.set(Arc::new(AtomicI64::new(now_ms() + 16 * 60_000)));
        let expired = texts(&other.say(&late).await).join("");
        assert!(expired.contains("有効期限"), "{expired}");
        assert!(app.store.staff_by_line_user(&other.user_id()).await.unwrap().is_none());

        let lines = audit(&app, "line_linked").await;
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].staff_name.as_deref(), Some("yamada"));
        assert!(!lines[0].detail.contains(&yamada.id) && lines[0].detail.ends_with(&yamada.id[29..]), "{lines:?}");

        let refused: Vec<(Option<String>, String)> =
            audit(&app, "line_link_refused").await.into_iter().rev().map(|a| (a.staff_name, a.detail)).collect();
        let reasons: Vec<(Option<&str>, &str)> =
            refused.iter().map(|(n, d)| (n.as_deref(), d.split(':').next().unwrap())).collect();
        assert_eq!(reasons, [(None, "unknown"), (Some("yamada"), "used"), (Some("sato"), "expired")]);
        assert!(refused.iter().all(|(_, d)| !d.contains(&other.id) && !d.contains(&yamada.id)), "{refused:?}");

        // A disabled account's link stops working.
        assert!(app.store.disable_staff("yamada").await.unwrap());
        assert!(app.store.staff_by_line_user(&yamada.user_id()).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn the_first_linked_coordinator_to_tap_claims_the_case_and_the_next_is_told_who_has_it() {
    each_backend(|db| async move {
        let app = TestApp::on(db, alerting()).await;
        let yamada = linked(&app, "yamada", "coordinator", &["shelter"]).await;
        let sato = linked(&app, "sato", "coordinator", &["shelter"]).await;
        let (mut r, number, tap_text) = alerted_case(&app).await;
        assert_eq!(tap_text, format!("対応します {number}"));
        let alert = &app.fake.delivered(GROUP)[0].messages[0];
        assert_eq!(alert["type"], "flex");
        let open: &Value = &alert["contents"]["footer"]["contents"][1]["action"];
        assert!(open["uri"].as_str().unwrap().ends_with(&format!("/staff/cases/{number}")), "{open}");

        // Typed by hand with a full-width space, it works the same.
        let first = app.fake.group_text_event_from(GROUP, Some(&yamada.id), &format!("対応します\u{3000}{number}"));
        let key = first["webhookEventId"].as_str().unwrap().to_owned();
        assert_eq!(tap_event(&app, first).await, format!("yamadaさんが対応します（{number}）"));
        let case = app.store.case_by_number(&number).await.unwrap().unwrap();
        let y = app.store.staff_by_name("yamada").await.unwrap().unwrap();
        assert_eq!(case.assignee.as_deref(), Some(y.id.as_str()));
        let a = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
        assert_eq!((a.acked_by_name.as_deref(), a.acked_via.as_deref()), (Some("yamada"), Some("line")));
        assert!(a.acked_at.is_some() && a.next_at.is_none());

        assert_eq!(
            tap(&app, Some(&sato.id), &tap_text).await,
            format!("この相談はyamadaさんが対応しています（{number}）")
        );
        // The first tap handled again, as after a crash between the claim and the event being
        // marked done: the same answer, no second claim.
        let before = app.fake.delivered(GROUP).len();
        let again = format!(
            "UPDATE inbox_events SET state = 'pending', lease_owner = NULL, lease_until = NULL WHERE event_key = '{key}'"
        );
        exec(&app.db, &again).await;
        let replies = app.fake.wait_delivered(GROUP, before + 1, Duration::from_secs(10)).await;
        assert_eq!(texts(&replies[before].messages), [format!("yamadaさんが対応します（{number}）")]);
        let claims: Vec<String> = app
            .store
            .case_actions(&case.id)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.kind)
            .filter(|k| k == "claim")
            .collect();
        assert_eq!(claims.len(), 1);

        // The resident hears once, in their language, that a person has their case.
        let told = texts(&r.say("Cảm ơn").await).join("");
        let handling =
            frontdesk::i18n::Locales::load().unwrap().text(frontdesk::i18n::Lang::VI, "staff-handling", None);
        assert!(
            told.starts_with(handling.split('{').next().unwrap().trim_end()) && told.contains(number.as_str()),
            "{told}"
        );
        r.send_quietly(&app, app.fake.text_event(&r.id, "Tôi đang ở ga")).await;

        let acks = audit(&app, "alert_ack").await;
        assert_eq!(acks.len(), 1, "{acks:?}");
        assert_eq!(
            (acks[0].staff_name.as_deref(), acks[0].case_number.as_deref()),
            (Some("yamada"), Some(number.as_str()))
        );
        let refused: Vec<String> =
            audit(&app, "alert_ack_refused").await.iter().rev().map(|a| a.detail.clone()).collect();
        assert_eq!(refused, [format!("held:{number}"), format!("already_yours:{number}")]);

        // The dashboard shows who acknowledged, how and when.
        app.add_staff("admin", "admin", &[]).await;
        let admin = app.login("admin", "admin-password-long-enough").await;
        let page = admin.page(&format!("/staff/cases/{number}")).await;
        assert!(page.contains("対応：yamada（LINE）"), "the case page shows the acknowledgement");
        assert!(admin.page("/staff").await.contains("対応：yamada（LINE）"), "so does the queue");
    })
    .await;
}

#[tokio::test]
async fn a_tap_from_a_member_who_is_not_linked_or_not_allowed_claims_nothing_and_tells_nothing() {
    each_backend(|db| async move {
        let app = TestApp::on(db, alerting()).await;
        let suzuki = linked(&app, "suzuki", "staff", &["consultation"]).await;
        let kato = linked(&app, "kato", "coordinator", &["shelter"]).await;
        let (_r, number, tap_text) = alerted_case(&app).await;
        let admin = app.staff("admin", "admin", &[]).await;
        let page = admin.page(&format!("/staff/cases/{number}")).await;
        assert!(page.contains("送信・未対応"), "the case page shows the alert waiting");

        let link_first = tap(&app, None, &tap_text).await;
        assert!(link_first.contains("frontdesk staff link") && link_first.contains("ダッシュボード"), "{link_first}");
        assert!(!link_first.contains(number.as_str()), "no case details: {link_first}");
        let stranger = app.fake.add_user("知らない人", Some("ja"));
        assert_eq!(tap(&app, Some(&stranger), &tap_text).await, link_first);
        let not_allowed = tap(&app, Some(&suzuki.id), &tap_text).await;
        assert!(not_allowed.contains("担当できません") && !not_allowed.contains(number.as_str()), "{not_allowed}");
        let unknown = tap(&app, Some(&kato.id), "対応します 991231-9999").await;
        assert!(unknown.contains("見つかりません"), "{unknown}");
        // A disabled account's link no longer claims.
        assert!(app.store.disable_staff("kato").await.unwrap());
        assert_eq!(tap(&app, Some(&kato.id), &tap_text).await, link_first);

        let case = app.store.case_by_number(&number).await.unwrap().unwrap();
        assert!(case.assignee.is_none(), "nothing was claimed");
        assert!(app.store.alert_of(number.as_str()).await.unwrap().unwrap().acked_at.is_none());
        let reasons: Vec<String> =
            audit(&app, "alert_ack_refused").await.iter().rev().map(|a| a.detail.clone()).collect();
        let expected: Vec<String> = ["no_user_id", "not_linked", "not_allowed", "unknown_case", "not_linked"]
            .iter()
            .map(|r| if *r == "unknown_case" { format!("{r}:991231-9999") } else { format!("{r}:{number}") })
            .collect();
        assert_eq!(reasons, expected);
        assert!(audit(&app, "alert_ack").await.is_empty());

        // Any other message in the group gets no answer.
        let before = app.fake.delivered(GROUP).len();
        let chat = app.fake.group_text_event_from(GROUP, Some(&kato.id), "了解です、向かいます");
        assert_eq!(app.fake.send_events(vec![chat]).await.unwrap().status, 200);
        app.settled(&[GROUP]).await;
        assert_eq!(app.fake.delivered(GROUP).len(), before);

        // A claim on the dashboard acknowledges the alert too.
        let sato = app.staff("sato", "coordinator", &["shelter"]).await;
        sato.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        let a = app.store.alert_of(number.as_str()).await.unwrap().unwrap();
        assert_eq!((a.acked_by_name.as_deref(), a.acked_via.as_deref()), (Some("sato"), Some("dashboard")));
        let json = app.api(&app.api_token("admin").await).get_json(&format!("/api/cases/{number}")).await;
        assert_eq!(json["case"]["alert"]["state"], "acked", "{json}");
        assert_eq!(json["case"]["alert"]["acked_via"], "dashboard");
    })
    .await;
}
