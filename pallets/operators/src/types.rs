//! Types of the operators pallet.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use verinfer_primitives::ModelId;
pub use verinfer_primitives::operators::{OperatorStatus, UnlockChunk};

/// Balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An operator's bond. `active + Σ unlocking.value` is exactly what is held from the operator
/// under [`crate::HoldReason::OperatorBond`].
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Ledger<T: Config> {
	/// The bond that backs new work and weights assignment.
	pub active: BalanceOf<T>,
	/// Unbonding chunks, in order of `unlock_at`.
	pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>, BlockNumberFor<T>>, T::MaxUnbondingChunks>,
}

/// Everything the chain knows about one operator.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct OperatorInfo<T: Config> {
	/// The off-chain worker (`infr`) key bound to the operator.
	pub key: T::OperatorKey,
	/// The operator's bond.
	pub ledger: Ledger<T>,
	/// The models the operator serves.
	pub models: BoundedVec<ModelId, T::MaxModelsPerOperator>,
	/// Whether it takes new jobs.
	pub status: OperatorStatus,
	/// Jobs assigned to it that have not reached a final state.
	pub open_jobs: u32,
	/// Free-form operator metadata (contact, hardware, ...).
	pub metadata: BoundedVec<u8, T::MaxMetadataLen>,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
}

/// Where the funds of one slash went.
#[derive(Clone, Copy, Eq, PartialEq, Debug, Default)]
pub struct SlashPayout<Balance> {
	/// Paid to the harmed party.
	pub to_beneficiary: Balance,
	/// Paid to the treasury.
	pub to_treasury: Balance,
	/// Burned because nobody could receive it.
	pub burned: Balance,
}
