//! [`JobsInterface`]: what the settlement pallet may write, and the operators' to-do list.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use verinfer_primitives::{
	jobs::{AssignmentOutcome, SlotOutcome},
	tensor::{BoundedTensor, Tensor},
	Payout,
};

fn output(v: i64) -> BoundedTensor<frame_support::traits::ConstU32<8>> {
	BoundedTensor::try_from(Tensor::new(vec![1, 3], vec![v, v, v], 4)).unwrap()
}

#[test]
fn commitments_and_reveals_are_recorded_once_in_their_phase() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let c = H256::repeat_byte(1);
		assert_noop!(Jobs::record_commitment(9, 0, c), Error::<Test>::UnknownJob);
		assert_noop!(Jobs::record_commitment(id, 3, c), Error::<Test>::UnknownSlot);
		assert_noop!(Jobs::record_reveal(id, 0, output(1)), Error::<Test>::WrongPhase);
		run_to_block(2);
		assert_ok!(Jobs::record_commitment(id, 1, c));
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.phase, JobPhase::Committing);
		assert_eq!(job.assignments[1].commitment, Some(c));
		assert_eq!(job.assignments[1].committed_at, Some(2));
		assert_noop!(Jobs::record_commitment(id, 1, c), Error::<Test>::AlreadyCommitted);
		assert_ok!(Jobs::record_commitment(id, 0, c));
		assert_ok!(Jobs::open_reveal(id));
		assert_noop!(Jobs::open_reveal(id), Error::<Test>::WrongPhase);
		assert_noop!(Jobs::record_commitment(id, 2, c), Error::<Test>::WrongPhase);
		assert_noop!(Jobs::record_reveal(id, 2, output(1)), Error::<Test>::NotCommitted);
		run_to_block(3);
		assert_ok!(Jobs::record_reveal(id, 1, output(5)));
		assert_noop!(Jobs::record_reveal(id, 1, output(5)), Error::<Test>::AlreadyRevealed);
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.assignments[1].revealed_at, Some(3));
		assert_eq!(job.assignments[1].output_hash, Some(H256(output(5).canonical_hash())));
		assert_eq!(Jobs::revealed_output(id, 1), Some(output(5)));
		assert_eq!(Jobs::revealed_output(id, 0), None);
	});
}

#[test]
fn conclude_writes_the_final_record() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		for slot in 0..3 {
			assert_ok!(Jobs::record_commitment(id, slot, H256::repeat_byte(1)));
		}
		assert_ok!(Jobs::open_reveal(id));
		for slot in 0..2 {
			assert_ok!(Jobs::record_reveal(id, slot, output(7)));
		}
		let refund = <Fees as FeesInterface<_, _>>::refund(id).unwrap();
		let outcome = |outcome, slashed| SlotOutcome { outcome, paid: 0, slashed };
		let mut conclusion = Conclusion {
			phase: JobPhase::Verified,
			result: None,
			agreeing: 2,
			outcomes: vec![
				outcome(AssignmentOutcome::Agreed, 0),
				outcome(AssignmentOutcome::Agreed, 0),
				outcome(AssignmentOutcome::MissedReveal, 3),
			],
			payout: Payout { refunded: refund, ..Default::default() },
		};
		assert_noop!(Jobs::conclude(id, conclusion.clone()), Error::<Test>::InvalidConclusion);
		conclusion.result = Some(output(7));
		conclusion.phase = JobPhase::Revealing;
		assert_noop!(Jobs::conclude(id, conclusion.clone()), Error::<Test>::InvalidConclusion);
		conclusion.phase = JobPhase::Verified;
		let mut short = conclusion.clone();
		short.outcomes.pop();
		assert_noop!(Jobs::conclude(id, short), Error::<Test>::InvalidConclusion);
		run_to_block(4);
		assert_ok!(Jobs::conclude(id, conclusion.clone()));
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.phase, JobPhase::Verified);
		assert_eq!(job.concluded_at, Some(4));
		assert_eq!(job.agreeing, 2);
		assert_eq!(job.result_hash, Some(H256(output(7).canonical_hash())));
		assert_eq!(Results::<Test>::get(id), Some(output(7)));
		assert_eq!(job.assignments[2].outcome, Some(AssignmentOutcome::MissedReveal));
		assert_eq!(job.assignments[2].slashed, 3);
		assert_eq!(job.queued_at, None);
		assert_eq!(OpenJobs::<Test>::get(), 0);
		assert_noop!(Jobs::conclude(id, conclusion), Error::<Test>::WrongPhase);
	});
}

#[test]
fn pending_work_is_the_operators_to_do_list() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 2, 2);
		add_operators(2, &[model(1)]);
		let a = submit(ALICE, 1);
		let b = submit(BOB, 1);
		let op = Jobs::job(a).unwrap().assignments[0].operator;
		let slot_in = |id: JobId| Jobs::job(id).unwrap().slot_of(&op).unwrap() as u32;
		let commit_by = 1 + COMMIT_WINDOW;
		assert_eq!(
			Jobs::pending_work(&op),
			vec![
				PendingWork { job: a, slot: 0, step: PendingStep::Commit, deadline: commit_by },
				PendingWork {
					job: b,
					slot: slot_in(b),
					step: PendingStep::Commit,
					deadline: commit_by
				},
			]
		);
		// `op` commits to both; in `a` the other operator too, which opens its reveal phase.
		assert_ok!(Jobs::record_commitment(a, 0, H256::zero()));
		assert_ok!(Jobs::record_commitment(a, 1, H256::zero()));
		assert_ok!(Jobs::open_reveal(a));
		assert_ok!(Jobs::record_commitment(b, slot_in(b), H256::zero()));
		assert_eq!(
			Jobs::pending_work(&op),
			vec![PendingWork {
				job: a,
				slot: 0,
				step: PendingStep::Reveal,
				deadline: 1 + REVEAL_WINDOW
			}]
		);
		run_to_block(1 + REVEAL_WINDOW);
		assert!(Jobs::pending_work(&op).is_empty(), "a is final, b waits for the other operator");
		assert_eq!(Jobs::pending_work(&101).len() + Jobs::pending_work(&102).len(), 1);
	});
}
