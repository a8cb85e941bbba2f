//! Submitting jobs: checks, escrow, the record and the event.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use verinfer_primitives::testing::TestOperators;
use verinfer_primitives::tensor::Tensor;

fn quote_total(k: u128) -> u128 {
	// per operator: fee + ByteFee × encoded input bytes; protocol fee 10% of the subtotal.
	let bytes = input().encode().len() as u128;
	let subtotal = k * (OPERATOR_FEE + BYTE_FEE * bytes) + ROYALTY;
	subtotal + subtotal / 10
}

use codec::Encode;

#[test]
fn submit_holds_the_quote_assigns_and_records() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(5, &[model(1)]);
		let tag = AgentTag::repeat_byte(9);
		let total = quote_total(3);
		assert_ok!(Jobs::submit_job(
			RuntimeOrigin::signed(ALICE),
			model(1),
			input(),
			total,
			None,
			Some(tag)
		));
		let job = Jobs::job(0).unwrap();
		assert_eq!(job.requester, ALICE);
		assert_eq!(job.model, model(1));
		assert_eq!(job.input_hash, sp_core::H256(input().canonical_hash()));
		assert_eq!(Inputs::<Test>::get(0).map(Tensor::from), Some(input()));
		assert_eq!(job.agent, Some(tag));
		assert_eq!(job.policy, JobPolicy { k: 3, q: 2 });
		assert!(!job.unverified);
		assert_eq!(job.tolerance, 1);
		assert_eq!(job.quote.total, total);
		assert_eq!(job.max_fee, total);
		assert_eq!(job.phase, JobPhase::Assigned);
		assert_eq!(job.submitted_at, 1);
		assert_eq!(job.commit_deadline, 1 + COMMIT_WINDOW);
		assert_eq!(job.queued_at, Some(1 + COMMIT_WINDOW));
		assert_eq!(job.assignments.len(), 3);
		let operators: Vec<_> = job.assignments.iter().map(|a| a.operator).collect();
		for op in operators.iter() {
			assert!((101..=105).contains(op));
			assert_eq!(
				<TestOperators as verinfer_primitives::traits::OperatorsInterface<u64, u128>>::open_jobs(op),
				1
			);
			assert_eq!(Jobs::open_jobs_of(op), vec![0]);
		}
		assert_eq!(escrowed(ALICE), total);
		assert_eq!(free(ALICE), INITIAL - total);
		assert_eq!(OpenJobs::<Test>::get(), 1);
		assert_eq!(NextJobId::<Test>::get(), 1);
		assert_eq!(DeadlineQueue::<Test>::get(1 + COMMIT_WINDOW).into_inner(), vec![0]);
		assert_eq!(
			events().pop(),
			Some(Event::JobSubmitted {
				job: 0,
				requester: ALICE,
				model: model(1),
				agent: Some(tag),
				operators,
				quote: job.quote,
				commit_deadline: 1 + COMMIT_WINDOW,
			})
		);
	});
}

#[test]
fn bad_submissions_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		register(2, 3, 2);
		add_operators(3, &[model(1)]);
		TestOperators::add(200u64, 1_000, &[model(2)]);
		let before = (free(ALICE), NextJobId::<Test>::get(), OpenJobs::<Test>::get());
		let submit = |model_id, input: Tensor, max_fee, policy| {
			Jobs::submit_job(RuntimeOrigin::signed(ALICE), model_id, input, max_fee, policy, None)
		};
		let max = u128::MAX;
		assert_noop!(submit(model(7), input(), max, None), Error::<Test>::UnknownModel);
		assert_noop!(
			submit(model(1), Tensor::new(vec![4], vec![1, 2, 3, 4], 2), max, None),
			Error::<Test>::WrongInputShape
		);
		assert_noop!(
			submit(model(1), Tensor::new(vec![1, 4], vec![1, 2, 3, 4], 3), max, None),
			Error::<Test>::WrongInputPrecision
		);
		assert_noop!(
			submit(model(1), Tensor::new(vec![1, 4], vec![1, 2, 3], 2), max, None),
			Error::<Test>::WrongInputSize
		);
		assert_noop!(
			submit(model(1), Tensor::new(vec![1, 4], vec![0; 17], 2), max, None),
			Error::<Test>::InputTooLarge
		);
		assert_noop!(
			submit(model(1), input(), quote_total(3) - 1, None),
			Error::<Test>::FeeAboveMax
		);
		assert_noop!(
			submit(model(1), input(), max, Some(JobPolicy { k: 4, q: 2 })),
			Error::<Test>::InvalidPolicy
		);
		assert_noop!(
			submit(model(1), input(), max, Some(JobPolicy { k: 1, q: 1 })),
			Error::<Test>::PolicyBelowModel
		);
		assert_noop!(
			submit(model(1), input(), max, Some(JobPolicy { k: 4, q: 3 })),
			Error::<Test>::NotEnoughOperators
		);
		assert_noop!(submit(model(2), input(), max, None), Error::<Test>::NotEnoughOperators);
		assert_noop!(
			Jobs::submit_job(RuntimeOrigin::signed(POOR), model(1), input(), max, None, None),
			pallet_fees::Error::<Test>::InsufficientBalance
		);
		assert_eq!(before, (free(ALICE), NextJobId::<Test>::get(), OpenJobs::<Test>::get()));
		for who in 101..=103u64 {
			assert_eq!(
				<TestOperators as verinfer_primitives::traits::OperatorsInterface<u64, u128>>::open_jobs(&who),
				0
			);
		}
	});
}

#[test]
fn requester_may_ask_for_more() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(5, &[model(1)]);
		assert_ok!(Jobs::submit_job(
			RuntimeOrigin::signed(ALICE),
			model(1),
			input(),
			u128::MAX,
			Some(JobPolicy { k: 5, q: 3 }),
			None
		));
		let job = Jobs::job(0).unwrap();
		assert_eq!(job.policy, JobPolicy { k: 5, q: 3 });
		assert_eq!(job.assignments.len(), 5);
		assert_eq!(job.quote.k, 5);
		assert_eq!(job.quote.total, quote_total(5));
	});
}

#[test]
fn single_operator_jobs_are_marked_unverified() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let id = submit(ALICE, 1);
		let job = Jobs::job(id).unwrap();
		assert!(job.unverified);
		assert_eq!(job.policy, JobPolicy { k: 1, q: 1 });
	});
}

#[test]
fn open_jobs_are_capped_by_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		MaxDeadlinesPerBlock::set(2);
		DeadlineSearchRange::set(2);
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		for _ in 0..4 {
			submit(ALICE, 1);
		}
		assert_eq!(Jobs::max_open_jobs(), 4);
		assert_noop!(
			Jobs::submit_job(
				RuntimeOrigin::signed(ALICE),
				model(1),
				input(),
				u128::MAX,
				None,
				None
			),
			Error::<Test>::TooManyOpenJobs
		);
		// Two buckets of two: the deadlines are in the block due and the next.
		let d = 1 + COMMIT_WINDOW;
		assert_eq!(DeadlineQueue::<Test>::get(d).into_inner(), vec![0, 1]);
		assert_eq!(DeadlineQueue::<Test>::get(d + 1).into_inner(), vec![2, 3]);
	});
}
