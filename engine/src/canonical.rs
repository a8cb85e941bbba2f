//! Between canonical integers and the floats a model computes with.
//!
//! - **Dequantize** (input): `x = f32( f64(data) / 10^precision )`. The division is one IEEE-754
//!   double operation by an exact power of ten, followed by one rounding to `f32` (both round to
//!   nearest, ties to even), so every conforming CPU gives the same `f32`.
//! - **Quantize** (output): `data = round_half_away_from_zero( f64(y) * 10^precision )`. Widening
//!   `y` to `f64` is exact, the product is one rounded double operation, and halves round away from
//!   zero (`2.5 → 3`, `-2.5 → -3`, `0.5 → 1`). A value that is not finite, or whose rounded result
//!   does not fit an `i64`, is an error: the engine never clamps or substitutes.
//!
//! Honest engines can still disagree where the model's float output lands within a few ulps of a
//! rounding boundary; the model's agreement tolerance covers that.

use verinfer_primitives::tensor::MAX_PRECISION;

/// `10^p` for `p` in `0..=18`, all exact in `f64`.
const POW10: [f64; MAX_PRECISION as usize + 1] = [
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
	1e17, 1e18,
];

/// `10^precision` as an exact `f64`. Panics above [`MAX_PRECISION`]; callers validate first.
pub fn pow10(precision: u8) -> f64 {
	POW10[precision as usize]
}

/// Why an output cannot be expressed as a canonical integer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QuantizeError {
	/// The model produced NaN or an infinity at this (flat) index.
	NotFinite { index: usize, value: f32 },
	/// The scaled, rounded value at this index does not fit an `i64`.
	OutOfRange { index: usize, value: f32 },
}

impl std::fmt::Display for QuantizeError {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		match self {
			Self::NotFinite { index, value } => write!(
				f,
				"the model's output element {index} is {value}, which is not a finite number"
			),
			Self::OutOfRange { index, value } => write!(
				f,
				"the model's output element {index} ({value:e}) is too large for an i64 at the output precision"
			),
		}
	}
}

/// Canonical integer to the `f32` the model sees.
pub fn dequantize_one(data: i64, precision: u8) -> f32 {
	((data as f64) / pow10(precision)) as f32
}

/// Canonical integers to the `f32`s the model sees.
pub fn dequantize(data: &[i64], precision: u8) -> Vec<f32> {
	let scale = pow10(precision);
	data.iter().map(|d| ((*d as f64) / scale) as f32).collect()
}

/// Rounds to the nearest integer, halves away from zero. (`f64::round` is exactly this.)
pub fn round_half_away_from_zero(x: f64) -> f64 {
	x.round()
}

/// One model output to its canonical integer.
pub fn quantize_one(value: f32, precision: u8) -> Result<i64, QuantizeError> {
	quantize_at(0, value, pow10(precision))
}

fn quantize_at(index: usize, value: f32, scale: f64) -> Result<i64, QuantizeError> {
	if !value.is_finite() {
		return Err(QuantizeError::NotFinite { index, value });
	}
	let r = round_half_away_from_zero(f64::from(value) * scale);
	// i64::MIN is -2^63 (exact in f64); 2^63 is the first value above i64::MAX.
	const LIMIT: f64 = 9_223_372_036_854_775_808.0;
	if !(-LIMIT..LIMIT).contains(&r) {
		return Err(QuantizeError::OutOfRange { index, value });
	}
	Ok(r as i64)
}

/// Model outputs to canonical integers at `precision`.
pub fn quantize(
	values: impl IntoIterator<Item = f32>,
	precision: u8,
) -> Result<Vec<i64>, QuantizeError> {
	let scale = pow10(precision);
	values.into_iter().enumerate().map(|(i, v)| quantize_at(i, v, scale)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn powers_of_ten_are_exact() {
		for p in 0..=MAX_PRECISION {
			assert_eq!(pow10(p), 10u64.pow(p as u32) as f64);
			assert_eq!(pow10(p) as u64, 10u64.pow(p as u32));
		}
	}

	#[test]
	fn halves_round_away_from_zero() {
		assert_eq!(quantize_one(0.5, 0), Ok(1));
		assert_eq!(quantize_one(-0.5, 0), Ok(-1));
		assert_eq!(quantize_one(1.5, 0), Ok(2));
		assert_eq!(quantize_one(2.5, 0), Ok(3), "not banker's rounding");
		assert_eq!(quantize_one(-2.5, 0), Ok(-3));
		assert_eq!(quantize_one(0.25, 1), Ok(3), "0.25 is exact in binary: 2.5 rounds to 3");
		assert_eq!(quantize_one(-0.25, 1), Ok(-3));
		assert_eq!(quantize_one(0.125, 2), Ok(13));
		// Just below a half stays below (no `floor(x + 0.5)` double rounding).
		let below_half = f32::from_bits(0.5f32.to_bits() - 1);
		assert_eq!(quantize_one(below_half, 0), Ok(0));
		assert_eq!(quantize_one(-below_half, 0), Ok(0));
		assert_eq!(round_half_away_from_zero(0.499_999_999_999_999_94), 0.0);
	}

	#[test]
	fn zero_and_negative_zero() {
		assert_eq!(quantize_one(0.0, 6), Ok(0));
		assert_eq!(quantize_one(-0.0, 6), Ok(0));
		assert_eq!(quantize_one(-1e-9, 4), Ok(0));
		assert_eq!(quantize_one(f32::MIN_POSITIVE, 18), Ok(0));
	}

	#[test]
	fn scaling_uses_the_exact_f32_value() {
		// 0.1f32 is 0.100000001490116...; at precision 9 that is 100000001.49 → 100000001.
		assert_eq!(quantize_one(0.1, 9), Ok(100_000_001));
		assert_eq!(quantize_one(0.1, 4), Ok(1000));
		assert_eq!(quantize_one(0.9999, 4), Ok(9999));
		assert_eq!(quantize_one(123.456, 2), Ok(12346));
		assert_eq!(quantize_one(-123.454, 2), Ok(-12345));
	}

	#[test]
	fn non_finite_and_out_of_range_are_errors() {
		assert!(matches!(quantize_one(f32::NAN, 0), Err(QuantizeError::NotFinite { .. })));
		assert!(matches!(quantize_one(f32::INFINITY, 0), Err(QuantizeError::NotFinite { .. })));
		assert!(matches!(quantize_one(f32::NEG_INFINITY, 0), Err(QuantizeError::NotFinite { .. })));
		assert!(matches!(quantize_one(f32::MAX, 0), Err(QuantizeError::OutOfRange { .. })));
		assert!(matches!(quantize_one(1e10, 9), Err(QuantizeError::OutOfRange { .. })));
		// 2^63 itself is out of range, -2^63 is i64::MIN and in range.
		assert!(matches!(quantize_one(9.223_372e18, 0), Err(QuantizeError::OutOfRange { .. })));
		assert_eq!(quantize_one(-9.223_372e18, 0), Ok(i64::MIN));
		assert_eq!(quantize_one(9.2e18, 0), Ok(9.2e18f32 as i64));
		let err = quantize([1.0, f32::NAN], 2).unwrap_err();
		assert!(matches!(err, QuantizeError::NotFinite { index: 1, .. }));
		assert!(err.to_string().contains("element 1"));
		assert_eq!(quantize([0.5, -0.5, 0.0], 0), Ok(vec![1, -1, 0]));
	}

	#[test]
	fn dequantize_divides_once_then_rounds_to_f32() {
		assert_eq!(dequantize(&[510, -35, 0], 2), vec![5.1f32, -0.35f32, 0.0]);
		assert_eq!(dequantize_one(1, 1), 0.1f32);
		assert_eq!(dequantize_one(16, 0), 16.0);
		assert_eq!(dequantize_one(i64::MAX, 0), 9.223_372e18);
		assert_eq!(dequantize_one(i64::MIN, 18), -9.223_372);
		assert_eq!(dequantize_one(48598, 4), 4.8598f32);
		// Round trip of every value with at most 4 decimals below 1000 at precision 4.
		for d in (-10_000_000..10_000_000).step_by(9973) {
			let x = dequantize_one(d, 4);
			let back = quantize_one(x, 4).unwrap();
			assert!((back - d).abs() <= 1, "{d} -> {x} -> {back}");
		}
	}
}
