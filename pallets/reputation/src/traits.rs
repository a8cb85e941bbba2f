//! What the jobs and settlement pallets ask of, and tell, the reputation pallet: this pallet's
//! implementation of [`ReputationInterface`] (declared in [`verinfer_primitives::traits`]).

use crate::{Config, Pallet};
use sp_runtime::Permill;
use verinfer_primitives::{traits::ReputationInterface, ReputationEvent};

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
