//! The detector's indexes: which phrases can start at a position of a message.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many characters of a whole-word phrase its index key holds.
pub(super) const KEY_LEN: usize = 6;

/// The index key of a whole-word phrase: its first characters, spaces included (all of them
/// if it is shorter), and whether it is matched with its diacritics. Long enough that the
/// hundreds of "me …" forms of Portuguese verbs are not all tried at every "me".
pub(super) type WordKey = ([char; KEY_LEN], bool);

pub(super) fn word_key(phrase: &[char], exact: bool) -> WordKey {
    let mut key = ['\0'; KEY_LEN];
    for (k, c) in key.iter_mut().zip(phrase) {
        *k = *c;
    }
    (key, exact)
}

/// A multiplicative hash for the detector's small keys (characters): the default SipHash
/// guards against flooding by chosen keys, which fixed word lists do not need, and would be
/// a good part of the cost of every message.
#[derive(Default, Clone, Copy)]
pub(super) struct CharHasher(u64);

impl Hasher for CharHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type Index<K> = HashMap<K, Vec<usize>, BuildHasherDefault<CharHasher>>;

/// The entries whose whole-word phrase starts with a key, and whether longer keys start with it.
#[derive(Debug, Clone, Default)]
pub(super) struct Bucket {
    pub(super) entries: Vec<usize>,
    pub(super) longer: bool,
}

/// Whole-word phrases by the start of their text.
pub(super) type WordIndex = HashMap<WordKey, Bucket, BuildHasherDefault<CharHasher>>;
