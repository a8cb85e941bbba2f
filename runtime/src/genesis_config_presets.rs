//! Genesis presets served by the runtime's `GenesisBuilder` API.
//!
//! - `development`: one validator (Alice), the well-known dev accounts endowed, Alice as sudo.
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave) on one machine or a small LAN.
//!
//! Both are ready for jobs: the three models bundled in `models/` are registered by Alice, and
//! three demo operators (Bob, Charlie, Dave) are bonded, serve all of them and are online. Their
//! off-chain worker (`infr`) keys derive from the seeds `//Bob//infr`, `//Charlie//infr` and
//! `//Dave//infr`; a `--dev` node puts them in its keystore, other nodes take them with
//! `verinfer-node key insert --key-type infr --scheme sr25519 --suri //Bob//infr`. The keys
//! need no balance: their steps are unsigned transactions carrying the key's signature.

use crate::{
	currency::{MICRO_UNITS, MILLI_UNITS, UNITS},
	AccountId, BabeConfig, Balance, BalancesConfig, FeesConfig, JobsConfig, OperatorsConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, BABE_GENESIS_EPOCH_CONFIG,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_jobs::GenesisModel;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use verinfer_primitives::{
	chain::hex32,
	crypto::OperatorKey,
	tensor::{BoundedShape, InputRange, TensorSpec},
	ModelId,
};

/// What each endowed dev account starts with: one million VINF.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;

/// Fee per input byte per operator at genesis (root can change it).
pub const BYTE_FEE: Balance = MICRO_UNITS;
/// The treasury's share of every job at genesis: 2% (root can change it).
pub const PROTOCOL_FEE_RATE: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(2);

/// Each demo operator's bond: ten times the minimum.
pub const DEMO_OPERATOR_BOND: Balance = 10_000 * UNITS;
/// Fee per operator of the bundled models: 0.1 VINF.
pub const DEMO_OPERATOR_FEE: Balance = 100 * MILLI_UNITS;
/// Royalty of the bundled models: 0.01 VINF.
pub const DEMO_ROYALTY: Balance = 10 * MILLI_UNITS;

/// A model bundled in `models/`: the fields of its sidecar `NAME.json` and its file's hash.
pub struct BundledModel {
	/// blake2-256 of the ONNX file.
	pub id: [u8; 32],
	/// The file's name without `.onnx`.
	pub name: &'static str,
	/// Input shape and precision.
	pub input: (&'static [u32], u8),
	/// Output shape and precision.
	pub output: (&'static [u32], u8),
	/// The range of every input element (as the sidecar declares it).
	pub input_range: (i64, i64),
	/// Agreement tolerance in output units.
	pub tolerance: u64,
}

/// The models in `models/` (a runtime test checks these against the files and sidecars).
pub const BUNDLED_MODELS: [BundledModel; 3] = [
	BundledModel {
		id: hex32("0x2040303b6662c366504bd504849f6c236f6b803825e58fa7b492c9cbd7a726d9"),
		name: "iris-logreg",
		input: (&[1, 4], 2),
		output: (&[1, 3], 4),
		input_range: (0, 1_000),
		tolerance: 1,
	},
	BundledModel {
		id: hex32("0x429f7b51efb064bd0e2bc119a8e2a3c65d9233d519f1680ffdba250be4fb373e"),
		name: "digits-mlp",
		input: (&[1, 64], 0),
		output: (&[1, 10], 4),
		input_range: (0, 16),
		tolerance: 1,
	},
	BundledModel {
		id: hex32("0x5d6aa17ff01b4e91dccb552b12f531a037d55fd6c9632b8ed16da7619a037de9"),
		name: "diabetes-ridge",
		input: (&[1, 10], 4),
		output: (&[1, 1], 2),
		input_range: (0, 10_000_000),
		tolerance: 1,
	},
];

/// The demo operators: account and the public `infr` key of `//<Name>//infr` (a runtime test
/// derives these from the seeds, and the node derives the seeds it inserts from the names).
pub const DEMO_OPERATORS: [(Sr25519Keyring, [u8; 32]); 3] = [
	(Sr25519Keyring::Bob, hex32("0xdad28c9cd8ceb802aed6eb29a68baff17184750e31f3c9e4bac50e9d0c97971d")),
	(
		Sr25519Keyring::Charlie,
		hex32("0x9a00ff3a2403c5eeb4f876e63a871e7e59b491df04d707267797dcb76859f552"),
	),
	(Sr25519Keyring::Dave, hex32("0xc2201efe439c43ac0e352eed6276fdcb1fddc1dff753915b9e938ad93a881b26")),
];

fn spec((shape, precision): (&[u32], u8)) -> TensorSpec {
	TensorSpec { shape: BoundedShape::truncate_from(shape.to_vec()), precision }
}

/// The bundled models as the jobs pallet's genesis registers them, owned by `owner`.
pub fn bundled_models(owner: &AccountId) -> Vec<GenesisModel<AccountId, Balance>> {
	BUNDLED_MODELS
		.iter()
		.map(|m| GenesisModel {
			owner: owner.clone(),
			content_hash: ModelId::from(m.id),
			name: m.name.into(),
			uri: alloc::format!("file:models/{}.onnx", m.name),
			input: spec(m.input),
			output: spec(m.output),
			input_range: Some(InputRange { min: m.input_range.0, max: m.input_range.1 }),
			tolerance: m.tolerance,
			operator_fee: DEMO_OPERATOR_FEE,
			royalty: DEMO_ROYALTY,
			k: 3,
			q: 2,
		})
		.collect()
}

/// The demo operators as the operators pallet's genesis sets them up: bonded, serving every
/// bundled model, online.
pub fn demo_operators() -> Vec<(AccountId, Balance, OperatorKey, Vec<ModelId>, bool)> {
	let models: Vec<ModelId> = BUNDLED_MODELS.iter().map(|m| ModelId::from(m.id)).collect();
	DEMO_OPERATORS
		.iter()
		.map(|(account, key)| {
			let key: OperatorKey = sp_core::sr25519::Public::from_raw(*key).into();
			(account.to_account_id(), DEMO_OPERATOR_BOND, key, models.clone(), true)
		})
		.collect()
}

/// A validator at genesis: its stash account and its session keys.
pub struct GenesisValidator {
	pub account: AccountId,
	pub babe: BabeId,
	pub grandpa: GrandpaId,
}

impl GenesisValidator {
	/// The dev validator whose keys derive from the seed `//<Name>`: its sr25519 keyring member
	/// gives the account and the BABE key, the ed25519 member of the same name the GRANDPA key.
	pub fn dev(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self {
			account: sr.to_account_id(),
			babe: sp_core::sr25519::Public::from(sr).into(),
			grandpa: sp_core::ed25519::Public::from(ed).into(),
		}
	}
}

/// Builds a genesis patch from validators, endowed accounts and the root key.
pub fn testnet_genesis(
	validators: Vec<GenesisValidator>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| {
					(v.account.clone(), v.account, SessionKeys { babe: v.babe, grandpa: v.grandpa })
				})
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root.clone()) },
		operators: OperatorsConfig { operators: demo_operators() },
		jobs: JobsConfig { models: bundled_models(&root) },
		fees: FeesConfig {
			byte_fee: BYTE_FEE,
			protocol_fee_rate: PROTOCOL_FEE_RATE,
			treasury: None,
		},
	})
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|k| k.to_account_id()).collect()
}

/// The `development` preset: Alice alone validates.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![GenesisValidator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			GenesisValidator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			GenesisValidator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			GenesisValidator::dev(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			GenesisValidator::dev(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The preset of the given id, as JSON bytes.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The ids of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
