//! The deadline queue and `on_initialize`.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{assert_ok, traits::Hooks};
use sp_core::H256;

fn commit(id: JobId, slot: u32) {
	assert_ok!(Jobs::record_commitment(id, slot, H256::repeat_byte(slot as u8)));
}

#[test]
fn commit_deadline_without_quorum_expires_and_refunds() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		commit(id, 0);
		run_to_block(COMMIT_WINDOW);
		assert_eq!(Jobs::job(id).unwrap().phase, JobPhase::Committing, "not due yet");
		run_to_block(1 + COMMIT_WINDOW);
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.phase, JobPhase::Expired);
		assert_eq!(job.concluded_at, Some(1 + COMMIT_WINDOW));
		assert_eq!(job.queued_at, None);
		assert_eq!(free(ALICE), INITIAL, "refunded");
		assert_eq!(escrowed(ALICE), 0);
		assert_eq!(OpenJobs::<Test>::get(), 0);
		assert!(Jobs::open_jobs_of(&job.assignments[0].operator).is_empty());
		assert_eq!(events().pop(), Some(Event::JobConcluded { job: id, phase: JobPhase::Expired }));
	});
}

#[test]
fn quorum_at_the_commit_deadline_opens_the_reveal_phase() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let id = submit(ALICE, 1);
		commit(id, 0);
		commit(id, 2);
		run_to_block(1 + COMMIT_WINDOW);
		let job = Jobs::job(id).unwrap();
		let deadline = 1 + COMMIT_WINDOW + REVEAL_WINDOW;
		assert_eq!(job.phase, JobPhase::Revealing);
		assert_eq!(job.reveal_opened_at, Some(1 + COMMIT_WINDOW));
		assert_eq!(job.reveal_deadline, Some(deadline));
		assert_eq!(job.queued_at, Some(deadline));
		assert_eq!(
			events().pop(),
			Some(Event::RevealOpened { job: id, reveal_deadline: deadline })
		);
		run_to_block(deadline);
		assert_eq!(Jobs::job(id).unwrap().phase, JobPhase::Failed);
		assert_eq!(free(ALICE), INITIAL);
	});
}

#[test]
fn all_committed_opens_the_reveal_phase_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 2, 2);
		add_operators(2, &[model(1)]);
		let id = submit(ALICE, 1);
		run_to_block(3);
		commit(id, 0);
		commit(id, 1);
		assert_ok!(Jobs::open_reveal(id));
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.phase, JobPhase::Revealing);
		assert_eq!(job.reveal_deadline, Some(3 + REVEAL_WINDOW));
		assert!(
			!DeadlineQueue::<Test>::contains_key(1 + COMMIT_WINDOW),
			"the commit deadline left the queue"
		);
		run_to_block(3 + REVEAL_WINDOW);
		assert_eq!(
			DEADLINES_SEEN.with(|s| s.borrow().clone()),
			vec![(id, false)],
			"only the reveal deadline was processed"
		);
		assert_eq!(Jobs::job(id).unwrap().phase, JobPhase::Failed);
	});
}

#[test]
fn a_full_bucket_defers_to_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		MaxDeadlinesPerBlock::set(2);
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let ids: Vec<_> = (0..5).map(|_| submit(ALICE, 1)).collect();
		let d = 1 + COMMIT_WINDOW;
		assert_eq!(DeadlineQueue::<Test>::get(d).into_inner(), vec![0, 1]);
		assert_eq!(DeadlineQueue::<Test>::get(d + 1).into_inner(), vec![2, 3]);
		assert_eq!(DeadlineQueue::<Test>::get(d + 2).into_inner(), vec![4]);
		for id in ids.iter() {
			assert_eq!(Jobs::job(*id).unwrap().commit_deadline, d, "the deadline itself is kept");
		}
		run_to_block(d);
		assert_eq!(Jobs::job(1).unwrap().phase, JobPhase::Expired);
		assert_eq!(Jobs::job(2).unwrap().phase, JobPhase::Assigned, "processed one block late");
		run_to_block(d + 2);
		assert!(ids.iter().all(|id| Jobs::job(*id).unwrap().phase == JobPhase::Expired));
	});
}

#[test]
fn work_beyond_the_budget_is_carried_over() {
	ExtBuilder::default().build_and_execute(|| {
		MaxDeadlinesProcessed::set(2);
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let ids: Vec<_> = (0..5).map(|_| submit(ALICE, 1)).collect();
		let d = 1 + COMMIT_WINDOW;
		run_to_block(d);
		let expired = |ids: &[JobId]| {
			ids.iter().filter(|id| Jobs::job(**id).unwrap().phase == JobPhase::Expired).count()
		};
		// Bucket `d` has 4, bucket `d + 1` has 1: two per block.
		assert_eq!(expired(&ids), 2);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(d));
		run_to_block(d + 1);
		assert_eq!(expired(&ids), 4);
		run_to_block(d + 2);
		assert_eq!(expired(&ids), 5);
		assert_eq!(OpenJobs::<Test>::get(), 0);
		assert_eq!(DeadlineQueue::<Test>::iter().count(), 0);
	});
}

#[test]
fn weight_counts_the_processed_deadlines() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let idle = Jobs::on_initialize(System::block_number());
		assert_eq!(idle, <() as WeightInfo>::on_initialize_idle());
		submit(ALICE, 1);
		submit(ALICE, 1);
		run_to_block(COMMIT_WINDOW);
		System::set_block_number(1 + COMMIT_WINDOW);
		let used = Jobs::on_initialize(1 + COMMIT_WINDOW);
		let per = <() as WeightInfo>::on_initialize_commit_deadlines(1)
			.saturating_sub(<() as WeightInfo>::on_initialize_commit_deadlines(0));
		assert_eq!(used, idle.saturating_add(per.saturating_mul(2)));
	});
}

#[test]
fn a_handler_that_does_nothing_cannot_strand_a_job() {
	ExtBuilder::default().build_and_execute(|| {
		HANDLER_ACTIVE.with(|a| a.set(false));
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let a = submit(ALICE, 1);
		let b = submit(BOB, 1);
		for slot in 0..3 {
			commit(b, slot);
		}
		assert_ok!(Jobs::open_reveal(b));
		run_to_block(1 + COMMIT_WINDOW);
		assert_eq!(Jobs::job(a).unwrap().phase, JobPhase::Expired);
		assert_eq!(Jobs::job(b).unwrap().phase, JobPhase::Failed);
		assert_eq!(free(ALICE), INITIAL);
		assert_eq!(free(BOB), INITIAL);
		let job = Jobs::job(b).unwrap();
		assert!(job.assignments.iter().all(|a| a.outcome.is_none() && a.slashed == 0));
		assert_eq!(job.payout.unwrap().refunded, job.quote.total);
	});
}

#[test]
fn the_cursor_skips_ahead_when_nothing_is_open() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(10);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(11));
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let id = submit(ALICE, 1);
		run_to_block(10 + COMMIT_WINDOW);
		assert_eq!(Jobs::job(id).unwrap().phase, JobPhase::Expired);
		assert_eq!(Jobs::job(id).unwrap().concluded_at, Some(10 + COMMIT_WINDOW));
	});
}
