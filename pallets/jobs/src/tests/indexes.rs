//! The indexes by requester, operator and agent tag.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{assert_ok, traits::Hooks};

#[test]
fn pages_list_newest_first() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let tag = register_agent(ALICE, b"agent");
		Jobs::set_agent_delegates(RuntimeOrigin::signed(ALICE), tag, vec![BOB]).unwrap();
		for i in 0..7u64 {
			let who = if i % 2 == 0 { ALICE } else { BOB };
			let agent = (i >= 3).then_some(tag);
			assert_ok!(Jobs::submit_job(
				RuntimeOrigin::signed(who),
				model(1),
				input(),
				u128::MAX,
				None,
				agent
			));
			Jobs::on_finalize(1);
		}
		assert_eq!(Jobs::jobs_of_requester(&ALICE, 0, 10), vec![6, 4, 2, 0]);
		assert_eq!(Jobs::jobs_of_requester(&ALICE, 0, 3), vec![6, 4, 2]);
		assert_eq!(Jobs::jobs_of_requester(&ALICE, 1, 3), vec![0]);
		assert_eq!(Jobs::jobs_of_requester(&ALICE, 2, 3), Vec::<JobId>::new());
		assert_eq!(Jobs::jobs_of_requester(&BOB, 0, 2), vec![5, 3]);
		assert_eq!(Jobs::jobs_of_operator(&101, 0, 100), vec![6, 5, 4, 3, 2, 1, 0]);
		assert_eq!(Jobs::jobs_of_agent(&tag, 0, 100), vec![6, 5, 4, 3]);
		assert_eq!(Jobs::jobs_of_agent(&AgentTag::zero(), 0, 100), Vec::<JobId>::new());
		assert_eq!(RequesterJobCount::<Test>::get(ALICE), 4);
		assert_eq!(OperatorJobCount::<Test>::get(101), 7);
		assert_eq!(AgentJobCount::<Test>::get(tag), 4);
	});
}

#[test]
fn the_record_and_indexes_outlive_the_job() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let id = submit(ALICE, 1);
		run_to_block(1 + COMMIT_WINDOW);
		assert!(Jobs::job(id).unwrap().phase.is_final());
		assert!(Inputs::<Test>::contains_key(id));
		assert_eq!(Jobs::jobs_of_requester(&ALICE, 0, 10), vec![id]);
		assert_eq!(Jobs::jobs_of_operator(&101, 0, 10), vec![id]);
		assert!(Jobs::open_jobs_of(&101).is_empty(), "only the open-job index forgets it");
	});
}
