//! Whole jobs block by block: verdicts, payments, slashes and reputation evidence.

use crate::{mock::*, Event};
use verinfer_primitives::jobs::{AssignmentOutcome as O, JobPhase, PendingStep};
use verinfer_primitives::testing::TestOperators;
use verinfer_primitives::testing::TestReputation;
use sp_core::H256;
use sp_runtime::Perbill;
use verinfer_primitives::{tensor::Tensor, ReputationEvent, SlashReason};

fn outcomes(id: u64) -> Vec<O> {
	job(id).assignments.iter().map(|a| a.outcome.unwrap()).collect()
}

/// The reputation events recorded for `who`.
fn evidence(who: AccountId) -> Vec<ReputationEvent<u128>> {
	TestReputation::recorded::<AccountId>()
		.into_iter()
		.filter(|(w, _)| *w == who)
		.map(|(_, e)| e)
		.collect()
}

fn slashes() -> Vec<(AccountId, Perbill, SlashReason, Option<AccountId>, u128)> {
	TestOperators::slashes::<AccountId>()
}

#[test]
fn all_agree_verified_and_paid() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let quote = job(id).quote;
		let ops = operators(id);
		run_to_block(2);
		for op in ops.iter() {
			commit(id, *op, &output(7));
		}
		run_to_block(3);
		for op in ops.iter() {
			reveal(id, *op, &output(7));
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified, "verdict as soon as everybody revealed");
		assert_eq!(j.concluded_at, Some(3));
		assert_eq!(j.agreeing, 3);
		assert!(!j.unverified);
		let result: Tensor = pallet_jobs::Results::<Test>::get(id).unwrap().into();
		assert_eq!(result, output(7));
		assert_eq!(outcomes(id), vec![O::Agreed; 3]);
		for op in ops.iter() {
			assert_eq!(free(*op), quote.per_operator, "each paid its share");
			assert_eq!(
				evidence(*op),
				vec![ReputationEvent::Agreed { latency: 2, fee: quote.per_operator }]
			);
		}
		assert_eq!(free(OWNER), INITIAL - 100 - 15 + ROYALTY, "deposit held, royalty paid");
		assert_eq!(free(TREASURY), 1 + quote.protocol_fee);
		assert_eq!(free(ALICE), INITIAL - quote.total);
		assert!(slashes().is_empty());
		let payout = j.payout.unwrap();
		assert_eq!(payout.operators_paid, 3);
		assert_eq!(payout.refunded, 0);
		assert_eq!(
			events().pop(),
			Some(Event::Verdict {
				job: id,
				phase: JobPhase::Verified,
				agreeing: 3,
				result_hash: Some(H256(output(7).canonical_hash())),
			})
		);
	});
}

#[test]
fn one_wrong_operator_is_slashed_and_the_job_still_verifies() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let quote = job(id).quote;
		let ops = operators(id);
		commit(id, ops[0], &output(7));
		commit(id, ops[1], &output(9));
		commit(id, ops[2], &output(7));
		run_to_block(2);
		for (op, v) in [(ops[0], 7), (ops[1], 9), (ops[2], 7)] {
			reveal(id, op, &output(v));
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.agreeing, 2);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Disagreed, O::Agreed]);
		let slashed = BOND / 10;
		assert_eq!(
			slashes(),
			vec![(
				ops[1],
				Perbill::from_percent(10),
				SlashReason::WrongResult(id),
				Some(ALICE),
				slashed
			)]
		);
		assert_eq!(j.assignments[1].slashed, slashed);
		assert_eq!(j.assignments[1].paid, 0);
		assert_eq!(j.assignments[0].paid, quote.per_operator);
		assert_eq!(
			evidence(ops[1]),
			vec![ReputationEvent::Disagreed { fee: quote.per_operator, slashed }]
		);
		// The wrong operator's share goes back to the requester.
		assert_eq!(free(ALICE), INITIAL - quote.total + quote.per_operator);
		assert_eq!(j.payout.unwrap().refunded, quote.per_operator);
	});
}

#[test]
fn no_quorum_fails_and_refunds() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		for (op, v) in [(ops[0], 1), (ops[1], 2), (ops[2], 3)] {
			commit(id, op, &output(v));
		}
		for (op, v) in [(ops[0], 1), (ops[1], 2), (ops[2], 3)] {
			reveal(id, op, &output(v));
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Failed);
		assert_eq!(j.agreeing, 0);
		assert_eq!(j.result_hash, None);
		assert!(pallet_jobs::Results::<Test>::get(id).is_none());
		assert_eq!(outcomes(id), vec![O::Unconfirmed; 3]);
		assert_eq!(free(ALICE), INITIAL, "everything back");
		assert!(slashes().is_empty(), "no ground truth, no wrong-answer slash");
		for op in ops {
			assert_eq!(free(op), 0);
			assert_eq!(
				evidence(op),
				vec![ReputationEvent::Disagreed { fee: j.quote.per_operator, slashed: 0 }]
			);
		}
	});
}

#[test]
fn silence_expires_and_refunds() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		run_to_block(3);
		commit(id, ops[0], &output(1));
		run_to_block(COMMIT_WINDOW);
		assert_eq!(job(id).phase, JobPhase::Committing);
		run_to_block(1 + COMMIT_WINDOW);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Expired);
		assert_eq!(outcomes(id), vec![O::Committed, O::MissedCommit, O::MissedCommit]);
		assert_eq!(free(ALICE), INITIAL);
		let miss = BOND / 100;
		assert_eq!(
			slashes(),
			vec![
				(
					ops[1],
					Perbill::from_percent(1),
					SlashReason::MissedCommit(id),
					Some(ALICE),
					miss
				),
				(
					ops[2],
					Perbill::from_percent(1),
					SlashReason::MissedCommit(id),
					Some(ALICE),
					miss
				),
			]
		);
		// A commitment in an expired job was never checked against anyone: no evidence.
		assert_eq!(evidence(ops[0]), vec![ReputationEvent::Uncredited { latency: 2, fee: 0 }]);
		assert_eq!(
			evidence(ops[1]),
			vec![ReputationEvent::Missed { fee: j.quote.per_operator, slashed: miss }]
		);
		assert_eq!(
			events().pop(),
			Some(Event::Verdict {
				job: id,
				phase: JobPhase::Expired,
				agreeing: 0,
				result_hash: None
			})
		);
	});
}

#[test]
fn missed_reveals_are_slashed_at_the_reveal_deadline() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		commit(id, ops[0], &output(5));
		commit(id, ops[1], &output(5));
		// ops[2] never commits; at the deadline two commitments are a quorum.
		run_to_block(1 + COMMIT_WINDOW);
		reveal(id, ops[0], &output(5));
		reveal(id, ops[1], &output(5));
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified, "every committer revealed");
		assert_eq!(outcomes(id), vec![O::Agreed, O::Agreed, O::MissedCommit]);

		let id = submit(BOB, 1);
		let ops = operators(id);
		for op in ops.iter() {
			commit(id, *op, &output(5));
		}
		let opened = System::block_number();
		reveal(id, ops[0], &output(5));
		reveal(id, ops[1], &output(5));
		run_to_block(opened + REVEAL_WINDOW - 1);
		assert_eq!(job(id).phase, JobPhase::Revealing);
		run_to_block(opened + REVEAL_WINDOW);
		assert_eq!(job(id).phase, JobPhase::Verified);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Agreed, O::MissedReveal]);
		let last = slashes().pop().unwrap();
		assert_eq!(
			(last.0, last.1, last.2, last.3),
			// Withholding a committed answer costs as much as revealing a wrong one.
			(ops[2], Perbill::from_percent(10), SlashReason::MissedReveal(id), Some(BOB))
		);
		assert_eq!(job(id).assignments[2].slashed, last.4);
	});
}

#[test]
fn tolerance_admits_close_outputs_and_rejects_a_distant_one() {
	execute(|| {
		register(1, 2, 5, 3);
		add_operators(5, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let outs = [
			Tensor::new(vec![1, 3], vec![100, 200, 300], 4),
			Tensor::new(vec![1, 3], vec![101, 199, 301], 4),
			Tensor::new(vec![1, 3], vec![102, 200, 300], 4),
			Tensor::new(vec![1, 3], vec![100, 201, 302], 4),
			Tensor::new(vec![1, 3], vec![100, 200, 310], 4),
		];
		for (op, out) in ops.iter().zip(outs.iter()) {
			commit(id, *op, out);
		}
		for (op, out) in ops.iter().zip(outs.iter()) {
			reveal(id, *op, out);
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.agreeing, 4);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Agreed, O::Agreed, O::Agreed, O::Disagreed]);
		// Medians of 100,101,102,100 → 100.5 → 101; 200,199,200,201 → 200; 300,301,300,302 → 300.5 → 301.
		let result: Tensor = pallet_jobs::Results::<Test>::get(id).unwrap().into();
		assert_eq!(result, Tensor::new(vec![1, 3], vec![101, 200, 301], 4));
		assert_eq!(slashes().len(), 1);
		assert_eq!(slashes()[0].0, ops[4]);
	});
}

#[test]
fn a_reveal_of_another_shape_agrees_with_nothing() {
	execute(|| {
		register(1, 5, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let odd = Tensor::new(vec![3], vec![7, 8, 9], 4);
		commit(id, ops[0], &output(7));
		commit(id, ops[1], &odd);
		commit(id, ops[2], &output(7));
		reveal(id, ops[0], &output(7));
		reveal(id, ops[1], &odd);
		reveal(id, ops[2], &output(7));
		assert_eq!(job(id).phase, JobPhase::Verified);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Disagreed, O::Agreed]);
	});
}

#[test]
fn single_operator_jobs_verify_unchecked() {
	execute(|| {
		register(1, 0, 1, 1);
		add_operators(1, &[model(1)]);
		let id = submit(ALICE, 1);
		commit(id, 101, &output(3));
		reveal(id, 101, &output(3));
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert!(j.unverified);
		assert_eq!(j.agreeing, 1);
	});
}

#[test]
fn pending_work_follows_the_job() {
	execute(|| {
		register(1, 0, 2, 2);
		add_operators(2, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let step = |who| Settlement::pending_work(&who).first().map(|w| w.step);
		assert_eq!(step(ops[0]), Some(PendingStep::Commit));
		commit(id, ops[0], &output(1));
		assert_eq!(step(ops[0]), None, "waits for the other commitment");
		commit(id, ops[1], &output(1));
		assert_eq!(step(ops[0]), Some(PendingStep::Reveal));
		reveal(id, ops[0], &output(1));
		assert_eq!(step(ops[0]), None);
		reveal(id, ops[1], &output(1));
		assert!(Settlement::pending_work(&ops[1]).is_empty());
	});
}
