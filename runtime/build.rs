//! Builds the runtime to wasm. With the `metadata-hash` feature the metadata hash is embedded so
//! that `CheckMetadataHash` can be enabled by wallets and offline signers.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(verinfer_token::SYMBOL, verinfer_token::DECIMALS)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
mod verinfer_token {
	include!("src/token.rs");
}
