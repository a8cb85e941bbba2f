// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_balances` (a polkadot-sdk pallet) in the Verinfer runtime, measured by
//! `verinfer-node benchmark pallet`.
//!
//! Generated from the pallet's own benchmarks by the benchmark CLI 64.0.0 on 2026-11-30.
//! Do not edit by hand: run `scripts/bench.sh pallet_balances` again after an upgrade of the SDK.
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
// pallet_balances
// --extrinsic
// *
// --steps
// 25
// --repeat
// 10
// --template
// scripts/runtime-weight-template.hbs
// --header
// scripts/license-header.txt
// --output
// runtime/src/weights/pallet_balances.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::Weight};
use core::marker::PhantomData;

/// `pallet_balances`'s weights measured on this project's reference machine, with the runtime's own
/// database weights: the runtime uses these instead of the ones polkadot-sdk measured on its own.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_balances::WeightInfo for WeightInfo<T> {
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn transfer_allow_death() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `3593`
		// Fastest run: 79_817_000 picoseconds.
		Weight::from_parts(151_655_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn transfer_keep_alive() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `3593`
		// Fastest run: 60_568_000 picoseconds.
		Weight::from_parts(123_545_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn force_set_balance_creating() -> Weight {
		// Proof size, measured: `39`
		// Proof size, estimated: `3593`
		// Fastest run: 32_801_000 picoseconds.
		Weight::from_parts(68_585_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn force_set_balance_killing() -> Weight {
		// Proof size, measured: `174`
		// Proof size, estimated: `3593`
		// Fastest run: 32_369_000 picoseconds.
		Weight::from_parts(39_141_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn force_transfer() -> Weight {
		// Proof size, measured: `103`
		// Proof size, estimated: `6196`
		// Fastest run: 78_285_000 picoseconds.
		Weight::from_parts(89_474_000, 0)
			.saturating_add(Weight::from_parts(0, 6196))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn transfer_all() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `3593`
		// Fastest run: 72_404_000 picoseconds.
		Weight::from_parts(80_943_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn force_unreserve() -> Weight {
		// Proof size, measured: `174`
		// Proof size, estimated: `3593`
		// Fastest run: 26_003_000 picoseconds.
		Weight::from_parts(30_616_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1000 w:1000)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Component `u` ranges over `[1, 1000]`.
	fn upgrade_accounts(u: u32, ) -> Weight {
		// Proof size, measured: `0 + u * (85 ±0)`
		// Proof size, estimated: `990 + u * (2603 ±0)`
		// Fastest run: 26_152_000 picoseconds.
		Weight::from_parts(29_373_000, 0)
			.saturating_add(Weight::from_parts(0, 990))
			// Standard error: 148_041
			.saturating_add(Weight::from_parts(22_607_631, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(u.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(u.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(u.into()))
	}
	fn force_adjust_total_issuance() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 9_131_000 picoseconds.
		Weight::from_parts(17_697_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
	}
	fn burn_allow_death() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 47_268_000 picoseconds.
		Weight::from_parts(85_468_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
	}
	fn burn_keep_alive() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 30_804_000 picoseconds.
		Weight::from_parts(35_994_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
	}
}
