//! What the jobs and settlement pallets ask of the fees pallet: this pallet's implementation
//! of [`FeesInterface`] (declared in [`verinfer_primitives::traits`]).

use crate::{asset, BalanceOf, Config, Error, Escrow, Escrows, Event, Pallet};
use frame_support::{ensure, storage::with_storage_layer};
use sp_runtime::{
	traits::Saturating,
	DispatchError, DispatchResult,
};
use verinfer_primitives::{traits::FeesInterface, JobId, ModelFees, Payout, Quote};

impl<T: Config> FeesInterface<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn quote(
		fees: &ModelFees<BalanceOf<T>>,
		input_len: u32,
		k: u32,
	) -> Result<Quote<BalanceOf<T>>, DispatchError> {
		Pallet::<T>::quote(fees, input_len, k).map_err(Into::into)
	}

	fn hold_escrow(
		job: JobId,
		payer: &T::AccountId,
		quote: &Quote<BalanceOf<T>>,
	) -> DispatchResult {
		with_storage_layer(|| {
			ensure!(!Escrows::<T>::contains_key(job), Error::<T>::EscrowExists);
			ensure!(asset::can_escrow::<T>(payer, quote.total), Error::<T>::InsufficientBalance);
			asset::hold::<T>(payer, quote.total)?;
			Escrows::<T>::insert(job, Escrow { payer: payer.clone(), quote: *quote });
			Pallet::<T>::deposit_event(Event::EscrowHeld {
				job,
				payer: payer.clone(),
				amount: quote.total,
			});
			Ok(())
		})
	}

	fn settle(
		job: JobId,
		agreeing: &[T::AccountId],
		model_owner: &T::AccountId,
	) -> Result<Payout<BalanceOf<T>>, DispatchError> {
		with_storage_layer(|| {
			let Escrow { payer, quote } =
				Escrows::<T>::get(job).ok_or(Error::<T>::UnknownEscrow)?;
			ensure!(agreeing.len() as u32 <= quote.k, Error::<T>::TooManyPayees);
			Escrows::<T>::remove(job);
			let payout = Pallet::<T>::pay_out(job, &payer, &quote, agreeing, model_owner)?;
			Pallet::<T>::deposit_event(Event::Settled { job, payout });
			Ok(payout)
		})
	}

	fn refund(job: JobId) -> Result<BalanceOf<T>, DispatchError> {
		with_storage_layer(|| {
			let Escrow { payer, quote } =
				Escrows::<T>::take(job).ok_or(Error::<T>::UnknownEscrow)?;
			asset::release::<T>(&payer, quote.total)?;
			Pallet::<T>::deposit_event(Event::Refunded { job, payer, amount: quote.total });
			Ok(quote.total)
		})
	}

	fn escrow_of(job: JobId) -> Option<Quote<BalanceOf<T>>> {
		Escrows::<T>::get(job).map(|e| e.quote)
	}
}

impl<T: Config> Pallet<T> {
	/// Pay the escrow of `job` (already removed from storage) as described on
	/// [`FeesInterface::settle`], redirecting payments that cannot be received.
	fn pay_out(
		job: JobId,
		payer: &T::AccountId,
		quote: &Quote<BalanceOf<T>>,
		agreeing: &[T::AccountId],
		model_owner: &T::AccountId,
	) -> Result<Payout<BalanceOf<T>>, DispatchError> {
		let mut payout = Payout { per_operator: quote.per_operator, ..Default::default() };
		let mut for_treasury = quote.protocol_fee;
		let mut redirect = |intended: &T::AccountId, amount: BalanceOf<T>| {
			for_treasury.saturating_accrue(amount);
			Self::deposit_event(Event::PaymentRedirected {
				job,
				intended: intended.clone(),
				amount,
				to_treasury: true,
			});
		};
		for operator in agreeing {
			match asset::pay::<T>(payer, operator, quote.per_operator) {
				Ok(()) => payout.operators_paid += 1,
				Err(_) => redirect(operator, quote.per_operator),
			}
		}
		match asset::pay::<T>(payer, model_owner, quote.royalty) {
			Ok(()) => payout.royalty = quote.royalty,
			Err(_) => redirect(model_owner, quote.royalty),
		}
		let treasury = Self::treasury();
		match asset::pay::<T>(payer, &treasury, for_treasury) {
			Ok(()) => payout.to_treasury = for_treasury,
			Err(_) => Self::deposit_event(Event::PaymentRedirected {
				job,
				intended: treasury,
				amount: for_treasury,
				to_treasury: false,
			}),
		}
		let paid = quote
			.per_operator
			.saturating_mul(payout.operators_paid.into())
			.saturating_add(payout.royalty)
			.saturating_add(payout.to_treasury);
		payout.refunded = quote.total.saturating_sub(paid);
		asset::release::<T>(payer, payout.refunded)?;
		Ok(payout)
	}
}
