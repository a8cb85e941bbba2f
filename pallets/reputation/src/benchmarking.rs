//! Benchmarks of the reputation pallet: `reinstate`, and `record` as the jobs pallet runs it.

use super::*;
use crate::Pallet as Reputation;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};
use verinfer_primitives::traits::ReputationInterface;

const SEED: u32 = 0;

/// Enough wrong answers to exclude `who`, then time for one idle period to pass.
fn exclude<T: Config>(who: &T::AccountId) {
	let fee: T::Balance = 1_000u32.into();
	let events = T::MinEventsForExclusion::get().max(1).saturating_mul(4);
	for _ in 0..events {
		Reputation::<T>::do_record(who, ReputationEvent::Disagreed { fee, slashed: fee });
	}
	let period = T::IdleDecayPeriod::get();
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(period));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let origin =
			T::ReinstateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let operator: T::AccountId = account("operator", 0, SEED);
		exclude::<T>(&operator);
		if !<Reputation<T> as ReputationInterface<_, _>>::is_excluded(&operator) {
			// A configuration whose floor cannot be reached: nothing to measure.
			return Err(BenchmarkError::Weightless);
		}

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, operator.clone());

		assert!(!<Reputation<T> as ReputationInterface<_, _>>::is_excluded(&operator));
		Ok(())
	}

	#[benchmark]
	fn record() {
		// Worst case: an existing record that needs idle decay and becomes excluded.
		let operator: T::AccountId = account("operator", 0, SEED);
		let fee: T::Balance = 1_000u32.into();
		for _ in 0..T::MinEventsForExclusion::get() {
			Reputation::<T>::do_record(&operator, ReputationEvent::Missed { fee, slashed: fee });
		}
		let later: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::IdleDecayPeriod::get().saturating_mul(3u32.into()));
		frame_system::Pallet::<T>::set_block_number(later);

		#[block]
		{
			<Reputation<T> as ReputationInterface<_, _>>::record(
				&operator,
				ReputationEvent::Disagreed { fee, slashed: fee },
			);
		}

		assert!(!Reputation::<T>::stats_of(&operator).unwrap().slashed.is_zero());
	}

	impl_benchmark_test_suite!(
		Reputation,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
