//! The canonical fixed-point tensor (`x ≈ data / 10^precision`) as the CLI reads, checks and
//! prints it. Same SCALE encoding and hash as `verinfer_primitives::tensor::Tensor`.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use subxt::ext::{codec::Encode, scale_decode::DecodeAsType, scale_encode::EncodeAsType};

/// Shape, row-major integers and decimal precision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, DecodeAsType, EncodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
#[serde(deny_unknown_fields)]
pub struct Tensor {
	/// Dimensions, outermost first.
	pub shape: Vec<u32>,
	/// Elements, row-major, scaled by `10^precision`.
	pub data: Vec<i64>,
	/// Decimal digits after the point.
	pub precision: u8,
}

/// Shape and precision a model declares for its input or output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, DecodeAsType, EncodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct TensorSpec {
	/// Dimensions, outermost first.
	pub shape: Vec<u32>,
	/// Decimal digits after the point.
	pub precision: u8,
}

impl TensorSpec {
	/// Number of elements.
	pub fn elements(&self) -> u64 {
		self.shape.iter().map(|d| *d as u64).product()
	}

	/// `[1, 4] @ 2` style.
	pub fn describe(&self) -> String {
		format!("{:?} at precision {}", self.shape, self.precision)
	}
}

impl Tensor {
	/// SCALE bytes: `compact(rank) ‖ shape u32 LE ‖ compact(len) ‖ data i64 LE ‖ precision`.
	pub fn encoded(&self) -> Vec<u8> {
		(&self.shape, &self.data, self.precision).encode()
	}

	/// blake2-256 of the SCALE bytes: the chain's `input_hash` / `result_hash`.
	pub fn canonical_hash(&self) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&self.encoded())
	}

	/// The real values `data[i] / 10^precision`.
	pub fn dequantized(&self) -> Vec<f64> {
		let scale = 10f64.powi(self.precision as i32);
		self.data.iter().map(|v| *v as f64 / scale).collect()
	}

	/// Checks the tensor against a model's spec, in words.
	pub fn check_against(&self, spec: &TensorSpec) -> Result<()> {
		if self.shape != spec.shape {
			bail!("the input has shape {:?} but the model takes {:?}", self.shape, spec.shape);
		}
		if self.precision != spec.precision {
			bail!(
				"the input has precision {} but the model takes precision {}",
				self.precision,
				spec.precision
			);
		}
		if self.data.len() as u64 != spec.elements() {
			bail!(
				"the input has {} elements but shape {:?} needs {}",
				self.data.len(),
				spec.shape,
				spec.elements()
			);
		}
		Ok(())
	}
}

/// Reads `--input` text for a model input spec: integers at the spec's precision, or with
/// `real`, numbers rounded (half away from zero) to it.
pub fn parse_input_list(text: &str, spec: &TensorSpec, real: bool) -> Result<Tensor> {
	let items: Vec<&str> = text
		.split(|c: char| c == ',' || c.is_whitespace())
		.map(str::trim)
		.filter(|s| !s.is_empty())
		.collect();
	if items.is_empty() {
		bail!("--input has no values");
	}
	let mut data = Vec::with_capacity(items.len());
	for item in items {
		if real {
			let v: f64 = item.parse().with_context(|| format!("{item:?} is not a number"))?;
			data.push(quantize(v, spec.precision)?);
		} else {
			let v: i64 = item.parse().with_context(|| {
				format!(
					"{item:?} is not an integer; --input takes fixed-point integers at precision {} \
					 (add --real to give real numbers)",
					spec.precision
				)
			})?;
			data.push(v);
		}
	}
	let tensor = Tensor { shape: spec.shape.clone(), data, precision: spec.precision };
	tensor.check_against(spec)?;
	Ok(tensor)
}

/// Reads an input JSON file: `{shape, data, precision}`, or only the `data` array (the shape
/// and precision are then the model's).
pub fn parse_input_json(text: &str, spec: &TensorSpec) -> Result<Tensor> {
	let value: serde_json::Value =
		serde_json::from_str(text).context("the input file is not JSON")?;
	let tensor = if value.is_array() {
		let data: Vec<i64> =
			serde_json::from_value(value).context("the input array must hold integers")?;
		Tensor { shape: spec.shape.clone(), data, precision: spec.precision }
	} else {
		serde_json::from_value(value).context(
			"the input file must be {\"shape\": [...], \"data\": [...], \"precision\": p}",
		)?
	};
	tensor.check_against(spec)?;
	Ok(tensor)
}

fn quantize(v: f64, precision: u8) -> Result<i64> {
	let scaled = v * 10f64.powi(precision as i32);
	if !scaled.is_finite() || scaled.abs() >= i64::MAX as f64 {
		bail!("{v} does not fit at precision {precision}");
	}
	Ok(scaled.round() as i64)
}

/// `[630, 340] = [6.30, 3.40]` for printing.
pub fn describe(t: &Tensor) -> String {
	let floats: Vec<String> =
		t.dequantized().iter().map(|f| format!("{:.*}", t.precision as usize, f)).collect();
	format!("{:?} = [{}]", t.data, floats.join(", "))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn iris() -> TensorSpec {
		TensorSpec { shape: vec![1, 4], precision: 2 }
	}

	#[test]
	fn inputs() {
		let t = parse_input_list("630,340,560,240", &iris(), false).unwrap();
		assert_eq!(t.data, vec![630, 340, 560, 240]);
		let r = parse_input_list("6.3, 3.4, 5.6, 2.4", &iris(), true).unwrap();
		assert_eq!(r, t);
		assert!(parse_input_list("1,2,3", &iris(), false).is_err());
		assert!(parse_input_list("6.3,1,2,3", &iris(), false).is_err());
		let j =
			parse_input_json(r#"{"shape":[1,4],"data":[630,340,560,240],"precision":2}"#, &iris())
				.unwrap();
		assert_eq!(j, t);
		assert_eq!(parse_input_json("[630,340,560,240]", &iris()).unwrap(), t);
	}

	#[test]
	fn hash_matches_the_bundled_expectation() {
		// models/expected.json: iris output [0, 349, 9650] at precision 4.
		let out = Tensor { shape: vec![1, 3], data: vec![0, 349, 9650], precision: 4 };
		assert_eq!(
			hex::encode(out.canonical_hash()),
			"89f379d2856df11f25ea1c8792f59c55732657df2b387d037865eedb90ae6b47"
		);
		assert_eq!(describe(&out), "[0, 349, 9650] = [0.0000, 0.0349, 0.9650]");
	}
}
