//! Configuration: environment variables for the deployment, an optional TOML file
//! (`FRONTDESK_CONFIG`) for everything else. Every error names the variable or field.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use serde::Deserialize;

mod deployment;
mod languages;
mod phrasebook;
mod postgres;
mod staff;

pub use deployment::{Channel, LineCredentials, DEFAULT_DATABASE_URL, LOCAL_DATABASE_URL, NO_CHANNEL};
pub use languages::{LanguageEntry, Languages};
pub use phrasebook::{PhrasebookSettings, Place};
pub use postgres::unverified_remote;
pub use staff::{is_line_chat_id, AlertSettings, Network, RetentionSettings, StaffSettings};

use crate::line::client::{DEFAULT_API_BASE, DEFAULT_DATA_API_BASE};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{var}: {reason}")]
    Env { var: &'static str, reason: String },
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    /// `serve` without a channel and without `--local`.
    #[error("{}", NO_CHANNEL)]
    NoChannel,
}

fn env_err(var: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Env { var, reason: reason.into() }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// A real channel, local mode, or (maintenance commands only) neither.
    pub channel: Channel,
    pub api_base_url: String,
    pub data_api_base_url: String,
    pub database_url: String,
    pub bind: SocketAddr,
    pub config_file: Option<PathBuf>,
    pub settings: Settings,
}

/// Everything else, from the TOML file; each field has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub workers: WorkerSettings,
    pub line: LineSettings,
    pub centre: CentreSettings,
    /// Office hours per weekday, closed days, and the night-time text (`hours`).
    pub hours: crate::hours::Hours,
    pub safety: SafetySettings,
    pub intake: IntakeSettings,
    /// Case routing rules; built-in defaults follow the README.
    pub routing: crate::routing::Rules,
    pub alerts: AlertSettings,
    /// The places and documents staff can name in a phrase.
    pub phrasebook: PhrasebookSettings,
    pub staff: StaffSettings,
    pub retention: RetentionSettings,
    /// `[[languages]]`: the languages residents are offered, in order, and the LINE profile
    /// languages that map to each (default: every built-in one).
    pub languages: Languages,
}

/// The consultation centre, as residents are told about it.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CentreSettings {
    /// Required with a real LINE channel: residents are given this number.
    pub phone: Option<String>,
    /// Staff contact a resident within this many business days.
    pub reply_days: u32,
}

impl Default for CentreSettings {
    fn default() -> Self {
        CentreSettings { phone: None, reply_days: 2 }
    }
}

/// Numbers given in an emergency or a crisis.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SafetySettings {
    pub police: String,
    pub ambulance: String,
    /// Crisis and DV hotlines listed in the crisis message (see the example config).
    pub hotlines: Vec<Hotline>,
}

impl Default for SafetySettings {
    fn default() -> Self {
        SafetySettings { police: "110".into(), ambulance: "119".into(), hotlines: Vec::new() }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub number: String,
    /// The hotline's name and hours per language tag (`ja`, `ja-simple`, `pt-BR`, `vi`);
    /// a missing language falls back to `ja`.
    pub name: std::collections::BTreeMap<String, String>,
    pub hours: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntakeSettings {
    /// After this long without a message, the resident is asked "continue or start over?".
    pub idle_hours: u64,
}

impl Default for IntakeSettings {
    fn default() -> Self {
        IntakeSettings { idle_hours: 24 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkerSettings {
    /// Run the inbox and outbox workers in this process. An instance with `false` only
    /// receives webhooks (the events wait for a worker elsewhere, or for a restart).
    pub enabled: bool,
    /// How long a claimed inbox event or outbox row stays with one process unless renewed:
    /// the holder's heartbeat renews it while the work goes on, so this is how soon the
    /// work of an instance that died moves to another (PostgreSQL; on SQLite a starting
    /// process takes every lease over at once).
    pub lease_seconds: u64,
    /// How often a process renews the leases it holds (at least three times a lease).
    pub heartbeat_millis: u64,
    /// How many events or rows one claim takes.
    pub batch_size: u32,
    /// How many inbox loops run side by side in this process.
    pub inbox_loops: u32,
    /// How many LINE calls may be in flight at once.
    pub send_concurrency: u32,
    /// How often workers look for work when nothing woke them (other instances, retries).
    pub poll_millis: u64,
    /// Handling attempts before an inbox event is set aside as failed.
    pub max_handling_attempts: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LineSettings {
    /// A reply token is used only this long after the event happened. LINE: "within
    /// 1 minute, not guaranteed after"; older measurements found about 30 s.
    pub reply_token_seconds: u64,
    /// Timeout for one call to LINE. An answer that does not come counts as "unknown".
    pub request_timeout_seconds: u64,
    /// A push is retried for this long; LINE keeps a retry key for 24 hours, after which a
    /// retry could be delivered twice, so we stop before.
    pub retry_window_hours: u64,
    /// Longest backoff between two attempts.
    pub max_backoff_seconds: u64,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            enabled: true,
            lease_seconds: 6,
            heartbeat_millis: 1000,
            batch_size: 256,
            inbox_loops: 1,
            send_concurrency: 64,
            poll_millis: 500,
            max_handling_attempts: 8,
        }
    }
}

impl Default for LineSettings {
    fn default() -> Self {
        LineSettings {
            reply_token_seconds: 50,
            request_timeout_seconds: 10,
            retry_window_hours: 23,
            max_backoff_seconds: 300,
        }
    }
}

impl LineSettings {
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds)
    }
}

impl Config {
    /// Reads the process environment; `local` is the `--local` flag.
    pub fn from_env(local: bool) -> Result<Self, ConfigError> {
        Self::from_lookup(local, |k| std::env::var(k).ok())
    }

    /// Reads configuration through `get` (the environment in production, a map in tests).
    pub fn from_lookup(local: bool, get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |k: &'static str| get(k).filter(|v| !v.trim().is_empty());
        let channel = deployment::channel(local, get)?;
        let api_base_url = base_url("LINE_API_BASE_URL", get("LINE_API_BASE_URL"), DEFAULT_API_BASE)?;
        let data_api_base_url =
            base_url("LINE_API_DATA_BASE_URL", get("LINE_API_DATA_BASE_URL"), DEFAULT_DATA_API_BASE)?;
        let database_url = deployment::database_url(local, get("DATABASE_URL"))?;
        let bind = get("FRONTDESK_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned())
            .parse::<SocketAddr>()
            .map_err(|e| env_err("FRONTDESK_BIND", format!("not an address like 127.0.0.1:8080 ({e})")))?;
        deployment::check_bind(local, bind)?;
        let config_file = get("FRONTDESK_CONFIG").map(PathBuf::from);
        let settings = match &config_file {
            Some(path) => Settings::from_file(path)?,
            None if local => Settings::local_example()?,
            None => Settings::default(),
        };
        deployment::check_channel_settings(&channel, &settings, config_file.as_deref())?;
        Ok(Config { channel, api_base_url, data_api_base_url, database_url, bind, config_file, settings })
    }

    pub fn is_local_mode(&self) -> bool {
        matches!(self.channel, Channel::Local)
    }

    /// What `serve` needs besides a valid configuration: a channel, real or local.
    pub fn check_serve(&self) -> Result<(), ConfigError> {
        match self.channel {
            Channel::Unset => Err(ConfigError::NoChannel),
            Channel::Line(_) | Channel::Local => Ok(()),
        }
    }
}

fn base_url(var: &'static str, value: Option<String>, default: &str) -> Result<String, ConfigError> {
    let v = value.unwrap_or_else(|| default.to_owned());
    let v = v.trim().trim_end_matches('/').to_owned();
    if !(v.starts_with("https://") || v.starts_with("http://")) || v.len() <= "https://".len() {
        return Err(env_err(var, "must be an http:// or https:// URL"));
    }
    Ok(v)
}

/// `frontdesk.example.toml`, built in: local mode's settings when no file is given.
const EXAMPLE: &str = include_str!("../../frontdesk.example.toml");

impl Settings {
    /// Local mode without `FRONTDESK_CONFIG`: the example's settings (the city's places,
    /// documents, hotlines and holidays), so everything a resident or staff member may meet
    /// can be tried, with the dashboard where local mode serves it rather than at the
    /// example's address.
    pub fn local_example() -> Result<Self, ConfigError> {
        let mut s = Self::from_toml(EXAMPLE)
            .map_err(|reason| ConfigError::File { path: "frontdesk.example.toml (built in)".into(), reason })?;
        s.staff.public_url = None;
        Ok(s)
    }

    pub fn from_file(path: &std::path::Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::File { path: format!("FRONTDESK_CONFIG={shown}"), reason: e.to_string() })?;
        Self::from_toml(&text).map_err(|reason| ConfigError::File { path: shown, reason })
    }

    /// Parses the TOML text; the error names the line and the field.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        moved_fields(text)?;
        let s: Settings = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|sp| text[..sp.start].matches('\n').count() + 1);
            let msg = e.message().to_owned();
            match line {
                Some(l) => format!("line {l}: {msg}"),
                None => msg,
            }
        })?;
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> Result<(), String> {
        let w = &self.workers;
        let l = &self.line;
        let st = &self.staff;
        let r = &self.retention;
        let url_ok = st.public_url.as_deref().is_none_or(|u| u.starts_with("http://") || u.starts_with("https://"));
        self.languages.validate()?;
        self.alerts.validate()?;
        self.phrasebook.validate()?;
        let checks: [(&str, bool); 17] = [
            ("staff.public_url must be an http:// or https:// URL", url_ok),
            ("staff.session_idle_minutes must be 1 to 1440", (1..=1440).contains(&st.session_idle_minutes)),
            ("staff.session_max_hours must be 1 to 168", (1..=168).contains(&st.session_max_hours)),
            ("staff.login_attempts must be 1 to 100", (1..=100).contains(&st.login_attempts)),
            ("staff.login_window_minutes must be 1 to 1440", (1..=1440).contains(&st.login_window_minutes)),
            ("retention: days must be at least 1", r.closed_case_days >= 1 && r.inbox_days >= 1 && r.message_days >= 1),
            ("workers.inbox_loops must be 1 to 32", (1..=32).contains(&w.inbox_loops)),
            ("intake.idle_hours must be 1 to 720", (1..=720).contains(&self.intake.idle_hours)),
            ("centre.reply_days must be 1 to 30", (1..=30).contains(&self.centre.reply_days)),
            ("workers.lease_seconds must be at least 5", w.lease_seconds >= 5),
            (
                "workers.heartbeat_millis must be 100 to a third of lease_seconds",
                w.heartbeat_millis >= 100 && w.heartbeat_millis * 3 <= w.lease_seconds * 1000,
            ),
            ("workers.batch_size must be 1 to 10000", (1..=10_000).contains(&w.batch_size)),
            ("workers.send_concurrency must be 1 to 1024", (1..=1024).contains(&w.send_concurrency)),
            ("workers.poll_millis must be 10 to 60000", (10..=60_000).contains(&w.poll_millis)),
            ("line.reply_token_seconds must be 0 to 60", l.reply_token_seconds <= 60),
            ("line.request_timeout_seconds must be 1 to 120", (1..=120).contains(&l.request_timeout_seconds)),
            (
                "line.retry_window_hours must be 1 to 23 (LINE keeps a retry key 24 h)",
                (1..=23).contains(&l.retry_window_hours),
            ),
        ];
        match checks.iter().find(|(_, ok)| !ok) {
            Some((msg, _)) => Err((*msg).to_owned()),
            None => {
                self.staff.validate()?;
                self.routing.validate()?;
                self.check_normal_sla()
            }
        }
    }

    /// Staff's deadline for a normal case (office hours) must fall within the business days
    /// its resident is told (`[centre] reply_days`), whatever hour it is sent: at most
    /// `reply_days` of the shortest open day.
    fn check_normal_sla(&self) -> Result<(), String> {
        let day = self.hours.schedule.shortest_day_minutes().unwrap_or(0);
        let most = self.centre.reply_days * day / 60;
        let normal = self.routing.sla.normal_hours;
        if normal > most {
            return Err(format!(
                "routing.sla.normal_hours = {normal} counts office hours ([hours]); residents are told \
                 \"within {} business days\" ([centre] reply_days), which the shortest open day allows \
                 only {most} office hours for: set normal_hours to {most} or less",
                self.centre.reply_days
            ));
        }
        Ok(())
    }
}

/// Fields that moved: the file stops with where each went, rather than with serde's "unknown
/// field" (every table is `deny_unknown_fields`).
fn moved_fields(text: &str) -> Result<(), String> {
    let Ok(value) = text.parse::<toml::Table>() else { return Ok(()) };
    let centre = value.get("centre").and_then(toml::Value::as_table);
    for field in ["open", "close"] {
        if centre.is_some_and(|c| c.contains_key(field)) {
            return Err(format!(
                "centre.{field} has moved to [hours]: the opening hours are now given per weekday there \
                 (monday = \"08:30-17:15\" … saturday = \"closed\"), with the closed days; what residents \
                 are shown is made from [hours]. Remove [centre] open and close"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
