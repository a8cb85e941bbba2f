//! What other pallets can ask of, and do to, operators: this pallet's implementation of
//! [`OperatorsInterface`] and [`OperatorKeyLookup`] (declared in
//! [`verinfer_primitives::traits`]).

use crate::{BalanceOf, Config, Error, OperatorByKey, Operators, Pallet};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::{traits::Zero, DispatchResult, Perbill};
use verinfer_primitives::{
	operators::Slashed,
	traits::{OperatorKeyLookup, OperatorsInterface},
	ModelId, SlashReason,
};

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

	fn candidate_count(model: &ModelId) -> u32 {
		crate::ModelOperators::<T>::decode_len(model).unwrap_or(0) as u32
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
		compensate: Option<(&T::AccountId, BalanceOf<T>)>,
	) -> Slashed<BalanceOf<T>> {
		Self::do_slash(who, fraction, reason, compensate)
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
