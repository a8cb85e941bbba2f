//! Types of the jobs pallet: models, jobs and their permanent record.
//!
//! The record types are generic over plain parameters (account, balance, block number and
//! bounds) rather than over the pallet's `Config`, so that the settlement pallet can read and
//! complete them through [`crate::JobsInterface`] without depending on this pallet's
//! configuration.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, Parameter, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::Zero;
use verinfer_primitives::{
	tensor::{BoundedTensor, TensorSpec},
	ModelFees, ModelId, Payout, Quote,
};

/// A free-form 32-byte tag a requester (typically an AI agent) attaches to its jobs, so that
/// all the decisions of one agent can be listed together ([`crate::AgentJobs`]).
pub type AgentTag = H256;

/// How many operators run a job (`k`, replicas) and how many of them must agree (`q`, quorum).
///
/// Valid policies have `1 ≤ q ≤ k ≤ MaxReplicas` and a strict majority quorum (`2q > k`), so
/// two disjoint groups can never both reach the quorum. `k = q = 1` is the one policy without
/// any cross-check: its jobs are marked [`JobInfo::unverified`].
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct JobPolicy {
	/// Number of operators the job is assigned to.
	pub k: u32,
	/// Number of agreeing outputs needed for a verified result.
	pub q: u32,
}

impl JobPolicy {
	/// `1 ≤ q ≤ k ≤ max_replicas` and `2q > k`.
	pub fn is_valid(&self, max_replicas: u32) -> bool {
		self.q >= 1
			&& self.q <= self.k
			&& self.k <= max_replicas
			&& self.q.saturating_mul(2) > self.k
	}

	/// Whether the policy checks nothing: a single operator's answer is taken as it is.
	pub fn is_unverified(&self) -> bool {
		self.q == 1
	}
}

/// Whether a model takes new jobs.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ModelStatus {
	/// New jobs may be submitted.
	Active,
	/// The owner retired the model: no new jobs; open jobs run to their end.
	Deprecated,
}

/// A registered model. The id (the key it is stored under) is the blake2-256 of its ONNX file.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLen, MaxUriLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct ModelInfo<
	AccountId: Parameter,
	Balance: Parameter,
	BlockNumber: Parameter,
	MaxNameLen: Get<u32>,
	MaxUriLen: Get<u32>,
> {
	/// Who registered the model: receives royalties, may update fees and deprecate it.
	pub owner: AccountId,
	/// Human-readable name.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Where operators can fetch the ONNX file (its hash must equal the model id).
	pub uri: BoundedVec<u8, MaxUriLen>,
	/// Exact shape and precision every job input must have.
	pub input: TensorSpec,
	/// Shape and precision of the output; reveals of another spec never agree.
	pub output: TensorSpec,
	/// Largest element-wise difference (in units of the output precision) of agreeing outputs.
	pub tolerance: u64,
	/// Operator fee and royalty charged for new jobs.
	pub fees: ModelFees<Balance>,
	/// Default replicas and quorum; a requester may ask for more, never for less.
	pub policy: JobPolicy,
	/// Amount held from the owner under `HoldReason::ModelDeposit` while the model exists.
	pub deposit: Balance,
	/// Whether the model takes new jobs.
	pub status: ModelStatus,
	/// Block of registration.
	pub registered_at: BlockNumber,
}

/// The phase of a job.
///
/// ```text
/// Assigned ──first commit──► Committing ──all k committed, or commit deadline with ≥ q──► Revealing
///    │                           │                                                         │
///    └── commit deadline with < q commitments ──► Expired          all revealed or reveal deadline
///                                                                   ├── quorum ──► Verified
///                                                                   └── none ──► Failed
/// ```
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum JobPhase {
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

impl JobPhase {
	/// Verified, Failed or Expired.
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Verified | Self::Failed | Self::Expired)
	}

	/// Assigned or Committing: commitments are accepted (before the commit deadline).
	pub fn is_committing(&self) -> bool {
		matches!(self, Self::Assigned | Self::Committing)
	}
}

/// What became of one assigned operator when its job reached a final state.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AssignmentOutcome {
	/// Its output was in the agreeing group of a verified job; it was paid.
	Agreed,
	/// It revealed an output outside the agreeing group of a verified job; it was slashed.
	Disagreed,
	/// It revealed in a failed job: no group reached the quorum, so nothing was confirmed.
	Unconfirmed,
	/// It committed in time, but the job expired for lack of other commitments.
	Committed,
	/// It did not commit before the commit deadline; it was slashed.
	MissedCommit,
	/// It committed but did not reveal before the reveal deadline; it was slashed.
	MissedReveal,
}

/// One operator's part of a job.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Assignment<AccountId, Balance, BlockNumber> {
	/// The assigned operator (its account, not its key).
	pub operator: AccountId,
	/// Its commitment, once made.
	pub commitment: Option<H256>,
	/// Block of its commitment.
	pub committed_at: Option<BlockNumber>,
	/// Block of its reveal.
	pub revealed_at: Option<BlockNumber>,
	/// Canonical hash of its revealed output (the output itself is in [`crate::Reveals`]).
	pub output_hash: Option<H256>,
	/// What became of it, once the job is final.
	pub outcome: Option<AssignmentOutcome>,
	/// What it was paid from the escrow.
	pub paid: Balance,
	/// What was slashed from its bond for this job.
	pub slashed: Balance,
}

impl<AccountId, Balance: Zero, BlockNumber> Assignment<AccountId, Balance, BlockNumber> {
	/// A fresh assignment of `operator`.
	pub fn new(operator: AccountId) -> Self {
		Self {
			operator,
			commitment: None,
			committed_at: None,
			revealed_at: None,
			output_hash: None,
			outcome: None,
			paid: Zero::zero(),
			slashed: Zero::zero(),
		}
	}
}

/// A job and, once it is final, its permanent record.
///
/// The input is kept in [`crate::Inputs`], revealed outputs in [`crate::Reveals`] and the result
/// in [`crate::Results`]; this record holds their hashes and everything else.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxReplicas))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct JobInfo<
	AccountId: Parameter,
	Balance: Parameter,
	BlockNumber: Parameter,
	MaxReplicas: Get<u32>,
> {
	/// Who submitted and pays for the job.
	pub requester: AccountId,
	/// The model, by content hash.
	pub model: ModelId,
	/// Canonical hash of the input.
	pub input_hash: H256,
	/// The requester's agent tag, if any.
	pub agent: Option<AgentTag>,
	/// Replicas and quorum of this job.
	pub policy: JobPolicy,
	/// The model's tolerance at submission.
	pub tolerance: u64,
	/// `k = q = 1`: the result is one operator's answer, checked by nobody.
	pub unverified: bool,
	/// Most the requester agreed to pay.
	pub max_fee: Balance,
	/// The price, held in escrow by the fees pallet until the job is final.
	pub quote: Quote<Balance>,
	/// The drawn operators, in draw order (the index is the operator's slot).
	pub assignments: BoundedVec<Assignment<AccountId, Balance, BlockNumber>, MaxReplicas>,
	/// Current phase.
	pub phase: JobPhase,
	/// Block of submission and assignment.
	pub submitted_at: BlockNumber,
	/// First block at which commitments are refused.
	pub commit_deadline: BlockNumber,
	/// Block at which the reveal phase opened.
	pub reveal_opened_at: Option<BlockNumber>,
	/// First block at which reveals are refused.
	pub reveal_deadline: Option<BlockNumber>,
	/// Block at which the job reached its final state.
	pub concluded_at: Option<BlockNumber>,
	/// Deadline-queue bucket holding the job's pending deadline (`None` once final).
	pub queued_at: Option<BlockNumber>,
	/// Number of outputs in the agreeing group (zero unless verified).
	pub agreeing: u32,
	/// Canonical hash of the result (verified jobs only; the result is in [`crate::Results`]).
	pub result_hash: Option<H256>,
	/// How the escrow was paid out or refunded.
	pub payout: Option<Payout<Balance>>,
}

impl<AccountId: Parameter, Balance: Parameter, BlockNumber: Parameter, MaxReplicas: Get<u32>>
	JobInfo<AccountId, Balance, BlockNumber, MaxReplicas>
{
	/// The slot of `operator` in this job.
	pub fn slot_of(&self, operator: &AccountId) -> Option<usize> {
		self.assignments.iter().position(|a| a.operator == *operator)
	}

	/// Number of commitments so far.
	pub fn commitments(&self) -> u32 {
		self.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32
	}

	/// Number of reveals so far.
	pub fn reveals(&self) -> u32 {
		self.assignments.iter().filter(|a| a.revealed_at.is_some()).count() as u32
	}

	/// The deadline of the current phase, if it is not final.
	pub fn pending_deadline(&self) -> Option<BlockNumber> {
		match self.phase {
			JobPhase::Assigned | JobPhase::Committing => Some(self.commit_deadline.clone()),
			JobPhase::Revealing => self.reveal_deadline.clone(),
			_ => None,
		}
	}
}

/// What one assigned operator got at the end of a job, as decided by the settlement pallet.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct SlotOutcome<Balance> {
	/// What became of it.
	pub outcome: AssignmentOutcome,
	/// What it was paid.
	pub paid: Balance,
	/// What was slashed from its bond.
	pub slashed: Balance,
}

/// The final state of a job as decided by the settlement pallet, handed to
/// [`crate::JobsInterface::conclude`].
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound)]
pub struct Conclusion<Balance: Clone + Eq + core::fmt::Debug, MaxOutputLen: Get<u32>> {
	/// Verified, Failed or Expired.
	pub phase: JobPhase,
	/// The result (verified jobs only).
	pub result: Option<BoundedTensor<MaxOutputLen>>,
	/// Size of the agreeing group.
	pub agreeing: u32,
	/// One entry per slot, in slot order.
	pub outcomes: alloc::vec::Vec<SlotOutcome<Balance>>,
	/// How the escrow was paid out or refunded.
	pub payout: Payout<Balance>,
}

/// A step an operator still owes a job (what its off-chain worker should do next).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum PendingStep {
	/// Run the model and commit before the deadline.
	Commit,
	/// Reveal the committed output and salt before the deadline.
	Reveal,
}

/// One step an operator owes: which job, its slot, what to do and until when (exclusive).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PendingWork<BlockNumber> {
	/// The job.
	pub job: verinfer_primitives::JobId,
	/// The operator's slot in the job.
	pub slot: u32,
	/// What to do.
	pub step: PendingStep,
	/// First block at which the step is refused.
	pub deadline: BlockNumber,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn policies() {
		let p = |k, q| JobPolicy { k, q };
		assert!(p(1, 1).is_valid(16));
		assert!(p(1, 1).is_unverified());
		assert!(p(2, 2).is_valid(16));
		assert!(!p(2, 1).is_valid(16), "no majority");
		assert!(p(3, 2).is_valid(16));
		assert!(!p(4, 2).is_valid(16), "two disjoint groups could both reach 2");
		assert!(p(4, 3).is_valid(16));
		assert!(!p(0, 0).is_valid(16));
		assert!(!p(3, 4).is_valid(16));
		assert!(!p(17, 17).is_valid(16));
	}
}

/// A model registered at genesis, as a chain spec lists it. Registered exactly as by
/// `register_model` (deposit held from `owner`), so a genesis model is an ordinary model.
#[derive(Clone, Eq, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisModel<AccountId, Balance> {
	/// Who registers the model and holds its deposit.
	pub owner: AccountId,
	/// blake2-256 of the ONNX file: the model id.
	pub content_hash: ModelId,
	/// Human-readable name.
	pub name: alloc::string::String,
	/// Where operators can fetch the ONNX file.
	pub uri: alloc::string::String,
	/// Shape and precision of every input.
	pub input: TensorSpec,
	/// Shape and precision of the output.
	pub output: TensorSpec,
	/// Largest element-wise difference of agreeing outputs, in output units.
	pub tolerance: u64,
	/// Fee for each operator of the agreeing group.
	pub operator_fee: Balance,
	/// Royalty to the owner per verified job.
	pub royalty: Balance,
	/// Default replicas.
	pub k: u32,
	/// Default quorum.
	pub q: u32,
}
