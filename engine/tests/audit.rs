//! How closely tract follows onnxruntime beyond the recorded samples.
//!
//! `python3 models/make_models.py --audit /tmp/audit.json` writes every held-out sample of every
//! bundled model with onnxruntime's float and canonical outputs; this test (ignored by default)
//! runs them all through the engine and reports the differences:
//!
//! ```text
//! VERINFER_AUDIT_FILE=/tmp/audit.json cargo test --release -p verinfer-engine --test audit -- --ignored --nocapture
//! ```

mod common;

use std::collections::BTreeMap;
use verinfer_primitives::tensor::Tensor;

#[test]
#[ignore = "needs VERINFER_AUDIT_FILE from models/make_models.py --audit"]
fn tract_against_onnxruntime_on_every_held_out_sample() {
	let path = std::env::var("VERINFER_AUDIT_FILE").expect("VERINFER_AUDIT_FILE");
	let audit: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
	let registry = common::load_all(&common::models_dir());
	#[derive(Default)]
	struct Stats {
		samples: usize,
		elements: usize,
		differing: usize,
		max_units: i64,
		max_float_diff: f64,
	}
	let mut stats: BTreeMap<String, Stats> = BTreeMap::new();
	for s in audit["samples"].as_array().unwrap() {
		let id = serde_json::from_value(s["model"].clone()).unwrap();
		let model = registry.get(&id).expect("model loaded");
		let input: Tensor = serde_json::from_value(s["input"].clone()).unwrap();
		let want: Tensor = serde_json::from_value(s["output"].clone()).unwrap();
		let ort_floats: Vec<f64> = serde_json::from_value(s["float_output"].clone()).unwrap();
		let (got, _) = model.infer(&input).unwrap();
		let (_, tract_floats) = model.run_floats(&input).unwrap();
		assert_eq!(got.shape, want.shape);
		let e = stats.entry(s["name"].as_str().unwrap().to_string()).or_default();
		e.samples += 1;
		for (i, (g, w)) in got.data.iter().zip(&want.data).enumerate() {
			e.elements += 1;
			e.differing += usize::from(g != w);
			e.max_units = e.max_units.max((g - w).abs());
			e.max_float_diff =
				e.max_float_diff.max((f64::from(tract_floats[i]) - ort_floats[i]).abs());
		}
	}
	for (name, s) in &stats {
		println!(
			"{name}: {} samples, {} output elements, {} differ from onnxruntime (largest: {} unit), \
			 largest float difference {:e}",
			s.samples, s.elements, s.differing, s.max_units, s.max_float_diff
		);
	}
	assert!(stats.values().all(|s| s.max_units <= 1), "honest engines differ by at most one unit");
}
