//! The weight functions of the settlement pallet.
//!
//! [`crate::weights::WeightInfo`] holds the benchmarked values in the exact shape of
//! frame-benchmarking-cli's default template, so `benchmark pallet --output
//! pallets/settlement/src/weights.rs` regenerates it without any other change. `()` gives flat
//! estimates for tests. The deadline work (expiry and verdicts at deadlines) is weighed by the
//! jobs pallet's `on_initialize` benchmarks, which run this pallet as the deadline handler.

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions needed for `pallet_settlement`.
pub trait WeightInfo {
	/// `commit` of `n` commitments, each the last of its job (opening its reveal phase).
	fn commit(n: u32) -> Weight;
	/// `reveal` of `n` outputs of `MaxOutputLen` elements, each the last of its job (reaching
	/// the verdict of a job of `MaxReplicas` operators, with the most slashes).
	fn reveal(n: u32) -> Weight;
}

impl WeightInfo for () {
	fn commit(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(
			Weight::from_parts(40_000_000, 4_000)
				.saturating_add(RocksDbWeight::get().reads_writes(4, 4))
				.saturating_mul(n.into()),
		)
	}
	fn reveal(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(
			Weight::from_parts(2_500_000_000, 80_000)
				.saturating_add(RocksDbWeight::get().reads_writes(130, 130))
				.saturating_mul(n.into()),
		)
	}
}
