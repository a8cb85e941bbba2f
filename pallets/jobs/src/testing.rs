//! Fixtures for the tests of this pallet and of the pallets built on it (`std` only): the test
//! models, their inputs, registration, submission and block progression, generic over the
//! runtime so that every mock uses the same ones.

use crate::{Config, JobId, JobPolicy, ModelId, NextJobId, Pallet};
use alloc::{vec, vec::Vec};
use frame_support::traits::Hooks;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::{Bounded, One};
use verinfer_primitives::{
	tensor::{BoundedShape, Tensor, TensorSpec},
	ModelFees,
};

/// Model number `n`: the id `0xnnnn…`.
pub fn model(n: u8) -> ModelId {
	H256::repeat_byte(n)
}

/// A tensor spec of `shape` at `precision`.
pub fn spec(shape: &[u32], precision: u8) -> TensorSpec {
	TensorSpec { shape: BoundedShape::truncate_from(shape.to_vec()), precision }
}

/// The input spec of the test models (the iris model's): 1×4 at precision 2.
pub fn input_spec() -> TensorSpec {
	spec(&[1, 4], 2)
}

/// The output spec of the test models: 1×3 at precision 4.
pub fn output_spec() -> TensorSpec {
	spec(&[1, 3], 4)
}

/// A well-formed input of the test models.
pub fn input() -> Tensor {
	Tensor::new(vec![1, 4], vec![630, 340, 560, 240], 2)
}

/// Register model `n` (the test specs) owned by `owner` with `tolerance`, `fees` and policy
/// `(k, q)`; panics if it cannot.
pub fn register<T: Config>(
	owner: T::AccountId,
	n: u8,
	tolerance: u64,
	fees: ModelFees<crate::BalanceOf<T>>,
	k: u32,
	q: u32,
) {
	Pallet::<T>::register_model(
		RawOrigin::Signed(owner).into(),
		model(n),
		b"iris".to_vec(),
		b"ipfs://iris".to_vec(),
		input_spec(),
		output_spec(),
		None,
		tolerance,
		fees,
		JobPolicy { k, q },
	)
	.expect("the test model registers");
}

/// Submit a job of model `n` on [`input`] as `who` with the model's default policy; panics if
/// it cannot. Returns its id.
pub fn submit<T: Config>(who: T::AccountId, n: u8) -> JobId {
	let id = NextJobId::<T>::get();
	Pallet::<T>::submit_job(
		RawOrigin::Signed(who).into(),
		model(n),
		input(),
		Bounded::max_value(),
		None,
		None,
	)
	.expect("the test job is submitted");
	id
}

/// Finish the current block (`on_idle` with all the weight it wants, then `on_finalize`) and
/// run the next ones up to `n` (`on_initialize`), checking the pallet's invariants after each.
pub fn run_to_block<T: Config>(n: BlockNumberFor<T>) {
	while frame_system::Pallet::<T>::block_number() < n {
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::on_idle(now, frame_support::weights::Weight::MAX);
		Pallet::<T>::on_finalize(now);
		let next = now + One::one();
		frame_system::Pallet::<T>::set_block_number(next);
		Pallet::<T>::on_initialize(next);
		Pallet::<T>::do_try_state().expect("jobs invariants hold after every block");
	}
}

/// The events of this pallet so far, oldest first.
pub fn events<T: Config>() -> Vec<crate::Event<T>>
where
	T::RuntimeEvent: TryInto<crate::Event<T>>,
{
	frame_system::Pallet::<T>::events()
		.into_iter()
		.filter_map(|record| record.event.try_into().ok())
		.collect()
}
