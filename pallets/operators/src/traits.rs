//! What other pallets can ask of, and do to, operators.

use crate::{BalanceOf, Config, Error, OperatorByKey, Operators, Pallet};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::{traits::Zero, DispatchResult, Perbill};
use verinfer_primitives::{ModelId, SlashReason};

/// Operator staking as seen by the jobs and settlement pallets.
///
/// `()` implements it as "there are no operators": nobody is eligible and slashing takes
/// nothing. [`crate::testing::TestOperators`] is an in-memory implementation for mocks.
pub trait OperatorsInterface<AccountId, Balance> {
	/// Whether `who` can be assigned a new job of `model` now: online, serving `model`, active
	/// bond at least the minimum, and room for another open job.
	fn is_eligible(who: &AccountId, model: &ModelId) -> bool;

	/// The active bond of `who` (zero if not an operator). Weights assignment.
	fn bond_of(who: &AccountId) -> Balance;

	/// Every operator eligible for `model`, with its active bond, in a deterministic order.
	fn eligible_operators(model: &ModelId) -> Vec<(AccountId, Balance)>;

	/// Number of open jobs of `who`.
	fn open_jobs(who: &AccountId) -> u32;

	/// Count one more open job for `who`. Fails for an unknown operator or one that already
	/// has the maximum of open jobs; changes nothing then. Open-job counting emits no event:
	/// the jobs pallet's own events record assignment and completion.
	fn note_job_opened(who: &AccountId) -> DispatchResult;

	/// Count one open job of `who` as closed (its job reached a final state).
	fn note_job_closed(who: &AccountId);

	/// Slash `fraction` of `who`'s whole bond for `reason`. The `SlashCompensation` share goes
	/// to `beneficiary` (if given, usually the requester), the rest to the treasury. Returns the
	/// amount taken from the bond. Never fails; an unknown operator loses nothing.
	fn slash(
		who: &AccountId,
		fraction: Perbill,
		reason: SlashReason,
		beneficiary: Option<&AccountId>,
	) -> Balance;
}

/// The binding between operators and their off-chain worker keys.
pub trait OperatorKeyLookup<AccountId> {
	/// The key type.
	type Key;
	/// The key bound to operator `who`.
	fn key_of(who: &AccountId) -> Option<Self::Key>;
	/// The operator `key` is bound to.
	fn operator_of(key: &Self::Key) -> Option<AccountId>;
}

impl<T: Config> OperatorsInterface<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn is_eligible(who: &T::AccountId, model: &ModelId) -> bool {
		Operators::<T>::get(who).is_some_and(|info| Self::eligible(&info, model))
	}

	fn bond_of(who: &T::AccountId) -> BalanceOf<T> {
		Operators::<T>::get(who).map(|info| info.ledger.active).unwrap_or_default()
	}

	fn eligible_operators(model: &ModelId) -> Vec<(T::AccountId, BalanceOf<T>)> {
		crate::ModelOperators::<T>::get(model)
			.into_iter()
			.filter_map(|who| {
				let info = Operators::<T>::get(&who)?;
				Self::eligible(&info, model).then(|| (who, info.ledger.active))
			})
			.collect()
	}

	fn open_jobs(who: &T::AccountId) -> u32 {
		Operators::<T>::get(who).map(|info| info.open_jobs).unwrap_or(0)
	}

	fn note_job_opened(who: &T::AccountId) -> DispatchResult {
		Operators::<T>::try_mutate(who, |maybe_info| {
			let info = maybe_info.as_mut().ok_or(Error::<T>::UnknownOperator)?;
			frame_support::ensure!(
				info.open_jobs < <T as Config>::MaxOpenJobs::get(),
				Error::<T>::TooManyOpenJobs
			);
			info.open_jobs += 1;
			Ok(())
		})
	}

	fn note_job_closed(who: &T::AccountId) {
		Operators::<T>::mutate(who, |maybe_info| {
			if let Some(info) = maybe_info {
				if info.open_jobs.is_zero() {
					frame_support::defensive!("closing a job of an operator with no open job");
				}
				info.open_jobs = info.open_jobs.saturating_sub(1);
			}
		})
	}

	fn slash(
		who: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		beneficiary: Option<&T::AccountId>,
	) -> BalanceOf<T> {
		Self::do_slash(who, fraction, reason, beneficiary)
	}
}

impl<T: Config> OperatorKeyLookup<T::AccountId> for Pallet<T> {
	type Key = T::OperatorKey;

	fn key_of(who: &T::AccountId) -> Option<T::OperatorKey> {
		Operators::<T>::get(who).map(|info| info.key)
	}

	fn operator_of(key: &T::OperatorKey) -> Option<T::AccountId> {
		OperatorByKey::<T>::get(key)
	}
}

impl<AccountId, Balance: Zero> OperatorsInterface<AccountId, Balance> for () {
	fn is_eligible(_: &AccountId, _: &ModelId) -> bool {
		false
	}
	fn bond_of(_: &AccountId) -> Balance {
		Zero::zero()
	}
	fn eligible_operators(_: &ModelId) -> Vec<(AccountId, Balance)> {
		Vec::new()
	}
	fn open_jobs(_: &AccountId) -> u32 {
		0
	}
	fn note_job_opened(_: &AccountId) -> DispatchResult {
		Ok(())
	}
	fn note_job_closed(_: &AccountId) {}
	fn slash(_: &AccountId, _: Perbill, _: SlashReason, _: Option<&AccountId>) -> Balance {
		Zero::zero()
	}
}

impl<AccountId> OperatorKeyLookup<AccountId> for () {
	type Key = ();
	fn key_of(_: &AccountId) -> Option<()> {
		None
	}
	fn operator_of(_: &()) -> Option<AccountId> {
		None
	}
}
