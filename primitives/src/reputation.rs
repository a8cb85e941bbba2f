//! Reputation evidence and counters.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// One piece of evidence about an operator: what happened to it in one job it was assigned to.
///
/// Every assigned operator gets exactly one such event per job, when the job reaches its final
/// state. `fee` is the operator's share of the job (`Quote::per_operator`), which weights the
/// evidence; `slashed` is the amount actually taken from its bond for this job.
///
/// Only what the chain verified against others counts for an operator: an answer nobody checked
/// (a `k = q = 1` job), or one in a job the operator dealt with itself (it is the requester or
/// the model owner), or a commitment in a job that expired, is [`ReputationEvent::Uncredited`].
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
pub enum ReputationEvent<Balance> {
	/// The operator's output was in the agreeing group; it earned `fee` after `latency` blocks
	/// (from assignment to its reveal).
	Agreed { latency: u32, fee: Balance },
	/// The operator revealed an output outside the agreeing group.
	Disagreed { fee: Balance, slashed: Balance },
	/// The operator failed to commit in time.
	Missed { fee: Balance, slashed: Balance },
	/// The operator committed but withheld its reveal: weighed like a wrong answer, since an
	/// operator that saw the other reveals could otherwise hide a losing output as a cheap miss.
	Withheld { fee: Balance, slashed: Balance },
	/// The operator's part was accepted but proves nothing about it (see above): counted, no
	/// evidence, and the reference fee is left alone.
	Uncredited { latency: u32, fee: Balance },
}

impl<Balance: Copy> ReputationEvent<Balance> {
	/// The job fee share this evidence is weighted by.
	pub fn fee(&self) -> Balance {
		match self {
			Self::Agreed { fee, .. } |
			Self::Disagreed { fee, .. } |
			Self::Missed { fee, .. } |
			Self::Withheld { fee, .. } |
			Self::Uncredited { fee, .. } => *fee,
		}
	}
}

/// Raw, never-decaying counters of an operator, kept next to its score.
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
	Default,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OperatorStats<Balance, BlockNumber> {
	/// Jobs the operator was assigned to and that reached a final state.
	pub assigned: u32,
	/// Jobs where its output was in the agreeing group (credited or not).
	pub agreed: u32,
	/// Jobs where it revealed an output outside the agreeing group.
	pub disagreed: u32,
	/// Jobs where it missed the commit or withheld the reveal.
	pub missed: u32,
	/// Total fees earned.
	pub earned: Balance,
	/// Total amount slashed from its bond.
	pub slashed: Balance,
	/// Sum of the latencies (blocks) of its agreed jobs; `mean_latency` divides by `agreed`.
	pub latency_sum: u64,
	/// Block of its first recorded event.
	pub first_active: BlockNumber,
	/// Block of its last recorded event.
	pub last_active: BlockNumber,
}

impl<Balance, BlockNumber> OperatorStats<Balance, BlockNumber> {
	/// Mean latency of agreed jobs in blocks, rounded down; zero when it never agreed.
	pub fn mean_latency(&self) -> u32 {
		if self.agreed == 0 {
			0
		} else {
			(self.latency_sum / self.agreed as u64).min(u32::MAX as u64) as u32
		}
	}
}
