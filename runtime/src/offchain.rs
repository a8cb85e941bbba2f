//! Transactions made by off-chain workers.
//!
//! The settlement pallet's off-chain worker signs its batched `commit` and `reveal` calls with
//! the operator's `infr` key through `frame_system::offchain::Signer`; the traits here tell it
//! how this runtime's signed extrinsics are built: the same [`TxExtension`] tuple wallets sign,
//! a short mortal era, the nonce given by the signer, no tip, and `CheckMetadataHash` disabled
//! (the worker has no metadata hash to commit to).
//!
//! The signer is the `infr` key's own account, so it needs a little free balance to pay the fee
//! at validation; successful commits and reveals are `Pays::No`, so the fee is refunded.

use crate::{
	configs::BlockHashCount, AccountId, Address, Nonce, Runtime, RuntimeCall, Signature,
	SignedPayload, System, TxExtension, UncheckedExtrinsic,
};
use codec::Encode;
use frame_system::offchain::{
	AppCrypto, CreateSignedTransaction, CreateTransactionBase, SigningTypes,
};
use sp_runtime::{
	generic::Era,
	traits::{SaturatedConversion, Verify},
};

/// Blocks an off-chain worker's transaction stays valid. Short, so that a transaction that was
/// not included soon leaves the pool and the worker's resubmission (same nonce) can take its
/// place.
const OFFCHAIN_TX_PERIOD: u64 = 16;

impl SigningTypes for Runtime {
	type Public = <Signature as Verify>::Signer;
	type Signature = Signature;
}

impl<LocalCall> CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> CreateSignedTransaction<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_signed_transaction<C: AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		public: Self::Public,
		account: AccountId,
		nonce: Nonce,
	) -> Option<UncheckedExtrinsic> {
		// The worker runs on top of the block just imported; the era starts at its parent, whose
		// hash `CheckEra` can always look up.
		let current = System::block_number().saturated_into::<u64>().saturating_sub(1);
		let period = OFFCHAIN_TX_PERIOD.min(BlockHashCount::get() as u64);
		let extension: TxExtension = (
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(Era::mortal(period, current)),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			frame_system::WeightReclaim::<Runtime>::new(),
		);
		let payload = SignedPayload::new(call, extension).ok()?;
		let signature = payload.using_encoded(|bytes| C::sign(bytes, public))?;
		let (call, extension, _) = payload.deconstruct();
		let address: Address = account.into();
		Some(UncheckedExtrinsic::new_signed(call, address, signature, extension))
	}
}
