//! Stored answer codes in staff's Japanese: shared by the dashboard, the API and the
//! coordinators' alerts, so a case reads the same wherever staff see it.

use fluent_bundle::FluentArgs;

use crate::{i18n::staff::StaffText, intake::answers::Household};

/// The Japanese label of one stored code ("なし" when unanswered or unknown).
pub fn label_of<T: Copy>(
    t: &StaffText,
    code: Option<&str>,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> String {
    match code.and_then(parse) {
        Some(v) => t.text(label(v)),
        None => t.text("value-none"),
    }
}

/// The Japanese labels of a stored comma-separated list of codes.
pub fn list_of<T: Copy>(
    t: &StaffText,
    codes: &str,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> Vec<String> {
    codes.split(',').filter_map(|c| parse(c.trim())).map(|v| t.text(label(v))).collect()
}

/// The household: alone, or how many adults and children.
pub fn household(t: &StaffText, household: Option<&str>, adults: Option<i64>, children: Option<i64>) -> String {
    match (household, adults, children) {
        (Some("alone"), _, _) => t.text(Household::Alone.label()),
        (Some(_), Some(a), Some(ch)) => {
            let mut args = FluentArgs::new();
            args.set("adults", a);
            args.set("children", ch);
            t.format("household-summary", Some(&args))
        }
        (h, _, _) => label_of(t, h, Household::from_code, Household::label),
    }
}
