//! The interfaces through which the Verinfer pallets work together.
//!
//! Each pallet owns its data and offers it to the others through one of these traits, as
//! `sp-staking` holds `StakingInterface` for the staking pallets. A pallet depends on this crate,
//! never on a sibling pallet; only the runtime knows them all and wires each `Config` to the
//! pallet that implements the trait:
//!
//! | trait | implemented by | used by |
//! |---|---|---|
//! | [`OperatorsInterface`], [`OperatorKeyLookup`] | operators | jobs, settlement |
//! | [`FeesInterface`] | fees | jobs, settlement |
//! | [`ReputationInterface`] | reputation | jobs, settlement |
//! | [`JobsInterface`] | jobs | settlement |
//! | [`DeadlineHandler`] | settlement | jobs |
//!
//! `()` implements each of them as "nothing there" (no operators, no fees, average reputation,
//! no jobs, deadlines that do nothing), for mocks of a pallet tested alone; in-memory
//! implementations for mocks are in [`crate::testing`].

use crate::{
	fees::{ModelFees, Payout, Quote},
	ids::{JobId, ModelId},
	jobs::{Conclusion, JobInfo, PendingWork},
	operators::{SlashReason, Slashed},
	reputation::ReputationEvent,
	tensor::{BoundedTensor, TensorSpec},
};
use alloc::vec::Vec;
use sp_core::{Get, H256};
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, Zero},
	DispatchError, DispatchResult, Perbill, Permill,
};

/// Operator staking as seen by the jobs and settlement pallets.
pub trait OperatorsInterface<AccountId, Balance> {
	/// Whether `who` can be assigned a new job of `model` now: online, serving `model`, active
	/// bond at least the minimum, and room for another open job.
	fn is_eligible(who: &AccountId, model: &ModelId) -> bool;

	/// The active bond of `who` (zero if not an operator). Weights assignment.
	fn bond_of(who: &AccountId) -> Balance;

	/// Every operator eligible for `model`, with its active bond, in a deterministic order.
	fn eligible_operators(model: &ModelId) -> Vec<(AccountId, Balance)>;

	/// How many operators [`Self::eligible_operators`] looks at for `model` (the online
	/// operators serving it), read cheaply: what the draw of a job of `model` will cost.
	fn candidate_count(model: &ModelId) -> u32;

	/// Number of open jobs of `who`.
	fn open_jobs(who: &AccountId) -> u32;

	/// Count one more open job for `who`. Fails for an unknown operator or one that already
	/// has the maximum of open jobs; changes nothing then. Open-job counting emits no event:
	/// the jobs pallet's own events record assignment and completion.
	fn note_job_opened(who: &AccountId) -> DispatchResult;

	/// Count one open job of `who` as closed (its job reached a final state).
	fn note_job_closed(who: &AccountId);

	/// Slash `fraction` of `who`'s whole bond for `reason`. If `compensate` names a harmed party
	/// (usually the requester) and a cap, the compensation share of the slash goes to it, at most
	/// the cap; the rest goes to the treasury. Never fails; an unknown operator loses nothing.
	fn slash(
		who: &AccountId,
		fraction: Perbill,
		reason: SlashReason,
		compensate: Option<(&AccountId, Balance)>,
	) -> Slashed<Balance>;
}

/// The binding between operators and their off-chain worker keys.
pub trait OperatorKeyLookup<AccountId> {
	/// The key type.
	type Key;
	/// The key bound to operator `who`.
	fn key_of(who: &AccountId) -> Option<Self::Key>;
	/// The operator `key` is bound to.
	fn operator_of(key: &Self::Key) -> Option<AccountId>;
}

/// Pricing and escrow of jobs.
///
/// Every function that moves funds is atomic: on `Err` nothing changed.
pub trait FeesInterface<AccountId, Balance> {
	/// The price of a job of `k` operators on `input_len` input bytes of a model with `fees`.
	fn quote(
		fees: &ModelFees<Balance>,
		input_len: u32,
		k: u32,
	) -> Result<Quote<Balance>, DispatchError>;

	/// Hold `quote.total` from `payer` as the escrow of `job`.
	fn hold_escrow(job: JobId, payer: &AccountId, quote: &Quote<Balance>) -> DispatchResult;

	/// Pay out the escrow of verified job `job`: `per_operator` to each of `agreeing`
	/// (distinct accounts, at most `k`), the royalty to `model_owner`, the protocol fee to the
	/// treasury, the rest back to the requester. Removes the escrow.
	fn settle(
		job: JobId,
		agreeing: &[AccountId],
		model_owner: &AccountId,
	) -> Result<Payout<Balance>, DispatchError>;

	/// Give the whole escrow of failed or expired job `job` back to the requester and remove
	/// it. Returns the amount refunded.
	fn refund(job: JobId) -> Result<Balance, DispatchError>;

	/// The quote held for `job`, if it has an escrow.
	fn escrow_of(job: JobId) -> Option<Quote<Balance>>;
}

/// Operator reputation as seen by the jobs and settlement pallets.
pub trait ReputationInterface<AccountId, Balance> {
	/// Record the outcome of one job for one assigned operator.
	fn record(who: &AccountId, event: ReputationEvent<Balance>);

	/// The current score of `who`; 1/2 for an operator without history.
	fn score(who: &AccountId) -> Permill;

	/// Whether `who` is excluded from assignment now.
	fn is_excluded(who: &AccountId) -> bool;
}

/// Jobs as seen by the settlement pallet.
///
/// The settlement pallet decides (who committed in time, whether a reveal matches, the verdict,
/// payments and slashes); the jobs pallet keeps the record and the deadlines. The writing
/// functions check only what keeps the record consistent (the job exists, is in the right
/// phase, the slot exists and was not used yet) and fail without changing anything otherwise.
pub trait JobsInterface<AccountId, Balance, BlockNumber> {
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
	fn record_commitment(id: JobId, slot: u32, commitment: H256) -> DispatchResult;

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

	/// Benchmarks only: fill every deadline bucket a reveal phase opened now would search but
	/// the last, so that opening it searches as far as it can.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_crowd_reveal_deadlines();
}

/// What happens at a job's deadlines. Called from the jobs pallet's `on_initialize`, a bounded
/// number of times per block, for jobs whose deadline is due.
///
/// A handler must leave the job either final (through [`JobsInterface::conclude`]) or in the
/// reveal phase with a new deadline (through [`JobsInterface::open_reveal`]). If it does
/// neither, the jobs pallet expires the job itself and refunds the requester, so no job is ever
/// left without a path to a final state.
pub trait DeadlineHandler {
	/// The commit window of job `id` (still `Assigned` or `Committing`) has closed.
	fn on_commit_deadline(id: JobId);

	/// The reveal window of job `id` (still `Revealing`) has closed.
	fn on_reveal_deadline(id: JobId);
}

impl<AccountId, Balance: Zero> OperatorsInterface<AccountId, Balance> for () {
	fn is_eligible(_: &AccountId, _: &ModelId) -> bool {
		false
	}
	fn bond_of(_: &AccountId) -> Balance {
		Zero::zero()
	}
	fn eligible_operators(_: &ModelId) -> Vec<(AccountId, Balance)> {
		Vec::new()
	}
	fn candidate_count(_: &ModelId) -> u32 {
		0
	}
	fn open_jobs(_: &AccountId) -> u32 {
		0
	}
	fn note_job_opened(_: &AccountId) -> DispatchResult {
		Ok(())
	}
	fn note_job_closed(_: &AccountId) {}
	fn slash(
		_: &AccountId,
		_: Perbill,
		_: SlashReason,
		_: Option<(&AccountId, Balance)>,
	) -> Slashed<Balance> {
		Slashed { amount: Zero::zero(), compensation: Zero::zero() }
	}
}

impl<AccountId> OperatorKeyLookup<AccountId> for () {
	type Key = ();
	fn key_of(_: &AccountId) -> Option<()> {
		None
	}
	fn operator_of(_: &()) -> Option<AccountId> {
		None
	}
}

/// Quotes are `k × operator_fee + royalty`; escrow always succeeds and moves nothing.
impl<AccountId, Balance: AtLeast32BitUnsigned + Copy + Default> FeesInterface<AccountId, Balance>
	for ()
{
	fn quote(
		fees: &ModelFees<Balance>,
		_input_len: u32,
		k: u32,
	) -> Result<Quote<Balance>, DispatchError> {
		let operators = fees.operator_fee.saturating_mul(k.into());
		Ok(Quote {
			k,
			per_operator: fees.operator_fee,
			royalty: fees.royalty,
			protocol_fee: Zero::zero(),
			total: operators.saturating_add(fees.royalty),
		})
	}
	fn hold_escrow(_: JobId, _: &AccountId, _: &Quote<Balance>) -> DispatchResult {
		Ok(())
	}
	fn settle(
		_: JobId,
		agreeing: &[AccountId],
		_: &AccountId,
	) -> Result<Payout<Balance>, DispatchError> {
		Ok(Payout { operators_paid: agreeing.len() as u32, ..Default::default() })
	}
	fn refund(_: JobId) -> Result<Balance, DispatchError> {
		Ok(Zero::zero())
	}
	fn escrow_of(_: JobId) -> Option<Quote<Balance>> {
		None
	}
}

/// Everybody is average: score 1/2, nobody excluded, nothing recorded.
impl<AccountId, Balance> ReputationInterface<AccountId, Balance> for () {
	fn record(_: &AccountId, _: ReputationEvent<Balance>) {}
	fn score(_: &AccountId) -> Permill {
		Permill::from_percent(50)
	}
	fn is_excluded(_: &AccountId) -> bool {
		false
	}
}

/// Deadlines do nothing, so every deadline expires its job through the jobs pallet's safety net.
impl DeadlineHandler for () {
	fn on_commit_deadline(_: JobId) {}
	fn on_reveal_deadline(_: JobId) {}
}
