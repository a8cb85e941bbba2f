//! Operator types shared by the operators pallet, the pallets that slash and the runtime API.

use crate::ids::JobId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What one slash took from an operator's bond, and how much of it compensated the harmed party
/// (the rest went to the treasury).
#[derive(Clone, Copy, Eq, PartialEq, Debug, Default)]
pub struct Slashed<Balance> {
	/// Taken from the bond.
	pub amount: Balance,
	/// Paid to the harmed party out of `amount`.
	pub compensation: Balance,
}

/// Why an operator's bond was slashed. Recorded in events and job records.
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
pub enum SlashReason {
	/// The operator's revealed output was outside the agreeing group of the job.
	WrongResult(JobId),
	/// The operator did not commit before the job's commit deadline.
	MissedCommit(JobId),
	/// The operator committed but did not reveal before the reveal deadline.
	MissedReveal(JobId),
}

/// Whether an operator takes new jobs.
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
pub enum OperatorStatus {
	/// Registered but takes no new jobs.
	Offline,
	/// Takes new jobs of its served models.
	Online,
	/// Deregistered; waits for its bond to unlock, then is removed.
	Leaving,
}

/// Part of a bond on its way out: released at `unlock_at`, slashable until then.
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
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize",
			deserialize = "Balance: core::str::FromStr, BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub struct UnlockChunk<Balance, BlockNumber> {
	/// Amount still held in this chunk.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub value: Balance,
	/// First block at which the chunk can be withdrawn.
	pub unlock_at: BlockNumber,
}
