//! Benchmarks of the operators pallet (worst cases of every call, and of `slash`).

use super::*;
use crate::Pallet as Operators;
use alloc::vec;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::Saturating, Perbill, RuntimeAppPublic};
use verinfer_primitives::{ModelId, SlashReason};

const SEED: u32 = 0;

/// An account with plenty to bond.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let amount = T::MinOperatorBond::get().saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

fn operator_key<T: Config>(index: u32) -> T::OperatorKey {
	// In the benchmark's keystore, so that it can sign its proof of ownership.
	T::OperatorKey::generate_pair(Some(alloc::format!("//infr//{index}").into_bytes()))
}

fn ownership_proof<T: Config>(who: &T::AccountId, key: &T::OperatorKey) -> T::KeySignature {
	key.sign(&crate::key_ownership_statement(who)).expect("the keystore holds the key")
}

fn model_id<T: Config>(index: u32) -> ModelId {
	// Built by hand: `H256::from_low_u64_be` is not available in `no_std` builds.
	let mut bytes = [0u8; 32];
	bytes[24..].copy_from_slice(&(index as u64 + 1).to_be_bytes());
	let model = ModelId::from(bytes);
	T::BenchmarkHelper::register_model(model);
	model
}

fn register_operator<T: Config>(who: &T::AccountId, index: u32) {
	let key = operator_key::<T>(index);
	let proof = ownership_proof::<T>(who, &key);
	Operators::<T>::register(
		RawOrigin::Signed(who.clone()).into(),
		T::MinOperatorBond::get().saturating_mul(10u32.into()),
		key,
		proof,
		vec![],
	)
	.expect("registration succeeds");
}

/// Fill the operator list of `model` with `MaxOperatorsPerModel - 1` other accounts.
fn crowd<T: Config>(model: &ModelId) {
	let others: Vec<T::AccountId> = (0..T::MaxOperatorsPerModel::get().saturating_sub(1))
		.map(|i| account("filler", i, SEED))
		.collect();
	ModelOperators::<T>::insert(model, BoundedVec::truncate_from(others));
}

/// Offline `who` serves `n` crowded models, numbered from `first` (it joins no list yet).
fn serve_crowded_offline<T: Config>(who: &T::AccountId, first: u32, n: u32) -> Vec<ModelId> {
	let models: Vec<ModelId> = (first..first + n).map(model_id::<T>).collect();
	for model in &models {
		crowd::<T>(model);
	}
	Operators::<T>::serve(RawOrigin::Signed(who.clone()).into(), models.clone())
		.expect("serving succeeds");
	models
}

/// Offline `who` serves `MaxModelsPerOperator` crowded models, numbered from `first`, and goes
/// online, joining all their lists.
fn serve_crowded<T: Config>(who: &T::AccountId, first: u32) -> Vec<ModelId> {
	let models = serve_crowded_offline::<T>(who, first, T::MaxModelsPerOperator::get());
	Operators::<T>::go_online(RawOrigin::Signed(who.clone()).into()).expect("goes online");
	models
}

/// Leave `who` with `MaxUnbondingChunks` chunks, one per block from now.
fn fill_chunks<T: Config>(who: &T::AccountId) {
	for _ in 0..T::MaxUnbondingChunks::get() {
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));
		Operators::<T>::unbond(RawOrigin::Signed(who.clone()).into(), 1u32.into())
			.expect("unbonding succeeds");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let who = funded::<T>("operator", 0);
		let bond = T::MinOperatorBond::get();
		let metadata = vec![7u8; T::MaxMetadataLen::get() as usize];

		let key = operator_key::<T>(0);
		let proof = ownership_proof::<T>(&who, &key);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bond, key, proof, metadata);

		assert_eq!(Operators::<T>::operator(&who).unwrap().ledger.active, bond);
	}

	#[benchmark]
	fn bond_extra() {
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		let before = Operators::<T>::operator(&who).unwrap().ledger.active;
		let extra = T::MinOperatorBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), extra);

		assert_eq!(Operators::<T>::operator(&who).unwrap().ledger.active, before + extra);
	}

	#[benchmark]
	fn unbond() {
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		// All but one chunk slot used: the call pushes a new chunk.
		for _ in 1..T::MaxUnbondingChunks::get() {
			let now = frame_system::Pallet::<T>::block_number();
			frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));
			Operators::<T>::unbond(RawOrigin::Signed(who.clone()).into(), 1u32.into()).unwrap();
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 1u32.into());

		assert_eq!(
			Operators::<T>::operator(&who).unwrap().ledger.unlocking.len() as u32,
			T::MaxUnbondingChunks::get()
		);
	}

	#[benchmark]
	fn withdraw_unbonded() {
		// Worst case: a leaving operator releases full chunks and is removed.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		for _ in 1..T::MaxUnbondingChunks::get() {
			let now = frame_system::Pallet::<T>::block_number();
			frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));
			Operators::<T>::unbond(RawOrigin::Signed(who.clone()).into(), 1u32.into()).unwrap();
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));
		Operators::<T>::deregister(RawOrigin::Signed(who.clone()).into()).unwrap();
		let later: BlockNumberFor<T> =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Operators::<T>::operator(&who).is_err());
	}

	#[benchmark]
	fn serve(n: Linear<0, { T::MaxModelsPerOperator::get() }>) {
		// Worst case: leaves `MaxModelsPerOperator` crowded models and joins `n` crowded ones.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		serve_crowded::<T>(&who, 0);
		let first_new = T::MaxModelsPerOperator::get();
		let models: Vec<ModelId> = (first_new..first_new + n).map(model_id::<T>).collect();
		for model in &models {
			crowd::<T>(model);
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), models.clone());

		assert_eq!(Operators::<T>::operator(&who).unwrap().models.to_vec(), models);
	}

	#[benchmark]
	fn go_online(n: Linear<0, { T::MaxModelsPerOperator::get() }>) {
		// Joins the crowded lists of `n` served models.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		let models = serve_crowded_offline::<T>(&who, 0, n);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Operators::<T>::operator(&who).unwrap().status, OperatorStatus::Online);
		assert!(models.iter().all(|m| ModelOperators::<T>::get(m).contains(&who)));
	}

	#[benchmark]
	fn go_offline(n: Linear<0, { T::MaxModelsPerOperator::get() }>) {
		// Leaves the crowded lists of `n` served models.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		let models = serve_crowded_offline::<T>(&who, 0, n);
		Operators::<T>::go_online(RawOrigin::Signed(who.clone()).into()).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Operators::<T>::operator(&who).unwrap().status, OperatorStatus::Offline);
		assert!(models.iter().all(|m| !ModelOperators::<T>::get(m).contains(&who)));
	}

	#[benchmark]
	fn deregister() {
		// Worst case: leaves `MaxModelsPerOperator` crowded models.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		let models = serve_crowded::<T>(&who, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Operators::<T>::operator(&who).unwrap().status, OperatorStatus::Leaving);
		assert!(!ModelOperators::<T>::get(models[0]).contains(&who));
	}

	#[benchmark]
	fn slash() {
		// Worst case: through every chunk, paying beneficiary and treasury, forcing offline
		// out of `MaxModelsPerOperator` crowded model lists.
		let who = funded::<T>("operator", 0);
		register_operator::<T>(&who, 0);
		serve_crowded::<T>(&who, 0);
		fill_chunks::<T>(&who);
		let beneficiary = funded::<T>("requester", 0);
		let treasury = T::Treasury::get();
		T::Currency::set_balance(&treasury, T::MinOperatorBond::get());

		#[block]
		{
			Operators::<T>::do_slash(
				&who,
				Perbill::from_percent(100),
				SlashReason::WrongResult(1),
				Some((&beneficiary, T::MinOperatorBond::get())),
			);
		}

		assert_eq!(Operators::<T>::operator(&who).unwrap().status, OperatorStatus::Offline);
	}

	impl_benchmark_test_suite!(
		Operators,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
