//! Runtime APIs of Verinfer and the self-contained views they return.
//!
//! The node serves these APIs as JSON-RPC (`inference_*`, `reputation_*`). Every type here is a
//! plain SCALE view of what the pallets store, defined in this crate so that the node and
//! wallet-side tools can decode the answers without depending on any pallet.
//!
//! ## Paging
//!
//! The jobs of a requester, of an operator and of an agent tag are indexed by the jobs pallet
//! with a sequence number per index (`0` = the first job ever submitted for that key,
//! increasing in submission order, never reused). A page is read **newest first**: it starts
//! at the sequence number `start` (`None` = the newest job) and walks down at most `len`
//! entries ([`MAX_PAGE_LEN`] at most). [`JobPage::next`] is the `start` of the following
//! (older) page, `None` at the end. Because sequence numbers never move, paging with `next`
//! neither skips nor repeats jobs while new jobs are submitted.
//!
//! ## Bounds
//!
//! Runtime APIs run off-chain, outside any block's weight, but they still run in the node's
//! wasm executor, so every answer is bounded: pages by [`MAX_PAGE_LEN`], rankings by
//! [`MAX_TOP_LIMIT`], and the operators scanned by a ranking by [`MAX_TOP_SCAN`].

extern crate alloc;

use crate::{
	fees::{ModelFees, Payout, Quote},
	ids::{JobId, ModelId},
	reputation::OperatorStats,
	tensor::{Tensor, TensorSpec},
};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

/// Most jobs in one page of a job index.
pub const MAX_PAGE_LEN: u32 = 100;

/// Most operators in one reputation ranking.
pub const MAX_TOP_LIMIT: u32 = 100;

/// Most operators a reputation ranking looks at (in the operators pallet's storage order).
pub const MAX_TOP_SCAN: u32 = 10_000;

/// The phase of a job, as in the jobs pallet.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub enum JobStatus {
	/// Operators drawn, no commitment yet.
	Assigned,
	/// At least one commitment, commit window still open.
	Committing,
	/// Committers may reveal until the reveal deadline.
	Revealing,
	/// A group of at least `q` agreeing outputs; its median is the result. Final.
	Verified,
	/// Outputs revealed but no group reached the quorum; refunded. Final.
	Failed,
	/// Fewer than `q` commitments by the commit deadline; refunded. Final.
	Expired,
}

/// What became of one assigned operator once its job was final, as in the jobs pallet.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub enum OperatorOutcome {
	/// Its output was in the agreeing group of a verified job; it was paid.
	Agreed,
	/// It revealed an output outside the agreeing group of a verified job; it was slashed.
	Disagreed,
	/// It revealed in a failed job: nothing was confirmed.
	Unconfirmed,
	/// It committed in time, but the job expired for lack of other commitments.
	Committed,
	/// It did not commit before the commit deadline; it was slashed.
	MissedCommit,
	/// It committed but did not reveal before the reveal deadline; it was slashed.
	MissedReveal,
}

/// One assigned operator's part of a job.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct AssignmentView<AccountId, Balance, BlockNumber> {
	/// The operator's account.
	pub operator: AccountId,
	/// Its commitment, once made.
	pub commitment: Option<H256>,
	/// Block of its commitment.
	pub committed_at: Option<BlockNumber>,
	/// Block of its reveal.
	pub revealed_at: Option<BlockNumber>,
	/// Canonical hash of its revealed output.
	pub output_hash: Option<H256>,
	/// What became of it, once the job is final.
	pub outcome: Option<OperatorOutcome>,
	/// What it was paid from the escrow.
	pub paid: Balance,
	/// What was slashed from its bond for this job.
	pub slashed: Balance,
}

/// A job and, once final, its permanent record.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct JobView<AccountId, Balance, BlockNumber> {
	/// The job's id.
	pub id: JobId,
	/// Who submitted and pays for the job.
	pub requester: AccountId,
	/// The model, by content hash.
	pub model: ModelId,
	/// Canonical hash of the input.
	pub input_hash: H256,
	/// The input itself (only in single-job answers; `None` in pages).
	pub input: Option<Tensor>,
	/// The requester's agent tag, if any.
	pub agent: Option<H256>,
	/// Replicas: number of operators assigned.
	pub k: u32,
	/// Quorum: number of agreeing outputs needed.
	pub q: u32,
	/// The model's tolerance at submission.
	pub tolerance: u64,
	/// `k = q = 1`: the result is one operator's answer, checked by nobody.
	pub unverified: bool,
	/// Most the requester agreed to pay.
	pub max_fee: Balance,
	/// The price held in escrow.
	pub quote: Quote<Balance>,
	/// The drawn operators, in slot order.
	pub assignments: Vec<AssignmentView<AccountId, Balance, BlockNumber>>,
	/// Current phase.
	pub status: JobStatus,
	/// Block of submission.
	pub submitted_at: BlockNumber,
	/// First block at which commitments are refused.
	pub commit_deadline: BlockNumber,
	/// Block at which the reveal phase opened.
	pub reveal_opened_at: Option<BlockNumber>,
	/// First block at which reveals are refused.
	pub reveal_deadline: Option<BlockNumber>,
	/// Block at which the job reached its final state.
	pub concluded_at: Option<BlockNumber>,
	/// Number of outputs in the agreeing group.
	pub agreeing: u32,
	/// Canonical hash of the result (verified jobs only).
	pub result_hash: Option<H256>,
	/// The result (verified jobs only).
	pub result: Option<Tensor>,
	/// How the escrow was paid out or refunded, once final.
	pub payout: Option<Payout<Balance>>,
}

/// One page of a job index, newest first (see the module documentation).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct JobPage<AccountId, Balance, BlockNumber> {
	/// Number of jobs in the index.
	pub total: u32,
	/// The jobs of this page, newest first.
	pub jobs: Vec<JobView<AccountId, Balance, BlockNumber>>,
	/// The `start` of the next (older) page, `None` at the end.
	pub next: Option<u32>,
}

/// A registered model.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ModelView<AccountId, Balance, BlockNumber> {
	/// The model's id: blake2-256 of its ONNX file.
	pub id: ModelId,
	/// Who registered it; receives royalties.
	pub owner: AccountId,
	/// Human-readable name (UTF-8 by convention, not checked).
	pub name: Vec<u8>,
	/// Where to fetch the ONNX file (UTF-8 by convention, not checked).
	pub uri: Vec<u8>,
	/// Exact shape and precision of every input.
	pub input: TensorSpec,
	/// Shape and precision of the output.
	pub output: TensorSpec,
	/// Largest element-wise difference of agreeing outputs.
	pub tolerance: u64,
	/// Operator fee and royalty for new jobs.
	pub fees: ModelFees<Balance>,
	/// Default replicas.
	pub k: u32,
	/// Default quorum.
	pub q: u32,
	/// Deposit held from the owner.
	pub deposit: Balance,
	/// Whether the model takes new jobs.
	pub active: bool,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// SCALE size in bytes of a valid input: what the byte fee of a quote is charged on.
	pub input_bytes: u32,
	/// Operators eligible for a new job of this model now.
	pub eligible_operators: u32,
}

/// A quote and the input size it was computed for.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct QuoteView<Balance> {
	/// Input bytes the byte fee was charged on.
	pub input_bytes: u32,
	/// The price.
	pub quote: Quote<Balance>,
}

/// Why no quote can be given.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub enum QuoteError {
	/// No model with this id.
	UnknownModel,
	/// The model takes no new jobs.
	ModelDeprecated,
	/// `k` is below the model's default replicas.
	BelowModelPolicy,
	/// `k` is zero or above the chain's maximum replicas.
	InvalidReplicas,
	/// The price overflows the balance type.
	Overflow,
}

/// An operator's score now.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ScoreView {
	/// The score in parts per million (500 000 without history).
	pub score: u32,
	/// Whether the operator is excluded from assignment now.
	pub excluded: bool,
}

/// An operator's reputation: score and raw counters.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ReputationView<AccountId, Balance, BlockNumber> {
	/// The operator's account.
	pub operator: AccountId,
	/// The score in parts per million, aged to the queried block.
	pub score: u32,
	/// Whether the operator is excluded from assignment now.
	pub excluded: bool,
	/// Events since the record was created or last reinstated.
	pub window_events: u32,
	/// Mean latency of agreed jobs in blocks, rounded down.
	pub mean_latency: u32,
	/// Raw, never-decaying counters (all zero without history).
	pub stats: OperatorStats<Balance, BlockNumber>,
}

sp_api::decl_runtime_apis! {
	/// Jobs, models and quotes of the jobs and fees pallets.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The job `id` with its input and result, if it exists.
		fn job(id: JobId) -> Option<JobView<AccountId, Balance, BlockNumber>>;

		/// A page of the jobs `requester` submitted, newest first.
		fn jobs_by_requester(
			requester: AccountId,
			start: Option<u32>,
			len: u32,
		) -> JobPage<AccountId, Balance, BlockNumber>;

		/// A page of the jobs `operator` was assigned, newest first.
		fn jobs_by_operator(
			operator: AccountId,
			start: Option<u32>,
			len: u32,
		) -> JobPage<AccountId, Balance, BlockNumber>;

		/// A page of the jobs tagged `agent`, newest first.
		fn jobs_by_agent(agent: H256, start: Option<u32>, len: u32)
			-> JobPage<AccountId, Balance, BlockNumber>;

		/// Every registered model, by ascending id.
		fn models() -> Vec<ModelView<AccountId, Balance, BlockNumber>>;

		/// The price of a job of `model` on `input_len` SCALE bytes (default: the size of a valid
		/// input) run by `k` operators (default: the model's `k`).
		fn quote(model: ModelId, input_len: Option<u32>, k: Option<u32>)
			-> Result<QuoteView<Balance>, QuoteError>;
	}

	/// Operator reputation of the reputation pallet.
	pub trait ReputationApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The current score of `operator` (1/2 without history).
		fn score(operator: AccountId) -> ScoreView;

		/// Score and counters of `operator`, if it has a reputation record.
		fn operator(operator: AccountId) -> Option<ReputationView<AccountId, Balance, BlockNumber>>;

		/// The best `limit` registered operators (of those serving `model`, if given) by score,
		/// then agreed jobs, then account.
		fn top(limit: u32, model: Option<ModelId>) -> Vec<ReputationView<AccountId, Balance, BlockNumber>>;
	}
}
