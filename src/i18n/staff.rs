//! Staff-facing words: Japanese only (`locales/ja/staff.ftl`), plus the Japanese labels of
//! every answer (`locales/ja/frontdesk.ftl`), so a case reads the same in Japanese whatever
//! language the resident used.

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::I18nError;

const STAFF: &str = include_str!("../../locales/ja/staff.ftl");
const RESIDENT_JA: &str = include_str!("../../locales/ja/frontdesk.ftl");

pub struct StaffText {
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for StaffText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffText")
    }
}

impl StaffText {
    pub fn load() -> Result<Self, I18nError> {
        let err = |reason: String| I18nError::Locale { lang: "ja (staff.ftl)", reason };
        let id: LanguageIdentifier = "ja".parse().map_err(|e| err(format!("{e}")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        for source in [STAFF, RESIDENT_JA] {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, e)| err(format!("{e:?}")))?;
            // An id defined in both files is an error: the two must not disagree.
            bundle.add_resource(resource).map_err(|e| err(format!("{e:?}")))?;
        }
        Ok(StaffText { bundle })
    }

    /// The message `id`; a missing one yields its id (and is caught by the tests).
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        match self.bundle.get_message(id).and_then(|m| m.value()) {
            Some(p) => {
                let mut errors = Vec::new();
                self.bundle.format_pattern(p, args, &mut errors).into_owned()
            }
            None => id.to_owned(),
        }
    }

    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The label of a stored code: `label("queue", "housing")` is `queue-housing`'s text;
    /// an unknown code is shown as it is.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        let id = format!("{prefix}-{code}");
        if self.bundle.has_message(&id) {
            self.text(&id)
        } else {
            code.to_owned()
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        casework::{Outcome, Role, Status},
        routing::{Priority, Queue},
    };

    #[test]
    fn every_code_staff_see_has_a_japanese_label() {
        let t = StaffText::load().unwrap();
        let mut ids: Vec<String> = Vec::new();
        ids.extend(Queue::ALL.iter().map(|q| format!("queue-{}", q.code())));
        ids.extend(
            [Priority::Emergency, Priority::Urgent, Priority::Normal].iter().map(|p| format!("priority-{}", p.code())),
        );
        ids.extend(Status::ALL.iter().map(|s| format!("status-{}", s.code())));
        ids.extend(Outcome::CHOOSABLE.iter().chain([Outcome::Erased].iter()).map(|o| format!("outcome-{}", o.code())));
        ids.extend([Role::Staff, Role::Coordinator, Role::Admin].iter().map(|r| format!("role-{}", r.code())));
        ids.extend(crate::i18n::Lang::ALL.iter().map(|l| format!("lang-{}", l.tag())));
        for id in ids {
            assert!(t.has(&id), "locales/ja/staff.ftl lacks {id}");
        }
        assert_eq!(t.label("queue", "housing"), "住まい支援");
        assert_eq!(t.label("queue", "boats"), "boats");
    }
}
