// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_operators`, measured by `verinfer-node benchmark pallet`.
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
// pallet_operators
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
// pallets/operators/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// The weight of each call and each benchmarked operation of `pallet_operators`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn bond_extra() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn serve(n: u32, ) -> Weight;
	fn go_online(n: u32, ) -> Weight;
	fn go_offline(n: u32, ) -> Weight;
	fn deregister() -> Weight;
	fn slash() -> Weight;
}

/// Weights measured on the reference machine, with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OperatorByKey` (r:1 w:1)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof size, measured: `544`
		// Proof size, estimated: `4658`
		// Fastest run: 150_050_000 picoseconds.
		Weight::from_parts(274_587_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	fn bond_extra() -> Weight {
		// Proof size, measured: `640`
		// Proof size, estimated: `4658`
		// Fastest run: 89_890_000 picoseconds.
		Weight::from_parts(122_610_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size, measured: `608`
		// Proof size, estimated: `4658`
		// Fastest run: 23_629_000 picoseconds.
		Weight::from_parts(47_425_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OperatorByKey` (r:0 w:1)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:0 w:1)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size, measured: `961`
		// Proof size, estimated: `4658`
		// Fastest run: 80_938_000 picoseconds.
		Weight::from_parts(107_733_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:16 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(542), added: 3017, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:32 w:32)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn serve(n: u32, ) -> Weight {
		// Proof size, measured: `18990 + n * (119 ±0)`
		// Proof size, estimated: `172462 + n * (10717 ±0)`
		// Fastest run: 225_350_000 picoseconds.
		Weight::from_parts(299_675_588, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			// Standard error: 726_320
			.saturating_add(Weight::from_parts(27_882_633, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(17_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:16 w:16)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn go_online(n: u32, ) -> Weight {
		// Proof size, measured: `8531 + n * (117 ±0)`
		// Proof size, estimated: `4658 + n * (10717 ±0)`
		// Fastest run: 22_392_000 picoseconds.
		Weight::from_parts(48_656_651, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			// Standard error: 207_226
			.saturating_add(Weight::from_parts(16_767_096, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:16 w:16)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn go_offline(n: u32, ) -> Weight {
		// Proof size, measured: `8563 + n * (117 ±0)`
		// Proof size, estimated: `4658 + n * (10717 ±0)`
		// Fastest run: 24_666_000 picoseconds.
		Weight::from_parts(35_101_470, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			// Standard error: 120_249
			.saturating_add(Weight::from_parts(13_498_375, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OpenJobCount` (r:1 w:0)
	/// Proof: `Operators::OpenJobCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:16 w:16)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof size, measured: `10451`
		// Proof size, estimated: `172462`
		// Fastest run: 194_300_000 picoseconds.
		Weight::from_parts(236_751_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(17_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1193), added: 3668, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:16 w:16)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof size, measured: `11412`
		// Proof size, estimated: `172462`
		// Fastest run: 304_876_000 picoseconds.
		Weight::from_parts(368_980_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(T::DbWeight::get().reads(22_u64))
			.saturating_add(T::DbWeight::get().writes(21_u64))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(274_587_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn bond_extra() -> Weight {
		Weight::from_parts(122_610_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(47_425_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(107_733_000, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn serve(n: u32, ) -> Weight {
		Weight::from_parts(299_675_588, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(Weight::from_parts(27_882_633, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(17_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	fn go_online(n: u32, ) -> Weight {
		Weight::from_parts(48_656_651, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(Weight::from_parts(16_767_096, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	fn go_offline(n: u32, ) -> Weight {
		Weight::from_parts(35_101_470, 0)
			.saturating_add(Weight::from_parts(0, 4658))
			.saturating_add(Weight::from_parts(13_498_375, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	fn deregister() -> Weight {
		Weight::from_parts(236_751_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(RocksDbWeight::get().reads(18_u64))
			.saturating_add(RocksDbWeight::get().writes(17_u64))
	}
	fn slash() -> Weight {
		Weight::from_parts(368_980_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(RocksDbWeight::get().reads(22_u64))
			.saturating_add(RocksDbWeight::get().writes(21_u64))
	}
}
