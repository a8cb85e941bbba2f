//! `settle`.

use super::*;

/// Operators 2, 3, 4; requester 1; model owner 5.
const OWNER: AccountId = 5;

#[test]
fn settle_pays_agreeing_operators_owner_and_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = total_issuance();
		open_job(1, 1, fees(100, 50), 25, 3);
		let payout = <F as FeesInterface<_, _>>::settle(1, &[2, 3, 4], &OWNER).unwrap();

		assert_eq!(
			payout,
			Payout {
				operators_paid: 3,
				per_operator: 150,
				royalty: 50,
				to_treasury: 50,
				refunded: 0
			}
		);
		for operator in 2..=4 {
			assert_eq!(free(operator), INITIAL + 150);
		}
		assert_eq!(free(OWNER), INITIAL + 50);
		assert_eq!(free(TREASURY), ED + 50);
		assert_eq!(free(1), INITIAL - 550);
		assert_eq!(escrowed(1), 0);
		assert!(!Escrows::<Test>::contains_key(1));
		assert_eq!(last_event(), Event::Settled { job: 1, payout });
		assert_eq!(total_issuance(), issuance);
	});
}

#[test]
fn shares_of_operators_outside_the_group_are_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		open_job(1, 1, fees(100, 50), 25, 3);
		let payout = <F as FeesInterface<_, _>>::settle(1, &[3, 4], &OWNER).unwrap();
		assert_eq!(
			payout,
			Payout {
				operators_paid: 2,
				per_operator: 150,
				royalty: 50,
				to_treasury: 50,
				refunded: 150
			}
		);
		assert_eq!(free(2), INITIAL);
		assert_eq!(free(1), INITIAL - 400);
	});
}

#[test]
fn settle_keeps_the_quoted_prices() {
	ExtBuilder::default().build_and_execute(|| {
		open_job(1, 1, fees(100, 50), 25, 3);
		assert_ok!(Fees::set_byte_fee(RuntimeOrigin::root(), 1_000));
		assert_ok!(Fees::set_protocol_fee_rate(RuntimeOrigin::root(), Perbill::from_percent(90)));
		let payout = <F as FeesInterface<_, _>>::settle(1, &[2, 3, 4], &OWNER).unwrap();
		assert_eq!(payout.per_operator, 150);
		assert_eq!(payout.to_treasury, 50);
	});
}

#[test]
fn settle_rejects_without_changing_state() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			<F as FeesInterface<_, _>>::settle(1, &[2], &OWNER),
			Error::<Test>::UnknownEscrow
		);
		open_job(1, 1, fees(100, 50), 25, 2);
		assert_noop!(
			<F as FeesInterface<_, _>>::settle(1, &[2, 3, 4], &OWNER),
			Error::<Test>::TooManyPayees
		);
	});
}

#[test]
fn a_royalty_the_owner_cannot_receive_goes_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = total_issuance();
		// Royalty 5 is below the existential deposit of 10 and GHOST has nothing.
		open_job(1, 1, fees(100, 5), 0, 1);
		let payout = <F as FeesInterface<_, _>>::settle(1, &[2], &GHOST).unwrap();
		// protocol fee = 10% × 105 = 10; the treasury gets it and the royalty.
		assert_eq!(
			payout,
			Payout {
				operators_paid: 1,
				per_operator: 100,
				royalty: 0,
				to_treasury: 15,
				refunded: 0
			}
		);
		assert_eq!(free(GHOST), 0);
		assert_eq!(free(TREASURY), ED + 15);
		assert!(events().contains(&Event::PaymentRedirected {
			job: 1,
			intended: GHOST,
			amount: 5,
			to_treasury: true
		}));
		assert_eq!(total_issuance(), issuance);
	});
}

#[test]
fn what_the_treasury_cannot_receive_is_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		// Make the treasury unable to receive small amounts: drain it below the minimum.
		TreasuryAccount::<Test>::put(GHOST + 1);
		open_job(1, 1, fees(100, 0), 0, 1);
		// protocol fee = 10 (≥ ED): a new account can be created with it.
		let payout = <F as FeesInterface<_, _>>::settle(1, &[2], &OWNER).unwrap();
		assert_eq!(payout.to_treasury, 10);
		// A smaller fee cannot reach an empty account: it goes back to the requester.
		TreasuryAccount::<Test>::put(GHOST + 2);
		open_job(2, 1, fees(40, 0), 0, 1);
		let payout = <F as FeesInterface<_, _>>::settle(2, &[2], &OWNER).unwrap();
		assert_eq!(
			payout,
			Payout { operators_paid: 1, per_operator: 40, royalty: 0, to_treasury: 0, refunded: 4 }
		);
		assert_eq!(free(GHOST + 2), 0);
		assert!(events().contains(&Event::PaymentRedirected {
			job: 2,
			intended: GHOST + 2,
			amount: 4,
			to_treasury: false
		}));
	});
}

#[test]
fn requester_may_also_be_operator_and_owner() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = total_issuance();
		open_job(1, 1, fees(100, 50), 25, 2);
		// total = 2 × 150 + 50 + 35 = 385; requester 1 gets its own share and royalty back.
		let payout = <F as FeesInterface<_, _>>::settle(1, &[1, 2], &1).unwrap();
		assert_eq!(payout.operators_paid, 2);
		assert_eq!(free(1), INITIAL - 385 + 150 + 50);
		assert_eq!(free(2), INITIAL + 150);
		assert_eq!(free(TREASURY), ED + 35);
		assert_eq!(total_issuance(), issuance);
	});
}

#[test]
fn the_unit_implementation_settles_nothing() {
	assert_eq!(
		<() as FeesInterface<AccountId, Balance>>::settle(1, &[1, 2], &3),
		Ok(Payout { operators_paid: 2, ..Default::default() })
	);
}
