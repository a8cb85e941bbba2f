//! Tests of the reputation pallet, by topic (the rule itself is tested in [`crate::beta`]).
//! Every test runs through [`ExtBuilder::build_and_execute`], which checks the invariants.

pub(crate) use crate::{mock::*, AverageFee, Error, Event, ReputationEvent, Reputations};
pub(crate) use verinfer_primitives::traits::ReputationInterface;
pub(crate) use frame_support::{assert_noop, assert_ok};
pub(crate) use sp_runtime::{DispatchError, Permill};

mod exclusion;
mod invariants;
mod recording;

pub(crate) fn record(who: AccountId, event: ReputationEvent<Balance>) {
	<Reputation as ReputationInterface<_, _>>::record(&who, event);
}

pub(crate) fn score(who: AccountId) -> Permill {
	<Reputation as ReputationInterface<AccountId, Balance>>::score(&who)
}

pub(crate) fn is_excluded(who: AccountId) -> bool {
	<Reputation as ReputationInterface<AccountId, Balance>>::is_excluded(&who)
}

pub(crate) fn agreed(fee: Balance, latency: u32) -> ReputationEvent<Balance> {
	ReputationEvent::Agreed { latency, fee }
}

pub(crate) fn disagreed(fee: Balance, slashed: Balance) -> ReputationEvent<Balance> {
	ReputationEvent::Disagreed { fee, slashed }
}

pub(crate) fn missed(fee: Balance, slashed: Balance) -> ReputationEvent<Balance> {
	ReputationEvent::Missed { fee, slashed }
}
