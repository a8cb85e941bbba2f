//! The models the engine serves: loading a folder, identifying each file, running it.
//!
//! Every `*.onnx` file of the models folder is one model. Its id is the blake2-256 of the file's
//! bytes, computed from the very bytes that tract parses. Next to it, a sidecar with the same
//! stem and the `.json` extension (`iris.onnx` → `iris.json`) declares what the ONNX graph cannot:
//!
//! ```json
//! { "name": "iris-logreg",
//!   "id": "0x2040…26d9",
//!   "input":  { "shape": [1, 4], "precision": 2 },
//!   "output": { "shape": [1, 3], "precision": 4 },
//!   "tolerance": 1 }
//! ```
//!
//! `name`, `input` and `output` are required. `id` is optional; when present it must equal the
//! file's hash, so a sidecar can never describe a different file. `tolerance` (default 0) is the
//! suggested agreement tolerance in units of the output precision; extra fields are ignored.
//!
//! The input precision is taken from the sidecar, not from requests: a request whose input
//! precision differs is refused. A model loads only if its graph has one input and one output, the
//! declared input shape makes tract infer an `f32` output of exactly the declared output shape,
//! and a trial run on zeros succeeds. A file that fails any of this is skipped with an error in
//! the log; the engine serves the rest.

use crate::canonical::{self, QuantizeError};
use serde::Deserialize;
use std::{
	collections::BTreeMap,
	fmt, fs,
	path::{Path, PathBuf},
	sync::Arc,
	time::Instant,
};
// The glob brings tract's traits (Framework, InferenceModelExt, IntoRunnable, DatumExt…); the
// explicit imports below (our `Tensor`) take precedence over its names.
use tract_onnx::prelude::*;
use verinfer_primitives::{
	engine::ModelInfo,
	ids::ModelId,
	tensor::{InputRange, Tensor, TensorError, TensorSpec},
};

/// Log target of the engine.
pub const LOG_TARGET: &str = "verinfer::engine";

/// What the sidecar of a model declares.
#[derive(Clone, Debug, Deserialize)]
pub struct Sidecar {
	/// Human-readable name.
	pub name: String,
	/// The file's id, checked when present.
	#[serde(default)]
	pub id: Option<ModelId>,
	/// Shape and precision of the input.
	pub input: TensorSpec,
	/// Shape and precision of the output.
	pub output: TensorSpec,
	/// Suggested agreement tolerance, in output units.
	#[serde(default)]
	pub tolerance: u64,
	/// The range every input element must lie in (as registered on chain), if declared.
	#[serde(default)]
	pub input_range: Option<InputRange>,
}

/// Why a model file was not loaded.
#[derive(Debug)]
pub struct LoadError {
	/// The `.onnx` file.
	pub file: PathBuf,
	/// What went wrong.
	pub reason: String,
}

impl fmt::Display for LoadError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "{}: {}", self.file.display(), self.reason)
	}
}

impl std::error::Error for LoadError {}

/// Why a request could not be answered with an output.
#[derive(Debug)]
pub enum InferError {
	/// The input's precision differs from the model's.
	WrongPrecision { expected: u8, actual: u8 },
	/// The input's shape differs from the model's.
	WrongShape { expected: Vec<u32>, actual: Vec<u32> },
	/// The input tensor is not well formed.
	InvalidTensor(TensorError),
	/// An input element lies outside the model's declared range.
	OutOfRange(InputRange),
	/// The output cannot be expressed at the output precision.
	Output(QuantizeError),
	/// tract failed.
	Run(String),
}

impl fmt::Display for InferError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::WrongPrecision { expected, actual } => write!(
				f,
				"wrong precision: the model takes input at precision {expected}, the request has {actual}"
			),
			Self::WrongShape { expected, actual } => write!(
				f,
				"wrong shape: the model takes input of shape {expected:?}, the request has {actual:?}"
			),
			Self::InvalidTensor(e) => write!(f, "invalid input tensor: {e}"),
			Self::OutOfRange(r) => write!(
				f,
				"input out of range: the model takes elements from {} to {}",
				r.min, r.max
			),
			Self::Output(e) => write!(f, "output not representable: {e}"),
			Self::Run(e) => write!(f, "inference failed: {e}"),
		}
	}
}

/// One loaded, ready-to-run model.
pub struct Model {
	info: ModelInfo,
	file: PathBuf,
	input_shape: Vec<usize>,
	plan: Arc<TypedRunnableModel>,
}

impl fmt::Debug for Model {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.debug_struct("Model").field("info", &self.info).field("file", &self.file).finish()
	}
}

fn load_err(file: &Path, reason: impl fmt::Display) -> LoadError {
	LoadError { file: file.to_path_buf(), reason: reason.to_string() }
}

/// The blake2-256 of a model file's bytes: its id.
pub fn model_id(bytes: &[u8]) -> ModelId {
	ModelId::from(sp_crypto_hashing::blake2_256(bytes))
}

/// The sidecar path of a model file: same stem, `.json`.
pub fn sidecar_path(onnx: &Path) -> PathBuf {
	onnx.with_extension("json")
}

impl Model {
	/// Loads one `.onnx` file and its sidecar.
	pub fn load(file: &Path) -> Result<Model, LoadError> {
		let bytes = fs::read(file).map_err(|e| load_err(file, format!("cannot read: {e}")))?;
		let side_path = sidecar_path(file);
		let side_bytes = fs::read(&side_path).map_err(|e| {
			load_err(file, format!("cannot read its sidecar {}: {e}", side_path.display()))
		})?;
		let sidecar: Sidecar = serde_json::from_slice(&side_bytes).map_err(|e| {
			load_err(file, format!("its sidecar {} is invalid: {e}", side_path.display()))
		})?;
		Self::from_parts(file, &bytes, sidecar)
	}

	/// Builds a model from the file's bytes and its sidecar.
	pub fn from_parts(file: &Path, bytes: &[u8], sidecar: Sidecar) -> Result<Model, LoadError> {
		let id = model_id(bytes);
		if let Some(declared) = sidecar.id {
			if declared != id {
				return Err(load_err(
					file,
					format!("the sidecar declares id {declared:?} but the file hashes to {id:?}"),
				));
			}
		}
		for (what, spec) in [("input", &sidecar.input), ("output", &sidecar.output)] {
			spec.validate().map_err(|e| load_err(file, format!("declared {what}: {e}")))?;
		}
		let input_shape: Vec<usize> = sidecar.input.shape.iter().map(|d| *d as usize).collect();
		let output_shape: Vec<usize> = sidecar.output.shape.iter().map(|d| *d as usize).collect();

		let tract_err = |e: TractError| load_err(file, format!("{e:#}"));
		let model = tract_onnx::onnx().model_for_read(&mut &bytes[..]).map_err(tract_err)?;
		let (inputs, outputs) = (
			model.input_outlets().map_err(tract_err)?.len(),
			model.output_outlets().map_err(tract_err)?.len(),
		);
		if inputs != 1 || outputs != 1 {
			return Err(load_err(
				file,
				format!(
					"the graph has {inputs} inputs and {outputs} outputs; \
					 exactly one of each is supported"
				),
			));
		}
		let fact: InferenceFact = f32::fact(input_shape.clone()).into();
		let typed = model
			.with_input_fact(0, fact)
			.map_err(tract_err)?
			.into_optimized()
			.map_err(tract_err)?;
		let out_fact: &TypedFact = typed.output_fact(0).map_err(tract_err)?;
		if out_fact.datum_type != f32::datum_type() {
			return Err(load_err(
				file,
				format!("the output is {:?}; only f32 outputs are supported", out_fact.datum_type),
			));
		}
		match out_fact.shape.as_concrete() {
			Some(s) if s == output_shape.as_slice() => {}
			other => {
				return Err(load_err(
					file,
					format!(
						"for input shape {input_shape:?} the graph's output shape is {other:?}, \
						 but the sidecar declares {output_shape:?}"
					),
				))
			}
		}
		let plan = typed.into_runnable().map_err(tract_err)?;
		let model = Model {
			info: ModelInfo {
				id,
				name: sidecar.name,
				input: sidecar.input,
				output: sidecar.output,
				tolerance: sidecar.tolerance,
				input_range: sidecar.input_range,
			},
			file: file.to_path_buf(),
			input_shape,
			plan,
		};
		// A trial run proves the plan works before any request depends on it.
		let zeros = Tensor::new(
			model.info.input.shape.to_vec(),
			vec![0; model.input_len()],
			model.info.input.precision,
		);
		model.run_floats(&zeros).map_err(|e| load_err(file, format!("trial run: {e}")))?;
		Ok(model)
	}

	/// Id, name and specs.
	pub fn info(&self) -> &ModelInfo {
		&self.info
	}

	/// The file the model was loaded from.
	pub fn file(&self) -> &Path {
		&self.file
	}

	fn input_len(&self) -> usize {
		self.input_shape.iter().product()
	}

	/// Checks a request's input against the model's declared input.
	pub fn check_input(&self, input: &Tensor) -> Result<(), InferError> {
		let spec = &self.info.input;
		if input.precision != spec.precision {
			return Err(InferError::WrongPrecision {
				expected: spec.precision,
				actual: input.precision,
			});
		}
		if input.shape.as_slice() != spec.shape.as_slice() {
			return Err(InferError::WrongShape {
				expected: spec.shape.to_vec(),
				actual: input.shape.clone(),
			});
		}
		input.validate().map_err(InferError::InvalidTensor)?;
		match self.info.input_range {
			Some(range) if !range.contains_all(&input.data) => Err(InferError::OutOfRange(range)),
			_ => Ok(()),
		}
	}

	/// Runs the model on an input already checked by [`Model::check_input`] and returns the output
	/// shape and its float values before rounding (for diagnostics; requests use [`Model::infer`]).
	pub fn run_floats(&self, input: &Tensor) -> Result<(Vec<u32>, Vec<f32>), InferError> {
		let x = canonical::dequantize(&input.data, input.precision);
		let t = tract_onnx::prelude::Tensor::from_shape(&self.input_shape, &x)
			.map_err(|e| InferError::Run(format!("{e:#}")))?;
		let outputs =
			self.plan.run(tvec!(t.into_tvalue())).map_err(|e| InferError::Run(format!("{e:#}")))?;
		let out = outputs.first().ok_or_else(|| InferError::Run("no output".into()))?;
		let view =
			out.to_plain_array_view::<f32>().map_err(|e| InferError::Run(format!("{e:#}")))?;
		let shape = view.shape().iter().map(|d| *d as u32).collect::<Vec<_>>();
		if shape.as_slice() != self.info.output.shape.as_slice() {
			return Err(InferError::Run(format!(
				"output shape {shape:?} differs from the declared {:?}",
				self.info.output.shape.to_vec()
			)));
		}
		// `iter` walks the logical (row-major) order whatever the memory layout.
		Ok((shape, view.iter().copied().collect()))
	}

	/// Runs the model: checks the input, dequantizes it, runs the graph in f32 and rounds the
	/// output to the declared output precision. Returns the output and the microseconds spent.
	pub fn infer(&self, input: &Tensor) -> Result<(Tensor, u64), InferError> {
		self.check_input(input)?;
		let start = Instant::now();
		let (shape, values) = self.run_floats(input)?;
		let precision = self.info.output.precision;
		let data = canonical::quantize(values, precision).map_err(InferError::Output)?;
		let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
		Ok((Tensor::new(shape, data, precision), micros))
	}
}

/// All loaded models, by id.
#[derive(Debug, Default)]
pub struct Registry {
	models: BTreeMap<ModelId, Arc<Model>>,
}

impl Registry {
	/// Loads every `*.onnx` file of `dir` (not recursing). Files that fail to load are returned
	/// beside the registry; only an unreadable folder is an error.
	pub fn load_dir(dir: &Path) -> std::io::Result<(Registry, Vec<LoadError>)> {
		let mut files: Vec<PathBuf> = fs::read_dir(dir)?
			.filter_map(|e| e.ok().map(|e| e.path()))
			.filter(|p| p.extension().is_some_and(|e| e == "onnx") && p.is_file())
			.collect();
		files.sort();
		let mut registry = Registry::default();
		let mut errors = Vec::new();
		for file in files {
			match Model::load(&file) {
				Ok(model) => {
					if let Some(existing) = registry.get(&model.info.id) {
						errors.push(load_err(
							&file,
							format!(
								"same bytes (id {:?}) as {}, which is already loaded",
								model.info.id,
								existing.file.display()
							),
						));
						continue;
					}
					registry.insert(model);
				}
				Err(e) => errors.push(e),
			}
		}
		Ok((registry, errors))
	}

	/// Adds a model.
	pub fn insert(&mut self, model: Model) {
		self.models.insert(model.info.id, Arc::new(model));
	}

	/// The model with this id.
	pub fn get(&self, id: &ModelId) -> Option<Arc<Model>> {
		self.models.get(id).cloned()
	}

	/// Number of models.
	pub fn len(&self) -> usize {
		self.models.len()
	}

	/// Whether no model is loaded.
	pub fn is_empty(&self) -> bool {
		self.models.is_empty()
	}

	/// Descriptions of all models, ordered by name, then id.
	pub fn infos(&self) -> Vec<ModelInfo> {
		let mut infos: Vec<ModelInfo> = self.models.values().map(|m| m.info.clone()).collect();
		infos.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
		infos
	}
}
