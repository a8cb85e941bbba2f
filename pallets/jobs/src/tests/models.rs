//! The model registry.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::Contains};
use verinfer_primitives::ModelFees;

fn register_with(
	who: AccountId,
	id: ModelId,
	name: &[u8],
	input: verinfer_primitives::tensor::TensorSpec,
	output: verinfer_primitives::tensor::TensorSpec,
	k: u32,
	q: u32,
) -> sp_runtime::DispatchResult {
	Jobs::register_model(
		RuntimeOrigin::signed(who),
		id,
		name.to_vec(),
		b"uri".to_vec(),
		input,
		output,
		None,
		0,
		ModelFees { operator_fee: 10, royalty: 5 },
		JobPolicy { k, q },
	)
}

#[test]
fn register_holds_the_deposit_and_stores_the_model() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 3, 2);
		let info = Models::<Test>::get(model(1)).unwrap();
		let deposit = DEPOSIT_BASE + (b"iris".len() + b"ipfs://iris".len()) as u128;
		assert_eq!(info.owner, OWNER);
		assert_eq!(info.deposit, deposit);
		assert_eq!(info.policy, JobPolicy { k: 3, q: 2 });
		assert_eq!(info.fees, ModelFees { operator_fee: OPERATOR_FEE, royalty: ROYALTY });
		assert_eq!(info.input, input_spec());
		assert_eq!(info.output, output_spec());
		assert_eq!(info.tolerance, 1);
		assert_eq!(info.status, ModelStatus::Active);
		assert_eq!(info.registered_at, 1);
		assert_eq!(crate::asset::deposited::<Test>(&OWNER), deposit);
		assert_eq!(free(OWNER), INITIAL - deposit);
		assert_eq!(
			events(),
			vec![Event::ModelRegistered { model: model(1), owner: OWNER, deposit }]
		);
		assert!(Jobs::contains(&model(1)));
		assert!(!Jobs::contains(&model(2)));
	});
}

#[test]
fn register_rejects_bad_models() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		let ok_in = input_spec();
		let ok_out = output_spec();
		assert_noop!(
			register_with(OWNER, model(1), b"x", ok_in.clone(), ok_out.clone(), 1, 1),
			Error::<Test>::ModelExists
		);
		assert_noop!(
			register_with(OWNER, model(2), &[b'x'; 17], ok_in.clone(), ok_out.clone(), 1, 1),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Jobs::register_model(
				RuntimeOrigin::signed(OWNER),
				model(2),
				vec![],
				vec![0; 33],
				ok_in.clone(),
				ok_out.clone(),
				None,
				0,
				ModelFees { operator_fee: 1, royalty: 1 },
				JobPolicy { k: 1, q: 1 },
			),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			register_with(OWNER, model(2), b"x", spec(&[1, 4], 19), ok_out.clone(), 1, 1),
			Error::<Test>::InvalidSpec
		);
		assert_noop!(
			register_with(OWNER, model(2), b"x", ok_in.clone(), spec(&[0, 3], 2), 1, 1),
			Error::<Test>::InvalidSpec
		);
		assert_noop!(
			register_with(OWNER, model(2), b"x", spec(&[17], 0), ok_out.clone(), 1, 1),
			Error::<Test>::SpecTooLarge
		);
		assert_noop!(
			register_with(OWNER, model(2), b"x", ok_in.clone(), spec(&[3, 3], 0), 1, 1),
			Error::<Test>::SpecTooLarge
		);
		for (k, q) in [(0, 0), (2, 1), (4, 2), (6, 6), (2, 3)] {
			assert_noop!(
				register_with(OWNER, model(2), b"x", ok_in.clone(), ok_out.clone(), k, q),
				Error::<Test>::InvalidPolicy
			);
		}
		assert_noop!(
			register_with(POOR, model(2), b"x", ok_in, ok_out, 1, 1),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn owner_sets_fees_for_new_jobs_only() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let old = submit(ALICE, 1);
		let old_quote = Jobs::job(old).unwrap().quote;
		assert_noop!(
			Jobs::set_model_fees(RuntimeOrigin::signed(ALICE), model(1), 1, 1),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Jobs::set_model_fees(RuntimeOrigin::signed(OWNER), model(9), 1, 1),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Jobs::set_model_fees(RuntimeOrigin::signed(OWNER), model(1), 500, 70));
		let fees = ModelFees { operator_fee: 500, royalty: 70 };
		assert_eq!(Models::<Test>::get(model(1)).unwrap().fees, fees);
		assert_eq!(events().pop(), Some(Event::ModelFeesSet { model: model(1), fees }));
		let new = submit(BOB, 1);
		assert_eq!(Jobs::job(old).unwrap().quote, old_quote, "submitted jobs keep their price");
		assert_eq!(Jobs::job(new).unwrap().quote.per_operator, 500 + old_quote.per_operator - 50);
		assert_eq!(Jobs::job(new).unwrap().quote.royalty, 70);
	});
}

#[test]
fn owner_deprecates() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let open = submit(ALICE, 1);
		assert_noop!(
			Jobs::deprecate_model(RuntimeOrigin::signed(ALICE), model(1)),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			Jobs::deprecate_model(RuntimeOrigin::signed(OWNER), model(2)),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Jobs::deprecate_model(RuntimeOrigin::signed(OWNER), model(1)));
		assert_eq!(events().pop(), Some(Event::ModelDeprecated { model: model(1) }));
		assert_eq!(Models::<Test>::get(model(1)).unwrap().status, ModelStatus::Deprecated);
		assert!(!Jobs::contains(&model(1)));
		assert_noop!(
			Jobs::deprecate_model(RuntimeOrigin::signed(OWNER), model(1)),
			Error::<Test>::ModelDeprecated
		);
		assert_noop!(
			try_submit(BOB, model(1), input(), 10_000, None, None),
			Error::<Test>::ModelDeprecated
		);
		// The open job still runs to its end.
		run_to_block(1 + COMMIT_WINDOW);
		assert_eq!(Jobs::job(open).unwrap().phase, JobPhase::Expired);
		// The deposit stays: the registry is permanent.
		assert!(crate::asset::deposited::<Test>(&OWNER) > 0);
	});
}
