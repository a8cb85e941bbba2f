//! Submitting a job: the checks of [`Pallet::submit_job`], the draw of its operators and the
//! writes that open it. See the crate docs, *Lifecycle* and *Assignment*.

use crate::{
	assignment, Assignment, BalanceOf, Config, Error, Event, InputOf, Inputs, JobId, JobInfo,
	JobPhase, JobPolicy, Jobs, ModelId, ModelOf, ModelStatus, Models, NextJobId, OpenJobs,
	OperatorJobCount, OperatorJobs, OperatorOpenJobs, Pallet, AgentJobCount, AgentJobs,
	AgentTag, FeesInterface, OperatorsInterface, ReputationInterface, RequesterJobCount,
	RequesterJobs, ASSIGNMENT_CONTEXT,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchError,
	traits::{Get, Randomness},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};
use verinfer_primitives::tensor::Tensor;

impl<T: Config> Pallet<T> {
	/// Submit a job; see [`Pallet::submit_job`]. Returns the job id, the number of
	/// candidates considered and `k`. Not transactional by itself: call it from a
	/// transactional context.
	pub fn do_submit(
		requester: T::AccountId,
		model_id: ModelId,
		input: Tensor,
		max_fee: BalanceOf<T>,
		policy: Option<JobPolicy>,
		agent: Option<AgentTag>,
	) -> Result<(JobId, u32, u32), DispatchError> {
		let model = Models::<T>::get(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(model.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		let policy = Self::policy_for(&model, policy)?;
		let input = Self::checked_input(&model, input)?;

		let input_bytes = input.encoded_size() as u32;
		let quote = T::Fees::quote(&model.fees, input_bytes, policy.k)?;
		ensure!(quote.total <= max_fee, Error::<T>::FeeAboveMax);
		ensure!(OpenJobs::<T>::get() < Self::max_open_jobs(), Error::<T>::TooManyOpenJobs);

		let id = NextJobId::<T>::get();
		let (operators, candidates) = Self::draw(&model_id, id, policy.k)?;
		T::Fees::hold_escrow(id, &requester, &quote)?;
		for operator in operators.iter() {
			T::Operators::note_job_opened(operator)?;
		}

		let now = frame_system::Pallet::<T>::block_number();
		let commit_deadline = now.saturating_add(T::CommitWindow::get());
		let bucket = Self::schedule(id, commit_deadline)?;

		let assignments: BoundedVec<_, T::MaxReplicas> = operators
			.iter()
			.cloned()
			.map(Assignment::new)
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| Error::<T>::InvalidPolicy)?;
		let job = JobInfo {
			requester: requester.clone(),
			model: model_id,
			input_hash: H256(input.canonical_hash()),
			agent,
			policy,
			tolerance: model.tolerance,
			unverified: policy.is_unverified(),
			max_fee,
			quote,
			assignments,
			phase: JobPhase::Assigned,
			submitted_at: now,
			commit_deadline,
			reveal_opened_at: None,
			reveal_deadline: None,
			concluded_at: None,
			queued_at: Some(bucket),
			agreeing: 0,
			result_hash: None,
			payout: None,
		};
		Jobs::<T>::insert(id, job);
		Inputs::<T>::insert(id, input);
		NextJobId::<T>::put(id.saturating_add(1));
		OpenJobs::<T>::mutate(|n| n.saturating_inc());
		Self::index(id, &requester, &operators, agent);

		Self::deposit_event(Event::JobSubmitted {
			job: id,
			requester,
			model: model_id,
			agent,
			operators,
			quote,
			commit_deadline,
		});
		Ok((id, candidates, policy.k))
	}

	/// The policy of a new job of `model`: the requested one if it is valid and not below the
	/// model's default, the default otherwise.
	fn policy_for(model: &ModelOf<T>, requested: Option<JobPolicy>) -> Result<JobPolicy, Error<T>> {
		let Some(p) = requested else { return Ok(model.policy) };
		ensure!(p.is_valid(T::MaxReplicas::get()), Error::<T>::InvalidPolicy);
		ensure!(p.k >= model.policy.k && p.q >= model.policy.q, Error::<T>::PolicyBelowModel);
		Ok(p)
	}

	/// `input` in stored form, if it has exactly the model's declared shape and precision.
	fn checked_input(model: &ModelOf<T>, input: Tensor) -> Result<InputOf<T>, Error<T>> {
		ensure!(input.data.len() as u64 <= T::MaxInputLen::get() as u64, Error::<T>::InputTooLarge);
		ensure!(input.shape[..] == model.input.shape[..], Error::<T>::WrongInputShape);
		ensure!(input.precision == model.input.precision, Error::<T>::WrongInputPrecision);
		ensure!(input.validate().is_ok(), Error::<T>::WrongInputSize);
		InputOf::<T>::try_from(input).map_err(|_| Error::<T>::InputTooLarge)
	}

	/// Add job `id` to the indexes of its requester, its operators and its agent tag.
	fn index(id: JobId, requester: &T::AccountId, operators: &[T::AccountId], agent: Option<AgentTag>) {
		RequesterJobs::<T>::insert(requester, RequesterJobCount::<T>::mutate(requester, take_seq), id);
		for operator in operators {
			OperatorJobs::<T>::insert(operator, OperatorJobCount::<T>::mutate(operator, take_seq), id);
			OperatorOpenJobs::<T>::insert(operator, id, ());
		}
		if let Some(tag) = agent {
			AgentJobs::<T>::insert(tag, AgentJobCount::<T>::mutate(tag, take_seq), id);
		}
	}

	/// Draw `k` operators for job `job` of `model`; returns them in draw order with the
	/// number of candidates considered.
	pub(crate) fn draw(
		model: &ModelId,
		job: JobId,
		k: u32,
	) -> Result<(Vec<T::AccountId>, u32), DispatchError> {
		let mut candidates = T::Operators::eligible_operators(model);
		candidates.truncate(T::MaxCandidates::get() as usize);
		let considered = candidates.len() as u32;
		candidates.retain(|(who, _)| !T::Reputation::is_excluded(who));
		let weights: Vec<u128> = candidates
			.iter()
			.map(|(who, bond)| {
				let bond: u128 = (*bond).unique_saturated_into();
				bond.saturating_mul(T::Reputation::score(who).deconstruct() as u128)
			})
			.collect();
		let drawn = assignment::sample(&weights, k as usize, &Self::assignment_seed(job))
			.ok_or(Error::<T>::NotEnoughOperators)?;
		Ok((drawn.into_iter().map(|i| candidates[i].0.clone()).collect(), considered))
	}

	/// The seed of the draw of job `job`: `Config::Randomness` for this job, or the parent
	/// hash when there is none, hashed with the job id.
	pub(crate) fn assignment_seed(job: JobId) -> [u8; 32] {
		let (random, _) = T::Randomness::random(&(ASSIGNMENT_CONTEXT, job).encode());
		let random = random.unwrap_or_else(frame_system::Pallet::<T>::parent_hash);
		assignment::seed(random.as_ref(), job)
	}

	/// Most open jobs at once: what the deadline queue can always place.
	pub fn max_open_jobs() -> u32 {
		T::MaxDeadlinesPerBlock::get().saturating_mul(T::DeadlineSearchRange::get())
	}
}

/// Hands out the next sequence number of an index and counts it.
fn take_seq(count: &mut u32) -> u32 {
	let seq = *count;
	count.saturating_inc();
	seq
}
