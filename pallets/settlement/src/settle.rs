//! Reaching a job's final state: the verdict, payments, slashes, reputation evidence and the
//! record. See the crate docs for the table of outcomes.

use crate::{verdict, AssignmentOf, Config, Error, Event, JobOf, OutputOf, Pallet};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto, Zero},
	BoundedVec, DispatchResult, Perbill,
};
use verinfer_primitives::{
	jobs::{AssignmentOutcome, Conclusion, JobPhase, SlotOutcome},
	traits::{FeesInterface, JobsInterface, OperatorsInterface, ReputationInterface},
	JobId, Payout, ReputationEvent, SlashReason,
};

/// Blocks from `from` to `to`, as a latency.
fn blocks<N: Saturating + UniqueSaturatedInto<u32> + Copy>(from: N, to: N) -> u32 {
	to.saturating_sub(from).unique_saturated_into()
}

impl<T: Config> Pallet<T> {
	/// Slash `who` by `fraction` for `reason`, compensating `requester`; returns the amount.
	fn slash(
		who: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		requester: &T::AccountId,
	) -> T::Balance {
		T::Operators::slash(who, fraction, reason, Some(requester))
	}

	/// The verdict of revealing job `id`, and everything that follows from it.
	pub(crate) fn settle(id: JobId) -> DispatchResult {
		let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.phase == JobPhase::Revealing, Error::<T>::RevealNotOpen);
		let spec = T::Jobs::output_spec(&job.model).ok_or(Error::<T>::UnknownJob)?;

		// The revealed outputs of the declared spec, by slot; others agree with nothing.
		let mut slots = Vec::new();
		let mut outputs: Vec<OutputOf<T>> = Vec::new();
		for (slot, assignment) in job.assignments.iter().enumerate() {
			if assignment.revealed_at.is_none() {
				continue;
			}
			let Some(output) = T::Jobs::revealed_output(id, slot as u32) else { continue };
			if output.shape[..] == spec.shape[..]
				&& output.precision == spec.precision
				&& output.validate().is_ok()
			{
				slots.push(slot);
				outputs.push(output);
			}
		}
		let data: Vec<&[i64]> = outputs.iter().map(|o| &o.data[..]).collect();
		let decision = verdict::decide(&data, job.tolerance, job.policy.q);
		let agreeing: Vec<usize> = match decision.result {
			Some(_) => decision.group.iter().map(|i| slots[*i]).collect(),
			None => Vec::new(),
		};
		let result = match decision.result {
			Some(data) => Some(OutputOf::<T> {
				shape: spec.shape.clone(),
				data: BoundedVec::try_from(data).map_err(|_| Error::<T>::OutputTooLarge)?,
				precision: spec.precision,
			}),
			None => None,
		};
		let verified = result.is_some();

		let payout = if verified {
			let owner = T::Jobs::model_owner(&job.model).ok_or(Error::<T>::UnknownJob)?;
			let paid: Vec<T::AccountId> =
				agreeing.iter().map(|slot| job.assignments[*slot].operator.clone()).collect();
			T::Fees::settle(id, &paid, &owner)?
		} else {
			Payout { refunded: T::Fees::refund(id)?, ..Default::default() }
		};

		let mut outcomes = Vec::with_capacity(job.assignments.len());
		for (slot, assignment) in job.assignments.iter().enumerate() {
			let (outcome, event) =
				Self::slot_outcome(id, &job, assignment, agreeing.contains(&slot), verified);
			T::Reputation::record(&assignment.operator, event);
			outcomes.push(outcome);
		}

		let phase = if verified { JobPhase::Verified } else { JobPhase::Failed };
		let result_hash = result.as_ref().map(|r| H256(r.canonical_hash()));
		let agreeing = agreeing.len() as u32;
		T::Jobs::conclude(id, Conclusion { phase, result, agreeing, outcomes, payout })?;
		Self::deposit_event(Event::Verdict { job: id, phase, agreeing, result_hash });
		Ok(())
	}

	/// What becomes of `assignment` in revealing job `id` once the verdict is known: in the
	/// agreeing group it is paid; a revealed output outside it is slashed `WrongResultSlash` if
	/// the job is verified (and only marked unconfirmed if it failed); a missing commit or
	/// reveal is slashed `MissSlash`. Slashes happen here; the payment is the fees pallet's.
	fn slot_outcome(
		id: JobId,
		job: &JobOf<T>,
		assignment: &AssignmentOf<T>,
		agreed: bool,
		verified: bool,
	) -> (SlotOutcome<T::Balance>, ReputationEvent<T::Balance>) {
		let who = &assignment.operator;
		let fee = job.quote.per_operator;
		let (outcome, paid, slashed, event) = if agreed {
			let latency =
				blocks(job.submitted_at, assignment.revealed_at.unwrap_or(job.submitted_at));
			(AssignmentOutcome::Agreed, fee, Zero::zero(), ReputationEvent::Agreed { latency, fee })
		} else if assignment.revealed_at.is_some() {
			if verified {
				let slashed = Self::slash(
					who,
					T::WrongResultSlash::get(),
					SlashReason::WrongResult(id),
					&job.requester,
				);
				let event = ReputationEvent::Disagreed { fee, slashed };
				(AssignmentOutcome::Disagreed, Zero::zero(), slashed, event)
			} else {
				let event = ReputationEvent::Disagreed { fee, slashed: Zero::zero() };
				(AssignmentOutcome::Unconfirmed, Zero::zero(), Zero::zero(), event)
			}
		} else {
			let (outcome, reason) = if assignment.commitment.is_some() {
				(AssignmentOutcome::MissedReveal, SlashReason::MissedReveal(id))
			} else {
				(AssignmentOutcome::MissedCommit, SlashReason::MissedCommit(id))
			};
			let slashed = Self::slash(who, T::MissSlash::get(), reason, &job.requester);
			(outcome, Zero::zero(), slashed, ReputationEvent::Missed { fee, slashed })
		};
		(SlotOutcome { outcome, paid, slashed }, event)
	}

	/// Job `id` reached its commit deadline with fewer than `q` commitments: refund, slash the
	/// operators that did not commit.
	pub(crate) fn expire(id: JobId) -> DispatchResult {
		let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.phase.is_committing(), Error::<T>::JobConcluded);
		let refunded = T::Fees::refund(id)?;
		let fee = job.quote.per_operator;
		let mut outcomes = Vec::with_capacity(job.assignments.len());
		for assignment in job.assignments.iter() {
			let who = &assignment.operator;
			let (outcome, slashed, event) = match assignment.committed_at {
				Some(at) => {
					let latency = blocks::<BlockNumberFor<T>>(job.submitted_at, at);
					let event = ReputationEvent::Agreed { latency, fee: Zero::zero() };
					(AssignmentOutcome::Committed, Zero::zero(), event)
				}
				None => {
					let slashed = Self::slash(
						who,
						T::MissSlash::get(),
						SlashReason::MissedCommit(id),
						&job.requester,
					);
					(
						AssignmentOutcome::MissedCommit,
						slashed,
						ReputationEvent::Missed { fee, slashed },
					)
				}
			};
			T::Reputation::record(who, event);
			outcomes.push(SlotOutcome { outcome, paid: Zero::zero(), slashed });
		}
		let conclusion = Conclusion {
			phase: JobPhase::Expired,
			result: None,
			agreeing: 0,
			outcomes,
			payout: Payout { refunded, ..Default::default() },
		};
		T::Jobs::conclude(id, conclusion)?;
		Self::deposit_event(Event::Verdict {
			job: id,
			phase: JobPhase::Expired,
			agreeing: 0,
			result_hash: None,
		});
		Ok(())
	}
}
