//! Jobs as every part of Verinfer sees them: policy, phase, the assigned operators, the record
//! and the compact record ([`CompactJob`]) kept forever once the record is pruned.
//!
//! The jobs pallet stores [`JobInfo`]; the settlement pallet reads and completes it through
//! [`crate::traits::JobsInterface`]; the runtime API shows it as [`crate::api::JobView`]. The
//! enums here ([`JobPhase`], [`AssignmentOutcome`]) are the very types all of them use, and
//! serialize to the camelCase strings of the JSON-RPC answers.
//!
//! The record types are generic over plain parameters (account, balance, block number and the
//! bound of replicas) rather than over a pallet's `Config`, so that no pallet depends on
//! another's configuration.

use crate::{
	fees::{Payout, Quote, StorageCost},
	ids::{AgentTag, JobId, ModelId},
	tensor::BoundedTensor,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;
use sp_core::{bounded::BoundedVec, ConstU32, Get, H256};
use sp_runtime::traits::Zero;

/// How many operators run a job (`k`, replicas) and how many of them must agree (`q`, quorum).
///
/// Valid policies have `1 ≤ q ≤ k ≤ max_replicas` and a strict majority quorum (`2q > k`), so
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JobPolicy {
	/// Number of operators the job is assigned to.
	pub k: u32,
	/// Number of agreeing outputs needed for a verified result.
	pub q: u32,
}

impl JobPolicy {
	/// `1 ≤ q ≤ k ≤ max_replicas` and `2q > k`.
	pub fn is_valid(&self, max_replicas: u32) -> bool {
		self.q >= 1 && self.q <= self.k && self.k <= max_replicas && self.q.saturating_mul(2) > self.k
	}

	/// Whether the policy checks nothing: a single operator's answer is taken as it is.
	pub fn is_unverified(&self) -> bool {
		self.q == 1
	}
}

/// The phase of a job.
///
/// ```text
/// Submitted ──end of its block: k operators drawn──► Assigned ──first commit──► Committing
///    └── fewer than k eligible ──► Unassigned                 │                    │
///                                                             │   all k committed, or commit
///                                                             │   deadline with ≥ q commitments
///    Expired ◄── commit deadline with < q commitments ────────┴────────────────────┤
///                                                                                  ▼
///                            Verified ◄── quorum ── all revealed or reveal deadline ── Revealing
///                            Failed ◄── none ────────────────┘
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum JobPhase {
	/// Submitted and paid for; its operators are drawn at the end of the block, from randomness
	/// that did not exist when the requester signed.
	Submitted,
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
	/// Fewer than `k` operators were eligible when the block ended; refunded in full, nobody
	/// slashed. Final.
	Unassigned,
}

impl JobPhase {
	/// Verified, Failed, Expired or Unassigned.
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Verified | Self::Failed | Self::Expired | Self::Unassigned)
	}

	/// Assigned or Committing: commitments are accepted (before the commit deadline).
	pub fn is_committing(&self) -> bool {
		matches!(self, Self::Assigned | Self::Committing)
	}

	/// The lowercase name the JSON-RPC answers and the command line use.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Submitted => "submitted",
			Self::Assigned => "assigned",
			Self::Committing => "committing",
			Self::Revealing => "revealing",
			Self::Verified => "verified",
			Self::Failed => "failed",
			Self::Expired => "expired",
			Self::Unassigned => "unassigned",
		}
	}
}

impl fmt::Display for JobPhase {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(self.name())
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
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

impl AssignmentOutcome {
	/// The camelCase name the JSON-RPC answers use.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Agreed => "agreed",
			Self::Disagreed => "disagreed",
			Self::Unconfirmed => "unconfirmed",
			Self::Committed => "committed",
			Self::MissedCommit => "missedCommit",
			Self::MissedReveal => "missedReveal",
		}
	}
}

impl fmt::Display for AssignmentOutcome {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(self.name())
	}
}

/// One operator's part of a job: stored in [`JobInfo::assignments`] and shown as it is by the
/// runtime API.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: fmt::Display, BlockNumber: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr, \
			               BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub struct Assignment<AccountId, Balance, BlockNumber> {
	/// The assigned operator (its account, not its key).
	pub operator: AccountId,
	/// Its commitment, once made.
	pub commitment: Option<H256>,
	/// Block of its commitment.
	pub committed_at: Option<BlockNumber>,
	/// Block of its reveal.
	pub revealed_at: Option<BlockNumber>,
	/// Canonical hash of its revealed output (the output itself is stored beside the job).
	pub output_hash: Option<H256>,
	/// What became of it, once the job is final.
	pub outcome: Option<AssignmentOutcome>,
	/// What it was paid from the escrow.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub paid: Balance,
	/// What was slashed from its bond for this job.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
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

/// The assignments of one job, in slot order, at most `MaxReplicas`.
pub type Assignments<AccountId, Balance, BlockNumber, MaxReplicas> =
	BoundedVec<Assignment<AccountId, Balance, BlockNumber>, MaxReplicas>;

/// A job and, once it is final, its record until its details are pruned (see [`CompactJob`]),
/// as the jobs pallet stores it.
///
/// The input, the revealed outputs and the result are stored beside it; this record holds
/// their hashes and everything else.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxReplicas))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct JobInfo<AccountId, Balance, BlockNumber, MaxReplicas: Get<u32>> {
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
	pub assignments: Assignments<AccountId, Balance, BlockNumber, MaxReplicas>,
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
	/// Canonical hash of the result (verified jobs only).
	pub result_hash: Option<H256>,
	/// How the escrow was paid out or refunded.
	pub payout: Option<Payout<Balance>>,
	/// What the job's state costs: the deposit held until it is pruned and the fee paid for
	/// its compact record.
	pub storage: StorageCost<Balance>,
}

// Written out because derives would ask `MaxReplicas` (a bare `Get` type) for the same traits.
impl<A: Clone, B: Clone, N: Clone, R: Get<u32>> Clone for JobInfo<A, B, N, R> {
	fn clone(&self) -> Self {
		Self {
			requester: self.requester.clone(),
			model: self.model,
			input_hash: self.input_hash,
			agent: self.agent,
			policy: self.policy,
			tolerance: self.tolerance,
			unverified: self.unverified,
			max_fee: self.max_fee.clone(),
			quote: self.quote.clone(),
			assignments: self.assignments.clone(),
			phase: self.phase,
			submitted_at: self.submitted_at.clone(),
			commit_deadline: self.commit_deadline.clone(),
			reveal_opened_at: self.reveal_opened_at.clone(),
			reveal_deadline: self.reveal_deadline.clone(),
			concluded_at: self.concluded_at.clone(),
			queued_at: self.queued_at.clone(),
			agreeing: self.agreeing,
			result_hash: self.result_hash,
			payout: self.payout.clone(),
			storage: self.storage.clone(),
		}
	}
}

impl<A: PartialEq, B: PartialEq, N: PartialEq, R: Get<u32>> PartialEq for JobInfo<A, B, N, R> {
	fn eq(&self, o: &Self) -> bool {
		// Both sides are destructured so that a new field cannot be forgotten here.
		let Self {
			requester,
			model,
			input_hash,
			agent,
			policy,
			tolerance,
			unverified,
			max_fee,
			quote,
			assignments,
			phase,
			submitted_at,
			commit_deadline,
			reveal_opened_at,
			reveal_deadline,
			concluded_at,
			queued_at,
			agreeing,
			result_hash,
			payout,
			storage,
		} = self;
		*requester == o.requester &&
			*model == o.model &&
			*input_hash == o.input_hash &&
			*agent == o.agent &&
			*policy == o.policy &&
			*tolerance == o.tolerance &&
			*unverified == o.unverified &&
			*max_fee == o.max_fee &&
			*quote == o.quote &&
			assignments[..] == o.assignments[..] &&
			*phase == o.phase &&
			*submitted_at == o.submitted_at &&
			*commit_deadline == o.commit_deadline &&
			*reveal_opened_at == o.reveal_opened_at &&
			*reveal_deadline == o.reveal_deadline &&
			*concluded_at == o.concluded_at &&
			*queued_at == o.queued_at &&
			*agreeing == o.agreeing &&
			*result_hash == o.result_hash &&
			*payout == o.payout &&
			*storage == o.storage
	}
}

impl<A: Eq, B: Eq, N: Eq, R: Get<u32>> Eq for JobInfo<A, B, N, R> {}

impl<A: fmt::Debug, B: fmt::Debug, N: fmt::Debug, R: Get<u32>> fmt::Debug for JobInfo<A, B, N, R> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.debug_struct("JobInfo")
			.field("requester", &self.requester)
			.field("model", &self.model)
			.field("input_hash", &self.input_hash)
			.field("agent", &self.agent)
			.field("policy", &self.policy)
			.field("tolerance", &self.tolerance)
			.field("unverified", &self.unverified)
			.field("max_fee", &self.max_fee)
			.field("quote", &self.quote)
			.field("assignments", &&self.assignments[..])
			.field("phase", &self.phase)
			.field("submitted_at", &self.submitted_at)
			.field("commit_deadline", &self.commit_deadline)
			.field("reveal_opened_at", &self.reveal_opened_at)
			.field("reveal_deadline", &self.reveal_deadline)
			.field("concluded_at", &self.concluded_at)
			.field("queued_at", &self.queued_at)
			.field("agreeing", &self.agreeing)
			.field("result_hash", &self.result_hash)
			.field("payout", &self.payout)
			.field("storage", &self.storage)
			.finish()
	}
}

impl<AccountId: PartialEq, Balance, BlockNumber: Clone, MaxReplicas: Get<u32>>
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
			JobPhase::Submitted | JobPhase::Assigned | JobPhase::Committing => {
				Some(self.commit_deadline.clone())
			}
			JobPhase::Revealing => self.reveal_deadline.clone(),
			_ => None,
		}
	}
}

/// The most replicas (`k`) any Verinfer runtime allows: the verdict's group search assumes
/// `k ≤ 16`, and the jobs pallet's `integrity_test` holds every runtime to it. Bounds the
/// operators of a [`CompactJob`].
pub const MAX_REPLICAS: u32 = 16;

/// One operator's part of a pruned job, as its [`CompactJob`] keeps it forever.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: fmt::Display, BlockNumber: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr, \
			               BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub struct CompactAssignment<AccountId, Balance, BlockNumber> {
	/// The assigned operator.
	pub operator: AccountId,
	/// Block of its commitment.
	pub committed_at: Option<BlockNumber>,
	/// Block of its reveal.
	pub revealed_at: Option<BlockNumber>,
	/// What became of it.
	pub outcome: Option<AssignmentOutcome>,
	/// What it was paid from the escrow.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub paid: Balance,
	/// What was slashed from its bond for this job.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub slashed: Balance,
}

/// The record a job keeps forever once its details are pruned (after the retention period):
/// who, what, the outcome, the money, the blocks of each step, and hashes that prove the rest.
///
/// **The full-record hash.** [`CompactJob::record_hash`] is the blake2-256 of the SCALE
/// encoding of the job's [`crate::api::JobView`] exactly as the runtime API
/// `InferenceApi::job` (JSON-RPC `inference_job`) answered it, with its input and result, in
/// any block from the job's conclusion to the block before its pruning (the record does not
/// change in between). Anyone holding that answer (the requester, an indexer, an archive node
/// at [`crate::api::JobAnswer::Pruned::full_record_at`]) decodes it into `JobView`, encodes it
/// with SCALE and hashes it. The view holds the input, the result and, per operator, the
/// commitment and the hash of the revealed output, so those are proven too.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: fmt::Display, BlockNumber: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, Balance: core::str::FromStr, \
			               BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub struct CompactJob<AccountId, Balance, BlockNumber> {
	/// The job's id.
	pub id: JobId,
	/// Who submitted and paid for the job.
	pub requester: AccountId,
	/// The requester's agent tag, if any.
	pub agent: Option<AgentTag>,
	/// The model, by content hash.
	pub model: ModelId,
	/// Replicas and quorum of the job.
	pub policy: JobPolicy,
	/// Canonical hash of the input.
	pub input_hash: H256,
	/// Canonical hash of the result (verified jobs only).
	pub result_hash: Option<H256>,
	/// blake2-256 of the SCALE-encoded full record (see the type's docs).
	pub record_hash: H256,
	/// The final phase.
	pub outcome: JobPhase,
	/// The drawn operators in slot order: steps, outcomes, payments and slashes.
	pub assignments: BoundedVec<CompactAssignment<AccountId, Balance, BlockNumber>, ConstU32<MAX_REPLICAS>>,
	/// How the escrow was paid out or refunded.
	pub payout: Option<Payout<Balance>>,
	/// What the job's state cost: the deposit (released at pruning) and the record fee.
	pub storage: StorageCost<Balance>,
	/// Block of submission (and of the draw).
	pub submitted_at: BlockNumber,
	/// Block at which the reveal phase opened.
	pub reveal_opened_at: Option<BlockNumber>,
	/// Block at which the job reached its final state.
	pub concluded_at: BlockNumber,
	/// Block in which the details were pruned: the last block holding them is the one before.
	pub pruned_at: BlockNumber,
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
/// [`crate::traits::JobsInterface::conclude`].
pub struct Conclusion<Balance, MaxOutputLen: Get<u32>> {
	/// Verified, Failed or Expired.
	pub phase: JobPhase,
	/// The result (verified jobs only).
	pub result: Option<BoundedTensor<MaxOutputLen>>,
	/// Size of the agreeing group.
	pub agreeing: u32,
	/// One entry per slot, in slot order (empty only for a conclusion forced without verdict).
	pub outcomes: Vec<SlotOutcome<Balance>>,
	/// How the escrow was paid out or refunded.
	pub payout: Payout<Balance>,
}

impl<B: Clone, M: Get<u32>> Clone for Conclusion<B, M> {
	fn clone(&self) -> Self {
		Self {
			phase: self.phase,
			result: self.result.clone(),
			agreeing: self.agreeing,
			outcomes: self.outcomes.clone(),
			payout: self.payout.clone(),
		}
	}
}

impl<B: PartialEq, M: Get<u32>> PartialEq for Conclusion<B, M> {
	fn eq(&self, o: &Self) -> bool {
		self.phase == o.phase &&
			self.result == o.result &&
			self.agreeing == o.agreeing &&
			self.outcomes == o.outcomes &&
			self.payout == o.payout
	}
}

impl<B: Eq, M: Get<u32>> Eq for Conclusion<B, M> {}

impl<B: fmt::Debug, M: Get<u32>> fmt::Debug for Conclusion<B, M> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.debug_struct("Conclusion")
			.field("phase", &self.phase)
			.field("result", &self.result)
			.field("agreeing", &self.agreeing)
			.field("outcomes", &self.outcomes)
			.field("payout", &self.payout)
			.finish()
	}
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
	pub job: JobId,
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
