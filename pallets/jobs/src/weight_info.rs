//! The weight functions of the jobs pallet.
//!
//! [`crate::weights::WeightInfo`] holds the benchmarked values in the exact shape of
//! frame-benchmarking-cli's default template, so `benchmark pallet --output
//! pallets/jobs/src/weights.rs` regenerates it without any other change. `()` gives flat
//! estimates for tests.

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions needed for `pallet_jobs`.
pub trait WeightInfo {
	/// `register_model` with `n` bytes of name and uri.
	fn register_model(n: u32) -> Weight;
	/// `set_model_fees`.
	fn set_model_fees() -> Weight;
	/// `deprecate_model`.
	fn deprecate_model() -> Weight;
	/// `submit_job` with an input of `i` elements, `c` candidate operators and `k` replicas.
	fn submit_job(i: u32, c: u32, k: u32) -> Weight;
	/// `on_initialize` with no deadline due.
	fn on_initialize_idle() -> Weight;
	/// `on_initialize` processing `n` commit deadlines of jobs of `MaxReplicas` operators that
	/// nobody committed to (the expiry path: refund, a miss slash and a reputation event each).
	fn on_initialize_commit_deadlines(n: u32) -> Weight;
	/// `on_initialize` processing `n` reveal deadlines of jobs of `MaxReplicas` operators, all
	/// committed, all but one revealed, a bare quorum agreeing (the verdict path with the most
	/// slashes).
	fn on_initialize_reveal_deadlines(n: u32) -> Weight;
}

impl WeightInfo for () {
	fn register_model(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn set_model_fees() -> Weight {
		Weight::from_parts(15_000_000, 4_000).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(15_000_000, 4_000).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn submit_job(i: u32, c: u32, k: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
			.saturating_add(Weight::from_parts(20_000, 8).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(400_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(k.into())))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(5_000_000, 2_000).saturating_add(RocksDbWeight::get().reads_writes(3, 1))
	}
	fn on_initialize_commit_deadlines(n: u32) -> Weight {
		Self::on_initialize_idle().saturating_add(
			Weight::from_parts(2_000_000_000, 100_000)
				.saturating_add(RocksDbWeight::get().reads_writes(120, 120))
				.saturating_mul(n.into()),
		)
	}
	fn on_initialize_reveal_deadlines(n: u32) -> Weight {
		Self::on_initialize_idle().saturating_add(
			Weight::from_parts(3_000_000_000, 150_000)
				.saturating_add(RocksDbWeight::get().reads_writes(150, 150))
				.saturating_mul(n.into()),
		)
	}
}
