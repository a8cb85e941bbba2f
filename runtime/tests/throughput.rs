//! What a verified job costs the block, in the runtime's own weights: the weight charged for
//! everything a `k = 3` job takes (its share of the submissions, of the operators' one
//! `submit_steps` per block and of the draw), against a balance transfer. The load benchmark
//! (docs/benchmarks.md) measures what the chain then sustains; this keeps the figure from
//! growing back. The throughput issue's goal is 10 transfers; see docs/benchmarks.md for where
//! the rest goes.

mod common;

use codec::Encode;
use common::*;
use frame_support::dispatch::{DispatchClass, GetDispatchInfo, PostDispatchInfo};
use sp_runtime::{traits::Dispatchable, MultiSignature, MultiSigner};
use verinfer_primitives::{commitment::commitment, JobId};
use verinfer_runtime::{AccountId, Runtime, RuntimeCall, RuntimeOrigin};

/// Jobs submitted in the block of the measurement: what one busy block of one model holds.
const JOBS: usize = 64;
/// The budget of one verified job, in balance transfers, all weights measured on the reference
/// machine: what it weighs now (31.6) with a little room. It weighed about 135 before the
/// throughput work (docs/benchmarks.md).
const TRANSFERS_PER_JOB: u64 = 35;

/// The weight an extrinsic of `call` adds to its block: the base weight of an extrinsic and
/// what the call reported it used (its declared weight if it reported nothing).
fn charged(call: &RuntimeCall, post: &PostDispatchInfo) -> u64 {
	let declared = call.get_dispatch_info();
	let class = declared.class;
	let base = <Runtime as frame_system::Config>::BlockWeights::get().get(class).base_extrinsic;
	base.saturating_add(post.calc_actual_weight(&declared)).ref_time()
}

/// Dispatch `call` signed by `who` and return the weight it adds to the block.
fn signed(who: &AccountId, call: RuntimeCall) -> u64 {
	let post = call.clone().dispatch(RuntimeOrigin::signed(who.clone())).expect("dispatched");
	charged(&call, &post)
}

/// Operator `n`'s steps for `jobs`, as its off-chain worker sends them: one unsigned
/// `submit_steps` signed by its `infr` key. Returns the weight it adds to the block.
fn steps(n: u8, reveals: &[JobId], commits: &[JobId]) -> u64 {
	let operator = acc(n);
	let key = key_pair(n);
	let public = <sp_core::sr25519::Pair as sp_core::Pair>::public(&key);
	let out = output([1, 2, 3]);
	let steps = pallet_settlement::OperatorSteps {
		key: MultiSigner::from(public),
		at: now(),
		reveals: reveals.iter().map(|j| (*j, out.clone(), salt_of(&operator, *j))).collect(),
		commits: commits
			.iter()
			.map(|j| (*j, commitment(*j, &operator, &out, &salt_of(&operator, *j))))
			.collect(),
	};
	let signature =
		MultiSignature::from(<sp_core::sr25519::Pair as sp_core::Pair>::sign(&key, &steps.encode()));
	let call = RuntimeCall::Settlement(pallet_settlement::Call::submit_steps { steps, signature });
	assert_eq!(call.get_dispatch_info().class, DispatchClass::Operational);
	let post = call.clone().dispatch(RuntimeOrigin::none()).expect("the steps apply");
	charged(&call, &post)
}

#[test]
fn a_verified_job_stays_within_its_weight_budget() {
	new_ext().execute_with(|| {
		three_operators(0);
		let requester = acc(1);
		// What the block is charged for, by step: the submissions (with their share of the draw),
		// the operators' commits and their reveals (with the verdict and its payments).
		let (mut submits, mut commits, mut reveals) = (0u64, 0u64, 0u64);
		let mut ids = Vec::new();
		for _ in 0..JOBS {
			ids.push(pallet_jobs::NextJobId::<Runtime>::get());
			submits += signed(
				&requester,
				RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
					model: model(1),
					input: input(),
					max_fee: u128::MAX,
					policy: None,
					agent: None,
				}),
			);
		}
		next_block();
		for n in 101..=103 {
			commits += steps(n, &[], &ids);
		}
		next_block();
		for n in 101..=103 {
			reveals += steps(n, &ids, &[]);
		}
		for id in &ids {
			assert_eq!(job(*id).phase, verinfer_primitives::JobPhase::Verified);
		}

		let transfer = signed(
			&requester,
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: acc(2).into(),
				value: verinfer_runtime::currency::UNITS,
			}),
		);
		let in_transfers = |weight: u64| weight as f64 / JOBS as f64 / transfer as f64;
		let per_job = (submits + commits + reveals) / JOBS as u64;
		eprintln!(
			"[throughput] one verified k = 3 job: {per_job} ps of block weight = {:.2} transfers \
			 ({transfer} ps each): submission and draw {:.2}, commits {:.2}, reveals and verdict {:.2}",
			per_job as f64 / transfer as f64,
			in_transfers(submits),
			in_transfers(commits),
			in_transfers(reveals),
		);
		assert!(
			per_job <= TRANSFERS_PER_JOB * transfer,
			"a verified job weighs {per_job} ps, more than {TRANSFERS_PER_JOB} transfers of {transfer} ps"
		);
	});
}
