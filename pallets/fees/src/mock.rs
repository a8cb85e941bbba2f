//! Mock runtime: System, Balances and Fees.

use crate::{self as pallet_fees, Event as FeesEvent};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

pub const ED: Balance = 10;
pub const INITIAL: Balance = 10_000;
pub const BYTE_FEE: Balance = 2;
pub const RATE_PERCENT: u32 = 10;
/// The genesis treasury; it starts with nothing and genesis endows it.
pub const TREASURY: AccountId = 999;
/// A model owner account that does not exist.
pub const GHOST: AccountId = 500;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Fees: pallet_fees,
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
	type MaxReplicas = ConstU32<8>;
	type WeightInfo = ();
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn escrowed(who: AccountId) -> Balance {
	crate::asset::escrowed::<Test>(&who)
}

pub fn total_issuance() -> Balance {
	pallet_balances::Pallet::<Test>::total_issuance()
}

/// The fees pallet's events so far, oldest first.
pub fn events() -> Vec<FeesEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Fees(e) = r.event { Some(e) } else { None })
		.collect()
}

pub fn last_event() -> FeesEvent<Test> {
	events().pop().expect("a fees event")
}

pub struct ExtBuilder {
	treasury: Option<AccountId>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { treasury: Some(TREASURY) }
	}
}

impl ExtBuilder {
	/// Leave the treasury at its default, the pallet account.
	pub fn default_treasury(mut self) -> Self {
		self.treasury = None;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=10).map(|who| (who, INITIAL)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_fees::GenesisConfig::<Test> {
			byte_fee: BYTE_FEE,
			protocol_fee_rate: Perbill::from_percent(RATE_PERCENT),
			treasury: self.treasury,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Fees::do_try_state().expect("invariants hold after the test");
		})
	}
}
