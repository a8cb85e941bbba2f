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
	pallet_prelude::TransactionPriority,
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::WEIGHT_REF_TIME_PER_SECOND,
		IdentityFee, Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::OpaqueKeys, Perbill};

/// A block may use up to 75% of its weight and length for normal extrinsics; the rest is kept for
/// operational ones (and, later, the deadline work of the jobs pallet).
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per three-second block. No bound on proof size: a solochain's blocks
/// are executed by every node from its own state, and no proof of validity is ever built (a
/// parachain's 5 MiB limit made transfers stop at 316 per block here, with the CPU 84% idle).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

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
	// The node runs ParityDB: its reads and writes as measured on the reference machine.
	type DbWeight = crate::weights::db::ParityDbWeight;
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
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
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
	/// Enough for an operator's share of the open jobs at the measured sustained rate.
	pub const MaxOpenJobsPerOperator: u32 = 512;
	pub const MaxOperatorMetadataLen: u32 = 256;
	/// Share of a slash paid to the harmed requester; the rest goes to the treasury.
	pub const SlashCompensation: Perbill = Perbill::from_percent(50);
}

impl pallet_operators::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OperatorKey = verinfer_primitives::crypto::OperatorKey;
	type KeySignature = verinfer_primitives::crypto::OperatorSignature;
	// Operators may serve registered, active models only.
	type KnownModel = crate::Jobs;
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
	type BenchmarkHelper = benchmark_helper::VerinferBenchmarkHelper;
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
	/// One event moves the reference fee by at most 1% of it.
	pub const ReputationFeeStepLimit: Perbill = Perbill::from_percent(1);
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
	type FeeStepLimit = ReputationFeeStepLimit;
	type IdleForgetting = ReputationIdleForgetting;
	type IdleDecayPeriod = ReputationIdleDecayPeriod;
	type ScoreFloor = ReputationScoreFloor;
	type MinEventsForExclusion = ConstU32<10>;
	type ReinstateOrigin = frame_system::EnsureRoot<AccountId>;
	type WeightInfo = pallet_reputation::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Fixed part of a model's registry deposit.
	pub const ModelDepositBase: Balance = 10 * UNITS;
	/// Part of a model's registry deposit per byte of name and uri.
	pub const ModelDepositPerByte: Balance = 10 * crate::currency::MILLI_UNITS;
	pub const MaxModelNameLen: u32 = 64;
	pub const MaxModelUriLen: u32 = 256;
	/// Most elements of a job input (8 KiB of data).
	pub const MaxJobInputLen: u32 = 1024;
	/// Most elements of a job output.
	pub const MaxJobOutputLen: u32 = 256;
	/// One minute to run the model and commit; one minute to reveal.
	pub const JobCommitWindow: BlockNumber = 20;
	pub const MaxSubmissionsPerBlock: u32 = 1024;
	pub const AgentDepositBase: Balance = UNITS;
	pub const AgentDepositPerByte: Balance = 10 * crate::currency::MILLI_UNITS;
	pub const MaxAgentNameLen: u32 = 64;
	pub const MaxAgentMetadataLen: u32 = 256;
	pub const MaxAgentDelegates: u32 = 16;
	pub const JobRevealWindow: BlockNumber = 20;
	/// 512 deadlines per bucket, placed within 16 blocks: at most 8192 open jobs, enough for
	/// the jobs of the slowest windows at the sustained rate measured in docs/benchmarks.md.
	pub const MaxDeadlinesPerBlock: u32 = 512;
	pub const DeadlineSearchRange: u32 = 16;
	/// Deadlines processed per block; each costs a verdict or an expiry of up to 16 operators.
	/// Jobs of working operators conclude before their deadlines, which only the jobs of absent
	/// ones reach.
	pub const MaxDeadlinesProcessed: u32 = 32;
	/// A final job keeps its details (record, input, reveals, result) 30 days, then is pruned
	/// to its compact record. Root may change it (`Jobs::set_retention`); this is the genesis
	/// value.
	pub const JobRetention: BlockNumber = 30 * DAYS;
	/// 10 µVINF per byte of a job's details, held until they are pruned: about 0.07 VINF for
	/// the ~7.3 kB of a bundled model's job with k = 3 (docs/benchmarks.md, *State per job*).
	pub const JobStorageDepositPerByte: Balance = 10 * MICRO_UNITS;
	/// 10 µVINF per byte kept forever (compact record and index entries), paid once to the
	/// treasury: about 0.01 VINF per job with k = 3, 10 VINF per MB of permanent state.
	pub const JobRecordFeePerByte: Balance = 10 * MICRO_UNITS;
	/// Jobs pruned per block at most, in `on_idle` (and only with the block's spare weight).
	pub const MaxJobsPrunedPerBlock: u32 = 64;
}

impl pallet_jobs::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Operators = crate::Operators;
	type Fees = crate::Fees;
	type Reputation = crate::Reputation;
	// Read in the jobs pallet's `on_finalize`, which runs after BABE's: BABE stores the block's
	// own VRF output (`AuthorVrfRandomness`) in its `on_finalize`, and `ParentBlockRandomness`
	// returns whatever is stored, so at that point it is the *including* block's output, which
	// did not exist when the requesters signed. (Its name fits reads made while a block
	// executes, when the stored output is still the parent's.) A runtime test checks the
	// pallet order this relies on.
	type Randomness = pallet_babe::ParentBlockRandomness<Runtime>;
	type Deadlines = crate::Settlement;
	type ModelDepositBase = ModelDepositBase;
	type ModelDepositPerByte = ModelDepositPerByte;
	type MaxNameLen = MaxModelNameLen;
	type MaxUriLen = MaxModelUriLen;
	type MaxInputLen = MaxJobInputLen;
	type MaxOutputLen = MaxJobOutputLen;
	type MaxReplicas = MaxReplicas;
	type MaxCandidates = MaxOperatorsPerModel;
	type CommitWindow = JobCommitWindow;
	type RevealWindow = JobRevealWindow;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type DeadlineSearchRange = DeadlineSearchRange;
	type MaxDeadlinesProcessed = MaxDeadlinesProcessed;
	type MaxSubmissionsPerBlock = MaxSubmissionsPerBlock;
	type AgentDepositBase = AgentDepositBase;
	type AgentDepositPerByte = AgentDepositPerByte;
	type MaxAgentNameLen = MaxAgentNameLen;
	type MaxAgentMetadataLen = MaxAgentMetadataLen;
	type MaxAgentDelegates = MaxAgentDelegates;
	type Treasury = pallet_fees::TreasuryOf<Runtime>;
	type StorageDepositPerByte = JobStorageDepositPerByte;
	type RecordFeePerByte = JobRecordFeePerByte;
	type DefaultRetention = JobRetention;
	type MaxPrunedPerBlock = MaxJobsPrunedPerBlock;
	type WeightInfo = pallet_jobs::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::VerinferBenchmarkHelper;
}

parameter_types! {
	/// Slashed from an operator whose output is outside the agreeing group.
	pub const WrongResultSlash: Perbill = Perbill::from_percent(10);
	/// Slashed from an operator that misses a commit or a reveal.
	pub const MissSlash: Perbill = Perbill::from_percent(1);
	/// Most jobs in one `commit` or `reveal`, and in each half of `submit_steps`: an operator
	/// drawn for 64 jobs a block keeps up in one transaction per block.
	pub const MaxSettlementBatch: u32 = 64;
	/// Operators' commits and reveals come before every ordinary transaction in the pool, whose
	/// priorities (tips and operational fees scaled by transactions per block) stay far below.
	pub const OperatorStepsPriority: TransactionPriority = TransactionPriority::MAX / 2;
}

/// The `infr` key whose public bytes are those of a signing account: the off-chain worker signs
/// `commit` and `reveal` with its key, and the settlement pallet finds the operator bound to it.
pub struct AccountToOperatorKey;
impl sp_runtime::traits::Convert<AccountId, Option<verinfer_primitives::crypto::OperatorKey>>
	for AccountToOperatorKey
{
	fn convert(account: AccountId) -> Option<verinfer_primitives::crypto::OperatorKey> {
		let raw: [u8; 32] = account.into();
		Some(sp_core::sr25519::Public::from_raw(raw).into())
	}
}

impl pallet_settlement::Config for Runtime {
	type Balance = Balance;
	type Jobs = crate::Jobs;
	type Operators = crate::Operators;
	type OperatorKeys = crate::Operators;
	type SignerToKey = AccountToOperatorKey;
	type Fees = crate::Fees;
	type Reputation = crate::Reputation;
	type WrongResultSlash = WrongResultSlash;
	type MissSlash = MissSlash;
	type MaxBatch = MaxSettlementBatch;
	type AuthorityId = verinfer_primitives::crypto::InfrAuthId;
	type StepsPriority = OperatorStepsPriority;
	type WeightInfo = pallet_settlement::weights::SubstrateWeight<Runtime>;
}

/// What the operators' and jobs' benchmarks need from the other pallets: registered models and
/// bonded, online operators.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helper {
	use super::*;
	use alloc::{vec, vec::Vec};
	use codec::Encode;
	use frame_support::traits::fungible::Mutate;
	use verinfer_primitives::{
		tensor::{BoundedShape, TensorSpec},
		ModelFees, ModelId,
	};

	pub struct VerinferBenchmarkHelper;

	fn fund(who: &AccountId) {
		let _ = Balances::mint_into(who, 1_000_000 * UNITS);
	}

	impl pallet_operators::BenchmarkHelper for VerinferBenchmarkHelper {
		fn register_model(model: ModelId) {
			if pallet_jobs::Models::<Runtime>::contains_key(model) {
				return;
			}
			let owner: AccountId = frame_benchmarking::account("model-owner", 0, 0);
			fund(&owner);
			let spec = TensorSpec { shape: BoundedShape::truncate_from(vec![1]), precision: 0 };
			pallet_jobs::Pallet::<Runtime>::do_register_model(
				owner,
				model,
				b"bench".to_vec(),
				vec![],
				spec.clone(),
				spec,
				None,
				0,
				ModelFees { operator_fee: UNITS, royalty: UNITS },
				verinfer_primitives::JobPolicy { k: 1, q: 1 },
			)
			.expect("a fresh model registers");
		}
	}

	/// The `i`-th model an operator serves only to make its model lists as long as they go.
	fn filler_model(i: u32) -> ModelId {
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(
			&(b"bench-filler", i).encode(),
		)
	}

	impl pallet_jobs::BenchmarkHelper<AccountId, Balance> for VerinferBenchmarkHelper {
		/// The worst operator for the jobs and settlement benchmarks: bonded at exactly the
		/// minimum (so any slash takes it offline), serving as many models as it may (so going
		/// offline leaves as many model lists as possible), and with a reputation record.
		fn setup_operator(who: &AccountId, model: &ModelId) {
			use verinfer_primitives::traits::{OperatorKeyLookup, ReputationInterface};
			let origin = || RuntimeOrigin::signed(who.clone());
			let operators = pallet_operators::Pallet::<Runtime>::key_of(who);
			if operators.is_none() {
				fund(who);
				// A fresh key in the benchmark's keystore, which signs the proof of ownership.
				let key = <verinfer_primitives::crypto::OperatorKey as sp_runtime::RuntimeAppPublic>::generate_pair(None);
				let proof = sp_runtime::RuntimeAppPublic::sign(
					&key,
					&pallet_operators::key_ownership_statement(who),
				)
				.expect("the keystore holds the key");
				pallet_operators::Pallet::<Runtime>::register(
					origin(),
					MinOperatorBond::get(),
					key,
					proof,
					vec![],
				)
				.expect("a funded account registers");
				<crate::Reputation as ReputationInterface<_, _>>::record(
					who,
					verinfer_primitives::ReputationEvent::Agreed { latency: 1, fee: UNITS },
				);
			}
			let info = pallet_operators::Operators::<Runtime>::get(who).expect("registered");
			if !info.models.contains(model) {
				// Fillers are looked for among this many models, each of whose lists has room
				// for `MaxOperatorsPerModel` operators.
				const FILLERS: u32 = 64;
				let is_filler = |m: &ModelId| (0..FILLERS).any(|f| filler_model(f) == *m);
				let mut models: Vec<ModelId> = info.models.into_inner();
				// Make room for the model by dropping a filler, then fill up the list.
				if models.len() as u32 >= MaxModelsPerOperator::get() {
					if let Some(i) = models.iter().rposition(is_filler) {
						models.remove(i);
					}
				}
				models.push(*model);
				for filler in (0..FILLERS).map(filler_model) {
					if models.len() as u32 >= MaxModelsPerOperator::get() {
						break;
					}
					let crowded = pallet_operators::ModelOperators::<Runtime>::decode_len(filler)
						.unwrap_or(0) as u32 >= MaxOperatorsPerModel::get();
					if !models.contains(&filler) && !crowded {
						<Self as pallet_operators::BenchmarkHelper>::register_model(filler);
						models.push(filler);
					}
				}
				pallet_operators::Pallet::<Runtime>::serve(origin(), models)
					.expect("the operator serves the model");
			}
			if info.status != pallet_operators::OperatorStatus::Online {
				pallet_operators::Pallet::<Runtime>::go_online(origin()).expect("goes online");
			}
		}

		fn plenty() -> Balance {
			1_000_000 * UNITS
		}
	}
}
