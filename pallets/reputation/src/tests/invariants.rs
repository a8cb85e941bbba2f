//! Property test: random evidence and time keep the invariants and the counters exact, scores
//! stay in (0, 1), and waiting long enough always ends every exclusion.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Action {
	Record { who: AccountId, event: ReputationEvent<Balance> },
	Advance { blocks: u64 },
}

fn action() -> impl Strategy<Value = Action> {
	let who = 1u64..=4;
	let event = prop_oneof![
		(0u128..1_000, 0u32..50)
			.prop_map(|(fee, latency)| ReputationEvent::Agreed { latency, fee }),
		(0u128..1_000, 0u128..100)
			.prop_map(|(fee, slashed)| ReputationEvent::Disagreed { fee, slashed }),
		(0u128..1_000, 0u128..100)
			.prop_map(|(fee, slashed)| ReputationEvent::Missed { fee, slashed }),
		(0u128..1_000, 0u128..100)
			.prop_map(|(fee, slashed)| ReputationEvent::Withheld { fee, slashed }),
		(0u128..1_000, 0u32..50)
			.prop_map(|(fee, latency)| ReputationEvent::Uncredited { latency, fee }),
	];
	prop_oneof![
		4 => (who, event).prop_map(|(who, event)| Action::Record { who, event }),
		1 => (0u64..300).prop_map(|blocks| Action::Advance { blocks }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

	#[test]
	fn random_evidence_keeps_invariants(actions in prop::collection::vec(action(), 1..80)) {
		ExtBuilder::default().build_and_execute(|| {
			// Expected (assigned, agreed, disagreed, missed, earned, slashed) per operator.
			let mut expected: BTreeMap<AccountId, [u128; 6]> = BTreeMap::new();
			for action in &actions {
				match action.clone() {
					Action::Record { who, event } => {
						record(who, event);
						let e = expected.entry(who).or_default();
						e[0] += 1;
						match event {
							ReputationEvent::Agreed { fee, .. } => { e[1] += 1; e[4] += fee },
							ReputationEvent::Disagreed { slashed, .. } => { e[2] += 1; e[5] += slashed },
							ReputationEvent::Missed { slashed, .. } |
							ReputationEvent::Withheld { slashed, .. } => { e[3] += 1; e[5] += slashed },
							ReputationEvent::Uncredited { fee, .. } => { e[1] += 1; e[4] += fee },
						}
					},
					Action::Advance { blocks } => run_to_block(System::block_number() + blocks),
				}
				Reputation::do_try_state().unwrap_or_else(|e| panic!("after {action:?}: {e:?}"));
				for who in 1..=4 {
					let s = score(who);
					assert!(s > Permill::zero() && s < Permill::one(), "score {s:?} of {who}");
				}
			}
			for (who, e) in expected {
				let s = Reputation::stats_of(&who).unwrap();
				assert_eq!(
					[s.assigned as u128, s.agreed as u128, s.disagreed as u128, s.missed as u128, s.earned, s.slashed],
					e
				);
			}
			// Recovery by waiting: long enough, nobody is excluded.
			run_to_block(System::block_number() + 100 * IDLE_PERIOD);
			for who in 1..=4 {
				assert!(!is_excluded(who));
			}
		});
	}
}
