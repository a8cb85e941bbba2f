//! Configuration of every pallet in the runtime.

use crate::{
	currency::UNITS,
	currency::{EXISTENTIAL_DEPOSIT, MICRO_UNITS},
	time::{DAYS, EPOCH_DURATION_IN_SLOTS, HOURS, MILLI_SECS_PER_BLOCK, SLOT_DURATION},
	AccountId, Babe, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	Session, SessionKeys, System, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::OpaqueKeys, Perbill};

/// A block may use up to 75% of its weight and length for normal extrinsics; the rest is kept for
/// operational ones (and, later, the deadline work of the jobs pallet).
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per three-second block, and 5 MiB of proof size.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), 5 * 1024 * 1024);

/// 5 MiB of extrinsics per block at most.
const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		MAXIMUM_BLOCK_WEIGHT,
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAXIMUM_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_LENGTH
		})
		.build();
	pub const SS58Prefix: u16 = crate::token::SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// ParityDB's weights are not published separately; the RocksDB figures are the conservative
	// upper bound polkadot-sdk runtimes use for both.
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

parameter_types! {
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS;
	pub const ExpectedBlockTime: u64 = MILLI_SECS_PER_BLOCK;
	pub const MaxAuthorities: u32 = 100;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	// Sessions drive epoch changes: each session is one epoch.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	// No staking, hence no equivocation slashing yet: proofs are not accepted.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::from_u32(1);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned for now; a treasury receives them once the fees pallet lands.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	// One picosecond of compute costs one plank (10^-12 VINF).
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = frame_support::weights::ConstantMultiplier<Balance, ConstU128<MICRO_UNITS>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	// The validator set is fixed at genesis until governance or staking manages it.
	type SessionManager = ();
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ConstU128<{ 10 * crate::currency::MILLI_UNITS }>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Least an operator must keep bonded to be assigned jobs.
	pub const MinOperatorBond: Balance = 1_000 * UNITS;
	/// Longer than any job's life, so a fault is always found while its bond is still held.
	pub const OperatorUnbondingPeriod: BlockNumber = 2 * DAYS;
	pub const MaxUnbondingChunks: u32 = 16;
	pub const MaxModelsPerOperator: u32 = 16;
	pub const MaxOperatorsPerModel: u32 = 256;
	pub const MaxOpenJobsPerOperator: u32 = 64;
	pub const MaxOperatorMetadataLen: u32 = 256;
	/// Share of a slash paid to the harmed requester; the rest goes to the treasury.
	pub const SlashCompensation: Perbill = Perbill::from_percent(50);
}

impl pallet_operators::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OperatorKey = verinfer_primitives::crypto::OperatorKey;
	// Every model id is accepted until the jobs pallet's model registry is wired in.
	type KnownModel = frame_support::traits::Everything;
	type Treasury = pallet_fees::TreasuryOf<Runtime>;
	type MinOperatorBond = MinOperatorBond;
	type UnbondingPeriod = OperatorUnbondingPeriod;
	type MaxUnbondingChunks = MaxUnbondingChunks;
	type MaxModelsPerOperator = MaxModelsPerOperator;
	type MaxOperatorsPerModel = MaxOperatorsPerModel;
	type MaxOpenJobs = MaxOpenJobsPerOperator;
	type MaxMetadataLen = MaxOperatorMetadataLen;
	type SlashCompensation = SlashCompensation;
	type WeightInfo = pallet_operators::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// The treasury's account, unless genesis or root names another.
	pub const FeesPalletId: frame_support::PalletId = frame_support::PalletId(*b"vinf/trs");
	/// Most operators one job may be assigned to.
	pub const MaxReplicas: u32 = 16;
}

impl pallet_fees::Config for Runtime {
	type Balance = Balance;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ParameterOrigin = frame_system::EnsureRoot<AccountId>;
	type PalletId = FeesPalletId;
	type MaxReplicas = MaxReplicas;
	type WeightInfo = pallet_fees::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Evidence keeps 98% of its weight per new event.
	pub const ReputationForgetting: Perbill = Perbill::from_percent(98);
	/// How fast the running average fee follows new fees.
	pub const ReputationFeeSmoothing: Perbill = Perbill::from_percent(5);
	/// Evidence keeps 90% of its weight per idle period, so excluded operators recover by waiting.
	pub const ReputationIdleForgetting: Perbill = Perbill::from_percent(90);
	pub const ReputationIdleDecayPeriod: BlockNumber = HOURS;
	/// Below this score, after enough events, an operator is taken out of assignment.
	pub const ReputationScoreFloor: sp_runtime::Permill = sp_runtime::Permill::from_percent(30);
}

impl pallet_reputation::Config for Runtime {
	type Balance = Balance;
	type Forgetting = ReputationForgetting;
	// A wrong answer weighs three times a miss.
	type DisagreementWeight = ConstU32<3>;
	type FeeSmoothing = ReputationFeeSmoothing;
	type IdleForgetting = ReputationIdleForgetting;
	type IdleDecayPeriod = ReputationIdleDecayPeriod;
	type ScoreFloor = ReputationScoreFloor;
	type MinEventsForExclusion = ConstU32<10>;
	type ReinstateOrigin = frame_system::EnsureRoot<AccountId>;
	type WeightInfo = pallet_reputation::weights::SubstrateWeight<Runtime>;
}
