//! Storage costs and pruning: deposits, record fees, the retention period, compact records.

use crate::mock::Jobs;
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate},
		Get, Hooks,
	},
	weights::Weight,
};
use sp_runtime::DispatchError;
use verinfer_primitives::api::JobAnswer;

const DEPOSIT_PER_BYTE: Balance = 2;
const FEE_PER_BYTE: Balance = 3;

fn priced() {
	StorageDepositPerByte::set(DEPOSIT_PER_BYTE);
	RecordFeePerByte::set(FEE_PER_BYTE);
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::JobStorage.into(), &who)
}

/// Submit a job of model 1 (three operators, nobody commits) as `who`; it expires at its
/// commit deadline. Returns it and that block.
fn expiring_job(who: AccountId) -> (JobId, u64) {
	let id = submit(who, 1);
	(id, System::block_number() + COMMIT_WINDOW)
}

#[test]
fn storage_is_paid_at_submission_as_quoted() {
	ExtBuilder::default().build_and_execute(|| {
		priced();
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let quote = Jobs::quote_for(model(1), None, None).unwrap();
		let (retained, kept) = Jobs::storage_bytes(quote.input_bytes, &output_spec(), 3);
		assert_eq!(quote.storage.retained_bytes, retained);
		assert_eq!(quote.storage.kept_bytes, kept);
		assert_eq!(quote.storage.deposit, DEPOSIT_PER_BYTE * retained as Balance);
		assert_eq!(quote.storage.fee, FEE_PER_BYTE * kept as Balance);
		assert_eq!(quote.retention, RETENTION as u32);
		assert!(kept < retained, "the compact part is the smaller one");
		let treasury = free(TREASURY);

		let id = submit(ALICE, 1);
		let job = Jobs::job(id).unwrap();
		assert_eq!(job.storage, quote.storage);
		assert_eq!(held(ALICE), quote.storage.deposit);
		assert_eq!(free(TREASURY), treasury + quote.storage.fee);
		assert_eq!(
			free(ALICE),
			INITIAL - quote.quote.total - quote.storage.deposit - quote.storage.fee
		);
		assert!(events().contains(&Event::StoragePaid {
			job: id,
			requester: ALICE,
			deposit: quote.storage.deposit,
			fee: quote.storage.fee,
		}));
	});
}

#[test]
fn a_requester_who_cannot_pay_storage_is_refused_and_nothing_changes() {
	ExtBuilder::default().build_and_execute(|| {
		priced();
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let quote = Jobs::quote_for(model(1), None, None).unwrap();
		// Enough for the quote and the existential deposit, one unit short of the storage.
		let balance = ED + quote.quote.total + quote.storage.deposit + quote.storage.fee - 1;
		Balances::set_balance(&POOR, balance);
		let next = NextJobId::<Test>::get();
		assert_noop!(
			try_submit(POOR, model(1), input(), u128::MAX, None, None),
			Error::<Test>::CannotPayStorage
		);
		assert_eq!(NextJobId::<Test>::get(), next);
		assert_eq!((free(POOR), held(POOR), escrowed(POOR)), (balance, 0, 0));
		// One more unit and it goes through.
		Balances::set_balance(&POOR, balance + 1);
		assert_ok!(try_submit(POOR, model(1), input(), u128::MAX, None, None));
		assert_eq!(free(POOR), ED);
	});
}

#[test]
fn a_job_is_pruned_exactly_after_the_retention_period() {
	ExtBuilder::default().build_and_execute(|| {
		priced();
		register(1, 3, 2);
		add_operators(3, &[model(1)]);
		let (id, concluded) = expiring_job(ALICE);
		let deposit = Jobs::job(id).unwrap().storage.deposit;
		run_to_block(concluded);
		assert_eq!(Jobs::job(id).unwrap().concluded_at, Some(concluded));
		assert_eq!(PruneQueue::<Test>::get(concluded + RETENTION, id), Some(()));
		let full = Jobs::job_view(id).unwrap().into_full().expect("kept in full");
		let free_before = free(ALICE);

		// The last block of the retention period still holds everything (its `on_idle` has
		// not run yet when this returns)...
		run_to_block(concluded + RETENTION);
		assert!(Jobs::job(id).is_some());
		assert!(Inputs::<Test>::contains_key(id));
		assert_eq!(held(ALICE), deposit);
		// ...and its `on_idle` prunes the job.
		run_to_block(concluded + RETENTION + 1);
		assert!(Jobs::job(id).is_none());
		assert!(!Inputs::<Test>::contains_key(id));
		assert_eq!(PruneQueue::<Test>::iter().count(), 0);
		assert_eq!(held(ALICE), 0, "deposit released");
		assert_eq!(free(ALICE), free_before + deposit, "exactly the deposit");
		assert!(events().contains(&Event::JobPruned { job: id, requester: ALICE, released: deposit }));

		let compact = Pruned::<Test>::get(id).unwrap();
		assert_eq!(compact.record_hash, full.record_hash());
		assert_eq!(compact.outcome, JobPhase::Expired);
		assert_eq!(compact.concluded_at, concluded);
		assert_eq!(compact.pruned_at, concluded + RETENTION);
		assert_eq!(compact.input_hash, full.input_hash);
		assert_eq!(compact.assignments.len(), 3);
		assert_eq!(
			Jobs::job_view(id),
			Some(JobAnswer::Pruned { pruned: compact.clone(), full_record_at: concluded + RETENTION - 1 })
		);
		// The indexes still list it, as its compact record.
		let page = Jobs::requester_page(&ALICE, None, 10);
		assert_eq!((page.total, page.jobs.len()), (1, 1));
		assert_eq!(page.jobs[0].id(), id);
		assert!(page.jobs[0].full().is_none());
		let operator = compact.assignments[0].operator;
		assert_eq!(Jobs::operator_page(&operator, None, 10).jobs[0].id(), id);
	});
}

#[test]
fn a_backlog_is_pruned_over_several_blocks_within_the_weight_given() {
	ExtBuilder::default().build_and_execute(|| {
		priced();
		// All ten jobs conclude at the same deadline.
		MaxDeadlinesPerBlock::set(16);
		register(1, 1, 1);
		add_operators(10, &[model(1)]);
		let ids: Vec<JobId> = (0..10).map(|_| submit(ALICE, 1)).collect();
		let concluded = System::block_number() + COMMIT_WINDOW;
		run_to_block(concluded);
		let expiry = concluded + RETENTION;
		run_to_block(expiry);
		assert_eq!(PruneCursor::<Test>::get(), Some(expiry), "the cursor follows the blocks");
		let per_job = Jobs::prune_weight_per_job();
		let base = <Test as Config>::WeightInfo::on_idle_prune(0);
		let bucket = <<Test as frame_system::Config>::DbWeight as Get<frame_support::weights::RuntimeDbWeight>>::get().reads_writes(1, 1);
		let pruned = || ids.iter().filter(|id| Pruned::<Test>::contains_key(id)).count();

		// Not even the base cost: nothing is done, nothing is charged.
		assert_eq!(Jobs::on_idle(expiry, base - Weight::from_parts(1, 0)), Weight::zero());
		assert_eq!(pruned(), 0);
		// Room for two jobs and a bit: two are pruned, within the limit.
		let limit = base + bucket + per_job * 2 + Weight::from_parts(1, 0);
		let used = Jobs::on_idle(expiry, limit);
		assert!(limit.all_gte(used));
		assert_eq!(used, base + bucket + per_job * 2);
		assert_eq!(pruned(), 2);
		assert_eq!(PruneCursor::<Test>::get(), Some(expiry), "the rest is carried over");
		Jobs::do_try_state().unwrap();
		// All the weight in the world: `MaxPrunedPerBlock` (4) at most.
		Jobs::on_idle(expiry, Weight::MAX);
		assert_eq!(pruned(), 6);
		Jobs::do_try_state().unwrap();
		run_to_block(expiry + 2);
		assert_eq!(pruned(), 10);
		assert_eq!(held(ALICE), 0);
		assert_eq!(PruneCursor::<Test>::get(), Some(expiry + 2));
	});
}

#[test]
fn root_sets_the_retention_of_jobs_concluded_from_then_on() {
	ExtBuilder::default().build_and_execute(|| {
		register(1, 1, 1);
		add_operators(2, &[model(1)]);
		assert_eq!(Retention::<Test>::get(), RETENTION);
		assert_noop!(
			Jobs::set_retention(RuntimeOrigin::signed(ALICE), 3),
			DispatchError::BadOrigin
		);
		assert_noop!(Jobs::set_retention(RuntimeOrigin::root(), 0), Error::<Test>::ZeroRetention);
		let (early, concluded) = expiring_job(ALICE);
		run_to_block(concluded);
		assert_ok!(Jobs::set_retention(RuntimeOrigin::root(), 3));
		assert_eq!(events().pop(), Some(Event::RetentionSet { retention: 3 }));
		let (late, late_concluded) = expiring_job(BOB);
		run_to_block(late_concluded + 3 + 1);
		assert!(Pruned::<Test>::contains_key(late), "pruned after the new period");
		assert!(Jobs::job(early).is_some(), "keeps the period it was queued with");
		run_to_block(concluded + RETENTION + 1);
		assert!(Pruned::<Test>::contains_key(early));
	});
}

#[test]
fn try_state_finds_a_half_pruned_job() {
	ExtBuilder::default().build().execute_with(|| {
		register(1, 1, 1);
		add_operators(1, &[model(1)]);
		let (id, concluded) = expiring_job(ALICE);
		run_to_block(concluded + RETENTION + 1);
		assert!(Pruned::<Test>::contains_key(id));
		Jobs::do_try_state().unwrap();
		Inputs::<Test>::insert(id, InputOf::<Test>::try_from(input()).unwrap());
		assert!(Jobs::do_try_state().is_err(), "an input left behind");
		Inputs::<Test>::remove(id);
		Jobs::do_try_state().unwrap();

		let (other, concluded) = expiring_job(ALICE);
		run_to_block(concluded);
		PruneQueue::<Test>::remove(concluded + RETENTION, other);
		assert!(Jobs::do_try_state().is_err(), "a final job out of the prune queue");
	});
}
