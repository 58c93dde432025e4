//! End to end in a real browser (Debian's chromium and chromium-driver, driven with
//! fantoccini): a resident's intake through signed webhooks appears on a staff member's queue
//! page without a reload; they claim it, send a phrase with a date from the phrasebook (found
//! by a search in Japanese, previewed in Portuguese beside its Japanese) that reaches the
//! resident in Portuguese, see the resident's answer arrive live, and close the case. Screenshots of
//! both pages go to `target/screenshots/`.
//!
//! Skips, saying so, when `chromedriver` or `chromium` is not installed (CI installs both).

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::helpers::*;

fn find(candidates: &[&str], env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

/// Kills chromedriver (and its browser) when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn browser() -> Option<(Driver, Client, tempfile::TempDir)> {
    let driver = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"], "CHROMEDRIVER");
    let chromium = find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"], "CHROMIUM");
    let (Some(driver), Some(chromium)) = (driver, chromium) else {
        // CI installs both and sets this, so the test cannot silently skip there.
        assert!(
            std::env::var_os("FRONTDESK_REQUIRE_BROWSER").is_none(),
            "FRONTDESK_REQUIRE_BROWSER is set but chromium or chromedriver is missing"
        );
        eprintln!("SKIPPED the browser test: chromedriver or chromium is not installed (apt-get install chromium chromium-driver)");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let profile = tempfile::tempdir().unwrap();
    // The flags this machine needs: no sandbox as root, and no background networking (the
    // closed network refuses it).
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--lang=ja", format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let url = format!("http://127.0.0.1:{port}");
    let client = wait_for(Duration::from_secs(10), "chromedriver to start a session", || async {
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
            .ok()
    })
    .await;
    Some((driver, client, profile))
}

fn screenshots() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits until the page's HTML holds `text`.
async fn page_shows(c: &Client, text: &str, what: &str) {
    let what = format!("the page to show {what}");
    wait_until(Duration::from_secs(10), &what, || async { c.source().await.unwrap().contains(text) }).await;
}

/// A whole intake in Portuguese, by buttons and typed answers, through signed webhooks.
async fn intake(app: &TestApp, r: &mut Resident) -> CaseNumber {
    r.send(app.fake.follow_event(&r.id)).await;
    for tap in [
        "consent_record:yes",
        "consent_share:yes",
        "safety:no",
        "tonight:home_at_risk",
        "topics:housing",
        "topics:done",
        "household:alone",
        "vulnerable:none",
        "area:central",
    ] {
        r.tap(tap).await;
    }
    r.say("O dono quer que eu saia do apartamento até o fim do mês.").await;
    for tap in [
        "description:next",
        "contact:line",
        "contact_time:afternoon",
        "interpreter:no",
        "window:council",
        "summary:send",
    ] {
        r.tap(tap).await;
    }
    app.store.cases_of(&r.user_id()).await.unwrap()[0].number.clone()
}

/// On an open case page: searches the phrasebook in Japanese, chooses 「〈日付〉の〈時刻〉ごろ、
/// 担当者からお電話します。」, fills its date and time, and waits for the preview; returns it
/// (the resident's text, its Japanese).
async fn phrase_with_a_date(c: &Client) -> (String, String) {
    c.find(Locator::Css("#phrase-search")).await.unwrap().send_keys("お電話します").await.unwrap();
    let visible = c.find_all(Locator::Css("#phrase-list label.phrase:not([hidden])")).await.unwrap();
    assert!(!visible.is_empty() && visible.len() < 5, "the search narrows the list: {} left", visible.len());
    c.find(Locator::Css("#phrase-list input[value=pb-first-call-at]")).await.unwrap().click().await.unwrap();
    let place = c.find(Locator::Css("[data-slot=place]")).await.unwrap();
    assert!(place.attr("hidden").await.unwrap().is_some(), "only the phrase's own inputs show");
    // A native date picker is not typed into the same way in every locale: set the values
    // as the picker would, with the events it sends.
    c.execute(
        "for (const [n, v] of [['date', '2026-12-10'], ['time', '14:00']]) { \
           const i = document.querySelector(`#phrasebook input[name=${n}]`); i.value = v; \
           i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new Event('change', {bubbles: true})); }",
        vec![],
    )
    .await
    .unwrap();
    wait_for(Duration::from_secs(10), "the preview in Portuguese and Japanese", || async {
        let send = c.find(Locator::Css("#send-phrase")).await.ok()?;
        if send.attr("disabled").await.ok()?.is_some() {
            return None;
        }
        let text = c.find(Locator::Css("#preview-text")).await.ok()?.text().await.ok()?;
        let ja = c.find(Locator::Css("#preview-ja")).await.ok()?.text().await.ok()?;
        (!text.is_empty() && !ja.is_empty()).then_some((text, ja))
    })
    .await
}

/// On an open case page: chooses the question 「どの日時がよいですか」 with times as answers, fills
/// two dates and times, and waits for the preview; returns it (the resident's text, the
/// buttons as drawn).
async fn question_with_two_times(c: &Client) -> (String, Vec<String>) {
    c.find(Locator::Css("#ask-template")).await.unwrap().select_by_value("pb-question-which-time").await.unwrap();
    let times = c.find(Locator::Css("#ask-form [data-ask-kind=times]")).await.unwrap();
    assert!(times.attr("hidden").await.unwrap().is_none(), "the times show for a times question");
    let place = c.find(Locator::Css("#ask-form [data-ask-slot=place]")).await.unwrap();
    assert!(place.attr("hidden").await.unwrap().is_some(), "only the phrase's own slots show");
    c.execute(
        "for (const [n, v] of [['date_1', '2026-12-10'], ['time_1', '14:00'], ['date_2', '2026-12-11'], \
           ['time_2', '09:30']]) { const i = document.querySelector(`#ask-form input[name=${n}]`); i.value = v; \
           i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new Event('change', {bubbles: true})); }",
        vec![],
    )
    .await
    .unwrap();
    wait_for(Duration::from_secs(10), "the question previewed with its buttons", || async {
        let send = c.find(Locator::Css("#send-question")).await.ok()?;
        if send.attr("disabled").await.ok()?.is_some() {
            return None;
        }
        let text = c.find(Locator::Css("#ask-preview-text")).await.ok()?.text().await.ok()?;
        let mut buttons = Vec::new();
        for b in c.find_all(Locator::Css("#ask-preview-buttons .button")).await.ok()? {
            buttons.push(b.text().await.ok()?);
        }
        (!text.is_empty() && buttons.len() == 3).then_some((text, buttons))
    })
    .await
}

#[tokio::test]
async fn a_staff_member_works_a_case_end_to_end_in_a_real_browser() {
    let Some((_driver, c, _profile)) = browser().await else { return };
    let app = TestApp::new().await;
    let pw = app.add_staff("tanaka", "staff", &["housing"]).await;
    let base = app.base_url();

    // Log in through the form; the queue is empty.
    c.goto(&format!("{base}/staff")).await.unwrap();
    c.find(Locator::Css("input[name=name]")).await.unwrap().send_keys("tanaka").await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(&pw).await.unwrap();
    c.find(Locator::Css(".login button[type=submit]")).await.unwrap().click().await.unwrap();
    page_shows(&c, "表示する相談はありません", "the empty queue").await;
    // Wait until the page's live stream is connected before the case is made.
    wait_until(Duration::from_secs(10), "the queue page's live stream to connect", || async {
        let state = c.find(Locator::Css("#queue-rows")).await.unwrap().attr("data-live").await.unwrap();
        state.as_deref() == Some("connected")
    })
    .await;

    // The resident's intake: the case appears on the open page, no reload.
    let mut r = app.resident("Ana Souza", Some("pt-BR"));
    let number = intake(&app, &mut r).await;
    page_shows(&c, &format!("data-number=\"{number}\""), "the new case on the queue page").await;
    let row = c.find(Locator::Css(&format!("tr[data-number=\"{number}\"]"))).await.unwrap().text().await.unwrap();
    assert!(row.contains("ポルトガル語") && row.contains("住まい"), "{row}");
    std::fs::write(screenshots().join("queue.png"), c.screenshot().await.unwrap()).unwrap();

    // Open it and claim it.
    c.find(Locator::LinkText(number.as_str())).await.unwrap().click().await.unwrap();
    page_shows(&c, "O dono quer que eu saia", "the resident's own words").await;
    // The button is in the live part, which a live update may render anew under the click.
    wait_for(Duration::from_secs(10), "the claim button to take a click", || async {
        c.find(Locator::Css("#claim")).await.ok()?.click().await.ok()
    })
    .await;
    page_shows(&c, "担当した", "the claim in the history").await;

    // A phrase with a date from the phrasebook, found by its Japanese and previewed in
    // Portuguese beside its Japanese before it is sent.
    let preview = phrase_with_a_date(&c).await;
    assert!(preview.0.contains("quinta-feira, 10/12") && preview.0.contains("14:00"), "{preview:?}");
    assert_eq!(preview.1, "12月10日（木）の14:00ごろ、担当者からお電話します。");
    let form = c.find(Locator::Css("#phrasebook")).await.unwrap();
    std::fs::write(screenshots().join("case-phrase-preview.png"), form.screenshot().await.unwrap()).unwrap();
    c.find(Locator::Css("#send-phrase")).await.unwrap().click().await.unwrap();
    let pushed = r.next_delivery().await;
    assert_eq!(pushed, vec![preview.0.clone()], "the preview is what the resident receives");
    page_shows(&c, "日本語：12月10日（木）の14:00ごろ、担当者からお電話します。", "the phrase in the transcript").await;
    page_shows(&c, "文例：〈日付〉の〈時刻〉ごろ、担当者からお電話します。", "the phrase in the history").await;

    // The resident answers; it appears on the open case page.
    let answer = "Obrigada! Posso ir amanhã de manhã.";
    let told = r.say(answer).await;
    assert!(texts(&told)[0].contains(number.as_str()), "told once that staff handle the case");
    page_shows(&c, answer, "the resident's answer, live").await;
    page_shows(&c, "送信済み", "the reply's delivery state").await;
    // Tall enough to show the whole case, the live transcript included.
    c.set_window_size(1400, 3200).await.unwrap();
    std::fs::write(screenshots().join("case.png"), c.screenshot().await.unwrap()).unwrap();

    // A question with two times as its answers, previewed with its buttons in Portuguese.
    let (text, buttons) = question_with_two_times(&c).await;
    assert!(buttons[0].contains("10/12") && buttons[1].contains("11/12"), "{buttons:?}");
    let ja = c.find(Locator::Css("#ask-preview-ja")).await.unwrap().text().await.unwrap();
    assert!(ja.contains("12月10日（木）14:00"), "{ja}");
    let form = c.find(Locator::Css("#ask-form")).await.unwrap();
    std::fs::write(screenshots().join("case-question-preview.png"), form.screenshot().await.unwrap()).unwrap();
    c.find(Locator::Css("#send-question")).await.unwrap().click().await.unwrap();
    let pushed = r.next_delivery().await;
    assert_eq!(pushed, vec![text], "the previewed question is what the resident receives");
    let delivered = r.fake.delivered(&r.id).last().unwrap().messages.clone();
    let labels: Vec<String> = crate::helpers::buttons(&delivered).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, buttons, "with the previewed buttons");
    page_shows(&c, "回答待ち", "the question waiting for its answer").await;

    // Close it.
    c.find(Locator::Css("#status-select")).await.unwrap().select_by_value("closed").await.unwrap();
    c.find(Locator::Css("#outcome-select")).await.unwrap().select_by_value("supported").await.unwrap();
    c.find(Locator::Css("#set-status")).await.unwrap().click().await.unwrap();
    page_shows(&c, "この相談は終了しています", "the closed case").await;
    let case = app.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.outcome.as_deref()), ("closed", Some("supported")));

    c.close().await.unwrap();
}

#[tokio::test]
async fn a_coordinator_sees_on_the_case_page_the_alert_waiting_and_then_acknowledged_on_line() {
    use crate::alert_ack::{alerted_case, alerting, linked, tap};
    let Some((_driver, c, _profile)) = browser().await else { return };
    let app = TestApp::with_settings(alerting()).await;
    let yamada = linked(&app, "yamada", "coordinator", &["shelter"]).await;
    let pw = app.add_staff("sato", "coordinator", &["shelter"]).await;
    let (_r, number, tap_text) = alerted_case(&app).await;

    c.goto(&format!("{}/staff", app.base_url())).await.unwrap();
    c.find(Locator::Css("input[name=name]")).await.unwrap().send_keys("sato").await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(&pw).await.unwrap();
    c.find(Locator::Css(".login button[type=submit]")).await.unwrap().click().await.unwrap();
    page_shows(&c, "送信・未対応", "the alert waiting on the queue").await;
    c.goto(&format!("{}/staff/cases/{number}", app.base_url())).await.unwrap();
    page_shows(&c, "id=\"alert-state\"", "the alert's state on the case page").await;
    // Read again until it holds still: the live part may be re-rendered under the reader.
    let state = wait_for(Duration::from_secs(10), "the alert's state to be read", || async {
        c.find(Locator::Css("#alert-state")).await.ok()?.text().await.ok()
    })
    .await;
    assert!(state.starts_with("通知 ") && state.ends_with("送信・未対応"), "{state}");
    page_shows(&c, "id=\"claim\"", "the claim button while nobody holds the case").await;

    // Yamada taps 「対応します」 in the group: the open page shows it, no reload.
    assert!(tap(&app, Some(&yamada.id), &tap_text).await.starts_with("yamadaさんが対応します"));
    page_shows(&c, "対応：yamada（LINE）", "the acknowledgement, live").await;
    page_shows(&c, "<span id=\"assignee\">yamada</span>", "yamada as the case's holder").await;
    wait_until(Duration::from_secs(10), "the claim button to go away, no reload", || async {
        !c.source().await.unwrap().contains("id=\"claim\"")
    })
    .await;
    std::fs::write(screenshots().join("case-alert.png"), c.screenshot().await.unwrap()).unwrap();
    c.close().await.unwrap();
}
