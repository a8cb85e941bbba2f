//! The pallets benchmarked by `verinfer-node benchmark pallet`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_operators, Operators]
	[pallet_fees, Fees]
	[pallet_reputation, Reputation]
);
