//! `OperatorsInterface::slash`.

use super::*;

fn slash(who: AccountId, percent: u32, beneficiary: Option<AccountId>) -> Balance {
	<Operators as OperatorsInterface<_, _>>::slash(
		&who,
		Perbill::from_percent(percent),
		SlashReason::WrongResult(7),
		beneficiary.as_ref().map(|b| (b, Balance::MAX)),
	)
	.amount
}

#[test]
fn slash_pays_compensation_and_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 1_000, &[1]);
		let issuance = total_issuance();

		assert_eq!(slash(1, 10, Some(5)), 100);

		assert_eq!(info(1).ledger.active, 900);
		assert_eq!(held(1), 900);
		assert_eq!(free(5), INITIAL + 20);
		assert_eq!(free(TREASURY), ED + 80);
		assert_eq!(total_issuance(), issuance);
		assert_eq!(
			last_event(),
			Event::Slashed {
				operator: 1,
				reason: SlashReason::WrongResult(7),
				amount: 100,
				beneficiary: Some(5),
				to_beneficiary: 20,
				to_treasury: 80,
				burned: 0,
			}
		);
		assert_eq!(info(1).status, OperatorStatus::Online);
	});
}

#[test]
fn slash_reaches_unbonding_chunks() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 200);
		assert_ok!(Operators::unbond(origin(1), 150));
		assert_eq!(slash(1, 50, None), 100);
		let ledger = info(1).ledger;
		assert_eq!(ledger.active, 0);
		assert_eq!(
			ledger.unlocking.to_vec(),
			vec![UnlockChunk { value: 100, unlock_at: 1 + UNBONDING }]
		);
		assert_eq!(held(1), 100);
		assert_eq!(free(TREASURY), ED + 100);
		// What is left of the chunk is withdrawn as usual.
		run_to_block(1 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_eq!(free(1), INITIAL - 100);
	});
}

#[test]
fn slash_below_the_minimum_forces_offline() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 110, &[1]);
		assert_eq!(slash(1, 10, None), 11);
		assert_eq!(info(1).status, OperatorStatus::Offline);
		assert_eq!(last_event(), Event::ForcedOffline { operator: 1, bond: 99 });
		assert!(!<Operators as OperatorsInterface<_, _>>::is_eligible(&1, &model(1)));
		assert_noop!(Operators::go_online(origin(1)), Error::<Test>::BondTooLow);
		assert_ok!(Operators::bond_extra(origin(1), 1));
		assert_ok!(Operators::go_online(origin(1)));
	});
}

#[test]
fn compensation_a_beneficiary_cannot_receive_goes_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 100);
		let issuance = total_issuance();
		// 20 slashed, 4 of it for account 50 which does not exist: below the existential deposit.
		assert_eq!(slash(1, 20, Some(50)), 20);
		assert_eq!(free(50), 0);
		assert_eq!(free(TREASURY), ED + 20);
		assert_eq!(total_issuance(), issuance);
		assert!(matches!(
			last_event(),
			Event::Slashed { to_beneficiary: 0, to_treasury: 20, burned: 0, .. }
		));
	});
}

#[test]
fn slash_nobody_can_receive_is_burned_explicitly() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 100);
		TreasuryAccount::set(777);
		let issuance = total_issuance();
		assert_eq!(slash(1, 5, None), 5);
		assert_eq!(free(777), 0);
		assert_eq!(held(1), 95);
		assert_eq!(total_issuance(), issuance - 5);
		assert!(matches!(last_event(), Event::Slashed { to_treasury: 0, burned: 5, .. }));
	});
}

#[test]
fn slash_to_the_operator_itself_goes_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 100);
		assert_eq!(slash(1, 50, Some(1)), 50);
		assert_eq!(free(TREASURY), ED + 50);
		assert_eq!(free(1), INITIAL - 100);
		assert!(matches!(last_event(), Event::Slashed { beneficiary: None, to_treasury: 50, .. }));
	});
}

#[test]
fn slashing_a_leaving_operator_to_nothing_removes_it() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 100);
		assert_ok!(Operators::deregister(origin(1)));
		assert_eq!(slash(1, 100, Some(2)), 100);
		assert!(!OperatorsStorage::<Test>::contains_key(1));
		assert_eq!(last_event(), Event::Removed { operator: 1 });
		assert_eq!(held(1), 0);
	});
}

#[test]
fn slash_of_nothing_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(slash(1, 50, Some(2)), 0);
		register(1, 100);
		assert_eq!(slash(1, 0, Some(2)), 0);
		assert!(!events().iter().any(|e| matches!(e, Event::Slashed { .. })));
	});
}

#[test]
fn compensation_is_capped_and_the_rest_goes_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 1_000, &[1]);
		let issuance = total_issuance();
		let (beneficiary_before, treasury_before) = (free(5), free(TREASURY));
		let slashed = <Operators as OperatorsInterface<_, _>>::slash(
			&1,
			Perbill::from_percent(10),
			SlashReason::MissedCommit(7),
			Some((&5, 20)),
		);
		// Half of 100 would be 50; the cap is 20.
		assert_eq!((slashed.amount, slashed.compensation), (100, 20));
		assert_eq!(free(5), beneficiary_before + 20);
		assert_eq!(free(TREASURY), treasury_before + 80);
		assert_eq!(total_issuance(), issuance);
	});
}
