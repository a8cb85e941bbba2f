//! Fees of a model, the quote of a job and the way a settled job's escrow was paid out.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What a model's owner charges per job: the fee for each operator that runs it, and the
/// royalty the owner takes once per verified job.
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
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(serialize = "Balance: core::fmt::Display", deserialize = "Balance: core::str::FromStr")
	)
)]
pub struct ModelFees<Balance> {
	/// Paid to each operator of the agreeing group.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub operator_fee: Balance,
	/// Paid to the model owner when the job is verified.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub royalty: Balance,
}

/// The price of one job, broken down as the fees pallet computed it when the job was submitted.
///
/// `total = k × per_operator + royalty + protocol_fee`; this exact amount is held from the
/// requester and later paid out or refunded to the last unit.
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
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(serialize = "Balance: core::fmt::Display", deserialize = "Balance: core::str::FromStr")
	)
)]
pub struct Quote<Balance> {
	/// Number of operators the job is assigned to.
	pub k: u32,
	/// Share of one operator: the model's operator fee plus the byte fee for the input.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub per_operator: Balance,
	/// Model owner's royalty.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub royalty: Balance,
	/// Treasury's protocol fee.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub protocol_fee: Balance,
	/// Everything the requester pays at most.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub total: Balance,
}

/// How the escrow of a verified job was split.
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
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(serialize = "Balance: core::fmt::Display", deserialize = "Balance: core::str::FromStr")
	)
)]
pub struct Payout<Balance> {
	/// Number of operators that were paid `per_operator` each.
	pub operators_paid: u32,
	/// Amount each paid operator received.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub per_operator: Balance,
	/// Amount the model owner received.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub royalty: Balance,
	/// Amount the treasury received (protocol fee plus any payment redirected to it).
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub to_treasury: Balance,
	/// Amount returned to the requester (shares of operators outside the agreeing group).
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub refunded: Balance,
}

/// What a job's state costs its requester, fixed at submission (see the jobs pallet's crate
/// docs, *Storage*).
///
/// The job's details (record, input, reveals, result) stay in state for the retention period
/// and are then pruned to a compact record; the compact record and the job's index entries
/// stay forever. The requester pays for both: `deposit` is held from it for the details and
/// released when they are pruned, `fee` is paid once, to the treasury, for what is kept
/// forever. Byte counts include the storage keys and are upper bounds (reveals counted at the
/// largest output an operator may reveal).
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
#[cfg_attr(
	feature = "serde",
	serde(
		rename_all = "camelCase",
		bound(serialize = "Balance: core::fmt::Display", deserialize = "Balance: core::str::FromStr")
	)
)]
pub struct StorageCost<Balance> {
	/// State bytes kept during the retention period and removed when the job is pruned.
	pub retained_bytes: u32,
	/// Held from the requester until the job is pruned: the deposit per byte × `retained_bytes`.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub deposit: Balance,
	/// State bytes kept forever: the compact record and the job's index entries.
	pub kept_bytes: u32,
	/// Paid to the treasury at submission: the record fee per byte × `kept_bytes`.
	#[cfg_attr(feature = "serde", serde(with = "crate::serde_str"))]
	pub fee: Balance,
}
