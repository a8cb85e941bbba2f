//! # Fees pallet
//!
//! Prices inference jobs, keeps the requester's payment in escrow while the job runs, and pays
//! it out (or back) when the job reaches its final state.
//!
//! ## Terms
//!
//! - **Model fees** ([`ModelFees`]): what a model's owner charges: `operator_fee` per operator
//!   and a `royalty` per verified job.
//! - **Quote** ([`Quote`]): the price of one job of `k` operators on an input of `input_len`
//!   bytes:
//!
//!   ```text
//!   per_operator = operator_fee + ByteFee × input_len
//!   subtotal     = k × per_operator + royalty
//!   protocol_fee = ProtocolFeeRate × subtotal          (rounded down)
//!   total        = subtotal + protocol_fee
//!   ```
//!
//! - **Escrow**: the quote's `total`, held from the requester under [`HoldReason::JobEscrow`]
//!   from submission until the job is final. Each open job has one [`Escrow`] record; the
//!   requester's held balance is always exactly the sum of its open jobs' totals.
//! - **Treasury**: the account that receives protocol fees (and, through the operators
//!   pallet, slashes). It is a storage item, [`TreasuryAccount`], that the parameter origin can
//!   change; it defaults to the account of [`Config::PalletId`].
//!
//! ## Settlement
//!
//! - **Verified** ([`FeesInterface::settle`]): each operator of the agreeing group receives
//!   `per_operator`, the model owner the `royalty`, the treasury the `protocol_fee`; the shares
//!   of the `k − |agreeing|` other operators go back to the requester. All payments move funds
//!   from the requester's hold to the payees' free balances; nothing is minted or burned.
//! - **Failed or expired** ([`FeesInterface::refund`]): the whole escrow is released.
//!
//! A payee that cannot receive its payment (it would stay below the existential deposit, e.g. a
//! reaped model owner and a tiny royalty) does not block settlement: the payment goes to the
//! treasury instead ([`Event::PaymentRedirected`]); if even the treasury cannot take it, it
//! is refunded to the requester. To make that path rare, the treasury always exists: genesis
//! endows it with the existential deposit if needed (the only mint of this pallet) and
//! [`Pallet::set_treasury`] refuses an account that holds less than that.
//!
//! The quoted breakdown is stored with the escrow, so later changes of `ByteFee` or
//! `ProtocolFeeRate` never affect jobs already submitted.
//!
//! ## Interfaces
//!
//! The jobs pallet uses [`FeesInterface`] to quote, hold the escrow at submission, and settle
//! or refund at the verdict. The treasury account is offered to other pallets as a
//! `Get<AccountId>` through [`TreasuryOf`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod asset;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod traits;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use verinfer_primitives::{ModelFees, Payout, Quote};
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{AccountIdConversion, CheckedAdd, CheckedMul},
		Perbill,
	};
	use verinfer_primitives::JobId;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The balance type of [`Config::Currency`].
		type Balance: BalanceT + MaybeSerializeDeserialize;

		/// The currency fees are paid in.
		type Currency: fungible::Mutate<Self::AccountId, Balance = Self::Balance>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Origin that may change `ByteFee`, `ProtocolFeeRate` and the treasury (root).
		type ParameterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Id whose account is the default treasury.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most operators a job can be quoted for.
		#[pallet::constant]
		type MaxReplicas: Get<u32>;

		/// Weights of this pallet's calls and settlement functions.
		type WeightInfo: WeightInfo;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A requester's payment for an open job.
		#[codec(index = 0)]
		JobEscrow,
	}

	/// The treasury account when none was set: the account of `PalletId`.
	#[pallet::type_value]
	pub fn DefaultTreasury<T: Config>() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Fee per input byte, charged once per operator.
	#[pallet::storage]
	pub type ByteFee<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The protocol fee, as a share of a job's operator fees and royalty.
	#[pallet::storage]
	pub type ProtocolFeeRate<T: Config> = StorageValue<_, Perbill, ValueQuery>;

	/// The account that receives protocol fees and slashes.
	#[pallet::storage]
	pub type TreasuryAccount<T: Config> =
		StorageValue<_, T::AccountId, ValueQuery, DefaultTreasury<T>>;

	/// The escrow of every open job.
	#[pallet::storage]
	pub type Escrows<T: Config> = StorageMap<_, Twox64Concat, JobId, Escrow<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial `ByteFee`.
		pub byte_fee: BalanceOf<T>,
		/// Initial `ProtocolFeeRate`.
		pub protocol_fee_rate: Perbill,
		/// Initial treasury account; the `PalletId` account if `None`.
		pub treasury: Option<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			ByteFee::<T>::put(self.byte_fee);
			ProtocolFeeRate::<T>::put(self.protocol_fee_rate);
			if let Some(treasury) = &self.treasury {
				TreasuryAccount::<T>::put(treasury);
			}
			asset::endow_treasury::<T>(&TreasuryAccount::<T>::get());
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `ByteFee` is now `fee`.
		ByteFeeSet { fee: BalanceOf<T> },
		/// `ProtocolFeeRate` is now `rate`.
		ProtocolFeeRateSet { rate: Perbill },
		/// The treasury is now `account`.
		TreasurySet { account: T::AccountId },
		/// `amount` is held from `payer` for job `job`.
		EscrowHeld { job: JobId, payer: T::AccountId, amount: BalanceOf<T> },
		/// The escrow of verified job `job` was paid out as `payout`.
		Settled { job: JobId, payout: Payout<BalanceOf<T>> },
		/// The escrow of job `job`, `amount`, went back to `payer`.
		Refunded { job: JobId, payer: T::AccountId, amount: BalanceOf<T> },
		/// `intended` could not receive `amount` from job `job`; it went to the treasury, or,
		/// if `to_treasury` is false, back to the requester.
		PaymentRedirected {
			job: JobId,
			intended: T::AccountId,
			amount: BalanceOf<T>,
			to_treasury: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A new treasury must hold at least the existential deposit.
		TreasuryBelowMinimum,
		/// A job needs at least one operator.
		ZeroReplicas,
		/// More operators than `MaxReplicas`.
		TooManyReplicas,
		/// The quote does not fit in the balance type.
		QuoteOverflow,
		/// The requester cannot pay the quote and stay alive.
		InsufficientBalance,
		/// The job already has an escrow.
		EscrowExists,
		/// The job has no escrow.
		UnknownEscrow,
		/// More agreeing operators than the job was quoted for.
		TooManyPayees,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxReplicas::get() > 0, "MaxReplicas must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the fee per input byte (per operator) of future quotes.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_byte_fee())]
		pub fn set_byte_fee(
			origin: OriginFor<T>,
			#[pallet::compact] fee: BalanceOf<T>,
		) -> DispatchResult {
			T::ParameterOrigin::ensure_origin(origin)?;
			ByteFee::<T>::put(fee);
			Self::deposit_event(Event::ByteFeeSet { fee });
			Ok(())
		}

		/// Set the protocol fee rate of future quotes.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_protocol_fee_rate())]
		pub fn set_protocol_fee_rate(origin: OriginFor<T>, rate: Perbill) -> DispatchResult {
			T::ParameterOrigin::ensure_origin(origin)?;
			ProtocolFeeRate::<T>::put(rate);
			Self::deposit_event(Event::ProtocolFeeRateSet { rate });
			Ok(())
		}

		/// Make `account` the treasury. It must already hold the existential deposit, so that
		/// payments of any size can reach it.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_treasury())]
		pub fn set_treasury(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			T::ParameterOrigin::ensure_origin(origin)?;
			ensure!(asset::can_be_treasury::<T>(&account), Error::<T>::TreasuryBelowMinimum);
			TreasuryAccount::<T>::put(&account);
			Self::deposit_event(Event::TreasurySet { account });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current treasury account.
		pub fn treasury() -> T::AccountId {
			TreasuryAccount::<T>::get()
		}

		/// What `payer` has in escrow over all its open jobs.
		pub fn escrowed(payer: &T::AccountId) -> BalanceOf<T> {
			asset::escrowed::<T>(payer)
		}

		/// The quote of a job of `k` operators for a model with `fees` on `input_len` bytes,
		/// with the current `ByteFee` and `ProtocolFeeRate`.
		pub fn quote(
			fees: &ModelFees<BalanceOf<T>>,
			input_len: u32,
			k: u32,
		) -> Result<Quote<BalanceOf<T>>, Error<T>> {
			ensure!(k > 0, Error::<T>::ZeroReplicas);
			ensure!(k <= T::MaxReplicas::get(), Error::<T>::TooManyReplicas);
			let overflow = || Error::<T>::QuoteOverflow;
			let per_operator = ByteFee::<T>::get()
				.checked_mul(&input_len.into())
				.and_then(|bytes| bytes.checked_add(&fees.operator_fee))
				.ok_or_else(overflow)?;
			let subtotal = per_operator
				.checked_mul(&k.into())
				.and_then(|operators| operators.checked_add(&fees.royalty))
				.ok_or_else(overflow)?;
			let protocol_fee = ProtocolFeeRate::<T>::get().mul_floor(subtotal);
			let total = subtotal.checked_add(&protocol_fee).ok_or_else(overflow)?;
			Ok(Quote { k, per_operator, royalty: fees.royalty, protocol_fee, total })
		}

		/// Check the pallet's invariants:
		///
		/// - every requester's `JobEscrow` hold equals the sum of its open jobs' quotes;
		/// - every stored quote adds up (`total = k × per_operator + royalty + protocol_fee`).
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::BTreeMap;
			use sp_runtime::Saturating;
			let mut per_payer: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (_, escrow) in Escrows::<T>::iter() {
				let q = &escrow.quote;
				ensure!(
					q.per_operator
						.saturating_mul(q.k.into())
						.saturating_add(q.royalty)
						.saturating_add(q.protocol_fee)
						== q.total,
					"escrowed quote does not add up"
				);
				per_payer.entry(escrow.payer.clone()).or_default().saturating_accrue(q.total);
			}
			for (payer, total) in per_payer {
				ensure!(
					asset::escrowed::<T>(&payer) == total,
					"escrow hold differs from open quotes"
				);
			}
			Ok(())
		}
	}
}

/// The treasury account of the fees pallet, as a `Get` for other pallets' configuration.
pub struct TreasuryOf<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<T::AccountId> for TreasuryOf<T> {
	fn get() -> T::AccountId {
		Pallet::<T>::treasury()
	}
}
