//! Property test: random sequences of escrows, settlements, refunds and parameter changes keep
//! the invariants and never create or destroy a token. Every failed operation leaves the state
//! untouched.

use super::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Action {
	Open {
		job: u64,
		payer: AccountId,
		operator_fee: Balance,
		royalty: Balance,
		input_len: u32,
		k: u32,
	},
	Settle {
		job: u64,
		agreeing: Vec<AccountId>,
		owner: AccountId,
	},
	Refund {
		job: u64,
	},
	SetByteFee {
		fee: Balance,
	},
	SetRate {
		percent: u32,
	},
	SetTreasury {
		account: AccountId,
	},
	ForceEmptyTreasury,
}

fn action() -> impl Strategy<Value = Action> {
	let payer = prop_oneof![1u64..=4, Just(GHOST)];
	let owner = prop_oneof![1u64..=6, Just(GHOST)];
	prop_oneof![
		(0u64..8, payer, 0u128..3_000, 0u128..50, 0u32..100, 0u32..=9).prop_map(
			|(job, payer, operator_fee, royalty, input_len, k)| Action::Open {
				job,
				payer,
				operator_fee,
				royalty,
				input_len,
				k
			}
		),
		(0u64..8, prop::collection::btree_set(1u64..=6, 0..5), owner).prop_map(
			|(job, agreeing, owner)| Action::Settle {
				job,
				agreeing: agreeing.into_iter().collect(),
				owner
			}
		),
		(0u64..8).prop_map(|job| Action::Refund { job }),
		(0u128..5).prop_map(|fee| Action::SetByteFee { fee }),
		(0u32..=100).prop_map(|percent| Action::SetRate { percent }),
		prop_oneof![Just(TREASURY), Just(7u64), Just(GHOST)]
			.prop_map(|account| Action::SetTreasury { account }),
		Just(Action::ForceEmptyTreasury),
	]
}

fn run(action: &Action) -> Result<(), DispatchError> {
	match action.clone() {
		Action::Open { job, payer, operator_fee, royalty, input_len, k } => {
			let quote =
				<F as FeesInterface<_, _>>::quote(&fees(operator_fee, royalty), input_len, k)?;
			<F as FeesInterface<_, _>>::hold_escrow(job, &payer, &quote)
		}
		Action::Settle { job, agreeing, owner } => {
			let payout = <F as FeesInterface<_, _>>::settle(job, &agreeing, &owner)?;
			assert!(payout.operators_paid as usize <= agreeing.len());
			Ok(())
		}
		Action::Refund { job } => <F as FeesInterface<_, _>>::refund(job).map(|_| ()),
		Action::SetByteFee { fee } => Fees::set_byte_fee(RuntimeOrigin::root(), fee),
		Action::SetRate { percent } => {
			Fees::set_protocol_fee_rate(RuntimeOrigin::root(), Perbill::from_percent(percent))
		}
		Action::SetTreasury { account } => Fees::set_treasury(RuntimeOrigin::root(), account),
		Action::ForceEmptyTreasury => {
			TreasuryAccount::<Test>::put(GHOST + 1);
			Ok(())
		}
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

	#[test]
	fn random_operations_keep_invariants_and_conserve_tokens(
		actions in prop::collection::vec(action(), 1..60)
	) {
		ExtBuilder::default().build_and_execute(|| {
			let initial = total_issuance();
			for action in &actions {
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				if run(action).is_err() {
					assert_eq!(
						before,
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						"failed {action:?} changed state"
					);
				}
				Fees::do_try_state().unwrap_or_else(|e| panic!("after {action:?}: {e:?}"));
				assert_eq!(total_issuance(), initial, "after {action:?}");
			}
			// Whatever is still open can be refunded in full.
			for job in Escrows::<Test>::iter_keys().collect::<Vec<_>>() {
				assert_ok!(<F as FeesInterface<_, _>>::refund(job));
			}
			for payer in 1..=4 {
				assert_eq!(escrowed(payer), 0);
			}
		});
	}
}
