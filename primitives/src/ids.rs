//! Identifiers.

use sp_core::H256;

/// A model's identity: the blake2-256 hash of its ONNX file's bytes.
///
/// The engine refuses to run a file whose hash differs, so the id pins the exact weights.
pub type ModelId = H256;

/// A job's identity: a counter assigned by the jobs pallet, never reused.
pub type JobId = u64;

/// A free-form 32-byte tag a requester (typically an AI agent) attaches to its jobs, so that
/// all the decisions of one agent can be listed together.
pub type AgentTag = H256;
