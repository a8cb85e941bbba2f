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

/// The draw of `k` operators for model 1 seeded as the `seq`-th job of `requester`, among all
/// candidates.
fn draw(requester: AccountId, seq: u32, k: u32) -> Option<Vec<AccountId>> {
	Jobs::draw(&model(1), u32::MAX, k, &Jobs::assignment_seed(&requester, seq))
}

/// Draw one operator of model 1 `n` times with changing randomness; count who was drawn.
fn first_draw_counts(n: u64) -> std::collections::BTreeMap<AccountId, u64> {
	let mut counts = std::collections::BTreeMap::new();
	for i in 0..n {
		Random::set(Some(H256::from_low_u64_be(i)));
		let drawn = draw(ALICE, i as u32, 1).unwrap();
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
		assert_eq!(
			<TestOperators as verinfer_primitives::traits::OperatorsInterface<u64, u128>>::candidate_count(&model(1)),
			5
		);
		for i in 0..50 {
			Random::set(Some(H256::from_low_u64_be(i)));
			let drawn = draw(ALICE, i as u32, 3).unwrap();
			assert!(!drawn.contains(&101) && !drawn.contains(&102));
		}
		// Only three are left: a fourth cannot be drawn.
		assert_eq!(draw(ALICE, 0, 4), None);
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
fn the_draw_depends_on_randomness_requester_and_its_sequence_only() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(10, &[model(1)]);
		let a = draw(ALICE, 5, 3).unwrap();
		assert_eq!(draw(ALICE, 5, 3).unwrap(), a, "same inputs, same draw");
		let by_seq = (0..20).filter(|s| draw(ALICE, *s, 3).unwrap() != a).count();
		assert!(by_seq > 10, "the requester's sequence number matters");
		let by_requester = (0..20).filter(|s| draw(BOB, *s, 3).unwrap() != draw(ALICE, *s, 3).unwrap());
		assert!(by_requester.count() > 10, "the requester matters");
		Random::set(Some(H256::repeat_byte(1)));
		let b = draw(ALICE, 5, 3).unwrap();
		Random::set(Some(H256::repeat_byte(2)));
		let c = draw(ALICE, 5, 3).unwrap();
		assert!(a != b || b != c, "the randomness matters");
	});
}

#[test]
fn other_jobs_in_the_block_do_not_change_a_draw() {
	let drawn_after = |fillers: u32| {
		let mut drawn = Vec::new();
		ExtBuilder::default().build_and_execute(|| {
			register(1, 3, 2);
			add_operators(10, &[model(1)]);
			for _ in 0..fillers {
				crate::testing::submit::<Test>(BOB, 1);
			}
			let id = crate::testing::submit::<Test>(ALICE, 1);
			<Jobs as frame_support::traits::Hooks<u64>>::on_finalize(1);
			drawn = operators_of(id);
		});
		drawn
	};
	assert_eq!(drawn_after(0), drawn_after(3));
}

#[test]
fn without_randomness_the_parent_hash_seeds_the_draw() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		add_operators(10, &[model(1)]);
		Random::set(None);
		System::set_parent_hash(H256::repeat_byte(1));
		let a = Jobs::assignment_seed(&ALICE, 0);
		System::set_parent_hash(H256::repeat_byte(2));
		assert_ne!(Jobs::assignment_seed(&ALICE, 0), a);
		let id = submit(ALICE, 1);
		assert_eq!(Jobs::job(id).unwrap().assignments.len(), 3);
	});
}
