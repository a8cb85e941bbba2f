//! Tests of the fees pallet, by topic. Every test runs through
//! [`ExtBuilder::build_and_execute`], which checks the pallet's invariants at the end.

pub(crate) use crate::{
	mock::*, ByteFee, Error, Escrows, Event, ModelFees, Payout, ProtocolFeeRate, Quote,
	TreasuryAccount,
};
pub(crate) use verinfer_primitives::traits::FeesInterface;
pub(crate) use frame_support::{assert_noop, assert_ok};
pub(crate) use sp_runtime::{DispatchError, Perbill};

mod escrow;
mod invariants;
mod parameters;
mod quote;
mod settlement;

pub(crate) type F = Fees;

pub(crate) fn fees(operator_fee: Balance, royalty: Balance) -> ModelFees<Balance> {
	ModelFees { operator_fee, royalty }
}

/// Quote and escrow job `job` for `payer`; returns the quote.
pub(crate) fn open_job(
	job: u64,
	payer: AccountId,
	model: ModelFees<Balance>,
	input_len: u32,
	k: u32,
) -> Quote<Balance> {
	let quote = <F as FeesInterface<_, _>>::quote(&model, input_len, k).expect("quotable");
	assert_ok!(<F as FeesInterface<_, _>>::hold_escrow(job, &payer, &quote));
	quote
}
