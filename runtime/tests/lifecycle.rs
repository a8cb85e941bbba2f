//! Whole job lifecycles on the real runtime, block by block: the jobs, settlement, operators,
//! fees and reputation pallets together, with BABE randomness, checking balances, slashes,
//! reputation and the record after every step.

mod common;

use common::*;
use frame_support::dispatch::Pays;
use verinfer_primitives::jobs::{AssignmentOutcome as O, JobPhase};
use verinfer_primitives::traits::OperatorsInterface;
use verinfer_primitives::traits::ReputationInterface;
use sp_core::H256;
use verinfer_primitives::tensor::Tensor;
use verinfer_runtime::{
	configs::{MaxSettlementBatch, MissSlash, WrongResultSlash},
	currency::UNITS,
	Balance, Operators, Reputation, Runtime, RuntimeCall,
};

fn stats(who: &verinfer_runtime::AccountId) -> verinfer_primitives::OperatorStats<Balance, u32> {
	pallet_reputation::Pallet::<Runtime>::stats_of(who).expect("the operator has a record")
}

fn treasury() -> verinfer_runtime::AccountId {
	pallet_fees::Pallet::<Runtime>::treasury()
}



#[test]
fn all_agree_verified_and_paid() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let requester = acc(1);
		let (requester_before, owner_before, treasury_before) =
			(free(&requester), free(&acc(30)), free(&treasury()));
		let id = submit(&requester, model(1));
		let quote = job(id).quote;
		let ops = operators_of(id);
		let storage = job(id).storage;
		assert_eq!(free(&requester), requester_before - quote.total - stored(id));
		check_invariants(issuance);
		let out = output([0, 349, 9650]);
		for (slot, op) in ops.iter().enumerate() {
			// The first operator's off-chain worker signs with its `infr` key.
			let signer = if slot == 0 { key_account(number(op)) } else { op.clone() };
			let post = commit_as(&signer, op, id, &out).expect("commits");
			assert_eq!(post.pays_fee, Pays::No, "honest commits are free");
		}
		assert_eq!(job(id).phase, JobPhase::Revealing, "all committed: reveal opens at once");

		next_block();
		check_invariants(issuance);
		for (slot, op) in ops.iter().enumerate() {
			let signer = if slot == 0 { key_account(number(op)) } else { op.clone() };
			let post = reveal_as(&signer, op, id, &out).expect("reveals");
			assert_eq!(post.pays_fee, Pays::No, "honest reveals are free");
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.concluded_at, Some(now()));
		assert_eq!(j.agreeing, 3);
		assert_eq!(outcomes(id), vec![O::Agreed; 3]);
		let result: Tensor = pallet_jobs::Results::<Runtime>::get(id).unwrap().into();
		assert_eq!(result, out);
		for op in ops.iter() {
			assert_eq!(free(op), ENDOWMENT - BOND + quote.per_operator, "paid its share");
			let s = stats(op);
			assert_eq!((s.assigned, s.agreed, s.earned), (1, 1, quote.per_operator));
			assert_eq!(s.latency_sum, 2, "revealed two blocks after assignment");
			assert!(pallet_jobs::Pallet::<Runtime>::pending_work_of(op).is_empty());
		}
		assert_eq!(free(&acc(30)), owner_before + ROYALTY);
		assert_eq!(free(&treasury()), treasury_before + quote.protocol_fee + storage.fee);
		assert_eq!(free(&requester), requester_before - quote.total - stored(id));
		next_block();
		check_invariants(issuance);
	});
}

#[test]
fn one_wrong_operator_is_slashed_and_the_job_still_verifies() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let requester = acc(2);
		let requester_before = free(&requester);
		let treasury_before = free(&treasury());
		let id = submit(&requester, model(1));
		let quote = job(id).quote;
		let ops = operators_of(id);
		let (good, bad) = (output([0, 349, 9650]), output([9650, 349, 0]));
		commit_as(&ops[0], &ops[0], id, &good).unwrap();
		commit_as(&ops[1], &ops[1], id, &bad).unwrap();
		commit_as(&ops[2], &ops[2], id, &good).unwrap();
		next_block();
		check_invariants(issuance);
		reveal_as(&ops[0], &ops[0], id, &good).unwrap();
		reveal_as(&ops[1], &ops[1], id, &bad).unwrap();
		reveal_as(&ops[2], &ops[2], id, &good).unwrap();
		check_invariants(issuance);

		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.agreeing, 2);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Disagreed, O::Agreed]);
		let slashed = WrongResultSlash::get() * BOND;
		assert_eq!(j.assignments[1].slashed, slashed);
		assert_eq!(Operators::bond_of(&ops[1]), BOND - slashed);
		assert_eq!(free(&ops[1]), ENDOWMENT - BOND, "not paid");
		assert_eq!(free(&ops[0]), ENDOWMENT - BOND + quote.per_operator);
		// The wrong operator's share of the fee goes back to the requester, and half the slash
		// compensates it, but only up to what it still paid: no requester gets back more than
		// it paid. The treasury takes the rest of the slash.
		let compensation = (slashed / 2).min(quote.total - quote.per_operator);
		assert_eq!(
			free(&requester),
			requester_before - quote.total - stored(id) + quote.per_operator + compensation
		);
		assert_eq!(
			free(&treasury()),
			treasury_before + quote.protocol_fee + job(id).storage.fee + (slashed - compensation)
		);
		let s = stats(&ops[1]);
		assert_eq!((s.assigned, s.disagreed, s.slashed), (1, 1, slashed));
		assert!(Reputation::score(&ops[1]) < Reputation::score(&ops[0]));
	});
}

#[test]
fn no_quorum_fails_and_refunds() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let requester = acc(3);
		let before = free(&requester);
		let id = submit(&requester, model(1));
		let ops = operators_of(id);
		let outs = [output([1, 0, 0]), output([0, 1, 0]), output([0, 0, 1])];
		for (op, out) in ops.iter().zip(outs.iter()) {
			commit_as(op, op, id, out).unwrap();
		}
		next_block();
		for (op, out) in ops.iter().zip(outs.iter()) {
			reveal_as(op, op, id, out).unwrap();
		}
		check_invariants(issuance);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Failed);
		assert_eq!(j.result_hash, None);
		assert_eq!(outcomes(id), vec![O::Unconfirmed; 3]);
		assert_eq!(j.payout.unwrap().refunded, j.quote.total);
		assert_eq!(free(&requester), before - stored(id), "everything back but the storage");
		for op in ops.iter() {
			assert_eq!(Operators::bond_of(op), BOND, "no ground truth, no slash");
			assert_eq!(stats(op).disagreed, 1);
		}
	});
}

#[test]
fn silence_expires_and_refunds() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let requester = acc(4);
		let before = free(&requester);
		let id = submit(&requester, model(1));
		let ops = operators_of(id);
		let deadline = job(id).commit_deadline;
		while now() < deadline - 1 {
			next_block();
			check_invariants(issuance);
			assert_eq!(job(id).phase, JobPhase::Assigned);
		}
		next_block();
		check_invariants(issuance);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Expired);
		assert_eq!(j.concluded_at, Some(deadline));
		assert_eq!(outcomes(id), vec![O::MissedCommit; 3]);
		let miss = MissSlash::get() * BOND;
		for op in ops.iter() {
			assert_eq!(Operators::bond_of(op), BOND - miss);
			let s = stats(op);
			assert_eq!((s.missed, s.slashed), (1, miss));
			assert_eq!(Operators::open_jobs(op), 0);
		}
		// Refunded in full (the storage deposit stays held until the job is pruned); the
		// slashes go to the treasury, since no requester gets back more than it paid.
		assert_eq!(free(&requester), before - stored(id));
	});
}

#[test]
fn tolerance_admits_close_outputs_and_rejects_a_distant_one() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		register_model(&acc(30), model(2), 2, 5, 3);
		for n in 101..=105 {
			register_operator(n, BOND, &[model(2)]);
		}
		next_block();
		let id = submit(&acc(5), model(2));
		let ops = operators_of(id);
		let outs = [
			output([100, 200, 300]),
			output([101, 199, 301]),
			output([102, 200, 300]),
			output([100, 201, 302]),
			output([100, 200, 310]),
		];
		for (op, out) in ops.iter().zip(outs.iter()) {
			commit_as(op, op, id, out).unwrap();
		}
		next_block();
		for (op, out) in ops.iter().zip(outs.iter()) {
			reveal_as(op, op, id, out).unwrap();
		}
		check_invariants(issuance);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.agreeing, 4);
		assert_eq!(outcomes(id), vec![O::Agreed, O::Agreed, O::Agreed, O::Agreed, O::Disagreed]);
		let result: Tensor = pallet_jobs::Results::<Runtime>::get(id).unwrap().into();
		assert_eq!(result, output([101, 200, 301]), "element-wise median, halves away from zero");
		assert_eq!(Operators::bond_of(&ops[4]), BOND - WrongResultSlash::get() * BOND);
	});
}

/// The expected probability that each eligible operator is drawn first for `model`.
fn first_draw_probabilities(model: H256) -> Vec<(verinfer_runtime::AccountId, f64)> {
	let weights: Vec<_> = Operators::candidates(&model)
		.into_iter()
		.filter(|c| c.room > 0 && !Reputation::is_excluded(&c.operator))
		.map(|c| {
			let w = c.bond as f64 * Reputation::score(&c.operator).deconstruct() as f64;
			(c.operator, w)
		})
		.collect();
	let total: f64 = weights.iter().map(|(_, w)| w).sum();
	weights.into_iter().map(|(who, w)| (who, w / total)).collect()
}

#[test]
fn assignment_frequencies_follow_bond_times_reputation() {
	use std::collections::BTreeMap;
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		register_model(&acc(30), model(3), 0, 1, 1);
		for (n, bond) in [(101u8, 1_000), (102, 2_000), (103, 3_000), (104, 6_000)] {
			register_operator(n, bond * UNITS, &[model(3)]);
		}
		// Give the operators different reputations: 101 agreed often, 104 missed some.
		for _ in 0..6 {
			Reputation::record(
				&acc(101),
				verinfer_primitives::ReputationEvent::Agreed { latency: 1, fee: OPERATOR_FEE },
			);
		}
		for _ in 0..3 {
			Reputation::record(
				&acc(104),
				verinfer_primitives::ReputationEvent::Missed { fee: OPERATOR_FEE, slashed: 0 },
			);
		}
		assert!(Reputation::score(&acc(101)) > Reputation::score(&acc(102)));
		assert!(Reputation::score(&acc(104)) < Reputation::score(&acc(102)));
		next_block();

		let jobs = 600;
		let mut expected: BTreeMap<_, f64> = BTreeMap::new();
		let mut observed: BTreeMap<_, f64> = BTreeMap::new();
		let requesters: Vec<_> = (1..=10).map(acc).collect();
		for i in 0..jobs {
			for (who, p) in first_draw_probabilities(model(3)) {
				*expected.entry(who).or_default() += p;
			}
			let id = submit(&requesters[i % 10], model(3));
			let op = operators_of(id)[0].clone();
			*observed.entry(op.clone()).or_default() += 1.0;
			// The operator answers at once, so every job is verified in its block and bonds stay
			// put; reputations move with every verdict, which the expectation follows.
			let out = output([1, 2, 3]);
			commit_as(&op, &op, id, &out).unwrap();
			reveal_as(&op, &op, id, &out).unwrap();
			assert_eq!(job(id).phase, JobPhase::Verified);
			if i % 20 == 19 {
				next_block();
				check_invariants(issuance);
			}
		}
		let chi2: f64 = expected
			.iter()
			.map(|(who, e)| {
				let o = observed.get(who).copied().unwrap_or(0.0);
				(o - e).powi(2) / e
			})
			.sum();
		// 3 degrees of freedom: P(χ² > 16.27) = 0.001.
		assert!(chi2 < 16.27, "chi-square {chi2}: expected {expected:?}, observed {observed:?}");
		// The heaviest operator is drawn most, the lightest least.
		assert!(
			observed[&acc(104)] > observed[&acc(102)] || observed[&acc(103)] > observed[&acc(102)]
		);
	});
}

#[test]
fn an_operator_below_the_reputation_floor_is_not_assigned() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		register_model(&acc(30), model(4), 0, 3, 2);
		for n in 101..=103 {
			register_operator(n, BOND, &[model(4)]);
		}
		let cheat = acc(104);
		register_operator(104, 10 * BOND, &[model(4)]);
		next_block();
		let (good, bad) = (output([5, 5, 5]), output([6, 6, 6]));
		// The cheat answers wrong whenever it is drawn, until the chain excludes it.
		let mut jobs = 0;
		while !Reputation::is_excluded(&cheat) {
			jobs += 1;
			assert!(jobs < 60, "the cheat should be excluded after about ten wrong answers");
			let id = submit(&acc(6), model(4));
			let ops = operators_of(id);
			for op in ops.iter() {
				commit_as(op, op, id, if *op == cheat { &bad } else { &good }).unwrap();
			}
			for op in ops.iter() {
				reveal_as(op, op, id, if *op == cheat { &bad } else { &good }).unwrap();
			}
			assert_eq!(job(id).phase, JobPhase::Verified, "the honest majority carries the job");
			next_block();
			check_invariants(issuance);
		}
		let s = stats(&cheat);
		assert!(s.disagreed >= 10, "excluded only after enough evidence: {s:?}");
		assert!(Operators::is_eligible(&cheat, &model(4)), "still bonded and online");
		for _ in 0..40 {
			let id = submit(&acc(7), model(4));
			assert!(!operators_of(id).contains(&cheat), "an excluded operator is never drawn");
			let ops = operators_of(id);
			for op in ops.iter() {
				commit_as(op, op, id, &good).unwrap();
			}
			for op in ops.iter() {
				reveal_as(op, op, id, &good).unwrap();
			}
			next_block();
		}
		// Only three operators are left for four seats. The submission counts the four listed
		// online operators and is accepted; the draw at the end of the block, which weighs
		// reputation, finds three and leaves the job unassigned, refunded in full.
		let before = free(&acc(7));
		let id = pallet_jobs::NextJobId::<Runtime>::get();
		dispatch(
			&acc(7),
			RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
				model: model(4),
				input: input(),
				max_fee: u128::MAX,
				policy: Some(verinfer_primitives::JobPolicy { k: 4, q: 3 }),
				agent: None,
			}),
		)
		.unwrap();
		next_block();
		assert_eq!(job(id).phase, JobPhase::Unassigned);
		assert!(job(id).assignments.is_empty());
		// The quote comes back in full; the job's record still takes state until it is pruned.
		assert_eq!(free(&acc(7)), before - stored(id), "refunded in full");
		check_invariants(issuance);
	});
}

#[test]
fn bad_calls_fail_with_named_errors_pay_and_change_nothing() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let submit_call = |model, input| {
			RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
				model,
				input,
				max_fee: u128::MAX,
				policy: None,
				agent: None,
			})
		};
		let err = dispatch(&acc(8), submit_call(model(9), input())).unwrap_err();
		assert_eq!(err.error, pallet_jobs::Error::<Runtime>::UnknownModel.into());
		let err =
			dispatch(&acc(8), submit_call(model(1), Tensor::new(vec![1, 3], vec![1, 2, 3], 2)))
				.unwrap_err();
		assert_eq!(err.error, pallet_jobs::Error::<Runtime>::WrongInputShape.into());
		let id = submit(&acc(8), model(1));
		let ops = operators_of(id);
		let outsider = (101..=103).map(acc).find(|a| !ops.contains(a));
		assert!(outsider.is_none(), "all three are assigned");
		let err = commit_as(&acc(9), &acc(9), id, &output([1, 1, 1])).unwrap_err();
		assert_eq!(err.error, pallet_settlement::Error::<Runtime>::NotAssigned.into());
		assert_eq!(err.post_info.pays_fee, Pays::Yes, "a failing commit pays");
		let too_many = vec![(id, H256::zero()); MaxSettlementBatch::get() as usize + 1];
		let err = dispatch(
			&ops[0],
			RuntimeCall::Settlement(pallet_settlement::Call::commit { commitments: too_many }),
		)
		.unwrap_err();
		assert_eq!(err.error, pallet_settlement::Error::<Runtime>::BatchTooLarge.into());
		for op in ops.iter() {
			commit_as(op, op, id, &output([1, 1, 1])).unwrap();
		}
		let err = reveal_as(&ops[0], &ops[0], id, &output([1, 1, 2])).unwrap_err();
		assert_eq!(err.error, pallet_settlement::Error::<Runtime>::CommitmentMismatch.into());
		assert_eq!(job(id).reveals(), 0);
		check_invariants(issuance);
	});
}
