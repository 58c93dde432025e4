//! Crashes: an event acknowledged to LINE is never lost, and is answered once, after a
//! `kill -9` of the real binary.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use frontdesk::line::fake::FakeLine;

use crate::helpers::*;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A started binary, killed when dropped, so a failing test leaves no process behind.
struct Binary(Child);

impl std::ops::Deref for Binary {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Binary {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the `frontdesk` binary against `fake` and waits until it answers `/healthz`.
async fn start_binary(db_url: &str, fake: &FakeLine, port: u16, config_toml: &str, dir: &std::path::Path) -> Binary {
    let config = dir.join(format!("frontdesk-{port}.toml"));
    std::fs::write(
        &config,
        format!(
            "{config_toml}\n[centre]\nphone = \"0561-00-0000\"\n[staff]\npublic_url = \"https://frontdesk.test\"\n"
        ),
    )
    .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .arg("serve")
        .env("LINE_CHANNEL_SECRET", SECRET)
        .env("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
        .env("LINE_API_BASE_URL", fake.base_url())
        .env("LINE_API_DATA_BASE_URL", fake.base_url())
        .env("DATABASE_URL", db_url)
        .env("FRONTDESK_BIND", format!("127.0.0.1:{port}"))
        .env("FRONTDESK_CONFIG", &config)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map(Binary)
        .expect("start frontdesk");
    let url = format!("http://127.0.0.1:{port}/healthz");
    wait_until(Duration::from_secs(30), "the binary answers /healthz", || {
        let url = url.clone();
        async move { reqwest::get(url).await.is_ok_and(|r| r.status().is_success()) }
    })
    .await;
    fake.set_webhook_url(&format!("http://127.0.0.1:{port}/webhook"));
    child
}

#[tokio::test]
async fn events_acknowledged_before_a_kill_are_answered_once_after_restart() {
    each_backend(|db| async move {
        let fake = Platform::start().await;
        let dir = tempfile::tempdir().unwrap();
        let users: Vec<String> = (0..5).map(|i| fake.add_user(&format!("resident {i}"), Some("ja"))).collect();

        // First life: receives and acknowledges, but its workers are off, so the events are
        // stored and not yet handled when it is killed.
        let port = free_port();
        let mut first = start_binary(db.url(), &fake, port, "[workers]\nenabled = false\n", dir.path()).await;
        for u in &users {
            for text in ["一つ目", "二つ目"] {
                assert_eq!(fake.send_events(vec![fake.text_event(u, text)]).await.unwrap().status, 200);
            }
        }
        first.kill().unwrap();
        first.wait().unwrap();
        assert!(users.iter().all(|u| fake.delivered(u).is_empty()), "nothing was answered before the kill");

        // Second life: picks up every stored event.
        let port = free_port();
        let mut second = start_binary(db.url(), &fake, port, "[workers]\npoll_millis = 50\n", dir.path()).await;
        for u in &users {
            let got = fake.wait_delivered(u, 2, Duration::from_secs(20)).await;
            assert_eq!(got.len(), 2, "{}: both messages answered", db.backend());
        }
        let store = frontdesk::store::Store::connect(db.url()).await.unwrap();
        settled(&store, &users.iter().map(String::as_str).collect::<Vec<_>>()).await;
        store.close().await;
        assert!(users.iter().all(|u| fake.delivered(u).len() == 2), "and only once");
        second.kill().unwrap();
        second.wait().unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_kill_during_delivery_sends_each_message_once_after_restart() {
    each_backend(|db| async move {
        let fake = Platform::start().await;
        let dir = tempfile::tempdir().unwrap();
        let user = fake.add_user("resident", Some("ja"));
        // Replies fail so delivery goes by push, and pushes hang without an answer: the
        // process is killed while a push is in flight and its outcome unknown.
        fake.fail_next(frontdesk::line::fake::Endpoint::Reply, frontdesk::line::fake::Failure::InvalidReplyToken, 10);
        fake.fail_next(
            frontdesk::line::fake::Endpoint::Push,
            frontdesk::line::fake::Failure::AcceptThenDelay(Duration::from_secs(30)),
            1,
        );
        let port = free_port();
        let mut first =
            start_binary(db.url(), &fake, port, "[workers]\nlease_seconds = 5\npoll_millis = 50\n", dir.path()).await;
        fake.send_events(vec![fake.text_event(&user, "助けてください")]).await.unwrap();
        wait_until(Duration::from_secs(10), "the push reached LINE", || async {
            fake.calls().iter().any(|c| c.path.ends_with("/push"))
        })
        .await;
        first.kill().unwrap();
        first.wait().unwrap();

        let port = free_port();
        let mut second =
            start_binary(db.url(), &fake, port, "[workers]\nlease_seconds = 5\npoll_millis = 50\n", dir.path()).await;
        // After the dead process's lease expires the row is pushed again with the same key;
        // LINE answers 409 and the resident still has exactly one message.
        wait_until(Duration::from_secs(30), "the retried push is answered 409", || async {
            fake.calls().iter().any(|c| c.path.ends_with("/push") && c.status == 409)
        })
        .await;
        assert_eq!(fake.delivered(&user).len(), 1, "{}", db.backend());
        second.kill().unwrap();
        second.wait().unwrap();
    })
    .await;
}

#[tokio::test]
async fn after_a_kill_mid_burst_every_acknowledged_event_is_answered_within_ten_seconds_of_restart() {
    each_backend(|db| async move {
        let fake = Platform::start().await;
        let dir = tempfile::tempdir().unwrap();
        let users: Vec<String> = (0..60).map(|i| fake.add_user(&format!("resident {i}"), Some("ja"))).collect();
        // The default lease and heartbeat settings: what a deployment runs with.
        let mut first = start_binary(db.url(), &fake, free_port(), "", dir.path()).await;

        // A steady burst from every resident at once; each acknowledged event is counted.
        let acked: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>> = Default::default();
        let burst = {
            let (fake, users, acked) = (fake.clone(), users.clone(), acked.clone());
            tokio::spawn(async move {
                for round in 0..40 {
                    let sends = users.iter().map(|u| {
                        let (fake, acked) = (fake.clone(), acked.clone());
                        async move {
                            let event = fake.text_event(u, &format!("{round}"));
                            if fake.send_events(vec![event]).await.is_ok_and(|r| r.status == 200) {
                                *acked.lock().unwrap().entry(u.clone()).or_default() += 1;
                            }
                        }
                    });
                    futures_util::future::join_all(sends).await;
                }
            })
        };
        let answered = |fake: &FakeLine| users.iter().map(|u| fake.delivered(u).len()).sum::<usize>();
        wait_until(Duration::from_secs(30), "the first answers went out", || async { answered(&fake) >= 100 }).await;
        first.kill().unwrap();
        first.wait().unwrap();
        burst.abort();
        let _ = burst.await;
        let acked = acked.lock().unwrap().clone();
        let total: usize = acked.values().sum();
        assert!(answered(&fake) < total, "killed mid-burst: {} of {total} answered", answered(&fake));
        let store = frontdesk::store::Store::connect(db.url()).await.unwrap();
        let (inbox, outbox) = store.leases_live(frontdesk::clock::now_ms()).await.unwrap();
        assert!(inbox + outbox > 0, "the killed process held leases, {}", db.backend());
        store.close().await;

        let restarted = tokio::time::Instant::now();
        let mut second = start_binary(db.url(), &fake, free_port(), "", dir.path()).await;
        let left = Duration::from_secs(10).saturating_sub(restarted.elapsed());
        wait_until(left, "every acknowledged event answered within 10 s of the restart", || async {
            acked.iter().all(|(u, n)| fake.delivered(u).len() >= *n)
        })
        .await;
        second.kill().unwrap();
        second.wait().unwrap();
    })
    .await;
}
