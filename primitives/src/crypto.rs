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

/// The `infr` key as the signer of the off-chain worker's transactions, for
/// `frame_system::offchain::Signer`: the runtime's signatures are `MultiSignature`s and its
/// signers `MultiSigner`s, of which an `infr` key is the sr25519 variant.
#[cfg(feature = "offchain")]
pub struct InfrAuthId;

#[cfg(feature = "offchain")]
impl frame_system::offchain::AppCrypto<sp_runtime::MultiSigner, sp_runtime::MultiSignature>
	for InfrAuthId
{
	type RuntimeAppPublic = OperatorKey;
	type GenericPublic = sp_core::sr25519::Public;
	type GenericSignature = sp_core::sr25519::Signature;
}
