// This file is part of Verinfer.
// SPDX-License-Identifier: Apache-2.0

//! What one storage read and one storage write cost on the database the node runs on, measured by
//! `verinfer-node benchmark storage` (`scripts/bench.sh storage`).
//!
//! Database: `ParityDb`, chain: `Verinfer Development`, state of block `Number(0)`, state
//! version `V1`, 2 warm-up rounds. Benchmark CLI 64.0.0, 2026-11-30 (Y/M/D).
//! Machine: `vm`, CPU: `Intel(R) Xeon(R) Processor`.
//! Each weight is the `P95Percentile` of all measured keys, times
//! `2.0`, plus `0` ns.
//! `scripts/bench.sh` measures the development chain's genesis state: a few dozen keys that the
//! database keeps in memory. Twice their 95th percentile leaves a margin for a grown state; a
//! network should measure a copy of its own database the same way.
//! Do not edit by hand: run `scripts/bench.sh storage` again on the reference machine.

// Command:
// verinfer-node
// benchmark
// storage
// --chain
// <development chain, raw spec>
// --base-path
// <temporary folder>
// --database
// paritydb
// --state-version
// 1
// --warmups
// 2
// --batch-size
// 1
// --metric
// p95
// --mul
// 2
// --template-path
// scripts/db-weight-template.hbs
// --header
// scripts/license-header.txt
// --weight-path
// runtime/src/weights/db.rs

use frame_support::{
	parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_NANOS, RuntimeDbWeight},
};

parameter_types! {
	/// One read and one write of a storage item in `ParityDb`, the runtime's `DbWeight`.
	///
	/// Reads in ns: min 1_323, median 3_261, average
	/// 7_025, p95 7_797, p99 234_548,
	/// max 234_548.
	/// Writes in ns: min 6_446, median 17_810, average
	/// 35_077, p95 30_464, p99 1_188_829,
	/// max 1_188_829.
	pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
		read: 15_594 * WEIGHT_REF_TIME_PER_NANOS,
		write: 60_928 * WEIGHT_REF_TIME_PER_NANOS,
	};
}
