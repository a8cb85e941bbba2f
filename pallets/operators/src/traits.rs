//! What other pallets can ask of, and do to, operators: this pallet's implementation of
//! [`OperatorsInterface`] and [`OperatorKeyLookup`] (declared in
//! [`verinfer_primitives::traits`]).

use crate::{BalanceOf, Config, Error, OpenJobCount, OperatorByKey, Operators, Pallet};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::{DispatchResult, Perbill};
use verinfer_primitives::{
	operators::{Candidate, Slashed},
	traits::{OperatorKeyLookup, OperatorsInterface},
	ModelId, SlashReason,
};

impl<T: Config> OperatorsInterface<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn is_eligible(who: &T::AccountId, model: &ModelId) -> bool {
		Operators::<T>::get(who).is_some_and(|info| Self::candidate(&info, model)) &&
			Self::room(who) > 0
	}

	fn bond_of(who: &T::AccountId) -> BalanceOf<T> {
		Operators::<T>::get(who).map(|info| info.ledger.active).unwrap_or_default()
	}

	fn candidates(model: &ModelId) -> Vec<Candidate<T::AccountId, BalanceOf<T>>> {
		crate::ModelOperators::<T>::get(model)
			.into_iter()
			.filter_map(|who| {
				let info = Operators::<T>::get(&who)?;
				Self::candidate(&info, model).then(|| Candidate {
					room: Self::room(&who),
					bond: info.ledger.active,
					operator: who,
				})
			})
			.collect()
	}

	fn candidate_count(model: &ModelId) -> u32 {
		crate::ModelOperators::<T>::decode_len(model).unwrap_or(0) as u32
	}

	fn open_jobs(who: &T::AccountId) -> u32 {
		OpenJobCount::<T>::get(who)
	}

	fn note_job_opened(who: &T::AccountId) -> DispatchResult {
		frame_support::ensure!(Operators::<T>::contains_key(who), Error::<T>::UnknownOperator);
		OpenJobCount::<T>::try_mutate(who, |open| {
			frame_support::ensure!(
				*open < <T as Config>::MaxOpenJobs::get(),
				Error::<T>::TooManyOpenJobs
			);
			*open += 1;
			Ok(())
		})
	}

	fn note_job_closed(who: &T::AccountId) {
		OpenJobCount::<T>::mutate_exists(who, |open| match open {
			Some(n) if *n > 1 => *n -= 1,
			Some(_) => *open = None,
			None => {
				frame_support::defensive!("closing a job of an operator with no open job");
			},
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
