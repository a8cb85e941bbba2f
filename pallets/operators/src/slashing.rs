//! Slashing an operator's bond.

use crate::{asset, BalanceOf, Config, Event, OperatorStatus, Operators, Pallet};
use frame_support::traits::Get;
use sp_runtime::{traits::Zero, Perbill};
use verinfer_primitives::{operators::Slashed, SlashReason};

impl<T: Config> Pallet<T> {
	/// Slash `fraction` of `operator`'s whole bond (active and unbonding) for `reason`, paying
	/// the `SlashCompensation` share, at most the cap, to the harmed party of `compensate` and
	/// the rest to the treasury. Returns what was taken (nothing for an unknown operator or an
	/// empty bond) and the compensation paid.
	pub(crate) fn do_slash(
		operator: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		compensate: Option<(&T::AccountId, BalanceOf<T>)>,
	) -> Slashed<BalanceOf<T>> {
		let nothing = Slashed { amount: Zero::zero(), compensation: Zero::zero() };
		let Some(mut info) = Operators::<T>::get(operator) else { return nothing };
		let amount = fraction.mul_floor(info.ledger.total());
		if amount.is_zero() {
			return nothing;
		}
		// Compensating the operator from its own bond makes no sense: all to the treasury.
		let compensate = compensate.filter(|(b, _)| *b != operator);
		let beneficiary = compensate.map(|(b, _)| b);
		let compensation = match compensate {
			Some((_, cap)) => T::SlashCompensation::get().mul_floor(amount).min(cap),
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
			Self::take_offline(operator, &mut info);
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
		Slashed { amount: taken, compensation: payout.to_beneficiary }
	}
}
