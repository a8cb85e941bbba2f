//! Runtime APIs of Verinfer and the self-contained views they return.
//!
//! The node serves these APIs as JSON-RPC (`inference_*`, `reputation_*`, declared once in the
//! `verinfer-rpc-api` crate). Every type here is a plain view of what the pallets store, defined
//! in this crate so that the runtime, the node and wallet-side tools share one definition: SCALE
//! between runtime and node, and, with the `serde` feature, the JSON of the RPC answers between
//! node and clients: camelCase fields, balances as decimal strings, accounts as SS58 (the
//! serde form of `AccountId32`), hashes and ids as `0x` + 64 hex digits, names and uris as
//! text, enums as camelCase strings.
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
	fees::{ModelFees, Payout, Quote, StorageCost},
	ids::{AgentTag, JobId, ModelId},
	jobs::{Assignment, CompactJob, JobPhase},
	operators::{OperatorStatus, UnlockChunk},
	reputation::OperatorStats,
	tensor::{InputRange, Tensor, TensorSpec},
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

/// Serde attributes of a view generic over account, balance and block number: camelCase, with
/// balances as decimal strings (see [`crate::serde_str`]).
macro_rules! view {
	($(#[$meta:meta])* $vis:vis struct $($rest:tt)*) => {
		$(#[$meta])*
		#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
		#[cfg_attr(
			feature = "serde",
			serde(
				rename_all = "camelCase",
				bound(
					serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, \
					             BlockNumber: serde::Serialize",
					deserialize = "AccountId: serde::Deserialize<'de>, \
					               Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
				)
			)
		)]
		$vis struct $($rest)*
	};
}

view! {
/// A job with all its details: open, or final and not yet pruned (see [`JobAnswer`]).
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
	pub agent: Option<AgentTag>,
	/// Replicas: number of operators assigned.
	pub k: u32,
	/// Quorum: number of agreeing outputs needed.
	pub q: u32,
	/// The model's tolerance at submission.
	pub tolerance: u64,
	/// `k = q = 1`: the result is one operator's answer, checked by nobody.
	pub unverified: bool,
	/// Most the requester agreed to pay.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub max_fee: Balance,
	/// The price held in escrow.
	pub quote: Quote<Balance>,
	/// The drawn operators, in slot order.
	pub assignments: Vec<Assignment<AccountId, Balance, BlockNumber>>,
	/// Current phase.
	pub status: JobPhase,
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
	/// Whether the verified result is that the model cannot compute this input (the result is
	/// then [`Tensor::not_computable`]). Left out of the JSON when false.
	#[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "core::ops::Not::not"))]
	pub not_computable: bool,
	/// How the escrow was paid out or refunded, once final.
	pub payout: Option<Payout<Balance>>,
	/// What the job's state costs: the deposit held until its details are pruned and the fee
	/// paid for its compact record.
	pub storage: StorageCost<Balance>,
}
}

/// A job as `InferenceApi::job` and the job pages answer it: in full while its details are
/// kept (open, or final within the retention period), as its compact record once they were
/// pruned.
///
/// In JSON the two are told apart by their fields: a full answer is the [`JobView`] itself
/// (`{"id": …, "requester": …, "input": …, …}`), a pruned one is
/// `{"pruned": {…compact record…}, "fullRecordAt": n}`.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "serde",
	serde(
		untagged,
		bound(
			serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, \
			             BlockNumber: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, \
			               Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub enum JobAnswer<AccountId, Balance, BlockNumber> {
	/// The job with all its details.
	Full(JobView<AccountId, Balance, BlockNumber>),
	/// The job's details were pruned after the retention period.
	#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
	Pruned {
		/// The compact record kept forever; its `recordHash` proves the full record.
		pruned: CompactJob<AccountId, Balance, BlockNumber>,
		/// The last block whose state holds the full record: an archive node answers
		/// `inference_job(id, at)` in full at this block.
		full_record_at: BlockNumber,
	},
}

impl<AccountId, Balance, BlockNumber> JobAnswer<AccountId, Balance, BlockNumber> {
	/// The job's id.
	pub fn id(&self) -> JobId {
		match self {
			Self::Full(view) => view.id,
			Self::Pruned { pruned, .. } => pruned.id,
		}
	}

	/// Who submitted the job.
	pub fn requester(&self) -> &AccountId {
		match self {
			Self::Full(view) => &view.requester,
			Self::Pruned { pruned, .. } => &pruned.requester,
		}
	}

	/// The final or current phase.
	pub fn status(&self) -> JobPhase {
		match self {
			Self::Full(view) => view.status,
			Self::Pruned { pruned, .. } => pruned.outcome,
		}
	}

	/// The full view, if the details are still kept.
	pub fn full(&self) -> Option<&JobView<AccountId, Balance, BlockNumber>> {
		match self {
			Self::Full(view) => Some(view),
			Self::Pruned { .. } => None,
		}
	}

	/// The full view, if the details are still kept.
	pub fn into_full(self) -> Option<JobView<AccountId, Balance, BlockNumber>> {
		match self {
			Self::Full(view) => Some(view),
			Self::Pruned { .. } => None,
		}
	}
}

impl<AccountId: Encode, Balance: Encode, BlockNumber: Encode> JobView<AccountId, Balance, BlockNumber> {
	/// blake2-256 of this view's SCALE encoding: for the single-job answer of a final job (with
	/// its input and result), what its [`CompactJob::record_hash`] keeps once it is pruned.
	pub fn record_hash(&self) -> H256 {
		H256(sp_crypto_hashing::blake2_256(&self.encode()))
	}
}

view! {
/// One page of a job index, newest first (see the module documentation).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct JobPage<AccountId, Balance, BlockNumber> {
	/// Number of jobs in the index.
	pub total: u32,
	/// The jobs of this page, newest first (without inputs and results).
	pub jobs: Vec<JobAnswer<AccountId, Balance, BlockNumber>>,
	/// The `start` of the next (older) page, `None` at the end.
	pub next: Option<u32>,
}
}

view! {
/// A registered model.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ModelView<AccountId, Balance, BlockNumber> {
	/// The model's id: blake2-256 of its ONNX file.
	pub id: ModelId,
	/// Who registered it; receives royalties.
	pub owner: AccountId,
	/// Human-readable name (UTF-8 by convention, not checked).
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str::utf8"))]
	pub name: Vec<u8>,
	/// Where to fetch the ONNX file (UTF-8 by convention, not checked).
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str::utf8"))]
	pub uri: Vec<u8>,
	/// Exact shape and precision of every input.
	pub input: TensorSpec,
	/// Shape and precision of the output.
	pub output: TensorSpec,
	/// The values every input element must lie in, if the model declares them (left out of
	/// the JSON when it does not).
	#[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
	pub input_range: Option<InputRange>,
	/// Largest element-wise difference of agreeing outputs.
	pub tolerance: u64,
	/// Operator fee and royalty for new jobs.
	#[cfg_attr(feature = "serde", serde(flatten))]
	pub fees: ModelFees<Balance>,
	/// Default replicas.
	pub k: u32,
	/// Default quorum.
	pub q: u32,
	/// Deposit held from the owner.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
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
}

/// A quote, the model and the input size it was computed for.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(serialize = "Balance: core::fmt::Display", deserialize = "Balance: core::str::FromStr")
	)
)]
pub struct QuoteView<Balance> {
	/// The model.
	pub model: ModelId,
	/// Input bytes the byte fee was charged on.
	pub input_bytes: u32,
	/// The price.
	#[cfg_attr(feature = "serde", serde(flatten))]
	pub quote: Quote<Balance>,
	/// What the job's state would cost besides the price: a deposit held until its details
	/// are pruned and a record fee paid now. Not part of `max_fee`.
	pub storage: StorageCost<Balance>,
	/// Blocks a job's details are kept after its conclusion before they are pruned.
	pub retention: u32,
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

impl QuoteError {
	/// What went wrong, for people.
	pub fn message(&self) -> &'static str {
		match self {
			Self::UnknownModel => "unknown model",
			Self::ModelDeprecated => "the model is deprecated",
			Self::BelowModelPolicy => "k is below the model's default replicas",
			Self::InvalidReplicas => "k is zero or above the chain's maximum replicas",
			Self::Overflow => "the price overflows",
		}
	}
}

/// An operator's score now.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ScoreView<AccountId> {
	/// The account asked about.
	pub account: AccountId,
	/// The score in parts per million (500 000 without history).
	pub score: u32,
	/// Whether the operator is excluded from assignment now.
	pub excluded: bool,
}

view! {
/// An operator's reputation: score and raw counters.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ReputationView<AccountId, Balance, BlockNumber> {
	/// The operator's account.
	pub account: AccountId,
	/// The score in parts per million, aged to the queried block.
	pub score: u32,
	/// Whether the operator is excluded from assignment now.
	pub excluded: bool,
	/// Events since the record was created or last reinstated.
	pub window_events: u32,
	/// Final jobs it was assigned to.
	pub assigned: u32,
	/// Jobs where its output was in the agreeing group.
	pub agreed: u32,
	/// Jobs where it revealed an output outside the agreeing group.
	pub disagreed: u32,
	/// Jobs where it missed the commit or the reveal.
	pub missed: u32,
	/// Total fees earned.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub total_earned: Balance,
	/// Total slashed from its bond.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub total_slashed: Balance,
	/// Mean latency of agreed jobs in blocks, rounded down.
	pub mean_latency: u32,
	/// Block of its first event (`None` without history).
	pub first_active: Option<BlockNumber>,
	/// Block of its last event (`None` without history).
	pub last_active: Option<BlockNumber>,
}
}

impl<AccountId, Balance: Copy, BlockNumber: Copy> ReputationView<AccountId, Balance, BlockNumber> {
	/// The view of `account`'s counters `stats` (all zero without history).
	pub fn new(
		account: AccountId,
		score: u32,
		excluded: bool,
		window_events: u32,
		stats: &OperatorStats<Balance, BlockNumber>,
	) -> Self {
		let active = stats.assigned > 0;
		Self {
			account,
			score,
			excluded,
			window_events,
			assigned: stats.assigned,
			agreed: stats.agreed,
			disagreed: stats.disagreed,
			missed: stats.missed,
			total_earned: stats.earned,
			total_slashed: stats.slashed,
			mean_latency: stats.mean_latency(),
			first_active: active.then_some(stats.first_active),
			last_active: active.then_some(stats.last_active),
		}
	}
}

view! {
/// An operator: its bond, key, models and status.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct OperatorView<AccountId, Balance, BlockNumber> {
	/// The operator's account.
	pub account: AccountId,
	/// Its off-chain worker (`infr`) public key.
	pub key: H256,
	/// Whether it takes new jobs.
	pub status: OperatorStatus,
	/// The bond that backs new work.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub active_bond: Balance,
	/// Bond on its way out, slashable until withdrawn.
	pub unbonding: Vec<UnlockChunk<Balance, BlockNumber>>,
	/// The models it serves.
	pub models: Vec<ModelId>,
	/// Jobs assigned to it that are not final.
	pub open_jobs: u32,
	/// Free-form metadata (UTF-8 by convention, not checked).
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str::utf8"))]
	pub metadata: Vec<u8>,
	/// Block of registration.
	pub registered_at: BlockNumber,
}
}

sp_api::decl_runtime_apis! {
	/// Jobs, models and quotes of the jobs and fees pallets.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The job `id` with its input and result, or its compact record if its details were
		/// pruned; `None` if there is no such job.
		fn job(id: JobId) -> Option<JobAnswer<AccountId, Balance, BlockNumber>>;

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

		/// The registered operator `operator`, if it is one.
		fn operator(operator: AccountId) -> Option<OperatorView<AccountId, Balance, BlockNumber>>;

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
		fn score(operator: AccountId) -> ScoreView<AccountId>;

		/// Score and counters of `operator`, if it has a reputation record.
		fn operator(operator: AccountId) -> Option<ReputationView<AccountId, Balance, BlockNumber>>;

		/// The best `limit` registered operators (of those serving `model`, if given) by score,
		/// then agreed jobs, then account.
		fn top(limit: u32, model: Option<ModelId>) -> Vec<ReputationView<AccountId, Balance, BlockNumber>>;
	}
}
