//! The inference side of the end-to-end tests: the real `verinfer-engine` as a child process
//! ([`EngineProcess`]), a proxy that forwards to it and returns wrong outputs
//! ([`AlteringProxy`]), and the bundled models' recorded samples ([`bundled_samples`]).

use crate::{
	free_port,
	http::{self, Response, Server},
	logs, models_dir, workspace_bin, TestResult, POLL_INTERVAL,
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
use verinfer_primitives::{chain::parse_hash, engine::InferResponse, tensor::Tensor, ModelId};

/// How long a started engine may take to answer `/health`.
pub const ENGINE_READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one HTTP exchange with an engine may take.
pub const ENGINE_CALL_TIMEOUT: Duration = Duration::from_secs(20);
const LOG_TAIL_LINES: usize = 40;

/// The largest element-wise difference between two tensors, or `None` if their shape or
/// precision differ.
pub fn max_diff(a: &Tensor, b: &Tensor) -> Option<u64> {
	if a.shape != b.shape || a.precision != b.precision || a.data.len() != b.data.len() {
		return None;
	}
	Some(a.data.iter().zip(&b.data).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0))
}

/// A tensor from its JSON form (`{"shape", "data", "precision"}`).
pub fn tensor_from_json(v: &serde_json::Value) -> TestResult<Tensor> {
	Ok(serde_json::from_value(v.clone()).map_err(|e| format!("not a tensor ({e}): {v}"))?)
}

/// One recorded sample of one bundled model (`models/expected.json`), with what
/// `models/models.json` says about the model.
#[derive(Clone, Debug)]
pub struct Sample {
	/// The model's name.
	pub name: String,
	/// The model's id.
	pub model: ModelId,
	/// The model's agreement tolerance.
	pub tolerance: u64,
	/// The recorded input.
	pub input: Tensor,
	/// The output onnxruntime computed, rounded to the model's output precision.
	pub output: Tensor,
}

impl Sample {
	/// The `/v1/infer` request for this sample.
	pub fn infer_request(&self) -> serde_json::Value {
		serde_json::json!({ "model": self.model, "input": self.input })
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
			model: parse_hash(id, "model id")?,
			tolerance,
			input: tensor_from_json(&sample["input"])?,
			output: tensor_from_json(&sample["output"])?,
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
	/// Owns the folder holding the log; removed on drop.
	dir: Option<tempfile::TempDir>,
	log_path: PathBuf,
	port: u16,
	child: Option<Child>,
}

impl EngineProcess {
	/// Starts the engine and waits until it answers `/health` with every bundled model loaded.
	pub async fn start(name: &str) -> TestResult<Self> {
		let bin = workspace_bin("verinfer-engine");
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
						logs::tail(&self.log_path, LOG_TAIL_LINES)
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

	/// The port it listens on.
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
	pub async fn infer(&self, sample: &Sample) -> TestResult<Tensor> {
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
		let answer: InferResponse = serde_json::from_slice(&reply.body)
			.map_err(|e| format!("engine {}: /v1/infer answered {e}", self.name))?;
		if answer.output_hash.0 != answer.output.canonical_hash() {
			return Err(
				format!("engine {}: output_hash does not match the output", self.name).into()
			);
		}
		Ok(answer.output)
	}

	/// Kills the process and waits for it to exit.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// The engine's log file.
	pub fn log_path(&self) -> &Path {
		&self.log_path
	}
}

impl Drop for EngineProcess {
	fn drop(&mut self) {
		self.kill();
		logs::print_tail_if_panicking(
			&format!("engine {}", self.name),
			&self.log_path,
			LOG_TAIL_LINES,
		);
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
	/// What it adds to every output element.
	pub delta: i64,
	/// What it did so far.
	pub stats: Arc<ProxyStats>,
}

impl AlteringProxy {
	/// Starts the proxy in front of the engine at `upstream_host_port`.
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
							return Response::json(200, &serde_json::json!(altered));
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

	/// Answers it altered so far.
	pub fn altered(&self) -> u64 {
		self.stats.altered.load(Ordering::Relaxed)
	}

	/// Requests it received so far.
	pub fn requests(&self) -> u64 {
		self.stats.requests.load(Ordering::Relaxed)
	}
}

fn alter(reply: &Response, delta: i64) -> TestResult<InferResponse> {
	let mut answer: InferResponse = serde_json::from_slice(&reply.body)?;
	for x in answer.output.data.iter_mut() {
		*x = x.saturating_add(delta);
	}
	answer.output_hash = answer.output.canonical_hash().into();
	Ok(answer)
}

/// A loopback URL on which nothing listens (an engine that is down).
pub fn closed_engine_url() -> String {
	format!("http://127.0.0.1:{}", free_port())
}
