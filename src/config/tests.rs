//! Configuration: environment variables, local mode, the settings file and the example file.

use std::collections::HashMap;

use super::*;

const SECRET: (&str, &str) = ("LINE_CHANNEL_SECRET", "0123456789abcdef0123456789abcdef");
const TOKEN: (&str, &str) = ("LINE_CHANNEL_ACCESS_TOKEN", "token");

fn load_as(local: bool, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(local, |k| map.get(k).cloned())
}

fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    load_as(false, vars)
}

/// A settings file for a real channel: the centre's number and the dashboard's address.
fn settings_file(dir: &tempfile::TempDir, public_url: &str) -> String {
    let path = dir.path().join("frontdesk.toml");
    std::fs::write(&path, format!("[centre]\nphone = \"0561-00-0000\"\n[staff]\npublic_url = \"{public_url}\"\n"))
        .unwrap();
    path.display().to_string()
}

#[test]
fn without_credentials_or_local_there_is_no_channel_and_serve_refuses_with_one_line() {
    let c = load(&[]).unwrap();
    assert!(!c.is_local_mode());
    assert!(matches!(c.channel, Channel::Unset));
    assert_eq!(c.database_url, "sqlite://frontdesk.db");
    assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(c.api_base_url, "https://api.line.me");
    let e = c.check_serve().unwrap_err().to_string();
    assert!(e.starts_with("LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set") && e.contains("--local"));
    assert_eq!(e.lines().count(), 1);
}

#[test]
fn local_mode_is_asked_for_and_keeps_its_own_database_on_loopback() {
    let c = load_as(true, &[]).unwrap();
    assert!(c.is_local_mode());
    c.check_serve().unwrap();
    assert_eq!(c.database_url, "sqlite://frontdesk-local.db");
    assert_ne!(c.database_url, DEFAULT_DATABASE_URL);
    let c = load_as(true, &[("FRONTDESK_BIND", "[::1]:9000")]).unwrap();
    assert_eq!(c.bind.to_string(), "[::1]:9000");
}

#[test]
fn local_mode_without_a_file_runs_on_the_examples_settings_but_serves_its_dashboard_where_it_is() {
    let local = load_as(true, &[]).unwrap().settings;
    let codes: Vec<&str> = local.phrasebook.places.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["city_hall", "council"], "the example's places, so every phrase can be tried");
    assert!(local.safety.hotlines.len() >= 3);
    assert_eq!(local.staff.public_url, None, "not the example's https address: local mode serves over http");
    // Outside local mode the example is never taken: a deployment gives its own file.
    assert!(load(&[]).unwrap().settings.phrasebook.places.is_empty());
}

#[test]
fn local_mode_refuses_a_public_bind_a_deployment_database_and_line_credentials() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("FRONTDESK_BIND", "0.0.0.0:8080")], "FRONTDESK_BIND: --local listens only on a loopback address"),
        (&[("FRONTDESK_BIND", "192.0.2.10:8080")], "FRONTDESK_BIND: --local listens only on a loopback address"),
        (&[("DATABASE_URL", "postgres://u@db.example/fd")], "DATABASE_URL: is set, but --local"),
        (&[("DATABASE_URL", "sqlite://frontdesk.db")], "DATABASE_URL: is set, but --local"),
        (&[SECRET, TOKEN], "LINE_CHANNEL_SECRET: is set, but --local"),
        (&[TOKEN], "LINE_CHANNEL_ACCESS_TOKEN: is set, but --local"),
    ];
    for (vars, expected) in cases {
        let e = load_as(true, vars).unwrap_err().to_string();
        assert!(e.starts_with(expected), "{e:?} should start with {expected:?}");
    }
}

#[test]
fn a_real_channel_needs_an_https_dashboard_address() {
    let dir = tempfile::tempdir().unwrap();
    let https = settings_file(&dir, "https://frontdesk.city.example");
    let c = load(&[SECRET, TOKEN, ("FRONTDESK_CONFIG", &https)]).unwrap();
    assert!(matches!(c.channel, Channel::Line(_)));
    c.check_serve().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let http = settings_file(&dir, "http://frontdesk.city.example");
    let e = load(&[SECRET, TOKEN, ("FRONTDESK_CONFIG", &http)]).unwrap_err().to_string();
    assert!(e.starts_with(&http) && e.contains("[staff] public_url must be the dashboard's https://"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.toml");
    std::fs::write(&path, "[centre]\nphone = \"0561-00-0000\"\n").unwrap();
    let e = load(&[SECRET, TOKEN, ("FRONTDESK_CONFIG", &path.display().to_string())]).unwrap_err().to_string();
    assert!(e.contains("[staff] public_url"), "{e}");
}

#[test]
fn each_bad_value_is_named_in_the_error() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[SECRET], "LINE_CHANNEL_ACCESS_TOKEN"),
        (&[("LINE_CHANNEL_ACCESS_TOKEN", "tok")], "LINE_CHANNEL_SECRET"),
        (&[("FRONTDESK_BIND", "localhost")], "FRONTDESK_BIND"),
        (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
        (&[("DATABASE_URL", "postgres://u@h/db?sslmode=on")], "DATABASE_URL"),
        (&[("LINE_API_BASE_URL", "api.line.me")], "LINE_API_BASE_URL"),
        (&[("FRONTDESK_CONFIG", "/nonexistent/frontdesk.toml")], "FRONTDESK_CONFIG"),
    ];
    for (vars, named) in cases {
        let e = load(vars).unwrap_err().to_string();
        assert!(e.starts_with(named), "{e:?} should name {named}");
    }
}

#[test]
fn a_bad_settings_file_names_the_line_and_field() {
    let e = Settings::from_toml("[workers]\nlease_seconds = 60\nbatch_size = \"many\"\n").unwrap_err();
    assert!(e.starts_with("line 3:") && e.contains("invalid type"), "{e}");
    let e = Settings::from_toml("[workers]\nleese_seconds = 60\n").unwrap_err();
    assert!(e.contains("leese_seconds"), "{e}");
    let e = Settings::from_toml("[line]\nretry_window_hours = 30\n").unwrap_err();
    assert!(e.contains("line.retry_window_hours"), "{e}");
    let e = Settings::from_toml("[[routing.rules]]\nwhen = { tonight = [\"car\"] }\nqueue = \"boats\"\n").unwrap_err();
    assert!(e.starts_with("line 3:") && e.contains("boats"), "{e}");
    let e = Settings::from_toml("[staff]\ntrusted_proxy_header = \"X-Forwarded-For\"\n").unwrap_err();
    assert!(e.contains("trusted_proxies"), "{e}");
    let e = Settings::from_toml("[staff]\ntrusted_proxies = [\"proxy.local\"]\n").unwrap_err();
    assert!(e.starts_with("line 2:"), "{e}");
    let s =
        Settings::from_toml("[staff]\ntrusted_proxy_header = \"X-Forwarded-For\"\ntrusted_proxies = [\"10.0.0.2\"]\n");
    assert_eq!(s.unwrap().staff.trusted_proxies, vec!["10.0.0.2".parse::<Network>().unwrap()]);
    let e = Settings::from_toml("[staff]\ntrusted_proxies = [\"10.0.0.0/33\"]\n").unwrap_err();
    assert!(e.contains("10.0.0.0/33"), "{e}");
    let s = Settings::from_toml("[line]\nreply_token_seconds = 30\n").unwrap();
    assert_eq!(s.line.reply_token_seconds, 30);
    assert_eq!(s.workers.lease_seconds, 6);
    let place = "[[phrasebook.places]]\ncode = \"city hall\"\nname = \"市役所\"\naddress = \"中央1-1\"\n";
    let e = Settings::from_toml(place).unwrap_err();
    assert!(e.contains("phrasebook.places[0].code"), "{e}");
    let e = Settings::from_toml("[phrasebook]\ndocuments = [\"diary\"]\n").unwrap_err();
    assert!(e.contains("phrasebook.documents") && e.contains("diary"), "{e}");
    let e = Settings::from_toml("[workers]\nlease_seconds = 6\nheartbeat_millis = 3000\n").unwrap_err();
    assert!(e.contains("workers.heartbeat_millis"), "{e}");
}

#[test]
fn the_example_config_file_is_valid_and_lists_hotlines_in_every_language() {
    let text = include_str!("../../frontdesk.example.toml");
    let s = Settings::from_toml(text).unwrap();
    assert!(s.safety.hotlines.len() >= 3);
    // The example writes out the built-in languages, and every text it gives per language
    // covers each of them.
    assert_eq!(s.languages, super::Languages::default());
    let offered = s.languages.offered();
    for h in &s.safety.hotlines {
        for tag in offered.iter().map(|l| l.tag()) {
            assert!(h.name.contains_key(tag) && h.hours.contains_key(tag), "{} lacks {tag}", h.number);
        }
    }
    assert_eq!(s.centre.phone.as_deref(), Some("0000-00-0000"));
    assert!(s.staff.public_url.as_deref().is_some_and(|u| u.starts_with("https://")));
    for place in &s.phrasebook.places {
        for tag in offered.iter().map(|l| l.tag()).filter(|t| *t != "ja") {
            assert!(place.names.contains_key(tag), "{} lacks {tag}", place.code);
        }
    }
    assert!(s.phrasebook.place("council").is_some());
    // The example writes out the built-in routing rules.
    assert_eq!(format!("{:?}", s.routing), format!("{:?}", crate::routing::Rules::default()));
}

#[test]
fn an_old_file_with_centre_open_stops_and_says_the_hours_moved_to_hours() {
    for field in ["open", "close"] {
        let e = Settings::from_toml(&format!("[centre]\nphone = \"0561-00-0000\"\n{field} = \"8:30\"\n")).unwrap_err();
        assert!(e.starts_with(&format!("centre.{field} has moved to [hours]")), "{e}");
        assert!(e.contains("monday = \"08:30-17:15\""), "{e}");
    }
    assert!(Settings::from_toml("[centre]\nphone = \"0561-00-0000\"\nreply_days = 3\n").is_ok());
}

#[test]
fn staffs_normal_deadline_may_not_fall_after_the_business_days_residents_are_told() {
    // 8:30–17:15 is 8 h 45: two business days hold 17 office hours, the old 48 did not fit.
    let e = Settings::from_toml("[routing.sla]\nnormal_hours = 48\n").unwrap_err();
    assert!(e.starts_with("routing.sla.normal_hours = 48 counts office hours") && e.contains("17 or less"), "{e}");
    assert!(Settings::from_toml("[routing.sla]\nnormal_hours = 17\n").is_ok());
    assert!(Settings::from_toml("[centre]\nreply_days = 5\n[routing.sla]\nnormal_hours = 40\n").is_ok());
    // A short Saturday is the shortest day: it bounds what two days hold.
    let e = Settings::from_toml("[hours]\nsaturday = \"09:00-12:00\"\n").unwrap_err();
    assert!(e.contains("set normal_hours to 6 or less"), "{e}");
}

#[test]
fn an_on_call_entry_is_read_into_types_and_a_mistake_names_the_entry_the_field_and_the_line() {
    let id = "U0123456789abcdef0123456789abcdef";
    let s = Settings::from_toml(&format!(
        "[alerts]\ncentre = [\"C0123456789abcdef0123456789abcdef\"]\n\
         [[alerts.on_call]]\nid = \"{id}\"\ndays = [\"sat\", \"sun\", \"holiday\"]\n\
         [[alerts.on_call]]\nid = \"{id}\"\nfrom = \"17:15\"\nto = \"08:30\"\n"
    ))
    .unwrap();
    assert_eq!(s.alerts.on_call.len(), 2);
    assert_eq!(s.alerts.on_call[1].id.as_str(), id);
    let e = Settings::from_toml(&format!(
        "[[alerts.on_call]]\nid = \"{id}\"\n[[alerts.on_call]]\nid = \"{id}\"\nfrom = \"25:00\"\nto = \"08:30\"\n"
    ))
    .unwrap_err();
    assert!(e.starts_with("line ") && e.contains("alerts.on_call[1].from: \"25:00\" is not a time"), "{e}");
}

#[test]
fn the_example_config_files_alert_targets_and_on_call_entries_are_valid_once_uncommented() {
    let keys = ["[[alerts.on_call]]", "id = ", "days = ", "from = ", "to = ", "coordinators = ", "centre = "];
    let text: String = include_str!("../../frontdesk.example.toml")
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if keys.iter().any(|k| rest.starts_with(k)) => format!("{rest}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    let s = Settings::from_toml(&text).unwrap();
    assert_eq!((s.alerts.on_call.len(), s.alerts.coordinators.len(), s.alerts.centre.len()), (2, 1, 1));
}
