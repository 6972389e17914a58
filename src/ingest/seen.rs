//! The graphs one run has written, as a Bloom filter of fixed size.
//!
//! Whether a document is already stored is a RocksDB read, and every read leaves blocks in
//! RocksDB's block cache: on a long run into a fresh store those reads alone grew the
//! footprint by 30 MB. A run into a store that held no documents when it started needs to
//! ask the store only about graphs this filter may have seen, so it asks almost never, and
//! the filter's memory does not grow with the input. A false positive costs one read.

use std::hash::{BuildHasher, BuildHasherDefault};

/// 2^25 bits (4 MiB): about one false positive in a million up to 500,000 documents, one in
/// two hundred at 3 million; past that, more reads, never a wrong answer.
const BITS: usize = 1 << 25;
const PROBES: u64 = 7;

pub struct SeenFilter {
    words: Vec<u64>,
}

impl Default for SeenFilter {
    fn default() -> Self {
        Self {
            words: vec![0; BITS / 64],
        }
    }
}

impl SeenFilter {
    pub fn insert(&mut self, key: &str) {
        for bit in probes(key) {
            self.words[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// False only if `key` was never inserted.
    pub fn may_contain(&self, key: &str) -> bool {
        probes(key).all(|bit| self.words[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// Double hashing (Kirsch and Mitzenmacher): probe i is h1 + i * h2.
fn probes(key: &str) -> impl Iterator<Item = usize> {
    let hasher = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    let h1 = hasher.hash_one(key);
    let h2 = hasher.hash_one((key, 1u8)) | 1;
    (0..PROBES).map(move |i| (h1.wrapping_add(i.wrapping_mul(h2)) % BITS as u64) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_every_key_and_rarely_claims_others() {
        let mut seen = SeenFilter::default();
        let key = |i: usize| format!("https://w3id.org/geokg/doc/sha256:{i:064x}");
        for i in 0..100_000 {
            seen.insert(&key(i));
        }
        assert!((0..100_000).all(|i| seen.may_contain(&key(i))));
        let false_positives = (100_000..200_000)
            .filter(|&i| seen.may_contain(&key(i)))
            .count();
        assert!(false_positives < 10, "{false_positives}");
    }
}
