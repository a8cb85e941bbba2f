//! Amounts of the native token: parsing what the user types and printing what the chain holds.

use anyhow::{bail, Context, Result};

/// The native token as the node reports it (`system_properties`).
#[derive(Clone, Debug)]
pub struct Token {
	/// Symbol, e.g. `VINF`.
	pub symbol: String,
	/// Decimals: one token is `10^decimals` base units.
	pub decimals: u8,
}

impl Default for Token {
	fn default() -> Self {
		Token { symbol: "VINF".into(), decimals: 12 }
	}
}

impl Token {
	/// Parses an amount: `1000`, `0.5`, `2.25VINF` are tokens; `1500u` is base units.
	pub fn parse(&self, text: &str) -> Result<u128> {
		let t = text.trim().replace('_', "");
		if let Some(raw) = t.strip_suffix('u') {
			return raw
				.trim()
				.parse::<u128>()
				.with_context(|| format!("{text:?} is not a whole number of base units"));
		}
		let t = t
			.strip_suffix(self.symbol.as_str())
			.or_else(|| t.strip_suffix(&self.symbol.to_lowercase()))
			.unwrap_or(&t)
			.trim()
			.to_string();
		let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
		if int.is_empty() && frac.is_empty() {
			bail!("{text:?} is not an amount");
		}
		if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
			bail!("{text:?} is not an amount (write e.g. 1000, 0.5 or 1500u for base units)");
		}
		if frac.len() > self.decimals as usize {
			bail!("{text:?} has more than {} decimals", self.decimals);
		}
		let scale = 10u128.pow(self.decimals as u32);
		let int: u128 = if int.is_empty() { 0 } else { int.parse().context("amount too large")? };
		let mut frac_units: u128 = 0;
		if !frac.is_empty() {
			let padded = format!("{frac:0<width$}", width = self.decimals as usize);
			frac_units = padded.parse().context("bad decimals")?;
		}
		int.checked_mul(scale)
			.and_then(|v| v.checked_add(frac_units))
			.with_context(|| format!("{text:?} is too large"))
	}

	/// `1234.5 VINF` for an amount of base units.
	pub fn format(&self, amount: u128) -> String {
		let scale = 10u128.pow(self.decimals as u32);
		let int = amount / scale;
		let frac = amount % scale;
		if frac == 0 {
			format!("{int} {}", self.symbol)
		} else {
			let digits = format!("{frac:0>width$}", width = self.decimals as usize);
			format!("{int}.{} {}", digits.trim_end_matches('0'), self.symbol)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts() {
		let t = Token::default();
		assert_eq!(t.parse("1").unwrap(), 1_000_000_000_000);
		assert_eq!(t.parse("0.5").unwrap(), 500_000_000_000);
		assert_eq!(t.parse("2.25VINF").unwrap(), 2_250_000_000_000);
		assert_eq!(t.parse("1500u").unwrap(), 1500);
		assert!(t.parse("1.0000000000001").is_err());
		assert!(t.parse("abc").is_err());
		assert_eq!(t.format(2_250_000_000_000), "2.25 VINF");
		assert_eq!(t.format(1_000_000_000_000_000), "1000 VINF");
		assert_eq!(t.format(1), "0.000000000001 VINF");
	}
}
