//! Types of the fees pallet.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use verinfer_primitives::Quote;

/// Balance type of the pallet's currency.
pub type BalanceOf<T> = <T as Config>::Balance;

/// The escrow of one open job: who pays, and the quote it was charged.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Escrow<T: Config> {
	/// The requester; `quote.total` of its balance is held for this job.
	pub payer: T::AccountId,
	/// The job's price, fixed at submission.
	pub quote: Quote<BalanceOf<T>>,
}
