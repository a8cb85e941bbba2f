//! The score floor, recovery by waiting, and reinstatement by root.

use super::*;

/// Three wrong answers at the average fee: s = 1.5, 2.85, 4.065; score 1 / 6.065.
fn three_wrong_answers(who: AccountId) {
	record(1_000, agreed(100, 1)); // sets the average fee to 100
	for _ in 0..3 {
		record(who, disagreed(100, 5));
	}
}

#[test]
fn exclusion_needs_enough_events() {
	ExtBuilder::default().build_and_execute(|| {
		record(1_000, agreed(100, 1));
		record(1, disagreed(100, 5));
		record(1, disagreed(100, 5));
		// 1 / 4.85: far below the floor, but only two events.
		assert_eq!(score(1), Permill::from_parts(206_185));
		assert!(!is_excluded(1));
		assert!(!events().iter().any(|e| matches!(e, Event::Excluded { .. })));

		record(1, disagreed(100, 5));
		assert_eq!(score(1), Permill::from_parts(164_880));
		assert!(is_excluded(1));
		assert_eq!(
			last_event(),
			Event::Excluded { operator: 1, score: Permill::from_parts(164_880) }
		);
		// Further bad events do not announce it again.
		record(1, missed(100, 0));
		assert!(!matches!(last_event(), Event::Excluded { .. }));
	});
}

#[test]
fn good_operators_are_never_excluded() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..10 {
			record(1, agreed(100, 1));
		}
		assert!(!is_excluded(1));
	});
}

#[test]
fn recovery_by_waiting() {
	ExtBuilder::default().build_and_execute(|| {
		three_wrong_answers(1);
		assert!(is_excluded(1));
		// One idle period: s = 2.0325, score 1 / 4.0325 = 0.247…: still excluded.
		run_to_block(1 + IDLE_PERIOD);
		assert!(is_excluded(1));
		// Two: s = 1.01625, score 1 / 3.01625 = 0.331…: back in.
		run_to_block(1 + 2 * IDLE_PERIOD);
		assert_eq!(score(1), Permill::from_parts(331_537));
		assert!(!is_excluded(1));
	});
}

#[test]
fn root_reinstates_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		three_wrong_answers(1);
		assert_ok!(Reputation::reinstate(RuntimeOrigin::root(), 1));
		assert_eq!(last_event(), Event::Reinstated { operator: 1 });
		assert!(!is_excluded(1));
		assert_eq!(score(1), Permill::from_percent(50));
		let record = Reputations::<Test>::get(1).unwrap();
		assert_eq!(record.window_events, 0);
		assert_eq!(record.stats.disagreed, 3, "counters are kept");
		// A fresh window: one more wrong answer does not exclude again.
		record_one_wrong(1);
		assert!(!is_excluded(1));
	});
}

fn record_one_wrong(who: AccountId) {
	record(who, disagreed(100, 5));
}

#[test]
fn reinstate_rejects_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Reputation::reinstate(RuntimeOrigin::root(), 1),
			Error::<Test>::UnknownOperator
		);
		record(1, agreed(100, 1));
		assert_noop!(Reputation::reinstate(RuntimeOrigin::root(), 1), Error::<Test>::NotExcluded);
		three_wrong_answers(2);
		assert_noop!(Reputation::reinstate(RuntimeOrigin::signed(2), 2), DispatchError::BadOrigin);
		// Recovered by waiting: nothing left to reinstate.
		run_to_block(1 + 2 * IDLE_PERIOD);
		assert_noop!(Reputation::reinstate(RuntimeOrigin::root(), 2), Error::<Test>::NotExcluded);
	});
}
