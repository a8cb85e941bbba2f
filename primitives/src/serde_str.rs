//! Serde as a decimal string: how balances cross JSON.
//!
//! Balances are `u128`, beyond what JSON numbers carry exactly in most clients, so every view
//! writes them as decimal strings (`"316331580000"`) and reads them back from one.

use alloc::string::{String, ToString};
use core::{fmt::Display, str::FromStr};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

/// Writes `value` as its decimal string.
pub fn serialize<T: Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&value.to_string())
}

/// Reads a value from its decimal string.
pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
	let text = String::deserialize(deserializer)?;
	text.parse().map_err(|_| D::Error::custom("expected a decimal string"))
}

/// Serde as UTF-8 text: byte strings that hold text (names, uris) cross JSON as strings.
pub mod utf8 {
	use alloc::{string::String, vec::Vec};
	use serde::{Deserialize, Deserializer, Serializer};

	/// Writes `bytes` as text, replacing invalid UTF-8 with U+FFFD.
	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	/// Reads text as its UTF-8 bytes.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
		Ok(String::deserialize(deserializer)?.into_bytes())
	}
}
