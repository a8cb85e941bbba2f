//! Benchmarks of the jobs pallet: every call, and the deadline work of `on_initialize` run
//! through the configured deadline handler (the settlement pallet in the runtime).

use super::*;
use crate::Pallet as JobsPallet;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::weights::Weight;
use frame_support::{
	traits::{fungible::Mutate, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating, Zero};
use verinfer_primitives::{
	tensor::{BoundedShape, Tensor},
	ModelFees,
};

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, T::BenchmarkHelper::plenty());
	who
}

fn spec(len: u32) -> TensorSpec {
	TensorSpec { shape: BoundedShape::truncate_from(vec![len]), precision: 2 }
}

fn fees<T: Config>() -> ModelFees<BalanceOf<T>> {
	use frame_support::traits::fungible::Inspect;
	let unit = T::Currency::minimum_balance();
	ModelFees { operator_fee: unit.saturating_mul(10u32.into()), royalty: unit }
}

/// The id of the benchmark model with these specs and policy, registered if needed.
fn model<T: Config>(input_len: u32, output_len: u32, policy: JobPolicy) -> ModelId {
	let id = H256(sp_crypto_hashing::blake2_256(
		&(b"bench-model", input_len, output_len, policy).encode(),
	));
	register_model::<T>(id, input_len, output_len, policy);
	id
}

/// Register model `id` with these specs and policy unless it exists; whether it was registered
/// now.
fn register_model<T: Config>(
	id: ModelId,
	input_len: u32,
	output_len: u32,
	policy: JobPolicy,
) -> bool {
	if Models::<T>::contains_key(id) {
		return false;
	}
	let owner = funded::<T>("owner", 0);
	JobsPallet::<T>::do_register_model(
		owner,
		id,
		b"bench".to_vec(),
		b"bench".to_vec(),
		spec(input_len),
		spec(output_len),
		None,
		0,
		fees::<T>(),
		policy,
	)
	.expect("the benchmark model registers");
	true
}

/// `n` operators serving `model`.
fn operators<T: Config>(model: &ModelId, n: u32) -> Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let who: T::AccountId = account("operator", i, SEED);
			T::BenchmarkHelper::setup_operator(&who, model);
			who
		})
		.collect()
}

fn majority(k: u32) -> JobPolicy {
	JobPolicy { k, q: k / 2 + 1 }
}

/// A job of `k` operators and quorum `q` whose output has `output_len` elements, submitted
/// now; returns it and its operators in slot order.
///
/// Without `shared`, the job has a model of its own served by `k` operators of its own, so that
/// jobs share no storage. With `shared`, every job of the same `k` goes to one model served by
/// `shared` and `k - 1` others, registered by the first of them: an operator serves at most
/// `MaxModelsPerOperator` models, so a batch of one operator's steps cannot touch a model per
/// job, and all `k` candidates of the model are drawn. The model id includes `k` so that
/// operators left in a test mock by a benchmark run with another `k` never serve it.
pub fn create_job<T: Config>(
	k: u32,
	q: u32,
	output_len: u32,
	shared: Option<T::AccountId>,
) -> (JobId, Vec<T::AccountId>) {
	let next = NextJobId::<T>::get();
	let policy = JobPolicy { k, q };
	let id = match &shared {
		Some(who) => H256(sp_crypto_hashing::blake2_256(
			&(b"bench-shared-model", who, k, q, output_len).encode(),
		)),
		None => H256(sp_crypto_hashing::blake2_256(&(b"bench-job-model", next, k).encode())),
	};
	if register_model::<T>(id, 1, output_len, policy) {
		for i in 0..k {
			let who = match (&shared, i) {
				(Some(shared), 0) => shared.clone(),
				_ => account("job-operator", next as u32 * k + i, SEED),
			};
			T::BenchmarkHelper::setup_operator(&who, &id);
		}
	}
	let requester = funded::<T>("requester", 0);
	let job = JobsPallet::<T>::do_submit(
		requester,
		id,
		Tensor::new(vec![1], vec![1], 2),
		T::BenchmarkHelper::plenty(),
		None,
		None,
	)
	.expect("the benchmark job is submitted")
	.job;
	JobsPallet::<T>::draw_pending();
	let info = Jobs::<T>::get(job).expect("just submitted");
	let operators: Vec<T::AccountId> =
		info.assignments.iter().map(|a| a.operator.clone()).collect();
	assert_eq!(operators.len() as u32, k, "the benchmark job is drawn: {:?}", info.phase);
	assert!(shared.map_or(true, |s| operators.contains(&s)), "the shared operator is drawn");
	(job, operators)
}

/// Fill the deadline buckets from `from` on, all but the last one a search from there may use;
/// returns that last one (where a deadline due at `from` lands).
pub fn crowd_deadlines<T: Config>(from: BlockNumberFor<T>) -> BlockNumberFor<T> {
	let mut bucket = from;
	for _ in 1..T::DeadlineSearchRange::get() {
		let full: Vec<JobId> =
			(0..T::MaxDeadlinesPerBlock::get()).map(|j| u64::MAX - j as u64).collect();
		DeadlineQueue::<T>::insert(bucket, BoundedVec::truncate_from(full));
		bucket = bucket.saturating_add(One::one());
	}
	bucket
}

/// An output of the spec of job `id`'s model with every element `v`.
fn output_of<T: Config>(id: JobId, v: i64) -> OutputOf<T> {
	let job = Jobs::<T>::get(id).expect("exists");
	let spec = Models::<T>::get(job.model).expect("exists").output;
	let len = spec.element_count().unwrap_or(0) as usize;
	OutputOf::<T> {
		shape: spec.shape.clone(),
		data: BoundedVec::truncate_from(vec![v; len]),
		precision: spec.precision,
	}
}

/// Every operator of job `id` (of `MaxReplicas` operators) commits; its reveal phase opens.
fn commit_all_and_open_reveal<T: Config>(id: JobId) {
	for slot in 0..T::MaxReplicas::get() {
		<JobsPallet<T> as JobsInterface<_, _, _>>::record_commitment(id, slot, H256::zero())
			.unwrap();
	}
	JobsPallet::<T>::do_open_reveal(id).unwrap();
}

/// `n` jobs of `MaxReplicas` operators each, no two sharing an operator, submitted now.
fn full_jobs<T: Config>(n: u32) -> Vec<JobId> {
	let k = T::MaxReplicas::get();
	(0..n).map(|_| create_job::<T>(k, k / 2 + 1, T::MaxOutputLen::get(), None).0).collect()
}

/// Make the pending deadline of every job in `ids` due and return the block to process them at,
/// with the cursor on the first one.
fn due<T: Config>(ids: &[JobId]) -> BlockNumberFor<T> {
	let buckets: Vec<_> = ids.iter().filter_map(|id| Jobs::<T>::get(id)?.queued_at).collect();
	let first =
		buckets.iter().min().copied().unwrap_or_else(frame_system::Pallet::<T>::block_number);
	let last = buckets.iter().max().copied().unwrap_or(first);
	DeadlineCursor::<T>::put(first);
	frame_system::Pallet::<T>::set_block_number(last);
	last
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_model(n: Linear<0, { T::MaxNameLen::get() + T::MaxUriLen::get() }>) {
		let owner = funded::<T>("owner", 0);
		let name_len = n.min(T::MaxNameLen::get());
		let name = vec![b'n'; name_len as usize];
		let uri = vec![b'u'; (n - name_len) as usize];
		let id = H256::repeat_byte(7);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			id,
			name,
			uri,
			spec(T::MaxInputLen::get()),
			spec(T::MaxOutputLen::get()),
			Some(InputRange { min: i64::MIN, max: i64::MAX }),
			1,
			fees::<T>(),
			JobPolicy { k: 1, q: 1 },
		);

		assert_eq!(Models::<T>::get(id).map(|m| m.owner), Some(owner));
	}

	#[benchmark]
	fn set_model_fees() {
		let id = model::<T>(1, 1, majority(1));
		let owner: T::AccountId = account("owner", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 5u32.into(), 3u32.into());

		assert_eq!(Models::<T>::get(id).unwrap().fees.royalty, 3u32.into());
	}

	#[benchmark]
	fn deprecate_model() {
		let id = model::<T>(1, 1, majority(1));
		let owner: T::AccountId = account("owner", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert_eq!(Models::<T>::get(id).unwrap().status, ModelStatus::Deprecated);
	}

	/// The worst case of the call itself (the draw is [`draw`]): an input range to check, an
	/// agent tag to check, and every deadline bucket but the last one searched full.
	#[benchmark]
	fn submit_job(
		i: Linear<1, { T::MaxInputLen::get() }>,
		k: Linear<1, { T::MaxReplicas::get() }>,
	) {
		let model = model::<T>(i, 1, majority(1));
		operators::<T>(&model, k);
		let requester = funded::<T>("requester", 0);
		JobsPallet::<T>::do_register_agent(requester.clone(), b"agent".to_vec(), vec![])
			.expect("the agent registers");
		let agent = agent_tag(&requester, b"agent");
		let deadline =
			frame_system::Pallet::<T>::block_number().saturating_add(T::CommitWindow::get());
		let bucket = crowd_deadlines::<T>(deadline);
		let input = Tensor::new(vec![i], vec![-1; i as usize], 2);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester),
			model,
			input,
			T::BenchmarkHelper::plenty(),
			Some(majority(k)),
			Some(agent),
		);

		let job = Jobs::<T>::get(0).expect("submitted");
		assert_eq!(job.phase, JobPhase::Submitted);
		assert_eq!(job.queued_at, Some(bucket));
	}

	/// Reading the `c` candidates of a model (each with a reputation record) for the draws of a
	/// block: once per model per block.
	#[benchmark]
	fn read_pool(c: Linear<{ T::MaxReplicas::get() }, { T::MaxCandidates::get() }>) {
		let model = model::<T>(1, 1, majority(1));
		operators::<T>(&model, c);
		let pool;

		#[block]
		{
			pool = crate::submission::CandidatePool::<T>::load(&model, c);
		}

		assert_eq!(pool.len() as u32, c);
	}

	/// The draw of one submitted job at the end of its block from its model's pool, read
	/// already: `c` candidates, `k` drawn and recorded.
	#[benchmark]
	fn draw(
		c: Linear<{ T::MaxReplicas::get() }, { T::MaxCandidates::get() }>,
		k: Linear<1, { T::MaxReplicas::get() }>,
	) {
		let model = model::<T>(1, 1, majority(1));
		operators::<T>(&model, c);
		let requester = funded::<T>("requester", 0);
		let id = JobsPallet::<T>::do_submit(
			requester,
			model,
			Tensor::new(vec![1], vec![1], 2),
			T::BenchmarkHelper::plenty(),
			Some(majority(k)),
			None,
		)
		.expect("submitted")
		.job;
		let pending = PendingDraws::<T>::take().into_inner();
		let mut pools = alloc::collections::BTreeMap::new();
		pools.insert(model, crate::submission::CandidatePool::<T>::load(&model, c));
		PendingModels::<T>::kill();

		#[block]
		{
			for p in pending {
				JobsPallet::<T>::draw_job(p, &mut pools);
			}
		}

		assert_eq!(Jobs::<T>::get(id).unwrap().assignments.len() as u32, k);
	}

	#[benchmark]
	fn register_agent(n: Linear<0, { T::MaxAgentNameLen::get() + T::MaxAgentMetadataLen::get() }>) {
		let controller = funded::<T>("controller", 0);
		let name_len = n.min(T::MaxAgentNameLen::get());
		let name = vec![b'n'; name_len as usize];
		let metadata = vec![b'm'; (n - name_len) as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(controller.clone()), name.clone(), metadata);

		assert!(Agents::<T>::contains_key(agent_tag(&controller, &name)));
	}

	#[benchmark]
	fn set_agent_delegates(n: Linear<0, { T::MaxAgentDelegates::get() }>) {
		let controller = funded::<T>("controller", 0);
		JobsPallet::<T>::do_register_agent(controller.clone(), b"agent".to_vec(), vec![])
			.expect("the agent registers");
		let agent = agent_tag(&controller, b"agent");
		let delegates: Vec<T::AccountId> = (0..n).map(|i| account("delegate", i, SEED)).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), agent, delegates);

		assert_eq!(Agents::<T>::get(agent).unwrap().delegates.len() as u32, n);
	}

	#[benchmark]
	fn on_initialize_idle() {
		// One open job, due later: the queue is looked at and found empty.
		let (id, _) = create_job::<T>(1, 1, 1, None);
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		DeadlineCursor::<T>::put(now);

		#[block]
		{
			JobsPallet::<T>::on_initialize(now);
		}

		assert!(!Jobs::<T>::get(id).unwrap().phase.is_final());
	}

	/// `n` jobs of `MaxReplicas` operators nobody committed to reach their commit deadline.
	#[benchmark]
	fn on_initialize_commit_deadlines(n: Linear<0, { T::MaxDeadlinesProcessed::get() }>) {
		let ids = full_jobs::<T>(n);
		let at = due::<T>(&ids);

		#[block]
		{
			JobsPallet::<T>::on_initialize(at);
		}

		for id in ids {
			assert!(Jobs::<T>::get(id).unwrap().phase.is_final());
		}
	}

	/// `n` jobs of `MaxReplicas` operators reach their reveal deadline: all committed, all but
	/// one revealed, a bare quorum agreeing and the others not.
	#[benchmark]
	fn on_initialize_reveal_deadlines(n: Linear<0, { T::MaxDeadlinesProcessed::get() }>) {
		let ids = full_jobs::<T>(n);
		let k = T::MaxReplicas::get();
		let q = k / 2 + 1;
		for id in ids.iter() {
			commit_all_and_open_reveal::<T>(*id);
			for slot in 0..k.saturating_sub(1) {
				let output = output_of::<T>(*id, if slot < q { 7 } else { slot as i64 * 100 });
				<JobsPallet<T> as JobsInterface<_, _, _>>::record_reveal(*id, slot, output)
					.unwrap();
			}
		}
		let at = due::<T>(&ids);

		#[block]
		{
			JobsPallet::<T>::on_initialize(at);
		}

		for id in ids {
			assert!(Jobs::<T>::get(id).unwrap().phase.is_final());
		}
	}

	#[benchmark]
	fn set_retention() {
		let retention: BlockNumberFor<T> = 1000u32.into();

		#[extrinsic_call]
		_(RawOrigin::Root, retention);

		assert_eq!(Retention::<T>::get(), retention);
	}

	/// `n` final jobs are pruned in one `on_idle`, each at its largest: `MaxReplicas`
	/// operators that all revealed outputs of `MaxOutputLen` elements, an input of
	/// `MaxInputLen` elements and a result of `MaxOutputLen`.
	#[benchmark]
	fn on_idle_prune(n: Linear<0, { T::MaxPrunedPerBlock::get() }>) {
		Retention::<T>::put(BlockNumberFor::<T>::one());
		let ids = full_jobs::<T>(n);
		let k = T::MaxReplicas::get();
		let input_len = T::MaxInputLen::get();
		let input =
			InputOf::<T>::try_from(Tensor::new(vec![input_len], vec![3; input_len as usize], 2))
				.expect("fits");
		for id in ids.iter() {
			commit_all_and_open_reveal::<T>(*id);
			for slot in 0..k {
				<JobsPallet<T> as JobsInterface<_, _, _>>::record_reveal(
					*id,
					slot,
					output_of::<T>(*id, 7),
				)
				.unwrap();
			}
			Inputs::<T>::insert(id, input.clone());
			let outcomes = (0..k)
				.map(|_| verinfer_primitives::jobs::SlotOutcome {
					outcome: verinfer_primitives::AssignmentOutcome::Agreed,
					paid: Zero::zero(),
					slashed: Zero::zero(),
				})
				.collect();
			JobsPallet::<T>::do_conclude(
				*id,
				Conclusion {
					phase: JobPhase::Verified,
					result: Some(output_of::<T>(*id, 7)),
					agreeing: k,
					outcomes,
					payout: Default::default(),
				},
			)
			.unwrap();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let at = now.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(at);
		PruneCursor::<T>::put(at);

		#[block]
		{
			JobsPallet::<T>::on_idle(at, Weight::MAX);
		}

		for id in ids {
			assert!(Pruned::<T>::contains_key(id) && !Jobs::<T>::contains_key(id));
		}
	}

	impl_benchmark_test_suite!(
		JobsPallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
