//! Benchmarks of the fees pallet: the parameter calls, and escrow, settlement and refund as the
//! jobs pallet runs them.

use super::*;
use crate::Pallet as Fees;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use sp_runtime::traits::{Saturating, Zero};
use verinfer_primitives::traits::FeesInterface;

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let amount = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

fn model_fees<T: Config>() -> ModelFees<BalanceOf<T>> {
	let unit = T::Currency::minimum_balance();
	ModelFees { operator_fee: unit.saturating_mul(10u32.into()), royalty: unit }
}

/// Open job `job` of `k` operators for a fresh requester.
fn open<T: Config>(job: u64, k: u32) -> T::AccountId {
	let payer = funded::<T>("requester", 0);
	let quote = Fees::<T>::quote(&model_fees::<T>(), 1_000, k).expect("quotable");
	<Fees<T> as FeesInterface<_, _>>::hold_escrow(job, &payer, &quote).expect("escrow");
	payer
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_byte_fee() -> Result<(), BenchmarkError> {
		let origin =
			T::ParameterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fee = T::Currency::minimum_balance();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fee);

		assert_eq!(ByteFee::<T>::get(), fee);
		Ok(())
	}

	#[benchmark]
	fn set_protocol_fee_rate() -> Result<(), BenchmarkError> {
		let origin =
			T::ParameterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rate = sp_runtime::Perbill::from_percent(3);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rate);

		assert_eq!(ProtocolFeeRate::<T>::get(), rate);
		Ok(())
	}

	#[benchmark]
	fn set_treasury() -> Result<(), BenchmarkError> {
		let origin =
			T::ParameterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let account = funded::<T>("treasury", 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, account.clone());

		assert_eq!(Fees::<T>::treasury(), account);
		Ok(())
	}

	#[benchmark]
	fn hold_escrow() {
		let payer = funded::<T>("requester", 0);
		let quote =
			Fees::<T>::quote(&model_fees::<T>(), 1_000, T::MaxReplicas::get()).expect("quotable");

		#[block]
		{
			<Fees<T> as FeesInterface<_, _>>::hold_escrow(1, &payer, &quote).expect("escrow");
		}

		assert_eq!(asset::escrowed::<T>(&payer), quote.total);
	}

	#[benchmark]
	fn settle(n: Linear<1, { T::MaxReplicas::get() }>) {
		let payer = open::<T>(1, n);
		let agreeing: Vec<T::AccountId> = (0..n).map(|i| funded::<T>("operator", i)).collect();
		let owner = funded::<T>("owner", 0);
		T::Currency::set_balance(&Fees::<T>::treasury(), T::Currency::minimum_balance());

		#[block]
		{
			<Fees<T> as FeesInterface<_, _>>::settle(1, &agreeing, &owner).expect("settles");
		}

		assert!(Escrows::<T>::get(1).is_none());
		assert!(asset::escrowed::<T>(&payer).is_zero());
	}

	#[benchmark]
	fn refund() {
		let payer = open::<T>(1, T::MaxReplicas::get());

		#[block]
		{
			<Fees<T> as FeesInterface<_, _>>::refund(1).expect("refunds");
		}

		assert!(asset::escrowed::<T>(&payer).is_zero());
	}

	impl_benchmark_test_suite!(Fees, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
