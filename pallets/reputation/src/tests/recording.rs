//! Recording evidence: scores, counters and the average fee.

use super::*;
use verinfer_primitives::OperatorStats;

#[test]
fn unknown_operators_are_average() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(score(1), Permill::from_percent(50));
		assert!(!is_excluded(1));
		assert_eq!(Reputation::stats_of(&1), None);
	});
}

#[test]
fn events_move_the_score_with_fee_weights() {
	ExtBuilder::default().build_and_execute(|| {
		// No average yet: w = 1/2, r = 0.5, score 1.5 / 2.5.
		record(1, agreed(100, 4));
		assert_eq!(score(1), Permill::from_parts(600_000));
		assert_eq!(AverageFee::<Test>::get(), 100);
		assert_eq!(
			last_event(),
			Event::Recorded {
				operator: 1,
				event: agreed(100, 4),
				score: Permill::from_parts(600_000)
			}
		);

		// w = 300 / 400 = 0.75, r = 0.45 + 0.75 = 1.2: 2.2 / 3.2 = 0.6875.
		// Average: 100 + 10% × 200 = 120.
		run_to_block(3);
		record(1, agreed(300, 6));
		assert_eq!(score(1), Permill::from_parts(687_500));
		assert_eq!(AverageFee::<Test>::get(), 120);

		// w = 120 / 240 = 0.5, r = 1.08, s = 0.5: 2.08 / 3.58 = 0.581005…
		run_to_block(5);
		record(1, missed(120, 7));
		assert_eq!(score(1), Permill::from_parts(581_005));
		assert_eq!(AverageFee::<Test>::get(), 120);
	});
}

#[test]
fn counters_never_decay() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(2);
		record(1, agreed(100, 4));
		record(1, agreed(300, 6));
		run_to_block(9);
		record(1, disagreed(50, 20));
		record(1, missed(120, 7));
		run_to_block(10_000);

		let stats = Reputation::stats_of(&1).unwrap();
		assert_eq!(
			stats,
			OperatorStats {
				assigned: 4,
				agreed: 2,
				disagreed: 1,
				missed: 1,
				earned: 400,
				slashed: 27,
				latency_sum: 10,
				first_active: 2,
				last_active: 9,
			}
		);
		assert_eq!(stats.mean_latency(), 5);
		assert_eq!(Reputations::<Test>::get(1).unwrap().window_events, 4);
	});
}

#[test]
fn operators_are_independent_but_share_the_average_fee() {
	ExtBuilder::default().build_and_execute(|| {
		record(1, agreed(100, 1));
		// Operator 2's first event is weighted against operator 1's fee: w = 100 / 200.
		record(2, disagreed(100, 0));
		// s = 3 × 0.5 = 1.5: 1 / 3.5
		assert_eq!(score(2), Permill::from_parts(285_714));
		assert_eq!(score(1), Permill::from_parts(600_000));
	});
}

#[test]
fn evidence_fades_while_idle() {
	ExtBuilder::default().build_and_execute(|| {
		record(1, agreed(100, 1));
		record(1, agreed(100, 1));
		// r = 0.45 + 0.5 = 0.95
		assert_eq!(score(1), Permill::from_parts(661_016));
		// 99 blocks: not a full idle period.
		run_to_block(100);
		assert_eq!(score(1), Permill::from_parts(661_016));
		// Two full periods: r = 0.95 / 4 = 0.2375: 1.2375 / 2.2375 = 0.553072…
		run_to_block(1 + 2 * IDLE_PERIOD);
		assert_eq!(score(1), Permill::from_parts(553_072));
		// Reading did not write.
		assert_eq!(Reputations::<Test>::get(1).unwrap().decayed_at, 1);
		// Writing keeps the remainder of the current period.
		run_to_block(1 + 2 * IDLE_PERIOD + 30);
		record(1, agreed(100, 1));
		assert_eq!(Reputations::<Test>::get(1).unwrap().decayed_at, 1 + 2 * IDLE_PERIOD);
	});
}

#[test]
fn the_unit_implementation_is_neutral() {
	<() as ReputationInterface<AccountId, Balance>>::record(&1, missed(1, 1));
	assert_eq!(
		<() as ReputationInterface<AccountId, Balance>>::score(&1),
		Permill::from_percent(50)
	);
	assert!(!<() as ReputationInterface<AccountId, Balance>>::is_excluded(&1));
}
