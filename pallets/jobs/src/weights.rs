// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_jobs`, measured by `verinfer-node benchmark pallet`.
//!
//! PROVISIONAL: estimated by hand in the shape `scripts/bench.sh` writes (with
//! `scripts/weight-template.hbs`); to be replaced by running `scripts/bench.sh pallet_jobs`.
//! Do not edit by hand: run `scripts/bench.sh` again after a pallet's logic changes.
//! Steps: `50`, repeat: `20`, wasm execution: `Compiled`.
//! Machine: `provisional`, CPU: `provisional`.

// Command:
// verinfer-node
// benchmark
// pallet
// --runtime
// <runtime wasm built with runtime-benchmarks>
// --genesis-builder=runtime
// --genesis-builder-preset=development
// --pallet
// pallet_jobs
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/weight-template.hbs
// --header
// scripts/license-header.txt
// --output
// pallets/jobs/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and each benchmarked operation of `pallet_jobs`.
pub trait WeightInfo {
	fn register_model(n: u32, ) -> Weight;
	fn set_model_fees() -> Weight;
	fn deprecate_model() -> Weight;
	fn submit_job(i: u32, c: u32, k: u32, ) -> Weight;
	fn on_initialize_idle() -> Weight;
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight;
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(611), added: 3086, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 384]`.
	fn register_model(n: u32, ) -> Weight {
		// Proof size, measured: `240`
		// Proof size, estimated: `4076`
		// Fastest run: 45_000_000 picoseconds.
		Weight::from_parts(47_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			// Standard error: 500
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(611), added: 3086, mode: `MaxEncodedLen`)
	fn set_model_fees() -> Weight {
		// Proof size, measured: `500`
		// Proof size, estimated: `4076`
		// Fastest run: 16_000_000 picoseconds.
		Weight::from_parts(17_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(611), added: 3086, mode: `MaxEncodedLen`)
	fn deprecate_model() -> Weight {
		// Proof size, measured: `500`
		// Proof size, estimated: `4076`
		// Fastest run: 16_000_000 picoseconds.
		Weight::from_parts(17_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:0)
	/// Storage: `Fees::ByteFee` (r:1 w:0)
	/// Storage: `Fees::ProtocolFeeRate` (r:1 w:0)
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Storage: `Jobs::NextJobId` (r:1 w:1)
	/// Storage: `Operators::ModelOperators` (r:1 w:0)
	/// Storage: `Operators::Operators` (r:256 w:16)
	/// Storage: `Reputation::Reputations` (r:256 w:0)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Storage: `Jobs::Inputs` (r:0 w:1)
	/// Storage: `Jobs::RequesterJobCount` (r:1 w:1)
	/// Storage: `Jobs::RequesterJobs` (r:0 w:1)
	/// Storage: `Jobs::OperatorJobCount` (r:16 w:16)
	/// Storage: `Jobs::OperatorJobs` (r:0 w:16)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Storage: `Jobs::AgentJobCount` (r:1 w:1)
	/// Storage: `Jobs::AgentJobs` (r:0 w:1)
	/// Component `i` ranges over `[1, 1024]`.
	/// Component `c` ranges over `[16, 256]`.
	/// Component `k` ranges over `[1, 16]`.
	fn submit_job(i: u32, c: u32, k: u32, ) -> Weight {
		// Proof size, measured: `2000 + c * (150 ±0) + k * (60 ±0)`
		// Proof size, estimated: `6000 + c * (3100 ±0) + k * (2600 ±0)`
		// Fastest run: 160_000_000 picoseconds.
		Weight::from_parts(150_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			// Standard error: 1_000
			.saturating_add(Weight::from_parts(25_000, 0).saturating_mul(i.into()))
			// Standard error: 20_000
			.saturating_add(Weight::from_parts(900_000, 0).saturating_mul(c.into()))
			// Standard error: 300_000
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(12_u64))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 3100).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(k.into()))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:0)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	fn on_initialize_idle() -> Weight {
		// Proof size, measured: `100`
		// Proof size, estimated: `3500`
		// Fastest run: 6_000_000 picoseconds.
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Jobs::Jobs` (r:2 w:2)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Storage: `Balances::Holds` (r:17 w:17)
	/// Storage: `System::Account` (r:34 w:34)
	/// Storage: `Operators::Operators` (r:16 w:16)
	/// Storage: `Reputation::Reputations` (r:16 w:16)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `300 + n * (9000 ±0)`
		// Proof size, estimated: `3500 + n * (60000 ±0)`
		// Fastest run: 7_000_000 picoseconds.
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			// Standard error: 400_000
			.saturating_add(Weight::from_parts(1_500_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((90_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((105_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 60000).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::Jobs` (r:2 w:2)
	/// Storage: `Jobs::Reveals` (r:15 w:0)
	/// Storage: `Jobs::Models` (r:1 w:0)
	/// Storage: `Jobs::Results` (r:0 w:1)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Storage: `Balances::Holds` (r:26 w:26)
	/// Storage: `System::Account` (r:44 w:44)
	/// Storage: `Operators::Operators` (r:16 w:16)
	/// Storage: `Reputation::Reputations` (r:16 w:16)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `300 + n * (12000 ±0)`
		// Proof size, estimated: `3500 + n * (80000 ±0)`
		// Fastest run: 7_000_000 picoseconds.
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			// Standard error: 600_000
			.saturating_add(Weight::from_parts(2_500_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((125_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((130_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 80000).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn register_model(n: u32, ) -> Weight {
		Weight::from_parts(47_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_model_fees() -> Weight {
		Weight::from_parts(17_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(17_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4076))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_job(i: u32, c: u32, k: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(Weight::from_parts(25_000, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(900_000, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(6_000_000, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 3100).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(k.into()))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			.saturating_add(Weight::from_parts(1_500_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((90_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((105_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 60000).saturating_mul(n.into()))
	}
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(7_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3500))
			.saturating_add(Weight::from_parts(2_500_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((125_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((130_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 80000).saturating_mul(n.into()))
	}
}
