//! Bond bookkeeping: pure operations on a [`Ledger`], no storage and no currency.

use crate::{BalanceOf, Config, Error, Ledger, UnlockChunk};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};

impl<T: Config> Ledger<T> {
	/// Active plus unbonding: everything held.
	pub fn total(&self) -> BalanceOf<T> {
		self.unlocking.iter().fold(self.active, |total, chunk| total.saturating_add(chunk.value))
	}

	/// Nothing bonded and nothing unbonding.
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}

	/// Move `value` (at most the active bond, checked by the caller) into a chunk unlocking at
	/// `unlock_at`, merged with the last chunk when that unlocks at the same block.
	pub fn unbond(
		&mut self,
		value: BalanceOf<T>,
		unlock_at: BlockNumberFor<T>,
	) -> Result<(), DispatchError> {
		if let Some(last) = self.unlocking.last_mut() {
			if last.unlock_at == unlock_at {
				last.value.saturating_accrue(value);
				self.active.saturating_reduce(value);
				return Ok(());
			}
		}
		self.unlocking
			.try_push(UnlockChunk { value, unlock_at })
			.map_err(|_| Error::<T>::TooManyUnbondingChunks)?;
		self.active.saturating_reduce(value);
		Ok(())
	}

	/// Remove every chunk unlocked at `now` and return their sum.
	pub fn take_unlocked(&mut self, now: BlockNumberFor<T>) -> BalanceOf<T> {
		let mut unlocked = BalanceOf::<T>::zero();
		self.unlocking.retain(|chunk| {
			if chunk.unlock_at <= now {
				unlocked.saturating_accrue(chunk.value);
				false
			} else {
				true
			}
		});
		unlocked
	}

	/// Reduce the bond by up to `amount`: the active bond first, then the chunks that unlock
	/// last. Returns what was taken; emptied chunks are dropped.
	pub fn slash(&mut self, amount: BalanceOf<T>) -> BalanceOf<T> {
		let mut left = amount;
		let from_active = left.min(self.active);
		self.active.saturating_reduce(from_active);
		left.saturating_reduce(from_active);
		for chunk in self.unlocking.iter_mut().rev() {
			if left.is_zero() {
				break;
			}
			let take = left.min(chunk.value);
			chunk.value.saturating_reduce(take);
			left.saturating_reduce(take);
		}
		self.unlocking.retain(|chunk| !chunk.value.is_zero());
		amount.saturating_sub(left)
	}
}
