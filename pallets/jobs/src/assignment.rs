//! Drawing a job's operators: weighted sampling without replacement, free of storage.
//!
//! Every eligible operator `i` has a weight `wᵢ = bondᵢ × scoreᵢ` (active bond in plancks times
//! the reputation score in parts per million, computed exactly in `u128`, saturating). Operators
//! of weight zero are never drawn. `k` operators are drawn **sequentially without replacement**:
//!
//! ```text
//! seed   = blake2_256(SCALE(randomness bytes, subject bytes))
//! for j in 0..k:
//!     rⱼ = u128 from the first 16 bytes (little endian) of blake2_256(SCALE(seed, j as u32))
//!     t  = rⱼ mod Σ w  (over the operators not drawn yet)
//!     draw the first remaining operator whose cumulative weight exceeds t; remove it
//! ```
//!
//! So the first operator is drawn with probability exactly `wᵢ / Σ w` (up to the modulo bias,
//! below `Σ w / 2¹²⁸`, i.e. nothing for any real bond total), and each later draw is the same
//! rule among the operators left. No floats are involved and the result depends only on the
//! seed and the order of the candidates, which [`crate::Pallet`] takes from the operators
//! pallet (a deterministic order).
//!
//! Cost: `O(k × c)` for `c` candidates, both bounded by the pallet's configuration.

use alloc::vec::Vec;
use codec::Encode;

/// A draw seed from the block's randomness (its bytes) and what identifies the draw
/// (`subject`, SCALE bytes).
pub fn seed(randomness: &[u8], subject: &[u8]) -> [u8; 32] {
	(randomness, subject).using_encoded(sp_crypto_hashing::blake2_256)
}

/// The `j`-th number of the stream of `seed`.
fn stream(seed: &[u8; 32], j: u32) -> u128 {
	let hash = (seed, j).using_encoded(sp_crypto_hashing::blake2_256);
	let mut bytes = [0u8; 16];
	bytes.copy_from_slice(&hash[..16]);
	u128::from_le_bytes(bytes)
}

/// Draw `k` distinct indices of `weights`, each draw with probability proportional to the
/// weight among those not drawn yet. Zero weights are never drawn. Returns the indices in draw
/// order, or `None` if fewer than `k` weights are positive.
pub fn sample(weights: &[u128], k: usize, seed: &[u8; 32]) -> Option<Vec<usize>> {
	let mut remaining: Vec<(usize, u128)> =
		weights.iter().copied().enumerate().filter(|(_, w)| *w > 0).collect();
	if remaining.len() < k {
		return None;
	}
	let mut drawn = Vec::with_capacity(k);
	for j in 0..k {
		let total = remaining.iter().fold(0u128, |acc, (_, w)| acc.saturating_add(*w));
		let target = stream(seed, j as u32) % total;
		let mut cumulative = 0u128;
		let mut pick = remaining.len() - 1;
		for (position, (_, w)) in remaining.iter().enumerate() {
			cumulative = cumulative.saturating_add(*w);
			if target < cumulative {
				pick = position;
				break;
			}
		}
		drawn.push(remaining.remove(pick).0);
	}
	Some(drawn)
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;
	use sp_core::H256;

	fn seed_n(n: u64) -> [u8; 32] {
		seed(H256::repeat_byte(7).as_ref(), &n.encode())
	}

	#[test]
	fn draws_distinct_positive_indices() {
		let weights = [5, 0, 3, 9, 1];
		for n in 0..200 {
			let drawn = sample(&weights, 4, &seed_n(n)).unwrap();
			assert_eq!(drawn.len(), 4);
			assert!(!drawn.contains(&1), "zero weight never drawn");
			let mut sorted = drawn.clone();
			sorted.sort();
			sorted.dedup();
			assert_eq!(sorted.len(), 4, "no repetition");
		}
	}

	#[test]
	fn too_few_positive_weights() {
		assert_eq!(sample(&[1, 0, 0], 2, &seed_n(0)), None);
		assert_eq!(sample(&[], 1, &seed_n(0)), None);
		assert_eq!(sample(&[1, 2], 0, &seed_n(0)), Some(vec![]));
		assert_eq!(sample(&[0, 4, 0], 1, &seed_n(0)), Some(vec![1]));
	}

	#[test]
	fn deterministic_in_the_seed() {
		let weights = [10, 20, 30, 40];
		assert_eq!(sample(&weights, 3, &seed_n(5)), sample(&weights, 3, &seed_n(5)));
		let differing = (0..50u64)
			.filter(|n| sample(&weights, 3, &seed_n(*n)) != sample(&weights, 3, &seed_n(n + 1)))
			.count();
		assert!(differing > 25, "the job id changes the draw");
		assert_ne!(seed(&[1; 32], &[3]), seed(&[2; 32], &[3]));
	}

	/// First draws follow the weights: a chi-square test over many seeds.
	#[test]
	fn first_draw_is_proportional_to_weight() {
		let weights = [1u128, 2, 3, 4, 10];
		let total: u128 = weights.iter().sum();
		let n = 20_000u64;
		let mut counts = [0u64; 5];
		for s in 0..n {
			counts[sample(&weights, 1, &seed_n(s)).unwrap()[0]] += 1;
		}
		let chi2: f64 = counts
			.iter()
			.zip(weights.iter())
			.map(|(c, w)| {
				let expected = n as f64 * *w as f64 / total as f64;
				(*c as f64 - expected).powi(2) / expected
			})
			.sum();
		// 4 degrees of freedom: P(χ² > 18.47) = 0.001.
		assert!(chi2 < 18.47, "chi-square {chi2} with counts {counts:?}");
	}

	/// Without replacement, inclusion in a draw of two follows the exact probabilities.
	#[test]
	fn inclusion_probabilities_of_two_draws() {
		let weights = [1u128, 1, 2];
		// Exact: P(first = 2) = 1/2; P(first = 0) = 1/4, then P(2 | rest {1, 2}) = 2/3;
		// same for first = 1. So P(2 ∈ draw) = 1/2 + 2 × 1/4 × 2/3 = 5/6.
		let n = 12_000u64;
		let included =
			(0..n).filter(|s| sample(&weights, 2, &seed_n(*s)).unwrap().contains(&2)).count();
		let p = included as f64 / n as f64;
		let expected = 5.0 / 6.0;
		let sd = (expected * (1.0 - expected) / n as f64).sqrt();
		assert!((p - expected).abs() < 4.0 * sd, "p = {p}, expected {expected}");
	}

	#[test]
	fn huge_weights_do_not_overflow() {
		let weights = [u128::MAX, u128::MAX, 1];
		let drawn = sample(&weights, 3, &seed_n(1)).unwrap();
		assert_eq!(drawn.len(), 3);
	}
}
