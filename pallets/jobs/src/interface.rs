//! [`JobsInterface`] for the settlement pallet: reading jobs and writing their progress.

use crate::{
	BalanceOf, Conclusion, Config, Error, Event, InputOf, Inputs, JobId, JobOf, JobPhase, Jobs,
	JobsInterface, Models, OpenJobs, OperatorOpenJobs, OutputOf, Pallet, PendingStep, PendingWork,
	Results, Reveals,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use crate::OperatorsInterface;
use sp_core::H256;
use sp_runtime::{traits::Saturating, DispatchResult};
use verinfer_primitives::{tensor::TensorSpec, ModelId};

impl<T: Config> Pallet<T> {
	/// Write the final state of job `id`; see [`JobsInterface::conclude`]. An empty
	/// `outcomes` (only for this pallet's forced conclusions) leaves the assignments as they are.
	pub(crate) fn do_conclude(
		id: JobId,
		conclusion: Conclusion<BalanceOf<T>, T::MaxOutputLen>,
	) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(!job.phase.is_final(), Error::<T>::WrongPhase);
		ensure!(conclusion.phase.is_final(), Error::<T>::InvalidConclusion);
		ensure!(
			conclusion.outcomes.is_empty() || conclusion.outcomes.len() == job.assignments.len(),
			Error::<T>::InvalidConclusion
		);
		ensure!(
			(conclusion.phase == JobPhase::Verified) == conclusion.result.is_some(),
			Error::<T>::InvalidConclusion
		);
		for (assignment, outcome) in job.assignments.iter_mut().zip(conclusion.outcomes.iter()) {
			assignment.outcome = Some(outcome.outcome);
			assignment.paid = outcome.paid;
			assignment.slashed = outcome.slashed;
		}
		if let Some(bucket) = job.queued_at.take() {
			Self::unschedule(id, bucket);
		}
		let now = frame_system::Pallet::<T>::block_number();
		job.phase = conclusion.phase;
		job.concluded_at = Some(now);
		job.agreeing = conclusion.agreeing;
		job.payout = Some(conclusion.payout);
		if let Some(result) = conclusion.result {
			job.result_hash = Some(H256(result.canonical_hash()));
			Results::<T>::insert(id, result);
		}
		for assignment in job.assignments.iter() {
			T::Operators::note_job_closed(&assignment.operator);
			OperatorOpenJobs::<T>::remove(&assignment.operator, id);
		}
		OpenJobs::<T>::mutate(|n| n.saturating_dec());
		Self::schedule_prune(id, now);
		let phase = job.phase;
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobConcluded { job: id, phase });
		Ok(())
	}

	/// Open the reveal phase of job `id` now; see [`JobsInterface::open_reveal`].
	pub(crate) fn do_open_reveal(id: JobId) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.phase.is_committing(), Error::<T>::WrongPhase);
		if let Some(bucket) = job.queued_at.take() {
			Self::unschedule(id, bucket);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let deadline = now.saturating_add(T::RevealWindow::get());
		job.queued_at = Some(Self::schedule(id, deadline)?);
		job.phase = JobPhase::Revealing;
		job.reveal_opened_at = Some(now);
		job.reveal_deadline = Some(deadline);
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::RevealOpened { job: id, reveal_deadline: deadline });
		Ok(())
	}

	/// The steps `operator` owes its open jobs; see [`JobsInterface::pending_work`].
	pub fn pending_work_of(operator: &T::AccountId) -> Vec<PendingWork<BlockNumberFor<T>>> {
		let mut work = Vec::new();
		for id in OperatorOpenJobs::<T>::iter_key_prefix(operator) {
			let Some(job) = Jobs::<T>::get(id) else { continue };
			let Some(slot) = job.slot_of(operator) else { continue };
			let assignment = &job.assignments[slot];
			let step = match job.phase {
				JobPhase::Assigned | JobPhase::Committing if assignment.commitment.is_none() => {
					Some((PendingStep::Commit, job.commit_deadline))
				}
				JobPhase::Revealing
					if assignment.commitment.is_some() && assignment.revealed_at.is_none() =>
				{
					job.reveal_deadline.map(|d| (PendingStep::Reveal, d))
				}
				_ => None,
			};
			if let Some((step, deadline)) = step {
				work.push(PendingWork { job: id, slot: slot as u32, step, deadline });
			}
		}
		work.sort_by_key(|w| w.job);
		work
	}
}

impl<T: Config> JobsInterface<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	type MaxReplicas = T::MaxReplicas;
	type MaxInputLen = T::MaxInputLen;
	type MaxOutputLen = T::MaxOutputLen;

	fn job(id: JobId) -> Option<JobOf<T>> {
		Jobs::<T>::get(id)
	}

	fn model_owner(model: &ModelId) -> Option<T::AccountId> {
		Models::<T>::get(model).map(|m| m.owner)
	}

	fn output_spec(model: &ModelId) -> Option<TensorSpec> {
		Models::<T>::get(model).map(|m| m.output)
	}

	fn input(id: JobId) -> Option<InputOf<T>> {
		Inputs::<T>::get(id)
	}

	fn record_commitment(id: JobId, slot: u32, commitment: H256) -> DispatchResult {
		Jobs::<T>::try_mutate(id, |maybe| {
			let job = maybe.as_mut().ok_or(Error::<T>::UnknownJob)?;
			ensure!(job.phase.is_committing(), Error::<T>::WrongPhase);
			let assignment =
				job.assignments.get_mut(slot as usize).ok_or(Error::<T>::UnknownSlot)?;
			ensure!(assignment.commitment.is_none(), Error::<T>::AlreadyCommitted);
			assignment.commitment = Some(commitment);
			assignment.committed_at = Some(frame_system::Pallet::<T>::block_number());
			job.phase = JobPhase::Committing;
			Ok(())
		})
	}

	fn open_reveal(id: JobId) -> DispatchResult {
		Self::do_open_reveal(id)
	}

	fn record_reveal(id: JobId, slot: u32, output: OutputOf<T>) -> DispatchResult {
		Jobs::<T>::try_mutate(id, |maybe| {
			let job = maybe.as_mut().ok_or(Error::<T>::UnknownJob)?;
			ensure!(job.phase == JobPhase::Revealing, Error::<T>::WrongPhase);
			let assignment =
				job.assignments.get_mut(slot as usize).ok_or(Error::<T>::UnknownSlot)?;
			ensure!(assignment.commitment.is_some(), Error::<T>::NotCommitted);
			ensure!(assignment.revealed_at.is_none(), Error::<T>::AlreadyRevealed);
			assignment.revealed_at = Some(frame_system::Pallet::<T>::block_number());
			assignment.output_hash = Some(H256(output.canonical_hash()));
			Reveals::<T>::insert(id, slot, output);
			Ok(())
		})
	}

	fn revealed_output(id: JobId, slot: u32) -> Option<OutputOf<T>> {
		Reveals::<T>::get(id, slot)
	}

	fn conclude(
		id: JobId,
		conclusion: Conclusion<BalanceOf<T>, T::MaxOutputLen>,
	) -> DispatchResult {
		Self::do_conclude(id, conclusion)
	}

	fn pending_work(operator: &T::AccountId) -> Vec<PendingWork<BlockNumberFor<T>>> {
		Self::pending_work_of(operator)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_job(
		k: u32,
		q: u32,
		output_len: u32,
		shared: Option<T::AccountId>,
	) -> (JobId, Vec<T::AccountId>) {
		crate::benchmarking::create_job::<T>(k, q, output_len, shared)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_crowd_reveal_deadlines() {
		let now = frame_system::Pallet::<T>::block_number();
		crate::benchmarking::crowd_deadlines::<T>(now.saturating_add(T::RevealWindow::get()));
	}
}
