//! `reveal`: matching the commitment, windows, copies, batches and fees.

use crate::{mock::*, Error, Event};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
};
use verinfer_primitives::jobs::JobPhase;
use sp_core::H256;
use verinfer_primitives::tensor::Tensor;

/// A job of model 1 (k = 3, q = 2) where every operator committed to `output(1)`.
fn all_committed() -> (u64, Vec<AccountId>) {
	register(1, 0, 3, 2);
	add_operators(3, &[model(1)]);
	let id = submit(ALICE, 1);
	let ops = operators(id);
	for op in ops.iter() {
		commit(id, *op, &output(1));
	}
	assert_eq!(job(id).phase, JobPhase::Revealing);
	(id, ops)
}

#[test]
fn a_matching_reveal_is_recorded_for_free() {
	execute(|| {
		let (id, ops) = all_committed();
		run_to_block(2);
		let out = output(1);
		let info = Settlement::reveal(
			RuntimeOrigin::signed(ops[0]),
			vec![(id, out.clone(), salt(ops[0]))],
		)
		.unwrap();
		assert_eq!(info, PostDispatchInfo { actual_weight: None, pays_fee: Pays::No });
		let j = job(id);
		assert_eq!(j.assignments[0].revealed_at, Some(2));
		let hash = H256(out.canonical_hash());
		assert_eq!(j.assignments[0].output_hash, Some(hash));
		assert_eq!(
			events().pop(),
			Some(Event::Revealed { job: id, operator: ops[0], output_hash: hash })
		);
		assert_eq!(j.phase, JobPhase::Revealing, "two committers still to reveal");
	});
}

#[test]
fn bad_reveals_fail_and_change_nothing() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(4, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let outsider = (101..=104).find(|o| !ops.contains(o)).unwrap();
		let out = output(1);
		let reveal_as = |who: AccountId, batch: Vec<(u64, Tensor, [u8; 32])>| {
			Settlement::reveal(RuntimeOrigin::signed(who), batch)
		};
		commit(id, ops[0], &out);
		commit(id, ops[1], &out);
		assert_noop!(
			reveal_as(ops[0], vec![(id, out.clone(), salt(ops[0]))]),
			Error::<Test>::RevealNotOpen
		);
		run_to_block(1 + COMMIT_WINDOW);
		assert_eq!(job(id).phase, JobPhase::Revealing);
		assert_noop!(reveal_as(ops[0], vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			reveal_as(ops[0], vec![(id, out.clone(), salt(ops[0])); 4]),
			Error::<Test>::BatchTooLarge
		);
		assert_noop!(
			reveal_as(ops[0], vec![(9, out.clone(), salt(ops[0]))]),
			Error::<Test>::UnknownJob
		);
		assert_noop!(
			reveal_as(outsider, vec![(id, out.clone(), salt(outsider))]),
			Error::<Test>::NotAssigned
		);
		assert_noop!(
			reveal_as(ops[2], vec![(id, out.clone(), salt(ops[2]))]),
			Error::<Test>::NotCommitted
		);
		assert_noop!(
			reveal_as(ops[0], vec![(id, output(2), salt(ops[0]))]),
			Error::<Test>::CommitmentMismatch
		);
		assert_noop!(
			reveal_as(ops[0], vec![(id, out.clone(), [0; 32])]),
			Error::<Test>::CommitmentMismatch
		);
		assert_noop!(
			reveal_as(ops[0], vec![(id, Tensor::new(vec![9], vec![0; 9], 4), salt(ops[0]))]),
			Error::<Test>::OutputTooLarge
		);
		let err = reveal_as(ops[0], vec![(id, output(2), salt(ops[0]))]).unwrap_err();
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		assert_ok!(reveal_as(ops[0], vec![(id, out.clone(), salt(ops[0]))]));
		assert_noop!(
			reveal_as(ops[0], vec![(id, out.clone(), salt(ops[0]))]),
			Error::<Test>::AlreadyRevealed
		);
		// The window closes at the deadline, before the deadline is processed.
		System::set_block_number(1 + COMMIT_WINDOW + REVEAL_WINDOW);
		assert_noop!(
			reveal_as(ops[1], vec![(id, out.clone(), salt(ops[1]))]),
			Error::<Test>::RevealWindowClosed
		);
		System::set_block_number(1 + COMMIT_WINDOW);
		run_to_block(1 + COMMIT_WINDOW + REVEAL_WINDOW);
		assert_noop!(reveal_as(ops[1], vec![(id, out, salt(ops[1]))]), Error::<Test>::JobConcluded);
	});
}

#[test]
fn copied_commitments_and_outputs_do_not_verify() {
	execute(|| {
		register(1, 0, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		let ops = operators(id);
		let out = output(1);
		commit(id, ops[0], &out);
		// The copier submits the honest operator's commitment as its own.
		let copied = job(id).assignments[0].commitment.unwrap();
		assert_ok!(Settlement::commit(RuntimeOrigin::signed(ops[1]), vec![(id, copied)]));
		commit(id, ops[2], &out);
		reveal(id, ops[0], &out);
		// Even knowing the honest output and salt it cannot open the copied commitment, which
		// binds the honest operator's account.
		assert_noop!(
			Settlement::reveal(
				RuntimeOrigin::signed(ops[1]),
				vec![(id, out.clone(), salt(ops[0]))]
			),
			Error::<Test>::CommitmentMismatch
		);
		// With its own salt it cannot open it either.
		assert_noop!(
			Settlement::reveal(
				RuntimeOrigin::signed(ops[1]),
				vec![(id, out.clone(), salt(ops[1]))]
			),
			Error::<Test>::CommitmentMismatch
		);
		reveal(id, ops[2], &out);
		run_to_block(1 + REVEAL_WINDOW);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.assignments[1].outcome, Some(verinfer_primitives::jobs::AssignmentOutcome::MissedReveal));
	});
}

#[test]
fn a_batch_reveals_many_jobs_and_settles_them() {
	execute(|| {
		register(1, 0, 1, 1);
		add_operators(1, &[model(1)]);
		let ids: Vec<_> = (0..3).map(|_| submit(ALICE, 1)).collect();
		let out = output(4);
		let commits = ids.iter().map(|id| (*id, commitment_of(*id, 101, &out))).collect();
		assert_ok!(Settlement::commit(RuntimeOrigin::signed(101), commits));
		let reveals = ids.iter().map(|id| (*id, out.clone(), salt(101))).collect();
		assert_ok!(Settlement::reveal(RuntimeOrigin::signed(101), reveals));
		for id in ids {
			let j = job(id);
			assert_eq!(j.phase, JobPhase::Verified);
			assert!(j.unverified, "k = q = 1 is marked unverified");
			assert_eq!(j.result_hash, Some(H256(out.canonical_hash())));
		}
	});
}
