//! Mock runtime: System, Balances, and the real Fees, Jobs and Settlement pallets, with the
//! in-memory operators and reputation of those pallets' `testing` modules.
//!
//! The off-chain worker signs with real sr25519 `infr` keys from a test keystore; since the
//! mock's accounts are `u64`, each key is given its account by [`bind_key_account`].

use crate::{self as pallet_settlement, Event as SettlementEvent};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Randomness},
	PalletId,
};
use frame_system::offchain::{
	AppCrypto, CreateBare, CreateTransactionBase, SigningTypes,
};
use frame_system::EnsureRoot;
use verinfer_primitives::{
	jobs::JobInfo,
	testing::{TestOperators, TestReputation},
	traits::{JobsInterface, OperatorKeyLookup},
	ModelFees,
};
use scale_info::TypeInfo;
use sp_core::{sr25519, H256};
use sp_runtime::{
	generic::UncheckedExtrinsic,
	traits::{Convert, IdentifyAccount},
	BuildStorage, Perbill,
};
use std::collections::BTreeMap;
use verinfer_primitives::{
	commitment::{commitment, Salt},
	tensor::Tensor,
	JobId, ModelId,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

pub const ED: Balance = 1;
pub const INITIAL: Balance = 1_000_000;
pub const TREASURY: AccountId = 999;
pub const OWNER: AccountId = 1;
pub const ALICE: AccountId = 2;
pub const BOB: AccountId = 3;
pub const COMMIT_WINDOW: u64 = 10;
pub const REVEAL_WINDOW: u64 = 4;
pub const BOND: Balance = 10_000;
pub const OPERATOR_FEE: Balance = 50;
pub const ROYALTY: Balance = 20;
/// Operator `o`'s off-chain worker key account is `o + KEY_OFFSET`.
pub const KEY_OFFSET: AccountId = 1_000;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Fees: pallet_fees,
		Jobs: pallet_jobs,
		Settlement: pallet_settlement,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

parameter_types! {
	pub const FeesPalletId: PalletId = PalletId(*b"vinf/fee");
}

impl pallet_fees::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ParameterOrigin = EnsureRoot<AccountId>;
	type PalletId = FeesPalletId;
	type MaxReplicas = ConstU32<5>;
	type WeightInfo = ();
}

/// Randomness changing with the block number.
pub struct TestRandomness;
impl Randomness<Option<H256>, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (Option<H256>, u64) {
		let mut bytes = subject.to_vec();
		bytes.extend_from_slice(&System::block_number().to_le_bytes());
		(Some(H256(sp_crypto_hashing::blake2_256(&bytes))), System::block_number())
	}
}

impl pallet_jobs::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Operators = TestOperators;
	type Fees = Fees;
	type Reputation = TestReputation;
	type Randomness = TestRandomness;
	type Deadlines = Settlement;
	type ModelDepositBase = ConstU128<100>;
	type ModelDepositPerByte = ConstU128<1>;
	type MaxNameLen = ConstU32<16>;
	type MaxUriLen = ConstU32<32>;
	type MaxInputLen = ConstU32<16>;
	type MaxOutputLen = ConstU32<8>;
	type MaxReplicas = ConstU32<5>;
	type MaxCandidates = ConstU32<12>;
	type CommitWindow = ConstU64<COMMIT_WINDOW>;
	type RevealWindow = ConstU64<REVEAL_WINDOW>;
	type MaxDeadlinesPerBlock = ConstU32<8>;
	type DeadlineSearchRange = ConstU32<4>;
	type MaxDeadlinesProcessed = ConstU32<8>;
	type MaxSubmissionsPerBlock = ConstU32<64>;
	type AgentDepositBase = ConstU128<10>;
	type AgentDepositPerByte = ConstU128<1>;
	type MaxAgentNameLen = ConstU32<16>;
	type MaxAgentMetadataLen = ConstU32<32>;
	type MaxAgentDelegates = ConstU32<4>;
	type Treasury = SettlementTreasury;
	// Storage is free here: the settlement tests count the fees' balances alone.
	type StorageDepositPerByte = ConstU128<0>;
	type RecordFeePerByte = ConstU128<0>;
	type DefaultRetention = ConstU64<1_000>;
	type MaxPrunedPerBlock = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_jobs::BenchmarkHelper<AccountId, Balance> for BenchHelper {
	fn setup_operator(who: &AccountId, model: &ModelId) {
		TestOperators::add(*who, BOND, &[*model]);
	}
	fn plenty() -> Balance {
		INITIAL * 1_000
	}
}

/// Keys: operator `o` (`100 < o < 1000`) is bound to key `o + KEY_OFFSET`.
pub struct TestKeys;
impl OperatorKeyLookup<AccountId> for TestKeys {
	type Key = u64;
	fn key_of(who: &AccountId) -> Option<u64> {
		(100..KEY_OFFSET).contains(who).then_some(who + KEY_OFFSET)
	}
	fn operator_of(key: &u64) -> Option<AccountId> {
		(100 + KEY_OFFSET..2 * KEY_OFFSET).contains(key).then_some(key - KEY_OFFSET)
	}
}

/// Every account could be a key.
pub struct AccountIsKey;
impl Convert<AccountId, Option<u64>> for AccountIsKey {
	fn convert(a: AccountId) -> Option<u64> {
		Some(a)
	}
}

parameter_types! {
	pub const WrongResultSlash: Perbill = Perbill::from_percent(10);
	pub const MissSlash: Perbill = Perbill::from_percent(1);
}

impl pallet_settlement::Config for Test {
	type Balance = Balance;
	type Jobs = Jobs;
	type Operators = TestOperators;
	type OperatorKeys = TestKeys;
	type SignerToKey = AccountIsKey;
	type Fees = Fees;
	type Reputation = TestReputation;
	type WrongResultSlash = WrongResultSlash;
	type MissSlash = MissSlash;
	type MaxBatch = ConstU32<3>;
	type AuthorityId = TestAuthId;
	type StepsPriority = ConstU64<{ 1 << 60 }>;
	type WeightInfo = ();
}

thread_local! {
	static KEY_ACCOUNTS: RefCell<BTreeMap<sr25519::Public, AccountId>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Make `account` the account of the sr25519 key `public` (unbound keys have account 0).
pub fn bind_key_account(public: sr25519::Public, account: AccountId) {
	KEY_ACCOUNTS.with(|keys| keys.borrow_mut().insert(public, account));
}

/// A transaction signer of the mock: an sr25519 key with a `u64` account.
#[derive(
	Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo,
)]
pub struct TestSigner(pub sr25519::Public);

impl IdentifyAccount for TestSigner {
	type AccountId = AccountId;
	fn into_account(self) -> AccountId {
		KEY_ACCOUNTS.with(|keys| keys.borrow().get(&self.0).copied().unwrap_or(0))
	}
}

impl From<sr25519::Public> for TestSigner {
	fn from(public: sr25519::Public) -> Self {
		Self(public)
	}
}

impl From<TestSigner> for sr25519::Public {
	fn from(signer: TestSigner) -> Self {
		signer.0
	}
}

/// The `infr` key crypto of the mock's signers.
pub struct TestAuthId;
impl AppCrypto<TestSigner, sr25519::Signature> for TestAuthId {
	type RuntimeAppPublic = verinfer_primitives::crypto::OperatorKey;
	type GenericPublic = sr25519::Public;
	type GenericSignature = sr25519::Signature;
}

impl SigningTypes for Test {
	type Public = TestSigner;
	type Signature = sr25519::Signature;
}

/// The transactions the off-chain worker submits: bare (unsigned) calls.
pub type Extrinsic = UncheckedExtrinsic<AccountId, RuntimeCall, sr25519::Signature, ()>;

impl<LocalCall> CreateTransactionBase<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> CreateBare<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> Extrinsic {
		Extrinsic::new_bare(call)
	}
}

pub use pallet_jobs::testing::{input, model};

/// Register model `n` (input 1×4 at precision 2, output 1×3 at precision 4) with `tolerance`
/// and policy `(k, q)`.
pub fn register(n: u8, tolerance: u64, k: u32, q: u32) {
	let fees = ModelFees { operator_fee: OPERATOR_FEE, royalty: ROYALTY };
	pallet_jobs::testing::register::<Test>(OWNER, n, tolerance, fees, k, q)
}

/// Operators `101..=100 + n`, bond [`BOND`] each, serving `models`.
pub fn add_operators(n: u64, models: &[ModelId]) {
	TestOperators::add_many(101..=100 + n, BOND, models)
}

/// An output of the models' spec with all three elements `v`.
pub fn output(v: i64) -> Tensor {
	Tensor::new(vec![1, 3], vec![v, v + 1, v + 2], 4)
}

/// The salt operator `who` uses.
pub fn salt(who: AccountId) -> Salt {
	[who as u8; 32]
}

/// Submit a job of model `n` as `who`, and draw its operators as the end of the block would.
pub fn submit(who: AccountId, n: u8) -> JobId {
	use frame_support::traits::Hooks;
	let id = pallet_jobs::testing::submit::<Test>(who, n);
	Jobs::on_finalize(System::block_number());
	id
}

pub fn job(id: JobId) -> JobInfo<AccountId, Balance, u64, ConstU32<5>> {
	<Jobs as JobsInterface<_, _, _>>::job(id).unwrap()
}

/// The operators of job `id`, in slot order.
pub fn operators(id: JobId) -> Vec<AccountId> {
	job(id).assignments.iter().map(|a| a.operator).collect()
}

/// Operator `who`'s commitment to `out` for job `id`.
pub fn commitment_of(id: JobId, who: AccountId, out: &Tensor) -> H256 {
	commitment(id, &who, out, &salt(who))
}

/// `who` commits to `out` for job `id` (panics on failure).
pub fn commit(id: JobId, who: AccountId, out: &Tensor) {
	Settlement::commit(RuntimeOrigin::signed(who), vec![(id, commitment_of(id, who, out))])
		.unwrap();
}

/// `who` reveals `out` for job `id` (panics on failure).
pub fn reveal(id: JobId, who: AccountId, out: &Tensor) {
	Settlement::reveal(RuntimeOrigin::signed(who), vec![(id, out.clone(), salt(who))]).unwrap();
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn run_to_block(n: u64) {
	pallet_jobs::testing::run_to_block::<Test>(n)
}

/// The settlement pallet's events so far.
pub fn events() -> Vec<SettlementEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Settlement(e) = r.event { Some(e) } else { None })
		.collect()
}

frame_support::parameter_types! {
	pub const SettlementTreasury: AccountId = TREASURY;
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(OWNER, INITIAL), (ALICE, INITIAL), (BOB, INITIAL)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_fees::GenesisConfig::<Test> {
		byte_fee: 1,
		protocol_fee_rate: Perbill::from_percent(10),
		treasury: Some(TREASURY),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_jobs::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		TestOperators::reset();
		TestReputation::reset();
		System::set_block_number(1);
	});
	ext
}

/// A fresh externality with a keystore, in which the benchmarks sign their steps.
#[cfg(feature = "runtime-benchmarks")]
pub fn bench_ext() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.register_extension(sp_keystore::KeystoreExt::new(sp_keystore::testing::MemoryKeystore::new()));
	ext
}

/// Run `test` in a fresh externality, then check the jobs pallet's invariants.
pub fn execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Jobs::do_try_state().expect("jobs invariants hold after the test");
	})
}
