//! Every currency movement of the jobs pallet: the model, agent and job storage deposits, and
//! the record fee.
//!
//! A model's deposit is held from its owner under [`HoldReason::ModelDeposit`] when the model
//! is registered, an agent's from its controller under [`HoldReason::AgentDeposit`] (adjusted
//! when its delegates change); both stay held while the entry exists, and entries are permanent
//! because job records refer to them. A job's storage deposit is held from its requester under
//! [`HoldReason::JobStorage`] at submission and released, exactly, when the job is pruned. The
//! one transfer is a job's record fee, from its requester to the treasury at submission. Nothing
//! here mints or burns. Job escrows are the fees pallet's and bonds the operators pallet's; this
//! pallet reaches them only through their traits.

use crate::{BalanceOf, Config, Error, HoldReason};
use frame_support::traits::{
	fungible::{Inspect, InspectHold, MutateHold},
	tokens::{Fortitude, Preservation},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

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

fn agent_reason<T: Config>() -> T::RuntimeHoldReason {
	HoldReason::AgentDeposit.into()
}

/// What `controller` has on hold as agent deposits.
pub fn agent_deposited<T: Config>(controller: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&agent_reason::<T>(), controller)
}

/// Hold an agent's deposit `amount` from `controller`, keeping its account alive.
pub fn hold_agent_deposit<T: Config>(controller: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	let free = T::Currency::reducible_balance(controller, Preservation::Protect, Fortitude::Polite);
	frame_support::ensure!(free >= amount, Error::<T>::InsufficientBalance);
	T::Currency::hold(&agent_reason::<T>(), controller, amount)
}

/// Change an agent's deposit held from `controller` from `old` to `new`.
pub fn adjust_agent_deposit<T: Config>(
	controller: &T::AccountId,
	old: BalanceOf<T>,
	new: BalanceOf<T>,
) -> DispatchResult {
	use frame_support::traits::tokens::Precision;
	if new > old {
		hold_agent_deposit::<T>(controller, new - old)
	} else {
		T::Currency::release(&agent_reason::<T>(), controller, old - new, Precision::Exact)
			.map(|_| ())
	}
}

fn storage_reason<T: Config>() -> T::RuntimeHoldReason {
	HoldReason::JobStorage.into()
}

/// What `requester` has on hold as job storage deposits.
pub fn storage_deposited<T: Config>(requester: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&storage_reason::<T>(), requester)
}

/// Hold `deposit` from `requester` and pay `fee` to `treasury`, keeping the requester alive;
/// [`Error::CannotPayStorage`] (nothing moved) if it cannot pay both.
pub fn pay_storage<T: Config>(
	requester: &T::AccountId,
	deposit: BalanceOf<T>,
	fee: BalanceOf<T>,
	treasury: &T::AccountId,
) -> DispatchResult {
	use frame_support::traits::fungible::Mutate;
	let free = T::Currency::reducible_balance(requester, Preservation::Protect, Fortitude::Polite);
	frame_support::ensure!(
		free >= deposit.saturating_add(fee),
		Error::<T>::CannotPayStorage
	);
	if !deposit.is_zero() {
		T::Currency::hold(&storage_reason::<T>(), requester, deposit)?;
	}
	if !fee.is_zero() {
		T::Currency::transfer(requester, treasury, fee, Preservation::Protect)?;
	}
	Ok(())
}

/// Release exactly `amount` of `requester`'s storage deposits; what was released.
pub fn release_storage<T: Config>(
	requester: &T::AccountId,
	amount: BalanceOf<T>,
) -> Result<BalanceOf<T>, sp_runtime::DispatchError> {
	use frame_support::traits::tokens::Precision;
	if amount.is_zero() {
		return Ok(amount);
	}
	T::Currency::release(&storage_reason::<T>(), requester, amount, Precision::Exact)
}
