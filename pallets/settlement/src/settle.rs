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

/// The verdict over a job's reveals: which slots agreed and on what.
struct Verdict<T: Config> {
	/// The agreed result, if the job is verified (possibly the "not computable" answer).
	result: Option<OutputOf<T>>,
	/// The slots whose reveal agreed with the result (empty unless verified).
	agreeing: Vec<usize>,
}

/// What the requester of a job may still receive as compensation from its slashes: what it
/// paid, less what it got back. A requester never receives more from a job than it paid.
struct CompensationBudget<Balance>(Balance);

impl<T: Config> Pallet<T> {
	/// Slash `who` by `fraction` for `reason`, compensating the requester out of `budget`;
	/// returns the amount taken.
	fn slash(
		who: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		requester: &T::AccountId,
		budget: &mut CompensationBudget<T::Balance>,
	) -> T::Balance {
		let slashed = T::Operators::slash(who, fraction, reason, Some((requester, budget.0)));
		budget.0 = budget.0.saturating_sub(slashed.compensation);
		slashed.amount
	}

	/// The verdict over the reveals of job `id`:
	///
	/// - the reveals that are the canonical "not computable" answer form one group of their own;
	/// - among the reveals of the declared output spec, the largest group of pairwise agreeing
	///   outputs gives the result (its element-wise median), and every such output within
	///   tolerance of that result agrees with it ([`verdict::decide`]);
	/// - whichever of the two reaches the quorum is the verdict (a majority quorum lets at most
	///   one do so); any other reveal agrees with nothing.
	fn verdict(id: JobId, job: &JobOf<T>) -> Result<Verdict<T>, Error<T>> {
		let spec = T::Jobs::output_spec(&job.model).ok_or(Error::<T>::UnknownJob)?;
		let mut slots = Vec::new();
		let mut outputs: Vec<OutputOf<T>> = Vec::new();
		let mut not_computable = Vec::new();
		for (slot, assignment) in job.assignments.iter().enumerate() {
			if assignment.revealed_at.is_none() {
				continue;
			}
			let Some(output) = T::Jobs::revealed_output(id, slot as u32) else { continue };
			if output.is_not_computable() {
				not_computable.push(slot);
			} else if output.shape[..] == spec.shape[..] &&
				output.precision == spec.precision &&
				output.validate().is_ok()
			{
				slots.push(slot);
				outputs.push(output);
			}
		}
		if not_computable.len() as u32 >= job.policy.q {
			return Ok(Verdict {
				result: Some(OutputOf::<T>::not_computable()),
				agreeing: not_computable,
			});
		}
		let data: Vec<&[i64]> = outputs.iter().map(|o| &o.data[..]).collect();
		let decision = verdict::decide(&data, job.tolerance, job.policy.q);
		let Some(result) = decision.result else {
			return Ok(Verdict { result: None, agreeing: Vec::new() });
		};
		Ok(Verdict {
			result: Some(OutputOf::<T> {
				shape: spec.shape.clone(),
				data: BoundedVec::try_from(result).map_err(|_| Error::<T>::OutputTooLarge)?,
				precision: spec.precision,
			}),
			agreeing: decision.group.iter().map(|i| slots[*i]).collect(),
		})
	}

	/// The verdict of revealing job `id`, and everything that follows from it.
	pub(crate) fn settle(id: JobId) -> DispatchResult {
		let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.phase == JobPhase::Revealing, Error::<T>::RevealNotOpen);
		let Verdict { result, agreeing } = Self::verdict(id, &job)?;
		let verified = result.is_some();
		let owner = T::Jobs::model_owner(&job.model).ok_or(Error::<T>::UnknownJob)?;

		let payout = if verified {
			let paid: Vec<T::AccountId> =
				agreeing.iter().map(|slot| job.assignments[*slot].operator.clone()).collect();
			T::Fees::settle(id, &paid, &owner)?
		} else {
			Payout { refunded: T::Fees::refund(id)?, ..Default::default() }
		};

		let mut budget = CompensationBudget(job.quote.total.saturating_sub(payout.refunded));
		let mut outcomes = Vec::with_capacity(job.assignments.len());
		for (slot, assignment) in job.assignments.iter().enumerate() {
			let agreed = agreeing.contains(&slot);
			let (outcome, event) =
				Self::slot_outcome(id, &job, &owner, assignment, agreed, verified, &mut budget);
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

	/// What becomes of `assignment` in revealing job `id` once the verdict is known:
	///
	/// - agreeing: paid; its evidence counts only if the job was checked by others and the
	///   operator dealt with somebody else (see [`Self::credited`]);
	/// - revealed another output: slashed `WrongResultSlash` if the job is verified, only
	///   unconfirmed if it failed;
	/// - committed but withheld its reveal: slashed like a wrong answer, so that withholding a
	///   losing output never pays;
	/// - did not commit: slashed `MissSlash`.
	///
	/// Slashes happen here; the payment is the fees pallet's.
	fn slot_outcome(
		id: JobId,
		job: &JobOf<T>,
		model_owner: &T::AccountId,
		assignment: &AssignmentOf<T>,
		agreed: bool,
		verified: bool,
		budget: &mut CompensationBudget<T::Balance>,
	) -> (SlotOutcome<T::Balance>, ReputationEvent<T::Balance>) {
		let who = &assignment.operator;
		let fee = job.quote.per_operator;
		let requester = &job.requester;
		let (outcome, paid, slashed, event) = if agreed {
			let latency =
				blocks(job.submitted_at, assignment.revealed_at.unwrap_or(job.submitted_at));
			let event = if Self::credited(job, model_owner, who) {
				ReputationEvent::Agreed { latency, fee }
			} else {
				ReputationEvent::Uncredited { latency, fee }
			};
			(AssignmentOutcome::Agreed, fee, Zero::zero(), event)
		} else if assignment.revealed_at.is_some() {
			if verified {
				let reason = SlashReason::WrongResult(id);
				let slashed =
					Self::slash(who, T::WrongResultSlash::get(), reason, requester, budget);
				let event = ReputationEvent::Disagreed { fee, slashed };
				(AssignmentOutcome::Disagreed, Zero::zero(), slashed, event)
			} else {
				let event = ReputationEvent::Disagreed { fee, slashed: Zero::zero() };
				(AssignmentOutcome::Unconfirmed, Zero::zero(), Zero::zero(), event)
			}
		} else if assignment.commitment.is_some() {
			let reason = SlashReason::MissedReveal(id);
			let slashed = Self::slash(who, T::WrongResultSlash::get(), reason, requester, budget);
			let event = ReputationEvent::Withheld { fee, slashed };
			(AssignmentOutcome::MissedReveal, Zero::zero(), slashed, event)
		} else {
			let reason = SlashReason::MissedCommit(id);
			let slashed = Self::slash(who, T::MissSlash::get(), reason, requester, budget);
			(AssignmentOutcome::MissedCommit, Zero::zero(), slashed, ReputationEvent::Missed { fee, slashed })
		};
		(SlotOutcome { outcome, paid, slashed }, event)
	}

	/// Whether an agreeing operator's part in `job` is evidence about it: the job was checked by
	/// other operators (not `k = q = 1`) and the operator is neither its requester nor the owner
	/// of its model, so nobody can buy reputation by dealing with themselves.
	fn credited(job: &JobOf<T>, model_owner: &T::AccountId, operator: &T::AccountId) -> bool {
		!job.unverified && job.requester != *operator && *model_owner != *operator
	}

	/// Job `id` reached its commit deadline with fewer than `q` commitments: refund, slash the
	/// operators that did not commit. Committers are not paid and gain no evidence.
	pub(crate) fn expire(id: JobId) -> DispatchResult {
		let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.phase.is_committing(), Error::<T>::JobConcluded);
		let refunded = T::Fees::refund(id)?;
		// Refunded in full: nothing is left to compensate.
		let mut budget = CompensationBudget(job.quote.total.saturating_sub(refunded));
		let fee = job.quote.per_operator;
		let mut outcomes = Vec::with_capacity(job.assignments.len());
		for assignment in job.assignments.iter() {
			let who = &assignment.operator;
			let (outcome, slashed, event) = match assignment.committed_at {
				Some(at) => {
					let latency = blocks::<BlockNumberFor<T>>(job.submitted_at, at);
					let event = ReputationEvent::Uncredited { latency, fee: Zero::zero() };
					(AssignmentOutcome::Committed, Zero::zero(), event)
				}
				None => {
					let slashed = Self::slash(
						who,
						T::MissSlash::get(),
						SlashReason::MissedCommit(id),
						&job.requester,
						&mut budget,
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
