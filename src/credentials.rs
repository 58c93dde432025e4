//! Secrets staff use: argon2id password hashes, random session and API tokens, and the
//! SHA-256 digests under which tokens are stored (a leaked database holds no usable token).

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("the system's random source failed: {0}")]
    Random(String),
    #[error("could not hash the password: {0}")]
    Hash(String),
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
}

pub const MIN_PASSWORD_CHARS: usize = 12;

/// `n` bytes from the operating system's CSPRNG.
fn random_bytes<const N: usize>() -> Result<[u8; N], CredentialError> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| CredentialError::Random(e.to_string()))?;
    Ok(b)
}

/// A fresh random token (256 bits, URL-safe base64): session cookies, CSRF, API tokens.
pub fn random_token() -> Result<String, CredentialError> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<32>()?))
}

/// How a token is stored and looked up.
pub fn digest(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// An argon2id hash (RFC 9106 defaults of the `argon2` crate: 19 MiB, 2 passes), as a
/// PHC string with its own salt.
pub fn hash_password(password: &str) -> Result<String, CredentialError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(CredentialError::TooShort);
    }
    let salt = SaltString::encode_b64(&random_bytes::<16>()?).map_err(|e| CredentialError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CredentialError::Hash(e.to_string()))
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so the answer takes as long
/// either way and does not tell which names are accounts.
pub fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("not-a-real-password-at-all").unwrap_or_default())
}

/// Constant-time equality for tokens: the time taken does not tell how much of a guess was
/// right. Lengths are not secret (every token has the same length).
pub fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The letters of a link code: no 0/O, 1/I/L, easy to read and type on a phone.
const LINK_CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A one-time code that links a coordinator's LINE account (`frontdesk staff link`), like
/// `FD-7K3M-9Q2X`: 8 letters of 31, about 40 bits, enough for a code that lives 15 minutes
/// and works once.
pub fn link_code() -> Result<String, CredentialError> {
    let n = LINK_CODE_ALPHABET.len();
    let mut letters = Vec::with_capacity(8);
    while letters.len() < 8 {
        // Rejection sampling: a byte from the top, uneven, remainder would favour some letters.
        for b in random_bytes::<16>()? {
            if (b as usize) < 256 - 256 % n && letters.len() < 8 {
                letters.push(LINK_CODE_ALPHABET[b as usize % n] as char);
            }
        }
    }
    let (a, b) = letters.split_at(4);
    Ok(format!("FD-{}-{}", a.iter().collect::<String>(), b.iter().collect::<String>()))
}

/// The link code a message is, if it is exactly one (spaces around it, lower case and
/// full-width letters as a phone may type them are allowed): anything else a person writes
/// is never taken for a code.
pub fn read_link_code(text: &str) -> Option<String> {
    let code: String = text
        .trim()
        .chars()
        .map(|c| match c {
            // Full-width ASCII (U+FF01–FF5E) as its ASCII twin.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            'ー' | '‐' | '−' => '-',
            c => c,
        })
        .collect::<String>()
        .to_ascii_uppercase();
    let rest = code.strip_prefix("FD-")?;
    let (a, b) = rest.split_once('-')?;
    let ok = |part: &str| part.len() == 4 && part.bytes().all(|c| LINK_CODE_ALPHABET.contains(&c));
    (ok(a) && ok(b)).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterx", &h));
        assert!(!verify_password("correct horse battery", "not a hash"));
        assert!(matches!(hash_password("short"), Err(CredentialError::TooShort)));
        assert_ne!(hash_password("correct horse battery").unwrap(), h, "each hash has its own salt");
    }

    #[test]
    fn tokens_are_random_and_stored_as_digests() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), digest(&b));
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same("a", "ab"));
    }

    #[test]
    fn a_link_code_is_easy_to_type_and_read_back_as_typed_on_a_phone() {
        let code = link_code().unwrap();
        assert_eq!(code.len(), 12, "{code}");
        assert_eq!(read_link_code(&code).as_deref(), Some(code.as_str()));
        assert_ne!(link_code().unwrap(), code);
        assert_eq!(read_link_code(" fd-7k3m-9q2x\n").as_deref(), Some("FD-7K3M-9Q2X"));
        assert_eq!(read_link_code("ＦＤ－７Ｋ３Ｍ－９Ｑ２Ｘ").as_deref(), Some("FD-7K3M-9Q2X"));
        for not_a_code in
            ["FD-7K3M-9Q2", "FD-7K3M-9Q2XX", "FD-0O1I-9Q2X", "コードは FD-7K3M-9Q2X です", "家がない", "FD"]
        {
            assert_eq!(read_link_code(not_a_code), None, "{not_a_code}");
        }
    }
}
