//! # Settlement pallet
//!
//! Proof settlement for Verinfer jobs: the assigned operators commit to their outputs and then
//! reveal them; this pallet checks every step, reaches the verdict, and settles the job in the
//! same step: fees paid or refunded (fees pallet), faults slashed (operators pallet), one
//! reputation event per assigned operator (reputation pallet), the record completed (jobs
//! pallet). Jobs, their phases and deadlines belong to the jobs pallet; this pallet reads and
//! completes them through [`JobsInterface`] and handles their deadlines as the jobs pallet's
//! [`DeadlineHandler`] (both in [`verinfer_primitives::traits`]). It has no storage of its own.
//!
//! ## Commit and reveal
//!
//! - [`Pallet::commit`] carries a batch of `(job, commitment)` pairs (at most `MaxBatch`).
//!   Each commitment is `blake2_256(SCALE(job, operator, canonical_output, salt))`
//!   ([`verinfer_primitives::commitment::commitment`]), `operator` being the operator's
//!   account and `salt` 32 fresh random bytes. Only an assigned operator may commit, once, while
//!   the job is in its commit phase and `now < commit_deadline`. When all `k` operators have
//!   committed the reveal phase opens at once.
//! - [`Pallet::reveal`] carries a batch of `(job, output, salt)`: only an operator that
//!   committed may reveal, once, while `now < reveal_deadline`, and the runtime recomputes the
//!   commitment, so an output or commitment copied from another operator never verifies. Any
//!   output within `MaxOutputLen` elements that matches the commitment is accepted; one of
//!   another shape or precision than the model declares simply agrees with nothing. When every
//!   committer has revealed, the verdict is reached in the same call.
//! - The caller is the operator's account or the account of its bound `infr` key (the
//!   off-chain worker signs with the key): [`Config::SignerToKey`] turns the signer into a key
//!   and [`Config::OperatorKeys`] finds the operator bound to it.
//! - A batch is all or nothing: any bad item fails the whole call with a named error and
//!   nothing changes. A successful call is free (`Pays::No`); a failing one pays, which with the
//!   operators' bonds bounds spam.
//!
//! ## Verdict and settlement
//!
//! At the commit deadline (from the jobs pallet's `on_initialize`): with at least `q`
//! commitments the reveal phase opens; with fewer the job is **Expired**. At the reveal deadline,
//! or as soon as every committer revealed, the revealed outputs of the declared spec are grouped
//! by the storage-free rules of [`verdict`]: if the largest group of pairwise-agreeing outputs
//! has at least `q` members the job is **Verified** with the group's element-wise median as
//! result, otherwise it is **Failed**.
//!
//! | operator | Verified | Failed | Expired |
//! |---|---|---|---|
//! | in the agreeing group | paid `per_operator`; `Agreed { latency, fee }` | – | – |
//! | revealed, outside it | slashed `WrongResultSlash`; `Disagreed { fee, slashed }` | not slashed; `Disagreed { fee, 0 }` | – |
//! | committed, not revealed | slashed `MissSlash`; `Missed` | slashed `MissSlash`; `Missed` | – |
//! | committed | – | – | not slashed; `Agreed { latency, fee: 0 }` |
//! | not committed | slashed `MissSlash`; `Missed` | slashed `MissSlash`; `Missed` | slashed `MissSlash`; `Missed` |
//!
//! `fee` is the job's `per_operator` share and `latency` the blocks from submission to the
//! operator's reveal (or, for the committers of an expired job, to its commitment).
//!
//! - Verified: the fees pallet pays each agreeing operator, the royalty to the model owner and
//!   the protocol fee to the treasury, and returns the other operators' shares to the requester.
//! - Failed and Expired: the requester gets the whole escrow back.
//! - Slashes take a fraction of the operator's bond; the operators pallet pays its
//!   compensation share to the requester and the rest to the treasury.
//! - A Failed job has no ground truth, so nobody is slashed for a wrong answer, but nobody's
//!   answer is confirmed either: every revealer gets `Disagreed` evidence without a slash.
//! - The committers of an Expired job did their part but nothing was verified or paid: they
//!   get zero-fee `Agreed` evidence, which adds no weight to their score. (The reputation
//!   pallet has no neutral event; this is the closest one. It still counts in their `agreed`
//!   counter and pulls the running average fee down a little.)
//!
//! Settlement runs inside a storage layer: if any part fails the verdict is retried at the
//! reveal deadline, and if it fails there too the jobs pallet refunds the requester and closes
//! the job without a verdict, so no job is ever stuck.
//!
//! ## Off-chain worker
//!
//! Every node that holds the `infr` key of an operator runs that operator's jobs in its
//! off-chain worker: engine call, stored output and salt, batched `commit`, later batched
//! `reveal`, with locks, resubmission and pruning. See [`offchain`].
//!
//! ## Weights
//!
//! `commit` and `reveal` are benchmarked in their worst cases (every commitment opens a reveal
//! phase; every reveal reaches a verdict of `MaxReplicas` operators with the most slashes). The
//! work done at deadlines (expiry, verdicts) is weighed by the jobs pallet's `on_initialize`
//! benchmarks, which run this pallet as the deadline handler in the runtime.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod offchain;
mod settle;
#[cfg(test)]
mod tests;
pub mod verdict;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

use verinfer_primitives::traits::{
	DeadlineHandler, FeesInterface, JobsInterface, OperatorKeyLookup, OperatorsInterface,
	ReputationInterface,
};

/// An output as the jobs pallet stores it.
pub type OutputOf<T> = verinfer_primitives::tensor::BoundedTensor<
	<<T as Config>::Jobs as JobsInterface<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>>::MaxOutputLen,
>;

/// A job as the jobs pallet stores it.
pub type JobOf<T> = verinfer_primitives::jobs::JobInfo<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<<T as Config>::Jobs as JobsInterface<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>>::MaxReplicas,
>;

/// One operator's part of a job.
pub type AssignmentOf<T> = verinfer_primitives::jobs::Assignment<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// The key type of the operators' off-chain worker keys.
pub type KeyOf<T> = <<T as Config>::OperatorKeys as OperatorKeyLookup<
	<T as frame_system::Config>::AccountId,
>>::Key;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::PostDispatchInfo, pallet_prelude::*, storage::with_storage_layer,
		traits::tokens::Balance as BalanceT,
	};
	use frame_system::{
		offchain::{AppCrypto, CreateSignedTransaction},
		pallet_prelude::*,
	};
	use verinfer_primitives::jobs::{JobPhase, PendingWork};
	use sp_core::H256;
	use sp_runtime::{
		traits::{Convert, Zero},
		Perbill,
	};
	use verinfer_primitives::{
		commitment::{commitment, Salt},
		tensor::Tensor,
		JobId,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>> + CreateSignedTransaction<Call<Self>>
	{
		/// The balance type of fees, bonds and slashes.
		type Balance: BalanceT;

		/// The jobs: their record, phases and deadlines.
		type Jobs: JobsInterface<Self::AccountId, Self::Balance, BlockNumberFor<Self>>;

		/// Slashing of operators.
		type Operators: OperatorsInterface<Self::AccountId, Self::Balance>;

		/// The binding of operators to their off-chain worker keys.
		type OperatorKeys: OperatorKeyLookup<Self::AccountId>;

		/// The key a signer account is, if it is one (for the runtime: the sr25519 public key of
		/// the same 32 bytes). `()` for none.
		type SignerToKey: Convert<Self::AccountId, Option<KeyOf<Self>>>;

		/// Payment and refund of escrows.
		type Fees: FeesInterface<Self::AccountId, Self::Balance>;

		/// Recording of reputation evidence.
		type Reputation: ReputationInterface<Self::AccountId, Self::Balance>;

		/// Share of an operator's bond slashed for an output outside the agreeing group.
		#[pallet::constant]
		type WrongResultSlash: Get<Perbill>;

		/// Share of an operator's bond slashed for a missed commit or reveal.
		#[pallet::constant]
		type MissSlash: Get<Perbill>;

		/// Most items of one `commit` or `reveal` call.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The crypto of the operators' `infr` keys, with which the off-chain worker signs.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// Blocks after which the off-chain worker sends a commit or reveal again if the chain
		/// still shows it pending (the transaction was dropped or not included).
		#[pallet::constant]
		type ResubmitAfter: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `operator` committed to its output of `job`.
		Committed { job: JobId, operator: T::AccountId },
		/// `operator` revealed its output of `job`, whose canonical hash is `output_hash`.
		Revealed { job: JobId, operator: T::AccountId, output_hash: H256 },
		/// `job` reached `phase`; `agreeing` outputs formed the winning group (zero unless
		/// verified) and `result_hash` is the canonical hash of the result.
		Verdict { job: JobId, phase: JobPhase, agreeing: u32, result_hash: Option<H256> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The batch has no items.
		EmptyBatch,
		/// The batch has more than `MaxBatch` items.
		BatchTooLarge,
		/// No job with this id.
		UnknownJob,
		/// The caller is not an operator assigned to the job.
		NotAssigned,
		/// The operator already committed to this job.
		AlreadyCommitted,
		/// The job's commit window has closed.
		CommitWindowClosed,
		/// The job's reveal phase has not opened yet.
		RevealNotOpen,
		/// The job's reveal window has closed.
		RevealWindowClosed,
		/// The job has reached its final state.
		JobConcluded,
		/// The operator did not commit to this job.
		NotCommitted,
		/// The operator already revealed for this job.
		AlreadyRevealed,
		/// The output has more elements (or dimensions) than the chain stores.
		OutputTooLarge,
		/// The output and salt do not match the operator's commitment.
		CommitmentMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBatch::get() >= 1, "MaxBatch must not be zero");
			assert!(
				T::MissSlash::get() <= T::WrongResultSlash::get(),
				"a miss is slashed no more than a wrong answer"
			);
			assert!(!T::ResubmitAfter::get().is_zero(), "ResubmitAfter must not be zero");
		}

		/// Runs the operators' part of their jobs: see [`crate::offchain`].
		fn offchain_worker(now: BlockNumberFor<T>) {
			crate::offchain::run::<T>(now);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Commit to outputs of jobs the caller is assigned to: `(job, commitment)` pairs, at most
		/// `MaxBatch`. All or nothing; free when it succeeds.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::commit((commitments.len() as u32).clamp(1, T::MaxBatch::get())))]
		pub fn commit(
			origin: OriginFor<T>,
			commitments: Vec<(JobId, H256)>,
		) -> DispatchResultWithPostInfo {
			let signer = ensure_signed(origin)?;
			Self::check_batch(commitments.len())?;
			let operator = Self::operator_of(signer);
			let now = frame_system::Pallet::<T>::block_number();
			for (id, c) in commitments {
				let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
				let slot = job.slot_of(&operator).ok_or(Error::<T>::NotAssigned)?;
				ensure!(job.assignments[slot].commitment.is_none(), Error::<T>::AlreadyCommitted);
				ensure!(!job.phase.is_final(), Error::<T>::JobConcluded);
				ensure!(
					job.phase.is_committing() && now < job.commit_deadline,
					Error::<T>::CommitWindowClosed
				);
				T::Jobs::record_commitment(id, slot as u32, c)?;
				Self::deposit_event(Event::Committed { job: id, operator: operator.clone() });
				if job.commitments() + 1 == job.policy.k {
					T::Jobs::open_reveal(id)?;
				}
			}
			Ok(PostDispatchInfo { actual_weight: None, pays_fee: Pays::No })
		}

		/// Reveal committed outputs: `(job, output, salt)` triples, at most `MaxBatch`. Each
		/// must match the caller's commitment. Reaches the verdict of every job whose last
		/// committer reveals. All or nothing; free when it succeeds.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reveal((reveals.len() as u32).clamp(1, T::MaxBatch::get())))]
		pub fn reveal(
			origin: OriginFor<T>,
			reveals: Vec<(JobId, Tensor, Salt)>,
		) -> DispatchResultWithPostInfo {
			let signer = ensure_signed(origin)?;
			Self::check_batch(reveals.len())?;
			let operator = Self::operator_of(signer);
			let now = frame_system::Pallet::<T>::block_number();
			for (id, output, salt) in reveals {
				let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
				let slot = job.slot_of(&operator).ok_or(Error::<T>::NotAssigned)?;
				let assignment = &job.assignments[slot];
				ensure!(!job.phase.is_final(), Error::<T>::JobConcluded);
				ensure!(job.phase == JobPhase::Revealing, Error::<T>::RevealNotOpen);
				ensure!(
					job.reveal_deadline.is_some_and(|deadline| now < deadline),
					Error::<T>::RevealWindowClosed
				);
				let committed = assignment.commitment.ok_or(Error::<T>::NotCommitted)?;
				ensure!(assignment.revealed_at.is_none(), Error::<T>::AlreadyRevealed);
				let output =
					OutputOf::<T>::try_from(output).map_err(|_| Error::<T>::OutputTooLarge)?;
				ensure!(
					commitment(id, &operator, &output, &salt) == committed,
					Error::<T>::CommitmentMismatch
				);
				let output_hash = H256(output.canonical_hash());
				T::Jobs::record_reveal(id, slot as u32, output)?;
				Self::deposit_event(Event::Revealed {
					job: id,
					operator: operator.clone(),
					output_hash,
				});
				if job.reveals() + 1 == job.commitments() {
					// The reveal stands even if settlement fails: the deadline retries it.
					if let Err(e) = with_storage_layer(|| Self::settle(id)) {
						log::error!(target: "runtime::settlement", "verdict of job {id}: {e:?}");
					}
				}
			}
			Ok(PostDispatchInfo { actual_weight: None, pays_fee: Pays::No })
		}
	}

	impl<T: Config> Pallet<T> {
		fn check_batch(len: usize) -> DispatchResult {
			ensure!(len > 0, Error::<T>::EmptyBatch);
			ensure!(len <= T::MaxBatch::get() as usize, Error::<T>::BatchTooLarge);
			Ok(())
		}

		/// The operator a signer acts for: the operator bound to the signer's key, or the signer.
		pub fn operator_of(signer: T::AccountId) -> T::AccountId {
			T::SignerToKey::convert(signer.clone())
				.and_then(|key| T::OperatorKeys::operator_of(&key))
				.unwrap_or(signer)
		}

		/// Every step `operator` still owes an open job (its off-chain worker's to-do list).
		pub fn pending_work(
			operator: &T::AccountId,
		) -> Vec<PendingWork<BlockNumberFor<T>>> {
			T::Jobs::pending_work(operator)
		}
	}

	impl<T: Config> DeadlineHandler for Pallet<T> {
		fn on_commit_deadline(id: JobId) {
			let Some(job) = T::Jobs::job(id) else { return };
			let result = if job.commitments() >= job.policy.q {
				T::Jobs::open_reveal(id)
			} else {
				with_storage_layer(|| Self::expire(id))
			};
			if let Err(e) = result {
				log::error!(target: "runtime::settlement", "commit deadline of job {id}: {e:?}");
			}
		}

		fn on_reveal_deadline(id: JobId) {
			if let Err(e) = with_storage_layer(|| Self::settle(id)) {
				log::error!(target: "runtime::settlement", "reveal deadline of job {id}: {e:?}");
			}
		}
	}
}
