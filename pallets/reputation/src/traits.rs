//! What the jobs pallet asks of, and tells, the reputation pallet.

use crate::{Config, Pallet};
use sp_runtime::Permill;
use verinfer_primitives::ReputationEvent;

/// Operator reputation as seen by the jobs pallet.
///
/// `()` implements it as "everybody is average": score 1/2, nobody excluded, nothing recorded.
/// [`crate::testing::TestReputation`] is an in-memory implementation for mocks.
pub trait ReputationInterface<AccountId, Balance> {
	/// Record the outcome of one job for one assigned operator.
	fn record(who: &AccountId, event: ReputationEvent<Balance>);

	/// The current score of `who`; 1/2 for an operator without history.
	fn score(who: &AccountId) -> Permill;

	/// Whether `who` is excluded from assignment now.
	fn is_excluded(who: &AccountId) -> bool;
}

impl<T: Config> ReputationInterface<T::AccountId, T::Balance> for Pallet<T> {
	fn record(who: &T::AccountId, event: ReputationEvent<T::Balance>) {
		Self::do_record(who, event)
	}

	fn score(who: &T::AccountId) -> Permill {
		Self::score_of(who)
	}

	fn is_excluded(who: &T::AccountId) -> bool {
		Self::current_record(who).is_some_and(|record| Self::excluded(&record))
	}
}

impl<AccountId, Balance> ReputationInterface<AccountId, Balance> for () {
	fn record(_: &AccountId, _: ReputationEvent<Balance>) {}
	fn score(_: &AccountId) -> Permill {
		Permill::from_percent(50)
	}
	fn is_excluded(_: &AccountId) -> bool {
		false
	}
}
