// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_jobs`, measured by `verinfer-node benchmark pallet`.
//!
//! Generated from the pallet's benchmarks by the benchmark CLI 64.0.0 on 2026-11-22.
//! Do not edit by hand: run `scripts/bench.sh` again after a pallet's logic changes.
//! Steps: `25`, repeat: `10`, wasm execution: `Compiled`.
//! Machine: `vm`, CPU: `AMD EPYC`.

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
// 25
// --repeat
// 10
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
	fn submit_job(i: u32, k: u32, ) -> Weight;
	fn read_pool(c: u32, ) -> Weight;
	fn draw(c: u32, k: u32, ) -> Weight;
	fn register_agent(n: u32, ) -> Weight;
	fn set_agent_delegates(n: u32, ) -> Weight;
	fn on_initialize_idle() -> Weight;
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight;
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight;
	fn set_retention() -> Weight;
	fn on_idle_prune(n: u32, ) -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 320]`.
	fn register_model(_n: u32, ) -> Weight {
		// Proof size, measured: `183`
		// Proof size, estimated: `3990`
		// Fastest run: 63_534_000 picoseconds.
		Weight::from_parts(96_976_797, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	fn set_model_fees() -> Weight {
		// Proof size, measured: `265`
		// Proof size, estimated: `3990`
		// Fastest run: 14_131_000 picoseconds.
		Weight::from_parts(19_719_000, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	fn deprecate_model() -> Weight {
		// Proof size, measured: `265`
		// Proof size, estimated: `3990`
		// Fastest run: 14_181_000 picoseconds.
		Weight::from_parts(23_084_000, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	/// Storage: `Fees::ByteFee` (r:1 w:0)
	/// Proof: `Fees::ByteFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Fees::ProtocolFeeRate` (r:1 w:0)
	/// Proof: `Fees::ProtocolFeeRate` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::NextJobId` (r:1 w:1)
	/// Proof: `Jobs::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:1 w:0)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:256 w:16)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:256 w:0)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:15 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobCount` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorJobCount` (r:16 w:16)
	/// Proof: `Jobs::OperatorJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobCount` (r:1 w:1)
	/// Proof: `Jobs::AgentJobCount` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorJobs` (r:0 w:16)
	/// Proof: `Jobs::OperatorJobs` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:0 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Inputs` (r:0 w:1)
	/// Proof: `Jobs::Inputs` (`max_values`: None, `max_size`: Some(8244), added: 10719, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobs` (r:0 w:1)
	/// Proof: `Jobs::AgentJobs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Component `i` ranges over `[1, 1024]`.
	/// Component `c` ranges over `[16, 256]`.
	/// Component `k` ranges over `[1, 16]`.
	fn submit_job(_i: u32, k: u32, ) -> Weight {
		Weight::from_parts(778_544_000, 0)
			.saturating_add(Weight::from_parts(0, 53685))
			.saturating_add(Weight::from_parts(4_658_909, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(28_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	fn read_pool(c: u32, ) -> Weight {
		// Not measured yet: derived from `draw`'s former per-candidate cost.
		Weight::from_parts(11_106_565, 0).saturating_mul(c.into())
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3672).saturating_mul(c.into()))
	}
	fn draw(c: u32, k: u32, ) -> Weight {
		// Not measured yet: sampling in memory, then the assignment's writes.
		Weight::from_parts(200_000, 0).saturating_mul(c.into())
			.saturating_add(Weight::from_parts(4_658_909, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(k.into()))
	}
	fn register_agent(_n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn set_agent_delegates(_n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:0)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:0)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size, measured: `444`
		// Proof size, estimated: `4503`
		// Fastest run: 12_188_000 picoseconds.
		Weight::from_parts(15_944_000, 0)
			.saturating_add(Weight::from_parts(0, 4503))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:16 w:16)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:16 w:16)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:258 w:258)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:257 w:257)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:256 w:256)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:256 w:256)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:256)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `1020 + n * (6309 ±0)`
		// Proof size, estimated: `6196 + n * (58752 ±0)`
		// Fastest run: 5_789_000 picoseconds.
		Weight::from_parts(7_371_000, 0)
			.saturating_add(Weight::from_parts(0, 6196))
			// Standard error: 32_646_446
			.saturating_add(Weight::from_parts(2_553_918_756, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((66_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((82_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58752).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:16 w:16)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:16 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:240 w:0)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:16 w:16)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:113 w:113)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:259 w:259)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:256 w:256)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:256 w:256)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Results` (r:0 w:16)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:256)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `15804 + n * (7460 ±0)`
		// Proof size, estimated: `8799 + n * (68805 ±0)`
		// Fastest run: 7_361_000 picoseconds.
		Weight::from_parts(8_523_000, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			// Standard error: 18_198_806
			.saturating_add(Weight::from_parts(2_606_645_279, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().reads((73_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((74_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
	// Not measured yet: a conservative placeholder until `scripts/bench.sh` runs the
	// `set_retention` benchmark (one write, like `set_model_fees`).
	fn set_retention() -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 1_000))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	// Not measured yet: a conservative placeholder until `scripts/bench.sh` runs the
	// `on_idle_prune` benchmark. Per job (`MaxReplicas` reveals): the record, input and result
	// read and removed, 16 reveals removed, the compact record written, the deposit released
	// (account and holds), the queue entry removed; 500 µs and 40 kB of proof each.
	fn on_idle_prune(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 2_000))
			.saturating_add(T::DbWeight::get().reads_writes(2_u64, 1_u64))
			.saturating_add(Weight::from_parts(500_000_000, 40_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((24_u64).saturating_mul(n.into())))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn register_model(_n: u32, ) -> Weight {
		Weight::from_parts(96_976_797, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_model_fees() -> Weight {
		Weight::from_parts(19_719_000, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(23_084_000, 0)
			.saturating_add(Weight::from_parts(0, 3990))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_job(_i: u32, k: u32, ) -> Weight {
		Weight::from_parts(778_544_000, 0)
			.saturating_add(Weight::from_parts(0, 53685))
			.saturating_add(Weight::from_parts(4_658_909, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(28_u64))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
	}
	fn read_pool(c: u32, ) -> Weight {
		// Not measured yet: derived from `draw`'s former per-candidate cost.
		Weight::from_parts(11_106_565, 0).saturating_mul(c.into())
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3672).saturating_mul(c.into()))
	}
	fn draw(c: u32, k: u32, ) -> Weight {
		// Not measured yet: sampling in memory, then the assignment's writes.
		Weight::from_parts(200_000, 0).saturating_mul(c.into())
			.saturating_add(Weight::from_parts(4_658_909, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2527).saturating_mul(k.into()))
	}
	fn register_agent(_n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_agent_delegates(_n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(15_944_000, 0)
			.saturating_add(Weight::from_parts(0, 4503))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(7_371_000, 0)
			.saturating_add(Weight::from_parts(0, 6196))
			.saturating_add(Weight::from_parts(2_553_918_756, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((66_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((82_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58752).saturating_mul(n.into()))
	}
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(8_523_000, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			.saturating_add(Weight::from_parts(2_606_645_279, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().reads((73_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
			.saturating_add(RocksDbWeight::get().writes((74_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
	// Not measured yet: a conservative placeholder until `scripts/bench.sh` runs the
	// `set_retention` benchmark (one write, like `set_model_fees`).
	fn set_retention() -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 1_000))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	// Not measured yet: a conservative placeholder until `scripts/bench.sh` runs the
	// `on_idle_prune` benchmark. Per job (`MaxReplicas` reveals): the record, input and result
	// read and removed, 16 reveals removed, the compact record written, the deposit released
	// (account and holds), the queue entry removed; 500 µs and 40 kB of proof each.
	fn on_idle_prune(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 2_000))
			.saturating_add(RocksDbWeight::get().reads_writes(2_u64, 1_u64))
			.saturating_add(Weight::from_parts(500_000_000, 40_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((24_u64).saturating_mul(n.into())))
	}
}
