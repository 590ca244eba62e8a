//! The demo's source of choices: deterministic, one stream per use.

/// A tiny deterministic generator (xorshift64*): the demo's every choice, from fixed seeds.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A stream of its own for each `stream` number, so one story's choices never shift
    /// another's.
    pub(crate) fn new(stream: u64) -> Self {
        let mut rng =
            Self(0x9E37_79B9_7F4A_7C15 ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03).wrapping_add(1));
        for _ in 0..4 {
            rng.next();
        }
        rng
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi` (slightly biased, which is no matter here).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i64::try_from(self.next() % span).unwrap_or(0)
    }

    pub(crate) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for chunk in out.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        out
    }

    /// A UUID of version 4 form made of this stream's bytes.
    pub(crate) fn uuid(&mut self) -> uuid::Uuid {
        uuid::Builder::from_random_bytes(self.bytes()).into_uuid()
    }

    /// `items` in an order drawn from this stream (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_generator_is_fixed_by_its_stream() {
        let draw = |stream| {
            let mut rng = Rng::new(stream);
            (rng.next(), rng.range(1, 6), rng.uuid())
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7).0, draw(8).0);
        let mut rng = Rng::new(1);
        assert!((0..1000).map(|_| rng.range(-1, 1)).all(|v| (-1..=1).contains(&v)));
        assert_eq!(draw(7).2.get_version_num(), 4);
    }
}
