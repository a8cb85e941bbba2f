//! `serve`, `go_online`, `go_offline` and eligibility.

use super::*;

fn models(ids: &[u8]) -> Vec<verinfer_primitives::ModelId> {
	ids.iter().map(|m| model(*m)).collect()
}

#[test]
fn serve_replaces_the_served_set_and_the_index() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_ok!(Operators::serve(origin(1), models(&[1, 2])));
		assert_eq!(info(1).models.to_vec(), models(&[1, 2]));
		assert_eq!(
			last_event(),
			Event::ModelsServed { operator: 1, models: models(&[1, 2]).try_into().unwrap() }
		);
		// Only online operators are listed: an offline one cannot occupy a model's places.
		assert!(ModelOperators::<Test>::get(model(1)).is_empty());
		assert_ok!(Operators::go_online(origin(1)));
		assert_eq!(ModelOperators::<Test>::get(model(1)).to_vec(), vec![1]);
		assert_eq!(ModelOperators::<Test>::get(model(2)).to_vec(), vec![1]);

		assert_ok!(Operators::serve(origin(1), models(&[2, 3])));
		assert!(!ModelOperators::<Test>::contains_key(model(1)));
		assert_eq!(ModelOperators::<Test>::get(model(2)).to_vec(), vec![1]);
		assert_eq!(ModelOperators::<Test>::get(model(3)).to_vec(), vec![1]);

		assert_ok!(Operators::serve(origin(1), vec![]));
		assert!(info(1).models.is_empty());
		assert_eq!(ModelOperators::<Test>::iter().count(), 0);
	});
}

#[test]
fn serve_rejects_bad_input_without_changing_state() {
	ExtBuilder::default().build_and_execute(|| {
		online_operator(1, MIN_BOND, &[1]);
		assert_noop!(
			Operators::serve(origin(1), models(&[1, 2, 3, 4, 5])),
			Error::<Test>::TooManyModels
		);
		assert_noop!(
			Operators::serve(origin(1), models(&[2, 3, 2])),
			Error::<Test>::DuplicateModel
		);
		assert_noop!(
			Operators::serve(origin(1), vec![model(2), UNKNOWN_MODEL]),
			Error::<Test>::UnknownModel
		);
		for who in 2..=4 {
			online_operator(who, MIN_BOND, &[5]);
		}
		// Model 5 is full; operator 1 would also leave model 1: all of it is rolled back.
		assert_noop!(
			Operators::serve(origin(1), models(&[6, 5])),
			Error::<Test>::TooManyOperatorsForModel
		);
		assert_eq!(ModelOperators::<Test>::get(model(1)).to_vec(), vec![1]);
	});
}

#[test]
fn online_and_offline() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, MIN_BOND);
		assert_noop!(Operators::go_offline(origin(1)), Error::<Test>::NotOnline);
		assert_ok!(Operators::go_online(origin(1)));
		assert_eq!(info(1).status, OperatorStatus::Online);
		assert_eq!(last_event(), Event::WentOnline { operator: 1 });
		assert_noop!(Operators::go_online(origin(1)), Error::<Test>::AlreadyOnline);
		assert_ok!(Operators::go_offline(origin(1)));
		assert_eq!(info(1).status, OperatorStatus::Offline);
		assert_eq!(last_event(), Event::WentOffline { operator: 1 });
	});
}

#[test]
fn eligibility_needs_online_model_bond_and_capacity() {
	ExtBuilder::default().build_and_execute(|| {
		type Ops = Operators;
		let eligible =
			|who: AccountId, m: u8| <Ops as OperatorsInterface<_, _>>::is_eligible(&who, &model(m));

		online_operator(1, 150, &[1, 2]);
		online_operator(2, 300, &[2]);
		register(3, 500);
		assert_ok!(Operators::serve(origin(3), models(&[1])));

		assert!(eligible(1, 1) && eligible(1, 2) && eligible(2, 2));
		assert!(!eligible(2, 1), "does not serve model 1");
		assert!(!eligible(3, 1), "offline");
		assert!(!eligible(4, 1), "not an operator");
		assert_eq!(
			<Ops as OperatorsInterface<_, _>>::eligible_operators(&model(2)),
			vec![(1, 150), (2, 300)]
		);
		assert_eq!(
			<Ops as OperatorsInterface<_, _>>::eligible_operators(&model(1)),
			vec![(1, 150)]
		);
		assert_eq!(<Ops as OperatorsInterface<AccountId, Balance>>::bond_of(&3), 500);
		assert_eq!(<Ops as OperatorsInterface<AccountId, Balance>>::bond_of(&4), 0);

		// Full of open jobs: not eligible until one closes.
		for _ in 0..5 {
			assert_ok!(<Ops as OperatorsInterface<_, _>>::note_job_opened(&1));
		}
		assert!(!eligible(1, 1));
		assert_eq!(<Ops as OperatorsInterface<_, _>>::open_jobs(&1), 5);
		<Ops as OperatorsInterface<_, _>>::note_job_closed(&1);
		assert!(eligible(1, 1));
	});
}
