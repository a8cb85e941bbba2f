//! `quote`.

use super::*;

fn q(model: &ModelFees<Balance>, input_len: u32, k: u32) -> Result<Quote<Balance>, DispatchError> {
	Fees::quote(model, input_len, k).map_err(Into::into)
}

#[test]
fn quote_follows_the_formula() {
	ExtBuilder::default().build_and_execute(|| {
		// per_operator = 100 + 2 × 25 = 150; subtotal = 3 × 150 + 50 = 500;
		// protocol fee = 10% × 500 = 50; total = 550.
		assert_eq!(
			q(&fees(100, 50), 25, 3),
			Ok(Quote { k: 3, per_operator: 150, royalty: 50, protocol_fee: 50, total: 550 })
		);
		// subtotal = 1 × (100 + 2 × 2) + 1 = 105; 10% = 10.5, rounded down to 10.
		assert_eq!(
			q(&fees(100, 1), 2, 1),
			Ok(Quote { k: 1, per_operator: 104, royalty: 1, protocol_fee: 10, total: 115 })
		);
		// A free model still pays the byte fee.
		assert_eq!(
			q(&fees(0, 0), 10, 2),
			Ok(Quote { k: 2, per_operator: 20, royalty: 0, protocol_fee: 4, total: 44 })
		);
	});
}

#[test]
fn quote_uses_the_current_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Fees::set_byte_fee(RuntimeOrigin::root(), 0));
		assert_ok!(Fees::set_protocol_fee_rate(RuntimeOrigin::root(), Perbill::zero()));
		assert_eq!(
			q(&fees(7, 3), 1_000, 2),
			Ok(Quote { k: 2, per_operator: 7, royalty: 3, protocol_fee: 0, total: 17 })
		);
	});
}

#[test]
fn quote_rejects_bad_replicas_and_overflow() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(q(&fees(1, 1), 1, 0), Err(Error::<Test>::ZeroReplicas.into()));
		assert_eq!(q(&fees(1, 1), 1, 9), Err(Error::<Test>::TooManyReplicas.into()));
		assert_eq!(q(&fees(u128::MAX / 2, 0), 0, 3), Err(Error::<Test>::QuoteOverflow.into()));
		assert_eq!(q(&fees(u128::MAX - 1, 0), 1, 1), Err(Error::<Test>::QuoteOverflow.into()));
		assert_eq!(
			q(&fees(u128::MAX / 2, u128::MAX / 2), 0, 1),
			Err(Error::<Test>::QuoteOverflow.into()),
			"the protocol fee overflows"
		);
	});
}

#[test]
fn the_unit_implementation_charges_operator_fees_and_royalty() {
	assert_eq!(
		<() as FeesInterface<AccountId, Balance>>::quote(&fees(10, 5), 100, 3),
		Ok(Quote { k: 3, per_operator: 10, royalty: 5, protocol_fee: 0, total: 35 })
	);
}
