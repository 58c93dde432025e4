//! What a resident answered, as stable codes (`codes!`). Words live in `locales/`: each
//! value names the Fluent id of its button label, which staff screens show in Japanese.

use serde::{Deserialize, Serialize};

use crate::{codes::codes, crisis::CrisisKind};

codes! {
    /// Where the resident will sleep tonight.
    pub enum Tonight {
        HomeSafe => "home_safe", "opt-tonight-home-safe";
        HomeAtRisk => "home_at_risk", "opt-tonight-home-at-risk";
        Car => "car", "opt-tonight-car";
        NetCafe => "net_cafe", "opt-tonight-net-cafe";
        Friend => "friend", "opt-tonight-friend";
        Outside => "outside", "opt-tonight-outside";
        Facility => "facility", "opt-tonight-facility";
        Other => "other", "opt-tonight-other";
    }
}

codes! {
    pub enum Topic {
        Housing => "housing", "opt-topic-housing";
        Shelter => "shelter", "opt-topic-shelter";
        Money => "money", "opt-topic-money";
        Work => "work", "opt-topic-work";
        Health => "health", "opt-topic-health";
        Family => "family", "opt-topic-family";
        Loneliness => "loneliness", "opt-topic-loneliness";
        Documents => "documents", "opt-topic-documents";
        Other => "other", "opt-topic-other";
    }
}

codes! {
    pub enum Household {
        Alone => "alone", "opt-household-alone";
        WithOthers => "with_others", "opt-household-with-others";
    }
}

codes! {
    pub enum Vulnerable {
        Elderly => "elderly", "opt-vulnerable-elderly";
        Disability => "disability", "opt-vulnerable-disability";
        Pregnant => "pregnant", "opt-vulnerable-pregnant";
    }
}

codes! {
    /// The city's three districts, outside the city, or don't know.
    pub enum Area {
        Central => "central", "opt-area-central";
        East => "east", "opt-area-east";
        South => "south", "opt-area-south";
        Outside => "outside", "opt-area-outside";
        Unknown => "unknown", "opt-area-unknown";
    }
}

codes! {
    pub enum ContactMethod {
        Line => "line", "opt-contact-line";
        Phone => "phone", "opt-contact-phone";
        Visit => "visit", "opt-contact-visit";
    }
}

codes! {
    pub enum ContactTime {
        Morning => "morning", "opt-time-morning";
        Afternoon => "afternoon", "opt-time-afternoon";
        Evening => "evening", "opt-time-evening";
        Anytime => "anytime", "opt-time-anytime";
    }
}

codes! {
    /// The two windows a resident may choose between.
    pub enum Window {
        CityHall => "city_hall", "opt-window-city-hall";
        Council => "council", "opt-window-council";
        Any => "any", "opt-window-any";
    }
}

/// A LINE location message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Image,
    Video,
    Audio,
    File,
}

/// An image or file the resident sent; the bytes stay on LINE's content host until fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub message_id: String,
    pub kind: AttachmentKind,
    pub file_name: Option<String>,
}

/// Everything asked so far. `None` means not answered yet.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub consent_record: Option<bool>,
    pub consent_share: Option<bool>,
    pub in_danger: Option<bool>,
    pub tonight: Option<Tonight>,
    pub topics: Vec<Topic>,
    pub household: Option<Household>,
    pub adults: Option<u32>,
    pub children: Option<u32>,
    /// `Some(vec![])` means "no one"; `None` means not answered.
    pub vulnerable: Option<Vec<Vulnerable>>,
    pub area: Option<Area>,
    pub location: Option<Location>,
    /// Each text the resident wrote for the description, whole, in order.
    pub description: Vec<String>,
    /// The description step was passed (possibly with nothing written).
    pub description_done: bool,
    pub attachments: Vec<Attachment>,
    pub contact: Option<ContactMethod>,
    /// Normalised: digits only, domestic form (`09012345678`).
    pub phone: Option<String>,
    pub contact_time: Option<ContactTime>,
    pub interpreter: Option<bool>,
    pub window: Option<Window>,
    /// Answered "yes" to "in danger right now".
    pub emergency: bool,
    /// The most severe crisis wording seen in anything the resident wrote.
    pub crisis: Option<CrisisKind>,
    pub asked_for_staff: bool,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The description and phone number are the resident's own words: never in logs.
        f.debug_struct("Answers")
            .field("tonight", &self.tonight)
            .field("topics", &self.topics)
            .field("emergency", &self.emergency)
            .field("crisis", &self.crisis)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_what_serde_stores() {
        for t in Tonight::ALL {
            assert_eq!(Tonight::from_code(t.code()), Some(*t));
            assert_eq!(serde_json::to_string(t).unwrap(), format!("\"{}\"", t.code()));
        }
        assert_eq!(Topic::ALL.len(), 9);
        assert_eq!(Window::from_code("council"), Some(Window::Council));
        assert_eq!(Area::from_code("north"), None);
    }
}
