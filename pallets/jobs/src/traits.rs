//! What the benchmarks of this pallet need from the runtime.
//!
//! The interfaces this pallet offers and uses (`JobsInterface`, `DeadlineHandler`,
//! `OperatorsInterface`, ...) are in [`verinfer_primitives::traits`].

#[cfg(feature = "runtime-benchmarks")]
use verinfer_primitives::ModelId;

/// What the benchmarks of this pallet need from outside it.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Make `who` an online operator serving `model` (besides what it served already) with
	/// enough bond to be eligible for assignment.
	fn setup_operator(who: &AccountId, model: &ModelId);

	/// A balance large enough for any fee or deposit of the benchmarks.
	fn plenty() -> Balance;
}
