//! `bond_extra`, `unbond`, `withdraw_unbonded` and the ledger.

use super::*;

#[test]
fn bond_extra_adds_to_the_active_bond() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_ok!(Operators::bond_extra(origin(1), 50));
		assert_eq!(info(1).ledger.active, MIN_BOND + 50);
		assert_eq!(held(1), MIN_BOND + 50);
		assert_eq!(last_event(), Event::Bonded { operator: 1, amount: 50 });
	});
}

#[test]
fn bond_extra_rejects_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_noop!(Operators::bond_extra(origin(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Operators::bond_extra(origin(1), INITIAL - MIN_BOND),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn unbond_creates_chunks_that_release_after_the_period() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 500);
		assert_ok!(Operators::unbond(origin(1), 100));
		assert_eq!(
			last_event(),
			Event::Unbonded { operator: 1, amount: 100, unlock_at: 1 + UNBONDING }
		);
		// Same block: merged into the same chunk.
		assert_ok!(Operators::unbond(origin(1), 50));
		run_to_block(4);
		assert_ok!(Operators::unbond(origin(1), 25));

		let ledger = info(1).ledger;
		assert_eq!(ledger.active, 325);
		assert_eq!(
			ledger.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 150, unlock_at: 1 + UNBONDING },
				UnlockChunk { value: 25, unlock_at: 4 + UNBONDING },
			]
		);
		// Unbonding funds stay held.
		assert_eq!(held(1), 500);

		run_to_block(UNBONDING);
		assert_noop!(Operators::withdraw_unbonded(origin(1)), Error::<Test>::NothingToWithdraw);
		run_to_block(1 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_eq!(last_event(), Event::Withdrawn { operator: 1, amount: 150 });
		assert_eq!(held(1), 350);
		assert_eq!(free(1), INITIAL - 350);
		assert_eq!(info(1).ledger.unlocking.len(), 1);

		run_to_block(100);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_eq!(held(1), 325);
		assert!(info(1).ledger.unlocking.is_empty());
		assert_noop!(Operators::withdraw_unbonded(origin(1)), Error::<Test>::NothingToWithdraw);
	});
}

#[test]
fn unbond_rejects_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 200);
		assert_noop!(Operators::unbond(origin(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(Operators::unbond(origin(1), 201), Error::<Test>::UnbondingMoreThanBonded);
		for block in 1..=3 {
			run_to_block(block);
			assert_ok!(Operators::unbond(origin(1), 10));
		}
		run_to_block(4);
		assert_noop!(Operators::unbond(origin(1), 10), Error::<Test>::TooManyUnbondingChunks);
		// Withdrawing frees a chunk slot.
		run_to_block(1 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_ok!(Operators::unbond(origin(1), 10));
	});
}

#[test]
fn online_operators_cannot_unbond_below_the_minimum() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 150, &[1]);
		assert_noop!(Operators::unbond(origin(1), 51), Error::<Test>::WouldFallBelowMinimum);
		assert_ok!(Operators::unbond(origin(1), 50));
		assert_ok!(Operators::go_offline(origin(1)));
		// Offline, everything may go.
		assert_ok!(Operators::unbond(origin(1), 100));
		assert_eq!(info(1).ledger.active, 0);
		assert_noop!(Operators::go_online(origin(1)), Error::<Test>::BondTooLow);
	});
}

#[test]
fn ledger_slash_takes_active_first_then_latest_chunks() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 400);
		assert_ok!(Operators::unbond(origin(1), 100));
		run_to_block(2);
		assert_ok!(Operators::unbond(origin(1), 100));
		let mut ledger = info(1).ledger;
		assert_eq!(ledger.total(), 400);

		assert_eq!(ledger.slash(150), 150);
		assert_eq!(ledger.active, 50);
		assert_eq!(ledger.unlocking[1].value, 100);

		assert_eq!(ledger.slash(120), 120);
		assert_eq!(ledger.active, 0);
		assert_eq!(
			ledger.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 100, unlock_at: 1 + UNBONDING },
				UnlockChunk { value: 30, unlock_at: 2 + UNBONDING },
			]
		);

		assert_eq!(ledger.slash(30), 30);
		assert_eq!(ledger.unlocking.len(), 1, "emptied chunks are dropped");
		// More than is left: takes what there is.
		assert_eq!(ledger.slash(1_000), 100);
		assert!(ledger.is_empty());
	});
}

#[test]
fn ledger_take_unlocked_keeps_later_chunks() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 400);
		for block in 1..=3 {
			run_to_block(block);
			assert_ok!(Operators::unbond(origin(1), 10 * block as u128));
		}
		let mut ledger = info(1).ledger;
		assert_eq!(ledger.take_unlocked(UNBONDING), 0);
		assert_eq!(ledger.take_unlocked(2 + UNBONDING), 30);
		assert_eq!(
			ledger.unlocking.to_vec(),
			vec![UnlockChunk { value: 30, unlock_at: 3 + UNBONDING }]
		);
		assert_eq!(ledger.total(), 400 - 30);
	});
}
