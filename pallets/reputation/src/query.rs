//! Read-only queries behind the runtime's `ReputationApi`: scores, counters and rankings as the
//! self-contained views of [`verinfer_primitives::api`].
//!
//! Nothing here writes storage or is meant for use in a block: the runtime API runs off-chain.
//! Scores are aged to the current block exactly as the jobs pallet sees them.

use crate::{Config, Pallet, ReputationRecord};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Permill;
use verinfer_primitives::{
	api::{ReputationView, ScoreView, MAX_TOP_LIMIT, MAX_TOP_SCAN},
	OperatorStats,
};

/// An operator's reputation as the runtime API shows it.
pub type ReputationViewOf<T> = ReputationView<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	BlockNumberFor<T>,
>;

impl<T: Config> Pallet<T> {
	fn view_of(who: T::AccountId, record: Option<ReputationRecord<T>>) -> ReputationViewOf<T> {
		match record {
			Some(record) => ReputationView::new(
				who,
				record.evidence.score().deconstruct(),
				Self::excluded(&record),
				record.window_events,
				&record.stats,
			),
			None => ReputationView::new(
				who,
				Permill::from_percent(50).deconstruct(),
				false,
				0,
				&OperatorStats::default(),
			),
		}
	}

	/// The current score of `who` (1/2 without a record) and whether it is excluded.
	pub fn score_view(who: &T::AccountId) -> ScoreView<T::AccountId> {
		let view = Self::view_of(who.clone(), Self::current_record(who));
		ScoreView { account: view.account, score: view.score, excluded: view.excluded }
	}

	/// Score and counters of `who`, if it has a reputation record.
	pub fn reputation_view(who: &T::AccountId) -> Option<ReputationViewOf<T>> {
		Self::current_record(who).map(|record| Self::view_of(who.clone(), Some(record)))
	}

	/// The best `limit` (at most [`MAX_TOP_LIMIT`]) of the first [`MAX_TOP_SCAN`] `candidates`,
	/// by score, then agreed jobs (both descending), then account; candidates without a record
	/// rank with score 1/2 and zero counters. Duplicates are listed once.
	pub fn top(
		candidates: impl IntoIterator<Item = T::AccountId>,
		limit: u32,
	) -> Vec<ReputationViewOf<T>>
	where
		T::AccountId: Ord,
	{
		let mut ranked: Vec<ReputationViewOf<T>> = candidates
			.into_iter()
			.take(MAX_TOP_SCAN as usize)
			.map(|who| {
				let record = Self::current_record(&who);
				Self::view_of(who, record)
			})
			.collect();
		ranked.sort_by(|a, b| {
			b.score
				.cmp(&a.score)
				.then(b.agreed.cmp(&a.agreed))
				.then(a.account.cmp(&b.account))
		});
		ranked.dedup_by(|a, b| a.account == b.account);
		ranked.truncate(limit.min(MAX_TOP_LIMIT) as usize);
		ranked
	}
}

#[cfg(test)]
mod tests {
	use crate::mock::*;
	use verinfer_primitives::traits::ReputationInterface;
	use verinfer_primitives::ReputationEvent;

	#[test]
	fn views_and_ranking() {
		ExtBuilder::default().build_and_execute(|| {
			let agreed = ReputationEvent::Agreed { latency: 4, fee: 100 };
			let missed = ReputationEvent::Missed { fee: 100, slashed: 7 };
			Reputation::record(&1, agreed);
			Reputation::record(&1, ReputationEvent::Agreed { latency: 2, fee: 100 });
			Reputation::record(&2, missed);

			assert!(Reputation::reputation_view(&3).is_none());
			let score = Reputation::score_view(&3);
			assert_eq!((score.score, score.excluded), (500_000, false));

			let one = Reputation::reputation_view(&1).unwrap();
			assert_eq!((one.account, one.agreed, one.mean_latency), (1, 2, 3));
			assert!(one.score > 500_000);
			assert_eq!(Reputation::score_view(&1).score, one.score);
			let two = Reputation::reputation_view(&2).unwrap();
			assert_eq!((two.missed, two.total_slashed), (1, 7));

			let top = Reputation::top([2, 3, 1, 1], 10);
			assert_eq!(top.iter().map(|v| v.account).collect::<Vec<_>>(), vec![1, 3, 2]);
			assert_eq!(Reputation::top([2, 3, 1], 1).len(), 1);
			assert!(Reputation::top([2, 3, 1], 0).is_empty());
		});
	}
}
