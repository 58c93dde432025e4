//! The settings of the staff side: coordinator alerts, the dashboard, retention.

use std::net::IpAddr;

use serde::Deserialize;

use crate::{alerts::on_call::OnCall, ids::ChatId};

/// Who is alerted on LINE at once about a new shelter or emergency case, and when an
/// alert nobody acknowledged is sent again and escalated (`crate::alerts`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertSettings {
    /// Group, room or user ids of the shelter coordinators: shelter and emergency cases
    /// whose resident consented to sharing with partner organisations. A group's id is
    /// shown on the admin page once the bot has been added to it.
    pub coordinators: Vec<ChatId>,
    /// The consultation centre's own group: every emergency case, with or without consent.
    pub centre: Vec<ChatId>,
    /// A shelter alert not acknowledged this many minutes after it was sent is sent to
    /// the coordinators again (再通知).
    pub ack_minutes: u32,
    /// … and this many minutes after it was sent, to the on-call staff and the centre.
    pub escalate_minutes: u32,
    /// The same for an emergency case.
    pub emergency_ack_minutes: u32,
    pub emergency_escalate_minutes: u32,
    /// `[[alerts.on_call]]`: who hears of an escalated alert besides the centre, and when
    /// (`crate::alerts::on_call`).
    #[serde(deserialize_with = "crate::alerts::on_call::deserialize")]
    pub on_call: Vec<OnCall>,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            coordinators: Vec::new(),
            centre: Vec::new(),
            ack_minutes: 15,
            escalate_minutes: 30,
            emergency_ack_minutes: 5,
            emergency_escalate_minutes: 10,
            on_call: Vec::new(),
        }
    }
}

impl AlertSettings {
    /// Checks what serde cannot.
    pub fn validate(&self) -> Result<(), String> {
        let ids_ok = self.coordinators.iter().chain(&self.centre).all(|i| is_line_chat_id(i.as_str()));
        let order_ok = |ack: u32, escalate: u32| (1..=1440).contains(&ack) && ack < escalate && escalate <= 1440;
        let checks = [
            ("alerts: each id must be a LINE user, group or room id (U, C or R and 32 hex digits)", ids_ok),
            (
                "alerts.ack_minutes and alerts.escalate_minutes must be 1 to 1440, ack_minutes first",
                order_ok(self.ack_minutes, self.escalate_minutes),
            ),
            (
                "alerts.emergency_ack_minutes and alerts.emergency_escalate_minutes must be 1 to 1440, ack first",
                order_ok(self.emergency_ack_minutes, self.emergency_escalate_minutes),
            ),
        ];
        match checks.iter().find(|(_, ok)| !ok) {
            Some((msg, _)) => Err((*msg).to_owned()),
            None => Ok(()),
        }
    }
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
    /// Login attempts per account name (four times as many per client address) before
    /// each further attempt must wait, twice as long each time.
    pub login_attempts: u32,
    /// A name's or an address's count is forgotten this long after its last attempt.
    pub login_window_minutes: u64,
    /// The longest wait between two attempts on one name: what an attacker who knows a
    /// staff member's name can make that member wait at most.
    pub login_max_delay_seconds: u64,
    /// Password checks (argon2, 19 MiB each) running at once; more logins get 503 with
    /// `Retry-After`.
    pub login_concurrency: u32,
    /// The header a trusted reverse proxy writes the client's address in
    /// (`X-Forwarded-For`, `X-Real-IP` or `Forwarded`). Unset: the socket's address.
    pub trusted_proxy_header: Option<String>,
    /// The proxies' own addresses (`"10.0.0.2"`) or networks (`"10.0.0.0/24"`): the
    /// header is believed only on their connections.
    pub trusted_proxies: Vec<Network>,
    /// The icon shown beside staff's messages to residents (an https URL of a square PNG or
    /// JPEG); unset: the account's own icon. The name shown is `sender-staff` in each locale.
    pub sender_icon_url: Option<String>,
}

impl Default for StaffSettings {
    fn default() -> Self {
        StaffSettings {
            public_url: None,
            session_idle_minutes: 30,
            session_max_hours: 12,
            login_attempts: 5,
            login_window_minutes: 15,
            login_max_delay_seconds: 60,
            login_concurrency: 4,
            trusted_proxy_header: None,
            trusted_proxies: Vec::new(),
            sender_icon_url: None,
        }
    }
}

impl StaffSettings {
    /// Checks what serde cannot.
    pub fn validate(&self) -> Result<(), String> {
        let header_ok = self
            .trusted_proxy_header
            .as_deref()
            .is_none_or(|h| axum::http::HeaderName::from_bytes(h.trim().as_bytes()).is_ok());
        let pair_ok = self.trusted_proxy_header.is_some() != self.trusted_proxies.is_empty();
        let max_delay_ok =
            self.login_max_delay_seconds >= 1 && self.login_max_delay_seconds <= self.login_window_minutes * 60;
        let checks = [
            ("staff.trusted_proxy_header is not a header name", header_ok),
            ("staff.trusted_proxy_header and staff.trusted_proxies are set together (the proxies' addresses)", pair_ok),
            ("staff.login_max_delay_seconds must be 1 to login_window_minutes × 60", max_delay_ok),
            ("staff.login_concurrency must be 1 to 64", (1..=64).contains(&self.login_concurrency)),
            (
                "staff.sender_icon_url must be an https:// URL of at most 2000 characters",
                self.sender_icon_url.as_deref().is_none_or(|u| u.starts_with("https://") && u.chars().count() <= 2000),
            ),
        ];
        match checks.iter().find(|(_, ok)| !ok) {
            Some((msg, _)) => Err((*msg).to_owned()),
            None => Ok(()),
        }
    }
}

/// An address, or a network in CIDR notation (`10.0.0.0/24`, `2001:db8::/64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Network {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not an IP address or a network like 10.0.0.0/24");
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().map_err(|_| bad())?, Some(p.parse::<u8>().map_err(|_| bad())?)),
            None => (s.trim().parse::<IpAddr>().map_err(|_| bad())?, None),
        };
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(bits);
        if prefix > bits {
            return Err(bad());
        }
        Ok(Network { addr, prefix })
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

impl Network {
    /// Whether `ip` is this address or lies in this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let mask = |bits: u32, width: u32| if bits == 0 { 0 } else { u128::MAX << (width - bits) };
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let m = mask(self.prefix.into(), 32) as u32;
                u32::from(n) & m == u32::from(a) & m
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let m = mask(self.prefix.into(), 128);
                u128::from(n) & m == u128::from(a) & m
            }
            _ => false,
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
