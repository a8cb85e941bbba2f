//! # Reputation pallet
//!
//! Evidence-based operator scores. The only input is what the chain itself verified: for every
//! job that reaches a final state, the settlement pallet records one [`ReputationEvent`] per
//! assigned operator (`Agreed`, `Disagreed`, `Withheld`, `Missed` or `Uncredited`). Nobody can
//! rate anybody, and nobody can rate itself: an agreement nobody else checked (a `k = q = 1`
//! job, or a job in which the operator is the requester or the model owner) is `Uncredited`,
//! which adds no evidence.
//!
//! ## Score
//!
//! A Beta reputation with exponential forgetting, defined in the storage-free module [`beta`]:
//! evidence `(r, s)` decays by [`Config::Forgetting`] at every event; an agreement adds
//! `w = fee / (average_fee + fee)` to `r`, a disagreement or a withheld reveal
//! `DisagreementWeight × w` to `s`, a miss `w` to `s`; the score is `(r + 1) / (r + s + 2)` as
//! a `Permill`. `fee` is the operator's share of the job; `average_fee` is a running average
//! over all credited events of all operators ([`AverageFee`]), updated after each with smoothing
//! [`Config::FeeSmoothing`], and by at most [`Config::FeeStepLimit`] of itself per event, so no
//! single fee (one can pay oneself any fee) can make everybody else's evidence worthless.
//!
//! Evidence also fades with time: for every full [`Config::IdleDecayPeriod`] blocks since it was
//! last decayed, `(r, s)` is multiplied by [`Config::IdleForgetting`]. This is applied lazily,
//! whenever the record is read or written, so it costs nothing while nobody looks. Every score
//! therefore drifts back towards 1/2 as its evidence ages.
//!
//! ## Exclusion
//!
//! An operator with at least [`Config::MinEventsForExclusion`] events (since its last
//! reinstatement) and a score below [`Config::ScoreFloor`] is *excluded*: the jobs pallet does
//! not assign it. Exclusion is not a stored flag but a function of the record and the current
//! block, so it ends by itself once time decay has lifted the score back above the floor
//! (which it always does for a floor below 1/2): that is recovery by waiting. The
//! [`Config::ReinstateOrigin`] (root) can end it at once with [`Pallet::reinstate`], which
//! clears the operator's evidence (score 1/2) and restarts its event count; the raw counters
//! are kept. [`Event::Excluded`] is emitted when an event pushes an operator below the floor.
//!
//! ## Counters
//!
//! Next to the score every operator has raw counters that never decay
//! ([`OperatorStats`]): jobs assigned, agreed, disagreed, missed, total earned, total slashed,
//! sum (hence mean) of latencies, and first and last active block.
//!
//! ## Interfaces
//!
//! [`ReputationInterface`] is what the jobs pallet uses: `record` at every verdict, `score` to
//! weight assignment (`bond × score`) and `is_excluded` to skip excluded operators. This pallet
//! knows nothing of bonds or operators' status; it keeps a record for any account it is told
//! about.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod beta;
#[cfg(test)]
mod mock;
pub mod query;
#[cfg(test)]
mod tests;
pub mod traits;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use verinfer_primitives::{OperatorStats, ReputationEvent};
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use beta::{BetaEvidence, Outcome, Params};
	use frame_support::{pallet_prelude::*, traits::tokens::Balance as BalanceT};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
		Perbill, Permill,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The balance type of fees and slashes.
		type Balance: BalanceT;

		/// `λ`: what remains of old evidence at each new event.
		#[pallet::constant]
		type Forgetting: Get<Perbill>;

		/// How many times a wrong answer outweighs a miss.
		#[pallet::constant]
		type DisagreementWeight: Get<u32>;

		/// Smoothing of the running average fee (weight of the newest fee).
		#[pallet::constant]
		type FeeSmoothing: Get<Perbill>;

		/// Most one event may move the running average fee, as a share of the average: so that
		/// no single (possibly self-paid) fee can devalue everybody else's evidence.
		#[pallet::constant]
		type FeeStepLimit: Get<Perbill>;

		/// What remains of evidence after each idle period.
		#[pallet::constant]
		type IdleForgetting: Get<Perbill>;

		/// Length in blocks of an idle period (zero: no decay over time).
		#[pallet::constant]
		type IdleDecayPeriod: Get<BlockNumberFor<Self>>;

		/// Score under which an operator with enough events is excluded from assignment.
		#[pallet::constant]
		type ScoreFloor: Get<Permill>;

		/// Events an operator needs before it can be excluded.
		#[pallet::constant]
		type MinEventsForExclusion: Get<u32>;

		/// Origin that may reinstate an excluded operator (root).
		type ReinstateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls and of `record`.
		type WeightInfo: WeightInfo;
	}

	/// The reputation of every operator that has had at least one event.
	#[pallet::storage]
	pub type Reputations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ReputationRecord<T>, OptionQuery>;

	/// Running average of the fees of all events; zero before the first one.
	#[pallet::storage]
	pub type AverageFee<T: Config> = StorageValue<_, T::Balance, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `event` was recorded for `operator`, whose score is now `score`.
		Recorded { operator: T::AccountId, event: ReputationEvent<T::Balance>, score: Permill },
		/// `operator` fell below the score floor and is excluded from assignment.
		Excluded { operator: T::AccountId, score: Permill },
		/// `operator` was reinstated: evidence cleared, event count restarted.
		Reinstated { operator: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no reputation record.
		UnknownOperator,
		/// The operator is not excluded.
		NotExcluded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::DisagreementWeight::get() >= 1, "a wrong answer weighs at least a miss");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Lift the exclusion of `operator` now: its evidence is cleared (score 1/2) and its
		/// event count restarts; the raw counters stay.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			T::ReinstateOrigin::ensure_origin(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let mut record = Reputations::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			Self::age(&mut record, now);
			ensure!(Self::excluded(&record), Error::<T>::NotExcluded);
			record.evidence = BetaEvidence::default();
			record.window_events = 0;
			Reputations::<T>::insert(&operator, record);
			Self::deposit_event(Event::Reinstated { operator });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		fn params() -> Params {
			Params {
				forgetting: T::Forgetting::get(),
				disagreement_weight: T::DisagreementWeight::get(),
			}
		}

		/// Apply the idle decay due at `now` to `record`.
		pub(crate) fn age(record: &mut ReputationRecord<T>, now: BlockNumberFor<T>) {
			let period = T::IdleDecayPeriod::get();
			if period.is_zero() || now <= record.decayed_at {
				return;
			}
			let periods = (now - record.decayed_at) / period;
			if periods.is_zero() {
				return;
			}
			let times: u32 = periods.unique_saturated_into();
			record.evidence.decay(T::IdleForgetting::get(), times);
			record.decayed_at = record.decayed_at.saturating_add(periods.saturating_mul(period));
		}

		/// Whether an aged `record` is excluded from assignment.
		pub(crate) fn excluded(record: &ReputationRecord<T>) -> bool {
			record.window_events >= T::MinEventsForExclusion::get()
				&& record.evidence.score() < T::ScoreFloor::get()
		}

		/// The record of `who` aged to the current block, if it has one.
		pub fn current_record(who: &T::AccountId) -> Option<ReputationRecord<T>> {
			let mut record = Reputations::<T>::get(who)?;
			Self::age(&mut record, frame_system::Pallet::<T>::block_number());
			Some(record)
		}

		/// The current score of `who`: 1/2 without a record.
		pub fn score_of(who: &T::AccountId) -> Permill {
			Self::current_record(who)
				.map(|r| r.evidence.score())
				.unwrap_or(Permill::from_percent(50))
		}

		/// The raw counters of `who`.
		pub fn stats_of(
			who: &T::AccountId,
		) -> Option<OperatorStats<T::Balance, BlockNumberFor<T>>> {
			Reputations::<T>::get(who).map(|r| r.stats)
		}

		/// Record one event for `who`: age its evidence, apply the rule, update the counters and
		/// the average fee.
		pub(crate) fn do_record(who: &T::AccountId, event: ReputationEvent<T::Balance>) {
			let now = frame_system::Pallet::<T>::block_number();
			let mut record = Reputations::<T>::get(who).unwrap_or_else(|| ReputationRecord {
				evidence: BetaEvidence::default(),
				decayed_at: now,
				window_events: 0,
				stats: OperatorStats { first_active: now, ..Default::default() },
			});
			Self::age(&mut record, now);
			let was_excluded = Self::excluded(&record);

			let average = AverageFee::<T>::get();
			let fee = event.fee();
			let weight =
				beta::evidence_weight(fee.unique_saturated_into(), average.unique_saturated_into());
			let stats = &mut record.stats;
			let outcome = match event {
				ReputationEvent::Agreed { latency, fee } => {
					stats.agreed.saturating_inc();
					stats.earned.saturating_accrue(fee);
					stats.latency_sum.saturating_accrue(latency as u64);
					Some(Outcome::Agreed)
				}
				ReputationEvent::Uncredited { latency, fee } => {
					stats.agreed.saturating_inc();
					stats.earned.saturating_accrue(fee);
					stats.latency_sum.saturating_accrue(latency as u64);
					None
				}
				ReputationEvent::Disagreed { slashed, .. } => {
					stats.disagreed.saturating_inc();
					stats.slashed.saturating_accrue(slashed);
					Some(Outcome::Disagreed)
				}
				ReputationEvent::Withheld { slashed, .. } => {
					stats.missed.saturating_inc();
					stats.slashed.saturating_accrue(slashed);
					Some(Outcome::Disagreed)
				}
				ReputationEvent::Missed { slashed, .. } => {
					stats.missed.saturating_inc();
					stats.slashed.saturating_accrue(slashed);
					Some(Outcome::Missed)
				}
			};
			stats.assigned.saturating_inc();
			stats.last_active = now;
			record.window_events.saturating_inc();
			// An uncredited event proves nothing: no evidence, and the reference fee stays.
			if let Some(outcome) = outcome {
				record.evidence.record(outcome, weight, &Self::params());
				let new_average = beta::update_average(
					average.unique_saturated_into(),
					fee.unique_saturated_into(),
					T::FeeSmoothing::get(),
					T::FeeStepLimit::get(),
				);
				AverageFee::<T>::put(T::Balance::unique_saturated_from(new_average));
			}

			let score = record.evidence.score();
			let now_excluded = Self::excluded(&record);
			Reputations::<T>::insert(who, record);
			Self::deposit_event(Event::Recorded { operator: who.clone(), event, score });
			if now_excluded && !was_excluded {
				Self::deposit_event(Event::Excluded { operator: who.clone(), score });
			}
		}

		/// Check the pallet's invariants for every record:
		///
		/// - `assigned = agreed + disagreed + missed`, and the event window is within it;
		/// - first active ≤ last active ≤ now, and decay was never applied beyond now.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let now = frame_system::Pallet::<T>::block_number();
			for (_, record) in Reputations::<T>::iter() {
				let s = &record.stats;
				ensure!(
					s.assigned as u64 == s.agreed as u64 + s.disagreed as u64 + s.missed as u64,
					"assigned differs from agreed + disagreed + missed"
				);
				ensure!(record.window_events <= s.assigned, "more window events than events");
				ensure!(s.first_active <= s.last_active, "first active after last active");
				ensure!(s.last_active <= now, "active in the future");
				ensure!(record.decayed_at <= now, "decayed beyond now");
			}
			Ok(())
		}
	}
}
