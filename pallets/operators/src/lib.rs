//! # Operators pallet
//!
//! Operator staking for Verinfer: the accounts that run inference jobs in their node's off-chain
//! worker put up a bond that answers for their work.
//!
//! ## Terms
//!
//! - **Operator**: an account registered with this pallet. It has a bond, an off-chain worker
//!   key, a set of served models and a status.
//! - **Bond**: funds held from the operator under [`HoldReason::OperatorBond`]. Its *active*
//!   part backs new work and weights assignment; its *unbonding* part is split into chunks, each
//!   released after [`Config::UnbondingPeriod`] and slashable until then. The sum of both is
//!   exactly what is on hold (see [`Ledger`]).
//! - **Operator key**: the `infr` (sr25519) key the operator's off-chain worker signs with,
//!   bound one-to-one to the operator account at registration.
//! - **Served models**: the bounded set of model ids the operator offers to run.
//! - **Open jobs**: jobs assigned to the operator that have not reached a final state. The jobs
//!   pallet keeps this count through [`OperatorsInterface`].
//! - **Eligible** for a model: online, serving that model, active bond at least
//!   [`Config::MinOperatorBond`], and fewer than [`Config::MaxOpenJobs`] open jobs.
//!
//! ## Lifecycle
//!
//! ```text
//! register ──► Offline ◄──go_offline / forced (bond < minimum)── Online
//!                 │  └───────────────go_online (bond ≥ minimum)──────►│
//!                 └──deregister (no open jobs) ──► Leaving ──withdraw_unbonded (all released)──► removed
//! ```
//!
//! - [`Pallet::register`] holds at least `MinOperatorBond` and binds the key. The operator starts
//!   `Offline`; it then declares its models with [`Pallet::serve`] and calls [`Pallet::go_online`].
//! - [`Pallet::bond_extra`] adds to the active bond. [`Pallet::unbond`] moves part of the active
//!   bond into an unbonding chunk that unlocks `UnbondingPeriod` blocks later;
//!   [`Pallet::withdraw_unbonded`] releases every unlocked chunk. An online operator may not
//!   unbond below the minimum: it goes offline first.
//! - [`Pallet::deregister`] (refused while the operator has open jobs) withdraws the operator
//!   from every model and moves its whole active bond into unbonding. The operator is `Leaving`
//!   until its last chunk is withdrawn, then its record and key binding are removed.
//!
//! ## Slashing
//!
//! Other pallets slash through [`OperatorsInterface::slash`] with a fraction of the operator's
//! whole bond (active and unbonding). The amount is taken from the active bond first, then from
//! the unbonding chunks that unlock last. Of the amount taken, the share
//! [`Config::SlashCompensation`] goes to the harmed party given by the caller (the requester)
//! and the rest to the treasury ([`Config::Treasury`]). Funds move from hold to the recipients'
//! free balance, so a slash creates and destroys nothing. Only if a recipient cannot receive the
//! amount (it would stay below the existential deposit) is it redirected to the treasury, and
//! only if the treasury cannot take it either is it burned, with an explicit `burned` amount in
//! the [`Event::Slashed`] event. An online operator whose active bond falls below the minimum is
//! taken offline ([`Event::ForcedOffline`]).
//!
//! `UnbondingPeriod` must be longer than the lifetime of a job (commit plus reveal windows), so
//! that a fault is always found while the bond that answers for it is still held.
//!
//! ## Interfaces with other pallets
//!
//! This pallet owns operator data and exposes it through [`OperatorsInterface`] (eligibility,
//! bond, open-job accounting, slashing) and [`OperatorKeyLookup`] (key binding). It reads no
//! other pallet's storage. The reputation score is not consulted here: the jobs pallet combines
//! [`OperatorsInterface::eligible_operators`] (account and active bond) with the reputation
//! pallet's score and exclusion when it draws operators, so neither pallet depends on the other.
//! Whether a model id exists is asked through [`Config::KnownModel`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod asset;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod ledger;
#[cfg(test)]
mod mock;
pub mod query;
mod slashing;
#[cfg(test)]
mod tests;
pub mod traits;
pub mod types;
pub mod weights;

pub use pallet::*;

/// What an operator key signs to be bound to `owner` at `register`: the standard
/// proof-of-possession statement of polkadot-sdk (`"POP_"` followed by the SCALE-encoded owner),
/// so `Pair::generate_proof_of_possession(owner)` of `sp-core` produces a valid proof.
pub fn key_ownership_statement<AccountId: codec::Encode>(owner: &AccountId) -> alloc::vec::Vec<u8> {
	let mut statement = b"POP_".to_vec();
	owner.encode_to(&mut statement);
	statement
}
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Contains},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{MaybeSerializeDeserialize, Zero},
		Perbill, RuntimeAppPublic, Saturating,
	};
	use verinfer_primitives::{ModelId, SlashReason};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency bonds are held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Public key type of the operators' off-chain worker (`infr`) keys.
		type OperatorKey: Parameter
			+ Member
			+ MaxEncodedLen
			+ Ord
			+ MaybeSerializeDeserialize
			+ RuntimeAppPublic<Signature = Self::KeySignature>;

		/// A signature by an operator key: `register` takes one over the key's statement of
		/// ownership, so nobody can bind a key whose secret they do not hold.
		type KeySignature: Parameter;

		/// Which model ids exist; an operator may only serve those.
		type KnownModel: Contains<ModelId>;

		/// Account that receives the treasury's part of slashes.
		type Treasury: Get<Self::AccountId>;

		/// Smallest active bond of a registered or online operator.
		#[pallet::constant]
		type MinOperatorBond: Get<BalanceOf<Self>>;

		/// Blocks between an unbond and the release of its chunk.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Most unbonding chunks an operator can have at once.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// Most models one operator can serve.
		#[pallet::constant]
		type MaxModelsPerOperator: Get<u32>;

		/// Most operators that can serve one model.
		#[pallet::constant]
		type MaxOperatorsPerModel: Get<u32>;

		/// Most open jobs one operator can have; a full operator is not eligible.
		#[pallet::constant]
		type MaxOpenJobs: Get<u32>;

		/// Longest operator metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Share of a slash that goes to the harmed party (the rest goes to the treasury).
		#[pallet::constant]
		type SlashCompensation: Get<Perbill>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need outside this pallet (a known model).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An operator's bond, active and unbonding.
		#[codec(index = 0)]
		OperatorBond,
	}

	/// Operators that exist when the chain starts (a dev or test network's demo operators).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(account, bond, infr key, served models, online)`, each set up exactly as by
		/// `register`, `serve` and `go_online`.
		pub operators: Vec<(T::AccountId, BalanceOf<T>, T::OperatorKey, Vec<ModelId>, bool)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec whose operators cannot be set up must not produce a chain.
			for (who, bond, key, models, online) in &self.operators {
				let fail = |step: &str, e: DispatchError| -> ! {
					panic!("genesis operator {who:?}: {step}: {e:?}")
				};
				Pallet::<T>::do_register(who.clone(), *bond, key.clone(), Vec::new())
					.unwrap_or_else(|e| fail("register", e));
				Pallet::<T>::do_serve(who.clone(), models.clone(), false)
					.unwrap_or_else(|e| fail("serve", e));
				if *online {
					Pallet::<T>::do_go_online(who.clone()).unwrap_or_else(|e| fail("online", e));
				}
			}
		}
	}

	/// Every registered operator.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OperatorInfo<T>, OptionQuery>;

	/// The operator each bound off-chain worker key belongs to.
	#[pallet::storage]
	pub type OperatorByKey<T: Config> =
		StorageMap<_, Blake2_128Concat, T::OperatorKey, T::AccountId, OptionQuery>;

	/// The online operators serving each model (offline ones keep their served models in their
	/// record and are listed again when they go online).
	#[pallet::storage]
	pub type ModelOperators<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ModelId,
		BoundedVec<T::AccountId, T::MaxOperatorsPerModel>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An operator registered with `bond` and bound `key`; it starts offline.
		Registered { operator: T::AccountId, key: T::OperatorKey, bond: BalanceOf<T> },
		/// An operator added `amount` to its active bond.
		Bonded { operator: T::AccountId, amount: BalanceOf<T> },
		/// An operator started unbonding `amount`, released at block `unlock_at`.
		Unbonded { operator: T::AccountId, amount: BalanceOf<T>, unlock_at: BlockNumberFor<T> },
		/// Unlocked chunks worth `amount` were released to the operator.
		Withdrawn { operator: T::AccountId, amount: BalanceOf<T> },
		/// An operator now serves exactly `models`.
		ModelsServed {
			operator: T::AccountId,
			models: BoundedVec<ModelId, T::MaxModelsPerOperator>,
		},
		/// An operator went online.
		WentOnline { operator: T::AccountId },
		/// An operator went offline by its own choice.
		WentOffline { operator: T::AccountId },
		/// An online operator was taken offline because its active bond fell to `bond`, below
		/// the minimum.
		ForcedOffline { operator: T::AccountId, bond: BalanceOf<T> },
		/// An operator deregistered; `unbonding` is its whole bond, now unbonding.
		Deregistered { operator: T::AccountId, unbonding: BalanceOf<T> },
		/// A leaving operator withdrew its last funds; its record and key binding are gone.
		Removed { operator: T::AccountId },
		/// `amount` was slashed from an operator's bond for `reason`: `to_beneficiary` went to
		/// the harmed party, `to_treasury` to the treasury and `burned` (normally zero) was
		/// destroyed because nobody could receive it.
		Slashed {
			operator: T::AccountId,
			reason: SlashReason,
			amount: BalanceOf<T>,
			beneficiary: Option<T::AccountId>,
			to_beneficiary: BalanceOf<T>,
			to_treasury: BalanceOf<T>,
			burned: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered operator.
		AlreadyRegistered,
		/// The account is not a registered operator.
		UnknownOperator,
		/// The off-chain worker key is already bound to an operator.
		KeyInUse,
		/// The proof is not the key's signature over the caller's statement of ownership.
		InvalidKeyProof,
		/// The bond would be below `MinOperatorBond`.
		BondTooLow,
		/// The free balance cannot cover the amount to hold.
		InsufficientBalance,
		/// The metadata is longer than `MaxMetadataLen`.
		MetadataTooLong,
		/// The amount is zero.
		ZeroAmount,
		/// Unbonding more than the active bond.
		UnbondingMoreThanBonded,
		/// An online operator may not unbond below `MinOperatorBond`; go offline first.
		WouldFallBelowMinimum,
		/// The operator already has `MaxUnbondingChunks` chunks; withdraw first.
		TooManyUnbondingChunks,
		/// No unbonding chunk has unlocked yet.
		NothingToWithdraw,
		/// More models than `MaxModelsPerOperator`.
		TooManyModels,
		/// The same model id appears twice.
		DuplicateModel,
		/// The model id is not registered.
		UnknownModel,
		/// The model already has `MaxOperatorsPerModel` operators.
		TooManyOperatorsForModel,
		/// The operator is already online.
		AlreadyOnline,
		/// The operator is not online.
		NotOnline,
		/// The operator is deregistering; only withdrawing is possible.
		OperatorLeaving,
		/// The operator still has open jobs.
		HasOpenJobs,
		/// The operator already has `MaxOpenJobs` open jobs.
		TooManyOpenJobs,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MinOperatorBond::get().is_zero(), "MinOperatorBond must not be zero");
			assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must not be zero");
			assert!(T::MaxModelsPerOperator::get() > 0, "MaxModelsPerOperator must not be zero");
			assert!(T::MaxOperatorsPerModel::get() > 0, "MaxOperatorsPerModel must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as an operator, holding `bond` (at least `MinOperatorBond`) and
		/// binding its off-chain worker `key`. `proof` is the key's signature over
		/// [`key_ownership_statement`] of the caller's account: it proves the caller holds the
		/// key, so nobody can bind (and have a victim's node work for) a key that is not theirs.
		/// The operator starts offline and serves nothing.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			#[pallet::compact] bond: BalanceOf<T>,
			key: T::OperatorKey,
			proof: T::KeySignature,
			metadata: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				key.verify(&key_ownership_statement(&who), &proof),
				Error::<T>::InvalidKeyProof
			);
			Self::do_register(who, bond, key, metadata)
		}

		/// Add `amount` from the caller's free balance to its active bond.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut info = Self::operator(&who)?;
			ensure!(info.status != OperatorStatus::Leaving, Error::<T>::OperatorLeaving);
			asset::hold::<T>(&who, amount)?;
			info.ledger.active.saturating_accrue(amount);
			Operators::<T>::insert(&who, info);
			Self::deposit_event(Event::Bonded { operator: who, amount });
			Ok(())
		}

		/// Start unbonding `amount` of the active bond. It stays held, and slashable, until
		/// `UnbondingPeriod` blocks from now, then [`Pallet::withdraw_unbonded`] releases it.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut info = Self::operator(&who)?;
			ensure!(info.status != OperatorStatus::Leaving, Error::<T>::OperatorLeaving);
			ensure!(amount <= info.ledger.active, Error::<T>::UnbondingMoreThanBonded);
			if info.status == OperatorStatus::Online {
				ensure!(
					info.ledger.active.saturating_sub(amount) >= T::MinOperatorBond::get(),
					Error::<T>::WouldFallBelowMinimum
				);
			}
			let unlock_at = Self::unlock_block();
			info.ledger.unbond(amount, unlock_at)?;
			Operators::<T>::insert(&who, info);
			Self::deposit_event(Event::Unbonded { operator: who, amount, unlock_at });
			Ok(())
		}

		/// Release every unbonding chunk that has unlocked. A leaving operator whose bond is
		/// then empty is removed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Self::operator(&who)?;
			let now = frame_system::Pallet::<T>::block_number();
			let unlocked = info.ledger.take_unlocked(now);
			let finished = info.status == OperatorStatus::Leaving && info.ledger.is_empty();
			ensure!(!unlocked.is_zero() || finished, Error::<T>::NothingToWithdraw);
			if !unlocked.is_zero() {
				asset::release::<T>(&who, unlocked)?;
				Self::deposit_event(Event::Withdrawn { operator: who.clone(), amount: unlocked });
			}
			if finished {
				Self::remove_operator(&who, &info);
			} else {
				Operators::<T>::insert(&who, info);
			}
			Ok(())
		}

		/// Serve exactly `models` from now on (replacing the previous set). Every model must be
		/// known, appear once, and have room for one more operator.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::serve(
			(models.len() as u32).min(T::MaxModelsPerOperator::get())
		))]
		pub fn serve(origin: OriginFor<T>, models: Vec<ModelId>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_serve(who, models, true)
		}

		/// Go online: become eligible for new jobs of the served models and join their
		/// operator lists (each must have room). Needs an active bond of at least
		/// `MinOperatorBond`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::go_online(T::MaxModelsPerOperator::get()))]
		pub fn go_online(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let models = Self::do_go_online(who)?;
			Ok(Some(T::WeightInfo::go_online(models)).into())
		}

		/// Go offline: take no new jobs, and leave the operator lists of the served models (to
		/// be listed again at [`Pallet::go_online`]). Jobs already assigned must still be
		/// completed.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::go_offline(T::MaxModelsPerOperator::get()))]
		pub fn go_offline(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut info = Self::operator(&who)?;
			ensure!(info.status == OperatorStatus::Online, Error::<T>::NotOnline);
			Self::take_offline(&who, &mut info);
			let models = info.models.len() as u32;
			Operators::<T>::insert(&who, info);
			Self::deposit_event(Event::WentOffline { operator: who });
			Ok(Some(T::WeightInfo::go_offline(models)).into())
		}

		/// Leave: refused while the operator has open jobs. Stops serving every model, goes
		/// offline and starts unbonding the whole active bond; the operator is removed once
		/// [`Pallet::withdraw_unbonded`] has released everything.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::deregister())]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Self::operator(&who)?;
			ensure!(info.status != OperatorStatus::Leaving, Error::<T>::OperatorLeaving);
			ensure!(info.open_jobs == 0, Error::<T>::HasOpenJobs);
			let active = info.ledger.active;
			if !active.is_zero() {
				let unlock_at = Self::unlock_block();
				info.ledger.unbond(active, unlock_at)?;
			}
			for model in info.models.iter() {
				Self::leave_model_list(model, &who);
			}
			info.models = BoundedVec::new();
			info.status = OperatorStatus::Leaving;
			let unbonding = info.ledger.total();
			Self::deposit_event(Event::Deregistered { operator: who.clone(), unbonding });
			if info.ledger.is_empty() {
				Self::remove_operator(&who, &info);
			} else {
				Operators::<T>::insert(&who, info);
			}
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Register `who` with `bond`, bound to `key`; see [`Pallet::register`].
		pub(crate) fn do_register(
			who: T::AccountId,
			bond: BalanceOf<T>,
			key: T::OperatorKey,
			metadata: Vec<u8>,
		) -> DispatchResult {
			ensure!(!Operators::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
			ensure!(!OperatorByKey::<T>::contains_key(&key), Error::<T>::KeyInUse);
			ensure!(bond >= T::MinOperatorBond::get(), Error::<T>::BondTooLow);
			let metadata: BoundedVec<u8, T::MaxMetadataLen> =
				metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			asset::hold::<T>(&who, bond)?;

			let info = OperatorInfo::<T> {
				key: key.clone(),
				ledger: Ledger { active: bond, unlocking: BoundedVec::new() },
				models: BoundedVec::new(),
				status: OperatorStatus::Offline,
				open_jobs: 0,
				metadata,
				registered_at: frame_system::Pallet::<T>::block_number(),
			};
			Operators::<T>::insert(&who, info);
			OperatorByKey::<T>::insert(&key, &who);
			Self::deposit_event(Event::Registered { operator: who, key, bond });
			Ok(())
		}

		/// Make `who` serve exactly `models`; see [`Pallet::serve`]. `check_known` is false only
		/// at genesis, which is built before the model registry's genesis (pallet order).
		pub(crate) fn do_serve(
			who: T::AccountId,
			models: Vec<ModelId>,
			check_known: bool,
		) -> DispatchResult {
			let mut info = Self::operator(&who)?;
			ensure!(info.status != OperatorStatus::Leaving, Error::<T>::OperatorLeaving);
			let models: BoundedVec<ModelId, T::MaxModelsPerOperator> =
				models.try_into().map_err(|_| Error::<T>::TooManyModels)?;
			for (i, model) in models.iter().enumerate() {
				ensure!(!models[..i].contains(model), Error::<T>::DuplicateModel);
				ensure!(!check_known || T::KnownModel::contains(model), Error::<T>::UnknownModel);
			}
			// Only online operators are listed (see the crate docs, *Model lists*).
			if info.status == OperatorStatus::Online {
				for old in info.models.iter().filter(|m| !models.contains(*m)) {
					Self::leave_model_list(old, &who);
				}
				for new in models.iter().filter(|m| !info.models.contains(*m)) {
					Self::join_model_list(new, &who)?;
				}
			}
			info.models = models.clone();
			Operators::<T>::insert(&who, info);
			Self::deposit_event(Event::ModelsServed { operator: who, models });
			Ok(())
		}

		/// Put `who` online; see [`Pallet::go_online`]. Returns the number of served models.
		/// Not transactional by itself: a full model list fails it after earlier lists were
		/// joined, so call it from a transactional context (calls are).
		pub(crate) fn do_go_online(who: T::AccountId) -> Result<u32, DispatchError> {
			let mut info = Self::operator(&who)?;
			match info.status {
				OperatorStatus::Online => return Err(Error::<T>::AlreadyOnline.into()),
				OperatorStatus::Leaving => return Err(Error::<T>::OperatorLeaving.into()),
				OperatorStatus::Offline => {}
			}
			ensure!(info.ledger.active >= T::MinOperatorBond::get(), Error::<T>::BondTooLow);
			for model in info.models.iter() {
				Self::join_model_list(model, &who)?;
			}
			info.status = OperatorStatus::Online;
			let models = info.models.len() as u32;
			Operators::<T>::insert(&who, info);
			Self::deposit_event(Event::WentOnline { operator: who });
			Ok(models)
		}

		/// Take online operator `who` (its record `info`, written back by the caller) offline:
		/// it leaves the operator lists of its models.
		pub(crate) fn take_offline(who: &T::AccountId, info: &mut OperatorInfo<T>) {
			for model in info.models.iter() {
				Self::leave_model_list(model, who);
			}
			info.status = OperatorStatus::Offline;
		}

		/// The record of `who`, or [`Error::UnknownOperator`].
		pub(crate) fn operator(who: &T::AccountId) -> Result<OperatorInfo<T>, Error<T>> {
			Operators::<T>::get(who).ok_or(Error::<T>::UnknownOperator)
		}

		/// Block at which a chunk unbonded now unlocks.
		pub(crate) fn unlock_block() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get())
		}

		/// Add `who` to the operators of `model`, or [`Error::TooManyOperatorsForModel`].
		pub(crate) fn join_model_list(model: &ModelId, who: &T::AccountId) -> DispatchResult {
			ModelOperators::<T>::try_mutate(model, |ops| {
				ops.try_push(who.clone()).map_err(|_| Error::<T>::TooManyOperatorsForModel.into())
			})
		}

		/// Remove `who` from the operators of `model`.
		pub(crate) fn leave_model_list(model: &ModelId, who: &T::AccountId) {
			ModelOperators::<T>::mutate_exists(model, |maybe_ops| {
				if let Some(ops) = maybe_ops {
					ops.retain(|o| o != who);
					if ops.is_empty() {
						*maybe_ops = None;
					}
				}
			});
		}

		/// Drop the record and key binding of an operator whose bond is empty.
		pub(crate) fn remove_operator(who: &T::AccountId, info: &OperatorInfo<T>) {
			debug_assert!(info.ledger.is_empty() && info.models.is_empty());
			OperatorByKey::<T>::remove(&info.key);
			Operators::<T>::remove(who);
			Self::deposit_event(Event::Removed { operator: who.clone() });
		}

		/// Whether `info` makes its operator eligible for a job of `model`.
		pub(crate) fn eligible(info: &OperatorInfo<T>, model: &ModelId) -> bool {
			info.status == OperatorStatus::Online
				&& info.ledger.active >= T::MinOperatorBond::get()
				&& info.open_jobs < T::MaxOpenJobs::get()
				&& info.models.contains(model)
		}

		/// Check the pallet's invariants:
		///
		/// - every operator's bond on hold equals its ledger (active plus unbonding);
		/// - key bindings and operators map one to one;
		/// - an online operator is listed under every model it serves, and only online operators
		///   are listed;
		/// - a leaving operator serves nothing; an online one has at least the minimum bond;
		/// - no unbonding chunk is empty and no list exceeds its bound.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::ensure;
			let mut operators = 0u32;
			for (who, info) in Operators::<T>::iter() {
				operators += 1;
				ensure!(
					asset::bonded::<T>(&who) == info.ledger.total(),
					"held bond differs from the operator's ledger"
				);
				ensure!(
					info.ledger.unlocking.iter().all(|c| !c.value.is_zero()),
					"empty unbonding chunk"
				);
				ensure!(
					OperatorByKey::<T>::get(&info.key).as_ref() == Some(&who),
					"operator key not bound to its operator"
				);
				let online = info.status == OperatorStatus::Online;
				for model in info.models.iter() {
					ensure!(
						ModelOperators::<T>::get(model).contains(&who) == online,
						"a served model lists its operator although it is not online, or not \
						 although it is"
					);
				}
				match info.status {
					OperatorStatus::Leaving => {
						ensure!(info.models.is_empty(), "leaving operator still serves models");
						ensure!(info.ledger.active.is_zero(), "leaving operator has active bond");
					}
					OperatorStatus::Online => ensure!(
						info.ledger.active >= T::MinOperatorBond::get(),
						"online operator below the minimum bond"
					),
					OperatorStatus::Offline => {}
				}
			}
			ensure!(
				OperatorByKey::<T>::iter().count() as u32 == operators,
				"dangling operator key binding"
			);
			for (model, ops) in ModelOperators::<T>::iter() {
				ensure!(!ops.is_empty(), "empty model operator list kept in storage");
				for who in ops.iter() {
					let info = Operators::<T>::get(who).ok_or("model lists an unknown operator")?;
					ensure!(info.models.contains(&model), "model lists an operator not serving it");
					ensure!(info.status == OperatorStatus::Online, "model lists an offline operator");
				}
			}
			Ok(())
		}
	}
}

/// What benchmarks need from outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Make `model` a known model (for `Config::KnownModel`).
	fn register_model(model: verinfer_primitives::ModelId);
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn register_model(_model: verinfer_primitives::ModelId) {}
}
