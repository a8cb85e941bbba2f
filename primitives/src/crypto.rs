//! The `infr` key: the sr25519 key with which an operator's off-chain worker signs its commits
//! and reveals. It lives in the node's keystore and is bound to the operator's account when the
//! operator registers (`pallet-operators`).

use sp_core::crypto::KeyTypeId;

/// Key type of the operators' off-chain worker keys in the keystore.
pub const INFR: KeyTypeId = KeyTypeId(*b"infr");

mod app {
	use sp_application_crypto::sr25519;
	sp_application_crypto::app_crypto!(sr25519, super::INFR);
}

/// Public half of an `infr` key, as bound on chain.
pub type OperatorKey = app::Public;
/// A signature by an `infr` key.
pub type OperatorSignature = app::Signature;
#[cfg(feature = "std")]
/// A full `infr` key pair (node side and tests only).
pub type OperatorPair = app::Pair;
