//! Tests of the operators pallet, by topic. Every test runs through
//! [`ExtBuilder::build_and_execute`], which checks the pallet's invariants at the end.

pub(crate) use crate::{
	mock::*, Error, Event, ModelOperators, OperatorByKey, OperatorInfo, OperatorStatus,
	Operators as OperatorsStorage, UnlockChunk,
};
pub(crate) use verinfer_primitives::traits::{OperatorKeyLookup, OperatorsInterface};
pub(crate) use frame_support::{assert_noop, assert_ok};
pub(crate) use sp_runtime::{DispatchError, Perbill};
pub(crate) use verinfer_primitives::SlashReason;

mod bonding;
mod genesis;
mod interface;
mod invariants;
mod registration;
mod serving;
mod slashing;

pub(crate) fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Register `who` with `bond`, its test key and no metadata.
pub(crate) fn register(who: AccountId, bond: Balance) {
	assert_ok!(Operators::register(origin(who), bond, key(who), proof_for(who, &key(who)), vec![]));
}

/// Register `who` with `bond`, serve `models` and go online.
pub(crate) fn online_operator(who: AccountId, bond: Balance, models: &[u8]) {
	register(who, bond);
	assert_ok!(Operators::serve(origin(who), models.iter().map(|m| model(*m)).collect()));
	assert_ok!(Operators::go_online(origin(who)));
}

pub(crate) fn info(who: AccountId) -> OperatorInfo<Test> {
	OperatorsStorage::<Test>::get(who).expect("a registered operator")
}
