// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_operators`, measured by `verinfer-node benchmark pallet`.
//!
//! Generated from the pallet's benchmarks by the benchmark CLI 64.0.0 on 2026-11-22.
//! Do not edit by hand: run `scripts/bench.sh` again after a pallet's logic changes.
//! Steps: `50`, repeat: `20`, wasm execution: `Compiled`.
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
// pallet_operators
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
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OperatorByKey` (r:1 w:1)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof size, measured: `544`
		// Proof size, estimated: `4662`
		// Fastest run: 127_379_000 picoseconds.
		Weight::from_parts(148_260_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn bond_extra() -> Weight {
		// Proof size, measured: `644`
		// Proof size, estimated: `4662`
		// Fastest run: 73_359_000 picoseconds.
		Weight::from_parts(100_439_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size, measured: `612`
		// Proof size, estimated: `4662`
		// Fastest run: 16_444_000 picoseconds.
		Weight::from_parts(19_940_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Operators::OperatorByKey` (r:0 w:1)
	/// Proof: `Operators::OperatorByKey` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size, measured: `965`
		// Proof size, estimated: `4662`
		// Fastest run: 61_141_000 picoseconds.
		Weight::from_parts(66_108_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Models` (r:16 w:0)
	/// Proof: `Jobs::Models` (`max_values`: None, `max_size`: Some(525), added: 3000, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:32 w:32)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[0, 16]`.
	fn serve(n: u32, ) -> Weight {
		// Proof size, measured: `18993 + n * (119 ±0)`
		// Proof size, estimated: `172462 + n * (10717 ±0)`
		// Fastest run: 160_137_000 picoseconds.
		Weight::from_parts(214_084_229, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			// Standard error: 383_624
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(17_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	fn go_online(n: u32, ) -> Weight {
		// Proof size, measured: `311`
		// Proof size, estimated: `4662`
		// Fastest run: 16_724_000 picoseconds.
		Weight::from_parts(20_651_000, 0)
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	fn go_offline(n: u32, ) -> Weight {
		// Proof size, measured: `311`
		// Proof size, estimated: `4662`
		// Fastest run: 16_534_000 picoseconds.
		Weight::from_parts(19_639_000, 0)
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Operators::ModelOperators` (r:16 w:16)
	/// Proof: `Operators::ModelOperators` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof size, measured: `10455`
		// Proof size, estimated: `172462`
		// Fastest run: 154_238_000 picoseconds.
		Weight::from_parts(170_002_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(17_u64))
	}
	/// Storage: `Operators::Operators` (r:1 w:1)
	/// Proof: `Operators::Operators` (`max_values`: None, `max_size`: Some(1197), added: 3672, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Fees::TreasuryAccount` (r:1 w:0)
	/// Proof: `Fees::TreasuryAccount` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	fn slash() -> Weight {
		// Proof size, measured: `1307`
		// Proof size, estimated: `8799`
		// Fastest run: 110_864_000 picoseconds.
		Weight::from_parts(116_393_000, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(148_260_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn bond_extra() -> Weight {
		Weight::from_parts(100_439_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(19_940_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(66_108_000, 0)
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn serve(n: u32, ) -> Weight {
		Weight::from_parts(214_084_229, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(17_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
	}
	fn go_online(n: u32, ) -> Weight {
		Weight::from_parts(20_651_000, 0)
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn go_offline(n: u32, ) -> Weight {
		Weight::from_parts(19_639_000, 0)
			.saturating_add(Weight::from_parts(12_184_827, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 10717).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 4662))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deregister() -> Weight {
		Weight::from_parts(170_002_000, 0)
			.saturating_add(Weight::from_parts(0, 172462))
			.saturating_add(RocksDbWeight::get().reads(17_u64))
			.saturating_add(RocksDbWeight::get().writes(17_u64))
	}
	fn slash() -> Weight {
		Weight::from_parts(116_393_000, 0)
			.saturating_add(Weight::from_parts(0, 8799))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
}
