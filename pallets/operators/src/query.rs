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
