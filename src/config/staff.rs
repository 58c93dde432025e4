//! The settings of the staff side: coordinator alerts, the dashboard, retention.

use serde::Deserialize;

/// Who is alerted on LINE at once about a new shelter or emergency case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertSettings {
    /// Group, room or user ids of the shelter coordinators: shelter and emergency cases
    /// whose resident consented to sharing with partner organisations. A group's id is
    /// shown on the admin page once the bot has been added to it.
    pub coordinators: Vec<String>,
    /// The consultation centre's own group: every emergency case, with or without consent.
    pub centre: Vec<String>,
}

/// The staff dashboard.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StaffSettings {
    /// The address staff open, e.g. `https://frontdesk.city.example` (links in alerts).
    /// Required, and `https://`, with a LINE channel: cookies are then `Secure` and
    /// `__Host-` prefixed and responses carry HSTS. Default (local mode): the listen address.
    pub public_url: Option<String>,
    /// A session unused this long ends.
    pub session_idle_minutes: u64,
    /// A session ends this long after login, used or not.
    pub session_max_hours: u64,
    /// Failed logins allowed per account name and per client address in the window.
    pub login_attempts: u32,
    pub login_window_minutes: u64,
}

impl Default for StaffSettings {
    fn default() -> Self {
        StaffSettings {
            public_url: None,
            session_idle_minutes: 30,
            session_max_hours: 12,
            login_attempts: 5,
            login_window_minutes: 15,
        }
    }
}

/// How long personal data is kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionSettings {
    /// Closed cases older than this are anonymised by `frontdesk purge`.
    pub closed_case_days: u64,
    /// Handled webhook events (which hold what residents wrote) are deleted after this.
    pub inbox_days: u64,
    /// Delivered messages' bodies are removed from the outbox after this.
    pub message_days: u64,
    /// Run the purge in `serve` every this many hours; 0: only by `frontdesk purge`.
    pub purge_every_hours: u64,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings { closed_case_days: 365, inbox_days: 30, message_days: 30, purge_every_hours: 0 }
    }
}

/// A LINE user, group or room id: `U`, `C` or `R` and 32 hex digits.
pub fn is_line_chat_id(id: &str) -> bool {
    id.len() == 33 && id.starts_with(['U', 'C', 'R']) && id[1..].bytes().all(|b| b.is_ascii_hexdigit())
}
