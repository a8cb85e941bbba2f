//! Transactions made by off-chain workers.
//!
//! The settlement pallet's off-chain worker sends its operator's steps as one unsigned
//! `submit_steps` per block, its payload signed by the operator's `infr` key through
//! `frame_system::offchain::Signer`: no fee and no nonce, so the key's account needs no balance
//! and nothing the worker sends can replace anything else it sent. The pallet's
//! `validate_unsigned` checks the signature and that the steps are still due. The traits here
//! tell the signer this runtime's key types and how a bare extrinsic is built.

use crate::{Runtime, RuntimeCall, Signature, UncheckedExtrinsic};
use frame_system::offchain::{CreateBare, CreateTransactionBase, SigningTypes};
use sp_runtime::traits::Verify;

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

impl<LocalCall> CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}
