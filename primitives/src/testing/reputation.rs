//! An in-memory [`ReputationInterface`] for other pallets' mock runtimes.
//!
//! Scores are set by the test ([`TestReputation::set_score`], default 1/2), exclusion likewise
//! ([`TestReputation::exclude`]), and every recorded event is kept in order
//! ([`TestReputation::recorded`]). Accounts are stored SCALE-encoded and balances as `u128`, so
//! it works with any account and balance types. State is thread-local; call
//! [`TestReputation::reset`] at the start of a test.

use crate::{reputation::ReputationEvent, traits::ReputationInterface};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use sp_runtime::{
	traits::{UniqueSaturatedFrom, UniqueSaturatedInto},
	Permill,
};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};


thread_local! {
	static SCORES: RefCell<BTreeMap<Vec<u8>, Permill>> = RefCell::new(BTreeMap::new());
	static EXCLUDED: RefCell<BTreeSet<Vec<u8>>> = RefCell::new(BTreeSet::new());
	static RECORDED: RefCell<Vec<(Vec<u8>, ReputationEvent<u128>)>> = RefCell::new(Vec::new());
}

/// In-memory reputation; see the module docs.
pub struct TestReputation;

impl TestReputation {
	/// Forget all scores, exclusions and recorded events.
	pub fn reset() {
		SCORES.with(|s| s.borrow_mut().clear());
		EXCLUDED.with(|e| e.borrow_mut().clear());
		RECORDED.with(|r| r.borrow_mut().clear());
	}

	/// Make `score` the score of `who`.
	pub fn set_score<A: Encode>(who: A, score: Permill) {
		SCORES.with(|s| s.borrow_mut().insert(who.encode(), score));
	}

	/// Exclude `who` from assignment.
	pub fn exclude<A: Encode>(who: A) {
		EXCLUDED.with(|e| e.borrow_mut().insert(who.encode()));
	}

	/// Every event recorded so far, in order, with accounts decoded as `A`.
	pub fn recorded<A: Decode>() -> Vec<(A, ReputationEvent<u128>)> {
		RECORDED.with(|r| {
			r.borrow()
				.iter()
				.map(|(w, e)| (A::decode(&mut &w[..]).expect("encoded by us"), *e))
				.collect()
		})
	}
}

impl<A, B> ReputationInterface<A, B> for TestReputation
where
	A: Encode,
	B: UniqueSaturatedInto<u128> + UniqueSaturatedFrom<u128> + Copy,
{
	fn record(who: &A, event: ReputationEvent<B>) {
		let into = |b: B| -> u128 { b.unique_saturated_into() };
		let event = match event {
			ReputationEvent::Agreed { latency, fee } => {
				ReputationEvent::Agreed { latency, fee: into(fee) }
			}
			ReputationEvent::Disagreed { fee, slashed } => {
				ReputationEvent::Disagreed { fee: into(fee), slashed: into(slashed) }
			}
			ReputationEvent::Missed { fee, slashed } => {
				ReputationEvent::Missed { fee: into(fee), slashed: into(slashed) }
			}
			ReputationEvent::Withheld { fee, slashed } => {
				ReputationEvent::Withheld { fee: into(fee), slashed: into(slashed) }
			}
			ReputationEvent::Uncredited { latency, fee } => {
				ReputationEvent::Uncredited { latency, fee: into(fee) }
			}
		};
		RECORDED.with(|r| r.borrow_mut().push((who.encode(), event)));
	}

	fn score(who: &A) -> Permill {
		SCORES.with(|s| s.borrow().get(&who.encode()).copied().unwrap_or(Permill::from_percent(50)))
	}

	fn is_excluded(who: &A) -> bool {
		EXCLUDED.with(|e| e.borrow().contains(&who.encode()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_test_implementation_records_and_answers() {
		TestReputation::reset();
		TestReputation::set_score(1u64, Permill::from_percent(80));
		TestReputation::exclude(2u64);
		<TestReputation as ReputationInterface<u64, u64>>::record(
			&1,
			ReputationEvent::Agreed { latency: 3, fee: 9 },
		);
		assert_eq!(
			<TestReputation as ReputationInterface<u64, u64>>::score(&1),
			Permill::from_percent(80)
		);
		assert_eq!(
			<TestReputation as ReputationInterface<u64, u64>>::score(&3),
			Permill::from_percent(50)
		);
		assert!(<TestReputation as ReputationInterface<u64, u64>>::is_excluded(&2));
		assert_eq!(
			TestReputation::recorded::<u64>(),
			vec![(1, ReputationEvent::Agreed { latency: 3, fee: 9 })]
		);
	}
}
