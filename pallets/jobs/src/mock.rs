//! Mock runtime: System, Balances, the real Fees pallet and Jobs, with in-memory operators and
//! reputation and a simple deadline handler standing in for the settlement pallet.

use crate::{self as pallet_jobs, Event as JobsEvent, *};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Hooks, Randomness},
	PalletId,
};
use frame_system::EnsureRoot;
use verinfer_primitives::traits::FeesInterface;
use verinfer_primitives::testing::TestOperators;
use verinfer_primitives::testing::TestReputation;
use sp_core::H256;
use sp_runtime::{BuildStorage, Perbill};
use std::cell::{Cell, RefCell};
use verinfer_primitives::{
	jobs::{AssignmentOutcome, SlotOutcome},
	tensor::Tensor,
	ModelFees, Payout,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

pub const ED: Balance = 1;
pub const INITIAL: Balance = 1_000_000;
pub const BYTE_FEE: Balance = 1;
pub const DEPOSIT_BASE: Balance = 100;
pub const TREASURY: AccountId = 999;
/// Model owner.
pub const OWNER: AccountId = 1;
/// Requesters.
pub const ALICE: AccountId = 2;
pub const BOB: AccountId = 3;
/// An account with nothing.
pub const POOR: AccountId = 4;
pub const COMMIT_WINDOW: u64 = 5;
pub const REVEAL_WINDOW: u64 = 4;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Fees: pallet_fees,
		Jobs: pallet_jobs,
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
	type RuntimeHoldReason = RuntimeHoldReason;
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

parameter_types! {
	/// The block randomness; `None` like a block without VRF output.
	pub static Random: Option<H256> = Some(H256::repeat_byte(0x42));
	pub static MaxDeadlinesPerBlock: u32 = 4;
	pub static DeadlineSearchRange: u32 = 3;
	pub static MaxDeadlinesProcessed: u32 = 8;
	/// Storage prices: zero unless a test sets them, so that the other tests' balances are
	/// those of the fees alone.
	pub static StorageDepositPerByte: Balance = 0;
	pub static RecordFeePerByte: Balance = 0;
	pub static MaxPrunedPerBlock: u32 = 4;
}

pub const RETENTION: u64 = 10;
frame_support::parameter_types! {
	pub const Treasury: AccountId = TREASURY;
}

/// Randomness from [`Random`], mixed with the subject like BABE's.
pub struct TestRandomness;
impl Randomness<Option<H256>, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (Option<H256>, u64) {
		let random = Random::get().map(|r| {
			let mut bytes = subject.to_vec();
			bytes.extend_from_slice(r.as_bytes());
			H256(sp_crypto_hashing::blake2_256(&bytes))
		});
		(random, System::block_number().saturating_sub(1))
	}
}

thread_local! {
	/// Whether [`TestDeadlines`] acts (or does nothing, to exercise the safety net).
	pub static HANDLER_ACTIVE: Cell<bool> = const { Cell::new(true) };
	/// Every deadline [`TestDeadlines`] saw: job and `true` for a commit deadline.
	pub static DEADLINES_SEEN: RefCell<Vec<(JobId, bool)>> = const { RefCell::new(Vec::new()) };
}

/// A stand-in for the settlement pallet: at the commit deadline it opens the reveal phase with
/// at least `q` commitments and expires the job otherwise; at the reveal deadline it fails the
/// job. Both refund the requester.
pub struct TestDeadlines;

impl TestDeadlines {
	fn refund_and_conclude(id: JobId, phase: JobPhase, outcome: AssignmentOutcome) {
		let job = Jobs::job(id).unwrap();
		let refunded = <Fees as FeesInterface<_, _>>::refund(id).unwrap();
		let outcomes =
			job.assignments.iter().map(|_| SlotOutcome { outcome, paid: 0, slashed: 0 }).collect();
		Jobs::conclude(
			id,
			Conclusion {
				phase,
				result: None,
				agreeing: 0,
				outcomes,
				payout: Payout { refunded, ..Default::default() },
			},
		)
		.unwrap();
	}
}

impl DeadlineHandler for TestDeadlines {
	fn on_commit_deadline(id: JobId) {
		DEADLINES_SEEN.with(|s| s.borrow_mut().push((id, true)));
		if !HANDLER_ACTIVE.with(|a| a.get()) {
			return;
		}
		let job = Jobs::job(id).unwrap();
		if job.commitments() >= job.policy.q {
			Jobs::open_reveal(id).unwrap();
		} else {
			Self::refund_and_conclude(id, JobPhase::Expired, AssignmentOutcome::MissedCommit);
		}
	}

	fn on_reveal_deadline(id: JobId) {
		DEADLINES_SEEN.with(|s| s.borrow_mut().push((id, false)));
		if HANDLER_ACTIVE.with(|a| a.get()) {
			Self::refund_and_conclude(id, JobPhase::Failed, AssignmentOutcome::Unconfirmed);
		}
	}
}

impl pallet_jobs::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Operators = TestOperators;
	type Fees = Fees;
	type Reputation = TestReputation;
	type Randomness = TestRandomness;
	type Deadlines = TestDeadlines;
	type ModelDepositBase = ConstU128<DEPOSIT_BASE>;
	type ModelDepositPerByte = ConstU128<1>;
	type MaxNameLen = ConstU32<16>;
	type MaxUriLen = ConstU32<32>;
	type MaxInputLen = ConstU32<16>;
	type MaxOutputLen = ConstU32<8>;
	type MaxReplicas = ConstU32<5>;
	type MaxCandidates = ConstU32<12>;
	type CommitWindow = ConstU64<COMMIT_WINDOW>;
	type RevealWindow = ConstU64<REVEAL_WINDOW>;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type DeadlineSearchRange = DeadlineSearchRange;
	type MaxDeadlinesProcessed = MaxDeadlinesProcessed;
	type MaxSubmissionsPerBlock = ConstU32<64>;
	type AgentDepositBase = ConstU128<10>;
	type AgentDepositPerByte = ConstU128<1>;
	type MaxAgentNameLen = ConstU32<16>;
	type MaxAgentMetadataLen = ConstU32<32>;
	type MaxAgentDelegates = ConstU32<4>;
	type Treasury = Treasury;
	type StorageDepositPerByte = StorageDepositPerByte;
	type RecordFeePerByte = RecordFeePerByte;
	type DefaultRetention = ConstU64<RETENTION>;
	type MaxPrunedPerBlock = MaxPrunedPerBlock;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Benchmarks register operators with [`TestOperators`].
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, Balance> for BenchHelper {
	fn setup_operator(who: &AccountId, model: &ModelId) {
		TestOperators::add(*who, 1_000, &[*model]);
	}
	fn plenty() -> Balance {
		INITIAL * 1_000
	}
}

pub use crate::testing::{input, input_spec, model, output_spec, spec};

pub const OPERATOR_FEE: Balance = 50;
pub const ROYALTY: Balance = 20;

/// Register model `n` owned by [`OWNER`] with tolerance 1 and policy `(k, q)`.
pub fn register(n: u8, k: u32, q: u32) {
	crate::testing::register::<Test>(OWNER, n, 1, FEES, k, q)
}

/// The test models' fees.
pub const FEES: ModelFees<Balance> = ModelFees { operator_fee: OPERATOR_FEE, royalty: ROYALTY };

/// Operators `101..=100 + n`, bond 1000 each, serving `models`.
pub fn add_operators(n: u64, models: &[ModelId]) {
	TestOperators::add_many(101..=100 + n, 1_000, models)
}

/// Submit a job for model `n` as `who` with the model's default policy, and draw its operators
/// as the end of the block would.
pub fn submit(who: AccountId, n: u8) -> JobId {
	let id = crate::testing::submit::<Test>(who, n);
	Jobs::on_finalize(System::block_number());
	id
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn escrowed(who: AccountId) -> Balance {
	Fees::escrowed(&who)
}

/// Call `submit_job` as `who`; the error alone (a refused submission also reports the weight it
/// was charged, which tests of the error leave aside).
pub fn try_submit(
	who: AccountId,
	model: ModelId,
	input: Tensor,
	max_fee: Balance,
	policy: Option<JobPolicy>,
	agent: Option<AgentTag>,
) -> sp_runtime::DispatchResult {
	Jobs::submit_job(RuntimeOrigin::signed(who), model, input, max_fee, policy, agent)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// Register an agent named `name` controlled by `who`; its tag.
pub fn register_agent(who: AccountId, name: &[u8]) -> AgentTag {
	Jobs::register_agent(RuntimeOrigin::signed(who), name.to_vec(), vec![]).unwrap();
	agent_tag(&who, name)
}

/// Run `on_finalize` of the current block and `on_initialize` of the following ones up to `n`.
pub fn run_to_block(n: u64) {
	crate::testing::run_to_block::<Test>(n)
}

/// The jobs pallet's events so far, oldest first.
pub fn events() -> Vec<JobsEvent<Test>> {
	crate::testing::events::<Test>()
}

pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { balances: vec![(OWNER, INITIAL), (ALICE, INITIAL), (BOB, INITIAL)] }
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_fees::GenesisConfig::<Test> {
			byte_fee: BYTE_FEE,
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
			HANDLER_ACTIVE.with(|a| a.set(true));
			DEADLINES_SEEN.with(|s| s.borrow_mut().clear());
			Random::set(Some(H256::repeat_byte(0x42)));
			MaxDeadlinesPerBlock::set(4);
			DeadlineSearchRange::set(3);
			MaxDeadlinesProcessed::set(8);
			StorageDepositPerByte::set(0);
			RecordFeePerByte::set(0);
			MaxPrunedPerBlock::set(4);
			System::set_block_number(1);
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Jobs::do_try_state().expect("jobs invariants hold after the test");
		})
	}
}
