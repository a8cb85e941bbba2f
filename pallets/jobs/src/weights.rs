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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 320]`.
	fn register_model(n: u32, ) -> Weight {
		// Proof size, measured: `428`
		// Proof size, estimated: `4007`
		// Fastest run: 80_850_000 picoseconds.
		Weight::from_parts(90_170_009, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			// Standard error: 383
			.saturating_add(Weight::from_parts(2_387, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	fn set_model_fees() -> Weight {
		// Proof size, measured: `374`
		// Proof size, estimated: `4007`
		// Fastest run: 20_912_000 picoseconds.
		Weight::from_parts(25_089_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Models` (r:1 w:1)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	fn deprecate_model() -> Weight {
		// Proof size, measured: `374`
		// Proof size, estimated: `4007`
		// Fastest run: 21_180_000 picoseconds.
		Weight::from_parts(27_442_000, 0)
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
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:15 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobCount` (r:1 w:1)
	/// Proof: `Jobs::AgentJobCount` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:0 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Inputs` (r:0 w:1)
	/// Proof: `Jobs::Inputs` (`max_values`: None, `max_size`: Some(8244), added: 10719, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::AgentJobs` (r:0 w:1)
	/// Proof: `Jobs::AgentJobs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Component `i` ranges over `[1, 1024]`.
	/// Component `k` ranges over `[1, 16]`.
	fn submit_job(i: u32, k: u32, ) -> Weight {
		// Proof size, measured: `6645 + k * (43 ±0)`
		// Proof size, estimated: `99765`
		// Fastest run: 326_783_000 picoseconds.
		Weight::from_parts(405_931_196, 0)
			.saturating_add(Weight::from_parts(0, 99765))
			// Standard error: 22_490
			.saturating_add(Weight::from_parts(24_479, 0).saturating_mul(i.into()))
			// Standard error: 1_531_050
			.saturating_add(Weight::from_parts(3_408_894, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(29_u64))
			.saturating_add(T::DbWeight::get().writes(14_u64))
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
		// Fastest run: 496_513_000 picoseconds.
		Weight::from_parts(57_759_048, 0)
			.saturating_add(Weight::from_parts(0, 11707))
			// Standard error: 478_956
			.saturating_add(Weight::from_parts(19_855_241, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(c.into()))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
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
	fn draw(c: u32, k: u32, ) -> Weight {
		// Proof size, measured: `0 + c * (14 ±0) + k * (245 ±0)`
		// Proof size, estimated: `6119 + k * (3668 ±0)`
		// Fastest run: 122_344_000 picoseconds.
		Weight::from_parts(135_658_000, 0)
			.saturating_add(Weight::from_parts(0, 6119))
			// Standard error: 47_053
			.saturating_add(Weight::from_parts(355_618, 0).saturating_mul(c.into()))
			// Standard error: 735_214
			.saturating_add(Weight::from_parts(18_854_843, 0).saturating_mul(k.into()))
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 320]`.
	fn register_agent(n: u32, ) -> Weight {
		// Proof size, measured: `341`
		// Proof size, estimated: `4386`
		// Fastest run: 79_936_000 picoseconds.
		Weight::from_parts(91_148_533, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			// Standard error: 491
			.saturating_add(Weight::from_parts(2_163, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Agents` (r:1 w:1)
	/// Proof: `Jobs::Agents` (`max_values`: None, `max_size`: Some(921), added: 3396, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn set_agent_delegates(n: u32, ) -> Weight {
		// Proof size, measured: `529`
		// Proof size, estimated: `4386`
		// Fastest run: 54_552_000 picoseconds.
		Weight::from_parts(85_684_980, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			// Standard error: 21_306
			.saturating_add(Weight::from_parts(873_518, 0).saturating_mul(n.into()))
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
		// Proof size, measured: `444`
		// Proof size, estimated: `7575`
		// Fastest run: 19_436_000 picoseconds.
		Weight::from_parts(24_239_000, 0)
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
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:32 w:32)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:514 w:514)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:513 w:513)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
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
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:512)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `2307 + n * (17377 ±0)`
		// Proof size, estimated: `119364 + n * (58688 ±0)`
		// Fastest run: 8_022_000 picoseconds.
		Weight::from_parts(8_169_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			// Standard error: 19_956_236
			.saturating_add(Weight::from_parts(3_378_565_018, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().reads((84_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(16_u64))
			.saturating_add(T::DbWeight::get().writes((100_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58688).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:32 w:32)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:32 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:480 w:0)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:32 w:32)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:225 w:225)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
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
	/// Storage: `Jobs::Results` (r:0 w:32)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:512)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 32]`.
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		// Proof size, measured: `17652 + n * (13152 ±0)`
		// Proof size, estimated: `119364 + n * (68805 ±0)`
		// Fastest run: 7_868_000 picoseconds.
		Weight::from_parts(8_197_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			// Standard error: 15_406_198
			.saturating_add(Weight::from_parts(2_744_835_685, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().reads((82_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(16_u64))
			.saturating_add(T::DbWeight::get().writes((83_u64).saturating_mul(n.into())))
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
	fn register_model(n: u32, ) -> Weight {
		Weight::from_parts(90_170_009, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(Weight::from_parts(2_387, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_model_fees() -> Weight {
		Weight::from_parts(25_089_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(27_442_000, 0)
			.saturating_add(Weight::from_parts(0, 4007))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_job(i: u32, k: u32, ) -> Weight {
		Weight::from_parts(405_931_196, 0)
			.saturating_add(Weight::from_parts(0, 99765))
			.saturating_add(Weight::from_parts(24_479, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(3_408_894, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(29_u64))
			.saturating_add(RocksDbWeight::get().writes(14_u64))
	}
	fn read_pool(c: u32, ) -> Weight {
		Weight::from_parts(57_759_048, 0)
			.saturating_add(Weight::from_parts(0, 11707))
			.saturating_add(Weight::from_parts(19_855_241, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(c.into()))
	}
	fn draw(c: u32, k: u32, ) -> Weight {
		Weight::from_parts(135_658_000, 0)
			.saturating_add(Weight::from_parts(0, 6119))
			.saturating_add(Weight::from_parts(355_618, 0).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(18_854_843, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 3668).saturating_mul(k.into()))
	}
	fn register_agent(n: u32, ) -> Weight {
		Weight::from_parts(91_148_533, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			.saturating_add(Weight::from_parts(2_163, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_agent_delegates(n: u32, ) -> Weight {
		Weight::from_parts(85_684_980, 0)
			.saturating_add(Weight::from_parts(0, 4386))
			.saturating_add(Weight::from_parts(873_518, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(24_239_000, 0)
			.saturating_add(Weight::from_parts(0, 7575))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn on_initialize_commit_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(8_169_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			.saturating_add(Weight::from_parts(3_378_565_018, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(16_u64))
			.saturating_add(RocksDbWeight::get().reads((84_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(16_u64))
			.saturating_add(RocksDbWeight::get().writes((100_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 58688).saturating_mul(n.into()))
	}
	fn on_initialize_reveal_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(8_197_000, 0)
			.saturating_add(Weight::from_parts(0, 119364))
			.saturating_add(Weight::from_parts(2_744_835_685, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().reads((82_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(16_u64))
			.saturating_add(RocksDbWeight::get().writes((83_u64).saturating_mul(n.into())))
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
