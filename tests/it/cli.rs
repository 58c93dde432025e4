//! The command line: help, migrate, local mode, configuration errors that name the
//! variable, and what the service refuses to start with.

use std::{
    process::{Command, Stdio},
    time::Duration,
};

use crate::helpers::{config_for, wait_until, Platform};

fn frontdesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    for var in [
        "LINE_CHANNEL_SECRET",
        "LINE_CHANNEL_ACCESS_TOKEN",
        "DATABASE_URL",
        "FRONTDESK_BIND",
        "FRONTDESK_CONFIG",
        "LINE_API_BASE_URL",
    ] {
        c.env_remove(var);
    }
    c
}

#[test]
fn help_lists_the_commands() {
    let out = frontdesk().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("migrate"), "{text}");
}

#[test]
fn migrate_creates_the_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fd.db");
    let out = frontdesk().arg("migrate").env("DATABASE_URL", format!("sqlite://{}", path.display())).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(path.exists());
    // Twice is fine.
    let again =
        frontdesk().arg("migrate").env("DATABASE_URL", format!("sqlite://{}", path.display())).output().unwrap();
    assert!(again.status.success());
}

#[test]
fn a_bad_setting_stops_startup_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad_toml = dir.path().join("bad.toml");
    std::fs::write(&bad_toml, "[workers]\nbatch_size = \"lots\"\n").unwrap();
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (vec![("FRONTDESK_BIND", "nowhere".into())], "FRONTDESK_BIND"),
        (vec![("LINE_CHANNEL_SECRET", "0123456789abcdef0123456789abcdef".into())], "LINE_CHANNEL_ACCESS_TOKEN"),
        (vec![("DATABASE_URL", "mysql://localhost/x".into())], "DATABASE_URL"),
        (vec![("FRONTDESK_CONFIG", bad_toml.display().to_string())], "line 2"),
    ];
    for (vars, named) in cases {
        let mut cmd = frontdesk();
        cmd.arg("serve").env("DATABASE_URL", format!("sqlite://{}", dir.path().join("x.db").display()));
        for (k, v) in &vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(named), "{err} should name {named}");
        assert!(!err.contains("panicked") && !err.contains("backtrace"));
    }
}

#[test]
fn staff_accounts_are_added_with_a_password_from_stdin_listed_given_tokens_and_disabled() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("fd.db").display());
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut child = frontdesk()
            .args(args)
            .env("DATABASE_URL", &db)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, err) = run(
        &["staff", "add", "tanaka", "--role", "staff", "--queue", "consultation", "housing"],
        Some("a long enough password\n"),
    );
    assert!(ok, "{err}");
    let (ok, _, err) = run(
        &["staff", "add", "tanaka", "--role", "staff", "--queue", "consultation"],
        Some("a long enough password\n"),
    );
    assert!(!ok && err.contains("already exists"), "{err}");
    let (ok, _, err) = run(&["staff", "add", "sato", "--role", "staff", "--queue", "consultation"], Some("short\n"));
    assert!(!ok && err.contains("12 characters"), "{err}");
    let (ok, _, err) = run(&["staff", "add", "sato", "--role", "root"], Some("a long enough password\n"));
    assert!(!ok && err.contains("--role"), "{err}");
    let (ok, _, err) =
        run(&["staff", "add", "sato", "--role", "staff", "--queue", "boats"], Some("a long enough password\n"));
    assert!(!ok && err.contains("--queue boats"), "{err}");
    let (ok, out, _) = run(&["staff", "list"], None);
    assert!(ok && out.contains("tanaka\tstaff\tconsultation,housing\tenabled"), "{out}");
    let (ok, token, _) = run(&["staff", "token", "tanaka"], None);
    assert!(ok && token.trim().len() == 43, "{token}");
    let (ok, _, _) = run(&["staff", "disable", "tanaka"], None);
    assert!(ok);
    let (_, out, _) = run(&["staff", "list"], None);
    assert!(out.contains("tanaka\tstaff\tconsultation,housing\tdisabled"), "{out}");
    let (ok, _, err) = run(&["staff", "token", "tanaka"], None);
    assert!(!ok && err.contains("no enabled account"), "{err}");
    let (ok, out, err) = run(&["purge"], None);
    assert!(ok && out.contains("0 closed cases anonymised"), "{out}{err}");
}

#[test]
fn serve_without_line_credentials_or_local_stops_with_one_line_before_opening_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("production.db");
    let out = frontdesk().arg("serve").env("DATABASE_URL", format!("sqlite://{}", db.display())).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set") && err.contains("--local"));
    assert!(!db.exists(), "the deployment's database was not opened");
    // A bare `frontdesk` is `serve`, and stops the same way.
    let out = frontdesk().current_dir(dir.path()).output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--local"));
    assert!(!dir.path().join("frontdesk.db").exists());
}

#[test]
fn local_mode_refuses_a_public_bind_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        frontdesk().arg("--local").current_dir(dir.path()).env("FRONTDESK_BIND", "0.0.0.0:8080").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("FRONTDESK_BIND: --local listens only on a loopback address"), "{err}");
}

#[tokio::test]
async fn local_mode_asked_for_with_the_flag_serves_the_simulator_from_its_own_database() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = frontdesk()
        .arg("--local")
        .current_dir(dir.path())
        .env("FRONTDESK_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // What it prints, line by line (read on a thread: the pipe blocks).
    let (lines_tx, lines_rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead as _;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let printed = std::sync::Mutex::new(String::new());
    wait_until(Duration::from_secs(30), "local mode prints the admin password", || {
        let mut p = printed.lock().unwrap();
        p.extend(lines_rx.try_iter().map(|l| l + "\n"));
        let done = p.contains("name admin, password");
        async move { done }
    })
    .await;
    let url = format!("http://127.0.0.1:{port}/simulator");
    let page = reqwest::get(url).await.unwrap();
    assert_eq!(page.status(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
    let printed = printed.into_inner().unwrap();
    assert!(printed.contains("local mode") && printed.contains("/simulator"), "{printed}");
    assert!(!printed.contains("WARN") && !printed.contains("ERROR"), "{printed}");
    assert!(dir.path().join("frontdesk-local.db").exists());
    assert!(!dir.path().join("frontdesk.db").exists(), "a deployment's default database is never used");
}

#[tokio::test]
async fn the_service_refuses_to_start_without_a_channel_or_in_local_mode_on_a_public_address() {
    use frontdesk::{app::StartError, config::Channel};
    let fake = Platform::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fd.db");
    let mut config = config_for(&format!("sqlite://{}", db.display()), &fake, Default::default());
    config.channel = Channel::Unset;
    let Err(e) = frontdesk::app::start(config.clone()).await else { panic!("started without a channel") };
    assert!(e.to_string().contains("--local"), "{e}");
    assert!(!db.exists(), "refused before the database was opened");
    config.channel = Channel::Local;
    config.bind = "0.0.0.0:0".parse().unwrap();
    let Err(e) = frontdesk::app::start(config).await else { panic!("local mode started on 0.0.0.0") };
    assert!(matches!(e, StartError::LocalBind(_)), "{e}");
    assert!(!db.exists());
}
