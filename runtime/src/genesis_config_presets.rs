//! Genesis presets served by the runtime's `GenesisBuilder` API.
//!
//! - `development`: one validator (Alice), the well-known dev accounts endowed, Alice as sudo.
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave) on one machine or a small LAN.

use crate::{
	currency::{MICRO_UNITS, UNITS},
	AccountId, BabeConfig, Balance, BalancesConfig, FeesConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, BABE_GENESIS_EPOCH_CONFIG,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed dev account starts with: one million VINF.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;

/// Fee per input byte per operator at genesis (root can change it).
pub const BYTE_FEE: Balance = MICRO_UNITS;
/// The treasury's share of every job at genesis: 2% (root can change it).
pub const PROTOCOL_FEE_RATE: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(2);

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
		sudo: SudoConfig { key: Some(root) },
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
