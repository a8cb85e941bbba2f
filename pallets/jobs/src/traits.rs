//! The traits through which the settlement pallet and this pallet work together.
//!
//! - [`JobsInterface`] (implemented by this pallet, used by settlement): read a job, record its
//!   commitments and reveals, open its reveal phase and write its final state.
//! - [`DeadlineHandler`] (implemented by settlement, called by this pallet's `on_initialize`):
//!   what happens when a job's commit or reveal deadline is reached.
//!
//! Both are wired in the runtime (`pallet_jobs::Config::Deadlines = Settlement`,
//! `pallet_settlement::Config::Jobs = Jobs`).

use crate::{
	types::{Conclusion, JobInfo, PendingWork},
	JobId,
};
use alloc::vec::Vec;
use frame_support::{traits::Get, Parameter};
use sp_runtime::DispatchResult;
use verinfer_primitives::{
	tensor::{BoundedTensor, TensorSpec},
	ModelId,
};

/// Jobs as seen by the settlement pallet.
///
/// The settlement pallet decides (who committed in time, whether a reveal matches, the verdict,
/// payments and slashes); this pallet keeps the record and the deadlines. The writing functions
/// check only what keeps the record consistent (the job exists, is in the right phase, the slot
/// exists and was not used yet) and fail without changing anything otherwise.
pub trait JobsInterface<AccountId: Parameter, Balance: Parameter, BlockNumber: Parameter> {
	/// Most operators per job.
	type MaxReplicas: Get<u32>;
	/// Most elements of an input.
	type MaxInputLen: Get<u32>;
	/// Most elements of an output.
	type MaxOutputLen: Get<u32>;

	/// The record of job `id`.
	fn job(id: JobId) -> Option<JobInfo<AccountId, Balance, BlockNumber, Self::MaxReplicas>>;

	/// The owner of `model` (receives the royalty).
	fn model_owner(model: &ModelId) -> Option<AccountId>;

	/// The declared output spec of `model`.
	fn output_spec(model: &ModelId) -> Option<TensorSpec>;

	/// The input of job `id`, in canonical form.
	fn input(id: JobId) -> Option<BoundedTensor<Self::MaxInputLen>>;

	/// Store `commitment` of the operator in `slot` of committing job `id`, at the current block.
	/// The first commitment moves the job from `Assigned` to `Committing`.
	fn record_commitment(id: JobId, slot: u32, commitment: sp_core::H256) -> DispatchResult;

	/// Open the reveal phase of committing job `id` now; it closes `RevealWindow` blocks later.
	fn open_reveal(id: JobId) -> DispatchResult;

	/// Store the revealed `output` of the committed operator in `slot` of revealing job `id`.
	fn record_reveal(
		id: JobId,
		slot: u32,
		output: BoundedTensor<Self::MaxOutputLen>,
	) -> DispatchResult;

	/// The output revealed in `slot` of job `id`.
	fn revealed_output(id: JobId, slot: u32) -> Option<BoundedTensor<Self::MaxOutputLen>>;

	/// Write the final state of non-final job `id`: outcomes, result and payout; close it for
	/// its operators and drop its pending deadline.
	fn conclude(id: JobId, conclusion: Conclusion<Balance, Self::MaxOutputLen>) -> DispatchResult;

	/// Every step `operator` still owes an open job: commitments in the commit phase, reveals in
	/// the reveal phase. This is the off-chain worker's to-do list.
	fn pending_work(operator: &AccountId) -> Vec<PendingWork<BlockNumber>>;

	/// Benchmarks only: a job of `k` operators and quorum `q`, just submitted, for a fresh model
	/// whose output has `output_len` elements and that only its own `k` operators serve
	/// (`shared`, if given, among them); returns the job and its operators in slot order.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_job(
		k: u32,
		q: u32,
		output_len: u32,
		shared: Option<AccountId>,
	) -> (JobId, Vec<AccountId>);
}

/// What happens at a job's deadlines. Called from this pallet's `on_initialize`, at most
/// `MaxDeadlinesProcessed` times per block, for jobs whose deadline is due.
///
/// A handler must leave the job either final (through [`JobsInterface::conclude`]) or in the
/// reveal phase with a new deadline (through [`JobsInterface::open_reveal`]). If it does
/// neither, this pallet expires the job itself and refunds the requester, so no job is ever
/// left without a path to a final state. `()` does nothing, so every deadline expires the job
/// that way (for tests of this pallet alone).
pub trait DeadlineHandler {
	/// The commit window of job `id` (still `Assigned` or `Committing`) has closed.
	fn on_commit_deadline(id: JobId);

	/// The reveal window of job `id` (still `Revealing`) has closed.
	fn on_reveal_deadline(id: JobId);
}

impl DeadlineHandler for () {
	fn on_commit_deadline(_: JobId) {}
	fn on_reveal_deadline(_: JobId) {}
}

/// What the benchmarks of this pallet need from outside it.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Make `who` an online operator serving `model` (besides what it served already) with
	/// enough bond to be eligible for assignment.
	fn setup_operator(who: &AccountId, model: &ModelId);

	/// A balance large enough for any fee or deposit of the benchmarks.
	fn plenty() -> Balance;
}
