//! The deadline queue: placing deadlines and processing them in `on_initialize`.
//!
//! See the crate docs, *Deadlines*, for the rules and why a placement always finds room.

use crate::{
	BalanceOf, Config, DeadlineCursor, DeadlineHandler, DeadlineQueue, Error, JobId, JobPhase,
	Jobs, OpenJobs, Pallet, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use crate::FeesInterface;
use sp_runtime::traits::{One, Saturating, Zero};
use verinfer_primitives::Payout;

/// Which deadline a processed job had.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub(crate) enum DeadlineKind {
	Commit,
	Reveal,
}

impl<T: Config> Pallet<T> {
	/// The most blocks after it is due that a deadline waits to be processed: it may be placed up
	/// to `DeadlineSearchRange - 1` buckets late, and ahead of it there are fewer than
	/// [`Pallet::max_open_jobs`] other deadlines, processed `MaxDeadlinesProcessed` per block.
	pub fn deadline_lag_bound() -> BlockNumberFor<T> {
		let backlog = Self::max_open_jobs().div_ceil(T::MaxDeadlinesProcessed::get().max(1));
		T::DeadlineSearchRange::get().saturating_add(backlog).into()
	}

	/// Queue the deadline of job `id` due at block `at`: in bucket `at` or the next one with room
	/// within `DeadlineSearchRange` buckets. Returns the bucket.
	pub(crate) fn schedule(
		id: JobId,
		at: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, Error<T>> {
		let mut block = at;
		for _ in 0..T::DeadlineSearchRange::get() {
			let placed = DeadlineQueue::<T>::try_mutate(block, |bucket| bucket.try_push(id));
			if placed.is_ok() {
				return Ok(block);
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::DeadlineQueueFull)
	}

	/// Remove job `id` from bucket `block`.
	pub(crate) fn unschedule(id: JobId, block: BlockNumberFor<T>) {
		DeadlineQueue::<T>::mutate_exists(block, |maybe| {
			if let Some(bucket) = maybe {
				bucket.retain(|j| *j != id);
				if bucket.is_empty() {
					*maybe = None;
				}
			}
		});
	}

	/// Process due deadlines, at most `MaxDeadlinesProcessed` jobs and as many buckets plus
	/// one; returns the weight used.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> Weight {
		let weight = T::WeightInfo::on_initialize_idle();
		if OpenJobs::<T>::get().is_zero() {
			// Nothing is queued: skip every bucket up to now.
			DeadlineCursor::<T>::put(now.saturating_add(One::one()));
			return weight;
		}
		let mut cursor = DeadlineCursor::<T>::get().unwrap_or(now);
		let max = T::MaxDeadlinesProcessed::get();
		let (mut commits, mut reveals, mut buckets) = (0u32, 0u32, 0u32);
		while cursor <= now && commits + reveals < max && buckets <= max {
			buckets += 1;
			let mut due: Vec<JobId> = DeadlineQueue::<T>::take(cursor).into_inner();
			let room = (max - commits - reveals) as usize;
			let finished = due.len() <= room;
			if !finished {
				let rest = due.split_off(room);
				DeadlineQueue::<T>::insert(cursor, BoundedVec::truncate_from(rest));
			}
			for id in due {
				match Self::process_deadline(id) {
					Some(DeadlineKind::Reveal) => reveals += 1,
					// A stale entry costs no more than a commit deadline.
					_ => commits += 1,
				}
			}
			if !finished {
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		DeadlineCursor::<T>::put(cursor);

		let per = |f: fn(u32) -> Weight| f(1).saturating_sub(f(0));
		weight
			.saturating_add(
				per(T::WeightInfo::on_initialize_commit_deadlines).saturating_mul(commits.into()),
			)
			.saturating_add(
				per(T::WeightInfo::on_initialize_reveal_deadlines).saturating_mul(reveals.into()),
			)
			.saturating_add(
				T::DbWeight::get().reads_writes(
					buckets.saturating_sub(1).into(),
					buckets.saturating_sub(1).into(),
				),
			)
	}

	/// Handle the due deadline of job `id`, whose queue entry was just taken out.
	pub(crate) fn process_deadline(id: JobId) -> Option<DeadlineKind> {
		let Some(mut job) = Jobs::<T>::get(id) else {
			defensive!("queued deadline of an unknown job");
			return None;
		};
		// Its entry left the queue with its bucket.
		job.queued_at = None;
		let phase = job.phase;
		Jobs::<T>::insert(id, job);
		let kind = match phase {
			JobPhase::Assigned | JobPhase::Committing => {
				T::Deadlines::on_commit_deadline(id);
				DeadlineKind::Commit
			}
			JobPhase::Revealing => {
				T::Deadlines::on_reveal_deadline(id);
				DeadlineKind::Reveal
			}
			JobPhase::Submitted => {
				// Drawn at the end of its block, long before its commit deadline.
				defensive!("undrawn job at its commit deadline");
				Self::force_conclude(id, phase);
				return Some(DeadlineKind::Commit);
			}
			JobPhase::Verified | JobPhase::Failed | JobPhase::Expired | JobPhase::Unassigned => {
				defensive!("final job in the deadline queue");
				return None;
			}
		};
		// The safety net: a handler that neither concluded the job nor queued its next
		// deadline would leave it open forever.
		if let Some(job) = Jobs::<T>::get(id) {
			if !job.phase.is_final() && job.queued_at.is_none() {
				log::warn!(
					target: "runtime::jobs",
					"deadline of job {id} left it open without a deadline; concluding it",
				);
				Self::force_conclude(id, phase);
			}
		}
		Some(kind)
	}

	/// Conclude open job `id` without a verdict: refund the requester, no payments, no slashes,
	/// no reputation events. `Failed` if it was revealing, `Expired` otherwise.
	pub(crate) fn force_conclude(id: JobId, phase: JobPhase) {
		let refunded = T::Fees::refund(id).unwrap_or_else(|e| {
			log::error!(target: "runtime::jobs", "refund of job {id} failed: {e:?}");
			Zero::zero()
		});
		let conclusion = crate::Conclusion {
			phase: if phase == JobPhase::Revealing { JobPhase::Failed } else { JobPhase::Expired },
			result: None,
			agreeing: 0,
			outcomes: Vec::new(),
			payout: Payout::<BalanceOf<T>> { refunded, ..Default::default() },
		};
		if let Err(e) = Self::do_conclude(id, conclusion) {
			log::error!(target: "runtime::jobs", "forced conclusion of job {id} failed: {e:?}");
		}
	}
}
