//! Tensors on the command line: reading an input for a model's input spec, and printing
//! tensors. The types are `verinfer_primitives::tensor`'s (`x ≈ data / 10^precision`).

use anyhow::{bail, Context, Result};
use verinfer_primitives::tensor::{Tensor, TensorSpec};

/// `[1, 4] at precision 2`.
pub fn describe_spec(spec: &TensorSpec) -> String {
	format!("{:?} at precision {}", &spec.shape[..], spec.precision)
}

/// The real values `data[i] / 10^precision`.
pub fn dequantized(t: &Tensor) -> Vec<f64> {
	let scale = 10f64.powi(t.precision as i32);
	t.data.iter().map(|v| *v as f64 / scale).collect()
}

/// Checks a tensor against a model's input spec, in words.
pub fn check_against(t: &Tensor, spec: &TensorSpec) -> Result<()> {
	if t.shape[..] != spec.shape[..] {
		bail!("the input has shape {:?} but the model takes {:?}", t.shape, &spec.shape[..]);
	}
	if t.precision != spec.precision {
		bail!(
			"the input has precision {} but the model takes precision {}",
			t.precision,
			spec.precision
		);
	}
	let elements = spec.element_count().unwrap_or(u64::MAX);
	if t.data.len() as u64 != elements {
		bail!(
			"the input has {} elements but shape {:?} needs {elements}",
			t.data.len(),
			&spec.shape[..],
		);
	}
	Ok(())
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
	let tensor = Tensor::new(spec.shape.to_vec(), data, spec.precision);
	check_against(&tensor, spec)?;
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
		Tensor::new(spec.shape.to_vec(), data, spec.precision)
	} else {
		serde_json::from_value(value).context(
			"the input file must be {\"shape\": [...], \"data\": [...], \"precision\": p}",
		)?
	};
	check_against(&tensor, spec)?;
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
		dequantized(t).iter().map(|f| format!("{:.*}", t.precision as usize, f)).collect();
	format!("{:?} = [{}]", t.data, floats.join(", "))
}

/// `[1, 3] @4: [0, 349, 9650] = [0.0000, 0.0349, 0.9650]`.
pub fn describe_with_shape(t: &Tensor) -> String {
	format!("{:?} @{}: {}", t.shape, t.precision, describe(t))
}

#[cfg(test)]
mod tests {
	use super::*;
	use verinfer_primitives::tensor::BoundedShape;

	fn iris() -> TensorSpec {
		TensorSpec { shape: BoundedShape::truncate_from(vec![1, 4]), precision: 2 }
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
		let out = Tensor::new(vec![1, 3], vec![0, 349, 9650], 4);
		assert_eq!(
			hex::encode(out.canonical_hash()),
			"89f379d2856df11f25ea1c8792f59c55732657df2b387d037865eedb90ae6b47"
		);
		assert_eq!(describe(&out), "[0, 349, 9650] = [0.0000, 0.0349, 0.9650]");
	}
}
