//! Submitting jobs: checks, escrow, the record and the event.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
};
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
fn submit_holds_the_quote_records_and_the_block_end_assigns() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(5, &[model(1)]);
		let tag = register_agent(ALICE, b"agent");
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
		assert_eq!(job.submitted_at, 1);
		assert_eq!(job.commit_deadline, 1 + COMMIT_WINDOW);
		assert_eq!(job.queued_at, Some(1 + COMMIT_WINDOW));
		// Operators are drawn at the end of the block, from randomness nobody saw at signing.
		assert_eq!(job.phase, JobPhase::Submitted);
		assert!(job.assignments.is_empty());
		assert_eq!(
			events().pop(),
			Some(Event::JobSubmitted {
				job: 0,
				requester: ALICE,
				model: model(1),
				agent: Some(tag),
				quote: job.quote,
				commit_deadline: 1 + COMMIT_WINDOW,
			})
		);
		Jobs::on_finalize(1);
		let job = Jobs::job(0).unwrap();
		assert_eq!(job.phase, JobPhase::Assigned);
		assert_eq!(job.assignments.len(), 3);
		assert!(PendingDraws::<Test>::get().is_empty());
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
		let agent_deposit = Agents::<Test>::get(tag).unwrap().deposit;
		assert_eq!(free(ALICE), INITIAL - total - agent_deposit);
		assert_eq!(OpenJobs::<Test>::get(), 1);
		assert_eq!(NextJobId::<Test>::get(), 1);
		assert_eq!(DeadlineQueue::<Test>::get(1 + COMMIT_WINDOW).into_inner(), vec![0]);
		assert_eq!(events().pop(), Some(Event::JobAssigned { job: 0, operators }));
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
			try_submit(ALICE, model_id, input, max_fee, policy, None)
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
			try_submit(POOR, model(1), input(), max, None, None),
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
		Jobs::on_finalize(1);
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
			try_submit(ALICE, model(1), input(), u128::MAX, None, None),
			Error::<Test>::TooManyOpenJobs
		);
		// Two buckets of two: the deadlines are in the block due and the next.
		let d = 1 + COMMIT_WINDOW;
		assert_eq!(DeadlineQueue::<Test>::get(d).into_inner(), vec![0, 1]);
		assert_eq!(DeadlineQueue::<Test>::get(d + 1).into_inner(), vec![2, 3]);
	});
}

#[test]
fn inputs_outside_the_declared_range_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Jobs::register_model(
			RuntimeOrigin::signed(OWNER),
			model(1),
			b"iris".to_vec(),
			vec![],
			input_spec(),
			output_spec(),
			Some(InputRange { min: 0, max: 1_000 }),
			1,
			FEES,
			JobPolicy { k: 1, q: 1 },
		));
		add_operators(1, &[model(1)]);
		let out_of_range = Tensor::new(vec![1, 4], vec![630, 340, 560, 1_001], 2);
		let before = (free(ALICE), NextJobId::<Test>::get());
		assert_noop!(
			try_submit(ALICE, model(1), out_of_range, u128::MAX, None, None),
			Error::<Test>::InputOutOfRange
		);
		assert_eq!(before, (free(ALICE), NextJobId::<Test>::get()));
		assert_ok!(Jobs::submit_job(RuntimeOrigin::signed(ALICE), model(1), input(), u128::MAX, None, None));
		// An empty range cannot be declared.
		assert_noop!(
			Jobs::register_model(
				RuntimeOrigin::signed(OWNER),
				model(2),
				vec![],
				vec![],
				input_spec(),
				output_spec(),
				Some(InputRange { min: 1, max: 0 }),
				1,
				FEES,
				JobPolicy { k: 1, q: 1 },
			),
			Error::<Test>::InvalidInputRange
		);
	});
}

#[test]
fn operators_gone_by_the_end_of_the_block_leave_the_job_unassigned_and_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		assert_ok!(Jobs::submit_job(RuntimeOrigin::signed(ALICE), model(1), input(), u128::MAX, None, None));
		assert_eq!(free(ALICE), INITIAL - quote_total(3));
		// One of the three goes offline in the same block.
		TestOperators::set_online(102u64, false);
		Jobs::on_finalize(1);
		let job = Jobs::job(0).unwrap();
		assert_eq!(job.phase, JobPhase::Unassigned);
		assert!(job.assignments.is_empty());
		assert_eq!(job.concluded_at, Some(1));
		assert_eq!(free(ALICE), INITIAL, "refunded in full");
		assert_eq!(OpenJobs::<Test>::get(), 0);
		assert!(DeadlineQueue::<Test>::iter().next().is_none());
		assert_eq!(events().pop(), Some(Event::JobConcluded { job: 0, phase: JobPhase::Unassigned }));
	});
}

#[test]
fn refused_submissions_do_not_keep_the_weight_of_a_draw() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let declared = Jobs::submit_weight(4, <Test as Config>::MaxCandidates::get(), 3);
		let err = Jobs::submit_job(
			RuntimeOrigin::signed(ALICE),
			model(1),
			input(),
			1,
			None,
			None,
		)
		.unwrap_err();
		assert_eq!(err.error, Error::<Test>::FeeAboveMax.into());
		let charged = err.post_info.actual_weight.expect("refunds the unused weight");
		assert_ne!(charged, declared);
		// No policy given: the weight is for the largest `k` the call could have drawn.
		let k = <Test as Config>::MaxReplicas::get();
		assert_eq!(charged, Jobs::submit_weight(4, 0, k), "the checks only, no draw");
	});
}

#[test]
fn agents_belong_to_their_controller_and_delegates() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let tag = register_agent(ALICE, b"trader");
		assert_eq!(tag, agent_tag(&ALICE, b"trader"));
		let submit_as = |who, agent| try_submit(who, model(1), input(), u128::MAX, None, agent);
		assert_noop!(submit_as(BOB, Some(tag)), Error::<Test>::NotAgentController);
		assert_noop!(
			submit_as(ALICE, Some(agent_tag(&BOB, b"trader"))),
			Error::<Test>::UnknownAgent
		);
		assert_ok!(submit_as(ALICE, Some(tag)));
		// The controller lets Bob act for the agent; only the controller may.
		assert_noop!(
			Jobs::set_agent_delegates(RuntimeOrigin::signed(BOB), tag, vec![BOB]),
			Error::<Test>::NotAgentController
		);
		assert_ok!(Jobs::set_agent_delegates(RuntimeOrigin::signed(ALICE), tag, vec![BOB]));
		assert_ok!(submit_as(BOB, Some(tag)));
		assert_eq!(Jobs::jobs_of_agent(&tag, 0, 10), vec![1, 0]);
		// The same name is another agent for another controller; twice is refused.
		assert_ok!(Jobs::register_agent(RuntimeOrigin::signed(BOB), b"trader".to_vec(), vec![]));
		assert_noop!(
			Jobs::register_agent(RuntimeOrigin::signed(ALICE), b"trader".to_vec(), vec![]),
			Error::<Test>::AgentExists
		);
		assert_noop!(
			Jobs::register_agent(RuntimeOrigin::signed(ALICE), vec![b'x'; 17], vec![]),
			Error::<Test>::AgentNameTooLong
		);
		assert_noop!(
			Jobs::set_agent_delegates(RuntimeOrigin::signed(ALICE), tag, vec![1, 2, 3, 4, 5]),
			Error::<Test>::TooManyDelegates
		);
	});
}
