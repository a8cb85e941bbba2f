//! An in-memory [`OperatorsInterface`] for other pallets' mock runtimes.
//!
//! ```ignore
//! type Operators = verinfer_primitives::testing::TestOperators;
//! TestOperators::add(1, 1_000, &[model]);   // operator 1, bond 1000, serving `model`, online
//! // ... run the code under test ...
//! assert_eq!(TestOperators::slashes(), vec![(1, Perbill::from_percent(10), reason, Some(7))]);
//! ```
//!
//! Accounts and balances are stored SCALE-encoded / as `u128`, so it works with any account
//! type and any unsigned balance type. State is thread-local: every test starts from
//! [`TestOperators::reset`].

use crate::{
	ids::ModelId,
	operators::{SlashReason, Slashed},
	traits::OperatorsInterface,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use sp_runtime::{
	traits::{UniqueSaturatedFrom, UniqueSaturatedInto},
	DispatchError, DispatchResult, Perbill,
};
use std::{cell::RefCell, collections::BTreeMap};


#[derive(Clone, Debug)]
struct Entry {
	bond: u128,
	models: Vec<ModelId>,
	online: bool,
	open_jobs: u32,
}

/// A slash as recorded by [`TestOperators`]: operator, fraction, reason, beneficiary, amount.
pub type RecordedSlash = (Vec<u8>, Perbill, SlashReason, Option<Vec<u8>>, u128);

thread_local! {
	static OPERATORS: RefCell<BTreeMap<Vec<u8>, Entry>> = RefCell::new(BTreeMap::new());
	static SLASHES: RefCell<Vec<RecordedSlash>> = RefCell::new(Vec::new());
}

/// In-memory operators; see the module docs.
pub struct TestOperators;

impl TestOperators {
	/// Forget every operator and slash.
	pub fn reset() {
		OPERATORS.with(|o| o.borrow_mut().clear());
		SLASHES.with(|s| s.borrow_mut().clear());
	}

	/// Add an online operator with `bond`, serving `models`.
	pub fn add<A: Encode>(who: A, bond: u128, models: &[ModelId]) {
		OPERATORS.with(|o| {
			o.borrow_mut().insert(
				who.encode(),
				Entry { bond, models: models.to_vec(), online: true, open_jobs: 0 },
			)
		});
	}

	/// Add online operators `accounts`, each with `bond`, serving `models`.
	pub fn add_many<A: Encode>(accounts: impl IntoIterator<Item = A>, bond: u128, models: &[ModelId]) {
		for who in accounts {
			Self::add(who, bond, models);
		}
	}

	/// Set whether `who` is online.
	pub fn set_online<A: Encode>(who: A, online: bool) {
		OPERATORS.with(|o| {
			if let Some(e) = o.borrow_mut().get_mut(&who.encode()) {
				e.online = online;
			}
		});
	}

	/// Every slash so far, in order, with accounts decoded as `A`.
	pub fn slashes<A: Decode>() -> Vec<(A, Perbill, SlashReason, Option<A>, u128)> {
		SLASHES.with(|s| {
			s.borrow()
				.iter()
				.map(|(w, f, r, b, a)| {
					(
						A::decode(&mut &w[..]).expect("encoded by us"),
						*f,
						*r,
						b.as_ref().map(|b| A::decode(&mut &b[..]).expect("encoded by us")),
						*a,
					)
				})
				.collect()
		})
	}
}

impl<A, B> OperatorsInterface<A, B> for TestOperators
where
	A: Encode + Decode,
	B: UniqueSaturatedFrom<u128> + UniqueSaturatedInto<u128>,
{
	fn is_eligible(who: &A, model: &ModelId) -> bool {
		OPERATORS.with(|o| {
			o.borrow()
				.get(&who.encode())
				.is_some_and(|e| e.online && e.bond > 0 && e.models.contains(model))
		})
	}

	fn bond_of(who: &A) -> B {
		B::unique_saturated_from(
			OPERATORS.with(|o| o.borrow().get(&who.encode()).map(|e| e.bond).unwrap_or(0)),
		)
	}

	fn eligible_operators(model: &ModelId) -> Vec<(A, B)> {
		OPERATORS.with(|o| {
			o.borrow()
				.iter()
				.filter(|(_, e)| e.online && e.bond > 0 && e.models.contains(model))
				.map(|(w, e)| {
					(
						A::decode(&mut &w[..]).expect("encoded by us"),
						B::unique_saturated_from(e.bond),
					)
				})
				.collect()
		})
	}

	fn candidate_count(model: &ModelId) -> u32 {
		OPERATORS.with(|o| {
			o.borrow().values().filter(|e| e.online && e.models.contains(model)).count() as u32
		})
	}

	fn open_jobs(who: &A) -> u32 {
		OPERATORS.with(|o| o.borrow().get(&who.encode()).map(|e| e.open_jobs).unwrap_or(0))
	}

	fn note_job_opened(who: &A) -> DispatchResult {
		OPERATORS.with(|o| match o.borrow_mut().get_mut(&who.encode()) {
			Some(e) => {
				e.open_jobs += 1;
				Ok(())
			}
			None => Err(DispatchError::Other("unknown operator")),
		})
	}

	fn note_job_closed(who: &A) {
		OPERATORS.with(|o| {
			if let Some(e) = o.borrow_mut().get_mut(&who.encode()) {
				e.open_jobs = e.open_jobs.saturating_sub(1);
			}
		});
	}

	/// Takes `fraction` of the bond; half of it, at most the cap, counts as compensation.
	fn slash(
		who: &A,
		fraction: Perbill,
		reason: SlashReason,
		compensate: Option<(&A, B)>,
	) -> Slashed<B> {
		let beneficiary = compensate.as_ref().map(|(b, _)| *b);
		let cap: Option<u128> = compensate.map(|(_, cap)| cap.unique_saturated_into());
		let amount = OPERATORS.with(|o| {
			o.borrow_mut()
				.get_mut(&who.encode())
				.map(|e| {
					let amount = fraction.mul_floor(e.bond);
					e.bond -= amount;
					amount
				})
				.unwrap_or(0)
		});
		SLASHES.with(|s| {
			s.borrow_mut().push((
				who.encode(),
				fraction,
				reason,
				beneficiary.map(|b| b.encode()),
				amount,
			))
		});
		let compensation = cap.map_or(0, |cap| (amount / 2).min(cap));
		Slashed {
			amount: B::unique_saturated_from(amount),
			compensation: B::unique_saturated_from(compensation),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::H256;

	fn model(n: u8) -> ModelId {
		H256::repeat_byte(n)
	}

	#[test]
	fn the_test_implementation_records_slashes() {
		TestOperators::reset();
		TestOperators::add(1u64, 1_000, &[model(1)]);
		TestOperators::add(2u64, 500, &[model(2)]);
		assert_eq!(
			<TestOperators as OperatorsInterface<u64, u128>>::eligible_operators(&model(1)),
			vec![(1, 1_000)]
		);
		let taken = <TestOperators as OperatorsInterface<u64, u128>>::slash(
			&1,
			Perbill::from_percent(10),
			SlashReason::MissedReveal(3),
			Some((&9, u128::MAX)),
		);
		assert_eq!(taken.amount, 100);
		assert_eq!(<TestOperators as OperatorsInterface<u64, u128>>::bond_of(&1), 900);
		assert_eq!(
			TestOperators::slashes::<u64>(),
			vec![(1, Perbill::from_percent(10), SlashReason::MissedReveal(3), Some(9), 100)]
		);
	}
}
