//! What kind of start this is (a real LINE channel, local mode asked for with `--local`, or
//! neither, which only the maintenance commands accept) and the checks that keep a
//! deployment from starting half-configured or falling back to local mode.

use std::net::SocketAddr;

use secrecy::SecretString;

use super::{env_err, ConfigError, Settings};

/// Local mode keeps its data here, never in a deployment's database.
pub const LOCAL_DATABASE_URL: &str = "sqlite://frontdesk-local.db";
/// A deployment's default database (a single instance on SQLite).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://frontdesk.db";

/// The channel's credentials, from `LINE_CHANNEL_SECRET` and `LINE_CHANNEL_ACCESS_TOKEN`.
#[derive(Clone)]
pub struct LineCredentials {
    pub channel_secret: SecretString,
    pub access_token: SecretString,
}

impl std::fmt::Debug for LineCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineCredentials { .. }")
    }
}

/// Whom the service talks to.
#[derive(Debug, Clone)]
pub enum Channel {
    /// A real LINE channel.
    Line(LineCredentials),
    /// Local mode (`--local`): the embedded fake LINE platform and the simulator.
    Local,
    /// Neither: enough for `migrate`, `staff` and `purge`; `serve` refuses to start.
    Unset,
}

/// The one line a start without a channel stops with.
pub const NO_CHANNEL: &str = "LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set: give the LINE \
     channel's credentials, or start local mode with `frontdesk --local` (from the source tree: `cargo run -- --local`)";

/// Reads the credentials. With `local`, any LINE variable is refused: local mode must never
/// run beside a real channel's secrets.
pub(super) fn channel(local: bool, get: impl Fn(&'static str) -> Option<String>) -> Result<Channel, ConfigError> {
    let secret = get("LINE_CHANNEL_SECRET");
    let token = get("LINE_CHANNEL_ACCESS_TOKEN");
    if local {
        return match (secret, token) {
            (None, None) => Ok(Channel::Local),
            (Some(_), _) => Err(env_err("LINE_CHANNEL_SECRET", "is set, but --local runs without a LINE channel")),
            (None, Some(_)) => {
                Err(env_err("LINE_CHANNEL_ACCESS_TOKEN", "is set, but --local runs without a LINE channel"))
            }
        };
    }
    match (secret, token) {
        (None, None) => Ok(Channel::Unset),
        (Some(_), None) => Err(env_err("LINE_CHANNEL_ACCESS_TOKEN", "must be set when LINE_CHANNEL_SECRET is set")),
        (None, Some(_)) => Err(env_err("LINE_CHANNEL_SECRET", "must be set when LINE_CHANNEL_ACCESS_TOKEN is set")),
        (Some(secret), Some(token)) => {
            // The console shows the secret as 32 hex characters.
            if secret.trim().len() < 16 || secret.trim().contains(char::is_whitespace) {
                return Err(env_err("LINE_CHANNEL_SECRET", "does not look like a channel secret (32 hex characters)"));
            }
            if token.trim().contains(char::is_whitespace) {
                return Err(env_err("LINE_CHANNEL_ACCESS_TOKEN", "must not contain spaces"));
            }
            Ok(Channel::Line(LineCredentials {
                channel_secret: SecretString::from(secret.trim().to_owned()),
                access_token: SecretString::from(token.trim().to_owned()),
            }))
        }
    }
}

/// The database: local mode has its own file and refuses a deployment's `DATABASE_URL`.
pub(super) fn database_url(local: bool, value: Option<String>) -> Result<String, ConfigError> {
    if local {
        return match value {
            None => Ok(LOCAL_DATABASE_URL.to_owned()),
            Some(_) => Err(env_err(
                "DATABASE_URL",
                "is set, but --local keeps its data in frontdesk-local.db, apart from any deployment's database",
            )),
        };
    }
    let url = value.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        super::postgres::check_url(&url)?;
    } else if !url.starts_with("sqlite:") {
        return Err(env_err("DATABASE_URL", "must start with sqlite: or postgres://"));
    }
    Ok(url)
}

/// Local mode answers only this machine: its simulator and dashboard have a printed
/// password and no LINE behind them.
pub(super) fn check_bind(local: bool, bind: SocketAddr) -> Result<(), ConfigError> {
    if local && !bind.ip().is_loopback() {
        return Err(env_err("FRONTDESK_BIND", "--local listens only on a loopback address such as 127.0.0.1:8080"));
    }
    Ok(())
}

/// With a real channel, the dashboard is reached over HTTPS (session cookies are then
/// `Secure`) and residents are given the centre's real number.
pub(super) fn check_channel_settings(
    channel: &Channel,
    settings: &Settings,
    config_file: Option<&std::path::Path>,
) -> Result<(), ConfigError> {
    if !matches!(channel, Channel::Line(_)) {
        return Ok(());
    }
    let file_err = |reason: &str| ConfigError::File {
        path: config_file.map_or("FRONTDESK_CONFIG".into(), |p| p.display().to_string()),
        reason: reason.to_owned(),
    };
    let placeholder = |p: &str| p.trim().is_empty() || p.trim() == "0000-00-0000";
    if settings.centre.phone.as_deref().is_none_or(placeholder) {
        // Residents who decline consent are given this number: never a made-up one.
        return Err(file_err(
            "[centre] phone must be set to the centre's real number when a LINE channel is configured",
        ));
    }
    if !settings.staff.public_url.as_deref().is_some_and(|u| u.starts_with("https://")) {
        return Err(file_err(
            "[staff] public_url must be the dashboard's https:// address when a LINE channel is configured",
        ));
    }
    Ok(())
}
