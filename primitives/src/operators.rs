//! Operator-related types shared between the operators pallet and the pallets that slash.

use crate::ids::JobId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

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
