//! Operators set up by the genesis config.

use super::*;

#[test]
fn genesis_operators_are_bonded_serving_and_online() {
	ExtBuilder::default()
		.genesis_operator(1, 150, &[1, 2], true)
		.genesis_operator(2, MIN_BOND, &[2], false)
		.build_and_execute(|| {
			let one = info(1);
			assert_eq!(one.ledger.active, 150);
			assert_eq!(one.status, OperatorStatus::Online);
			assert_eq!(one.models.to_vec(), vec![model(1), model(2)]);
			assert_eq!(one.registered_at, 0);
			assert_eq!(held(1), 150);
			assert_eq!(free(1), INITIAL - 150);
			assert_eq!(OperatorByKey::<Test>::get(key(1)), Some(1));

			assert_eq!(info(2).status, OperatorStatus::Offline);
			assert_eq!(info(2).models.to_vec(), vec![model(2)]);
			// The offline operator is listed only once it goes online.
			assert_eq!(ModelOperators::<Test>::get(model(2)).to_vec(), vec![1]);
			assert_eq!(ModelOperators::<Test>::get(model(1)).to_vec(), vec![1]);
			// Genesis emits no events.
			assert!(events().is_empty());
		});
}

#[test]
#[should_panic(expected = "genesis operator")]
fn genesis_rejects_an_operator_below_the_minimum_bond() {
	ExtBuilder::default().genesis_operator(1, MIN_BOND - 1, &[1], true).build();
}
