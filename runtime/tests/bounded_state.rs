//! Bounded state on the real runtime: storage paid by the requester, a job's details pruned to
//! its compact record exactly after the retention period (deposit released, record hash kept,
//! indexes intact), a backlog pruned over several blocks within the weight limit, and the
//! state bytes per job of the bundled models, measured.

mod common;

use codec::Encode;
use common::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
	weights::Weight,
};
use sp_runtime::DispatchError;
use verinfer_primitives::{
	api::JobAnswer,
	jobs::JobPhase,
	tensor::{Tensor, TensorSpec},
	JobId, JobPolicy, ModelFees, ModelId,
};
use verinfer_runtime::{
	configs::{JobRetention, MaxJobsPrunedPerBlock},
	genesis_config_presets::BUNDLED_MODELS,
	AccountId, Balance, Jobs, Runtime, RuntimeCall, RuntimeHoldReason, RuntimeOrigin, System,
};

type JobsPallet = pallet_jobs::Pallet<Runtime>;

fn held_for_storage(who: &AccountId) -> Balance {
	let reason: RuntimeHoldReason = pallet_jobs::HoldReason::JobStorage.into();
	pallet_balances::Pallet::<Runtime>::balance_on_hold(&reason, who)
}

fn treasury() -> AccountId {
	pallet_fees::Pallet::<Runtime>::treasury()
}

fn set_retention(blocks: u32) {
	assert_ok!(Jobs::set_retention(RuntimeOrigin::root(), blocks));
}

/// Commit `out` for every operator of job `id` in this block and reveal it in the next: the
/// job is verified in that block.
fn verify(id: JobId, out: &Tensor) {
	let ops = operators_of(id);
	for op in ops.iter() {
		commit_as(op, op, id, out).expect("commits");
	}
	next_block();
	for op in ops.iter() {
		reveal_as(op, op, id, out).expect("reveals");
	}
	assert_eq!(job(id).phase, JobPhase::Verified);
}

fn full_answer(id: JobId) -> verinfer_primitives::api::JobView<AccountId, Balance, u32> {
	JobsPallet::job_view(id).and_then(JobAnswer::into_full).expect("kept in full")
}

#[test]
fn the_retention_period_starts_at_its_runtime_default_and_root_sets_it() {
	new_ext().execute_with(|| {
		assert_eq!(pallet_jobs::Retention::<Runtime>::get(), JobRetention::get());
		assert_eq!(JobRetention::get(), 30 * verinfer_runtime::time::DAYS);
		assert_noop!(
			Jobs::set_retention(RuntimeOrigin::signed(acc(1)), 5),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Jobs::set_retention(RuntimeOrigin::root(), 0),
			pallet_jobs::Error::<Runtime>::ZeroRetention
		);
		set_retention(5);
		assert_eq!(pallet_jobs::Retention::<Runtime>::get(), 5);
	});
}

#[test]
fn a_job_is_pruned_exactly_after_the_retention_period() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		three_operators(0);
		set_retention(40);
		let requester = acc(1);
		let (before, treasury_before) = (free(&requester), free(&treasury()));
		let quote = JobsPallet::quote_for(model(1), None, None).unwrap();
		let id = submit(&requester, model(1));
		let storage = job(id).storage;
		assert_eq!(storage, quote.storage, "the quote said what it costs");
		assert!(storage.deposit > 0 && storage.fee > 0);
		assert_eq!(held_for_storage(&requester), storage.deposit);
		assert_eq!(free(&requester), before - quote.quote.total - storage.deposit - storage.fee);
		assert_eq!(free(&treasury()), treasury_before + storage.fee);
		check_invariants(issuance);

		verify(id, &output([0, 349, 9650]));
		let concluded = now();
		let record = full_answer(id);
		let paid = free(&requester);
		let ops = operators_of(id);

		// Up to the last block of the retention period (its `on_idle` still to run) the job is
		// read in full and its deposit stays held.
		while now() < concluded + 40 {
			next_block();
			check_invariants(issuance);
			assert_eq!(full_answer(id), record, "unchanged after its conclusion");
		}
		assert_eq!(held_for_storage(&requester), storage.deposit);
		next_block();
		check_invariants(issuance);

		assert!(pallet_jobs::Jobs::<Runtime>::get(id).is_none(), "record pruned");
		assert!(!pallet_jobs::Inputs::<Runtime>::contains_key(id));
		assert!(!pallet_jobs::Results::<Runtime>::contains_key(id));
		assert_eq!(pallet_jobs::Reveals::<Runtime>::iter_prefix(id).count(), 0);
		assert_eq!(held_for_storage(&requester), 0, "deposit released");
		assert_eq!(free(&requester), paid + storage.deposit, "exactly the deposit");
		assert!(System::events().iter().any(|e| e.event ==
			verinfer_runtime::RuntimeEvent::Jobs(pallet_jobs::Event::JobPruned {
				job: id,
				requester: requester.clone(),
				released: storage.deposit,
			})));

		let compact = pallet_jobs::Pruned::<Runtime>::get(id).expect("compact record");
		assert_eq!(compact.record_hash, record.record_hash(), "proves the record read before");
		assert_eq!(
			compact.record_hash,
			sp_io::hashing::blake2_256(&codec::Encode::encode(&record)).into()
		);
		assert_eq!(compact.pruned_at, concluded + 40);
		assert_eq!(compact.outcome, JobPhase::Verified);
		assert_eq!(compact.result_hash, record.result_hash);
		assert_eq!(compact.input_hash, record.input_hash);
		assert_eq!(compact.payout, record.payout);
		assert_eq!(compact.assignments.iter().map(|a| a.paid).collect::<Vec<_>>(), vec![quote.quote.per_operator; 3]);
		assert_eq!(
			JobsPallet::job_view(id),
			Some(JobAnswer::Pruned { pruned: compact, full_record_at: concluded + 39 })
		);
		// The indexes still list it.
		assert_eq!(JobsPallet::jobs_of_requester(&requester, 0, 10), vec![id]);
		let page = JobsPallet::requester_page(&requester, None, 10);
		assert_eq!((page.total, page.jobs[0].id(), page.jobs[0].status()), (1, id, JobPhase::Verified));
		for op in ops.iter() {
			assert_eq!(JobsPallet::jobs_of_operator(op, 0, 10), vec![id]);
			assert_eq!(JobsPallet::operator_page(op, None, 10).jobs[0].id(), id);
		}
		next_block();
		check_invariants(issuance);
	});
}

#[test]
fn a_backlog_of_expiring_jobs_is_pruned_over_several_blocks_within_the_weight_limit() {
	new_ext().execute_with(|| {
		let issuance = total_issuance();
		register_model(&acc(30), model(1), 0, 1, 1);
		register_operator(101, BOND, &[model(1)]);
		next_block();
		set_retention(10);
		let jobs = 3 * MaxJobsPrunedPerBlock::get() + 10;
		let ids: Vec<JobId> = (0..jobs).map(|i| submit_in_block(&acc(1 + (i % 20) as u8), model(1))).collect();
		next_block();
		let op = acc(101);
		let out = output([1, 2, 3]);
		for id in ids.iter() {
			commit_as(&op, &op, *id, &out).expect("commits");
		}
		next_block();
		for id in ids.iter() {
			reveal_as(&op, &op, *id, &out).expect("reveals");
		}
		let concluded = now();
		assert!(ids.iter().all(|id| job(*id).concluded_at == Some(concluded)));
		run_to_block(concluded + 10);
		check_invariants(issuance);
		let pruned = || ids.iter().filter(|id| pallet_jobs::Pruned::<Runtime>::contains_key(id)).count() as u32;
		assert_eq!(pruned(), 0);

		// A block with little weight left prunes what fits, and no more.
		let per_job = JobsPallet::prune_weight_per_job();
		let limit = per_job * 5 + per_job / 2;
		let used = Jobs::on_idle(now(), limit);
		assert!(limit.all_gte(used), "{used:?} within {limit:?}");
		let first = pruned();
		assert!(first > 0 && first <= 5, "{first} pruned");
		assert_eq!(Jobs::on_idle(now(), Weight::from_parts(1, 1)), Weight::zero());
		check_invariants(issuance);

		// Then `MaxJobsPrunedPerBlock` per block, each within the block's remaining weight
		// (`next_block` checks it), until none is left.
		let mut per_block = Vec::new();
		while pruned() < jobs {
			let before = pruned();
			next_block();
			check_invariants(issuance);
			per_block.push(pruned() - before);
		}
		assert_eq!(per_block, vec![64, 64, 64, 10 - first], "blocks of at most 64");
		assert!(ids.iter().all(|id| pallet_jobs::Jobs::<Runtime>::get(id).is_none()));
		for n in 1..=20 {
			assert_eq!(held_for_storage(&acc(n)), 0);
		}
	});
}

/// SCALE bytes (keys and values) of everything the pallet named `pallet` stores.
fn state_bytes(pallet: &str) -> usize {
	let prefix = sp_io::hashing::twox_128(pallet.as_bytes());
	let mut key = prefix.to_vec();
	let mut total = 0;
	while let Some(next) = sp_io::storage::next_key(&key) {
		if !next.starts_with(&prefix) {
			break;
		}
		total += next.len() + sp_io::storage::get(&next).map_or(0, |v| v.len());
		key = next;
	}
	total
}

fn jobs_state() -> usize {
	state_bytes("Jobs") + state_bytes("Fees")
}

fn spec_of((shape, precision): (&[u32], u8)) -> TensorSpec {
	spec(shape, precision)
}

fn filled(spec: &TensorSpec, value: i64) -> Tensor {
	let len = spec.element_count().unwrap() as usize;
	Tensor::new(spec.shape.to_vec(), vec![value; len], spec.precision)
}

/// The measured state of one verified job (`k = 3`) of each bundled model, during its retention
/// period and after pruning, against what its requester was charged for. The figures are in
/// docs/benchmarks.md, *State per job*; run with `--nocapture` to see them.
#[test]
fn state_bytes_per_job_of_the_bundled_models() {
	new_ext().execute_with(|| {
		let owner = acc(30);
		let ids: Vec<ModelId> = BUNDLED_MODELS.iter().map(|m| m.id.into()).collect();
		for m in BUNDLED_MODELS.iter() {
			dispatch(
				&owner,
				RuntimeCall::Jobs(pallet_jobs::Call::register_model {
					content_hash: m.id.into(),
					name: m.name.as_bytes().to_vec(),
					uri: format!("file:models/{}.onnx", m.name).into_bytes(),
					input: spec_of(m.input),
					output: spec_of(m.output),
					input_range: None,
					tolerance: m.tolerance,
					fees: ModelFees { operator_fee: OPERATOR_FEE, royalty: ROYALTY },
					policy: JobPolicy { k: 3, q: 2 },
				}),
			)
			.expect("registers");
		}
		for n in 101..=103 {
			register_operator(n, BOND, &ids);
		}
		next_block();
		set_retention(5);
		let requester = acc(1);
		println!("model            retained  charged  |  kept  charged  |  deposit VINF  fee VINF");
		for (m, id) in BUNDLED_MODELS.iter().zip(ids) {
			let input = filled(&spec_of(m.input), 1);
			let out = filled(&spec_of(m.output), 7);
			let submit = |requester: &AccountId| {
				let job = pallet_jobs::NextJobId::<Runtime>::get();
				dispatch(
					requester,
					RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
						model: id,
						input: input.clone(),
						max_fee: u128::MAX,
						policy: None,
						agent: None,
					}),
				)
				.expect("submits");
				next_block();
				job
			};
			// A first job creates the per-account counters and is pruned; the second one is
			// measured.
			let first = submit(&requester);
			verify(first, &out);
			run_to_block(now() + 7);
			assert!(pallet_jobs::Pruned::<Runtime>::contains_key(first));
			let empty = jobs_state();
			let job_id = submit(&requester);
			verify(job_id, &out);
			let during = jobs_state() - empty;
			let storage = job(job_id).storage;
			run_to_block(now() + 7);
			assert!(pallet_jobs::Pruned::<Runtime>::contains_key(job_id));
			let after = jobs_state() - empty;
			println!(
				"{:<16} {:>8} {:>8}  | {:>5} {:>8}  |  {:>12} {:>9}",
				m.name,
				during,
				storage.retained_bytes + storage.kept_bytes,
				after,
				storage.kept_bytes,
				storage.deposit as f64 / 1e12,
				storage.fee as f64 / 1e12,
			);
			assert!(during as u32 <= storage.retained_bytes + storage.kept_bytes, "{} during", m.name);
			assert!(after as u32 <= storage.kept_bytes, "{} after", m.name);
			assert!(after < during, "{}: pruning keeps less", m.name);
		}
		// The largest job the runtime allows: 1024 input elements, 16 operators.
		let max_input = Tensor::new(vec![1024], vec![i64::MAX; 1024], 0).encoded_size() as u32;
		let (retained, kept) = JobsPallet::storage_bytes(max_input, &spec(&[256], 0), 16);
		println!("largest job: {} bytes charged during retention, {kept} kept", retained + kept);
		assert!(retained + kept < 64 * 1024 && kept < 4 * 1024);
	});
}
