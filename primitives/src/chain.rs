//! The chain's basic types, and the one parser of the hex and account strings people type.
//!
//! The runtime, the node and the wallet-side tools all name these types from here, so an
//! account, a balance or a block number means the same thing everywhere.
//!
//! Strings: `0x` + 64 hex digits is 32 bytes (a hash, a model id, an agent tag, a public key
//! or an account); an account may also be an SS58 address. [`parse_hex32`] is `const` and
//! usable without `std` (genesis presets use it at compile time); [`parse_account`] and
//! [`parse_hash`] add the error messages people read.

use sp_runtime::MultiSignature;

/// What signs transactions: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account: the 32-byte public key of its signer, as `MultiSigner` identifies it (a test
/// in the runtime checks the two agree).
pub type AccountId = sp_runtime::AccountId32;

/// An amount of `VINF` in planck (10¹² planck = 1 VINF).
pub type Balance = u128;

/// A block number.
pub type BlockNumber = u32;

/// A transaction index of an account.
pub type Nonce = u32;

/// A block or storage hash (blake2-256).
pub type Hash = sp_core::H256;

/// Why a string is not `0x` + 64 hex digits.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum HexError {
	/// It does not start with `0x`.
	MissingPrefix,
	/// It has this many hex digits instead of 64.
	WrongLength(usize),
	/// The character at this position (after `0x`) is not a hex digit.
	BadDigit(usize),
}

impl core::fmt::Display for HexError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			Self::MissingPrefix => write!(f, "missing 0x prefix"),
			Self::WrongLength(n) => write!(f, "{n} hex digits"),
			Self::BadDigit(at) => write!(f, "bad hex digit near position {at}"),
		}
	}
}

const fn nibble(c: u8) -> Option<u8> {
	match c {
		b'0'..=b'9' => Some(c - b'0'),
		b'a'..=b'f' => Some(c - b'a' + 10),
		b'A'..=b'F' => Some(c - b'A' + 10),
		_ => None,
	}
}

/// The 32 bytes of `0x` + 64 hex digits (either case).
///
/// `const`, so a compile-time constant can be checked where it is written:
/// `const ID: [u8; 32] = match parse_hex32("0x…") { Ok(b) => b, Err(_) => panic!() };`
pub const fn parse_hex32(s: &str) -> Result<[u8; 32], HexError> {
	let bytes = s.as_bytes();
	if bytes.len() < 2 || bytes[0] != b'0' || bytes[1] != b'x' {
		return Err(HexError::MissingPrefix);
	}
	if bytes.len() != 66 {
		return Err(HexError::WrongLength(bytes.len() - 2));
	}
	let mut out = [0u8; 32];
	let mut i = 0;
	while i < 32 {
		let (hi, lo) = (nibble(bytes[2 + 2 * i]), nibble(bytes[3 + 2 * i]));
		match (hi, lo) {
			(Some(hi), Some(lo)) => out[i] = hi << 4 | lo,
			_ => return Err(HexError::BadDigit(2 * i)),
		}
		i += 1;
	}
	Ok(out)
}

/// [`parse_hex32`] for constants: fails the build, not the chain, on a typo.
pub const fn hex32(s: &str) -> [u8; 32] {
	match parse_hex32(s) {
		Ok(bytes) => bytes,
		Err(_) => panic!("not 0x + 64 hex digits"),
	}
}

/// A hash from `0x` + 64 hex digits; `what` names it in the error (`"model id"`).
#[cfg(feature = "std")]
pub fn parse_hash(s: &str, what: &str) -> Result<Hash, String> {
	let s = s.trim();
	parse_hex32(s).map(Hash::from).map_err(|e| format!("{what} {s:?} is not 0x + 64 hex digits: {e}"))
}

/// An account from an SS58 address or `0x` + 64 hex digits.
#[cfg(feature = "std")]
pub fn parse_account(s: &str) -> Result<AccountId, String> {
	let s = s.trim();
	if s.starts_with("0x") {
		return parse_hex32(s)
			.map(AccountId::from)
			.map_err(|e| format!("account {s:?} is not 0x + 64 hex digits: {e}"));
	}
	// `from_ss58check_with_version` takes any network prefix and says what is wrong ("Length is
	// bad"); `AccountId: FromStr` would only say "invalid ss58 address".
	use sp_core::crypto::Ss58Codec;
	AccountId::from_ss58check_with_version(s)
		.map(|(who, _prefix)| who)
		.map_err(|e| format!("account {s:?} is neither an SS58 address nor 0x + 64 hex digits: {e}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex32_parses_and_refuses() {
		let h = "0xABcd".to_string() + &"0".repeat(60);
		let bytes = parse_hex32(&h).unwrap();
		assert_eq!(&bytes[..2], &[0xab, 0xcd]);
		assert_eq!(parse_hex32("abcd"), Err(HexError::MissingPrefix));
		assert_eq!(parse_hex32("0x1234"), Err(HexError::WrongLength(4)));
		let bad = "0x".to_string() + &"0".repeat(10) + "zz" + &"0".repeat(52);
		assert_eq!(parse_hex32(&bad), Err(HexError::BadDigit(10)));
		const CONST: [u8; 32] =
			hex32("0x0101010101010101010101010101010101010101010101010101010101010101");
		assert_eq!(CONST, [1u8; 32]);
	}

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let who = parse_account(alice).unwrap();
		assert_eq!(who.to_string(), alice, "SS58 with the generic prefix 42 round-trips");
		let bytes: &[u8] = who.as_ref();
		let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
		assert_eq!(parse_account(&format!("0x{hex}")).unwrap(), who);
		assert!(parse_account("5Grw").unwrap_err().contains("neither an SS58 address"));
		assert_eq!(
			parse_account("nonsense").unwrap_err(),
			"account \"nonsense\" is neither an SS58 address nor 0x + 64 hex digits: Length is bad"
		);
		assert!(parse_account("0x1234").unwrap_err().contains("4 hex digits"));
		assert!(parse_account("").is_err());
		assert!(parse_hash("abab", "model id").unwrap_err().contains("model id"));
	}

	#[test]
	fn accounts_are_what_the_signature_identifies() {
		use sp_runtime::traits::{IdentifyAccount, Verify};
		fn same<T>(_: core::marker::PhantomData<T>, _: core::marker::PhantomData<T>) {}
		same(
			core::marker::PhantomData::<AccountId>,
			core::marker::PhantomData::<<<Signature as Verify>::Signer as IdentifyAccount>::AccountId>,
		);
	}
}
