//! The pallet's invariants, checked after every block by `try-runtime` and after every test.
//!
//! [`Pallet::do_try_state`] runs each named check in turn; each says in its docs what must hold.

use crate::{
	agent_tag, asset, Agents, BalanceOf, Config, DeadlineQueue, FeesInterface, Inputs, JobId,
	JobOf, JobPhase, Jobs, Models, NextJobId, OpenJobs, OperatorOpenJobs, Pallet, PendingDraws,
	PruneCursor, PruneQueue, Pruned, RequesterJobCount, RequesterJobs, Results, Reveals,
};
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Saturating, TryRuntimeError};

type CheckResult = Result<(), TryRuntimeError>;

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet (see the `check_*` functions).
	pub fn do_try_state() -> CheckResult {
		let mut open_pairs = BTreeSet::new();
		let mut jobs = 0u64;
		let mut open = 0u32;
		let queued = Self::check_prune_queue()?;
		for (id, job) in Jobs::<T>::iter() {
			jobs += 1;
			Self::check_record(id, &job)?;
			if job.phase.is_final() {
				Self::check_final_job(id, &job)?;
				let expiry = queued.get(&id).ok_or("final job not queued for pruning")?;
				ensure!(*expiry > job.concluded_at.unwrap_or_default(), "pruned before concluded");
			} else {
				open += 1;
				Self::check_open_job(id, &job)?;
				open_pairs.extend(job.assignments.iter().map(|a| (a.operator.clone(), id)));
			}
		}
		ensure!(queued.len() as u64 <= jobs, "prune queue holds jobs without record");
		jobs += Self::check_pruned()?;
		ensure!(jobs == NextJobId::<T>::get(), "job ids not contiguous");
		Self::check_no_orphans()?;
		Self::check_storage_deposits()?;
		Self::check_open_count_and_queue(open)?;
		Self::check_operator_open_index(open_pairs)?;
		Self::check_requester_index(jobs)?;
		Self::check_pending_draws()?;
		Self::check_model_deposits()?;
		Self::check_agents()
	}

	/// Every job has an id below the counter, an input, a valid policy with `k` distinct
	/// operators once drawn (none before, or if none could be), a stored output exactly for
	/// each reveal (and only after a commitment), and a result exactly when verified.
	fn check_record(id: JobId, job: &JobOf<T>) -> CheckResult {
		ensure!(id < NextJobId::<T>::get(), "job id beyond the counter");
		ensure!(Inputs::<T>::contains_key(id), "job without input");
		ensure!(job.policy.is_valid(T::MaxReplicas::get()), "invalid policy stored");
		let drawn = !matches!(job.phase, JobPhase::Submitted | JobPhase::Unassigned);
		let expected = if drawn { job.policy.k } else { 0 };
		ensure!(job.assignments.len() as u32 == expected, "assignments differ from k");
		let distinct: BTreeSet<_> = job.assignments.iter().map(|a| &a.operator).collect();
		ensure!(distinct.len() == job.assignments.len(), "operator assigned twice");
		for (slot, a) in job.assignments.iter().enumerate() {
			ensure!(
				a.revealed_at.is_some() == Reveals::<T>::contains_key(id, slot as u32),
				"reveal record and stored output differ"
			);
			ensure!(a.revealed_at.is_none() || a.commitment.is_some(), "reveal without commit");
		}
		ensure!(
			(job.phase == JobPhase::Verified) == Results::<T>::contains_key(id),
			"result stored exactly for verified jobs"
		);
		Ok(())
	}

	/// A final job is out of the deadline queue, has its conclusion block and no escrow.
	fn check_final_job(id: JobId, job: &JobOf<T>) -> CheckResult {
		ensure!(job.queued_at.is_none(), "final job still queued");
		ensure!(job.concluded_at.is_some(), "final job without conclusion block");
		ensure!(T::Fees::escrow_of(id).is_none(), "final job still has an escrow");
		Ok(())
	}

	/// An open job is in exactly the bucket it records, not before its deadline, its escrow is
	/// its quote, and a revealing job has a reveal deadline and at least `q` commitments.
	fn check_open_job(id: JobId, job: &JobOf<T>) -> CheckResult {
		let bucket = job.queued_at.ok_or("open job without a queued deadline")?;
		ensure!(DeadlineQueue::<T>::get(bucket).contains(&id), "open job missing from its bucket");
		ensure!(
			bucket >= job.pending_deadline().ok_or("open job without deadline")?,
			"deadline queued before it is due"
		);
		ensure!(
			T::Fees::escrow_of(id).map_or(true, |q| q == job.quote),
			"escrow differs from the job's quote"
		);
		if job.phase == JobPhase::Revealing {
			ensure!(job.reveal_deadline.is_some(), "revealing job without deadline");
			ensure!(job.commitments() >= job.policy.q, "revealing with too few commits");
		}
		Ok(())
	}

	/// `open` (the open jobs counted) equals [`OpenJobs`], fits the queue, and equals the
	/// number of queue entries, all of which are open jobs.
	fn check_open_count_and_queue(open: u32) -> CheckResult {
		ensure!(open == OpenJobs::<T>::get(), "OpenJobs differs from the open jobs");
		ensure!(open <= Self::max_open_jobs(), "more open jobs than the queue can hold");
		let mut queued = 0u32;
		for (_, bucket) in DeadlineQueue::<T>::iter() {
			for id in bucket.iter() {
				queued += 1;
				let job = Jobs::<T>::get(id).ok_or("unknown job queued")?;
				ensure!(!job.phase.is_final(), "final job queued");
			}
		}
		ensure!(queued == open, "queue entries differ from open jobs");
		Ok(())
	}

	/// [`OperatorOpenJobs`] lists exactly the (operator, job) pairs of open jobs.
	fn check_operator_open_index(open_pairs: BTreeSet<(T::AccountId, JobId)>) -> CheckResult {
		let indexed: BTreeSet<_> =
			OperatorOpenJobs::<T>::iter().map(|(who, id, ())| (who, id)).collect();
		ensure!(indexed == open_pairs, "OperatorOpenJobs differs from the open assignments");
		Ok(())
	}

	/// Every one of the `jobs` jobs is in its requester's index once, without holes.
	fn check_requester_index(jobs: u64) -> CheckResult {
		let mut entries = 0u64;
		for (who, count) in RequesterJobCount::<T>::iter() {
			entries += count as u64;
			for seq in 0..count {
				let id = RequesterJobs::<T>::get(&who, seq).ok_or("hole in requester index")?;
				let requester = Jobs::<T>::get(id)
					.map(|j| j.requester)
					.or_else(|| Pruned::<T>::get(id).map(|p| p.requester));
				ensure!(requester == Some(who.clone()), "requester index points to another's job");
			}
		}
		ensure!(entries == jobs, "requester index does not count every job once");
		Ok(())
	}

	/// Every [`PruneQueue`] entry is at or after the cursor, once per job, and names a final
	/// job whose details are kept; returns each queued job's expiry.
	fn check_prune_queue() -> Result<BTreeMap<JobId, BlockNumberFor<T>>, TryRuntimeError> {
		let cursor = PruneCursor::<T>::get();
		let mut queued = BTreeMap::new();
		for (expiry, id, ()) in PruneQueue::<T>::iter() {
			ensure!(cursor.is_none_or(|c| expiry >= c), "prune queue entry behind the cursor");
			ensure!(queued.insert(id, expiry).is_none(), "job queued for pruning twice");
			let job = Jobs::<T>::get(id).ok_or("queued for pruning without record")?;
			ensure!(job.phase.is_final(), "open job queued for pruning");
		}
		Ok(queued)
	}

	/// No job is half pruned: a compact record stands alone (no record, input, reveal or
	/// result left, out of the prune queue), was pruned after its conclusion, and is final.
	/// Returns the number of compact records.
	fn check_pruned() -> Result<u64, TryRuntimeError> {
		let mut count = 0u64;
		for (id, pruned) in Pruned::<T>::iter() {
			count += 1;
			ensure!(pruned.id == id, "compact record under another id");
			ensure!(!Jobs::<T>::contains_key(id), "pruned job still has its record");
			ensure!(!Inputs::<T>::contains_key(id), "pruned job still has its input");
			ensure!(!Results::<T>::contains_key(id), "pruned job still has its result");
			ensure!(Reveals::<T>::iter_prefix(id).next().is_none(), "pruned job still has reveals");
			ensure!(pruned.outcome.is_final(), "pruned job not final");
			ensure!(pruned.pruned_at > pruned.concluded_at, "pruned before concluded");
		}
		Ok(count)
	}

	/// Every input, result and reveal belongs to a job whose record is kept.
	fn check_no_orphans() -> CheckResult {
		for id in Inputs::<T>::iter_keys() {
			ensure!(Jobs::<T>::contains_key(id), "input without job record");
		}
		for id in Results::<T>::iter_keys() {
			ensure!(Jobs::<T>::contains_key(id), "result without job record");
		}
		for (id, _) in Reveals::<T>::iter_keys() {
			ensure!(Jobs::<T>::contains_key(id), "reveal without job record");
		}
		Ok(())
	}

	/// Every requester's `JobStorage` hold equals the storage deposits of its jobs whose
	/// details are kept (pruned jobs have released theirs).
	fn check_storage_deposits() -> CheckResult {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, job) in Jobs::<T>::iter() {
			deposits.entry(job.requester.clone()).or_default().saturating_accrue(job.storage.deposit);
		}
		for who in RequesterJobCount::<T>::iter_keys() {
			let expected = deposits.get(&who).copied().unwrap_or_default();
			ensure!(
				asset::storage_deposited::<T>(&who) == expected,
				"held storage deposit differs from the kept jobs' deposits"
			);
		}
		Ok(())
	}

	/// [`PendingDraws`] lists exactly the submitted jobs (so, between blocks, there are none).
	fn check_pending_draws() -> CheckResult {
		let pending: BTreeSet<JobId> = PendingDraws::<T>::get().iter().map(|p| p.job).collect();
		let submitted: BTreeSet<JobId> = Jobs::<T>::iter()
			.filter(|(_, job)| job.phase == JobPhase::Submitted)
			.map(|(id, _)| id)
			.collect();
		ensure!(pending == submitted, "pending draws differ from the submitted jobs");
		Ok(())
	}

	/// Every agent's tag is that of its controller and name, and every controller's held
	/// agent deposit equals the sum of its agents' deposits.
	fn check_agents() -> CheckResult {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (tag, agent) in Agents::<T>::iter() {
			ensure!(tag == agent_tag(&agent.controller, &agent.name), "agent under a foreign tag");
			deposits.entry(agent.controller.clone()).or_default().saturating_accrue(agent.deposit);
		}
		for (controller, total) in deposits {
			ensure!(
				asset::agent_deposited::<T>(&controller) == total,
				"held agent deposit differs from agents"
			);
		}
		Ok(())
	}

	/// Every owner's held deposit equals the sum of its models' deposits.
	fn check_model_deposits() -> CheckResult {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_, model) in Models::<T>::iter() {
			deposits.entry(model.owner.clone()).or_default().saturating_accrue(model.deposit);
		}
		for (owner, total) in deposits {
			ensure!(asset::deposited::<T>(&owner) == total, "held deposit differs from models");
		}
		Ok(())
	}
}
