//! Protocol parameters, the treasury and genesis.

use super::*;
use frame_support::traits::Get;

#[test]
fn genesis_sets_parameters_and_endows_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ByteFee::<Test>::get(), BYTE_FEE);
		assert_eq!(ProtocolFeeRate::<Test>::get(), Perbill::from_percent(RATE_PERCENT));
		assert_eq!(Fees::treasury(), TREASURY);
		assert_eq!(<crate::TreasuryOf<Test> as Get<AccountId>>::get(), TREASURY);
		assert_eq!(free(TREASURY), ED);
	});
}

#[test]
fn the_default_treasury_is_the_pallet_account() {
	ExtBuilder::default().default_treasury().build_and_execute(|| {
		use sp_runtime::traits::AccountIdConversion;
		let account: AccountId = FeesPalletId::get().into_account_truncating();
		assert_eq!(Fees::treasury(), account);
		assert_eq!(free(account), ED);
	});
}

#[test]
fn root_changes_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Fees::set_byte_fee(RuntimeOrigin::root(), 7));
		assert_eq!(ByteFee::<Test>::get(), 7);
		assert_eq!(last_event(), Event::ByteFeeSet { fee: 7 });

		assert_ok!(Fees::set_protocol_fee_rate(RuntimeOrigin::root(), Perbill::from_percent(3)));
		assert_eq!(ProtocolFeeRate::<Test>::get(), Perbill::from_percent(3));
		assert_eq!(last_event(), Event::ProtocolFeeRateSet { rate: Perbill::from_percent(3) });

		assert_ok!(Fees::set_treasury(RuntimeOrigin::root(), 4));
		assert_eq!(Fees::treasury(), 4);
		assert_eq!(last_event(), Event::TreasurySet { account: 4 });
	});
}

#[test]
fn only_root_changes_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		let signed = RuntimeOrigin::signed(1);
		assert_noop!(Fees::set_byte_fee(signed.clone(), 7), DispatchError::BadOrigin);
		assert_noop!(
			Fees::set_protocol_fee_rate(signed.clone(), Perbill::one()),
			DispatchError::BadOrigin
		);
		assert_noop!(Fees::set_treasury(signed, 1), DispatchError::BadOrigin);
	});
}

#[test]
fn a_treasury_must_exist() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Fees::set_treasury(RuntimeOrigin::root(), GHOST),
			Error::<Test>::TreasuryBelowMinimum
		);
	});
}
