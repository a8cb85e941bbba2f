//! `register` and `deregister`.

use super::*;

#[test]
fn register_holds_the_bond_and_binds_the_key() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Operators::register(
			origin(1),
			150,
			key(1),
			proof_for(1, &key(1)),
			b"gpu-box".to_vec()
		));

		let info = info(1);
		assert_eq!(info.ledger.active, 150);
		assert!(info.ledger.unlocking.is_empty());
		assert_eq!(info.status, OperatorStatus::Offline);
		assert_eq!(info.key, key(1));
		assert_eq!(info.metadata.to_vec(), b"gpu-box".to_vec());
		assert_eq!(info.registered_at, 1);
		assert_eq!(held(1), 150);
		assert_eq!(free(1), INITIAL - 150);
		assert_eq!(OperatorByKey::<Test>::get(key(1)), Some(1));
		assert_eq!(last_event(), Event::Registered { operator: 1, key: key(1), bond: 150 });
	});
}

#[test]
fn register_rejects_bad_input_without_changing_state() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Operators::register(origin(1), MIN_BOND - 1, key(1), proof_for(1, &key(1)), vec![]),
			Error::<Test>::BondTooLow
		);
		assert_noop!(
			Operators::register(origin(1), MIN_BOND, key(1), proof_for(1, &key(1)), vec![0; 17]),
			Error::<Test>::MetadataTooLong
		);
		// Needs to keep the existential deposit free.
		assert_noop!(
			Operators::register(origin(1), INITIAL, key(1), proof_for(1, &key(1)), vec![]),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Operators::register(
				RuntimeOrigin::root(),
				MIN_BOND,
				key(1),
				proof_for(1, &key(1)),
				vec![]
			),
			DispatchError::BadOrigin
		);
		register(1, MIN_BOND);
		assert_noop!(
			Operators::register(origin(1), MIN_BOND, key(9), proof_for(1, &key(9)), vec![]),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			Operators::register(origin(2), MIN_BOND, key(1), proof_for(2, &key(1)), vec![]),
			Error::<Test>::KeyInUse
		);
	});
}

#[test]
fn register_with_all_but_the_existential_deposit() {
	ExtBuilder::default().balance(1, 500).build_and_execute(|| {
		assert_noop!(
			Operators::register(origin(1), 500 - ED + 1, key(1), proof_for(1, &key(1)), vec![]),
			Error::<Test>::InsufficientBalance
		);
		register(1, 500 - ED);
		assert_eq!(free(1), ED);
		assert_eq!(held(1), 500 - ED);
	});
}

#[test]
fn deregister_unbonds_everything_and_removes_after_withdrawal() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 300, &[1, 2]);
		assert_ok!(Operators::unbond(origin(1), 100));
		run_to_block(3);
		assert_ok!(Operators::deregister(origin(1)));

		let info = info(1);
		assert_eq!(info.status, OperatorStatus::Leaving);
		assert!(info.models.is_empty());
		assert_eq!(info.ledger.active, 0);
		assert_eq!(
			info.ledger.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 100, unlock_at: 1 + UNBONDING },
				UnlockChunk { value: 200, unlock_at: 3 + UNBONDING },
			]
		);
		assert!(ModelOperators::<Test>::get(model(1)).is_empty());
		assert!(!ModelOperators::<Test>::contains_key(model(2)));
		assert_eq!(last_event(), Event::Deregistered { operator: 1, unbonding: 300 });
		assert_eq!(held(1), 300);

		// Leaving: no way back in, only withdrawing.
		assert_noop!(Operators::go_online(origin(1)), Error::<Test>::OperatorLeaving);
		assert_noop!(Operators::bond_extra(origin(1), 10), Error::<Test>::OperatorLeaving);
		assert_noop!(Operators::serve(origin(1), vec![model(1)]), Error::<Test>::OperatorLeaving);
		assert_noop!(Operators::unbond(origin(1), 1), Error::<Test>::OperatorLeaving);
		assert_noop!(Operators::deregister(origin(1)), Error::<Test>::OperatorLeaving);

		run_to_block(1 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_eq!(held(1), 200);
		assert!(OperatorsStorage::<Test>::contains_key(1));

		run_to_block(3 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_eq!(held(1), 0);
		assert_eq!(free(1), INITIAL);
		assert!(!OperatorsStorage::<Test>::contains_key(1));
		assert_eq!(OperatorByKey::<Test>::get(key(1)), None);
		assert_eq!(last_event(), Event::Removed { operator: 1 });

		// The account and the key can register again.
		register(1, MIN_BOND);
	});
}

#[test]
fn deregister_is_refused_with_open_jobs() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, 300, &[1]);
		assert_ok!(<Operators as OperatorsInterface<_, _>>::note_job_opened(&1));
		assert_noop!(Operators::deregister(origin(1)), Error::<Test>::HasOpenJobs);
		<Operators as OperatorsInterface<_, _>>::note_job_closed(&1);
		assert_ok!(Operators::deregister(origin(1)));
	});
}

#[test]
fn deregister_with_empty_bond_removes_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_ok!(Operators::unbond(origin(1), MIN_BOND));
		run_to_block(1 + UNBONDING);
		assert_ok!(Operators::withdraw_unbonded(origin(1)));
		assert_ok!(Operators::deregister(origin(1)));
		assert!(!OperatorsStorage::<Test>::contains_key(1));
		assert_eq!(
			events()[events().len() - 2..].to_vec(),
			vec![Event::Deregistered { operator: 1, unbonding: 0 }, Event::Removed { operator: 1 }]
		);
	});
}

#[test]
fn deregister_needs_a_free_unbonding_chunk() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 400);
		for block in 1..=3 {
			run_to_block(block);
			assert_ok!(Operators::unbond(origin(1), 10));
		}
		run_to_block(4);
		assert_noop!(Operators::deregister(origin(1)), Error::<Test>::TooManyUnbondingChunks);
	});
}

#[test]
fn unknown_operators_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Operators::bond_extra(origin(1), 10), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::unbond(origin(1), 10), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::withdraw_unbonded(origin(1)), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::serve(origin(1), vec![]), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::go_online(origin(1)), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::go_offline(origin(1)), Error::<Test>::UnknownOperator);
		assert_noop!(Operators::deregister(origin(1)), Error::<Test>::UnknownOperator);
	});
}

#[test]
fn register_needs_the_keys_proof_of_ownership_for_the_caller() {
	ExtBuilder::default().build_and_execute(|| {
		// A proof made for another account cannot be replayed by the caller.
		assert_noop!(
			Operators::register(origin(2), MIN_BOND, key(1), proof_for(1, &key(1)), vec![]),
			Error::<Test>::InvalidKeyProof
		);
		// Nor can a signature by another key.
		assert_noop!(
			Operators::register(origin(1), MIN_BOND, key(1), proof_for(1, &key(2)), vec![]),
			Error::<Test>::InvalidKeyProof
		);
		assert_ok!(Operators::register(origin(1), MIN_BOND, key(1), proof_for(1, &key(1)), vec![]));
	});
}
