//! Property test: random sequences of calls keep the invariants and create or lose no token.
//!
//! Every failed call must leave the state untouched. After every step `do_try_state` holds and
//! the total issuance equals the initial one minus what slashes explicitly burned.

use super::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Action {
	Register { who: u64, bond: u128 },
	BondExtra { who: u64, amount: u128 },
	Unbond { who: u64, amount: u128 },
	Withdraw { who: u64 },
	Serve { who: u64, models: Vec<u8> },
	GoOnline { who: u64 },
	GoOffline { who: u64 },
	Deregister { who: u64 },
	OpenJob { who: u64 },
	CloseJob { who: u64 },
	Slash { who: u64, percent: u32, beneficiary: Option<u64> },
	SetTreasury { who: u64 },
	Advance { blocks: u64 },
}

fn account() -> impl Strategy<Value = u64> {
	1u64..=6
}

fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		(account(), 0u128..1_500).prop_map(|(who, bond)| Action::Register { who, bond }),
		(account(), 0u128..3_000).prop_map(|(who, amount)| Action::BondExtra { who, amount }),
		(account(), 0u128..600).prop_map(|(who, amount)| Action::Unbond { who, amount }),
		account().prop_map(|who| Action::Withdraw { who }),
		(account(), prop::collection::vec(1u8..=6, 0..6))
			.prop_map(|(who, models)| Action::Serve { who, models }),
		account().prop_map(|who| Action::GoOnline { who }),
		account().prop_map(|who| Action::GoOffline { who }),
		account().prop_map(|who| Action::Deregister { who }),
		account().prop_map(|who| Action::OpenJob { who }),
		account().prop_map(|who| Action::CloseJob { who }),
		(account(), 0u32..=100, prop::option::of(prop_oneof![1u64..=8, Just(50u64)]))
			.prop_map(|(who, percent, beneficiary)| Action::Slash { who, percent, beneficiary }),
		prop_oneof![Just(TREASURY), Just(7u64), Just(777u64)]
			.prop_map(|who| Action::SetTreasury { who }),
		(1u64..15).prop_map(|blocks| Action::Advance { blocks }),
	]
}

fn burned_so_far() -> Balance {
	events().iter().map(|e| if let Event::Slashed { burned, .. } = e { *burned } else { 0 }).sum()
}

/// Apply an action that is not a call (it cannot fail).
fn apply(action: &Action) {
	match action.clone() {
		Action::CloseJob { who } => {
			if <Operators as OperatorsInterface<_, _>>::open_jobs(&who) > 0 {
				<Operators as OperatorsInterface<_, _>>::note_job_closed(&who);
			}
		}
		Action::Slash { who, percent, beneficiary } => {
			<Operators as OperatorsInterface<_, _>>::slash(
				&who,
				Perbill::from_percent(percent),
				SlashReason::MissedCommit(1),
				beneficiary.as_ref().map(|b| (b, Balance::MAX)),
			);
		}
		Action::SetTreasury { who } => TreasuryAccount::set(who),
		Action::Advance { blocks } => run_to_block(System::block_number() + blocks),
		_ => unreachable!("calls are dispatched"),
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

	#[test]
	fn random_calls_keep_invariants_and_conserve_tokens(
		actions in prop::collection::vec(action(), 1..60)
	) {
		ExtBuilder::default().build_and_execute(|| {
			let initial = total_issuance();
			for action in &actions {
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let failed = match action {
					Action::Register { .. } | Action::BondExtra { .. } | Action::Unbond { .. } |
					Action::Withdraw { .. } | Action::Serve { .. } | Action::GoOnline { .. } |
					Action::GoOffline { .. } | Action::Deregister { .. } | Action::OpenJob { .. } =>
						dispatch(action).is_err(),
					_ => {
						apply(action);
						false
					},
				};
				if failed {
					assert_eq!(
						before,
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						"failed {action:?} changed state"
					);
				}
				Operators::do_try_state().unwrap_or_else(|e| panic!("after {action:?}: {e:?}"));
				assert_eq!(total_issuance() + burned_so_far(), initial, "after {action:?}");
			}
		});
	}
}

fn dispatch(action: &Action) -> frame_support::pallet_prelude::DispatchResult {
	match action.clone() {
		Action::Register { who, bond } => {
			Operators::register(origin(who), bond, key(who), proof_for(who, &key(who)), vec![])
		}
		Action::BondExtra { who, amount } => Operators::bond_extra(origin(who), amount),
		Action::Unbond { who, amount } => Operators::unbond(origin(who), amount),
		Action::Withdraw { who } => Operators::withdraw_unbonded(origin(who)),
		Action::Serve { who, models } => {
			Operators::serve(origin(who), models.into_iter().map(model).collect())
		}
		Action::GoOnline { who } => Operators::go_online(origin(who)).map(|_| ()).map_err(|e| e.error),
		Action::GoOffline { who } => Operators::go_offline(origin(who)).map(|_| ()).map_err(|e| e.error),
		Action::Deregister { who } => Operators::deregister(origin(who)),
		Action::OpenJob { who } => <Operators as OperatorsInterface<_, _>>::note_job_opened(&who),
		_ => unreachable!("only calls are dispatched"),
	}
}
