//! Mock runtime: System and Reputation.

use crate::{self as pallet_reputation, Event as ReputationEventOf};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill, Permill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

pub const IDLE_PERIOD: u64 = 100;
pub const MIN_EVENTS: u32 = 3;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Reputation: pallet_reputation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const Forgetting: Perbill = Perbill::from_percent(90);
	pub const FeeSmoothing: Perbill = Perbill::from_percent(10);
	pub const FeeStepLimit: Perbill = Perbill::one();
	pub const IdleForgetting: Perbill = Perbill::from_percent(50);
	pub const ScoreFloor: Permill = Permill::from_percent(30);
}

impl pallet_reputation::Config for Test {
	type Balance = Balance;
	type Forgetting = Forgetting;
	type DisagreementWeight = ConstU32<3>;
	type FeeSmoothing = FeeSmoothing;
	type FeeStepLimit = FeeStepLimit;
	type IdleForgetting = IdleForgetting;
	type IdleDecayPeriod = ConstU64<IDLE_PERIOD>;
	type ScoreFloor = ScoreFloor;
	type MinEventsForExclusion = ConstU32<MIN_EVENTS>;
	type ReinstateOrigin = EnsureRoot<AccountId>;
	type WeightInfo = ();
}

pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// The reputation pallet's events so far, oldest first.
pub fn events() -> Vec<ReputationEventOf<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Reputation(e) = r.event { Some(e) } else { None })
		.collect()
}

pub fn last_event() -> ReputationEventOf<Test> {
	events().pop().expect("a reputation event")
}

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Reputation::do_try_state().expect("invariants hold after the test");
		})
	}
}
