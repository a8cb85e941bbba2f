//! Every currency movement of the operators pallet.
//!
//! Bonds are held under [`HoldReason::OperatorBond`]. Nothing here mints; the only way funds
//! can be destroyed is the last-resort burn of a slash nobody can receive (see [`pay_slash`]).

use crate::{BalanceOf, Config, Error, HoldReason, SlashPayout};
use frame_support::traits::{
	fungible::{Inspect, InspectHold, MutateHold},
	tokens::{Fortitude, Precision, Preservation, Restriction},
	Get,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

fn reason<T: Config>() -> T::RuntimeHoldReason {
	HoldReason::OperatorBond.into()
}

/// What `who` has on hold as operator bond.
pub fn bonded<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason::<T>(), who)
}

/// Hold `amount` more from `who`'s free balance, keeping its account alive.
pub fn hold<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	let free = T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Polite);
	frame_support::ensure!(free >= amount, Error::<T>::InsufficientBalance);
	T::Currency::hold(&reason::<T>(), who, amount)
}

/// Release exactly `amount` of `who`'s bond to its free balance.
pub fn release<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::release(&reason::<T>(), who, amount, Precision::Exact).map(|_| ())
}

/// Move `amount` of `from`'s bond to `to`'s free balance. Fails, moving nothing, if `to` could
/// not exist with what it would have.
fn transfer<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	amount: BalanceOf<T>,
) -> Result<BalanceOf<T>, DispatchError> {
	if amount.is_zero() {
		return Ok(amount);
	}
	T::Currency::transfer_on_hold(
		&reason::<T>(),
		from,
		to,
		amount,
		Precision::BestEffort,
		Restriction::Free,
		Fortitude::Force,
	)
}

/// Take `amount` from `operator`'s bond: `compensation` of it to `beneficiary` (if any), the rest
/// to the treasury. What the beneficiary cannot receive goes to the treasury; what the
/// treasury cannot receive is burned. The caller reduces the ledger by the sum of the payout.
pub fn pay_slash<T: Config>(
	operator: &T::AccountId,
	amount: BalanceOf<T>,
	compensation: BalanceOf<T>,
	beneficiary: Option<&T::AccountId>,
) -> SlashPayout<BalanceOf<T>> {
	let mut payout = SlashPayout::<BalanceOf<T>>::default();
	let amount = amount.min(bonded::<T>(operator));
	if let Some(beneficiary) = beneficiary {
		payout.to_beneficiary =
			transfer::<T>(operator, beneficiary, compensation.min(amount)).unwrap_or_default();
	}
	let rest = amount.saturating_sub(payout.to_beneficiary);
	let treasury = T::Treasury::get();
	payout.to_treasury = if treasury == *operator {
		// Paying the treasury from itself would only unlock its bond: burn instead.
		Zero::zero()
	} else {
		transfer::<T>(operator, &treasury, rest).unwrap_or_default()
	};
	let unpaid = rest.saturating_sub(payout.to_treasury);
	if !unpaid.is_zero() {
		payout.burned = T::Currency::burn_held(
			&reason::<T>(),
			operator,
			unpaid,
			Precision::BestEffort,
			Fortitude::Force,
		)
		.unwrap_or_default();
		log::warn!(
			target: "runtime::operators",
			"slash of {:?}: {:?} could not be paid to anyone and was burned",
			operator,
			payout.burned,
		);
	}
	payout
}
