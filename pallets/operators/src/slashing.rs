//! Slashing an operator's bond.

use crate::{asset, BalanceOf, Config, Event, OperatorStatus, Operators, Pallet};
use frame_support::traits::Get;
use sp_runtime::{traits::Zero, Perbill};
use verinfer_primitives::SlashReason;

impl<T: Config> Pallet<T> {
	/// Slash `fraction` of `operator`'s whole bond (active and unbonding) for `reason`, paying
	/// the `SlashCompensation` share to `beneficiary` and the rest to the treasury. Returns the
	/// amount taken; zero for an unknown operator or an empty bond.
	pub(crate) fn do_slash(
		operator: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		beneficiary: Option<&T::AccountId>,
	) -> BalanceOf<T> {
		let Some(mut info) = Operators::<T>::get(operator) else { return Zero::zero() };
		let amount = fraction.mul_floor(info.ledger.total());
		if amount.is_zero() {
			return amount;
		}
		// Compensating the operator from its own bond makes no sense: all to the treasury.
		let beneficiary = beneficiary.filter(|b| *b != operator);
		let compensation = match beneficiary {
			Some(_) => T::SlashCompensation::get().mul_floor(amount),
			None => Zero::zero(),
		};
		let payout = asset::pay_slash::<T>(operator, amount, compensation, beneficiary);
		let paid = payout.to_beneficiary + payout.to_treasury + payout.burned;
		let taken = info.ledger.slash(paid);
		debug_assert_eq!(taken, paid, "ledger equals the held bond");

		Self::deposit_event(Event::Slashed {
			operator: operator.clone(),
			reason,
			amount: taken,
			beneficiary: beneficiary.cloned(),
			to_beneficiary: payout.to_beneficiary,
			to_treasury: payout.to_treasury,
			burned: payout.burned,
		});
		if info.status == OperatorStatus::Online && info.ledger.active < T::MinOperatorBond::get() {
			info.status = OperatorStatus::Offline;
			Self::deposit_event(Event::ForcedOffline {
				operator: operator.clone(),
				bond: info.ledger.active,
			});
		}
		if info.status == OperatorStatus::Leaving && info.ledger.is_empty() {
			Self::remove_operator(operator, &info);
		} else {
			Operators::<T>::insert(operator, info);
		}
		taken
	}
}
