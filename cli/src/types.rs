//! The chain's records as the CLI decodes them from storage: by field name, against the node's
//! metadata, so changes to the runtime that do not touch these fields do not break them.
//!
//! [`crate::json`] turns them into the JSON the node's query methods answer with.

use crate::tensor::{Tensor, TensorSpec};
use subxt::{
	ext::{scale_decode::DecodeAsType, scale_encode::EncodeAsType},
	utils::{AccountId32, H256},
};

/// Replicas and quorum.
#[derive(Clone, Copy, Debug, DecodeAsType, EncodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct JobPolicy {
	/// Operators per job.
	pub k: u32,
	/// Agreeing outputs needed.
	pub q: u32,
}

/// Operator fee and royalty of a model.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct ModelFees {
	/// Paid to each agreeing operator.
	pub operator_fee: u128,
	/// Paid to the owner per verified job.
	pub royalty: u128,
}

/// Whether a model takes new jobs.
#[derive(Clone, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum ModelStatus {
	/// Takes new jobs.
	Active,
	/// Takes no new jobs.
	Deprecated,
}

/// A registered model (`Jobs::Models`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct ModelInfo {
	/// Owner.
	pub owner: AccountId32,
	/// Name.
	pub name: Vec<u8>,
	/// Where to fetch the file.
	pub uri: Vec<u8>,
	/// Input spec.
	pub input: TensorSpec,
	/// Output spec.
	pub output: TensorSpec,
	/// Agreement tolerance in output units.
	pub tolerance: u64,
	/// Fees.
	pub fees: ModelFees,
	/// Default policy.
	pub policy: JobPolicy,
	/// Deposit held from the owner.
	pub deposit: u128,
	/// Status.
	pub status: ModelStatus,
	/// Block of registration.
	pub registered_at: u64,
}

/// A model with its id.
#[derive(Clone, Debug)]
pub struct ModelView {
	/// The model id (content hash).
	pub id: H256,
	/// The record.
	pub info: ModelInfo,
}

/// The price of a job.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Quote {
	/// Operators.
	pub k: u32,
	/// One operator's share.
	pub per_operator: u128,
	/// Owner's royalty.
	pub royalty: u128,
	/// Treasury's fee.
	pub protocol_fee: u128,
	/// Everything.
	pub total: u128,
}

/// How a settled job's escrow was split.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Payout {
	/// Operators paid.
	pub operators_paid: u32,
	/// Paid to each.
	pub per_operator: u128,
	/// Paid to the owner.
	pub royalty: u128,
	/// Paid to the treasury.
	pub to_treasury: u128,
	/// Returned to the requester.
	pub refunded: u128,
}

/// Phase of a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum JobPhase {
	/// Operators drawn, no commitment yet.
	Assigned,
	/// Commitments arriving.
	Committing,
	/// Reveals arriving.
	Revealing,
	/// Quorum reached. Final.
	Verified,
	/// No quorum. Final.
	Failed,
	/// Too few commitments. Final.
	Expired,
}

impl JobPhase {
	/// Verified, Failed or Expired.
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Verified | Self::Failed | Self::Expired)
	}
}

/// What became of an assigned operator.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum AssignmentOutcome {
	/// In the agreeing group; paid.
	Agreed,
	/// Outside the agreeing group; slashed.
	Disagreed,
	/// Revealed in a failed job.
	Unconfirmed,
	/// Committed in an expired job.
	Committed,
	/// Missed the commit; slashed.
	MissedCommit,
	/// Missed the reveal; slashed.
	MissedReveal,
}

/// One operator's part of a job.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Assignment {
	/// The operator.
	pub operator: AccountId32,
	/// Its commitment.
	pub commitment: Option<H256>,
	/// Block of the commitment.
	pub committed_at: Option<u64>,
	/// Block of the reveal.
	pub revealed_at: Option<u64>,
	/// Hash of the revealed output.
	pub output_hash: Option<H256>,
	/// Outcome once final.
	pub outcome: Option<AssignmentOutcome>,
	/// Paid.
	pub paid: u128,
	/// Slashed.
	pub slashed: u128,
}

/// A job record (`Jobs::Jobs`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct JobInfo {
	/// Who pays.
	pub requester: AccountId32,
	/// The model.
	pub model: H256,
	/// Hash of the input.
	pub input_hash: H256,
	/// Agent tag.
	pub agent: Option<H256>,
	/// Replicas and quorum.
	pub policy: JobPolicy,
	/// Tolerance at submission.
	pub tolerance: u64,
	/// `k = q = 1`.
	pub unverified: bool,
	/// Most the requester agreed to pay.
	pub max_fee: u128,
	/// The price.
	pub quote: Quote,
	/// The drawn operators.
	pub assignments: Vec<Assignment>,
	/// Phase.
	pub phase: JobPhase,
	/// Submission block.
	pub submitted_at: u64,
	/// Commit deadline.
	pub commit_deadline: u64,
	/// Reveal opening block.
	pub reveal_opened_at: Option<u64>,
	/// Reveal deadline.
	pub reveal_deadline: Option<u64>,
	/// Block of the final state.
	pub concluded_at: Option<u64>,
	/// Agreeing outputs.
	pub agreeing: u32,
	/// Hash of the result.
	pub result_hash: Option<H256>,
	/// Escrow split.
	pub payout: Option<Payout>,
}

impl JobInfo {
	/// Commitments so far.
	pub fn commitments(&self) -> usize {
		self.assignments.iter().filter(|a| a.commitment.is_some()).count()
	}

	/// Reveals so far.
	pub fn reveals(&self) -> usize {
		self.assignments.iter().filter(|a| a.revealed_at.is_some()).count()
	}
}

/// A job with its id, input and result.
#[derive(Clone, Debug)]
pub struct JobView {
	/// Job id.
	pub id: u64,
	/// The record.
	pub info: JobInfo,
	/// The input tensor.
	pub input: Option<Tensor>,
	/// The result tensor (verified jobs).
	pub result: Option<Tensor>,
}

/// Operator status.
#[derive(Clone, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum OperatorStatus {
	/// No new jobs.
	Offline,
	/// Takes new jobs.
	Online,
	/// Deregistered, unbonding.
	Leaving,
}

/// An unbonding chunk.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct UnlockChunk {
	/// Amount.
	pub value: u128,
	/// Release block.
	pub unlock_at: u64,
}

/// An operator's bond.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Ledger {
	/// Active bond.
	pub active: u128,
	/// Unbonding chunks.
	pub unlocking: Vec<UnlockChunk>,
}

/// An operator (`Operators::Operators`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct OperatorInfo {
	/// Its `infr` key.
	pub key: [u8; 32],
	/// Its bond.
	pub ledger: Ledger,
	/// Served models.
	pub models: Vec<H256>,
	/// Status.
	pub status: OperatorStatus,
	/// Open jobs.
	pub open_jobs: u32,
	/// Metadata.
	pub metadata: Vec<u8>,
	/// Block of registration.
	pub registered_at: u64,
}

/// An operator with its account.
#[derive(Clone, Debug)]
pub struct OperatorView {
	/// The operator account.
	pub account: AccountId32,
	/// The record.
	pub info: OperatorInfo,
}

/// Raw reputation counters.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct OperatorStats {
	/// Jobs finished.
	pub assigned: u32,
	/// Agreed.
	pub agreed: u32,
	/// Disagreed.
	pub disagreed: u32,
	/// Missed.
	pub missed: u32,
	/// Fees earned.
	pub earned: u128,
	/// Slashed.
	pub slashed: u128,
	/// Sum of latencies.
	pub latency_sum: u64,
	/// First event block.
	pub first_active: u64,
	/// Last event block.
	pub last_active: u64,
}

/// Beta evidence `(r, s)` as 18-decimal fixed point.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct BetaEvidence {
	/// `r`.
	pub positive: u128,
	/// `s`.
	pub negative: u128,
}

/// A reputation record (`Reputation::Reputations`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct ReputationRecord {
	/// Evidence.
	pub evidence: BetaEvidence,
	/// Events since (re)instatement.
	pub window_events: u32,
	/// Counters.
	pub stats: OperatorStats,
}

impl BetaEvidence {
	/// `(r + 1) / (r + s + 2)` in parts per million, as the pallet computes it (without the
	/// idle decay due since the last event).
	pub fn score_ppm(&self) -> u32 {
		const ONE: u128 = 1_000_000_000_000_000_000;
		let num = self.positive.saturating_add(ONE);
		let den = num.saturating_add(self.negative).saturating_add(ONE);
		((num as f64 / den as f64) * 1_000_000.0).round() as u32
	}
}
