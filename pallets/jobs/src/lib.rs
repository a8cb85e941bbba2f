//! # Jobs pallet
//!
//! The inference job registry of Verinfer: the model registry, job submission and operator
//! assignment, the deadlines of every job, the record of what happened to it and, after the
//! retention period, the compact record kept forever.
//! The commit–reveal protocol and the verdict belong to the settlement pallet, which reads and
//! completes jobs through [`JobsInterface`] and is told about deadlines through
//! [`DeadlineHandler`].
//!
//! ## Terms
//!
//! - **Model**: an ONNX file registered by content hash ([`ModelId`] = blake2-256 of its bytes)
//!   with [`Pallet::register_model`], under a deposit held with [`HoldReason::ModelDeposit`]
//!   (`ModelDepositBase + ModelDepositPerByte × (name + uri bytes)`). It declares its input and
//!   output [`TensorSpec`] (exact shape and decimal precision), optionally the range every
//!   input element must lie in ([`InputRange`], so inputs it cannot answer are refused at
//!   submission), the agreement `tolerance` (in units of the output precision; 0 = exact), the
//!   operator fee and royalty, and a default [`JobPolicy`]. The owner may change the fees
//!   ([`Pallet::set_model_fees`], for new jobs only) and deprecate the model
//!   ([`Pallet::deprecate_model`]: no new jobs). The registry is permanent, as job records refer
//!   to it, so the deposit stays held.
//! - **Policy** ([`JobPolicy`]): `k` operators run a job, `q` of them must agree. Valid
//!   policies have `1 ≤ q ≤ k ≤ MaxReplicas` and a strict majority (`2q > k`). A requester may
//!   ask for more than the model's default, never for less. `k = q = 1` is allowed and its jobs
//!   are marked [`JobInfo::unverified`].
//! - **Job**: one run of a model on one input ([`JobInfo`]). Its id ([`JobId`]) is a counter.
//!   Its full record: requester, model, input (in [`Inputs`]) and its hash, policy, quote, the
//!   assigned operators with their commitments, reveal blocks and output hashes (the outputs in
//!   [`Reveals`]), outcomes, payments and slashes, the result (in [`Results`]), the payout, the
//!   block of every step and its storage cost. It is kept for the retention period after the
//!   job's conclusion, then pruned to a compact record kept forever (see *Storage and
//!   retention*).
//! - **Agent** ([`AgentInfo`]): an AI agent (or any requester) whose decisions are listed
//!   together. [`Pallet::register_agent`] registers it under a deposit held with
//!   [`HoldReason::AgentDeposit`]; its tag ([`AgentTag`]) is `blake2_256(SCALE(controller,
//!   name))` ([`agent_tag`]), so a name belongs to its controller and cannot be squatted. Only
//!   the controller and the delegates it names ([`Pallet::set_agent_delegates`]) may submit jobs
//!   tagged with it, so nobody can put decisions in another agent's history. [`AgentJobs`] lists
//!   the jobs of a tag.
//!
//! ## Lifecycle
//!
//! ```text
//! submit_job ──► Submitted ──end of block──► Assigned ──► Committing ──► Revealing ──► Verified
//!                    │                          │              │              │
//!                    └──► Unassigned            └──────────────┴──────────────┴──► Failed (no quorum)
//!                                                                                  Expired (too few commitments)
//! ```
//!
//! 1. [`Pallet::submit_job`] (block `N`): the model must be active; the input must have exactly
//!    the model's input shape and precision, at most `MaxInputLen` elements and lie in the
//!    model's input range; an agent tag must be the caller's; the fees pallet's quote for `k`
//!    operators on the input's encoded bytes must be within `max_fee`; at least `k` operators
//!    must serve the model. The quote is held in escrow by the fees pallet and the commit
//!    deadline `N + CommitWindow` is queued; the job is `Submitted`. Any failure changes
//!    nothing, and a refused call is charged only for its checks.
//! 2. End of block `N` (`on_finalize`): the `k` operators of every job submitted in the block
//!    are drawn (see *Assignment*), their open-job counts raised, and the job is `Assigned`
//!    ([`Event::JobAssigned`]). If too few operators are eligible by then (they went offline in
//!    the same block, or the block's other jobs took their room) the job is `Unassigned` and
//!    refunded in full; nobody is slashed.
//! 3. Commit phase (`Assigned`, then `Committing` from the first commitment): commitments are
//!    accepted while `now < commit_deadline` (settlement's `commit`).
//! 4. Reveal phase (`Revealing`): opens as soon as all `k` committed, or at the commit deadline
//!    if at least `q` committed; reveals are accepted while `now < reveal_deadline`, which is
//!    `RevealWindow` blocks after the opening. With fewer than `q` commitments at the commit
//!    deadline the job is `Expired`.
//! 5. Verdict (settlement): as soon as every committer revealed, or at the reveal deadline:
//!    `Verified` or `Failed`; payments, refunds, slashes and reputation events happen in the same
//!    step and the record is completed through [`JobsInterface::conclude`].
//!
//! A job lives at most `CommitWindow + RevealWindow` blocks, plus, under a backlog of deadlines,
//! twice the queue's lag bound [`Pallet::deadline_lag_bound`] (below).
//!
//! ## Assignment
//!
//! The candidates are the operators the operators pallet reports eligible for the model (online,
//! serving it, bonded, with room for another job), in its deterministic order, at most as many
//! as the submission was charged for (the number of operators serving the model then, at most
//! `MaxCandidates`); operators the reputation pallet excludes (below its score floor) are
//! dropped. Each remaining operator weighs `bond × score` (score in parts per million), and `k`
//! are drawn by weighted sampling without replacement from a blake2 stream (see [`assignment`])
//! seeded with `Config::Randomness` **read in `on_finalize`** and the requester with its own
//! sequence number of the job ([`Pallet::assignment_seed`]).
//!
//! In the runtime, `Config::Randomness` returns BABE's `AuthorVrfRandomness`, which BABE's own
//! `on_finalize` (it runs before this pallet's) has just set to the VRF output of the block
//! being finished: the block that includes the submission. So:
//!
//! - **A requester** cannot predict its draw: the VRF output did not exist when it signed, and
//!   it cannot grind it. Filler jobs do not help either, since neither the job id nor any other
//!   job of the block enters the seed.
//! - **A block author** knows its own VRF output while it builds the block, so it can compute
//!   the draw of every submission it includes. What it can do with that: leave out a submission
//!   whose draw it dislikes (which only delays it to a block another author builds, with another
//!   VRF output), or include submissions of its own. It cannot change the draw of a submission
//!   it includes (the VRF output is fixed by its slot and key, and reordering the block changes
//!   no seed), nor choose which operators it gets. A colluding author that holds sybil
//!   operators of a model can therefore choose *whether* to include a job whose draw happens to
//!   favour them: a wrong result verified that way still costs those operators their bond when
//!   they disagree with honest ones, and reputation only counts what others checked.
//!
//! If the randomness is missing (genesis, a slot without VRF), the parent block hash stands in.
//!
//! **Cost.** The draws of one block read each model's candidates once: the first submission of
//! a model in a block pays for reading them (`read_pool`, linear in the candidates,
//! [`PendingModels`] remembers which models were paid for and how many candidates), every
//! submission pays for its own draw from that pool in memory (`draw`) and the writes of its
//! assignment. Each draw takes a unit of room from the operators it draws, so later draws of
//! the block see what earlier ones handed out, as if the pool were read anew.
//!
//! ## Deadlines
//!
//! Every open job has exactly one pending deadline in [`DeadlineQueue`], a map from block number
//! to a bounded bucket of job ids, and the job records which bucket ([`JobInfo::queued_at`]).
//! A deadline goes into the bucket of its block, or, if that is full, the next bucket with room
//! within `DeadlineSearchRange` blocks. The number of open jobs is capped at
//! `MaxDeadlinesPerBlock × DeadlineSearchRange` ([`Error::TooManyOpenJobs`]), so a search always
//! finds room: at most that many minus one *other* entries exist, and they cannot fill all
//! `DeadlineSearchRange` buckets. When a phase ends early (all `k` committed) its entry is
//! removed and the next deadline queued.
//!
//! `on_initialize` processes due buckets from [`DeadlineCursor`] up to the current block,
//! at most `MaxDeadlinesProcessed` jobs per block; what is left stays in its bucket and the
//! cursor stays there, so the rest is carried over to the next block. A deadline processed late
//! changes nothing but the time of the verdict: windows are checked against the deadline stored
//! in the job, never against the processing time. A deadline due at block `d` is processed by
//! block `d + DeadlineSearchRange + ⌈max open jobs / MaxDeadlinesProcessed⌉`
//! ([`Pallet::deadline_lag_bound`]; 16 + 256 blocks in the runtime): it lands at most
//! `DeadlineSearchRange - 1` buckets late, and fewer than the most open jobs are ahead of it. For each due job the [`DeadlineHandler`]
//! (settlement) either concludes it or opens its reveal phase; if it does neither, this pallet
//! concludes it itself (`Expired`, or `Failed` in the reveal phase) and refunds the requester.
//! The weight of `on_initialize` is benchmarked per processed job and returned exactly.
//!
//! ## Storage and retention
//!
//! A job's state is paid by its requester, at submission, on top of the quote (and outside
//! `max_fee`, which bounds the quote):
//!
//! - **Deposit** for its details, held under [`HoldReason::JobStorage`]:
//!   `StorageDepositPerByte × retained bytes`, where the retained bytes are those removed when
//!   the job is pruned, keys included ([`Pallet::storage_bytes`]): the record with `k`
//!   assignments, the input, `k` reveals counted at the largest output an operator may reveal
//!   (`MaxOutputLen` elements: an operator may reveal any output, and the requester's job is
//!   what causes the reveals), the result and the prune-queue entry.
//! - **Record fee** for what is kept forever, paid to `Config::Treasury`:
//!   `RecordFeePerByte × kept bytes`: the compact record with `k` operators and the index
//!   entries of the requester, the `k` operators and an agent tag (counted for every job, so
//!   that a quote is exact).
//!
//! Both are in the quote ([`Pallet::quote_for`], the `inference_quote` runtime API) and in the
//! record ([`JobInfo::storage`], event [`Event::StoragePaid`]). A requester who cannot pay them
//! besides the quote is refused with [`Error::CannotPayStorage`], and nothing changes.
//!
//! When a job concludes it is queued in [`PruneQueue`] under the block
//! `concluded_at + Retention` ([`Retention`]: `DefaultRetention` at genesis, 30 days in the
//! runtime; root may change it with [`Pallet::set_retention`], for jobs concluded from then on).
//! `on_idle` of that block (or of a later one, under a backlog) prunes it: the record, input,
//! reveals and result are removed, the deposit is released to the last unit
//! ([`Event::JobPruned`]), and a [`CompactJob`](verinfer_primitives::jobs::CompactJob) is
//! written to [`Pruned`], forever: ids, requester, agent, model, policy, the hashes of the
//! input, the result and the full record, the outcome, per operator the blocks of its steps, its
//! outcome, payment and slash, the payout, the storage cost and the blocks of submission,
//! reveal, conclusion and pruning. The index entries stay, so every index still lists the job.
//!
//! The full-record hash is blake2-256 of the SCALE encoding of the job's
//! [`JobView`](verinfer_primitives::api::JobView) as the runtime API answers it in full
//! ([`Pallet::full_view`]), which does not change from the conclusion to the pruning: anyone
//! holding that answer (the requester, an indexer, an archive node queried at the block before
//! the pruning) can show that it is the record the chain kept. The runtime API answers a
//! pruned job with its compact record and that last block
//! ([`JobAnswer::Pruned`](verinfer_primitives::api::JobAnswer)).
//!
//! **Bounded work.** `on_idle` walks the queue from [`PruneCursor`], at most
//! `MaxPrunedPerBlock` jobs and as many buckets per block, and only as many jobs as the
//! remaining weight pays for (each charged at its largest, `MaxReplicas` reveals, as
//! benchmarked in `on_idle_prune`); what is left stays queued and the cursor stays on its
//! bucket, so the rest is carried over to the next blocks. Until then the details stay paid
//! for by their deposits. `try_state` checks that no job is half pruned (a compact record
//! stands alone; every input, reveal and result belongs to a kept record; every final kept job
//! is queued once, behind no cursor) and that every requester's `JobStorage` hold equals the
//! deposits of its kept jobs.
//!
//! ## Indexes
//!
//! [`RequesterJobs`], [`OperatorJobs`] and [`AgentJobs`] list every job of a requester, an
//! operator and an agent tag, in submission order, for paging ([`Pallet::jobs_of_requester`]
//! and friends, newest first). [`OperatorOpenJobs`] holds the open jobs of each operator (at
//! most the operators pallet's `MaxOpenJobs`); [`JobsInterface::pending_work`] turns it into the
//! operator's to-do list for its off-chain worker.
//!
//! ## Interfaces
//!
//! All of them are declared in [`verinfer_primitives::traits`]. Uses `OperatorsInterface`
//! (eligibility, bonds, open-job accounting), `FeesInterface` (quote, escrow, refund) and
//! `ReputationInterface` (score, exclusion). Offers `JobsInterface` to the
//! settlement pallet and `Contains<ModelId>` (active models) to the operators pallet's
//! `KnownModel`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod asset;
pub mod assignment;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deadlines;
mod interface;
#[cfg(test)]
mod mock;
pub mod query;
mod retention;
mod submission;
#[cfg(test)]
mod tests;
#[cfg(feature = "std")]
pub mod testing;
pub mod traits;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod try_state;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use verinfer_primitives::agent_tag;
#[cfg(feature = "runtime-benchmarks")]
pub use traits::BenchmarkHelper;
pub use submission::Submitted;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;
use verinfer_primitives::{
	ids::{AgentTag, JobId, ModelId},
	jobs::{
		Assignment, Conclusion, JobInfo, JobPhase, JobPolicy, PendingStep, PendingWork,
	},
	tensor::{InputRange, TensorSpec},
	traits::{DeadlineHandler, FeesInterface, JobsInterface, OperatorsInterface, ReputationInterface},
};

/// Balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A model as stored by this pallet.
pub type ModelOf<T> = ModelInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxNameLen,
	<T as Config>::MaxUriLen,
>;

/// A job as stored by this pallet.
pub type JobOf<T> = JobInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxReplicas,
>;

/// A pruned job's compact record as stored by this pallet.
pub type CompactJobOf<T> = verinfer_primitives::jobs::CompactJob<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// An agent as stored by this pallet.
pub type AgentOf<T> = AgentInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxAgentNameLen,
	<T as Config>::MaxAgentMetadataLen,
	<T as Config>::MaxAgentDelegates,
>;

/// A job input as stored by this pallet.
pub type InputOf<T> = verinfer_primitives::tensor::BoundedTensor<<T as Config>::MaxInputLen>;

/// A revealed output or a result as stored by this pallet.
pub type OutputOf<T> = verinfer_primitives::tensor::BoundedTensor<<T as Config>::MaxOutputLen>;

/// The context mixed into the randomness of an assignment.
const ASSIGNMENT_CONTEXT: &[u8; 15] = b"verinfer/assign";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::{DispatchErrorWithPostInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{fungible, Randomness},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Saturating;
	use verinfer_primitives::{tensor::Tensor, ModelFees};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency model deposits are held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Operator eligibility, bonds and open-job accounting.
		type Operators: OperatorsInterface<Self::AccountId, BalanceOf<Self>>;

		/// Quotes, escrow and refunds.
		type Fees: FeesInterface<Self::AccountId, BalanceOf<Self>>;

		/// Reputation scores and exclusion.
		type Reputation: ReputationInterface<Self::AccountId, BalanceOf<Self>>;

		/// The randomness assignments are drawn from (BABE's latest VRF output).
		type Randomness: Randomness<Option<Self::Hash>, BlockNumberFor<Self>>;

		/// What happens at deadlines: the settlement pallet.
		type Deadlines: DeadlineHandler;

		/// Fixed part of a model's deposit.
		#[pallet::constant]
		type ModelDepositBase: Get<BalanceOf<Self>>;

		/// Part of a model's deposit per byte of name and uri.
		#[pallet::constant]
		type ModelDepositPerByte: Get<BalanceOf<Self>>;

		/// Longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Longest model uri, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Most elements of a job input.
		#[pallet::constant]
		type MaxInputLen: Get<u32>;

		/// Most elements of a job output.
		#[pallet::constant]
		type MaxOutputLen: Get<u32>;

		/// Most operators per job (`k`); at most 16, and at most the fees pallet's `MaxReplicas`.
		#[pallet::constant]
		type MaxReplicas: Get<u32>;

		/// Most candidate operators considered for an assignment; at least the operators
		/// pallet's `MaxOperatorsPerModel`, so nobody eligible is left out.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// Blocks from submission to the commit deadline.
		#[pallet::constant]
		type CommitWindow: Get<BlockNumberFor<Self>>;

		/// Blocks from the opening of the reveal phase to the reveal deadline.
		#[pallet::constant]
		type RevealWindow: Get<BlockNumberFor<Self>>;

		/// Capacity of one deadline-queue bucket.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// How many buckets, from the deadline's own, are searched for room.
		#[pallet::constant]
		type DeadlineSearchRange: Get<u32>;

		/// Most deadlines processed in one block's `on_initialize`.
		#[pallet::constant]
		type MaxDeadlinesProcessed: Get<u32>;

		/// Most jobs submitted in one block (their operators are drawn in its `on_finalize`).
		#[pallet::constant]
		type MaxSubmissionsPerBlock: Get<u32>;

		/// Fixed part of an agent's deposit.
		#[pallet::constant]
		type AgentDepositBase: Get<BalanceOf<Self>>;

		/// Part of an agent's deposit per byte of name, metadata and delegate accounts.
		#[pallet::constant]
		type AgentDepositPerByte: Get<BalanceOf<Self>>;

		/// Longest agent name, in bytes.
		#[pallet::constant]
		type MaxAgentNameLen: Get<u32>;

		/// Longest agent metadata, in bytes.
		#[pallet::constant]
		type MaxAgentMetadataLen: Get<u32>;

		/// Most accounts allowed to act for one agent besides its controller.
		#[pallet::constant]
		type MaxAgentDelegates: Get<u32>;

		/// Where record fees go: the fees pallet's treasury.
		type Treasury: Get<Self::AccountId>;

		/// Held per byte of a job's state kept during the retention period, from submission
		/// until the job is pruned.
		#[pallet::constant]
		type StorageDepositPerByte: Get<BalanceOf<Self>>;

		/// Paid to the treasury, once, per byte of a job's state kept forever (its compact
		/// record and index entries).
		#[pallet::constant]
		type RecordFeePerByte: Get<BalanceOf<Self>>;

		/// The retention period set at genesis: blocks a final job keeps its details.
		#[pallet::constant]
		type DefaultRetention: Get<BlockNumberFor<Self>>;

		/// Most jobs pruned, and most prune-queue buckets looked at, in one block's `on_idle`.
		#[pallet::constant]
		type MaxPrunedPerBlock: Get<u32>;

		/// Weights of this pallet's calls and deadline work.
		type WeightInfo: WeightInfo;

		/// Sets up operators for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A model owner's deposit for its registry entry.
		#[codec(index = 0)]
		ModelDeposit,
		/// An agent controller's deposit for its agent's entry.
		#[codec(index = 1)]
		AgentDeposit,
		/// A requester's deposit for the details of its job, until they are pruned.
		#[codec(index = 2)]
		JobStorage,
	}

	/// Models registered when the chain starts.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The models, registered in order as by `register_model`.
		pub models: Vec<GenesisModel<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Retention::<T>::put(T::DefaultRetention::get());
			for m in &self.models {
				// A chain spec that cannot register its own models must not produce a chain.
				Pallet::<T>::do_register_model(
					m.owner.clone(),
					m.content_hash,
					m.name.clone().into_bytes(),
					m.uri.clone().into_bytes(),
					m.input.clone(),
					m.output.clone(),
					m.input_range,
					m.tolerance,
					ModelFees { operator_fee: m.operator_fee, royalty: m.royalty },
					JobPolicy { k: m.k, q: m.q },
				)
				.unwrap_or_else(|e| panic!("genesis model {:?}: {e:?}", m.content_hash));
			}
		}
	}

	/// Every registered model, by content hash.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Identity, ModelId, ModelOf<T>, OptionQuery>;

	/// The id of the next job.
	#[pallet::storage]
	pub type NextJobId<T: Config> = StorageValue<_, JobId, ValueQuery>;

	/// Every job whose details are kept: open ones, and final ones within the retention period
	/// (then pruned to [`Pruned`]).
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, JobOf<T>, OptionQuery>;

	/// The input of every job.
	#[pallet::storage]
	pub type Inputs<T: Config> = StorageMap<_, Twox64Concat, JobId, InputOf<T>, OptionQuery>;

	/// The output revealed by each slot of each job.
	#[pallet::storage]
	pub type Reveals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, JobId, Twox64Concat, u32, OutputOf<T>, OptionQuery>;

	/// The result (median of the agreeing group) of every verified job.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, JobId, OutputOf<T>, OptionQuery>;

	/// The jobs of each requester, by sequence number in submission order.
	#[pallet::storage]
	pub type RequesterJobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, JobId, OptionQuery>;

	/// Number of jobs of each requester.
	#[pallet::storage]
	pub type RequesterJobCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The jobs each operator was assigned, by sequence number in assignment order.
	#[pallet::storage]
	pub type OperatorJobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, JobId, OptionQuery>;

	/// Number of jobs each operator was assigned.
	#[pallet::storage]
	pub type OperatorJobCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The jobs of each agent tag, by sequence number in submission order.
	#[pallet::storage]
	pub type AgentJobs<T: Config> =
		StorageDoubleMap<_, Identity, AgentTag, Twox64Concat, u32, JobId, OptionQuery>;

	/// Number of jobs of each agent tag.
	#[pallet::storage]
	pub type AgentJobCount<T: Config> = StorageMap<_, Identity, AgentTag, u32, ValueQuery>;

	/// The open (not final) jobs of each operator.
	#[pallet::storage]
	pub type OperatorOpenJobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, (), OptionQuery>;

	/// Number of open jobs; at most `MaxDeadlinesPerBlock × DeadlineSearchRange`.
	#[pallet::storage]
	pub type OpenJobs<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The pending deadline of every open job, by the block it is processed at.
	#[pallet::storage]
	pub type DeadlineQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<JobId, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	/// The first bucket of [`DeadlineQueue`] that may still hold unprocessed deadlines.
	#[pallet::storage]
	pub type DeadlineCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The models of the jobs submitted in this block, each once, with the number of candidates
	/// its first submission paid to read: the block-end draw reads each model's candidates
	/// once, no more of them than that. Empty between blocks.
	#[pallet::storage]
	pub type PendingModels<T: Config> =
		StorageValue<_, BoundedVec<(ModelId, u32), T::MaxSubmissionsPerBlock>, ValueQuery>;

	/// The jobs submitted in this block, whose operators `on_finalize` draws; empty between
	/// blocks.
	#[pallet::storage]
	pub type PendingDraws<T: Config> =
		StorageValue<_, BoundedVec<PendingDraw, T::MaxSubmissionsPerBlock>, ValueQuery>;

	/// Every registered agent, by tag.
	#[pallet::storage]
	pub type Agents<T: Config> = StorageMap<_, Identity, AgentTag, AgentOf<T>, OptionQuery>;

	/// Blocks a final job keeps its details (record, input, reveals, result) before they are
	/// pruned to its compact record. Set at genesis to `DefaultRetention`; root may change it
	/// for jobs concluded from then on ([`Pallet::set_retention`]).
	#[pallet::storage]
	pub type Retention<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultRetentionOf<T>>;

	/// `DefaultRetention`: what [`Retention`] reads before anything was written (a chain that
	/// started before it existed).
	#[pallet::type_value]
	pub fn DefaultRetentionOf<T: Config>() -> BlockNumberFor<T> {
		T::DefaultRetention::get()
	}

	/// Every final job whose details are still kept, by the block from which they may be
	/// pruned (its conclusion plus the retention period then).
	#[pallet::storage]
	pub type PruneQueue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		JobId,
		(),
		OptionQuery,
	>;

	/// The first bucket of [`PruneQueue`] that may still hold jobs due for pruning.
	#[pallet::storage]
	pub type PruneCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The compact record of every pruned job, kept forever.
	#[pallet::storage]
	pub type Pruned<T: Config> = StorageMap<_, Twox64Concat, JobId, CompactJobOf<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `owner` registered `model`, holding `deposit`.
		ModelRegistered { model: ModelId, owner: T::AccountId, deposit: BalanceOf<T> },
		/// The fees of `model` for new jobs are now `fees`.
		ModelFeesSet { model: ModelId, fees: ModelFees<BalanceOf<T>> },
		/// `model` takes no new jobs.
		ModelDeprecated { model: ModelId },
		/// `requester` submitted `job` for `model`, holding `quote.total`; its operators are
		/// drawn at the end of the block and must commit before `commit_deadline`.
		JobSubmitted {
			job: JobId,
			requester: T::AccountId,
			model: ModelId,
			agent: Option<AgentTag>,
			quote: verinfer_primitives::Quote<BalanceOf<T>>,
			commit_deadline: BlockNumberFor<T>,
		},
		/// `operators` were drawn for `job`, in slot order.
		JobAssigned { job: JobId, operators: Vec<T::AccountId> },
		/// `controller` registered agent `agent`, holding `deposit`.
		AgentRegistered { agent: AgentTag, controller: T::AccountId, deposit: BalanceOf<T> },
		/// The accounts allowed to act for `agent` besides its controller are now `delegates`.
		AgentDelegatesSet { agent: AgentTag, delegates: Vec<T::AccountId> },
		/// The reveal phase of `job` opened; reveals are accepted before `reveal_deadline`.
		RevealOpened { job: JobId, reveal_deadline: BlockNumberFor<T> },
		/// `job` reached its final `phase`.
		JobConcluded { job: JobId, phase: JobPhase },
		/// `requester` of `job` paid for its state: `deposit` is held until the job is pruned,
		/// `fee` went to the treasury for its compact record.
		StoragePaid { job: JobId, requester: T::AccountId, deposit: BalanceOf<T>, fee: BalanceOf<T> },
		/// The details of `job` were pruned to its compact record; `released` of its storage
		/// deposit went back to `requester`.
		JobPruned { job: JobId, requester: T::AccountId, released: BalanceOf<T> },
		/// Jobs concluded from now on keep their details `retention` blocks.
		RetentionSet { retention: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A model with this content hash is already registered.
		ModelExists,
		/// No model with this content hash is registered.
		UnknownModel,
		/// The model is deprecated and takes no new jobs.
		ModelDeprecated,
		/// Only the model's owner may do this.
		NotModelOwner,
		/// The model name is longer than `MaxNameLen`.
		NameTooLong,
		/// The model uri is longer than `MaxUriLen`.
		UriTooLong,
		/// A tensor spec is malformed (too many dimensions, precision too high) or empty.
		InvalidSpec,
		/// A tensor spec has more elements than `MaxInputLen` / `MaxOutputLen`.
		SpecTooLarge,
		/// The policy is not `1 ≤ q ≤ k ≤ MaxReplicas` with `2q > k`.
		InvalidPolicy,
		/// The policy asks for fewer replicas or a lower quorum than the model's default.
		PolicyBelowModel,
		/// The input has more elements than `MaxInputLen`.
		InputTooLarge,
		/// The input's shape is not the model's input shape.
		WrongInputShape,
		/// The input's precision is not the model's input precision.
		WrongInputPrecision,
		/// The input's number of elements does not match its shape.
		WrongInputSize,
		/// The quote is above the requester's `max_fee`.
		FeeAboveMax,
		/// Fewer than `k` operators are eligible (online, serving, bonded, not excluded).
		NotEnoughOperators,
		/// The chain has as many open jobs as its deadline queue can hold.
		TooManyOpenJobs,
		/// No deadline bucket within `DeadlineSearchRange` has room.
		DeadlineQueueFull,
		/// The free balance cannot cover the model deposit.
		InsufficientBalance,
		/// No job with this id.
		UnknownJob,
		/// The job is not in the phase this needs.
		WrongPhase,
		/// The job has no such slot.
		UnknownSlot,
		/// The slot already committed.
		AlreadyCommitted,
		/// The slot did not commit.
		NotCommitted,
		/// The slot already revealed.
		AlreadyRevealed,
		/// The conclusion is not a final phase or has the wrong number of outcomes.
		InvalidConclusion,
		/// An input element lies outside the model's declared input range.
		InputOutOfRange,
		/// The input range is empty (`min > max`).
		InvalidInputRange,
		/// This block already has `MaxSubmissionsPerBlock` submitted jobs.
		TooManySubmissions,
		/// No agent is registered under this tag.
		UnknownAgent,
		/// The agent's controller registered an agent of this name already.
		AgentExists,
		/// The caller is neither the agent's controller nor one of its delegates.
		NotAgentController,
		/// The agent name is longer than `MaxAgentNameLen`.
		AgentNameTooLong,
		/// The agent metadata is longer than `MaxAgentMetadataLen`.
		AgentMetadataTooLong,
		/// More delegates than `MaxAgentDelegates`.
		TooManyDelegates,
		/// The free balance cannot cover the job's storage deposit and record fee besides its
		/// quote.
		CannotPayStorage,
		/// The retention period must be at least one block.
		ZeroRetention,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			// `on_finalize` reads and clears the pending draws and models (each draw itself was
			// charged to its `submit_job`).
			Self::process_deadlines(now).saturating_add(T::DbWeight::get().reads_writes(2, 2))
		}

		fn on_finalize(_now: BlockNumberFor<T>) {
			Self::draw_pending();
		}

		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::prune_expired(now, remaining)
		}

		fn integrity_test() {
			assert!(T::MaxReplicas::get() >= 1, "MaxReplicas must be at least 1");
			assert!(T::MaxReplicas::get() <= 16, "the verdict's group search assumes k ≤ 16");
			assert!(T::MaxInputLen::get() >= 1, "MaxInputLen must be at least 1");
			assert!(T::MaxOutputLen::get() >= 1, "MaxOutputLen must be at least 1");
			assert!(!T::CommitWindow::get().is_zero(), "CommitWindow must not be zero");
			assert!(!T::RevealWindow::get().is_zero(), "RevealWindow must not be zero");
			assert!(T::MaxDeadlinesPerBlock::get() >= 1, "MaxDeadlinesPerBlock must not be zero");
			assert!(T::DeadlineSearchRange::get() >= 1, "DeadlineSearchRange must not be zero");
			assert!(T::MaxDeadlinesProcessed::get() >= 1, "MaxDeadlinesProcessed must not be zero");
			assert!(T::MaxCandidates::get() >= T::MaxReplicas::get(), "too few candidates");
			assert!(!T::DefaultRetention::get().is_zero(), "DefaultRetention must not be zero");
			assert!(T::MaxPrunedPerBlock::get() >= 1, "MaxPrunedPerBlock must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the model whose ONNX file hashes to `content_hash`, holding the model
		/// deposit from the caller, who becomes its owner.
		///
		/// `input` and `output` are the exact tensor specs of the model; `input_range`, if
		/// given, the values every input element must lie in (inputs the model cannot answer are
		/// then refused at submission); `tolerance` is the largest element-wise difference of
		/// agreeing outputs; `fees` are paid per verified job (the operator fee to each agreeing
		/// operator, the royalty to the owner); `policy` is the default `k` and `q`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(
			(name.len() as u32).saturating_add(uri.len() as u32)
				.min(T::MaxNameLen::get().saturating_add(T::MaxUriLen::get()))
		))]
		pub fn register_model(
			origin: OriginFor<T>,
			content_hash: ModelId,
			name: Vec<u8>,
			uri: Vec<u8>,
			input: TensorSpec,
			output: TensorSpec,
			input_range: Option<InputRange>,
			tolerance: u64,
			fees: ModelFees<BalanceOf<T>>,
			policy: JobPolicy,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_model(
				owner,
				content_hash,
				name,
				uri,
				input,
				output,
				input_range,
				tolerance,
				fees,
				policy,
			)
		}

		/// Set the operator fee and royalty of the caller's `model` for jobs submitted from now.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_model_fees())]
		pub fn set_model_fees(
			origin: OriginFor<T>,
			model: ModelId,
			#[pallet::compact] operator_fee: BalanceOf<T>,
			#[pallet::compact] royalty: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let fees = ModelFees { operator_fee, royalty };
			Models::<T>::try_mutate(model, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::UnknownModel)?;
				ensure!(info.owner == who, Error::<T>::NotModelOwner);
				info.fees = fees;
				Ok(())
			})?;
			Self::deposit_event(Event::ModelFeesSet { model, fees });
			Ok(())
		}

		/// Deprecate the caller's `model`: it takes no new jobs; open jobs run to their end.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deprecate_model())]
		pub fn deprecate_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Models::<T>::try_mutate(model, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::UnknownModel)?;
				ensure!(info.owner == who, Error::<T>::NotModelOwner);
				ensure!(info.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
				info.status = ModelStatus::Deprecated;
				Ok(())
			})?;
			Self::deposit_event(Event::ModelDeprecated { model });
			Ok(())
		}

		/// Submit a job: run `model` on `input`, paying at most `max_fee`.
		///
		/// `policy` overrides the model's default `k` and `q` (only upwards); `agent`, a tag the
		/// caller controls or acts for, lists the job among the agent's decisions. The quote is
		/// held in escrow now; the `k` operators are drawn at the end of the block, from the
		/// block's own randomness (see the crate docs, *Assignment*). The call is charged for the
		/// draw too. On any error nothing is held or changed, and only the checks are charged.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::submit_weight(
			input.data.len() as u32,
			T::MaxCandidates::get(),
			policy.map_or(T::MaxReplicas::get(), |p| p.k),
			true,
		))]
		pub fn submit_job(
			origin: OriginFor<T>,
			model: ModelId,
			input: Tensor,
			#[pallet::compact] max_fee: BalanceOf<T>,
			policy: Option<JobPolicy>,
			agent: Option<AgentTag>,
		) -> DispatchResultWithPostInfo {
			let requester = ensure_signed(origin)?;
			let len = input.data.len() as u32;
			let k = policy.map_or(T::MaxReplicas::get(), |p| p.k);
			match Self::do_submit(requester, model, input, max_fee, policy, agent) {
				Ok(done) => Ok(PostDispatchInfo {
					actual_weight: Some(Self::submit_weight(
						len,
						done.candidates,
						done.k,
						done.reads_pool,
					)),
					pays_fee: Pays::Yes,
				}),
				// A refused submission does not keep the block space of a draw it never made.
				Err(error) => Err(DispatchErrorWithPostInfo {
					post_info: PostDispatchInfo {
						actual_weight: Some(Self::submit_weight(len, 0, k, false)),
						pays_fee: Pays::Yes,
					},
					error,
				}),
			}
		}

		/// Register an agent named `name` controlled by the caller, holding the agent deposit.
		/// Its tag is `blake2_256(SCALE(caller, name))` ([`agent_tag`]), so nobody can take
		/// another's name. Only the controller and the accounts it allows
		/// ([`Pallet::set_agent_delegates`]) may submit jobs tagged with it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_agent(
			(name.len() as u32).saturating_add(metadata.len() as u32)
				.min(T::MaxAgentNameLen::get().saturating_add(T::MaxAgentMetadataLen::get()))
		))]
		pub fn register_agent(
			origin: OriginFor<T>,
			name: Vec<u8>,
			metadata: Vec<u8>,
		) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			Self::do_register_agent(controller, name, metadata)
		}

		/// Set the accounts that may submit jobs for the caller's `agent` besides the caller;
		/// the deposit follows their number.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_agent_delegates(
			(delegates.len() as u32).min(T::MaxAgentDelegates::get())
		))]
		pub fn set_agent_delegates(
			origin: OriginFor<T>,
			agent: AgentTag,
			delegates: Vec<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_agent_delegates(who, agent, delegates)
		}

		/// Root: keep the details of jobs concluded from now on `retention` blocks (at least
		/// one) before pruning them. Jobs already concluded keep the period they were queued
		/// with; storage deposits do not depend on it.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_retention())]
		pub fn set_retention(
			origin: OriginFor<T>,
			retention: BlockNumberFor<T>,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_retention(retention)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Register a model; see [`Pallet::register_model`].
		#[allow(clippy::too_many_arguments)]
		pub fn do_register_model(
			owner: T::AccountId,
			model: ModelId,
			name: Vec<u8>,
			uri: Vec<u8>,
			input: TensorSpec,
			output: TensorSpec,
			input_range: Option<InputRange>,
			tolerance: u64,
			fees: ModelFees<BalanceOf<T>>,
			policy: JobPolicy,
		) -> DispatchResult {
			ensure!(!Models::<T>::contains_key(model), Error::<T>::ModelExists);
			ensure!(input_range.is_none_or(|r| r.is_valid()), Error::<T>::InvalidInputRange);
			let bytes = (name.len() as u32).saturating_add(uri.len() as u32);
			let name: BoundedVec<u8, T::MaxNameLen> =
				name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			let uri: BoundedVec<u8, T::MaxUriLen> =
				uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			Self::check_spec(&input, T::MaxInputLen::get())?;
			Self::check_spec(&output, T::MaxOutputLen::get())?;
			ensure!(policy.is_valid(T::MaxReplicas::get()), Error::<T>::InvalidPolicy);
			let deposit = T::ModelDepositBase::get()
				.saturating_add(T::ModelDepositPerByte::get().saturating_mul(bytes.into()));
			asset::hold_deposit::<T>(&owner, deposit)?;
			Models::<T>::insert(
				model,
				ModelInfo {
					owner: owner.clone(),
					name,
					uri,
					input,
					output,
					input_range,
					tolerance,
					fees,
					policy,
					deposit,
					status: ModelStatus::Active,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::ModelRegistered { model, owner, deposit });
			Ok(())
		}

		fn check_spec(spec: &TensorSpec, max: u32) -> DispatchResult {
			spec.validate().map_err(|_| Error::<T>::InvalidSpec)?;
			let count = spec.element_count().unwrap_or(u64::MAX);
			ensure!(count > 0, Error::<T>::InvalidSpec);
			ensure!(count <= max as u64, Error::<T>::SpecTooLarge);
			Ok(())
		}

		/// Up to `page_size` ids of the jobs of `requester`, newest first, skipping `page` pages.
		pub fn jobs_of_requester(who: &T::AccountId, page: u32, page_size: u32) -> Vec<JobId> {
			Self::page(RequesterJobCount::<T>::get(who), page, page_size, |seq| {
				RequesterJobs::<T>::get(who, seq)
			})
		}

		/// Up to `page_size` ids of the jobs `operator` was assigned, newest first, skipping
		/// `page` pages.
		pub fn jobs_of_operator(who: &T::AccountId, page: u32, page_size: u32) -> Vec<JobId> {
			Self::page(OperatorJobCount::<T>::get(who), page, page_size, |seq| {
				OperatorJobs::<T>::get(who, seq)
			})
		}

		/// Up to `page_size` ids of the jobs tagged `agent`, newest first, skipping `page` pages.
		pub fn jobs_of_agent(agent: &AgentTag, page: u32, page_size: u32) -> Vec<JobId> {
			Self::page(AgentJobCount::<T>::get(agent), page, page_size, |seq| {
				AgentJobs::<T>::get(agent, seq)
			})
		}

		fn page(
			count: u32,
			page: u32,
			page_size: u32,
			get: impl Fn(u32) -> Option<JobId>,
		) -> Vec<JobId> {
			let skip = page.saturating_mul(page_size);
			let end = count.saturating_sub(skip);
			let start = end.saturating_sub(page_size);
			(start..end).rev().filter_map(get).collect()
		}

		/// The open jobs of `operator`.
		pub fn open_jobs_of(operator: &T::AccountId) -> Vec<JobId> {
			OperatorOpenJobs::<T>::iter_key_prefix(operator).collect()
		}
	}

	impl<T: Config> frame_support::traits::Contains<ModelId> for Pallet<T> {
		/// Registered, active models.
		fn contains(model: &ModelId) -> bool {
			Models::<T>::get(model).is_some_and(|m| m.status == ModelStatus::Active)
		}
	}
}
