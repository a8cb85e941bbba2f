//! A property test on the real runtime: random operators (bonds and behaviours), models
//! (tolerances and policies), jobs and answers, run block by block. After every block:
//!
//! - no token is created or lost (issuance constant, equal to the sum of all balances);
//! - the escrow held equals the quotes of the open jobs;
//! - no open job is overdue by more than the deadline queue's lag bound;
//! - the jobs pallet's invariants hold.
//!
//! At the end every job is final, concluded within its documented bound. A second test builds a
//! backlog of deadlines (more due in one block than are processed per block, more than one
//! bucket holds) and checks the same.

mod common;

use common::*;
use verinfer_primitives::jobs::JobPhase;
use proptest::prelude::*;
use std::collections::BTreeMap;
use verinfer_primitives::{tensor::Tensor, JobId};
use verinfer_runtime::{
	configs::{JobCommitWindow, JobRevealWindow},
	currency::UNITS,
	AccountId, Runtime,
};

/// How an operator answers.
#[derive(Clone, Copy, Debug)]
enum Behaviour {
	/// Commits and reveals the truth, within the model's tolerance.
	Honest,
	/// Commits and reveals a wrong answer.
	Wrong,
	/// Never commits.
	Silent,
	/// Commits the truth, reveals only sometimes.
	Flaky,
}

fn behaviour() -> impl Strategy<Value = Behaviour> {
	prop_oneof![
		6 => Just(Behaviour::Honest),
		1 => Just(Behaviour::Wrong),
		1 => Just(Behaviour::Silent),
		1 => Just(Behaviour::Flaky),
	]
}

/// A small deterministic generator for the per-block choices.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.next() % 100 < percent
	}
}

/// The true output of job `id`.
fn truth(id: JobId) -> [i64; 3] {
	let x = id as i64;
	[x * 37 % 1000, 5000 - x, -(x % 17)]
}

struct Sim {
	rng: Rng,
	behaviours: BTreeMap<AccountId, Behaviour>,
	tolerances: BTreeMap<sp_core::H256, u64>,
	/// What each operator committed to, to reveal it later.
	committed: BTreeMap<(JobId, AccountId), Tensor>,
	jobs: Vec<JobId>,
}

impl Sim {
	fn answer(&mut self, id: JobId, who: &AccountId) -> Tensor {
		let t = truth(id);
		let tolerance = self.tolerances[&job(id).model] as i64;
		let values = match self.behaviours[who] {
			Behaviour::Wrong => [t[0] + 1_000, t[1], t[2] - 1_000],
			// Honest answers differ from the truth by 0 or the tolerance in each element, so
			// any two of them agree.
			_ => t.map(|v| v + if self.rng.chance(50) { tolerance } else { 0 }),
		};
		output(values)
	}

	/// Every operator acts on every open job it owes a step, by its behaviour.
	fn act(&mut self) {
		let ids = self.jobs.clone();
		for id in ids {
			let j = job(id);
			for (slot, a) in j.assignments.iter().enumerate() {
				let who = a.operator.clone();
				let behaviour = self.behaviours[&who];
				let signer = if slot % 2 == 0 { who.clone() } else { key_account(number(&who)) };
				if j.phase.is_committing() && a.commitment.is_none() {
					if matches!(behaviour, Behaviour::Silent) || !self.rng.chance(40) {
						continue;
					}
					let out = self.answer(id, &who);
					commit_as(&signer, &who, id, &out).expect("a commit in the window succeeds");
					self.committed.insert((id, who), out);
				} else if j.phase == JobPhase::Revealing
					&& a.commitment.is_some()
					&& a.revealed_at.is_none()
				{
					let percent = if matches!(behaviour, Behaviour::Flaky) { 10 } else { 40 };
					if !self.rng.chance(percent) {
						continue;
					}
					let out = self.committed[&(id, who.clone())].clone();
					reveal_as(&signer, &who, id, &out).expect("a matching reveal succeeds");
				}
				// The job may have concluded with this reveal.
				if job(id).phase.is_final() {
					break;
				}
			}
		}
	}
}

fn run(
	seed: u64,
	operators: Vec<(u128, Behaviour)>,
	models: Vec<(u64, u32)>,
	submissions_per_block: u64,
) -> BTreeMap<&'static str, u32> {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		let mut sim = Sim {
			rng: Rng(seed | 1),
			behaviours: BTreeMap::new(),
			tolerances: BTreeMap::new(),
			committed: BTreeMap::new(),
			jobs: Vec::new(),
		};
		let model_ids: Vec<_> = (0..models.len()).map(|i| model(10 + i as u8)).collect();
		for (i, (tolerance, k)) in models.iter().enumerate() {
			let k = (*k).min(operators.len() as u32);
			register_model(&acc(30 + i as u8), model_ids[i], *tolerance, k, k / 2 + 1);
			sim.tolerances.insert(model_ids[i], *tolerance);
		}
		for (i, (bond, behaviour)) in operators.iter().enumerate() {
			let n = 101 + i as u8;
			register_operator(n, bond * UNITS, &model_ids);
			sim.behaviours.insert(acc(n), *behaviour);
		}
		for n in 1..=20 {
			register_agent(&acc(n), b"agent");
		}
		next_block();
		check_invariants(issuance);

		let submit_blocks = 30;
		let drain = JobCommitWindow::get() + JobRevealWindow::get() + 2;
		for block in 0..submit_blocks + drain {
			if block < submit_blocks {
				for _ in 0..submissions_per_block {
					let requester = acc(1 + (sim.rng.next() % 20) as u8);
					let model = model_ids[(sim.rng.next() % model_ids.len() as u64) as usize];
					let id = pallet_jobs::NextJobId::<Runtime>::get();
					match dispatch(
						&requester,
						verinfer_runtime::RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
							model,
							input: input(),
							max_fee: u128::MAX,
							policy: None,
							agent: Some(pallet_jobs::agent_tag(&requester, b"agent")),
						}),
					) {
						Ok(_) => sim.jobs.push(id),
						// Slashed operators may fall below the minimum bond and go offline.
						Err(e) => assert_eq!(
							e.error,
							pallet_jobs::Error::<Runtime>::NotEnoughOperators.into()
						),
					}
				}
			}
			sim.act();
			check_invariants(issuance);
			next_block();
			check_invariants(issuance);
		}
		let mut phases = BTreeMap::new();
		for id in sim.jobs.iter() {
			let j = job(*id);
			assert_final_within_bound(*id);
			let phase = match j.phase {
				JobPhase::Verified => "verified",
				JobPhase::Failed => "failed",
				JobPhase::Unassigned => "unassigned",
				_ => "expired",
			};
			*phases.entry(phase).or_default() += 1;
			if j.assignments.iter().any(|a| a.slashed > 0) {
				*phases.entry("with slashes").or_default() += 1;
			}
		}
		phases
	})
}

/// Job `id` is final, concluded no later than the jobs pallet documents: its commit and reveal
/// windows plus, for each of its two deadlines, the deadline queue's lag bound.
fn assert_final_within_bound(id: JobId) {
	let j = job(id);
	assert!(j.phase.is_final(), "job {id} is not final: {:?}", j.phase);
	let lag = pallet_jobs::Pallet::<Runtime>::deadline_lag_bound();
	let bound = j.commit_deadline + JobRevealWindow::get() + 2 * lag;
	assert!(j.concluded_at.unwrap() <= bound, "job {id} concluded after {bound}");
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

	#[test]
	fn tokens_escrow_and_deadlines_hold_after_every_block(
		seed in any::<u64>(),
		operators in prop::collection::vec((1_000u128..4_000, behaviour()), 3..8),
		models in prop::collection::vec((0u64..4, 1u32..6), 1..4),
		submissions_per_block in 0u64..3,
	) {
		run(seed, operators, models, submissions_per_block);
	}
}

/// A backlog of deadlines: in two blocks, far more jobs than one block processes and one
/// bucket holds; their silent operators let them all reach their commit deadlines together.
/// Every job is still final within its bound, and the invariants hold throughout.
#[test]
fn a_deadline_backlog_is_worked_off_within_the_bound() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		register_model(&acc(30), model(9), 0, 1, 1);
		for n in 101..=110 {
			register_operator(n, 4_000 * UNITS, &[model(9)]);
		}
		next_block();
		let per_block = verinfer_runtime::configs::MaxDeadlinesPerBlock::get() + 40;
		let mut jobs = Vec::new();
		for _ in 0..2 {
			for i in 0..per_block {
				jobs.push(submit_in_block(&acc(1 + (i % 20) as u8), model(9)));
			}
			next_block();
			check_invariants(issuance);
		}
		let processed = verinfer_runtime::configs::MaxDeadlinesProcessed::get();
		assert!(jobs.len() as u32 > 4 * processed, "a backlog to work off");
		let deadline = job(jobs[0]).commit_deadline;
		run_to_block(deadline - 1);
		let first_bucket = pallet_jobs::DeadlineQueue::<Runtime>::get(deadline).len() as u32;
		assert_eq!(first_bucket, verinfer_runtime::configs::MaxDeadlinesPerBlock::get(), "a full bucket");
		while jobs.iter().any(|id| !job(*id).phase.is_final()) {
			next_block();
			check_invariants(issuance);
			assert!(now() < deadline + 2 * pallet_jobs::Pallet::<Runtime>::deadline_lag_bound());
		}
		for id in jobs {
			assert_final_within_bound(id);
			assert_eq!(job(id).phase, JobPhase::Expired);
		}
	});
}

/// A fixed, busy case that reaches every final state.
#[test]
fn a_busy_network() {
	let phases = run(
		7,
		vec![
			(3_000, Behaviour::Honest),
			(2_000, Behaviour::Honest),
			(1_500, Behaviour::Wrong),
			(2_500, Behaviour::Honest),
			(1_200, Behaviour::Silent),
			(3_500, Behaviour::Flaky),
			(2_200, Behaviour::Honest),
		],
		vec![(0, 3), (2, 5), (1, 1)],
		3,
	);
	println!("{phases:?}");
	for phase in ["verified", "failed", "expired", "with slashes"] {
		assert!(phases.get(phase).is_some_and(|n| *n > 0), "no {phase} job: {phases:?}");
	}
}
