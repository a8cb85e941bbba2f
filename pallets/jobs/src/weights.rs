// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_jobs`, measured by `verinfer-node benchmark pallet`.
//!
//! Generated from the pallet's benchmarks by the benchmark CLI 64.0.0 on 2026-11-30.
//! Do not edit by hand: run `scripts/bench.sh` again after a pallet's logic changes.
//! Steps: `25`, repeat: `10`, wasm execution: `Compiled`.
//! Machine: `vm`, CPU: `Intel(R) Xeon(R) Processor`.

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
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 320]`.
	fn register_model(n: u32, ) -> Weight {
		// Proof size, measured: `440`
		// Proof size, estimated: `4007`
		// Fastest run: 80_728_000 picoseconds.
		Weight::from_parts(92_895_329, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			// Standard error: 642
			.saturating_add(Weight::from_parts(5_831, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	fn set_model_fees() -> Weight {
		// Proof size, measured: `386`
		// Proof size, estimated: `4007`
		// Fastest run: 19_787_000 picoseconds.
		Weight::from_parts(23_794_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	fn deprecate_model() -> Weight {
		// Proof size, measured: `386`
		// Proof size, estimated: `4007`
		// Fastest run: 19_989_000 picoseconds.
		Weight::from_parts(25_205_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Agents` (r:1 w:0)
	/// Proof: `Jobs::Agents` (`max_values`: None, `max_size`: Some(921), added: 3396, mode: `MaxEncodedLen`)
	/// Storage: `Fees::ByteFee` (r:1 w:0)
	/// Proof: `Fees::ByteFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Fees::ProtocolFeeRate` (r:1 w:0)
	/// Proof: `Fees::ProtocolFeeRate` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:1 w:0)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::NextJobId` (r:1 w:1)
	/// Proof: `Jobs::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobCount` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::PendingDraws` (r:1 w:1)
	/// Proof: `Jobs::PendingDraws` (`max_values`: Some(1), `max_size`: Some(16386), added: 16881, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::PendingModels` (r:1 w:1)
	/// Proof: `Jobs::PendingModels` (`max_values`: Some(1), `max_size`: Some(36866), added: 37361, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:15 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobCount` (r:1 w:1)
	/// Proof: `Jobs::AgentJobCount` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2694), added: 5169, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:0 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Inputs` (r:0 w:1)
	/// Proof: `Jobs::Inputs` (`max_values`: None, `max_size`: Some(8244), added: 10719, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobs` (r:0 w:1)
	/// Proof: `Jobs::AgentJobs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Component `i` ranges over `[1, 1024]`.
	/// Component `k` ranges over `[1, 16]`.
	fn submit_job(i: u32, k: u32, ) -> Weight {
		// Proof size, measured: `6787 + k * (48 ±0)`
		// Proof size, estimated: `99765`
		// Fastest run: 430_802_000 picoseconds.
		Weight::from_parts(412_660_189, 0)
			.saturating_add(Weight::from_parts(0, 99765))
			// Standard error: 12_172
			.saturating_add(Weight::from_parts(72_802, 0).saturating_mul(i.into()))
			// Standard error: 828_645
			.saturating_add(Weight::from_parts(4_804_376, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(31_u64))
			.saturating_add(T::DbWeight::get().writes(15_u64))
	}
	/// Storage: `Operators::ModelOperators` (r:1 w:0)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:256 w:0)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:256 w:0)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:256 w:0)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Component `c` ranges over `[16, 256]`.
	fn read_pool(c: u32, ) -> Weight {
		// Proof size, measured: `726 + c * (742 ±0)`
		// Proof size, estimated: `11707 + c * (3668 ±0)`
		// Fastest run: 313_883_000 picoseconds.
		Weight::from_parts(324_621_000, 0)
			.saturating_add(Weight::from_parts(0, 11707))
			// Standard error: 433_211
			.saturating_add(Weight::from_parts(22_477_456, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(c.into()))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2694), added: 5169, mode: `MaxEncodedLen`)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:16 w:0)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:16 w:16)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorJobCount` (r:16 w:16)
	/// Proof: `Jobs::OperatorJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorJobs` (r:0 w:16)
	/// Proof: `Jobs::OperatorJobs` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Component `c` ranges over `[16, 256]`.
	/// Component `k` ranges over `[1, 16]`.
	fn draw(_c: u32, k: u32, ) -> Weight {
		// Proof size, measured: `0 + c * (14 ±0) + k * (245 ±0)`
		// Proof size, estimated: `6159 + k * (3668 ±0)`
		// Fastest run: 141_154_000 picoseconds.
		Weight::from_parts(223_130_816, 0)
			.saturating_add(Weight::from_parts(0, 6159))
			// Standard error: 1_415_143
			.saturating_add(Weight::from_parts(23_271_977, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(k.into()))
	}
	/// Storage: `Jobs::Agents` (r:1 w:1)
	/// Proof: `Jobs::Agents` (`max_values`: None, `max_size`: Some(921), added: 3396, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 320]`.
	fn register_agent(_n: u32, ) -> Weight {
		// Proof size, measured: `353`
		// Proof size, estimated: `4386`
		// Fastest run: 80_033_000 picoseconds.
		Weight::from_parts(93_373_192, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Agents` (r:1 w:1)
	/// Proof: `Jobs::Agents` (`max_values`: None, `max_size`: Some(921), added: 3396, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn set_agent_delegates(n: u32, ) -> Weight {
		// Proof size, measured: `541`
		// Proof size, estimated: `4386`
		// Fastest run: 54_121_000 picoseconds.
		Weight::from_parts(87_294_252, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			// Standard error: 21_615
			.saturating_add(Weight::from_parts(902_285, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:0)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:0)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size, measured: `456`
		// Proof size, estimated: `7575`
		// Fastest run: 19_987_000 picoseconds.
		Weight::from_parts(34_707_000, 0)
			.saturating_add(Weight::from_parts(0, 7575))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:32 w:32)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2694), added: 5169, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:32 w:32)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:514 w:514)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:513 w:513)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:512 w:512)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:62 w:62)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:512 w:512)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:512 w:512)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Retention` (r:1 w:0)
	/// Proof: `Jobs::Retention` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:512)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::PruneQueue` (r:0 w:32)
	/// Proof: `Jobs::PruneQueue` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `2345 + n * (17417 ±0)`
		// Proof size, estimated: `119364 + n * (58688 ±0)`
		// Fastest run: 9_701_000 picoseconds.
		Weight::from_parts(9_793_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			// Standard error: 82_937_264
			.saturating_add(Weight::from_parts(4_548_996_235, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().reads((84_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(16_u64))
			.saturating_add(T::DbWeight::get().writes((101_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58688).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:32 w:32)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2694), added: 5169, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:32 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:480 w:0)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:32 w:32)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:225 w:225)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:515 w:515)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:512 w:512)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:224 w:224)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:62 w:62)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:512 w:512)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Retention` (r:1 w:0)
	/// Proof: `Jobs::Retention` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Results` (r:0 w:32)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:512)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::PruneQueue` (r:0 w:32)
	/// Proof: `Jobs::PruneQueue` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `17635 + n * (13196 ±0)`
		// Proof size, estimated: `119364 + n * (68805 ±0)`
		// Fastest run: 7_774_000 picoseconds.
		Weight::from_parts(7_905_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			// Standard error: 49_115_939
			.saturating_add(Weight::from_parts(3_163_484_377, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().reads((82_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(16_u64))
			.saturating_add(T::DbWeight::get().writes((84_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::Retention` (r:0 w:1)
	/// Proof: `Jobs::Retention` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_retention() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 7_715_000 picoseconds.
		Weight::from_parts(9_630_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::PruneCursor` (r:1 w:1)
	/// Proof: `Jobs::PruneCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::PruneQueue` (r:65 w:64)
	/// Proof: `Jobs::PruneQueue` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:64 w:64)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2694), added: 5169, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Results` (r:64 w:64)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Inputs` (r:64 w:64)
	/// Proof: `Jobs::Inputs` (`max_values`: None, `max_size`: Some(8244), added: 10719, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Pruned` (r:0 w:64)
	/// Proof: `Jobs::Pruned` (`max_values`: None, `max_size`: Some(1570), added: 4045, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:0 w:1024)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 64]`.
	fn on_idle_prune(n: u32, ) -> Weight {
		// Proof size, measured: `12665 + n * (2812 ±0)`
		// Proof size, estimated: `3622 + n * (10719 ±0)`
		// Fastest run: 14_305_000 picoseconds.
		Weight::from_parts(183_323_202, 0)
			.saturating_add(Weight::from_parts(0, 3622))
			// Standard error: 5_848_085
			.saturating_add(Weight::from_parts(192_021_650, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((21_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10719).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn register_model(n: u32, ) -> Weight {
		Weight::from_parts(92_895_329, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(Weight::from_parts(5_831, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_model_fees() -> Weight {
		Weight::from_parts(23_794_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(25_205_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_job(i: u32, k: u32, ) -> Weight {
		Weight::from_parts(412_660_189, 0)
			.saturating_add(Weight::from_parts(0, 99765))
			.saturating_add(Weight::from_parts(72_802, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(4_804_376, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(31_u64))
			.saturating_add(RocksDbWeight::get().writes(15_u64))
	}
	fn read_pool(c: u32, ) -> Weight {
		Weight::from_parts(324_621_000, 0)
			.saturating_add(Weight::from_parts(0, 11707))
			.saturating_add(Weight::from_parts(22_477_456, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(c.into()))
	}
	fn draw(_c: u32, k: u32, ) -> Weight {
		Weight::from_parts(223_130_816, 0)
			.saturating_add(Weight::from_parts(0, 6159))
			.saturating_add(Weight::from_parts(23_271_977, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(k.into()))
	}
	fn register_agent(_n: u32, ) -> Weight {
		Weight::from_parts(93_373_192, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_agent_delegates(n: u32, ) -> Weight {
		Weight::from_parts(87_294_252, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			.saturating_add(Weight::from_parts(902_285, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(34_707_000, 0)
			.saturating_add(Weight::from_parts(0, 7575))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(9_793_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			.saturating_add(Weight::from_parts(4_548_996_235, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().reads((84_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(16_u64))
			.saturating_add(RocksDbWeight::get().writes((101_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58688).saturating_mul(n.into()))
	}
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(7_905_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			.saturating_add(Weight::from_parts(3_163_484_377, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(18_u64))
			.saturating_add(RocksDbWeight::get().reads((82_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(16_u64))
			.saturating_add(RocksDbWeight::get().writes((84_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
	fn set_retention() -> Weight {
		Weight::from_parts(9_630_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn on_idle_prune(n: u32, ) -> Weight {
		Weight::from_parts(183_323_202, 0)
			.saturating_add(Weight::from_parts(0, 3622))
			.saturating_add(Weight::from_parts(192_021_650, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(RocksDbWeight::get().writes((21_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10719).saturating_mul(n.into()))
	}
}
