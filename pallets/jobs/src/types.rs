//! Types of the jobs pallet's own storage: the model registry.
//!
//! Jobs, their phases and assignments are shared with the settlement pallet and the runtime
//! API, so they are defined once in [`verinfer_primitives::jobs`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, Parameter, PartialEqNoBound,
};
use scale_info::TypeInfo;
use verinfer_primitives::{
	jobs::JobPolicy,
	tensor::{InputRange, TensorSpec},
	JobId, ModelFees, ModelId,
};

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
	/// The values every input element must lie in, if the model declares them.
	pub input_range: Option<InputRange>,
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
	/// The values every input element must lie in, if declared.
	#[serde(default)]
	pub input_range: Option<InputRange>,
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

/// A registered agent: an AI agent (or any requester) whose decisions are listed together.
/// Its tag ([`crate::agent_tag`]) is what its jobs carry.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLen, MaxMetadataLen, MaxDelegates))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct AgentInfo<
	AccountId: Parameter,
	Balance: Parameter,
	BlockNumber: Parameter,
	MaxNameLen: Get<u32>,
	MaxMetadataLen: Get<u32>,
	MaxDelegates: Get<u32>,
> {
	/// Who registered the agent: may tag jobs with it and choose its delegates.
	pub controller: AccountId,
	/// Human-readable name; with the controller it makes the tag.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Free-form metadata (what the agent is, where its decisions' context is kept, ...).
	pub metadata: BoundedVec<u8, MaxMetadataLen>,
	/// Accounts that may tag jobs with the agent besides the controller.
	pub delegates: BoundedVec<AccountId, MaxDelegates>,
	/// Amount held from the controller under `HoldReason::AgentDeposit`.
	pub deposit: Balance,
	/// Block of registration.
	pub registered_at: BlockNumber,
}

/// A job submitted in the current block, waiting for its operators to be drawn in
/// `on_finalize`.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PendingDraw {
	/// The job.
	pub job: JobId,
	/// The requester's sequence number of the job: seeds its draw, so that neither the job's
	/// id nor other jobs in the block change it.
	pub seq: u32,
	/// The candidates `submit_job` was charged for: the draw considers no more.
	pub candidates: u32,
}
