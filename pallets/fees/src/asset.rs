//! Every currency movement of the fees pallet.
//!
//! Escrows are held under [`HoldReason::JobEscrow`] and only ever leave the hold to a payee's or
//! the requester's free balance. The one mint is the genesis endowment of the treasury with the
//! existential deposit ([`endow_treasury`]); nothing is ever burned.

use crate::{BalanceOf, Config, HoldReason};
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation, Restriction},
};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult};

fn reason<T: Config>() -> T::RuntimeHoldReason {
	HoldReason::JobEscrow.into()
}

/// What `payer` has in escrow, over all its open jobs.
pub fn escrowed<T: Config>(payer: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason::<T>(), payer)
}

/// Whether `payer` can put `amount` in escrow and keep its account alive.
pub fn can_escrow<T: Config>(payer: &T::AccountId, amount: BalanceOf<T>) -> bool {
	T::Currency::reducible_balance(payer, Preservation::Protect, Fortitude::Polite) >= amount
}

/// Hold `amount` from `payer`.
pub fn hold<T: Config>(payer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::hold(&reason::<T>(), payer, amount)
}

/// Give `amount` of `payer`'s escrow back to it.
pub fn release<T: Config>(payer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::release(&reason::<T>(), payer, amount, Precision::Exact).map(|_| ())
}

/// Pay exactly `amount` of `payer`'s escrow to `payee`'s free balance. Fails, moving nothing,
/// if `payee` cannot receive it (it would stay below the existential deposit).
pub fn pay<T: Config>(
	payer: &T::AccountId,
	payee: &T::AccountId,
	amount: BalanceOf<T>,
) -> Result<(), DispatchError> {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::transfer_on_hold(
		&reason::<T>(),
		payer,
		payee,
		amount,
		Precision::Exact,
		Restriction::Free,
		Fortitude::Force,
	)
	.map(|_| ())
}

/// Whether `account` holds enough to exist on its own (a valid treasury).
pub fn can_be_treasury<T: Config>(account: &T::AccountId) -> bool {
	T::Currency::balance(account) >= T::Currency::minimum_balance()
}

/// Genesis only: top `treasury` up to the existential deposit so it can receive any amount.
pub fn endow_treasury<T: Config>(treasury: &T::AccountId) {
	let minimum = T::Currency::minimum_balance();
	let balance = T::Currency::balance(treasury);
	if balance < minimum {
		T::Currency::mint_into(treasury, minimum - balance)
			.expect("genesis: the treasury can be endowed with the existential deposit");
	}
}
