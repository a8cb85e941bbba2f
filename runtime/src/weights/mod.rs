//! Weights measured for this runtime on the project's reference machine (`scripts/bench.sh`):
//! the database's ([`db`]) and those of the polkadot-sdk pallets whose calls the chain's users
//! make most (the Verinfer pallets keep theirs in their own crates).

pub mod db;
pub mod pallet_balances;
