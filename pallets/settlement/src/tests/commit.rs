//! `commit`: who may commit, when, how often; batches; fees.

use crate::{mock::*, Error, Event};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
};
use verinfer_primitives::jobs::JobPhase;
use sp_core::H256;

#[test]
fn assigned_operators_commit_for_free() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		run_to_block(2);
		let c = commitment_of(id, ops[1], &output(1));
		let info = Settlement::commit(RuntimeOrigin::signed(ops[1]), vec![(id, c)]).unwrap();
		assert_eq!(info, PostDispatchInfo { actual_weight: None, pays_fee: Pays::No });
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Committing);
		assert_eq!(j.assignments[1].commitment, Some(c));
		assert_eq!(j.assignments[1].committed_at, Some(2));
		assert_eq!(events().pop(), Some(Event::Committed { job: id, operator: ops[1] }));
	});
}

#[test]
fn the_last_commitment_opens_the_reveal_phase() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		commit(id, ops[0], &output(1));
		commit(id, ops[1], &output(1));
		assert_eq!(job(id).phase, JobPhase::Committing);
		run_to_block(3);
		commit(id, ops[2], &output(1));
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Revealing);
		assert_eq!(j.reveal_opened_at, Some(3));
		assert_eq!(j.reveal_deadline, Some(3 + REVEAL_WINDOW));
	});
}

#[test]
fn a_batch_commits_to_many_jobs() {
	execute(|| {
		register(1, 0, 1, 1);
		add_operators(1, &[model(1)]);
		let ids: Vec<_> = (0..3).map(|_| submit(ALICE, 1)).collect();
		let batch = ids.iter().map(|id| (*id, commitment_of(*id, 101, &output(1)))).collect();
		assert_ok!(Settlement::commit(RuntimeOrigin::signed(101), batch));
		// k = 1: each job's only commitment opened its reveal phase.
		assert!(ids.iter().all(|id| job(*id).phase == JobPhase::Revealing));
	});
}

#[test]
fn the_operators_key_commits_for_it() {
	execute(|| {
		register(1, 0, 1, 1);
		add_operators(1, &[model(1)]);
		let id = submit(ALICE, 1);
		let c = commitment_of(id, 101, &output(1));
		assert_ok!(Settlement::commit(RuntimeOrigin::signed(101 + KEY_OFFSET), vec![(id, c)]));
		assert_eq!(job(id).assignments[0].commitment, Some(c));
		assert_eq!(events().pop(), Some(Event::Committed { job: id, operator: 101 }));
		// And the reveal binds the operator's account, not the key's.
		let out = output(1);
		assert_ok!(Settlement::reveal(
			RuntimeOrigin::signed(101 + KEY_OFFSET),
			vec![(id, out, salt(101))]
		));
		assert_eq!(job(id).phase, JobPhase::Verified);
	});
}

#[test]
fn bad_commits_fail_pay_and_change_nothing() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(4, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let outsider = (101..=104).find(|o| !ops.contains(o)).unwrap();
		let c = H256::repeat_byte(1);
		let commit_as = |who: AccountId, batch: Vec<(u64, H256)>| {
			Settlement::commit(RuntimeOrigin::signed(who), batch)
		};
		assert_noop!(commit_as(ops[0], vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(commit_as(ops[0], vec![(id, c); 4]), Error::<Test>::BatchTooLarge);
		assert_noop!(commit_as(ops[0], vec![(7, c)]), Error::<Test>::UnknownJob);
		assert_noop!(commit_as(outsider, vec![(id, c)]), Error::<Test>::NotAssigned);
		assert_noop!(commit_as(ALICE, vec![(id, c)]), Error::<Test>::NotAssigned);
		assert_ok!(commit_as(ops[0], vec![(id, c)]));
		// Done already: a batch of nothing else fails with the reason.
		assert_noop!(commit_as(ops[0], vec![(id, c)]), Error::<Test>::AlreadyCommitted);
		// The failure pays.
		let err = commit_as(outsider, vec![(id, c)]).unwrap_err();
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		// After the window: the deadline has not been processed yet, the window is still shut.
		System::set_block_number(1 + COMMIT_WINDOW);
		assert_noop!(commit_as(ops[1], vec![(id, c)]), Error::<Test>::CommitWindowClosed);
		System::set_block_number(1);
		// One bad item spoils the batch.
		let id2 = submit(BOB, 1);
		let ops2 = operators(id2);
		if ops2.contains(&ops[1]) {
			let before = job(id2);
			assert_noop!(
				commit_as(ops[1], vec![(id2, c), (id, c), (99, c)]),
				Error::<Test>::UnknownJob
			);
			assert_eq!(job(id2), before);
		}
	});
}

#[test]
fn commits_after_the_reveal_opened_or_the_end_are_refused() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		commit(id, ops[0], &output(1));
		commit(id, ops[1], &output(1));
		run_to_block(1 + COMMIT_WINDOW);
		assert_eq!(job(id).phase, JobPhase::Revealing, "quorum at the deadline");
		assert_noop!(
			Settlement::commit(RuntimeOrigin::signed(ops[2]), vec![(id, H256::zero())]),
			Error::<Test>::CommitWindowClosed
		);
		run_to_block(1 + COMMIT_WINDOW + REVEAL_WINDOW);
		assert_eq!(job(id).phase, JobPhase::Failed);
		assert_noop!(
			Settlement::commit(RuntimeOrigin::signed(ops[2]), vec![(id, H256::zero())]),
			Error::<Test>::JobConcluded
		);
	});
}

#[test]
fn a_late_or_repeated_step_is_skipped_and_the_rest_of_the_batch_goes_ahead() {
	execute(|| {
		register(1, 0, 1, 1);
		add_operators(1, &[model(1)]);
		let early = submit(ALICE, 1);
		run_to_block(3);
		let late = submit(ALICE, 1);
		// `early`'s commit window has closed (its deadline is processed later); `late`'s is open.
		System::set_block_number(1 + COMMIT_WINDOW);
		let batch = vec![
			(early, commitment_of(early, 101, &output(1))),
			(late, commitment_of(late, 101, &output(1))),
			(late, commitment_of(late, 101, &output(1))),
		];
		let info = Settlement::commit(RuntimeOrigin::signed(101), batch).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		assert!(job(late).assignments[0].commitment.is_some());
		assert!(job(early).assignments[0].commitment.is_none());
		let skipped: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::StepSkipped { job, reason, .. } => Some((job, reason)),
				_ => None,
			})
			.collect();
		assert_eq!(
			skipped,
			vec![
				(early, crate::SkipReason::CommitWindowClosed),
				(late, crate::SkipReason::AlreadyCommitted)
			]
		);
	});
}
