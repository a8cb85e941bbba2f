//! Keys and identifiers typed on the command line: signers, accounts, hashes and agent tags.

use anyhow::{anyhow, bail, Context, Result};
use std::{path::Path, str::FromStr};
use subxt::utils::{AccountId32, H256};
use subxt_signer::{sr25519::Keypair, SecretUri};

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
pub fn account_of(pair: &Keypair) -> AccountId32 {
	pair.public_key().to_account_id()
}

/// 32 bytes from `0x` + 64 hex digits.
pub fn parse_hex32(text: &str) -> Result<[u8; 32]> {
	let digits = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	let bytes = hex::decode(digits).with_context(|| format!("{text:?} is not hex"))?;
	bytes.try_into().map_err(|b: Vec<u8>| anyhow!("{text:?} has {} bytes, expected 32", b.len()))
}

/// Whether `text` looks like a `0x`-prefixed 32-byte hex value.
pub fn is_hex32(text: &str) -> bool {
	let t = text.trim();
	t.len() == 66 && t.starts_with("0x") && t[2..].chars().all(|c| c.is_ascii_hexdigit())
}

/// An account: an SS58 address, `0x` + 64 hex digits, or a secret URI (`//Bob`) whose public
/// key is taken.
pub fn parse_account(text: &str) -> Result<AccountId32> {
	let t = text.trim();
	if is_hex32(t) {
		return Ok(AccountId32(parse_hex32(t)?));
	}
	if t.starts_with("//") {
		return Ok(account_of(&keypair_from_uri(t)?));
	}
	AccountId32::from_str(t).map_err(|e| {
		anyhow!("{text:?} is not an account (SS58 address, 0x account id or //Name): {e}")
	})
}

/// An `infr` public key: `0x` + 64 hex digits, or the sr25519 public key of a secret URI.
pub fn parse_public_key(text: &str) -> Result<[u8; 32]> {
	if is_hex32(text) {
		return parse_hex32(text);
	}
	if text.trim().starts_with("0x") {
		bail!("{text:?} is not a 32-byte public key");
	}
	Ok(keypair_from_uri(text).context("--key")?.public_key().0)
}

/// An `infr` public key and its proof of ownership for `owner` (the `register` arguments): the
/// key of a secret URI signs `"POP_" ++ owner` itself; a public key needs the proof given.
pub fn key_with_proof(
	key: &str,
	proof: Option<&str>,
	owner: &AccountId32,
) -> Result<([u8; 32], [u8; 64])> {
	let public = parse_public_key(key)?;
	let proof = match proof {
		Some(hex) => {
			let digits = hex.trim().strip_prefix("0x").unwrap_or(hex.trim());
			let bytes = ::hex::decode(digits).map_err(|e| anyhow!("--key-proof: {e}"))?;
			<[u8; 64]>::try_from(bytes.as_slice())
				.map_err(|_| anyhow!("--key-proof must be 64 bytes (0x + 128 hex digits)"))?
		}
		None if is_hex32(key) => {
			bail!("a public --key needs --key-proof (or give the key's secret URI as --key)")
		}
		None => {
			let pair = keypair_from_uri(key).context("--key")?;
			let statement = [b"POP_".as_slice(), owner.0.as_slice()].concat();
			pair.sign(&statement).0
		}
	};
	Ok((public, proof))
}

/// An agent tag: `0x` + 64 hex digits as is, any other text by its blake2-256 hash.
pub fn parse_agent(text: &str) -> Result<H256> {
	if is_hex32(text) {
		return Ok(H256(parse_hex32(text)?));
	}
	if text.is_empty() {
		bail!("the agent tag is empty");
	}
	Ok(H256(sp_crypto_hashing::blake2_256(text.as_bytes())))
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
		assert_eq!(parse_account(&format!("0x{}", hex::encode(alice.0))).unwrap(), alice);
		assert!(parse_account("nobody").is_err());
		assert_eq!(parse_agent("my-agent").unwrap(), parse_agent("my-agent").unwrap());
		assert_eq!(parse_public_key("//Alice").unwrap(), alice.0);
	}
}
