// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_reputation`, measured by `verinfer-node benchmark pallet`.
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
// pallet_reputation
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
// pallets/reputation/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and each benchmarked operation of `pallet_reputation`.
pub trait WeightInfo {
	fn reinstate() -> Weight;
	fn record() -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Reputation::Reputations` (r:1 w:1)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	fn reinstate() -> Weight {
		// Proof size, measured: `257`
		// Proof size, estimated: `3617`
		// Fastest run: 20_035_000 picoseconds.
		Weight::from_parts(30_834_000, 0)
			.saturating_add(Weight::from_parts(0, 3617))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Reputation::Reputations` (r:1 w:1)
	/// Proof: `Reputation::Reputations` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Reputation::AverageFee` (r:1 w:1)
	/// Proof: `Reputation::AverageFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn record() -> Weight {
		// Proof size, measured: `259`
		// Proof size, estimated: `3617`
		// Fastest run: 20_642_000 picoseconds.
		Weight::from_parts(24_323_000, 0)
			.saturating_add(Weight::from_parts(0, 3617))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn reinstate() -> Weight {
		Weight::from_parts(30_834_000, 0)
			.saturating_add(Weight::from_parts(0, 3617))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn record() -> Weight {
		Weight::from_parts(24_323_000, 0)
			.saturating_add(Weight::from_parts(0, 3617))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
