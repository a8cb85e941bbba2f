//! Chain specifications. Genesis state comes from the runtime's presets; the node only adds
//! names, ids and the token's properties.

use sc_service::ChainType;
use verinfer_runtime::{token, WASM_BINARY};

/// The chain spec of this node: no extensions beyond the defaults.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), token::SYMBOL.into());
	properties.insert("tokenDecimals".into(), token::DECIMALS.into());
	properties.insert("ss58Format".into(), token::SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime wasm is not available: build without SKIP_WASM_BUILD".to_string()
	})
}

/// `--dev`: a single validator, Alice, producing and finalizing alone.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Verinfer Development")
		.with_id("verinfer_dev")
		.with_protocol_id("vinf-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: four validators, Alice, Bob, Charlie and Dave, on one machine or a LAN.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Verinfer Local Testnet")
		.with_id("verinfer_local")
		.with_protocol_id("vinf-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Secret seeds of the dev chain's demo operators' `infr` keys (`//Bob//infr`, ...): public
/// knowledge, like `//Alice`, derived from the runtime's list of demo operators. A `--dev` node
/// puts them in its keystore.
pub fn demo_operator_key_seeds() -> Vec<String> {
	verinfer_runtime::genesis_config_presets::DEMO_OPERATORS
		.iter()
		.map(|(keyring, _)| format!("//{keyring:?}//infr"))
		.collect()
}
