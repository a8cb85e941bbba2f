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
	fn commit(n: u32, k: u32, ) -> Weight;
	fn reveal(n: u32, k: u32, ) -> Weight;
	fn verify_steps(n: u32, ) -> Weight;
}

/// Placeholder until `scripts/bench.sh` measures the new components: the former figures for
/// `k = 16` spread over `k`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn commit(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(68_717_443, 0)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(2_500_000, 0).saturating_mul(n.into()).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn reveal(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(1_688_819_146, 0)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(117_000_000, 0).saturating_mul(n.into()).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into()).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into()).saturating_mul(k.into())))
	}
	fn verify_steps(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(n.into()))
	}
}

/// The same weights for tests and mocks, with RocksDB's database weights.
impl WeightInfo for () {
	fn commit(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(68_717_443, 0)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(2_500_000, 0).saturating_mul(n.into()).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn reveal(n: u32, k: u32, ) -> Weight {
		Weight::from_parts(1_688_819_146, 0)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(117_000_000, 0).saturating_mul(n.into()).saturating_mul(k.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into()).saturating_mul(k.into())))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
			.saturating_add(RocksDbWeight::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into()).saturating_mul(k.into())))
	}
	fn verify_steps(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(n.into()))
	}
}
