//! Mock runtime: System, Balances and Operators.

use crate::{self as pallet_operators, Event as OperatorsEvent};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Contains},
};
use sp_core::H256;
use sp_runtime::testing::UintAuthorityId;
use sp_runtime::{BuildStorage, Perbill};
use verinfer_primitives::ModelId;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

pub const ED: Balance = 10;
pub const MIN_BOND: Balance = 100;
pub const UNBONDING: u64 = 10;
pub const INITIAL: Balance = 10_000;
/// The default treasury account, endowed with the existential deposit.
pub const TREASURY: AccountId = 999;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Operators: pallet_operators,
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

/// A model id nobody registered.
pub const UNKNOWN_MODEL: ModelId = H256::repeat_byte(0xEE);

pub struct KnownModels;
impl Contains<ModelId> for KnownModels {
	fn contains(model: &ModelId) -> bool {
		*model != UNKNOWN_MODEL
	}
}

parameter_types! {
	pub static TreasuryAccount: AccountId = TREASURY;
	pub const SlashCompensation: Perbill = Perbill::from_percent(20);
}

impl pallet_operators::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OperatorKey = UintAuthorityId;
	type KeySignature = sp_runtime::testing::TestSignature;
	type KnownModel = KnownModels;
	type Treasury = TreasuryAccount;
	type MinOperatorBond = ConstU128<MIN_BOND>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type MaxUnbondingChunks = ConstU32<3>;
	type MaxModelsPerOperator = ConstU32<4>;
	type MaxOperatorsPerModel = ConstU32<3>;
	type MaxOpenJobs = ConstU32<5>;
	type MaxMetadataLen = ConstU32<16>;
	type SlashCompensation = SlashCompensation;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Model number `n`.
pub fn model(n: u8) -> ModelId {
	H256::repeat_byte(n)
}

/// The off-chain worker key the tests bind to operator `who`.
pub fn key(who: AccountId) -> UintAuthorityId {
	UintAuthorityId(who + 1_000)
}

/// The proof that `owner` holds `key`, as `register` wants it.
pub fn proof_for(owner: AccountId, key: &UintAuthorityId) -> sp_runtime::testing::TestSignature {
	use sp_runtime::RuntimeAppPublic;
	key.sign(&crate::key_ownership_statement(&owner)).expect("test keys always sign")
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn held(who: AccountId) -> Balance {
	crate::asset::bonded::<Test>(&who)
}

pub fn total_issuance() -> Balance {
	pallet_balances::Pallet::<Test>::total_issuance()
}

pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// The operators pallet's events so far, oldest first.
pub fn events() -> Vec<OperatorsEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Operators(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The last operators event.
pub fn last_event() -> OperatorsEvent<Test> {
	events().pop().expect("an operators event")
}

pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	operators: Vec<(AccountId, Balance, UintAuthorityId, Vec<ModelId>, bool)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		let mut balances: Vec<_> = (1..=10).map(|who| (who, INITIAL)).collect();
		balances.push((TREASURY, ED));
		Self { balances, operators: Vec::new() }
	}
}

impl ExtBuilder {
	/// Give `who` exactly `amount` at genesis (instead of the default).
	pub fn balance(mut self, who: AccountId, amount: Balance) -> Self {
		self.balances.retain(|(w, _)| *w != who);
		if amount > 0 {
			self.balances.push((who, amount));
		}
		self
	}

	/// Set up `who` at genesis with `bond`, its test key and `models`, online or not.
	pub fn genesis_operator(
		mut self,
		who: AccountId,
		bond: Balance,
		models: &[u8],
		online: bool,
	) -> Self {
		self.operators.push((
			who,
			bond,
			key(who),
			models.iter().map(|m| model(*m)).collect(),
			online,
		));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		crate::GenesisConfig::<Test> { operators: self.operators }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			TreasuryAccount::set(TREASURY);
			System::set_block_number(1);
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Operators::do_try_state().expect("invariants hold after the test");
		})
	}
}
