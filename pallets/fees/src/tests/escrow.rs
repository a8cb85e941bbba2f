//! `hold_escrow` and `refund`.

use super::*;

#[test]
fn escrow_holds_the_quote() {
	ExtBuilder::default().build_and_execute(|| {
		let quote = open_job(1, 1, fees(100, 50), 25, 3);
		assert_eq!(quote.total, 550);
		assert_eq!(escrowed(1), 550);
		assert_eq!(free(1), INITIAL - 550);
		assert_eq!(<F as FeesInterface<_, _>>::escrow_of(1), Some(quote));
		assert_eq!(Escrows::<Test>::get(1).unwrap().payer, 1);
		assert_eq!(last_event(), Event::EscrowHeld { job: 1, payer: 1, amount: 550 });

		// A second job of the same requester adds to the same hold.
		open_job(2, 1, fees(10, 0), 0, 1);
		assert_eq!(escrowed(1), 561);
	});
}

#[test]
fn escrow_rejects_without_changing_state() {
	ExtBuilder::default().build_and_execute(|| {
		let quote = Fees::quote(&fees(100, 50), 25, 3).unwrap();
		assert_ok!(<F as FeesInterface<_, _>>::hold_escrow(1, &1, &quote));
		assert_noop!(
			<F as FeesInterface<_, _>>::hold_escrow(1, &2, &quote),
			Error::<Test>::EscrowExists
		);
		// The requester must keep the existential deposit.
		let dear = Fees::quote(&fees(INITIAL, 0), 0, 1).unwrap();
		assert_noop!(
			<F as FeesInterface<_, _>>::hold_escrow(2, &2, &dear),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			<F as FeesInterface<_, _>>::hold_escrow(3, &GHOST, &quote),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn zero_quotes_hold_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Fees::set_byte_fee(RuntimeOrigin::root(), 0));
		let quote = open_job(1, 1, fees(0, 0), 10, 2);
		assert_eq!(quote.total, 0);
		assert_eq!(escrowed(1), 0);
		assert_eq!(<F as FeesInterface<_, _>>::refund(1), Ok(0));
	});
}

#[test]
fn refund_returns_everything() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = total_issuance();
		open_job(1, 1, fees(100, 50), 25, 3);
		assert_eq!(<F as FeesInterface<_, _>>::refund(1), Ok(550));
		assert_eq!(free(1), INITIAL);
		assert_eq!(escrowed(1), 0);
		assert!(!Escrows::<Test>::contains_key(1));
		assert_eq!(last_event(), Event::Refunded { job: 1, payer: 1, amount: 550 });
		assert_eq!(total_issuance(), issuance);
		assert_noop!(<F as FeesInterface<_, _>>::refund(1), Error::<Test>::UnknownEscrow);
	});
}
