//! Types of the reputation pallet.

use crate::{beta::BetaEvidence, Config};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use verinfer_primitives::OperatorStats;

/// The reputation of one operator.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct ReputationRecord<T: Config> {
	/// Decayed evidence `(r, s)`, aged up to `decayed_at`.
	pub evidence: BetaEvidence,
	/// Block up to which idle decay has been applied.
	pub decayed_at: BlockNumberFor<T>,
	/// Events since the record was created or last reinstated.
	pub window_events: u32,
	/// Raw counters, never decayed.
	pub stats: OperatorStats<T::Balance, BlockNumberFor<T>>,
}
