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
//! - A commitment is `blake2_256(SCALE(job, operator, canonical_output, salt))`
//!   ([`verinfer_primitives::commitment::commitment`]), `operator` being the operator's
//!   account and `salt` 32 fresh random bytes. Only an assigned operator may commit, once, while
//!   the job is in its commit phase and `now < commit_deadline`. When all `k` operators have
//!   committed the reveal phase opens at once.
//! - A reveal is `(job, output, salt)`: only an operator that committed may reveal, once, while
//!   `now < reveal_deadline`, and the runtime recomputes the commitment, so an output or
//!   commitment copied from another operator never verifies. Any output within `MaxOutputLen`
//!   elements that matches the commitment is accepted; one of another shape or precision than
//!   the model declares simply agrees with nothing. The canonical "not computable" answer
//!   ([`verinfer_primitives::tensor::Tensor::not_computable`]) is an output like any other.
//!   When every committer has revealed, the verdict is reached in the same call.
//! - Steps arrive in batches: [`Pallet::commit`] and [`Pallet::reveal`], signed by the operator
//!   or by its bound `infr` key, and [`Pallet::submit_steps`], the off-chain worker's one
//!   transaction per block: its reveals and commitments signed by the key and sent unsigned (no
//!   fee, no nonce). A step that comes too late or is done already is skipped with
//!   [`Event::StepSkipped`], so one late step never sinks the others; any other bad step fails
//!   the whole batch with a named error and nothing changes. A successful batch is free
//!   (`Pays::No`); a failing one pays.
//! - Operators' steps are not crowded out by other traffic: [`Pallet::validate_unsigned`] lets
//!   `submit_steps` into the pool only with a valid signature of a bound key and at least one
//!   step still due, and then at [`Config::StepsPriority`], above every ordinary transaction;
//!   each step provides a tag of its own and a newer batch of the operator outranks an older
//!   one; the call takes operational block space, which ordinary transactions cannot fill.
//!
//! ## Verdict and settlement
//!
//! At the commit deadline (from the jobs pallet's `on_initialize`): with at least `q`
//! commitments the reveal phase opens; with fewer the job is **Expired**. At the reveal deadline,
//! or as soon as every committer revealed, the verdict:
//!
//! - if at least `q` operators revealed "not computable", the job is **Verified** with that
//!   answer;
//! - otherwise, among the reveals of the declared spec, the largest group of pairwise agreeing
//!   outputs gives the result, its element-wise median, and *every* output within tolerance of
//!   that result agrees ([`verdict`]); with at least `q` agreeing the job is **Verified**;
//! - otherwise it is **Failed**.
//!
//! | operator | Verified | Failed | Expired |
//! |---|---|---|---|
//! | agreeing | paid `per_operator`; `Agreed { latency, fee }` (or `Uncredited`, below) | – | – |
//! | revealed, not agreeing | slashed `WrongResultSlash`; `Disagreed { fee, slashed }` | not slashed; `Disagreed { fee, 0 }` | – |
//! | committed, withheld its reveal | slashed `WrongResultSlash`; `Withheld` | slashed `WrongResultSlash`; `Withheld` | – |
//! | committed | – | – | not slashed; `Uncredited { latency, 0 }` |
//! | did not commit | slashed `MissSlash`; `Missed` | slashed `MissSlash`; `Missed` | slashed `MissSlash`; `Missed` |
//!
//! `fee` is the job's `per_operator` share and `latency` the blocks from submission to the
//! operator's reveal (or, for the committers of an expired job, to its commitment).
//!
//! - Verified: the fees pallet pays each agreeing operator, the royalty to the model owner and
//!   the protocol fee to the treasury, and returns the other operators' shares to the requester.
//! - Failed and Expired: the requester gets the whole escrow back.
//! - Slashes take a fraction of the operator's bond. Part of each compensates the requester,
//!   but a requester never receives more from a job than it paid for it: compensation is capped
//!   at what it paid less what it got back, and the treasury takes the rest. So a job that
//!   expires, refunded in full, compensates nothing, and misses never pay the requester.
//! - Withholding a reveal after seeing the others' costs as much as revealing a wrong answer,
//!   in bond and in reputation, so it is never the cheaper way out.
//! - Only what others checked counts for an operator's reputation: an agreement in a job that
//!   nobody else checked (`k = q = 1`), or in which the operator is the requester or the
//!   model's owner, is `Uncredited`: counted, no evidence. So is a commitment in an expired job.
//! - A Failed job has no ground truth, so nobody is slashed for a wrong answer, but nobody's
//!   answer is confirmed either: every revealer gets `Disagreed` evidence without a slash.
//!
//! Settlement runs inside a storage layer: if any part fails the verdict is retried at the
//! reveal deadline, and if it fails there too the jobs pallet refunds the requester and closes
//! the job without a verdict, so no job is ever stuck.
//!
//! ## Off-chain worker
//!
//! Every node that holds the `infr` key of an operator runs that operator's jobs in its
//! off-chain worker: engine call, stored output and salt, one signed batch of reveals and
//! commitments per block, with locks, sending again and pruning. See [`offchain`].
//!
//! ## Weights
//!
//! `commit` and `reveal` are benchmarked in their worst cases (every commitment opens a reveal
//! phase whose deadline searches the queue as far as it can; every reveal reaches a verdict of
//! `MaxReplicas` operators with the most slashes, each taking an operator offline out of as
//! many model lists as it may serve); `submit_steps` is charged for both. The work done at
//! deadlines (expiry, verdicts) is weighed by the jobs pallet's `on_initialize` benchmarks,
//! which run this pallet as the deadline handler in the runtime.

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
		offchain::{AppCrypto, CreateBare, SignedPayload, SigningTypes},
		pallet_prelude::*,
	};
	use sp_core::H256;
	use sp_runtime::{
		traits::{Convert, IdentifyAccount, Saturating, UniqueSaturatedInto},
		Perbill,
	};
	use verinfer_primitives::{
		commitment::{commitment, Salt},
		jobs::{JobPhase, PendingWork},
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
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ CreateBare<Call<Self>>
		+ SigningTypes<Public: IdentifyAccount<AccountId = Self::AccountId>>
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

		/// Share of an operator's bond slashed for an output outside the agreeing group, and
		/// for a reveal withheld after committing.
		#[pallet::constant]
		type WrongResultSlash: Get<Perbill>;

		/// Share of an operator's bond slashed for a missed commitment.
		#[pallet::constant]
		type MissSlash: Get<Perbill>;

		/// Most items of one `commit` or `reveal` call, and of each list of `submit_steps`.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The crypto of the operators' `infr` keys, with which the off-chain worker signs.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// Pool priority of the operators' steps (`submit_steps`), above any ordinary
		/// transaction's, so that fee-paying traffic cannot crowd them out.
		#[pallet::constant]
		type StepsPriority: Get<TransactionPriority>;

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
		/// `job` reached `phase`; `agreeing` outputs agreed with the result (zero unless
		/// verified) and `result_hash` is the canonical hash of the result.
		Verdict { job: JobId, phase: JobPhase, agreeing: u32, result_hash: Option<H256> },
		/// A step of `operator` for `job` in a batch was left out because it came too late or
		/// was done already (`reason`); the rest of the batch went ahead.
		StepSkipped { job: JobId, operator: T::AccountId, reason: SkipReason },
	}

	/// Why a step of a batch was left out.
	#[derive(
		Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo,
	)]
	pub enum SkipReason {
		/// The job's commit window had closed.
		CommitWindowClosed,
		/// The job's reveal window had closed.
		RevealWindowClosed,
		/// The job was final already.
		JobConcluded,
		/// The operator had committed already.
		AlreadyCommitted,
		/// The operator had revealed already.
		AlreadyRevealed,
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

	impl<T> Error<T> {
		/// The reason a step failing with this error is skipped rather than failing its batch:
		/// it came too late or was done already, which an honest operator cannot always avoid.
		fn skip_reason(&self) -> Option<SkipReason> {
			match self {
				Self::CommitWindowClosed => Some(SkipReason::CommitWindowClosed),
				Self::RevealWindowClosed => Some(SkipReason::RevealWindowClosed),
				Self::JobConcluded => Some(SkipReason::JobConcluded),
				Self::AlreadyCommitted => Some(SkipReason::AlreadyCommitted),
				Self::AlreadyRevealed => Some(SkipReason::AlreadyRevealed),
				_ => None,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBatch::get() >= 1, "MaxBatch must not be zero");
			assert!(
				T::MissSlash::get() <= T::WrongResultSlash::get(),
				"a miss is slashed no more than a wrong answer"
			);
		}

		/// Runs the operators' part of their jobs: see [`crate::offchain`].
		fn offchain_worker(now: BlockNumberFor<T>) {
			crate::offchain::run::<T>(now);
		}
	}

	/// Commits and reveals of one operator, signed by its `infr` key: what its off-chain worker
	/// sends, once per block, as [`Pallet::submit_steps`].
	#[derive(
		Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo,
	)]
	pub struct OperatorSteps<Public, BlockNumber> {
		/// The operator's bound `infr` key, which signs the steps.
		pub key: Public,
		/// Block on which the off-chain worker built them: newer steps of an operator replace
		/// older ones still waiting in the pool.
		pub at: BlockNumber,
		/// `(job, output, salt)` reveals, at most `MaxBatch`.
		pub reveals: Vec<(JobId, Tensor, Salt)>,
		/// `(job, commitment)` commitments, at most `MaxBatch`.
		pub commits: Vec<(JobId, H256)>,
	}

	impl<T: SigningTypes> SignedPayload<T> for OperatorSteps<T::Public, BlockNumberFor<T>> {
		fn public(&self) -> T::Public {
			self.key.clone()
		}
	}

	/// The steps as the off-chain worker submits them.
	pub type StepsOf<T> =
		OperatorSteps<<T as SigningTypes>::Public, frame_system::pallet_prelude::BlockNumberFor<T>>;

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Commit to outputs of jobs the caller is assigned to: `(job, commitment)` pairs, at most
		/// `MaxBatch`. A step that comes too late or is done already is skipped with
		/// [`Event::StepSkipped`]; any other bad step fails the batch, and so does a batch whose
		/// every step is skipped. Free when it succeeds.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::commit((commitments.len() as u32).clamp(1, T::MaxBatch::get())))]
		pub fn commit(
			origin: OriginFor<T>,
			commitments: Vec<(JobId, H256)>,
		) -> DispatchResultWithPostInfo {
			let signer = ensure_signed(origin)?;
			Self::check_batch(commitments.len())?;
			Self::apply_steps(&Self::operator_of(signer), Vec::new(), commitments)
		}

		/// Reveal committed outputs: `(job, output, salt)` triples, at most `MaxBatch`. Each
		/// must match the caller's commitment. Reaches the verdict of every job whose last
		/// committer reveals. Steps are skipped or fail the batch as in [`Pallet::commit`].
		/// Free when it succeeds.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reveal((reveals.len() as u32).clamp(1, T::MaxBatch::get())))]
		pub fn reveal(
			origin: OriginFor<T>,
			reveals: Vec<(JobId, Tensor, Salt)>,
		) -> DispatchResultWithPostInfo {
			let signer = ensure_signed(origin)?;
			Self::check_batch(reveals.len())?;
			Self::apply_steps(&Self::operator_of(signer), reveals, Vec::new())
		}

		/// An operator's reveals and commitments, signed by its bound `infr` key and sent without
		/// a signed transaction (no fee, no nonce): what the off-chain worker sends once per
		/// block. Reveals go first. Valid steps enter the pool with [`Config::StepsPriority`]
		/// and take operational block space, so other traffic cannot delay them; see
		/// [`Pallet::validate_unsigned`].
		#[pallet::call_index(2)]
		#[pallet::weight((
			T::WeightInfo::reveal((steps.reveals.len() as u32).min(T::MaxBatch::get()))
				.saturating_add(T::WeightInfo::commit((steps.commits.len() as u32).min(T::MaxBatch::get()))),
			DispatchClass::Operational,
		))]
		pub fn submit_steps(
			origin: OriginFor<T>,
			steps: StepsOf<T>,
			// Checked in `validate_unsigned`, which the block checks again.
			_signature: T::Signature,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			let operator = Self::bound_operator(&steps.key).ok_or(Error::<T>::NotAssigned)?;
			Self::check_steps(&steps)?;
			Self::apply_steps(&operator, steps.reveals, steps.commits)
		}
	}

	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		/// Accepts [`Pallet::submit_steps`] signed by an operator's bound key with at least one
		/// step still to be done in time, at [`Config::StepsPriority`] plus a little for newer
		/// and longer batches (so the off-chain worker's next batch replaces a waiting one). Each
		/// step provides a tag of its own, so the pool never holds two batches doing the same
		/// step.
		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::submit_steps { steps, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			if Self::check_steps(steps).is_err() {
				return InvalidTransaction::ExhaustsResources.into();
			}
			if !SignedPayload::<T>::verify::<T::AuthorityId>(steps, signature.clone()) {
				return InvalidTransaction::BadProof.into();
			}
			let Some(operator) = Self::bound_operator(&steps.key) else {
				return InvalidTransaction::BadSigner.into();
			};
			let now = frame_system::Pallet::<T>::block_number();
			let pending: Vec<PendingWork<BlockNumberFor<T>>> = T::Jobs::pending_work(&operator)
				.into_iter()
				.filter(|w| now < w.deadline)
				.collect();
			let live = |job: &JobId, step| pending.iter().find(|w| w.job == *job && w.step == step);
			let mut tags = Vec::new();
			let mut until: Option<BlockNumberFor<T>> = None;
			let steps_iter = steps
				.reveals
				.iter()
				.map(|(job, _, _)| (*job, verinfer_primitives::jobs::PendingStep::Reveal))
				.chain(
					steps
						.commits
						.iter()
						.map(|(job, _)| (*job, verinfer_primitives::jobs::PendingStep::Commit)),
				);
			for (job, step) in steps_iter {
				if let Some(w) = live(&job, step) {
					tags.push((&operator, job, step));
					until = Some(until.map_or(w.deadline, |u| u.min(w.deadline)));
				}
			}
			let Some(until) = until else { return InvalidTransaction::Stale.into() };
			let at: u64 = steps.at.unique_saturated_into();
			let bonus = at.saturating_mul(64).saturating_add(tags.len() as u64);
			let longevity: u64 = until.saturating_sub(now).unique_saturated_into();
			// `and_provides` adds one tag per call.
			tags.into_iter()
				.fold(ValidTransaction::with_tag_prefix("VerinferSteps"), |builder, tag| {
					builder.and_provides(tag)
				})
				.priority(T::StepsPriority::get().saturating_add(bonus))
				.longevity(longevity.max(1))
				.propagate(true)
				.build()
		}
	}

	impl<T: Config> Pallet<T> {
		fn check_batch(len: usize) -> DispatchResult {
			ensure!(len > 0, Error::<T>::EmptyBatch);
			ensure!(len <= T::MaxBatch::get() as usize, Error::<T>::BatchTooLarge);
			Ok(())
		}

		/// Both lists of `steps` within `MaxBatch`, and not both empty.
		fn check_steps(steps: &StepsOf<T>) -> DispatchResult {
			ensure!(!steps.reveals.is_empty() || !steps.commits.is_empty(), Error::<T>::EmptyBatch);
			ensure!(
				steps.reveals.len() <= T::MaxBatch::get() as usize &&
					steps.commits.len() <= T::MaxBatch::get() as usize,
				Error::<T>::BatchTooLarge
			);
			Ok(())
		}

		/// The operator a signer acts for: the operator bound to the signer's key, or the signer.
		pub fn operator_of(signer: T::AccountId) -> T::AccountId {
			Self::bound_operator_of_account(&signer).unwrap_or(signer)
		}

		/// The operator the key `key` is bound to, if it is bound.
		pub fn bound_operator(key: &T::Public) -> Option<T::AccountId> {
			Self::bound_operator_of_account(&key.clone().into_account())
		}

		fn bound_operator_of_account(account: &T::AccountId) -> Option<T::AccountId> {
			T::SignerToKey::convert(account.clone()).and_then(|key| T::OperatorKeys::operator_of(&key))
		}

		/// Apply `operator`'s `reveals` then `commits`, skipping steps that come too late or
		/// were done already (see [`Error::skip_reason`]) and failing on any other bad step; a
		/// batch whose every step is skipped fails with the first skip's error. Free when it
		/// succeeds.
		pub(crate) fn apply_steps(
			operator: &T::AccountId,
			reveals: Vec<(JobId, Tensor, Salt)>,
			commits: Vec<(JobId, H256)>,
		) -> DispatchResultWithPostInfo {
			let mut done = 0u32;
			let mut first_skip: Option<Error<T>> = None;
			let mut handle = |job: JobId, result: Result<(), Error<T>>| -> DispatchResult {
				match result {
					Ok(()) => done += 1,
					Err(e) => match e.skip_reason() {
						Some(reason) => {
							Self::deposit_event(Event::StepSkipped {
								job,
								operator: operator.clone(),
								reason,
							});
							first_skip.get_or_insert(e);
						}
						None => return Err(e.into()),
					},
				}
				Ok(())
			};
			for (job, output, salt) in reveals {
				let result = Self::reveal_one(operator, job, output, salt);
				handle(job, result)?;
			}
			for (job, c) in commits {
				let result = Self::commit_one(operator, job, c);
				handle(job, result)?;
			}
			match (done, first_skip) {
				(0, Some(e)) => Err(e.into()),
				_ => Ok(PostDispatchInfo { actual_weight: None, pays_fee: Pays::No }),
			}
		}

		/// `operator` commits to `commitment` for job `id`.
		fn commit_one(operator: &T::AccountId, id: JobId, commitment: H256) -> Result<(), Error<T>> {
			let now = frame_system::Pallet::<T>::block_number();
			let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
			let slot = job.slot_of(operator).ok_or(Error::<T>::NotAssigned)?;
			ensure!(job.assignments[slot].commitment.is_none(), Error::<T>::AlreadyCommitted);
			ensure!(!job.phase.is_final(), Error::<T>::JobConcluded);
			ensure!(
				job.phase.is_committing() && now < job.commit_deadline,
				Error::<T>::CommitWindowClosed
			);
			T::Jobs::record_commitment(id, slot as u32, commitment)
				.map_err(|_| Error::<T>::CommitWindowClosed)?;
			Self::deposit_event(Event::Committed { job: id, operator: operator.clone() });
			if job.commitments() + 1 == job.policy.k {
				T::Jobs::open_reveal(id).map_err(|_| Error::<T>::CommitWindowClosed)?;
			}
			Ok(())
		}

		/// `operator` reveals `output` with `salt` for job `id`; the last reveal reaches the
		/// verdict.
		fn reveal_one(
			operator: &T::AccountId,
			id: JobId,
			output: Tensor,
			salt: Salt,
		) -> Result<(), Error<T>> {
			let now = frame_system::Pallet::<T>::block_number();
			let job = T::Jobs::job(id).ok_or(Error::<T>::UnknownJob)?;
			let slot = job.slot_of(operator).ok_or(Error::<T>::NotAssigned)?;
			let assignment = &job.assignments[slot];
			ensure!(!job.phase.is_final(), Error::<T>::JobConcluded);
			ensure!(job.phase == JobPhase::Revealing, Error::<T>::RevealNotOpen);
			ensure!(
				job.reveal_deadline.is_some_and(|deadline| now < deadline),
				Error::<T>::RevealWindowClosed
			);
			let committed = assignment.commitment.ok_or(Error::<T>::NotCommitted)?;
			ensure!(assignment.revealed_at.is_none(), Error::<T>::AlreadyRevealed);
			let output = OutputOf::<T>::try_from(output).map_err(|_| Error::<T>::OutputTooLarge)?;
			ensure!(
				commitment(id, operator, &output, &salt) == committed,
				Error::<T>::CommitmentMismatch
			);
			let output_hash = H256(output.canonical_hash());
			T::Jobs::record_reveal(id, slot as u32, output)
				.map_err(|_| Error::<T>::RevealWindowClosed)?;
			Self::deposit_event(Event::Revealed { job: id, operator: operator.clone(), output_hash });
			if job.reveals() + 1 == job.commitments() {
				// The reveal stands even if settlement fails: the deadline retries it.
				if let Err(e) = with_storage_layer(|| Self::settle(id)) {
					log::error!(target: "runtime::settlement", "verdict of job {id}: {e:?}");
				}
			}
			Ok(())
		}

		/// Every step `operator` still owes an open job (its off-chain worker's to-do list).
		pub fn pending_work(operator: &T::AccountId) -> Vec<PendingWork<BlockNumberFor<T>>> {
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
