// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_settlement`, measured by `verinfer-node benchmark pallet`.
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
// pallet_settlement
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
// pallets/settlement/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and each benchmarked operation of `pallet_settlement`.
pub trait WeightInfo {
	fn commit(n: u32, k: u32, ) -> Weight;
	fn reveal(n: u32, k: u32, ) -> Weight;
	fn verify_steps(n: u32, ) -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Operators::OperatorByKey` (r:1 w:0)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:64 w:64)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:2 w:2)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 64]`.
	/// Component `k` ranges over `[1, 16]`.
	fn commit(n: u32, k: u32, ) -> Weight {
		// Proof size, measured: `0 + k * (7548 ±0) + n * (1898 ±0)`
		// Proof size, estimated: `14160 + n * (5129 ±0)`
		// Fastest run: 102_009_000 picoseconds.
		Weight::from_parts(107_809_000, 0)
			.saturating_add(Weight::from_parts(0, 14160))
			// Standard error: 1_036_952
			.saturating_add(Weight::from_parts(39_310_150, 0).saturating_mul(n.into()))
			// Standard error: 4_012_893
			.saturating_add(Weight::from_parts(14_150_533, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 5129).saturating_mul(n.into()))
	}
	/// Storage: `Operators::OperatorByKey` (r:1 w:0)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:64 w:64)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:2 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:960 w:64)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:64 w:64)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:23 w:23)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:34 w:34)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:31 w:31)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:22 w:22)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:17 w:17)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:31 w:31)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Results` (r:0 w:64)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:1024)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 64]`.
	/// Component `k` ranges over `[1, 16]`.
	fn reveal(n: u32, k: u32, ) -> Weight {
		// Proof size, measured: `0 + k * (13366 ±0) + n * (2910 ±0)`
		// Proof size, estimated: `180957 + k * (102535 ±166) + n * (22420 ±0)`
		// Fastest run: 2_432_021_000 picoseconds.
		Weight::from_parts(2_487_811_000, 0)
			.saturating_add(Weight::from_parts(0, 180957))
			// Standard error: 48_270_879
			.saturating_add(Weight::from_parts(1_127_791_305, 0).saturating_mul(n.into()))
			// Standard error: 186_803_061
			.saturating_add(Weight::from_parts(1_469_397_699, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(105_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads((28_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(105_u64))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((28_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 102535).saturating_mul(k.into()))
			.saturating_add(Weight::from_parts(0, 22420).saturating_mul(n.into()))
	}
	/// Component `n` ranges over `[1, 128]`.
	fn verify_steps(n: u32, ) -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 59_669_000 picoseconds.
		Weight::from_parts(57_108_564, 0)
			.saturating_add(Weight::from_parts(0, 0))
			// Standard error: 19_095
			.saturating_add(Weight::from_parts(7_578_999, 0).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn commit(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(107_809_000, 0)
			.saturating_add(Weight::from_parts(0, 14160))
			.saturating_add(Weight::from_parts(39_310_150, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(14_150_533, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 5129).saturating_mul(n.into()))
	}
	fn reveal(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(2_487_811_000, 0)
			.saturating_add(Weight::from_parts(0, 180957))
			.saturating_add(Weight::from_parts(1_127_791_305, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(1_469_397_699, 0).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(105_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads((28_u64).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(105_u64))
			.saturating_add(RocksDbWeight::get().writes((9_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((28_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 102535).saturating_mul(k.into()))
			.saturating_add(Weight::from_parts(0, 22420).saturating_mul(n.into()))
	}
	fn verify_steps(n: u32, ) -> Weight {
		Weight::from_parts(57_108_564, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(Weight::from_parts(7_578_999, 0).saturating_mul(n.into()))
	}
}
