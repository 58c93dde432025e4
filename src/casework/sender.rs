//! Who a resident sees writing a staff message: LINE's `sender` (Messaging API reference,
//! "Message objects" › "Common properties" › `sender`: a name of at most 20 characters
//! without the word "LINE", and an optional icon). By default 「相談員」 / "Atendente" / "Nhân
//! viên tư vấn" (`sender-staff`), never a person's name; an account that opted in to a display
//! name (`frontdesk staff display-name`) is shown as 「相談員 山田」.

use super::CaseworkError;
use crate::{
    i18n::{Lang, Locales},
    line::message::{Message, MessageError, Sender, MAX_SENDER_NAME_CHARS},
};

/// The longest display name: with 「相談員」 or "Atendente" and a space it still fits LINE's
/// 20 characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 10;

/// A display name as an admin typed it, checked: 1–10 characters, no control characters, not
/// the word LINE (which LINE refuses in a sender's name).
pub fn check_display_name(raw: &str) -> Result<String, CaseworkError> {
    let name = raw.trim();
    let n = name.chars().count();
    if n == 0 || n > MAX_DISPLAY_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(CaseworkError::Invalid("表示名は1〜10文字で入れてください"));
    }
    if name.to_uppercase().contains("LINE") || name.contains("ＬＩＮＥ") {
        return Err(CaseworkError::Invalid("表示名に「LINE」は使えません（LINEの決まりです）"));
    }
    Ok(name.to_owned())
}

/// The sender's name in `lang`: the role, then the display name if the account has one. When
/// both do not fit LINE's 20 characters (Vietnamese's "Nhân viên tư vấn" is 16), the display
/// name alone: a person's name still tells the resident that a person is writing.
pub fn sender_name(locales: &Locales, lang: Lang, display: Option<&str>) -> String {
    let role = locales.text(lang, "sender-staff", None);
    match display {
        None => role,
        Some(name) => {
            let both = format!("{role} {name}");
            if both.chars().count() <= MAX_SENDER_NAME_CHARS {
                both
            } else {
                name.to_owned()
            }
        }
    }
}

/// Who a staff message in `lang` is from: `sender_name`, with the configured icon.
pub fn staff_sender(
    locales: &Locales,
    lang: Lang,
    icon: Option<&str>,
    display: Option<&str>,
) -> Result<Sender, MessageError> {
    Sender::new(&sender_name(locales, lang, display), icon)
}

/// A staff member's message to a resident in `lang`, with the sender as `sender_name` says.
pub fn staff_message(
    locales: &Locales,
    lang: Lang,
    icon: Option<&str>,
    display: Option<&str>,
    text: &str,
) -> Result<Message, MessageError> {
    Ok(Message::text(text)?.with_sender(staff_sender(locales, lang, icon, display)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_display_name_residents_see_only_the_role_and_with_one_the_name_beside_it() {
        let locales = Locales::load().unwrap();
        assert_eq!(sender_name(&locales, Lang::JA, None), "相談員");
        assert_eq!(sender_name(&locales, Lang::JA, Some("山田")), "相談員 山田");
        assert_eq!(sender_name(&locales, Lang::PT_BR, Some("Yamada")), "Atendente Yamada");
        // Too long beside "Nhân viên tư vấn": the name alone, within LINE's limit.
        assert_eq!(sender_name(&locales, Lang::VI, Some("Yamada")), "Yamada");
        let longest = "あ".repeat(MAX_DISPLAY_NAME_CHARS);
        for lang in Lang::ALL {
            for display in [None, Some("山田"), Some(longest.as_str())] {
                let m = staff_message(&locales, lang, None, display, "x").unwrap();
                let json = serde_json::to_value(&m).unwrap();
                let name = json["sender"]["name"].as_str().unwrap();
                assert!(name.chars().count() <= MAX_SENDER_NAME_CHARS, "{lang:?}: {name}");
            }
        }
    }

    #[test]
    fn a_display_name_is_short_and_never_the_word_line() {
        assert_eq!(check_display_name(" 山田 "), Ok("山田".to_owned()));
        assert!(check_display_name("").is_err());
        assert!(check_display_name(&"a".repeat(MAX_DISPLAY_NAME_CHARS + 1)).is_err());
        assert!(check_display_name("Line担当").is_err());
        assert!(check_display_name("ＬＩＮＥ").is_err());
        assert!(check_display_name("山\n田").is_err());
    }
}
