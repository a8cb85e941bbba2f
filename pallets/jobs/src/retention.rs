//! Bounded state: what a job's state costs its requester, and the pruning of its details after
//! the retention period. See the crate docs, *Storage and retention*.

use crate::{
	BalanceOf, CompactJobOf, Config, Error, Event, Inputs, JobId, JobOf, Jobs,
	OutputOf, Pallet, PruneCursor, PruneQueue, Pruned, Results, Retention, Reveals, WeightInfo,
};
use alloc::vec::Vec;
use codec::{Encode, MaxEncodedLen};
use frame_support::{defensive, pallet_prelude::*, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, Zero};
use verinfer_primitives::{
	jobs::{Assignment, CompactAssignment, CompactJob},
	tensor::TensorSpec,
	StorageCost,
};

/// Bytes of the two `twox128` hashes that open every storage key (pallet and item).
const PREFIX: u32 = 32;
/// Bytes of a `Twox64Concat` key part: the 8-byte hash and the key itself.
const fn twox64_concat(key: u32) -> u32 {
	8 + key
}
/// Bytes of a `Blake2_128Concat` key part.
const fn blake2_128_concat(key: u32) -> u32 {
	16 + key
}

impl<T: Config> Pallet<T> {
	/// The state of a job of `k` operators with an input of `input_bytes` (SCALE) for a model
	/// whose output has `output` spec: `(retained, kept)` bytes, keys included.
	///
	/// Retained until pruning: the record ([`Jobs`], at most `k` assignments), the input, `k`
	/// reveals at the largest output an operator may reveal (`MaxOutputLen` elements), the
	/// result (the model's output spec, or the "not computable" answer) and the job's entry in
	/// the prune queue. Kept forever: the compact record ([`Pruned`], `k` operators) and the
	/// index entries of the requester, of the `k` operators and of an agent tag (counted for
	/// every job, so that a quote is exact whether or not the job carries one).
	pub fn storage_bytes(input_bytes: u32, output: &TensorSpec, k: u32) -> (u32, u32) {
		let k = k.min(T::MaxReplicas::get());
		let job_key = PREFIX + twox64_concat(8);
		let unused = T::MaxReplicas::get().saturating_sub(k);
		let assignment =
			Assignment::<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>::max_encoded_len() as u32;
		let record = (JobOf::<T>::max_encoded_len() as u32).saturating_sub(unused * assignment);
		let reveal = OutputOf::<T>::max_encoded_len() as u32;
		let result = crate::query::encoded_input_len(output)
			.max(OutputOf::<T>::not_computable().encoded_size() as u32);
		let block = BlockNumberFor::<T>::max_encoded_len() as u32;
		let retained = (job_key + record)
			.saturating_add(job_key + input_bytes)
			.saturating_add(k * (PREFIX + twox64_concat(8) + twox64_concat(4) + reveal))
			.saturating_add(job_key + result)
			.saturating_add(PREFIX + twox64_concat(block) + twox64_concat(8));

		let compact_assignment = CompactAssignment::<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>::max_encoded_len() as u32;
		let compact = (CompactJobOf::<T>::max_encoded_len() as u32).saturating_sub(
			verinfer_primitives::jobs::MAX_REPLICAS.saturating_sub(k) * compact_assignment,
		);
		let account = T::AccountId::max_encoded_len() as u32;
		let index_entry = |key: u32| PREFIX + key + twox64_concat(4) + 8;
		let kept = (job_key + compact)
			.saturating_add(index_entry(blake2_128_concat(account)))
			.saturating_add(k * index_entry(blake2_128_concat(account)))
			.saturating_add(index_entry(32));
		(retained, kept)
	}

	/// The storage cost of a job of `k` operators on `input_bytes` for a model with `output`.
	pub fn storage_cost(input_bytes: u32, output: &TensorSpec, k: u32) -> StorageCost<BalanceOf<T>> {
		let (retained_bytes, kept_bytes) = Self::storage_bytes(input_bytes, output, k);
		StorageCost {
			retained_bytes,
			deposit: T::StorageDepositPerByte::get().saturating_mul(retained_bytes.into()),
			kept_bytes,
			fee: T::RecordFeePerByte::get().saturating_mul(kept_bytes.into()),
		}
	}

	/// Hold `cost.deposit` from `requester` and pay `cost.fee` to the treasury, keeping the
	/// requester alive; [`Error::CannotPayStorage`] (nothing moved) if it cannot pay both.
	pub(crate) fn pay_storage(
		requester: &T::AccountId,
		cost: &StorageCost<BalanceOf<T>>,
	) -> DispatchResult {
		crate::asset::pay_storage::<T>(requester, cost.deposit, cost.fee, &T::Treasury::get())
	}

	/// Queue the pruning of job `id`, concluded now, for the end of the retention period.
	pub(crate) fn schedule_prune(id: JobId, now: BlockNumberFor<T>) {
		PruneQueue::<T>::insert(now.saturating_add(Retention::<T>::get()), id, ());
	}

	/// Set the retention period; see [`Pallet::set_retention`].
	pub(crate) fn do_set_retention(retention: BlockNumberFor<T>) -> DispatchResult {
		ensure!(!retention.is_zero(), Error::<T>::ZeroRetention);
		Retention::<T>::put(retention);
		Self::deposit_event(Event::RetentionSet { retention });
		Ok(())
	}

	/// What pruning one job costs in `on_idle` (at its largest: `MaxReplicas` reveals).
	pub fn prune_weight_per_job() -> Weight {
		T::WeightInfo::on_idle_prune(1).saturating_sub(T::WeightInfo::on_idle_prune(0))
	}

	/// What looking at one bucket of the prune queue costs (one key read).
	fn prune_weight_per_bucket() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// Prune the details of jobs whose retention ended by block `now`, within `limit`: at most
	/// `MaxPrunedPerBlock` jobs and as many queue buckets, never more weight than `limit`.
	/// What is left stays queued and the cursor stays at its bucket. Returns the weight used.
	pub(crate) fn prune_expired(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let mut used = T::WeightInfo::on_idle_prune(0);
		if !limit.all_gte(used) {
			return Weight::zero();
		}
		let per_job = Self::prune_weight_per_job();
		let per_bucket = Self::prune_weight_per_bucket();
		let max = T::MaxPrunedPerBlock::get();
		let mut cursor = PruneCursor::<T>::get().unwrap_or(now);
		let (mut pruned, mut buckets) = (0u32, 0u32);
		while cursor <= now && buckets < max {
			if !limit.all_gte(used.saturating_add(per_bucket)) {
				break;
			}
			used.saturating_accrue(per_bucket);
			buckets += 1;
			let mut affordable = max - pruned;
			let left = limit.saturating_sub(used);
			for (part, cost) in
				[(left.ref_time(), per_job.ref_time()), (left.proof_size(), per_job.proof_size())]
			{
				if let Some(n) = part.checked_div(cost) {
					affordable = affordable.min(n.min(u32::MAX as u64) as u32);
				}
			}
			let mut keys = PruneQueue::<T>::iter_key_prefix(cursor);
			let mut batch = Vec::new();
			while batch.len() < affordable as usize {
				match keys.next() {
					Some(id) => batch.push(id),
					None => break,
				}
			}
			let exhausted = batch.len() < affordable as usize || keys.next().is_none();
			drop(keys);
			for id in batch {
				Self::prune_job(cursor, id);
				pruned += 1;
				used.saturating_accrue(per_job);
			}
			if !exhausted {
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		PruneCursor::<T>::put(cursor);
		used
	}

	/// Reduce final job `id`, queued for pruning at `expiry`, to its compact record: remove its
	/// record, input, reveals and result, release its storage deposit.
	pub(crate) fn prune_job(expiry: BlockNumberFor<T>, id: JobId) {
		PruneQueue::<T>::remove(expiry, id);
		let Some(job) = Jobs::<T>::get(id) else {
			defensive!("prune queue entry of a job without record");
			return;
		};
		let Some(concluded_at) = job.concluded_at.filter(|_| job.phase.is_final()) else {
			defensive!("prune queue entry of an open job");
			return;
		};
		let now = frame_system::Pallet::<T>::block_number();
		let record_hash = Self::full_view(id, job.clone()).record_hash();
		let compact = CompactJob {
			id,
			requester: job.requester.clone(),
			agent: job.agent,
			model: job.model,
			policy: job.policy,
			input_hash: job.input_hash,
			result_hash: job.result_hash,
			record_hash,
			outcome: job.phase,
			assignments: BoundedVec::truncate_from(
				job.assignments
					.iter()
					.map(|a| CompactAssignment {
						operator: a.operator.clone(),
						committed_at: a.committed_at,
						revealed_at: a.revealed_at,
						outcome: a.outcome,
						paid: a.paid,
						slashed: a.slashed,
					})
					.collect::<Vec<_>>(),
			),
			payout: job.payout,
			storage: job.storage,
			submitted_at: job.submitted_at,
			reveal_opened_at: job.reveal_opened_at,
			concluded_at,
			pruned_at: now,
		};
		Jobs::<T>::remove(id);
		Inputs::<T>::remove(id);
		Results::<T>::remove(id);
		for slot in 0..job.assignments.len() as u32 {
			Reveals::<T>::remove(id, slot);
		}
		Pruned::<T>::insert(id, compact);
		let released = crate::asset::release_storage::<T>(&job.requester, job.storage.deposit)
			.unwrap_or_else(|e| {
			log::error!(target: "runtime::jobs", "storage deposit of job {id}: {e:?}");
			Zero::zero()
		});
		Self::deposit_event(Event::JobPruned { job: id, requester: job.requester, released });
	}
}
