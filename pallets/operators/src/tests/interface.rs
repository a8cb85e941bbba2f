//! Open-job accounting and key lookup through the traits.

use super::*;

type Ops = Operators;

#[test]
fn open_jobs_are_counted_and_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			<Ops as OperatorsInterface<_, _>>::note_job_opened(&1),
			Error::<Test>::UnknownOperator
		);
		register(1, MIN_BOND);
		for _ in 0..5 {
			assert_ok!(<Ops as OperatorsInterface<_, _>>::note_job_opened(&1));
		}
		assert_noop!(
			<Ops as OperatorsInterface<_, _>>::note_job_opened(&1),
			Error::<Test>::TooManyOpenJobs
		);
		<Ops as OperatorsInterface<_, _>>::note_job_closed(&1);
		assert_eq!(<Ops as OperatorsInterface<_, _>>::open_jobs(&1), 4);
		// Offline operators keep their open jobs.
		assert_eq!(info(1).open_jobs, 4);
	});
}

#[test]
fn keys_map_both_ways() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_eq!(<Ops as OperatorKeyLookup<_>>::key_of(&1), Some(key(1)));
		assert_eq!(<Ops as OperatorKeyLookup<_>>::operator_of(&key(1)), Some(1));
		assert_eq!(<Ops as OperatorKeyLookup<_>>::operator_of(&key(2)), None);
	});
}

#[test]
fn the_unit_implementation_knows_no_operator() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert!(!<() as OperatorsInterface<AccountId, Balance>>::is_eligible(&1, &model(1)));
		assert_eq!(
			<() as OperatorsInterface<AccountId, Balance>>::slash(
				&1,
				Perbill::one(),
				SlashReason::MissedCommit(1),
				None
			)
			.amount,
			0
		);
		assert_eq!(held(1), MIN_BOND);
	});
}
