//! Stable codes: every enumerated value a case carries (the resident's answers, its queue,
//! priority, status and outcome, an account's role) is declared once with `codes!`, which
//! gives the enum, its code (what the database stores, serde reads and writes, and forms and
//! the API send) and the Fluent id of its Japanese label for staff.

/// A set of codes declared with `codes!`.
pub trait Code: Copy + Sized + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The stored code.
    fn code(self) -> &'static str;
    /// The value a code names; `None` for a code this build does not know.
    fn from_code(code: &str) -> Option<Self>;
    /// The Fluent id of the label (`locales/`).
    fn label(self) -> &'static str;
}

/// Declares an enum of codes. `enum Status labelled "status-" { New => "new", … }` gives
/// each value the label `status-new`; without `labelled`, each value names its label:
/// `HomeSafe => "home_safe", "opt-tonight-home-safe";`. Serde reads and writes the code.
macro_rules! codes {
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident labelled $prefix:literal {
            $($(#[$vm:meta])* $variant:ident => $code:literal,)+
        }
    ) => {
        $crate::codes::codes! {
            $(#[$m])* $vis enum $name { $($(#[$vm])* $variant => $code, concat!($prefix, $code);)+ }
        }
    };
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vm:meta])* $variant:ident => $code:literal, $label:expr;)+
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($(#[$vm])* #[serde(rename = $code)] $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The Fluent id of the label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        // The trait repeats the inherent items so that generic code (labels, lists) can
        // take any set, while callers of one set need no import.
        impl $crate::codes::Code for $name {
            const ALL: &'static [Self] = $name::ALL;

            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }

            fn label(self) -> &'static str {
                $name::label(self)
            }
        }
    };
}

pub(crate) use codes;

/// Codes as stored in one column, comma-separated (`"housing,money"`).
pub fn join<T: Code>(values: &[T]) -> String {
    values.iter().map(|v| v.code()).collect::<Vec<_>>().join(",")
}

/// The values of a stored comma-separated list; codes this build does not know are dropped.
pub fn split<T: Code>(codes: &str) -> Vec<T> {
    codes.split(',').filter_map(|c| T::from_code(c.trim())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    codes! {
        /// A test set.
        enum Size labelled "size-" {
            Small => "small",
            /// Documented variant.
            ExtraLarge => "extra_large",
        }
    }

    #[test]
    fn code_enum_and_label_agree_and_serde_uses_the_code() {
        for s in Size::ALL {
            assert_eq!(Size::from_code(s.code()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.code()));
            assert_eq!(serde_json::from_str::<Size>(&format!("\"{}\"", s.code())).unwrap(), *s);
        }
        assert_eq!(Size::ExtraLarge.label(), "size-extra_large");
        assert_eq!(Size::from_code("huge"), None);
        assert!(serde_json::from_str::<Size>("\"huge\"").is_err());
        assert_eq!(join(&[Size::Small, Size::ExtraLarge]), "small,extra_large");
        assert_eq!(split::<Size>("small, huge ,extra_large"), vec![Size::Small, Size::ExtraLarge]);
    }
}
