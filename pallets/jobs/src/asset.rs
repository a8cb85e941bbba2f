//! Every currency movement of the jobs pallet: the model deposit.
//!
//! A model's deposit is held from its owner under [`HoldReason::ModelDeposit`] when the model
//! is registered and stays held while the model exists (the registry is permanent: job records
//! refer to it). Nothing here mints, burns or transfers. Job escrows are the fees pallet's and
//! bonds the operators pallet's; this pallet reaches them only through their traits.

use crate::{BalanceOf, Config, Error, HoldReason};
use frame_support::traits::{
	fungible::{Inspect, InspectHold, MutateHold},
	tokens::{Fortitude, Preservation},
};
use sp_runtime::{traits::Zero, DispatchResult};

fn reason<T: Config>() -> T::RuntimeHoldReason {
	HoldReason::ModelDeposit.into()
}

/// What `owner` has on hold as model deposits.
pub fn deposited<T: Config>(owner: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason::<T>(), owner)
}

/// Hold `amount` from `owner`'s free balance, keeping its account alive.
pub fn hold_deposit<T: Config>(owner: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	let free = T::Currency::reducible_balance(owner, Preservation::Protect, Fortitude::Polite);
	frame_support::ensure!(free >= amount, Error::<T>::InsufficientBalance);
	T::Currency::hold(&reason::<T>(), owner, amount)
}
