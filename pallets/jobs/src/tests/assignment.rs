//! Drawing operators: eligibility, exclusion, weights and determinism.

use crate::mock::Jobs;
use crate::{mock::*, *};
use verinfer_primitives::testing::TestOperators;
use verinfer_primitives::testing::TestReputation;
use sp_core::H256;
use sp_runtime::Permill;

fn operators_of(id: JobId) -> Vec<AccountId> {
	Jobs::job(id).unwrap().assignments.iter().map(|a| a.operator).collect()
}

/// Submit and immediately forget `n` jobs of model 1 (k = 1) with changing randomness; count
/// who was drawn first.
fn first_draw_counts(n: u64) -> std::collections::BTreeMap<AccountId, u64> {
	let mut counts = std::collections::BTreeMap::new();
	for i in 0..n {
		Random::set(Some(H256::from_low_u64_be(i)));
		let (drawn, _) = Jobs::draw(&model(1), i, 1).unwrap();
		*counts.entry(drawn[0]).or_default() += 1;
	}
	counts
}

#[test]
fn draws_distinct_eligible_operators() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 5, 3);
		add_operators(8, &[model(1)]);
		TestOperators::add(300u64, 1_000, &[model(2)]);
		TestOperators::set_online(104u64, false);
		for i in 0..20 {
			Random::set(Some(H256::from_low_u64_be(i)));
			let id = submit(ALICE, 1);
			let ops = operators_of(id);
			let mut sorted = ops.clone();
			sorted.sort();
			sorted.dedup();
			assert_eq!(sorted.len(), 5, "distinct");
			assert!(!ops.contains(&104), "offline operators are not eligible");
			assert!(!ops.contains(&300), "operators of other models are not eligible");
			run_to_block(System::block_number() + COMMIT_WINDOW + 1);
		}
	});
}

#[test]
fn excluded_and_zero_score_operators_are_never_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(5, &[model(1)]);
		TestReputation::exclude(101u64);
		TestReputation::set_score(102u64, Permill::zero());
		for i in 0..50 {
			Random::set(Some(H256::from_low_u64_be(i)));
			let (drawn, considered) = Jobs::draw(&model(1), i, 3).unwrap();
			assert_eq!(considered, 5);
			assert!(!drawn.contains(&101) && !drawn.contains(&102));
		}
		// Only three are left: a fourth cannot be drawn.
		assert_eq!(
			Jobs::draw(&model(1), 0, 4).unwrap_err(),
			Error::<Test>::NotEnoughOperators.into()
		);
	});
}

#[test]
fn first_draws_follow_bond_times_score() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		// weights: 101: 1000 × 0.5, 102: 2000 × 0.5, 103: 1000 × 1.0, 104: 4000 × 0.25
		TestOperators::add(101u64, 1_000, &[model(1)]);
		TestOperators::add(102u64, 2_000, &[model(1)]);
		TestOperators::add(103u64, 1_000, &[model(1)]);
		TestOperators::add(104u64, 4_000, &[model(1)]);
		TestReputation::set_score(103u64, Permill::one());
		TestReputation::set_score(104u64, Permill::from_percent(25));
		let n = 8_000u64;
		let counts = first_draw_counts(n);
		let weights = [(101u64, 1.0), (102, 2.0), (103, 2.0), (104, 2.0)];
		let total: f64 = weights.iter().map(|(_, w)| w).sum();
		let chi2: f64 = weights
			.iter()
			.map(|(who, w)| {
				let expected = n as f64 * w / total;
				let observed = *counts.get(who).unwrap_or(&0) as f64;
				(observed - expected).powi(2) / expected
			})
			.sum();
		// 3 degrees of freedom: P(χ² > 16.27) = 0.001.
		assert!(chi2 < 16.27, "chi-square {chi2}, counts {counts:?}");
	});
}

#[test]
fn the_draw_depends_on_randomness_and_job_id_only() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(10, &[model(1)]);
		let a = Jobs::draw(&model(1), 5, 3).unwrap();
		assert_eq!(Jobs::draw(&model(1), 5, 3).unwrap(), a, "same inputs, same draw");
		let by_job = (0..20).filter(|j| Jobs::draw(&model(1), *j, 3).unwrap() != a).count();
		assert!(by_job > 10, "the job id matters");
		Random::set(Some(H256::repeat_byte(1)));
		let b = Jobs::draw(&model(1), 5, 3).unwrap();
		Random::set(Some(H256::repeat_byte(2)));
		let c = Jobs::draw(&model(1), 5, 3).unwrap();
		assert!(a != b || b != c, "the randomness matters");
	});
}

#[test]
fn without_randomness_the_parent_hash_seeds_the_draw() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(10, &[model(1)]);
		Random::set(None);
		System::set_parent_hash(H256::repeat_byte(1));
		let a = Jobs::assignment_seed(0);
		System::set_parent_hash(H256::repeat_byte(2));
		assert_ne!(Jobs::assignment_seed(0), a);
		let id = submit(ALICE, 1);
		assert_eq!(Jobs::job(id).unwrap().assignments.len(), 3);
	});
}
