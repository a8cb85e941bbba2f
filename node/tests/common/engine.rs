//! The inference side of the end-to-end tests: the real `verinfer-engine` as a child process
//! ([`EngineProcess`]), a proxy that forwards to it and returns wrong outputs
//! ([`AlteringProxy`]), and the bundled models' recorded samples ([`bundled_samples`]).

use super::{
	free_port,
	http::{self, Response, Server},
	tail_of_file, TestResult, NODE_BIN, POLL_INTERVAL,
};
use std::{
	fs::OpenOptions,
	io::Write,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use subxt::ext::{scale_decode::DecodeAsType, scale_encode::EncodeAsType};
use verinfer_primitives::tensor::Tensor;

/// How long a started engine may take to answer `/health`.
pub const ENGINE_READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one HTTP exchange with an engine may take.
pub const ENGINE_CALL_TIMEOUT: Duration = Duration::from_secs(20);
const LOG_TAIL_LINES: usize = 40;

/// The engine binary built next to the node binary (`cargo build --workspace` builds both).
pub fn engine_bin() -> PathBuf {
	Path::new(NODE_BIN).with_file_name("verinfer-engine")
}

/// The repository's `models/` folder.
pub fn models_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("models")
}

/// A canonical tensor as JSON, SCALE (call arguments) and storage (decoded) see it.
#[derive(Clone, Debug, PartialEq, Eq, EncodeAsType, DecodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct TensorValue {
	pub shape: Vec<u32>,
	pub data: Vec<i64>,
	pub precision: u8,
}

impl TensorValue {
	pub fn from_json(v: &serde_json::Value) -> TestResult<Self> {
		let err = || format!("not a tensor: {v}");
		let shape = v["shape"]
			.as_array()
			.ok_or_else(err)?
			.iter()
			.map(|d| d.as_u64().map(|d| d as u32).ok_or_else(err))
			.collect::<Result<Vec<_>, _>>()?;
		let data = v["data"]
			.as_array()
			.ok_or_else(err)?
			.iter()
			.map(|d| d.as_i64().ok_or_else(err))
			.collect::<Result<Vec<_>, _>>()?;
		let precision = v["precision"].as_u64().ok_or_else(err)? as u8;
		Ok(TensorValue { shape, data, precision })
	}

	pub fn to_json(&self) -> serde_json::Value {
		serde_json::json!({ "shape": self.shape, "data": self.data, "precision": self.precision })
	}

	/// blake2-256 of the SCALE encoding: what the engine reports as `output_hash` and the chain
	/// as `output_hash` / `result_hash`.
	pub fn canonical_hash(&self) -> [u8; 32] {
		Tensor::new(self.shape.clone(), self.data.clone(), self.precision).canonical_hash()
	}

	/// The largest element-wise difference to `other`, or `None` if shape or precision differ.
	pub fn max_diff(&self, other: &TensorValue) -> Option<u64> {
		if self.shape != other.shape
			|| self.precision != other.precision
			|| self.data.len() != other.data.len()
		{
			return None;
		}
		Some(self.data.iter().zip(&other.data).map(|(a, b)| a.abs_diff(*b)).max().unwrap_or(0))
	}
}

/// `0x`-prefixed lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
	let mut s = String::with_capacity(2 + 2 * bytes.len());
	s.push_str("0x");
	for b in bytes {
		s.push_str(&format!("{b:02x}"));
	}
	s
}

/// Parses `0x`-prefixed hex of 32 bytes.
pub fn parse_h256(s: &str) -> TestResult<[u8; 32]> {
	let digits = s.trim_start_matches("0x");
	if digits.len() != 64 {
		return Err(format!("not 32 bytes of hex: {s:?}").into());
	}
	let mut out = [0u8; 32];
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16)
			.map_err(|e| format!("bad hex {s:?}: {e}"))?;
	}
	Ok(out)
}

/// One recorded sample of one bundled model (`models/expected.json`), with what
/// `models/models.json` says about the model.
#[derive(Clone, Debug)]
pub struct Sample {
	pub name: String,
	pub model: [u8; 32],
	pub tolerance: u64,
	pub input: TensorValue,
	/// The output onnxruntime computed, rounded to the model's output precision.
	pub output: TensorValue,
}

impl Sample {
	pub fn model_hex(&self) -> String {
		hex(&self.model)
	}

	/// The `/v1/infer` request for this sample.
	pub fn infer_request(&self) -> serde_json::Value {
		serde_json::json!({ "model": self.model_hex(), "input": self.input.to_json() })
	}
}

fn read_json(path: &Path) -> TestResult<serde_json::Value> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
}

/// The bundled models in the order of `models/models.json`, each with its `index`-th recorded
/// sample (wrapping around if a model has fewer).
pub fn bundled_samples(index: usize) -> TestResult<Vec<Sample>> {
	let models = read_json(&models_dir().join("models.json"))?;
	let expected = read_json(&models_dir().join("expected.json"))?;
	let mut out = Vec::new();
	for m in models["models"].as_array().ok_or("models.json: no models")? {
		let id = m["id"].as_str().ok_or("models.json: model without id")?;
		let name = m["name"].as_str().unwrap_or("?").to_string();
		let tolerance = m["tolerance"].as_u64().ok_or("models.json: model without tolerance")?;
		let recorded = expected["models"]
			.as_array()
			.ok_or("expected.json: no models")?
			.iter()
			.find(|e| e["model"].as_str() == Some(id))
			.ok_or_else(|| format!("expected.json has no samples of {name} ({id})"))?;
		let samples = recorded["samples"].as_array().ok_or("expected.json: no samples")?;
		if samples.is_empty() {
			return Err(format!("expected.json: no samples of {name}").into());
		}
		let sample = &samples[index % samples.len()];
		out.push(Sample {
			name,
			model: parse_h256(id)?,
			tolerance,
			input: TensorValue::from_json(&sample["input"])?,
			output: TensorValue::from_json(&sample["output"])?,
		});
	}
	if out.is_empty() {
		return Err("models.json lists no models".into());
	}
	Ok(out)
}

/// One `verinfer-engine` process serving `models/` on a free loopback port. Killed on drop;
/// the tail of its log is printed if the test panicked.
pub struct EngineProcess {
	name: String,
	dir: Option<tempfile::TempDir>,
	log_path: PathBuf,
	port: u16,
	child: Option<Child>,
}

impl EngineProcess {
	/// Starts the engine and waits until it answers `/health` with every bundled model loaded.
	pub async fn start(name: &str) -> TestResult<Self> {
		let bin = engine_bin();
		if !bin.exists() {
			return Err(format!(
				"{} does not exist: build it with `cargo build --release --locked --workspace --all-targets`",
				bin.display()
			)
			.into());
		}
		let dir = tempfile::Builder::new()
			.prefix(&format!("verinfer-e2e-engine-{}-", name.to_lowercase()))
			.tempdir()?;
		let log_path = dir.path().join("engine.log");
		let port = free_port();
		let mut engine =
			EngineProcess { name: name.to_string(), dir: Some(dir), log_path, port, child: None };
		let mut log = OpenOptions::new().create(true).append(true).open(&engine.log_path)?;
		let models = models_dir();
		let listen = engine.host_port();
		writeln!(
			log,
			"===== verinfer-e2e: {} --models {} --listen {listen} =====",
			bin.display(),
			models.display()
		)?;
		let child = Command::new(&bin)
			.arg("--models")
			.arg(&models)
			.arg("--listen")
			.arg(&listen)
			.env("RUST_LOG", "info")
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
		engine.child = Some(child);
		engine.wait_healthy().await?;
		Ok(engine)
	}

	async fn wait_healthy(&mut self) -> TestResult {
		let expected_models = bundled_samples(0)?.len() as u64;
		let deadline = Instant::now() + ENGINE_READY_TIMEOUT;
		loop {
			if let Some(child) = self.child.as_mut() {
				if let Some(status) = child.try_wait()? {
					self.child = None;
					return Err(format!(
						"engine {} exited with {status}:\n{}",
						self.name,
						self.log_tail(LOG_TAIL_LINES)
					)
					.into());
				}
			}
			let last = match http::get_json(&self.host_port(), "/health", ENGINE_CALL_TIMEOUT).await
			{
				Ok(health) if health["models"].as_u64() == Some(expected_models) => return Ok(()),
				Ok(health) => format!("health {health}, expected {expected_models} models"),
				Err(e) => e.to_string(),
			};
			if Instant::now() > deadline {
				return Err(format!(
					"engine {} not healthy within {ENGINE_READY_TIMEOUT:?} (last: {last})",
					self.name
				)
				.into());
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	pub fn port(&self) -> u16 {
		self.port
	}

	/// `127.0.0.1:<port>`.
	pub fn host_port(&self) -> String {
		format!("127.0.0.1:{}", self.port)
	}

	/// The URL to give a node as `--inference-engine-url`.
	pub fn url(&self) -> String {
		format!("http://127.0.0.1:{}", self.port)
	}

	/// Runs `sample` on this engine and returns its canonical output.
	pub async fn infer(&self, sample: &Sample) -> TestResult<TensorValue> {
		let reply = http::post_json(
			&self.host_port(),
			"/v1/infer",
			&sample.infer_request(),
			ENGINE_CALL_TIMEOUT,
		)
		.await?;
		if reply.status != 200 {
			return Err(format!(
				"engine {}: /v1/infer of {}: status {}: {}",
				self.name,
				sample.name,
				reply.status,
				String::from_utf8_lossy(&reply.body)
			)
			.into());
		}
		let body = reply.body_json()?;
		let output = TensorValue::from_json(&body["output"])?;
		let hash = parse_h256(body["output_hash"].as_str().ok_or("no output_hash")?)?;
		if hash != output.canonical_hash() {
			return Err(
				format!("engine {}: output_hash does not match the output", self.name).into()
			);
		}
		Ok(output)
	}

	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	pub fn log_tail(&self, lines: usize) -> String {
		tail_of_file(&self.log_path, lines)
			.unwrap_or_else(|e| format!("<cannot read {}: {e}>", self.log_path.display()))
	}
}

impl Drop for EngineProcess {
	fn drop(&mut self) {
		self.kill();
		if std::thread::panicking() {
			eprintln!(
				"\n===== last {LOG_TAIL_LINES} log lines of engine {} ({}) =====\n{}\n===== end of log of engine {} =====",
				self.name,
				self.log_path.display(),
				self.log_tail(LOG_TAIL_LINES),
				self.name
			);
		}
		if std::env::var_os("VERINFER_E2E_KEEP").is_some() {
			if let Some(dir) = self.dir.take() {
				eprintln!("keeping the folder of engine {}: {}", self.name, dir.keep().display());
			}
		}
	}
}

/// Counters of an [`AlteringProxy`].
#[derive(Default)]
pub struct ProxyStats {
	/// Requests received.
	pub requests: AtomicU64,
	/// `/v1/infer` answers that were altered.
	pub altered: AtomicU64,
}

/// A faulty engine: forwards every request to a real engine and, in each successful
/// `/v1/infer` answer, adds `delta` to every output element and recomputes `output_hash`, so
/// the answer is well formed, self-consistent and wrong.
pub struct AlteringProxy {
	server: Server,
	pub delta: i64,
	pub stats: Arc<ProxyStats>,
}

impl AlteringProxy {
	pub async fn start(upstream_host_port: String, delta: i64) -> TestResult<Self> {
		let stats = Arc::new(ProxyStats::default());
		let counters = stats.clone();
		let server = Server::start(move |req: http::Request| {
			let upstream = upstream_host_port.clone();
			let counters = counters.clone();
			async move {
				counters.requests.fetch_add(1, Ordering::Relaxed);
				let body = (!req.body.is_empty()).then_some(&req.body[..]);
				let reply = match http::request(
					&upstream,
					&req.method,
					&req.path,
					body,
					ENGINE_CALL_TIMEOUT,
				)
				.await
				{
					Ok(reply) => reply,
					Err(e) => {
						return Response::json(
							502,
							&serde_json::json!({ "error": format!("upstream: {e}"), "kind": "inference_failed" }),
						)
					}
				};
				if req.method == "POST" && req.path == "/v1/infer" && reply.status == 200 {
					match alter(&reply, delta) {
						Ok(altered) => {
							counters.altered.fetch_add(1, Ordering::Relaxed);
							return Response::json(200, &altered);
						}
						Err(e) => eprintln!("[altering proxy] cannot alter an answer: {e}"),
					}
				}
				reply
			}
		})
		.await?;
		Ok(AlteringProxy { server, delta, stats })
	}

	/// The URL to give a node as `--inference-engine-url`.
	pub fn url(&self) -> String {
		self.server.url()
	}

	pub fn altered(&self) -> u64 {
		self.stats.altered.load(Ordering::Relaxed)
	}

	pub fn requests(&self) -> u64 {
		self.stats.requests.load(Ordering::Relaxed)
	}
}

fn alter(reply: &Response, delta: i64) -> TestResult<serde_json::Value> {
	let mut body = reply.body_json()?;
	let mut output = TensorValue::from_json(&body["output"])?;
	for x in output.data.iter_mut() {
		*x = x.saturating_add(delta);
	}
	body["output_hash"] = serde_json::Value::String(hex(&output.canonical_hash()));
	body["output"] = output.to_json();
	Ok(body)
}

/// A loopback URL on which nothing listens (an engine that is down).
pub fn closed_engine_url() -> String {
	format!("http://127.0.0.1:{}", free_port())
}
