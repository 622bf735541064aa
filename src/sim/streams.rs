//! Random-number streams.
//!
//! Each replication has a seed derived from the base seed and its index, so
//! a replication draws the same numbers whichever thread runs it. Within a
//! replication, every purpose has its own stream: one for arrivals, one per
//! task or wait duration and one per branching gateway, each keyed by the
//! step's id. Changing a process (removing a step, adding staff) therefore
//! leaves the arrivals and the draws of every unchanged step as they were,
//! which gives common random numbers when an as-is and a to-be process are
//! compared.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator of every stream: xoshiro256++, fast and with a fixed,
/// documented output for a given seed.
pub type Stream = Xoshiro256PlusPlus;

/// The key of the arrival stream.
pub const ARRIVALS: &str = "\u{0}arrivals";

/// SplitMix64's output function, a bijective mixer of 64-bit values.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, a hash of a key that is stable across platforms and Rust
/// versions, unlike the standard library's hasher.
fn hash_key(key: &str) -> u64 {
    key.bytes()
        .fold(0xCBF2_9CE4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3))
}

/// Derives the seed of replication `index` (counted from 0) of a run.
pub fn replication_seed(base_seed: u64, index: u32) -> u64 {
    mix(base_seed ^ mix(u64::from(index) + 1))
}

/// Creates the stream for one purpose within a replication.
pub fn stream(replication_seed: u64, key: &str) -> Stream {
    Stream::seed_from_u64(mix(replication_seed ^ hash_key(key)))
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use super::*;

    #[test]
    fn streams_differ_by_key_and_replication() {
        let seed = replication_seed(42, 0);
        let a = stream(seed, "register").next_u64();
        let b = stream(seed, "contact").next_u64();
        let c = stream(replication_seed(42, 1), "register").next_u64();
        assert_ne!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn streams_repeat_for_same_inputs() {
        let first = stream(replication_seed(7, 3), ARRIVALS).next_u64();
        let second = stream(replication_seed(7, 3), ARRIVALS).next_u64();
        assert_eq!(first, second);
    }

    #[test]
    fn key_hash_is_fixed() {
        // FNV-1a test vectors: the empty string and "a".
        assert_eq!(hash_key(""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(hash_key("a"), 0xAF63_DC4C_8601_EC8C);
    }
}
