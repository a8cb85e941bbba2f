//! Attacks on the protocol, performed on the real runtime: each test is named after an attack,
//! carries it out as the attacker would, and asserts that it no longer works or no longer pays.
//! (The attacks on the transaction pool need a real node: `node/tests/e2e_load.rs`.)

mod common;

use common::*;
use verinfer_primitives::{
	jobs::{AssignmentOutcome as O, JobPhase},
	traits::ReputationInterface,
	ReputationEvent,
};
use verinfer_runtime::{
	configs::WrongResultSlash, Balance, Operators, Reputation, Runtime, RuntimeCall,
};
use verinfer_primitives::traits::OperatorsInterface;

fn treasury() -> verinfer_runtime::AccountId {
	pallet_fees::Pallet::<Runtime>::treasury()
}


/// Attack 1: a requester whose jobs the operators cannot or do not answer (an input the model
/// cannot compute, an operator down) used to get its fee back *and* half of every miss slash.
/// Whatever the operators do, a requester never gets back more than it paid for a job.
#[test]
fn requester_profits_from_operator_misses() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		let requester = acc(1);
		let before = free(&requester);
		let id = submit(&requester, model(1));
		// Nobody commits: the job expires at its commit deadline.
		run_to_block(job(id).commit_deadline + 1);
		check_invariants(issuance);
		assert_eq!(job(id).phase, JobPhase::Expired);
		assert_eq!(outcomes(id), vec![O::MissedCommit; 3]);
		assert!(
			free(&requester) <= before,
			"the requester gained {} from the operators' misses",
			free(&requester) - before
		);
		// Not a token is lost: what the requester may not keep went to the treasury.
		let slashed: Balance = job(id).assignments.iter().map(|a| a.slashed).sum();
		assert!(slashed > 0, "the misses are still slashed");
	});
}

/// Attack 1 (variant): one operator misses in a verified job. The requester is refunded that
/// operator's share; what it gets back from the job, refund and compensation from the slash
/// together, may not exceed what it paid.
#[test]
fn requester_profits_from_one_miss_in_a_verified_job() {
	new_ext().execute_with(|| {
		three_operators(0);
		let requester = acc(2);
		let before = free(&requester);
		let id = submit(&requester, model(1));
		let quote = job(id).quote;
		let ops = operators_of(id);
		let out = output([0, 349, 9650]);
		commit_as(&ops[0], &ops[0], id, &out).unwrap();
		commit_as(&ops[1], &ops[1], id, &out).unwrap();
		run_to_block(job(id).commit_deadline);
		reveal_as(&ops[0], &ops[0], id, &out).unwrap();
		reveal_as(&ops[1], &ops[1], id, &out).unwrap();
		assert_eq!(job(id).phase, JobPhase::Verified);
		let refunded = job(id).payout.unwrap().refunded;
		assert!(refunded < quote.total, "the agreeing operators were paid");
		assert!(
			free(&requester) <= before,
			"the requester gained {} from a verified job with one miss",
			free(&requester) as i128 - before as i128
		);
		let slashed: Balance = job(id).assignments.iter().map(|a| a.slashed).sum();
		assert!(slashed > 0, "the miss is still slashed");
	});
}


/// Attack 3: an operator that sees the others' reveals and finds it would disagree simply
/// withholds its reveal, hoping to pay a miss (1%) instead of a wrong answer (10%). Committing
/// and then not revealing costs as much as revealing a wrong answer, in bond and reputation.
#[test]
fn withholding_a_losing_reveal_is_cheaper_than_revealing_it() {
	new_ext().execute_with(|| {
		three_operators(0);
		let id = submit(&acc(3), model(1));
		let ops = operators_of(id);
		let (good, bad) = (output([0, 349, 9650]), output([1, 1, 1]));
		commit_as(&ops[0], &ops[0], id, &good).unwrap();
		commit_as(&ops[1], &ops[1], id, &good).unwrap();
		commit_as(&ops[2], &ops[2], id, &bad).unwrap();
		next_block();
		reveal_as(&ops[0], &ops[0], id, &good).unwrap();
		reveal_as(&ops[1], &ops[1], id, &good).unwrap();
		// ops[2] withholds.
		run_to_block(job(id).reveal_deadline.unwrap() + 1);
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(j.assignments[2].outcome, Some(O::MissedReveal));
		let wrong = WrongResultSlash::get() * BOND;
		assert!(
			j.assignments[2].slashed >= wrong,
			"withholding cost {} where a wrong reveal costs {wrong}",
			j.assignments[2].slashed
		);
		// In reputation too: a withheld reveal weighs like a wrong answer.
		let withheld = Reputation::score(&ops[2]);
		new_ext().execute_with(|| {
			three_operators(0);
			let id = submit(&acc(3), model(1));
			let ops = operators_of(id);
			commit_as(&ops[0], &ops[0], id, &good).unwrap();
			commit_as(&ops[1], &ops[1], id, &good).unwrap();
			commit_as(&ops[2], &ops[2], id, &bad).unwrap();
			next_block();
			for (op, out) in [(&ops[0], &good), (&ops[1], &good), (&ops[2], &bad)] {
				reveal_as(op, op, id, out).unwrap();
			}
			assert!(withheld <= Reputation::score(&ops[2]), "withholding kept a better score");
		});
	});
}

/// Attack 5a: an operator buys reputation with self-dealt jobs: its own model, itself the only
/// operator, `k = q = 1`, paying itself. Such jobs prove nothing, so they add no positive
/// evidence and the score does not move.
#[test]
fn self_dealt_jobs_buy_reputation() {
	new_ext().execute_with(|| {
		let cheat = acc(101);
		register_model(&cheat, model(7), 0, 1, 1);
		register_operator(101, BOND, &[model(7)]);
		next_block();
		let start = Reputation::score(&cheat);
		for _ in 0..5 {
			let id = submit(&cheat, model(7));
			let out = output([1, 2, 3]);
			commit_as(&cheat, &cheat, id, &out).unwrap();
			next_block();
			reveal_as(&cheat, &cheat, id, &out).unwrap();
			assert_eq!(job(id).phase, JobPhase::Verified);
		}
		assert_eq!(Reputation::score(&cheat), start, "self-dealt jobs moved the score");
	});
}

/// Attack 5b: one event with a huge fee used to pull the reference fee up by 5% of the
/// difference, so everybody else's ordinary jobs weighed next to nothing afterwards. One event
/// moves the reference fee by at most a small bounded step.
#[test]
fn one_huge_fee_devalues_everyone_elses_evidence() {
	new_ext().execute_with(|| {
		let ordinary = 2 * verinfer_runtime::currency::UNITS;
		for _ in 0..20 {
			Reputation::record(&acc(110), ReputationEvent::Agreed { latency: 2, fee: ordinary });
		}
		let reference = pallet_reputation::AverageFee::<Runtime>::get();
		Reputation::record(&acc(111), ReputationEvent::Agreed { latency: 2, fee: u128::MAX / 4 });
		let after = pallet_reputation::AverageFee::<Runtime>::get();
		assert!(
			after <= reference + reference / 10,
			"one event moved the reference fee from {reference} to {after}"
		);
	});
}

/// Attack 6: with outputs 10, 11 and 12 and tolerance 1, grouping by pairwise agreement put
/// {10, 11} together and slashed the honest 12, although it is within tolerance of the result
/// (11). Outputs within tolerance of the agreed result are never slashed.
#[test]
fn a_non_transitive_tolerance_slashes_an_honest_operator() {
	new_ext().execute_with(|| {
		three_operators(1);
		let id = submit(&acc(4), model(1));
		let ops = operators_of(id);
		let outs = [output([10, 0, 0]), output([11, 0, 0]), output([12, 0, 0])];
		for (op, out) in ops.iter().zip(outs.iter()) {
			commit_as(op, op, id, out).unwrap();
		}
		next_block();
		for (op, out) in ops.iter().zip(outs.iter()) {
			reveal_as(op, op, id, out).unwrap();
		}
		let j = job(id);
		assert_eq!(j.phase, JobPhase::Verified);
		assert_eq!(outcomes(id), vec![O::Agreed; 3], "an output within tolerance was slashed");
		for op in ops.iter() {
			assert_eq!(Operators::bond_of(op), BOND);
		}
	});
}

/// Attack 8: squatters serve a model with operators that stay offline, filling its operator
/// list, so that a real operator cannot serve it (`TooManyOperatorsForModel`) and every submit
/// reads the whole list. Offline operators hold no place in a model's list.
#[test]
fn offline_squatters_lock_real_operators_out_of_a_model() {
	new_ext().execute_with(|| {
		register_model(&acc(30), model(1), 0, 1, 1);
		let max = <verinfer_runtime::configs::MaxOperatorsPerModel as frame_support::traits::Get<
			u32,
		>>::get();
		// Squatters: registered, serving model 1, never online. Accounts from 1_000 on.
		for i in 0..max {
			let who = squatter(i);
			endow(&who);
			dispatch(
				&who,
				RuntimeCall::Operators(pallet_operators::Call::register {
					bond: verinfer_runtime::configs::MinOperatorBond::get(),
					key: squatter_key(i),
					proof: squatter_proof(i, &who),
					metadata: vec![],
				}),
			)
			.expect("a squatter registers");
			dispatch(&who, RuntimeCall::Operators(pallet_operators::Call::serve { models: vec![model(1)] }))
				.expect("a squatter serves");
		}
		register_operator(101, BOND, &[model(1)]);
		assert!(Operators::is_eligible(&acc(101), &model(1)), "the real operator serves model 1");
		let id = submit(&acc(5), model(1));
		assert_eq!(operators_of(id), vec![acc(101)]);
	});
}

fn squatter(i: u32) -> verinfer_runtime::AccountId {
	let mut raw = [0xEEu8; 32];
	raw[..4].copy_from_slice(&i.to_le_bytes());
	verinfer_runtime::AccountId::new(raw)
}

fn squatter_pair(i: u32) -> sp_core::sr25519::Pair {
	let mut seed = [0xDDu8; 32];
	seed[..4].copy_from_slice(&i.to_le_bytes());
	<sp_core::sr25519::Pair as sp_core::Pair>::from_seed(&seed)
}

fn squatter_key(i: u32) -> verinfer_primitives::crypto::OperatorKey {
	<sp_core::sr25519::Pair as sp_core::Pair>::public(&squatter_pair(i)).into()
}

fn squatter_proof(
	i: u32,
	who: &verinfer_runtime::AccountId,
) -> verinfer_primitives::crypto::OperatorSignature {
	let statement = pallet_operators::key_ownership_statement(who);
	<sp_core::sr25519::Pair as sp_core::Pair>::sign(&squatter_pair(i), &statement).into()
}

fn endow(who: &verinfer_runtime::AccountId) {
	use frame_support::traits::fungible::Mutate;
	pallet_balances::Pallet::<Runtime>::mint_into(who, 10 * BOND).expect("minted");
}

#[allow(unused)]
fn treasury_balance() -> Balance {
	free(&treasury())
}

/// The operators drawn for a job that `acc(1)` submits after `fillers` jobs of `acc(10)`, in a
/// block whose own VRF output is made with `vrf_salt` (everything before that block is the same
/// whatever the salt: what a requester sees before its transaction is included).
fn draw_for(vrf_salt: u64, fillers: u32) -> Vec<verinfer_runtime::AccountId> {
	let mut drawn = Vec::new();
	new_ext().execute_with(|| {
		register_model(&acc(30), model(1), 0, 3, 2);
		for n in 101..=110 {
			register_operator(n, BOND, &[model(1)]);
		}
		next_block();
		for _ in 0..fillers {
			submit_in_block(&acc(10), model(1));
		}
		let id = submit_in_block(&acc(1), model(1));
		VRF_SALT.with(|s| s.set(vrf_salt));
		next_block();
		VRF_SALT.with(|s| s.set(0));
		drawn = operators_of(id);
	});
	drawn
}

/// Attack 2: the draw was seeded by the parent block's VRF output and the job id, both known
/// before the submission is included, so a requester could predict it and submit filler jobs
/// (or an author reorder them) until a job id drew its own operators. The draw now depends on
/// randomness that does not exist when the requester signs (the including block's own VRF
/// output), and not on the job id, so fillers change nothing.
#[test]
fn a_requester_predicts_and_steers_its_draw() {
	let draws: Vec<_> = (1..=6u64).map(|salt| draw_for(salt, 0)).collect();
	let distinct: std::collections::BTreeSet<_> = draws.iter().cloned().collect();
	assert!(
		distinct.len() > 1,
		"identical submissions in blocks with different VRF outputs drew the same operators"
	);
	for salt in 1..=4u64 {
		assert_eq!(
			draw_for(salt, 0),
			draw_for(salt, 3),
			"filler jobs changed the draw of the same submission in the same block"
		);
	}
}

/// What attack 2's fix relies on: the jobs pallet draws in its `on_finalize`, after BABE's
/// `on_finalize` has stored the including block's own VRF output (hooks run in the order the
/// runtime declares its pallets).
#[test]
fn the_draw_runs_after_babe_has_stored_the_blocks_vrf_output() {
	use frame_support::traits::PalletsInfoAccess;
	let names: Vec<&str> = verinfer_runtime::AllPalletsWithSystem::infos()
		.into_iter()
		.map(|info| info.name)
		.collect();
	let position = |name| names.iter().position(|n| *n == name).expect("declared");
	assert!(position("Babe") < position("Jobs"), "pallet order: {names:?}");
}
