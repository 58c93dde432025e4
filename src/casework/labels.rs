//! Stored codes in staff's Japanese: shared by the dashboard, the API and the coordinators'
//! alerts, so a case reads the same wherever staff see it. Every label is the Fluent message
//! its code names (`codes::Code::label`).

use fluent_bundle::FluentArgs;

use crate::{codes::Code, i18n::staff::StaffText, intake::answers::Household};

/// The Japanese label of a value.
pub fn ja<T: Code>(t: &StaffText, value: T) -> String {
    t.text(value.label())
}

/// The Japanese label of a stored code; a code this build does not know is shown as it is.
pub fn stored<T: Code>(t: &StaffText, code: &str) -> String {
    T::from_code(code).map_or_else(|| code.to_owned(), |v| ja(t, v))
}

/// The Japanese label of a stored answer ("なし" when unanswered or unknown).
pub fn answer<T: Code>(t: &StaffText, code: Option<&str>) -> String {
    match code.and_then(T::from_code) {
        Some(v) => ja(t, v),
        None => t.text("value-none"),
    }
}

/// The Japanese labels of a stored comma-separated list of codes.
pub fn list<T: Code>(t: &StaffText, codes: &str) -> Vec<String> {
    crate::codes::split::<T>(codes).into_iter().map(|v| ja(t, v)).collect()
}

/// Each value with its code and label, as the dashboard's selects list them.
pub fn choices<T: Code>(t: &StaffText, values: impl IntoIterator<Item = T>) -> Vec<serde_json::Value> {
    values.into_iter().map(|v| serde_json::json!({ "code": v.code(), "label": ja(t, v) })).collect()
}

/// The household: alone, or how many adults and children.
pub fn household(t: &StaffText, household: Option<&str>, adults: Option<i64>, children: Option<i64>) -> String {
    match (household, adults, children) {
        (Some(h), _, _) if h == Household::Alone.code() => ja(t, Household::Alone),
        (Some(_), Some(a), Some(ch)) => {
            let mut args = FluentArgs::new();
            args.set("adults", a);
            args.set("children", ch);
            t.format("household-summary", Some(&args))
        }
        (h, _, _) => answer::<Household>(t, h),
    }
}
