//! Wire types of the local inference engine's HTTP API (JSON).
//!
//! The engine (`verinfer-engine`) serves and the operators' off-chain workers call:
//!
//! | method | path | request | answer |
//! |---|---|---|---|
//! | `GET` | [`HEALTH_PATH`] | – | [`HealthResponse`] |
//! | `GET` | [`MODELS_PATH`] | – | [`ModelsResponse`] |
//! | `POST` | [`INFER_PATH`] | [`InferRequest`] | [`InferResponse`] |
//!
//! Every failure is answered with a 4xx or 5xx status and an [`ErrorResponse`]. Model ids and
//! hashes are `0x`-prefixed lowercase hex. With the `serde` feature these types (de)serialize
//! without `std`, so a `no_std` off-chain worker can use them with `serde_json`'s `alloc` mode.

extern crate alloc;

use crate::{
	ids::ModelId,
	tensor::{InputRange, Tensor, TensorSpec},
};
use alloc::{string::String, vec::Vec};
use sp_core::H256;

/// Address the engine listens on unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9955";
/// URL under which a node reaches a local engine unless told otherwise.
pub const DEFAULT_ENGINE_URL: &str = "http://127.0.0.1:9955";
/// Key, in the node's persistent off-chain storage, under which the node records the engine URL
/// given on its command line (`--inference-engine-url`) for the off-chain worker to read.
pub const ENGINE_URL_STORAGE_KEY: &[u8] = b"verinfer::engine-url";
/// Liveness and version.
pub const HEALTH_PATH: &str = "/health";
/// The models the engine has loaded.
pub const MODELS_PATH: &str = "/v1/models";
/// Run a model.
pub const INFER_PATH: &str = "/v1/infer";
/// Largest request body the engine accepts, in bytes; larger ones get `413`.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// `POST /v1/infer`: run `model` on `input`.
///
/// `input` must have exactly the shape and precision the model declares.
#[derive(Clone, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InferRequest {
	/// The model's id: blake2-256 of its ONNX file.
	pub model: ModelId,
	/// The canonical input.
	pub input: Tensor,
}

/// The answer to a successful [`InferRequest`].
#[derive(Clone, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InferResponse {
	/// The model that ran.
	pub model: ModelId,
	/// The canonical output, at the model's declared output precision.
	pub output: Tensor,
	/// blake2-256 of the SCALE encoding of `output` ([`Tensor::canonical_hash`]).
	pub output_hash: H256,
	/// Name and version of the engine that answered, e.g. `verinfer-engine/0.1.0`.
	pub engine_version: String,
	/// Time the inference took, in microseconds (dequantize, run, round).
	pub micros: u64,
}

/// One model the engine has loaded.
#[derive(Clone, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ModelInfo {
	/// blake2-256 of the ONNX file's bytes.
	pub id: ModelId,
	/// Human-readable name, from the model's sidecar.
	pub name: String,
	/// Shape and precision the input must have.
	pub input: TensorSpec,
	/// Shape and precision of the output.
	pub output: TensorSpec,
	/// Suggested agreement tolerance, in units of the output precision.
	pub tolerance: u64,
	/// The range every input element must lie in, if the model declares one.
	#[cfg_attr(feature = "serde", serde(default))]
	pub input_range: Option<InputRange>,
}

/// `GET /v1/models`.
#[derive(Clone, Eq, PartialEq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ModelsResponse {
	/// Loaded models, ordered by name.
	pub models: Vec<ModelInfo>,
}

/// `GET /health`.
#[derive(Clone, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HealthResponse {
	/// Always `"ok"` when the engine answers.
	pub status: String,
	/// Name and version of the engine.
	pub engine_version: String,
	/// Number of loaded models.
	pub models: u32,
}

/// What went wrong, in a form a program can act on.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ErrorKind {
	/// 400: the body is not JSON of the expected form (includes a malformed model id).
	MalformedJson,
	/// 400: the input tensor is not well formed (length does not match shape, too many
	/// dimensions, precision too high).
	InvalidTensor,
	/// 404: no model with this id is loaded.
	UnknownModel,
	/// 404: no such endpoint.
	NotFound,
	/// 405: the endpoint does not take this method.
	MethodNotAllowed,
	/// 413: the body is larger than [`MAX_BODY_BYTES`].
	BodyTooLarge,
	/// 422: the input's shape is not the one the model declares.
	WrongShape,
	/// 422: the input's precision is not the one the model declares.
	WrongPrecision,
	/// 422: the model's output cannot be expressed at its precision (not finite, or too large
	/// for an `i64`).
	OutputNotRepresentable,
	/// 422: an input element lies outside the range the model declares.
	InputOutOfRange,
	/// 500: the model failed to run.
	InferenceFailed,
}

impl ErrorKind {
	/// Whether this refusal is the model's answer to the input itself: every honest engine gives
	/// it for this model and input, so an operator commits [`Tensor::not_computable`] for it
	/// (see [`crate::tensor`]). Other errors are the engine's or the request's fault.
	pub fn means_not_computable(&self) -> bool {
		matches!(self, Self::OutputNotRepresentable | Self::InputOutOfRange)
	}
}

/// The body of every error answer.
#[derive(Clone, Eq, PartialEq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorResponse {
	/// A sentence for people: what is wrong and, where it helps, what was expected.
	pub error: String,
	/// The kind of error, for programs.
	pub kind: ErrorKind,
}
