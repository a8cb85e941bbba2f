//! Read-only listings for the runtime APIs (off-chain use only; nothing here is bounded by a
//! block's weight, only by the arguments).

use crate::{Config, ModelOperators, Operators, Pallet};
use alloc::vec::Vec;
use verinfer_primitives::ModelId;

impl<T: Config> Pallet<T> {
	/// The first `max` registered operators, in storage (hashed key) order.
	pub fn operator_accounts(max: u32) -> Vec<T::AccountId> {
		Operators::<T>::iter_keys().take(max as usize).collect()
	}

	/// The operators serving `model`, online or not, in the order they started serving it.
	pub fn operators_serving(model: &ModelId) -> Vec<T::AccountId> {
		ModelOperators::<T>::get(model).into_inner()
	}
}

/// An operator as the runtime API shows it.
pub type OperatorViewOf<T> = verinfer_primitives::api::OperatorView<
	<T as frame_system::Config>::AccountId,
	crate::BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

impl<T: Config> Pallet<T> {
	/// The registered operator `who`, as the runtime API shows it.
	pub fn operator_view(who: &T::AccountId) -> Option<OperatorViewOf<T>> {
		let info = Operators::<T>::get(who)?;
		// The runtime's keys are 32-byte sr25519 keys; shorter test keys are zero-padded.
		let mut key = [0u8; 32];
		let encoded = codec::Encode::encode(&info.key);
		let len = encoded.len().min(32);
		key[..len].copy_from_slice(&encoded[..len]);
		Some(verinfer_primitives::api::OperatorView {
			account: who.clone(),
			key: key.into(),
			status: info.status,
			active_bond: info.ledger.active,
			unbonding: info.ledger.unlocking.into_inner(),
			models: info.models.into_inner(),
			open_jobs: info.open_jobs,
			metadata: info.metadata.into_inner(),
			registered_at: info.registered_at,
		})
	}
}
