// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_fees`, measured by `verinfer-node benchmark pallet`.
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
// pallet_fees
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
// pallets/fees/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and each benchmarked operation of `pallet_fees`.
pub trait WeightInfo {
	fn set_byte_fee() -> Weight;
	fn set_protocol_fee_rate() -> Weight;
	fn set_treasury() -> Weight;
	fn hold_escrow() -> Weight;
	fn settle(n: u32, ) -> Weight;
	fn refund() -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Fees::ByteFee` (r:0 w:1)
	/// Proof: `Fees::ByteFee` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn set_byte_fee() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 7_338_000 picoseconds.
		Weight::from_parts(8_932_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Fees::ProtocolFeeRate` (r:0 w:1)
	/// Proof: `Fees::ProtocolFeeRate` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_protocol_fee_rate() -> Weight {
		// Proof size, measured: `0`
		// Proof size, estimated: `0`
		// Fastest run: 7_360_000 picoseconds.
		Weight::from_parts(10_036_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `System::Account` (r:1 w:0)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:0 w:1)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	fn set_treasury() -> Weight {
		// Proof size, measured: `174`
		// Proof size, estimated: `3593`
		// Fastest run: 14_656_000 picoseconds.
		Weight::from_parts(18_790_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn hold_escrow() -> Weight {
		// Proof size, measured: `326`
		// Proof size, estimated: `3604`
		// Fastest run: 76_247_000 picoseconds.
		Weight::from_parts(83_504_000, 0)
			.saturating_add(Weight::from_parts(0, 3604))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:19 w:19)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 16]`.
	fn settle(n: u32, ) -> Weight {
		// Proof size, measured: `792 + n * (80 ±0)`
		// Proof size, estimated: `8799 + n * (2603 ±0)`
		// Fastest run: 168_568_000 picoseconds.
		Weight::from_parts(145_315_365, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			// Standard error: 153_296
			.saturating_add(Weight::from_parts(48_307_654, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `Fees::Escrows` (r:1 w:1)
	/// Proof: `Fees::Escrows` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn refund() -> Weight {
		// Proof size, measured: `539`
		// Proof size, estimated: `3604`
		// Fastest run: 63_015_000 picoseconds.
		Weight::from_parts(71_300_000, 0)
			.saturating_add(Weight::from_parts(0, 3604))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn set_byte_fee() -> Weight {
		Weight::from_parts(8_932_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_protocol_fee_rate() -> Weight {
		Weight::from_parts(10_036_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_treasury() -> Weight {
		Weight::from_parts(18_790_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn hold_escrow() -> Weight {
		Weight::from_parts(83_504_000, 0)
			.saturating_add(Weight::from_parts(0, 3604))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn settle(n: u32, ) -> Weight {
		Weight::from_parts(145_315_365, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			.saturating_add(Weight::from_parts(48_307_654, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	fn refund() -> Weight {
		Weight::from_parts(71_300_000, 0)
			.saturating_add(Weight::from_parts(0, 3604))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
}
