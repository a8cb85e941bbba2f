//! The pallets benchmarked by `verinfer-node benchmark pallet`. The macro expands inside
//! `apis.rs`, so every entry names its pallet by full path.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<crate::Runtime>]
	[pallet_balances, crate::Balances]
	[pallet_timestamp, crate::Timestamp]
	[pallet_sudo, crate::Sudo]
	[pallet_operators, crate::Operators]
	[pallet_fees, crate::Fees]
	[pallet_reputation, crate::Reputation]
	[pallet_jobs, crate::Jobs]
	[pallet_settlement, crate::Settlement]
);
