//! Read-only queries behind the runtime's `InferenceApi`: jobs, job pages, models and quotes as
//! the self-contained views of [`verinfer_primitives::api`].
//!
//! Nothing here writes storage or is meant for use in a block: the runtime API runs off-chain.
//! Every answer is bounded ([`MAX_PAGE_LEN`] jobs per page); [`Pallet::model_views`] is bounded by
//! the number of registered models, each of which costs its owner a deposit.

use crate::{
	AgentJobCount, AgentJobs, AgentTag, BalanceOf, Config, FeesInterface, Inputs, JobOf, Jobs,
	ModelOf, ModelStatus, Models, OperatorJobCount, OperatorJobs, OperatorsInterface, Pallet,
	Pruned, RequesterJobCount, RequesterJobs, Results, Retention,
};
use alloc::vec::Vec;
use codec::{Compact, Encode};
use frame_support::traits::Get;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};
use frame_system::pallet_prelude::BlockNumberFor;
use verinfer_primitives::{
	api::{JobAnswer, JobPage, JobView, ModelView, QuoteError, QuoteView, MAX_PAGE_LEN},
	tensor::{Tensor, TensorSpec},
	JobId, ModelId,
};

/// A job as the runtime API shows it.
pub type JobViewOf<T> =
	JobView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A job or its compact record as the runtime API answers it.
pub type JobAnswerOf<T> =
	JobAnswer<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A page of jobs as the runtime API shows it.
pub type JobPageOf<T> =
	JobPage<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A model as the runtime API shows it.
pub type ModelViewOf<T> =
	ModelView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// SCALE size of a tensor of `spec`: what `submit_job` charges the byte fee on.
pub fn encoded_input_len(spec: &TensorSpec) -> u32 {
	let count = spec.element_count().unwrap_or(u64::MAX).min(u32::MAX as u64) as u32;
	let rank = spec.shape.len() as u32;
	let size = Compact(rank).encoded_size() as u64
		+ 4 * rank as u64
		+ Compact(count).encoded_size() as u64
		+ 8 * count as u64
		+ 1;
	size.min(u32::MAX as u64) as u32
}

impl<T: Config> Pallet<T> {
	fn job_view_of(id: JobId, job: JobOf<T>, with_input: bool) -> JobViewOf<T> {
		let result = Results::<T>::get(id).map(Tensor::from);
		JobView {
			id,
			requester: job.requester,
			model: job.model,
			input_hash: job.input_hash,
			input: if with_input { Inputs::<T>::get(id).map(Tensor::from) } else { None },
			agent: job.agent,
			k: job.policy.k,
			q: job.policy.q,
			tolerance: job.tolerance,
			unverified: job.unverified,
			max_fee: job.max_fee,
			quote: job.quote,
			assignments: job.assignments.into_inner(),
			status: job.phase,
			submitted_at: job.submitted_at,
			commit_deadline: job.commit_deadline,
			reveal_opened_at: job.reveal_opened_at,
			reveal_deadline: job.reveal_deadline,
			concluded_at: job.concluded_at,
			agreeing: job.agreeing,
			result_hash: job.result_hash,
			not_computable: job.phase == crate::JobPhase::Verified &&
				result.as_ref().is_some_and(|r| r.is_not_computable()),
			result,
			payout: job.payout,
			storage: job.storage,
		}
	}

	/// The single-job view of job `id` (with its input and result), whose record is `job`:
	/// what `InferenceApi::job` answers and what a compact record's `record_hash` hashes.
	pub fn full_view(id: JobId, job: JobOf<T>) -> JobViewOf<T> {
		Self::job_view_of(id, job, true)
	}

	/// The answer for job `id` whose details are gone: its compact record, if it has one.
	fn pruned_answer(id: JobId) -> Option<JobAnswerOf<T>> {
		Pruned::<T>::get(id).map(|pruned| JobAnswer::Pruned {
			full_record_at: pruned.pruned_at.saturating_sub(1u32.into()),
			pruned,
		})
	}

	/// The job `id` with its input and result, or its compact record if its details were
	/// pruned; `None` if there is no such job.
	pub fn job_view(id: JobId) -> Option<JobAnswerOf<T>> {
		match Jobs::<T>::get(id) {
			Some(job) => Some(JobAnswer::Full(Self::full_view(id, job))),
			None => Self::pruned_answer(id),
		}
	}

	/// One page of an index of `count` entries read by `get(seq)`, newest first from `start`
	/// (`None`: the newest), at most `len` (capped at [`MAX_PAGE_LEN`]) jobs, without inputs.
	fn job_page(
		count: u32,
		start: Option<u32>,
		len: u32,
		get: impl Fn(u32) -> Option<JobId>,
	) -> JobPageOf<T> {
		let len = len.min(MAX_PAGE_LEN);
		let Some(last) = count.checked_sub(1) else {
			return JobPage { total: 0, jobs: Vec::new(), next: None };
		};
		let top = start.unwrap_or(last).min(last);
		if len == 0 {
			return JobPage { total: count, jobs: Vec::new(), next: Some(top) };
		}
		// `top + 1 - len`, saturating: the lowest sequence number of this page.
		let bottom = (top + 1).saturating_sub(len);
		let jobs = (bottom..=top)
			.rev()
			.filter_map(|seq| {
				let id = get(seq)?;
				match Jobs::<T>::get(id) {
					Some(job) => Some(JobAnswer::Full(Self::job_view_of(id, job, false))),
					None => Self::pruned_answer(id),
				}
			})
			.collect();
		JobPage { total: count, jobs, next: bottom.checked_sub(1) }
	}

	/// A page of the jobs `who` submitted, newest first; see [`verinfer_primitives::api`].
	pub fn requester_page(who: &T::AccountId, start: Option<u32>, len: u32) -> JobPageOf<T> {
		Self::job_page(RequesterJobCount::<T>::get(who), start, len, |seq| {
			RequesterJobs::<T>::get(who, seq)
		})
	}

	/// A page of the jobs `who` was assigned, newest first; see [`verinfer_primitives::api`].
	pub fn operator_page(who: &T::AccountId, start: Option<u32>, len: u32) -> JobPageOf<T> {
		Self::job_page(OperatorJobCount::<T>::get(who), start, len, |seq| {
			OperatorJobs::<T>::get(who, seq)
		})
	}

	/// A page of the jobs tagged `agent`, newest first; see [`verinfer_primitives::api`].
	pub fn agent_page(agent: &AgentTag, start: Option<u32>, len: u32) -> JobPageOf<T> {
		Self::job_page(AgentJobCount::<T>::get(agent), start, len, |seq| {
			AgentJobs::<T>::get(agent, seq)
		})
	}

	fn model_view_of(id: ModelId, model: ModelOf<T>) -> ModelViewOf<T> {
		ModelView {
			id,
			input_bytes: encoded_input_len(&model.input),
			eligible_operators: T::Operators::candidates(&id).iter().filter(|c| c.room > 0).count()
				as u32,
			owner: model.owner,
			name: model.name.into_inner(),
			uri: model.uri.into_inner(),
			input: model.input,
			output: model.output,
			input_range: model.input_range,
			tolerance: model.tolerance,
			fees: model.fees,
			k: model.policy.k,
			q: model.policy.q,
			deposit: model.deposit,
			active: model.status == ModelStatus::Active,
			registered_at: model.registered_at,
		}
	}

	/// Every registered model, by ascending id (the order of the `Identity`-keyed map).
	pub fn model_views() -> Vec<ModelViewOf<T>> {
		Models::<T>::iter().map(|(id, model)| Self::model_view_of(id, model)).collect()
	}

	/// The quote `submit_job` would hold now for `model` on `input_len` bytes (default: the
	/// size of a valid input) with `k` operators (default: the model's `k`).
	pub fn quote_for(
		model: ModelId,
		input_len: Option<u32>,
		k: Option<u32>,
	) -> Result<QuoteView<BalanceOf<T>>, QuoteError> {
		let info = Models::<T>::get(model).ok_or(QuoteError::UnknownModel)?;
		if info.status != ModelStatus::Active {
			return Err(QuoteError::ModelDeprecated);
		}
		let k = k.unwrap_or(info.policy.k);
		if k == 0 || k > T::MaxReplicas::get() {
			return Err(QuoteError::InvalidReplicas);
		}
		if k < info.policy.k {
			return Err(QuoteError::BelowModelPolicy);
		}
		let input_bytes = input_len.unwrap_or_else(|| encoded_input_len(&info.input));
		let quote = T::Fees::quote(&info.fees, input_bytes, k).map_err(|_| QuoteError::Overflow)?;
		let storage = Self::storage_cost(input_bytes, &info.output, k);
		let retention = Retention::<T>::get().unique_saturated_into();
		Ok(QuoteView { model, input_bytes, quote, storage, retention })
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::{Jobs, *};
	use frame_support::{assert_ok, traits::Hooks};

	#[test]
	fn encoded_input_len_matches_a_real_tensor() {
		for shape in [vec![1u32, 4], vec![1, 64], vec![], vec![2, 3, 100]] {
			let count = verinfer_primitives::tensor::element_count(&shape).unwrap() as usize;
			let tensor = Tensor::new(shape.clone(), vec![7; count], 3);
			let spec = tensor.spec().unwrap();
			assert_eq!(encoded_input_len(&spec) as usize, tensor.encoded_size(), "{shape:?}");
		}
		assert_eq!(encoded_input_len(&input_spec()) as usize, input().encoded_size());
	}

	fn ids(page: &JobPageOf<Test>) -> Vec<JobId> {
		page.jobs.iter().map(|j| j.id()).collect()
	}

	#[test]
	fn pages_walk_down_from_the_cursor() {
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
			let page = Jobs::requester_page(&ALICE, None, 3);
			assert_eq!((page.total, ids(&page), page.next), (4, vec![6, 4, 2], Some(0)));
			let page = Jobs::requester_page(&ALICE, page.next, 3);
			assert_eq!((ids(&page), page.next), (vec![0], None));
			// A start beyond the index is clamped to the newest entry.
			assert_eq!(ids(&Jobs::requester_page(&ALICE, Some(99), 2)), vec![6, 4]);
			// Pages are capped at `MAX_PAGE_LEN`.
			assert_eq!(ids(&Jobs::operator_page(&101, None, u32::MAX)), vec![6, 5, 4, 3, 2, 1, 0]);
			assert_eq!(ids(&Jobs::agent_page(&tag, Some(1), 10)), vec![4, 3]);
			let empty = Jobs::agent_page(&AgentTag::zero(), None, 10);
			assert_eq!((empty.total, empty.jobs.len(), empty.next), (0, 0, None));
			assert!(page.jobs[0].full().unwrap().input.is_none(), "pages carry no inputs");

			let job = Jobs::job_view(6).unwrap().into_full().unwrap();
			assert_eq!(job.requester, ALICE);
			assert_eq!(job.agent, Some(tag));
			assert_eq!(job.status, crate::JobPhase::Assigned);
			assert_eq!(job.input, Some(input()));
			assert_eq!(job.assignments.len(), 1);
			assert!(Jobs::job_view(7).is_none());
		});
	}

	#[test]
	fn models_and_quotes() {
		ExtBuilder::default().build_and_execute(|| {
			register(1, 1, 1);
			register(2, 3, 2);
			add_operators(2, &[model(1)]);
			let models = Jobs::model_views();
			assert_eq!(models.iter().map(|m| m.id).collect::<Vec<_>>(), vec![model(1), model(2)]);
			assert_eq!(models[0].eligible_operators, 2);
			assert_eq!(models[1].eligible_operators, 0);
			assert_eq!((models[1].k, models[1].q, models[1].active), (3, 2, true));

			let bytes = input().encoded_size() as u32;
			let view = Jobs::quote_for(model(1), None, None).unwrap();
			assert_eq!(view.input_bytes, bytes);
			let expected = <Test as Config>::Fees::quote(&models[0].fees, bytes, 1).unwrap();
			assert_eq!(view.quote, expected);
			let view = Jobs::quote_for(model(2), Some(10), Some(4)).unwrap();
			assert_eq!((view.input_bytes, view.quote.k), (10, 4));
			assert_eq!(Jobs::quote_for(model(9), None, None), Err(QuoteError::UnknownModel));
			assert_eq!(Jobs::quote_for(model(2), None, Some(2)), Err(QuoteError::BelowModelPolicy));
			assert_eq!(Jobs::quote_for(model(2), None, Some(0)), Err(QuoteError::InvalidReplicas));
			assert_eq!(Jobs::quote_for(model(2), None, Some(99)), Err(QuoteError::InvalidReplicas));
			assert_ok!(Jobs::deprecate_model(RuntimeOrigin::signed(OWNER), model(2)));
			assert_eq!(Jobs::quote_for(model(2), None, None), Err(QuoteError::ModelDeprecated));
		});
	}
}
