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
