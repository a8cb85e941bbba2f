//! The commitment an operator submits for a job's output before it reveals the output.
//!
//! ```text
//! commitment = blake2_256(SCALE(job_id, operator, canonical_output, salt))
//! ```
//!
//! - `job_id`: the [`JobId`] (`u64`, little endian);
//! - `operator`: the operator's **account** (not its `infr` key), SCALE-encoded;
//! - `canonical_output`: the output tensor in its canonical SCALE form (a
//!   [`Tensor`](crate::tensor::Tensor) and the equal
//!   [`BoundedTensor`](crate::tensor::BoundedTensor) encode, hence commit, identically);
//! - `salt`: 32 fresh random bytes ([`Salt`]) chosen by the operator and kept secret until the
//!   reveal.
//!
//! The commitment binds all four, so a commitment copied from another operator or another job
//! does not verify for the copier, and an output copied from another operator's reveal cannot
//! be committed to before that reveal becomes public (the reveal phase only opens once the
//! commit phase is over). The salt keeps a commitment to a low-entropy output (a class label)
//! from being brute-forced before the reveal.
//!
//! The runtime recomputes the commitment at every reveal; the off-chain worker computes it with
//! the same function.

use crate::ids::JobId;
use codec::Encode;
use sp_core::H256;

/// The secret an operator mixes into its commitment: 32 random bytes, fresh for every job.
pub type Salt = [u8; 32];

/// Length of a [`Salt`] in bytes.
pub const SALT_LEN: usize = 32;

/// `blake2_256(SCALE(job, operator, output, salt))`.
///
/// `output` must be the canonical output tensor (a [`Tensor`](crate::tensor::Tensor) or a
/// [`BoundedTensor`](crate::tensor::BoundedTensor); both give the same commitment).
pub fn commitment<AccountId: Encode, Output: Encode>(
	job: JobId,
	operator: &AccountId,
	output: &Output,
	salt: &Salt,
) -> H256 {
	H256((job, operator, output, salt).using_encoded(sp_crypto_hashing::blake2_256))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tensor::{BoundedTensor, Tensor};
	use alloc::vec;
	use sp_core::ConstU32;

	extern crate alloc;

	fn output() -> Tensor {
		Tensor::new(vec![1, 3], vec![0, 349, 9650], 4)
	}

	#[test]
	fn is_the_hash_of_the_concatenated_encodings() {
		let salt = [7u8; 32];
		let mut bytes = 5u64.to_le_bytes().to_vec();
		bytes.extend([9u8; 32]); // an AccountId32-like operator
		bytes.extend(output().encode());
		bytes.extend(salt);
		assert_eq!(
			commitment(5, &[9u8; 32], &output(), &salt),
			H256(sp_crypto_hashing::blake2_256(&bytes))
		);
	}

	#[test]
	fn bounded_and_plain_tensors_commit_identically() {
		let bounded = BoundedTensor::<ConstU32<8>>::try_from(output()).unwrap();
		let salt = [1u8; 32];
		assert_eq!(commitment(1, &3u64, &output(), &salt), commitment(1, &3u64, &bounded, &salt));
	}

	#[test]
	fn binds_every_part() {
		let salt = [1u8; 32];
		let base = commitment(1, &3u64, &output(), &salt);
		assert_ne!(base, commitment(2, &3u64, &output(), &salt), "job");
		assert_ne!(base, commitment(1, &4u64, &output(), &salt), "operator");
		let mut other = output();
		other.data[2] += 1;
		assert_ne!(base, commitment(1, &3u64, &other, &salt), "output");
		assert_ne!(base, commitment(1, &3u64, &output(), &[2u8; 32]), "salt");
	}
}
