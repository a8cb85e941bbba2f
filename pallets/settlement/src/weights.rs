// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_settlement`, measured by `verinfer-node benchmark pallet`.
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
	fn commit(n: u32, ) -> Weight;
	fn reveal(n: u32, ) -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Operators::OperatorByKey` (r:1 w:0)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:16 w:16)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:2 w:2)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 16]`.
	fn commit(n: u32, ) -> Weight {
		// Proof size, measured: `1092 + n * (1914 ±0)`
		// Proof size, estimated: `8016 + n * (5129 ±0)`
		// Fastest run: 89_272_000 picoseconds.
		Weight::from_parts(68_717_443, 0)
			.saturating_add(Weight::from_parts(0, 8016))
			// Standard error: 507_581
			.saturating_add(Weight::from_parts(49_658_424, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 5129).saturating_mul(n.into()))
	}
	/// Storage: `Operators::OperatorByKey` (r:1 w:0)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:16 w:16)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(2654), added: 5129, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:16 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Reveals` (r:240 w:16)
	/// Proof: `Jobs::Reveals` (`max_values`: None, `max_size`: Some(2112), added: 4587, mode: `MaxEncodedLen`)
	/// Storage: `Fees::Escrows` (r:16 w:16)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:113 w:113)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:244 w:244)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::Reputations` (r:241 w:241)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:241 w:241)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Proof: `Jobs::DeadlineQueue` (`max_values`: None, `max_size`: Some(1038), added: 3513, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OpenJobs` (r:1 w:1)
	/// Proof: `Jobs::OpenJobs` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Results` (r:0 w:16)
	/// Proof: `Jobs::Results` (`max_values`: None, `max_size`: Some(2100), added: 4575, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:256)
	/// Proof: `Jobs::OperatorOpenJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 16]`.
	fn reveal(n: u32, ) -> Weight {
		// Proof size, measured: `19160 + n * (7271 ±0)`
		// Proof size, estimated: `11402 + n * (68805 ±0)`
		// Fastest run: 2_148_695_000 picoseconds.
		Weight::from_parts(1_688_819_146, 0)
			.saturating_add(Weight::from_parts(0, 11402))
			// Standard error: 43_122_672
			.saturating_add(Weight::from_parts(1_912_409_440, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((70_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().writes((72_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn commit(n: u32, ) -> Weight {
		Weight::from_parts(68_717_443, 0)
			.saturating_add(Weight::from_parts(0, 8016))
			.saturating_add(Weight::from_parts(49_658_424, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 5129).saturating_mul(n.into()))
	}
	fn reveal(n: u32, ) -> Weight {
		Weight::from_parts(1_688_819_146, 0)
			.saturating_add(Weight::from_parts(0, 11402))
			.saturating_add(Weight::from_parts(1_912_409_440, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((70_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
			.saturating_add(RocksDbWeight::get().writes((72_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 68805).saturating_mul(n.into()))
	}
}
