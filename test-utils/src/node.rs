//! `verinfer-node` processes for end-to-end tests.
//!
//! [`NodeProcess`] owns one node: its temporary base path, its log file, its ports and its child
//! process. The process is killed on drop (also while a test panics), the tail of its log is
//! printed when the test panicked, and the temporary folder is removed afterwards (set
//! `VERINFER_E2E_KEEP=1` to keep it for inspection). [`Rpc`] is its JSON-RPC connection: the
//! standard `chain_*`/`system_*` methods the tests poll, and [`Rpc::node`], the typed
//! `inference_*`/`reputation_*` client.

use crate::{
	free_port, logs, process, within, workspace_bin, TestResult, POLL_INTERVAL,
};
use std::{
	fs::OpenOptions,
	io::Write,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use subxt::{rpcs::client::RpcParams, OnlineClient, PolkadotConfig};
use verinfer_client::NodeRpc;

/// How long a started node may take to answer JSON-RPC.
pub const READY_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a node may take to reach a finalized block number we wait for.
pub const FINALITY_TIMEOUT: Duration = Duration::from_secs(300);
/// How long a single JSON-RPC call may take.
pub const RPC_CALL_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a helper subcommand (`key insert`, ...) may take.
pub const SUBCOMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// How many log lines to print per node when a test fails.
const LOG_TAIL_LINES: usize = 80;

/// The ports one node listens on.
#[derive(Clone, Copy, Debug)]
pub struct Ports {
	/// JSON-RPC (HTTP and WebSocket).
	pub rpc: u16,
	/// libp2p.
	pub p2p: u16,
	/// Prometheus metrics.
	pub prometheus: u16,
}

impl Ports {
	/// Three free ports.
	pub fn pick() -> Self {
		Ports { rpc: free_port(), p2p: free_port(), prometheus: free_port() }
	}
}

/// Number and hash of a block as the node's JSON-RPC reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockId {
	/// Its number.
	pub number: u64,
	/// `0x`-prefixed hex, as returned by the node.
	pub hash: String,
}

/// A JSON-RPC connection to one node: the legacy `chain_*`/`system_*` methods the tests poll,
/// and the typed Verinfer methods on [`Rpc::node`].
#[derive(Clone)]
pub struct Rpc {
	node: NodeRpc,
	url: String,
}

fn params(items: Vec<serde_json::Value>) -> TestResult<RpcParams> {
	let mut p = RpcParams::new();
	for item in items {
		p.push(item)?;
	}
	Ok(p)
}

fn parse_hex_number(v: &serde_json::Value) -> TestResult<u64> {
	match v {
		serde_json::Value::String(s) => {
			let digits = s.trim_start_matches("0x");
			Ok(u64::from_str_radix(digits, 16).map_err(|e| format!("bad number {s:?}: {e}"))?)
		}
		serde_json::Value::Number(n) => n.as_u64().ok_or_else(|| format!("bad number {n}").into()),
		other => Err(format!("unexpected block number {other}").into()),
	}
}

impl Rpc {
	/// Connects to the node at `url`.
	pub async fn connect(url: &str) -> TestResult<Self> {
		let node = within(RPC_CALL_TIMEOUT, "connect", NodeRpc::connect(url)).await?;
		Ok(Rpc { node, url: url.to_string() })
	}

	/// The node's WebSocket URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The typed Verinfer methods: with `verinfer_client::{InferenceApiClient,
	/// ReputationApiClient}` in scope, `rpc.node().job(id, None)`.
	pub fn node(&self) -> &NodeRpc {
		&self.node
	}

	/// One JSON-RPC call, bounded by [`RPC_CALL_TIMEOUT`].
	pub async fn call(&self, method: &str, params: RpcParams) -> TestResult<serde_json::Value> {
		let rpc = self.node.connection();
		within(RPC_CALL_TIMEOUT, method, rpc.request::<serde_json::Value>(method, params)).await
	}

	async fn header_number(&self, hash: &str) -> TestResult<u64> {
		let header = self.call("chain_getHeader", params(vec![hash.into()])?).await?;
		if header.is_null() {
			return Err(format!("no header for {hash}").into());
		}
		parse_hex_number(&header["number"])
	}

	/// The node's finalized head.
	pub async fn finalized(&self) -> TestResult<BlockId> {
		let hash = self.call("chain_getFinalizedHead", RpcParams::new()).await?;
		let hash = hash.as_str().ok_or("chain_getFinalizedHead: not a string")?.to_string();
		let number = self.header_number(&hash).await?;
		Ok(BlockId { number, hash })
	}

	/// The node's best block.
	pub async fn best(&self) -> TestResult<BlockId> {
		let header = self.call("chain_getHeader", RpcParams::new()).await?;
		let number = parse_hex_number(&header["number"])?;
		let hash = self
			.block_hash(number)
			.await?
			.ok_or_else(|| format!("no hash for best block #{number}"))?;
		Ok(BlockId { number, hash })
	}

	/// The hash of the block with this number on the node's best chain, if it has one.
	pub async fn block_hash(&self, number: u64) -> TestResult<Option<String>> {
		let v = self.call("chain_getBlockHash", params(vec![number.into()])?).await?;
		Ok(v.as_str().map(str::to_string))
	}

	/// Number of connected peers.
	pub async fn peers(&self) -> TestResult<u64> {
		let health = self.call("system_health", RpcParams::new()).await?;
		health["peers"].as_u64().ok_or_else(|| format!("system_health: {health}").into())
	}
}

/// One `verinfer-node` process with its own temporary base path and log file.
pub struct NodeProcess {
	name: String,
	/// Owns the folder holding `base/` and `node.log`; removed on drop.
	dir: Option<tempfile::TempDir>,
	base_path: PathBuf,
	log_path: PathBuf,
	/// Arguments that stay the same across restarts (chain, role, node key, bootnodes, ...).
	node_args: Vec<String>,
	ports: Ports,
	child: Option<Child>,
	rpc: Option<Rpc>,
	starts: u32,
}

impl NodeProcess {
	/// Creates the temporary folder of a node; nothing runs yet.
	pub fn new(name: &str) -> TestResult<Self> {
		let dir = tempfile::Builder::new()
			.prefix(&format!("verinfer-e2e-{}-", name.to_lowercase()))
			.tempdir()?;
		let base_path = dir.path().join("base");
		std::fs::create_dir_all(&base_path)?;
		let log_path = dir.path().join("node.log");
		Ok(NodeProcess {
			name: name.to_string(),
			dir: Some(dir),
			base_path,
			log_path,
			node_args: Vec::new(),
			ports: Ports::pick(),
			child: None,
			rpc: None,
			starts: 0,
		})
	}

	/// The node's name (`--name`).
	pub fn name(&self) -> &str {
		&self.name
	}

	/// Its base path (`--base-path`), kept across restarts.
	pub fn base_path(&self) -> &Path {
		&self.base_path
	}

	/// A path inside the node's temporary folder (outside its base path).
	pub fn temp_file(&self, file_name: &str) -> PathBuf {
		self.dir.as_ref().expect("temp dir exists until drop").path().join(file_name)
	}

	/// Its log file.
	pub fn log_path(&self) -> &Path {
		&self.log_path
	}

	/// The ports it listens on now.
	pub fn ports(&self) -> Ports {
		self.ports
	}

	/// Its WebSocket JSON-RPC URL.
	pub fn rpc_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.ports.rpc)
	}

	/// The multiaddress others can use to dial this node, given its peer id.
	pub fn p2p_address(&self, peer_id: &str) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.ports.p2p, peer_id)
	}

	/// Runs a subcommand of the node binary to completion (e.g. `key insert ...`) and returns
	/// its standard output. Fails with its standard error if it does not succeed.
	pub fn run_subcommand(&self, args: &[&str]) -> TestResult<String> {
		let what = format!("`verinfer-node {}`", args.join(" "));
		let mut cmd = Command::new(workspace_bin("verinfer-node"));
		cmd.args(args);
		Ok(process::run_captured(&mut cmd, &what, SUBCOMMAND_TIMEOUT)?.stdout)
	}

	/// Inserts a session key into this node's keystore with the node's `key insert` subcommand.
	pub fn insert_key(&self, chain: &str, scheme: &str, suri: &str, key_type: &str) -> TestResult {
		let base = self.base_path.to_string_lossy().into_owned();
		self.run_subcommand(&[
			"key",
			"insert",
			"--base-path",
			&base,
			"--chain",
			chain,
			"--scheme",
			scheme,
			"--suri",
			suri,
			"--key-type",
			key_type,
		])?;
		Ok(())
	}

	/// Generates a fresh network key with `key generate-node-key` and returns
	/// `(secret hex, peer id)`, the peer id as printed by `key inspect-node-key`.
	pub fn generate_node_key(&self, chain: &str) -> TestResult<(String, String)> {
		let key_file = self.temp_file("node-key");
		let key_file_str = key_file.to_string_lossy().into_owned();
		self.run_subcommand(&[
			"key",
			"generate-node-key",
			"--chain",
			chain,
			"--file",
			&key_file_str,
		])?;
		let secret =
			std::fs::read_to_string(&key_file)?.trim().trim_start_matches("0x").to_string();
		if secret.len() != 64 || !secret.chars().all(|c| c.is_ascii_hexdigit()) {
			return Err(format!("unexpected node key file content {secret:?}").into());
		}
		let out = self.run_subcommand(&["key", "inspect-node-key", "--file", &key_file_str])?;
		let peer_id = out
			.lines()
			.map(str::trim)
			.filter(|l| !l.is_empty())
			.last()
			.ok_or("inspect-node-key printed nothing")?
			.to_string();
		Ok((secret, peer_id))
	}

	/// Starts the node with `node_args` plus its base path, ports, name and log file.
	pub fn start(&mut self, node_args: Vec<String>) -> TestResult {
		self.node_args = node_args;
		self.spawn()
	}

	fn spawn(&mut self) -> TestResult {
		if self.child.is_some() {
			return Err(format!("{} is already running", self.name).into());
		}
		self.starts += 1;
		let mut log = OpenOptions::new().create(true).append(true).open(&self.log_path)?;
		writeln!(
			log,
			"===== verinfer-e2e: start #{} of {} (rpc {}, p2p {}, prometheus {}) =====",
			self.starts, self.name, self.ports.rpc, self.ports.p2p, self.ports.prometheus
		)?;
		let mut args = self.node_args.clone();
		args.extend([
			"--base-path".to_string(),
			self.base_path.to_string_lossy().into_owned(),
			"--name".to_string(),
			self.name.clone(),
			"--rpc-port".to_string(),
			self.ports.rpc.to_string(),
			"--rpc-cors".to_string(),
			"all".to_string(),
			"--listen-addr".to_string(),
			format!("/ip4/127.0.0.1/tcp/{}", self.ports.p2p),
			"--prometheus-port".to_string(),
			self.ports.prometheus.to_string(),
			"--no-mdns".to_string(),
			"--no-telemetry".to_string(),
		]);
		let bin = workspace_bin("verinfer-node");
		writeln!(log, "===== verinfer-e2e: {} {} =====", bin.display(), args.join(" "))?;
		let child = Command::new(&bin)
			.args(&args)
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
		self.child = Some(child);
		self.rpc = None;
		Ok(())
	}

	/// Kills the process (SIGKILL, like a crash) and waits for it to exit.
	pub fn kill(&mut self) {
		self.rpc = None;
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
			if let Ok(mut log) = OpenOptions::new().append(true).open(&self.log_path) {
				let _ = writeln!(log, "===== verinfer-e2e: killed {} =====", self.name);
			}
		}
	}

	/// Starts the node again on the same base path with the same arguments. The listening
	/// ports are picked afresh so that a port still held by the old process cannot interfere.
	pub fn restart(&mut self) -> TestResult {
		self.kill();
		self.ports = Ports::pick();
		self.spawn()
	}

	/// Whether it was started and not killed.
	pub fn is_running(&self) -> bool {
		self.child.is_some()
	}

	/// Fails if the process was started and has exited since.
	pub fn check_alive(&mut self) -> TestResult {
		let Some(child) = self.child.as_mut() else {
			return Err(format!("{} is not running", self.name).into());
		};
		if let Some(status) = child.try_wait()? {
			self.child = None;
			self.rpc = None;
			// The log tail is printed when the failing test drops this node.
			return Err(format!(
				"{} exited unexpectedly with {status} (log: {})",
				self.name,
				self.log_path.display()
			)
			.into());
		}
		Ok(())
	}

	/// Waits until the node answers JSON-RPC and returns the connection.
	pub async fn wait_rpc_ready(&mut self, timeout: Duration) -> TestResult<Rpc> {
		let deadline = Instant::now() + timeout;
		let url = self.rpc_url();
		loop {
			self.check_alive()?;
			let last_error = match Rpc::connect(&url).await {
				Ok(rpc) => match rpc.call("system_health", RpcParams::new()).await {
					Ok(_) => {
						self.rpc = Some(rpc.clone());
						return Ok(rpc);
					}
					Err(e) => e.to_string(),
				},
				Err(e) => e.to_string(),
			};
			if Instant::now() > deadline {
				return Err(format!(
					"{}: JSON-RPC at {url} not ready within {timeout:?} (last error: {last_error})",
					self.name
				)
				.into());
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// The JSON-RPC connection made by [`Self::wait_rpc_ready`].
	pub fn rpc(&self) -> TestResult<&Rpc> {
		self.rpc.as_ref().ok_or_else(|| {
			format!("{}: JSON-RPC not connected (call wait_rpc_ready)", self.name).into()
		})
	}

	/// A subxt client connected to this node.
	pub async fn subxt_client(&self) -> TestResult<OnlineClient<PolkadotConfig>> {
		within(
			RPC_CALL_TIMEOUT * 3,
			"subxt connect",
			OnlineClient::<PolkadotConfig>::from_insecure_url(self.rpc_url()),
		)
		.await
	}

	/// The node's finalized head.
	pub async fn finalized(&mut self) -> TestResult<BlockId> {
		self.check_alive()?;
		let name = self.name.clone();
		self.rpc()?.finalized().await.map_err(|e| format!("{name}: {e}").into())
	}

	/// Polls until the node's finalized head is at least `min`; returns that head.
	pub async fn wait_finalized_at_least(
		&mut self,
		min: u64,
		timeout: Duration,
	) -> TestResult<BlockId> {
		let deadline = Instant::now() + timeout;
		let mut last: Option<BlockId> = None;
		loop {
			self.check_alive()?;
			match self.rpc()?.finalized().await {
				Ok(head) if head.number >= min => return Ok(head),
				Ok(head) => last = Some(head),
				// A slow answer is not fatal while the process is alive; keep polling.
				Err(e) => eprintln!("[{}] polling finalized head: {e}", self.name),
			}
			if Instant::now() > deadline {
				let best = match self.rpc()?.best().await {
					Ok(b) => format!("#{}", b.number),
					Err(e) => format!("unknown ({e})"),
				};
				let peers = match self.rpc()?.peers().await {
					Ok(p) => p.to_string(),
					Err(e) => format!("unknown ({e})"),
				};
				return Err(format!(
					"{}: finalized head did not reach #{min} within {timeout:?} \
					 (last finalized: {:?}, best: {best}, peers: {peers})",
					self.name,
					last.map(|b| b.number)
				)
				.into());
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// The last `lines` lines of the node's log.
	pub fn log_tail(&self, lines: usize) -> String {
		logs::tail(&self.log_path, lines)
	}
}

impl Drop for NodeProcess {
	fn drop(&mut self) {
		self.kill();
		logs::print_tail_if_panicking(&format!("node {}", self.name), &self.log_path, LOG_TAIL_LINES);
		if std::env::var_os("VERINFER_E2E_KEEP").is_some() {
			if let Some(dir) = self.dir.take() {
				eprintln!("keeping the folder of node {}: {}", self.name, dir.keep().display());
			}
		}
		// Otherwise `dir` drops after this and removes the folder.
	}
}

/// A `--dev` chain whose off-chain workers run on a real engine: what a wallet or an app sees on
/// `./scripts/start.sh`. Both processes stop when it drops.
pub struct DevChain {
	/// The node (its log tail is printed if the test fails).
	pub node: NodeProcess,
	/// The engine the node's off-chain workers call.
	pub engine: crate::engine::EngineProcess,
	/// The node's JSON-RPC.
	pub rpc: Rpc,
}

impl DevChain {
	/// Starts the engine and a `--dev` node that uses it; returns once the node answers and has
	/// finalized its first block.
	pub async fn start(name: &str) -> TestResult<Self> {
		let engine = crate::engine::EngineProcess::start(name).await?;
		let mut node = NodeProcess::new(name)?;
		let started = async {
			node.start(vec!["--dev".into(), "--inference-engine-url".into(), engine.url()])?;
			let rpc = node.wait_rpc_ready(READY_TIMEOUT).await?;
			node.wait_finalized_at_least(1, FINALITY_TIMEOUT).await?;
			Ok::<_, crate::BoxError>(rpc)
		}
		.await;
		match started {
			Ok(rpc) => Ok(DevChain { node, engine, rpc }),
			Err(e) => Err(format!(
				"{e}\n===== last {LOG_TAIL_LINES} log lines of node {name} =====\n{}",
				node.log_tail(LOG_TAIL_LINES)
			)
			.into()),
		}
	}

	/// The node's WebSocket URL.
	pub fn url(&self) -> String {
		self.node.rpc_url()
	}

	/// `127.0.0.1:<rpc port>`, for JSON-RPC over HTTP.
	pub fn rpc_host_port(&self) -> String {
		format!("127.0.0.1:{}", self.node.ports().rpc)
	}
}
