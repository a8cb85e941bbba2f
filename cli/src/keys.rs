//! Keys and identifiers typed on the command line: signers, accounts, public keys and agent
//! tags. Hex and account strings are parsed by `verinfer_primitives::chain`.

use anyhow::{anyhow, bail, Context, Result};
use std::{path::Path, str::FromStr};
use subxt_signer::{sr25519::Keypair, SecretUri};
use verinfer_primitives::{
	chain::{parse_account as parse_address, parse_hex32, AccountId},
	AgentTag,
};

/// The sr25519 key pair of a secret URI (`//Alice`, a mnemonic, a `0x` seed, with derivations).
pub fn keypair_from_uri(uri: &str) -> Result<Keypair> {
	let secret =
		SecretUri::from_str(uri.trim()).map_err(|e| anyhow!("not a valid secret URI: {e}"))?;
	Keypair::from_uri(&secret).map_err(|e| anyhow!("cannot derive a key from the secret URI: {e}"))
}

/// The signing key given by `--suri` or `--key-file`, if any.
pub fn signer(suri: Option<&str>, key_file: Option<&Path>) -> Result<Option<Keypair>> {
	if let Some(uri) = suri {
		return keypair_from_uri(uri).map(Some).context("--suri");
	}
	if let Some(path) = key_file {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the key file {}", path.display()))?;
		return keypair_from_uri(text.trim())
			.map(Some)
			.with_context(|| format!("key file {}", path.display()));
	}
	Ok(None)
}

/// The account of a key pair.
pub fn account_of(pair: &Keypair) -> AccountId {
	AccountId::from(pair.public_key().0)
}

/// An account: an SS58 address, `0x` + 64 hex digits, or a secret URI (`//Bob`) whose public
/// key is taken.
pub fn parse_account(text: &str) -> Result<AccountId> {
	let t = text.trim();
	if t.starts_with("//") {
		return Ok(account_of(&keypair_from_uri(t)?));
	}
	parse_address(t).map_err(|e| anyhow!("{e} (or a secret URI such as //Name)"))
}

/// An `infr` public key: `0x` + 64 hex digits, or the sr25519 public key of a secret URI.
pub fn parse_public_key(text: &str) -> Result<[u8; 32]> {
	let t = text.trim();
	if t.starts_with("0x") {
		return parse_hex32(t).map_err(|e| anyhow!("{text:?} is not a 32-byte public key: {e}"));
	}
	Ok(keypair_from_uri(text).context("--key")?.public_key().0)
}

/// An `infr` public key and its proof of ownership for `owner` (the `register` arguments): the
/// key of a secret URI signs `"POP_" ++ owner` itself; a public key needs the proof given.
pub fn key_with_proof(
	key: &str,
	proof: Option<&str>,
	owner: &AccountId,
) -> Result<([u8; 32], [u8; 64])> {
	let public = parse_public_key(key)?;
	let proof = match proof {
		Some(hex) => {
			let digits = hex.trim().strip_prefix("0x").unwrap_or(hex.trim());
			let bytes = ::hex::decode(digits).map_err(|e| anyhow!("--key-proof: {e}"))?;
			<[u8; 64]>::try_from(bytes.as_slice())
				.map_err(|_| anyhow!("--key-proof must be 64 bytes (0x + 128 hex digits)"))?
		}
		None if key.trim().starts_with("0x") => {
			bail!("a public --key needs --key-proof (or give the key's secret URI as --key)")
		}
		None => {
			let pair = keypair_from_uri(key).context("--key")?;
			let owner: &[u8] = owner.as_ref();
			let statement = [b"POP_".as_slice(), owner].concat();
			pair.sign(&statement).0
		}
	};
	Ok((public, proof))
}

/// An agent tag: `0x` + 64 hex digits as is; any other text is the name of an agent of
/// `controller` (the signer), whose tag is derived from both.
pub fn parse_agent(text: &str, controller: Option<&AccountId>) -> Result<AgentTag> {
	if let Ok(bytes) = parse_hex32(text.trim()) {
		return Ok(AgentTag::from(bytes));
	}
	if text.is_empty() {
		bail!("the agent name is empty");
	}
	let controller = controller.ok_or_else(|| {
		anyhow::anyhow!(
			"agent {text:?} is a name: give its controller as the signer (--suri), or the 0x tag"
		)
	})?;
	Ok(verinfer_primitives::agent_tag(controller, text.as_bytes()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts() {
		let alice = parse_account("//Alice").unwrap();
		assert_eq!(alice.to_string(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert_eq!(
			parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(),
			alice
		);
		let bytes: &[u8] = alice.as_ref();
		assert_eq!(parse_account(&format!("0x{}", hex::encode(bytes))).unwrap(), alice);
		assert!(parse_account("nobody").is_err());
		assert_eq!(
			parse_agent("my-agent", Some(&alice)).unwrap(),
			verinfer_primitives::agent_tag(&alice, b"my-agent")
		);
		assert!(parse_agent("my-agent", None).is_err());
		assert_eq!(parse_public_key("//Alice").unwrap().as_slice(), bytes);
	}
}
