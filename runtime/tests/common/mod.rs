//! Shared helpers of the runtime's integration tests: genesis, block production, accounts,
//! operators, models, and the protocol steps as dispatched calls of the real `Runtime`.
//!
//! Blocks are driven like `Executive` does, minus extrinsic checks: `System::initialize` with a
//! BABE pre-runtime digest (a secondary plain slot equal to the block number), the
//! `on_initialize` hooks of every pallet, the timestamp inherent, then the test's calls, then
//! every `on_idle` with the block's remaining weight (checked not to use more), then every
//! `on_finalize`. BABE's VRF output of the parent block, which job assignment draws from,
//! is set directly (`pallet_babe::AuthorVrfRandomness`), as a primary VRF slot would.

#![allow(dead_code)]

use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo, PostDispatchInfo},
	traits::{OnFinalize, OnIdle, OnInitialize},
	weights::Weight,
};
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryPlainPreDigest},
	Slot, BABE_ENGINE_ID,
};
use sp_core::{sr25519, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{
	traits::Dispatchable, BuildStorage, Digest, DigestItem, DispatchResultWithInfo, Perbill,
};
use verinfer_primitives::{
	commitment::{commitment, Salt},
	crypto::OperatorKey,
	tensor::{BoundedShape, Tensor, TensorSpec},
	JobId, JobPolicy, ModelFees, ModelId,
};
use verinfer_runtime::{
	currency::UNITS, genesis_config_presets::GenesisValidator, AccountId, AllPalletsWithSystem,
	Balance, BalancesConfig, BlockNumber, FeesConfig, Runtime, RuntimeCall, RuntimeGenesisConfig,
	RuntimeOrigin, SessionConfig, SessionKeys, System, BABE_GENESIS_EPOCH_CONFIG,
};

pub type JobOf = pallet_jobs::JobOf<Runtime>;

/// What every test account starts with.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// The operators' bond in most tests.
pub const BOND: Balance = 2_000 * UNITS;
pub const OPERATOR_FEE: Balance = 2 * UNITS;
pub const ROYALTY: Balance = UNITS;
pub const BYTE_FEE: Balance = 1_000_000;

/// Test account number `n`: requesters are 1..=20, model owners 30..=39, operators 101..=150.
pub fn acc(n: u8) -> AccountId {
	AccountId::new([n; 32])
}

/// Operator `n`'s off-chain worker key pair, from a seed no operator or requester account
/// shares.
pub fn key_pair(n: u8) -> sr25519::Pair {
	<sr25519::Pair as sp_core::Pair>::from_seed(&[n.wrapping_add(100); 32])
}

fn key_public(n: u8) -> sr25519::Public {
	<sr25519::Pair as sp_core::Pair>::public(&key_pair(n))
}

/// The account of operator `n`'s off-chain worker key.
pub fn key_account(n: u8) -> AccountId {
	AccountId::from(key_public(n).0)
}

pub fn key(n: u8) -> OperatorKey {
	key_public(n).into()
}

/// The key's proof that operator `n` holds it, as `register` wants it.
pub fn key_proof(n: u8) -> verinfer_primitives::crypto::OperatorSignature {
	let statement = pallet_operators::key_ownership_statement(&acc(n));
	<sr25519::Pair as sp_core::Pair>::sign(&key_pair(n), &statement).into()
}

pub fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

/// Genesis: Alice validates; requesters, model owners, operators and Alice are endowed.
pub fn new_ext() -> sp_io::TestExternalities {
	let mut endowed: Vec<AccountId> = (1..=20).chain(30..=39).chain(101..=150).map(acc).collect();
	endowed.push(alice());
	let validator = GenesisValidator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice);
	let genesis = RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, ENDOWMENT)).collect(),
			..Default::default()
		},
		babe: verinfer_runtime::BabeConfig {
			epoch_config: BABE_GENESIS_EPOCH_CONFIG,
			..Default::default()
		},
		session: SessionConfig {
			keys: vec![(
				validator.account.clone(),
				validator.account,
				SessionKeys { babe: validator.babe, grandpa: validator.grandpa },
			)],
			..Default::default()
		},
		fees: FeesConfig {
			byte_fee: BYTE_FEE,
			protocol_fee_rate: Perbill::from_percent(2),
			treasury: None,
			..Default::default()
		},
		..Default::default()
	};
	let storage = genesis.build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| next_block());
	ext
}

/// The VRF output the test pretends block `n` had.
pub fn vrf_of(n: BlockNumber, salt: u64) -> [u8; 32] {
	sp_io::hashing::blake2_256(&(b"vrf", n, salt).encode())
}

thread_local! {
	/// Mixed into the simulated VRF outputs, so that tests can vary them.
	pub static VRF_SALT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Finalize the current block and start the next one.
pub fn next_block() {
	let now = System::block_number();
	if now > 0 {
		// The finishing block's VRF output, as BABE stores it in its `on_finalize`, which runs
		// before the Verinfer pallets' (the test digests carry no real VRF proof).
		let salt = VRF_SALT.with(|s| s.get());
		pallet_babe::AuthorVrfRandomness::<Runtime>::put(Some(vrf_of(now, salt)));
		on_idle(now);
		AllPalletsWithSystem::on_finalize(now);
	}
	let next = now + 1;
	let pre = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
		authority_index: 0,
		slot: Slot::from(next as u64),
	});
	let digest = Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre.encode())] };
	let parent = H256::from_low_u64_be(now as u64);
	System::initialize(&next, &parent, &digest);
	AllPalletsWithSystem::on_initialize(next);
	pallet_timestamp::Pallet::<Runtime>::set(
		RuntimeOrigin::none(),
		next as u64 * verinfer_runtime::time::SLOT_DURATION,
	)
	.expect("the timestamp inherent applies");
}

/// Run every `on_idle` of block `now` with the block's remaining weight, as `Executive` does;
/// panics if they use more than that. Returns the weight used.
pub fn on_idle(now: BlockNumber) -> Weight {
	let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let remaining = max.saturating_sub(System::block_weight().total());
	if !remaining.all_gt(Weight::zero()) {
		return Weight::zero();
	}
	let used = AllPalletsWithSystem::on_idle(now, remaining);
	assert!(remaining.all_gte(used), "on_idle of block {now} used {used:?} of {remaining:?}");
	System::register_extra_weight_unchecked(used, DispatchClass::Mandatory);
	used
}

/// Run blocks until block `n` has started.
pub fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		next_block();
	}
}

pub fn now() -> BlockNumber {
	System::block_number()
}

/// Dispatch `call` as signed by `who`, like an applied extrinsic (without its fee).
pub fn dispatch(who: &AccountId, call: RuntimeCall) -> DispatchResultWithInfo<PostDispatchInfo> {
	let _ = call.get_dispatch_info();
	call.dispatch(RuntimeOrigin::signed(who.clone()))
}

pub fn free(who: &AccountId) -> Balance {
	pallet_balances::Pallet::<Runtime>::free_balance(who)
}

pub fn spec(shape: &[u32], precision: u8) -> TensorSpec {
	TensorSpec { shape: BoundedShape::truncate_from(shape.to_vec()), precision }
}

/// Register a model with id `id` owned by `owner`: input 1×4 at precision 2, output 1×3 at
/// precision 4.
pub fn register_model(owner: &AccountId, id: ModelId, tolerance: u64, k: u32, q: u32) {
	dispatch(
		owner,
		RuntimeCall::Jobs(pallet_jobs::Call::register_model {
			content_hash: id,
			name: b"iris-logreg".to_vec(),
			uri: b"file://models/iris-logreg.onnx".to_vec(),
			input: spec(&[1, 4], 2),
			output: spec(&[1, 3], 4),
			input_range: None,
			tolerance,
			fees: ModelFees { operator_fee: OPERATOR_FEE, royalty: ROYALTY },
			policy: JobPolicy { k, q },
		}),
	)
	.expect("the model registers");
}

pub fn model(n: u8) -> ModelId {
	H256::repeat_byte(n)
}

/// Register the agent `name` controlled by `who`; its tag.
pub fn register_agent(who: &AccountId, name: &[u8]) -> sp_core::H256 {
	dispatch(
		who,
		RuntimeCall::Jobs(pallet_jobs::Call::register_agent {
			name: name.to_vec(),
			metadata: vec![],
		}),
	)
	.expect("the agent registers");
	pallet_jobs::agent_tag(who, name)
}

/// Make account `n` an online operator with `bond`, key `key(n)`, serving `models`.
pub fn register_operator(n: u8, bond: Balance, models: &[ModelId]) {
	let who = acc(n);
	dispatch(
		&who,
		RuntimeCall::Operators(pallet_operators::Call::register {
			bond,
			key: key(n),
			proof: key_proof(n),
			metadata: vec![],
		}),
	)
	.expect("registers");
	dispatch(
		&who,
		RuntimeCall::Operators(pallet_operators::Call::serve { models: models.to_vec() }),
	)
	.expect("serves");
	dispatch(&who, RuntimeCall::Operators(pallet_operators::Call::go_online {})).expect("online");
}

pub fn input() -> Tensor {
	Tensor::new(vec![1, 4], vec![630, 340, 560, 240], 2)
}

/// An output of the models' spec.
pub fn output(values: [i64; 3]) -> Tensor {
	Tensor::new(vec![1, 3], values.to_vec(), 4)
}

/// Submit a job for `model` as `requester` and finish the block, whose end draws its
/// operators; returns its id. The caller is in the next block, where operators commit.
pub fn submit(requester: &AccountId, model: ModelId) -> JobId {
	let id = submit_in_block(requester, model);
	next_block();
	id
}

/// Submit a job for `model` as `requester` in the current block, leaving it undrawn; returns
/// its id.
pub fn submit_in_block(requester: &AccountId, model: ModelId) -> JobId {
	let id = pallet_jobs::NextJobId::<Runtime>::get();
	dispatch(
		requester,
		RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
			model,
			input: input(),
			max_fee: u128::MAX,
			policy: None,
			agent: None,
		}),
	)
	.expect("the job is submitted");
	id
}

/// What the requester of job `id` paid for its state at submission: the storage deposit
/// (held until the job is pruned) and the record fee.
pub fn stored(id: JobId) -> Balance {
	let storage = job(id).storage;
	storage.deposit + storage.fee
}

pub fn job(id: JobId) -> JobOf {
	pallet_jobs::Jobs::<Runtime>::get(id).expect("the job exists")
}

/// The final outcome of every slot of job `id`.
pub fn outcomes(id: JobId) -> Vec<verinfer_primitives::jobs::AssignmentOutcome> {
	job(id).assignments.iter().map(|a| a.outcome.expect("final")).collect()
}

/// Three operators (101..=103) serving model 1 (`k = 3`, `q = 2`, `tolerance`), registered in
/// a block of their own.
pub fn three_operators(tolerance: u64) {
	register_model(&acc(30), model(1), tolerance, 3, 2);
	for n in 101..=103 {
		register_operator(n, BOND, &[model(1)]);
	}
	next_block();
}

/// The operators of job `id`, in slot order.
pub fn operators_of(id: JobId) -> Vec<AccountId> {
	job(id).assignments.iter().map(|a| a.operator.clone()).collect()
}

/// The operator number of account `who` (its repeated byte).
pub fn number(who: &AccountId) -> u8 {
	let raw: &[u8; 32] = who.as_ref();
	raw[0]
}

pub fn salt_of(who: &AccountId, job: JobId) -> Salt {
	sp_io::hashing::blake2_256(&(who, job, b"salt").encode())
}

/// `who` commits to `out` for `job`, signing as itself; returns the dispatch result.
pub fn commit_as(
	signer: &AccountId,
	operator: &AccountId,
	job: JobId,
	out: &Tensor,
) -> DispatchResultWithInfo<PostDispatchInfo> {
	let c = commitment(job, operator, out, &salt_of(operator, job));
	dispatch(
		signer,
		RuntimeCall::Settlement(pallet_settlement::Call::commit { commitments: vec![(job, c)] }),
	)
}

pub fn reveal_as(
	signer: &AccountId,
	operator: &AccountId,
	job: JobId,
	out: &Tensor,
) -> DispatchResultWithInfo<PostDispatchInfo> {
	dispatch(
		signer,
		RuntimeCall::Settlement(pallet_settlement::Call::reveal {
			reveals: vec![(job, out.clone(), salt_of(operator, job))],
		}),
	)
}

/// The sum of every account's free and reserved (held) balance.
pub fn sum_of_balances() -> Balance {
	frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free + info.data.reserved)
		.sum()
}

pub fn total_issuance() -> Balance {
	pallet_balances::Pallet::<Runtime>::total_issuance()
}

/// The invariants that must hold after every block:
///
/// - no token is created or lost: the issuance is `issuance` and equals the sum of all balances;
/// - the escrow held from every requester equals the quotes of its open jobs, and the fees
///   pallet's escrows are exactly the open jobs' quotes;
/// - no open job's pending deadline is overdue by more than the deadline queue's lag bound
///   (each job is final by its deadlines, plus that lag under a backlog);
/// - the jobs pallet's own invariants.
pub fn check_invariants(issuance: Balance) {
	use std::collections::BTreeMap;
	assert_eq!(total_issuance(), issuance, "issuance changed");
	assert_eq!(sum_of_balances(), issuance, "balances do not add up to the issuance");
	let mut open_quotes: BTreeMap<AccountId, Balance> = BTreeMap::new();
	let mut open = 0;
	for (id, job) in pallet_jobs::Jobs::<Runtime>::iter() {
		if job.phase.is_final() {
			assert!(pallet_fees::Escrows::<Runtime>::get(id).is_none(), "escrow of a final job");
			continue;
		}
		open += 1;
		*open_quotes.entry(job.requester.clone()).or_default() += job.quote.total;
		let escrow = pallet_fees::Escrows::<Runtime>::get(id).expect("open job has an escrow");
		assert_eq!(escrow.quote, job.quote);
		assert_eq!(escrow.payer, job.requester);
		let deadline = job.pending_deadline().expect("open jobs have a deadline");
		let lag = pallet_jobs::Pallet::<Runtime>::deadline_lag_bound();
		assert!(now() < deadline + lag, "job {id} still open {lag} blocks after its deadline {deadline}");
	}
	assert_eq!(pallet_fees::Escrows::<Runtime>::iter().count(), open, "escrows of unknown jobs");
	for (payer, total) in open_quotes.iter() {
		assert_eq!(pallet_fees::Pallet::<Runtime>::escrowed(payer), *total, "escrow of {payer:?}");
	}
	pallet_jobs::Pallet::<Runtime>::do_try_state().expect("jobs invariants");
}
