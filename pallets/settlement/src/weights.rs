// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_settlement`, measured by `verinfer-node benchmark pallet`.
//!
//! PROVISIONAL: estimated by hand in the shape `scripts/bench.sh` writes (with
//! `scripts/weight-template.hbs`); to be replaced by running `scripts/bench.sh pallet_settlement`.
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
// pallet_settlement
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
	/// Storage: `Jobs::Jobs` (r:2 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(3200), added: 5675, mode: `MaxEncodedLen`)
	/// Storage: `Operators::Operators` (r:1 w:0)
	/// Storage: `Operators::OperatorByKey` (r:1 w:0)
	/// Storage: `Jobs::DeadlineQueue` (r:2 w:2)
	/// Component `n` ranges over `[1, 32]`.
	fn commit(n: u32, ) -> Weight {
		// Proof size, measured: `500 + n * (3000 ±0)`
		// Proof size, estimated: `4000 + n * (8000 ±0)`
		// Fastest run: 60_000_000 picoseconds.
		Weight::from_parts(15_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4000))
			// Standard error: 20_000
			.saturating_add(Weight::from_parts(45_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8000).saturating_mul(n.into()))
	}
	/// Storage: `Jobs::Jobs` (r:3 w:2)
	/// Storage: `Jobs::Reveals` (r:16 w:1)
	/// Storage: `Jobs::Models` (r:2 w:0)
	/// Storage: `Jobs::Results` (r:0 w:1)
	/// Storage: `Jobs::DeadlineQueue` (r:1 w:1)
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Storage: `Balances::Holds` (r:26 w:26)
	/// Storage: `System::Account` (r:44 w:44)
	/// Storage: `Operators::Operators` (r:16 w:16)
	/// Storage: `Reputation::Reputations` (r:16 w:16)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Storage: `Jobs::OperatorOpenJobs` (r:0 w:16)
	/// Component `n` ranges over `[1, 32]`.
	fn reveal(n: u32, ) -> Weight {
		// Proof size, measured: `2000 + n * (14000 ±0)`
		// Proof size, estimated: `6000 + n * (90000 ±0)`
		// Fastest run: 2_600_000_000 picoseconds.
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			// Standard error: 700_000
			.saturating_add(Weight::from_parts(2_600_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((128_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((126_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 90000).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn commit(n: u32, ) -> Weight {
		Weight::from_parts(15_000_000, 0)
			.saturating_add(Weight::from_parts(0, 4000))
			.saturating_add(Weight::from_parts(45_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 8000).saturating_mul(n.into()))
	}
	fn reveal(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 6000))
			.saturating_add(Weight::from_parts(2_600_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((128_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((126_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 90000).saturating_mul(n.into()))
	}
}
