//! random: a tiny deterministic generator (SplitMix64), so that a seed gives
//! the same corpus on every platform and every version of the toolchain.
//!
//! Input: a 64-bit seed. Output: a stream of `u64` and helpers built on it
//! (ranges, chances, picks, shuffles). Not for cryptography.

#[derive(Debug, Clone)]
pub struct Random {
    state: u64,
}

impl Random {
    pub fn new(seed: u64) -> Self {
        Random { state: seed }
    }

    /// An independent stream for item `index` of this seed: every report
    /// draws from its own stream, so reports can be generated lazily and
    /// one report's length never shifts the next one's figures.
    pub fn fork(seed: u64, index: u64) -> Self {
        let mut mixer = Random::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        Random::new(mixer.next() ^ index)
    }

    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A number in `low..=high` (`low` when the range is empty).
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let width = high.abs_diff(low).saturating_add(1);
        low.saturating_add_unsigned(self.next().checked_rem(width).unwrap_or(0))
    }

    /// An index below `length` (0 when `length` is 0).
    pub fn index(&mut self, length: usize) -> usize {
        if length == 0 {
            return 0;
        }
        self.next().checked_rem(length as u64).unwrap_or(0) as usize
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.next() % 1000 < u64::from(per_mille)
    }

    /// One of `items` (the default value when there are none).
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items.get(self.index(items.len())).copied().unwrap_or_default()
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for last in (1..items.len()).rev() {
            let other = self.index(last.saturating_add(1));
            items.swap(last, other);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Random;

    #[test]
    fn same_seed_same_stream_and_forks_differ() {
        let first: Vec<u64> = (0..4)
            .map({
                let mut random = Random::new(7);
                move |_| random.next()
            })
            .collect();
        let second: Vec<u64> = (0..4)
            .map({
                let mut random = Random::new(7);
                move |_| random.next()
            })
            .collect();
        assert_eq!(first, second);
        assert_ne!(Random::fork(7, 0).next(), Random::fork(7, 1).next());
    }

    #[test]
    fn between_stays_in_range() {
        let mut random = Random::new(1);
        for _ in 0..1000 {
            let value = random.between(-3, 5);
            assert!((-3..=5).contains(&value));
        }
        assert_eq!(random.between(4, 4), 4);
    }
}
