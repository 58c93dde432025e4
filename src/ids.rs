//! The identifiers that cross the edge, parsed once where they come in (a webhook event's
//! source, a staff page's or the API's URL) and carried typed from there: a resident's LINE
//! user id, the chat a message goes to, and a case's number.
//!
//! Each is a string on the wire and in the database (`serde(transparent)`,
//! `sqlx(transparent)`): only the Rust type changes. A user id is personal data, so its
//! `Debug` shows only its first and last characters.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("not a LINE user id")]
    UserId,
    #[error("not a LINE chat id")]
    ChatId,
    #[error("not a case number")]
    CaseNumber,
}

/// `Display`, `as_str`, `FromStr` (through `parse`) and `AsRef<str>` for a string newtype.
macro_rules! string_id {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    };
}

/// Whether `s` can be an id LINE gave: one token of printable ASCII. LINE's own are a
/// letter (`U`, `C`, `R`) and 32 lowercase hex digits (Messaging API reference, "Webhook
/// event objects" › "Source user", "Source group chat", "Source multi-person chat"), but the
/// examples of LINE's reference and SDK tests shorten them ("U4af4980629...") or start one
/// with `u`, and the fake platform and tests use short ones ("U1"): an event carrying any
/// of these is handled, so the shape is not checked further.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic())
}

/// The first character and the last four (fewer for a short id), for `Debug`. By
/// characters: a value read from JSON or the database was not parsed.
fn redacted(f: &mut fmt::Formatter<'_>, name: &str, id: &str) -> fmt::Result {
    let chars: Vec<char> = id.chars().collect();
    let tail = chars.len().saturating_sub(1).min(4);
    let first: String = chars.iter().take(1).collect();
    let last: String = chars[chars.len() - tail..].iter().collect();
    write!(f, "{name}({first}…{last})")
}

/// A LINE user id (`U` + 32 hex digits): who a resident is to LINE.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct LineUserId(String);

impl LineUserId {
    pub fn parse(s: &str) -> Result<Self, IdError> {
        is_token(s).then(|| LineUserId(s.to_owned())).ok_or(IdError::UserId)
    }
}

string_id!(LineUserId);

impl fmt::Debug for LineUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        redacted(f, "LineUserId", &self.0)
    }
}

/// Where a push or a loading animation goes: a user (`U…`), a group chat (`C…`) or a
/// multi-person chat (`R…`) (Messaging API reference, "Send push message", `to`). The letter
/// is not checked (see `is_token`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct ChatId(String);

impl ChatId {
    pub fn parse(s: &str) -> Result<Self, IdError> {
        is_token(s).then(|| ChatId(s.to_owned())).ok_or(IdError::ChatId)
    }

    /// A multi-person chat (`R…`) rather than a group chat or a user.
    pub fn is_room(&self) -> bool {
        self.0.starts_with('R')
    }
}

string_id!(ChatId);

impl fmt::Debug for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        redacted(f, "ChatId", &self.0)
    }
}

/// A resident's one-on-one chat.
impl From<LineUserId> for ChatId {
    fn from(user: LineUserId) -> Self {
        ChatId(user.0)
    }
}

impl From<&LineUserId> for ChatId {
    fn from(user: &LineUserId) -> Self {
        ChatId(user.0.clone())
    }
}

/// A case's number, `YYMMDD-NNNN` (Japan's date, four random digits, more on a crowded
/// day: `store::numbers`). Not secret: residents read it out on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct CaseNumber(String);

impl CaseNumber {
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let well_formed = s.split_once('-').is_some_and(|(day, n)| {
            day.len() == 6 && (4..=8).contains(&n.len()) && (day.bytes().chain(n.bytes())).all(|b| b.is_ascii_digit())
        });
        well_formed.then(|| CaseNumber(s.to_owned())).ok_or(IdError::CaseNumber)
    }
}

string_id!(CaseNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_one_printable_token() {
        let real = "U206d25c2ea6bd87c17655609a1c37cb8";
        assert_eq!(LineUserId::parse(real).unwrap().as_str(), real);
        assert!(LineUserId::parse("U1").is_ok());
        assert!(LineUserId::parse("U4af4980629...").is_ok(), "the reference's shortened example");
        assert!(LineUserId::parse("u206d25c2ea6bd87c17655609a1c37cb8").is_ok(), "an SDK test's example");
        for bad in ["", "U 1", "U1\n", "Uあ"] {
            assert_eq!(LineUserId::parse(bad), Err(IdError::UserId), "{bad:?}");
        }
    }

    #[test]
    fn chat_ids_are_users_groups_or_rooms() {
        for good in ["U1", "C1", "R1", "u206d25c2ea6bd87c17655609a1c37cb8"] {
            assert!(ChatId::parse(good).is_ok(), "{good}");
        }
        assert!(ChatId::parse("").is_err());
        assert!(ChatId::parse("C 1").is_err());
        assert!(ChatId::parse("R1").unwrap().is_room());
        assert_eq!(ChatId::from(LineUserId::parse("U1").unwrap()).as_str(), "U1");
    }

    #[test]
    fn debug_hides_most_of_a_user_id() {
        let id = LineUserId::parse("U206d25c2ea6bd87c17655609a1c37cb8").unwrap();
        assert_eq!(format!("{id:?}"), "LineUserId(U…7cb8)");
        assert_eq!(format!("{:?}", ChatId::from(id)), "ChatId(U…7cb8)");
        assert_eq!(format!("{:?}", LineUserId::parse("U1").unwrap()), "LineUserId(U…1)");
        let unparsed: LineUserId = serde_json::from_str("\"Uあいうえお\"").unwrap();
        assert_eq!(format!("{unparsed:?}"), "LineUserId(U…いうえお)");
    }

    #[test]
    fn case_numbers_are_a_day_and_four_or_more_digits() {
        for good in ["261124-0042", "261124-00042", "000000-0000"] {
            assert_eq!(CaseNumber::parse(good).unwrap().to_string(), good);
        }
        for bad in ["", "261124", "261124-042", "2611240-0042", "261124-00a2", "261124-0042-1", "../x"] {
            assert_eq!(CaseNumber::parse(bad), Err(IdError::CaseNumber), "{bad:?}");
        }
    }

    #[test]
    fn the_wire_form_is_the_string() {
        let n = CaseNumber::parse("261124-0042").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"261124-0042\"");
        let u: LineUserId = serde_json::from_str("\"U1\"").unwrap();
        assert_eq!(u.as_str(), "U1");
    }
}
