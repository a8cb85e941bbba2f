//! # Verinfer runtime
//!
//! The FRAME runtime of the Verinfer solochain, on which AI inference is an accountable
//! transaction. This crate wires the consensus and accounting pallets every Substrate chain
//! needs:
//!
//! - **System**, **Timestamp**: the chain's clock and accounts.
//! - **Babe**: block production with VRF slots. Every block carries its author's VRF output, the
//!   randomness the jobs pallet draws operators from.
//! - **Grandpa**: deterministic finality.
//! - **Session**: the validator set and its session keys (`babe`, `gran`).
//! - **Balances**, **TransactionPayment**: the native token `VINF` (12 decimals) and fees.
//! - **Sudo**: a root key for the young network.
//!
//! And the Verinfer pallets (see `../shared/DESIGN.md`):
//!
//! - **Operators**: operator bonds (held as `OperatorBond`), served models, online state, slashes.
//! - **Fees**: quotes, the requester's escrow (`JobEscrow`), payouts, refunds, protocol fee.
//! - **Reputation**: evidence-only Beta reputation per operator.
//!
//! Genesis comes from presets (`development`, `local_testnet`) served by the runtime's
//! `GenesisBuilder` API, so the node's chain specs carry no runtime knowledge of their own.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared first: `define_benchmarks!` defines the `list_benchmarks!`/`add_benchmarks!` macros
// that `apis` uses, and macros are visible only after their definition.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod offchain;
pub mod token;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT, OpaqueExtrinsic};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, OpaqueExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// The session keys of a validator: BABE for block production, GRANDPA for finality.
		pub struct SessionKeys {
			pub babe: super::Babe,
			pub grandpa: super::Grandpa,
		}
	}
}

pub use opaque::SessionKeys;

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("verinfer"),
	impl_name: alloc::borrow::Cow::Borrowed("verinfer"),
	authoring_version: 1,
	// Bump on every change of runtime logic; `transaction_version` on every change of call
	// indices or argument encodings.
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Time and block constants.
pub mod time {
	use super::BlockNumber;

	/// Target block time. Three seconds keeps a job's commit–reveal round short while leaving
	/// room for an inference call and gossip on every slot.
	pub const MILLI_SECS_PER_BLOCK: u64 = 3000;
	/// BABE slot duration; one block per slot is the target.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	pub const HOURS: BlockNumber = MINUTES * 60;
	pub const DAYS: BlockNumber = HOURS * 24;

	/// A BABE epoch (and so a session) lasts ten minutes.
	pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = 10 * MINUTES;
	pub const EPOCH_DURATION_IN_SLOTS: u64 = EPOCH_DURATION_IN_BLOCKS as u64;

	/// 1 in 4 slots has a primary (VRF) author on average; the rest get secondary VRF authors,
	/// so every block still carries VRF randomness.
	pub const PRIMARY_PROBABILITY: (u64, u64) = (1, 4);
}

/// The BABE epoch configuration at genesis: primary and secondary VRF slots, so every block,
/// primary or secondary, carries a VRF output.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: time::PRIMARY_PROBABILITY,
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// Token units.
pub mod currency {
	use super::Balance;

	/// One VINF.
	pub const UNITS: Balance = 10u128.pow(super::token::DECIMALS as u32);
	pub const MILLI_UNITS: Balance = UNITS / 1_000;
	pub const MICRO_UNITS: Balance = MILLI_UNITS / 1_000;

	/// The smallest balance an account may hold.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNITS;
}

/// The chain's basic types, defined once for the runtime, the node and the wallet-side tools.
pub use verinfer_primitives::chain::{AccountId, Balance, BlockNumber, Hash, Nonce, Signature};
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, in the order wallets sign them.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on runtime upgrade; none yet.
type Migrations = ();

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	// BABE runs first in every block: it records the slot and the author's VRF output that
	// everything after it (sessions, job assignment) relies on.
	#[runtime::pallet_index(1)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(3)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(4)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(5)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(6)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	// Verinfer. `Fees` comes after `Balances`: its genesis tops the treasury up to the
	// existential deposit, which must not be overwritten by Balances' issuance bookkeeping.
	#[runtime::pallet_index(20)]
	pub type Operators = pallet_operators;

	#[runtime::pallet_index(21)]
	pub type Fees = pallet_fees;

	#[runtime::pallet_index(22)]
	pub type Reputation = pallet_reputation;

	// The job registry and its settlement. `Jobs` processes deadlines in `on_initialize`,
	// after `Babe` has recorded the slot; `Settlement` is its deadline handler.
	#[runtime::pallet_index(23)]
	pub type Jobs = pallet_jobs;

	#[runtime::pallet_index(24)]
	pub type Settlement = pallet_settlement;
}
