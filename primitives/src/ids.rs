//! Identifiers.

use sp_core::H256;

/// A model's identity: the blake2-256 hash of its ONNX file's bytes.
///
/// The engine refuses to run a file whose hash differs, so the id pins the exact weights.
pub type ModelId = H256;

/// A job's identity: a counter assigned by the jobs pallet, never reused.
pub type JobId = u64;

/// The tag of a registered agent (typically an AI agent acting for its controller), which its
/// jobs carry so that all its decisions can be listed together: see [`agent_tag`].
pub type AgentTag = H256;

/// The tag of the agent `controller` registers under `name`: `blake2_256(SCALE(controller,
/// name))`. A name therefore belongs to its controller; nobody else can register its tag.
pub fn agent_tag<AccountId: codec::Encode>(controller: &AccountId, name: &[u8]) -> AgentTag {
	H256(codec::Encode::using_encoded(&(controller, name), sp_crypto_hashing::blake2_256))
}
