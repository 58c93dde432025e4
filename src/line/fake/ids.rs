//! Real-format identifiers for the fake platform: user ids, reply tokens, ULID webhook event ids.
//!
//! Formats from LINE's OpenAPI `webhook.yml` (`CallbackRequest`, `Source`): user ids are `U` + 32 lowercase
//! hex (groups `C…`, rooms `R…`), `webhookEventId` is a ULID, reply tokens here are 32 hex.

use std::time::{SystemTime, UNIX_EPOCH};

/// 32 random lowercase hex digits.
pub(super) fn hex32() -> String {
    format!("{:032x}", fastrand::u128(..))
}

/// A fresh user id: `U` + 32 hex (webhook.yml `destination` pattern `^U[0-9a-f]{32}$`).
pub(super) fn user_id() -> String {
    format!("U{}", hex32())
}

/// Whether `id` looks like a LINE chat id of the given kind (`U`, `C` or `R` + 32 lowercase hex).
pub(super) fn is_chat_id(id: &str, kinds: &[char]) -> bool {
    let mut chars = id.chars();
    match chars.next() {
        Some(first) if kinds.contains(&first) => {}
        _ => return false,
    }
    id.len() == 33 && chars.all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

/// An opaque token such as `quoteToken` or `markAsReadToken` (the real ones are long and opaque).
pub(super) fn opaque_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..len).map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char).collect()
}

/// Milliseconds since the Unix epoch (the webhook `timestamp` unit, `webhook.yml` `Event`).
pub(super) fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A ULID: 48-bit millisecond timestamp + 80 random bits, Crockford base32, 26 characters.
pub(super) fn ulid() -> String {
    const CROCKFORD: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let value: u128 = (u128::from(now_ms() & 0xFFFF_FFFF_FFFF) << 80) | (fastrand::u128(..) >> 48);
    (0..26).rev().map(|i| CROCKFORD[((value >> (i * 5)) & 0x1F) as usize] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_real_formats() {
        let u = user_id();
        assert!(is_chat_id(&u, &['U']), "{u}");
        assert!(!is_chat_id(&u, &['C', 'R']));
        assert!(!is_chat_id("U123", &['U']));
        assert!(!is_chat_id(&format!("U{}", "A".repeat(32)), &['U']));
        let id = ulid();
        assert_eq!(id.len(), 26);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() && !"ILOU".contains(c)), "{id}");
        assert_ne!(ulid(), ulid());
        // ULIDs sort by time: the first 10 characters encode the millisecond timestamp.
        assert!(id[..10] <= ulid()[..10]);
    }
}
