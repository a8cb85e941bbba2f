//! Loading a models folder: ids, sidecars, and every way a file can fail to load without taking
//! the others down.

mod common;

use common::{fixtures_dir, models_dir};
use std::{fs, path::Path};
use verinfer_engine::{
	registry::{model_id, InferError, Model, Sidecar},
	Registry,
};
use verinfer_primitives::tensor::Tensor;

fn copy(from: &Path, to: &Path, names: &[&str]) {
	for n in names {
		fs::copy(from.join(n), to.join(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
	}
}

fn iris_files() -> [&'static str; 2] {
	["iris-logreg.onnx", "iris-logreg.json"]
}

fn errors_of(dir: &Path) -> (Registry, Vec<String>) {
	let (registry, errors) = Registry::load_dir(dir).unwrap();
	(registry, errors.iter().map(|e| e.to_string()).collect())
}

#[test]
fn bundled_models_load_with_their_recorded_ids() {
	let (registry, errors) = errors_of(&models_dir());
	assert!(errors.is_empty(), "{errors:?}");
	assert_eq!(registry.len(), 3);
	for info in registry.infos() {
		let bytes = fs::read(models_dir().join(format!("{}.onnx", info.name))).unwrap();
		assert_eq!(info.id, model_id(&bytes));
		let side: Sidecar = serde_json::from_slice(
			&fs::read(models_dir().join(format!("{}.json", info.name))).unwrap(),
		)
		.unwrap();
		assert_eq!(side.id, Some(info.id));
	}
}

#[test]
fn a_broken_file_is_skipped_and_the_rest_load() {
	let dir = tempfile::tempdir().unwrap();
	let d = dir.path();
	copy(&models_dir(), d, &iris_files());
	// Not ONNX at all.
	fs::write(d.join("garbage.onnx"), b"this is not a protobuf").unwrap();
	fs::write(d.join("garbage.json"), fs::read(models_dir().join("iris-logreg.json")).unwrap())
		.unwrap();
	// No sidecar.
	fs::copy(models_dir().join("digits-mlp.onnx"), d.join("lonely.onnx")).unwrap();
	// An operator tract does not know.
	copy(&fixtures_dir(), d, &["unsupported.onnx", "unsupported.json"]);
	// Other files are ignored.
	fs::write(d.join("README.txt"), b"not a model").unwrap();
	fs::create_dir(d.join("sub.onnx")).unwrap();

	let (registry, errors) = errors_of(d);
	assert_eq!(registry.len(), 1, "{errors:?}");
	assert_eq!(registry.infos()[0].name, "iris-logreg");
	assert_eq!(errors.len(), 3, "{errors:?}");
	assert!(
		errors.iter().any(|e| e.contains("garbage.onnx") && e.contains("the sidecar declares id")),
		"{errors:?}"
	);
	assert!(
		errors.iter().any(|e| e.contains("lonely.onnx") && e.contains("cannot read its sidecar")),
		"{errors:?}"
	);
	assert!(
		errors.iter().any(|e| e.contains("unsupported.onnx") && e.contains("Frobnicate")),
		"{errors:?}"
	);
}

#[test]
fn garbage_with_a_sidecar_without_id_fails_in_tract() {
	let dir = tempfile::tempdir().unwrap();
	fs::write(dir.path().join("g.onnx"), b"\x08\x01garbage").unwrap();
	fs::write(
		dir.path().join("g.json"),
		br#"{"name":"g","input":{"shape":[1],"precision":0},"output":{"shape":[1],"precision":0}}"#,
	)
	.unwrap();
	let (registry, errors) = errors_of(dir.path());
	assert!(registry.is_empty());
	assert_eq!(errors.len(), 1);
	assert!(errors[0].contains("g.onnx"), "{errors:?}");
}

#[test]
fn sidecar_mistakes_are_reported() {
	let bytes = fs::read(models_dir().join("iris-logreg.onnx")).unwrap();
	let base: serde_json::Value =
		serde_json::from_slice(&fs::read(models_dir().join("iris-logreg.json")).unwrap()).unwrap();
	let try_side = |edit: &dyn Fn(&mut serde_json::Value)| -> String {
		let mut v = base.clone();
		edit(&mut v);
		let side: Sidecar = serde_json::from_value(v).unwrap();
		Model::from_parts(Path::new("iris.onnx"), &bytes, side).unwrap_err().to_string()
	};
	let e = try_side(&|v| v["output"]["shape"] = serde_json::json!([1, 4]));
	assert!(e.contains("output shape") && e.contains("[1, 4]"), "{e}");
	let e = try_side(&|v| v["input"]["shape"] = serde_json::json!([1, 5]));
	assert!(e.contains("iris.onnx"), "{e}");
	let e = try_side(&|v| v["input"]["precision"] = serde_json::json!(19));
	assert!(e.contains("declared input") && e.contains("precision 19"), "{e}");
	let e = try_side(&|v| v["id"] = serde_json::json!(format!("0x{}", "00".repeat(32))));
	assert!(e.contains("the sidecar declares id"), "{e}");
	// Without an id the sidecar is accepted, and the id is the file's hash.
	let mut v = base.clone();
	v.as_object_mut().unwrap().remove("id");
	let model =
		Model::from_parts(Path::new("iris.onnx"), &bytes, serde_json::from_value(v).unwrap())
			.unwrap();
	assert_eq!(model.info().id, model_id(&bytes));
	// A sidecar that is not JSON.
	let dir = tempfile::tempdir().unwrap();
	fs::write(dir.path().join("m.onnx"), &bytes).unwrap();
	fs::write(dir.path().join("m.json"), b"{").unwrap();
	let (_, errors) = errors_of(dir.path());
	assert!(errors[0].contains("sidecar") && errors[0].contains("invalid"), "{errors:?}");
}

#[test]
fn the_same_file_twice_is_loaded_once() {
	let dir = tempfile::tempdir().unwrap();
	copy(&models_dir(), dir.path(), &iris_files());
	fs::copy(models_dir().join("iris-logreg.onnx"), dir.path().join("copy.onnx")).unwrap();
	fs::copy(models_dir().join("iris-logreg.json"), dir.path().join("copy.json")).unwrap();
	let (registry, errors) = errors_of(dir.path());
	assert_eq!(registry.len(), 1);
	assert_eq!(errors.len(), 1);
	assert!(errors[0].contains("already loaded"), "{errors:?}");
}

#[test]
fn an_empty_folder_loads_nothing_and_a_missing_one_is_an_error() {
	let dir = tempfile::tempdir().unwrap();
	let (registry, errors) = errors_of(dir.path());
	assert!(registry.is_empty() && errors.is_empty());
	assert!(Registry::load_dir(&dir.path().join("missing")).is_err());
}

#[test]
fn direct_inference_checks_its_input() {
	let model = Model::load(&models_dir().join("iris-logreg.onnx")).unwrap();
	let ok = Tensor::new(vec![1, 4], vec![510, 350, 140, 20], 2);
	let (out, _micros) = model.infer(&ok).unwrap();
	assert_eq!(out.shape, vec![1, 3]);
	assert_eq!(out.precision, 4);
	assert!(matches!(
		model.infer(&Tensor::new(vec![1, 4], vec![1, 2, 3, 4], 1)),
		Err(InferError::WrongPrecision { expected: 2, actual: 1 })
	));
	assert!(matches!(
		model.infer(&Tensor::new(vec![2, 4], vec![0; 8], 2)),
		Err(InferError::WrongShape { .. })
	));
	assert!(matches!(
		model.infer(&Tensor::new(vec![1, 4], vec![0; 5], 2)),
		Err(InferError::InvalidTensor(_))
	));
	// Inputs outside the declared range are refused before the model runs...
	assert!(matches!(
		model.infer(&Tensor::new(vec![1, 4], vec![i64::MAX, i64::MIN, i64::MAX, 0], 2)),
		Err(InferError::OutOfRange(range)) if range.min == 0 && range.max == 1000
	));
	// ...and those at its edges still give finite probabilities (a stable softmax).
	let (out, _) = model.infer(&Tensor::new(vec![1, 4], vec![1000, 0, 1000, 0], 2)).unwrap();
	assert_eq!(out.data.iter().sum::<i64>(), 10_000, "{out:?}");
}
