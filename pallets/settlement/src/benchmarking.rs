//! Benchmarks of the settlement pallet's calls, in their worst cases for jobs of `k` operators:
//! every commitment opens its job's reveal phase, every reveal reaches its job's verdict with the
//! most slashes; and the signature check of an off-chain worker's batch.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use codec::Encode;
use frame_system::{
	offchain::{SignedPayload, SigningTypes},
	RawOrigin,
};
use verinfer_primitives::jobs::JobPhase;
use sp_core::H256;
use verinfer_primitives::{
	commitment::{commitment, Salt},
	tensor::Tensor,
	JobId,
};

type JobsOf<T> = <T as Config>::Jobs;
type MaxOutputLenOf<T> = <JobsOf<T> as JobsInterface<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>>::MaxOutputLen;

const SALT: Salt = [7; 32];

/// `n` jobs of `k` operators with the largest outputs, sharing nothing but one operator;
/// returns them and that operator.
fn jobs<T: Config>(n: u32, k: u32) -> (Vec<JobId>, T::AccountId) {
	let output_len = MaxOutputLenOf::<T>::get();
	let (first, operators) = T::Jobs::benchmark_job(k, k / 2 + 1, output_len, None);
	let caller = operators[0].clone();
	let mut ids = vec![first];
	for _ in 1..n {
		ids.push(T::Jobs::benchmark_job(k, k / 2 + 1, output_len, Some(caller.clone())).0);
	}
	(ids, caller)
}

/// An output of job `id`'s model with every element `v`.
fn output<T: Config>(id: JobId, v: i64) -> Tensor {
	let job = T::Jobs::job(id).expect("exists");
	let spec = T::Jobs::output_spec(&job.model).expect("exists");
	let len = spec.element_count().unwrap_or(0) as usize;
	Tensor::new(spec.shape.into_inner(), vec![v; len], spec.precision)
}

fn slot_of<T: Config>(id: JobId, who: &T::AccountId) -> u32 {
	T::Jobs::job(id).and_then(|j| j.slot_of(who)).expect("assigned") as u32
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` commitments, each the last of its job of `k` operators.
	#[benchmark]
	fn commit(n: Linear<1, { T::MaxBatch::get() }>, k: Linear<1, { MaxReplicasOf::<T>::get() }>) {
		let (ids, caller) = jobs::<T>(n, k);
		// Every reveal deadline opened searches the deadline queue as far as it can.
		let mut batch = Vec::new();
		for id in ids.iter() {
			let mine = slot_of::<T>(*id, &caller);
			for slot in (0..k).filter(|s| *s != mine) {
				T::Jobs::record_commitment(*id, slot, H256::repeat_byte(slot as u8)).unwrap();
			}
			batch.push((*id, commitment(*id, &caller, &output::<T>(*id, 7), &SALT)));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), batch);

		for id in ids {
			assert_eq!(T::Jobs::job(id).unwrap().phase, JobPhase::Revealing);
		}
	}

	/// `n` reveals, each the last of its job of `k` operators: all revealed, a bare quorum
	/// agreeing with the caller and every other operator slashed for a wrong answer.
	#[benchmark]
	fn reveal(n: Linear<1, { T::MaxBatch::get() }>, k: Linear<1, { MaxReplicasOf::<T>::get() }>) {
		let (ids, caller) = jobs::<T>(n, k);
		let q = k / 2 + 1;
		let mut batch = Vec::new();
		for id in ids.iter() {
			let mine = slot_of::<T>(*id, &caller);
			let out = output::<T>(*id, 7);
			for slot in 0..k {
				let c = if slot == mine {
					commitment(*id, &caller, &out, &SALT)
				} else {
					H256::repeat_byte(slot as u8)
				};
				T::Jobs::record_commitment(*id, slot, c).unwrap();
			}
			T::Jobs::open_reveal(*id).unwrap();
			let others: Vec<u32> = (0..k).filter(|s| *s != mine).collect();
			for (i, slot) in others.into_iter().enumerate() {
				// `q - 1` others agree with the caller, the rest do not.
				let v = if (i as u32) < q - 1 { 7 } else { 1_000 + i as i64 };
				let wrong = output::<T>(*id, v);
				let bounded = OutputOf::<T> {
					shape: BoundedVec::truncate_from(wrong.shape),
					data: BoundedVec::truncate_from(wrong.data),
					precision: wrong.precision,
				};
				T::Jobs::record_reveal(*id, slot, bounded).unwrap();
			}
			batch.push((*id, out, SALT));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), batch);

		for id in ids {
			assert_eq!(T::Jobs::job(id).unwrap().phase, JobPhase::Verified);
		}
	}

	/// The signature check of an off-chain worker's batch of `n` steps, all reveals of the
	/// largest outputs (what `submit_steps` adds to the steps themselves).
	#[benchmark]
	fn verify_steps(n: Linear<1, { 2 * T::MaxBatch::get() }>) {
		use frame_system::offchain::AppCrypto;
		use sp_runtime::RuntimeAppPublic;
		type App<T> = <<T as Config>::AuthorityId as AppCrypto<
			<T as SigningTypes>::Public,
			<T as SigningTypes>::Signature,
		>>::RuntimeAppPublic;
		type Generic<T> = <<T as Config>::AuthorityId as AppCrypto<
			<T as SigningTypes>::Public,
			<T as SigningTypes>::Signature,
		>>::GenericPublic;
		let key = App::<T>::generate_pair(None);
		let public: T::Public = Generic::<T>::from(key).into();
		let len = MaxOutputLenOf::<T>::get() as usize;
		let step = (0, Tensor::new(vec![len as u32], vec![i64::MAX; len], 2), SALT);
		let steps = OperatorSteps {
			key: public.clone(),
			at: frame_system::Pallet::<T>::block_number(),
			reveals: vec![step; n as usize],
			commits: Vec::new(),
		};
		let signature = <T::AuthorityId as AppCrypto<_, _>>::sign(&steps.encode(), public)
			.expect("the benchmark's key signs");
		let valid;

		#[block]
		{
			valid = SignedPayload::<T>::verify::<T::AuthorityId>(&steps, signature);
		}

		assert!(valid);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
