//! A small harness for the CLI's end-to-end tests: one `verinfer-node --dev --tmp` with its own
//! `verinfer-engine`, on free ports, and the built `verinfer` binary run against it.
//!
//! The node and engine binaries are taken from the cargo target folder the test runs from (build
//! them first: `cargo build --release -p verinfer-node -p verinfer-engine`). Processes are
//! killed on drop; when a test fails, the tails of their logs are printed.

#![allow(dead_code)]

use std::{
	fs::File,
	io::{Read, Seek, SeekFrom},
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Output, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

/// The CLI under test.
pub const CLI: &str = env!("CARGO_BIN_EXE_verinfer");

/// How long the node may take to answer JSON-RPC.
const READY_TIMEOUT: Duration = Duration::from_secs(120);

/// The bundled models folder.
pub fn models_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// The folder holding the binaries of this build (`target/release`), from the test's own path
/// (`target/release/deps/cli-HASH`).
fn bin_dir() -> PathBuf {
	let exe = std::env::current_exe().expect("test executable path");
	exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>").to_path_buf()
}

/// A workspace binary next to the tests, or a panic that says how to build it.
pub fn workspace_bin(name: &str) -> PathBuf {
	let path = bin_dir().join(name);
	assert!(
		path.exists(),
		"{} not found: build it first (cargo build --release -p {name})",
		path.display()
	);
	path
}

/// A loopback port that was free a moment ago and was not handed out before by this process.
pub fn free_port() -> u16 {
	static HANDED_OUT: Mutex<Vec<u16>> = Mutex::new(Vec::new());
	let mut handed_out = HANDED_OUT.lock().unwrap_or_else(|e| e.into_inner());
	loop {
		let port = TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
		if !handed_out.contains(&port) {
			handed_out.push(port);
			return port;
		}
	}
}

/// What one CLI run printed.
pub struct Run {
	/// Exit code (-1 if killed by a signal).
	pub code: i32,
	/// Standard output.
	pub stdout: String,
	/// Standard error.
	pub stderr: String,
}

impl Run {
	fn from(out: Output) -> Self {
		Run {
			code: out.status.code().unwrap_or(-1),
			stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
			stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
		}
	}

	/// Panics with everything printed unless the run succeeded.
	pub fn ok(self) -> Self {
		assert_eq!(
			self.code, 0,
			"verinfer failed\nstdout:\n{}\nstderr:\n{}",
			self.stdout, self.stderr
		);
		self
	}

	/// Standard output as JSON.
	pub fn json(&self) -> serde_json::Value {
		serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
			panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr)
		})
	}
}

/// Runs `verinfer ARGS` to completion.
pub fn run_cli(args: &[&str]) -> Run {
	Run::from(
		Command::new(CLI)
			.args(args)
			.stdin(Stdio::null())
			.output()
			.expect("run the verinfer binary"),
	)
}

/// A dev node and an engine.
pub struct DevNet {
	dir: tempfile::TempDir,
	node: Child,
	engine: Child,
	/// The node's WebSocket URL.
	pub url: String,
}

impl DevNet {
	/// Starts the engine and a `--dev --tmp` node that uses it; returns once the node answers.
	pub fn start() -> Self {
		let dir = tempfile::Builder::new().prefix("verinfer-cli-e2e-").tempdir().unwrap();
		let engine_port = free_port();
		let engine = Command::new(workspace_bin("verinfer-engine"))
			.args(["--models", models_dir().to_str().unwrap()])
			.args(["--listen", &format!("127.0.0.1:{engine_port}")])
			.stdin(Stdio::null())
			.stdout(File::create(dir.path().join("engine.log")).unwrap())
			.stderr(File::create(dir.path().join("engine.err")).unwrap())
			.spawn()
			.expect("start verinfer-engine");
		let rpc_port = free_port();
		let log = File::create(dir.path().join("node.log")).unwrap();
		let node = Command::new(workspace_bin("verinfer-node"))
			.args(["--dev", "--tmp", "--no-mdns", "--no-telemetry"])
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", free_port())])
			.args(["--prometheus-port", &free_port().to_string()])
			.args(["--inference-engine-url", &format!("http://127.0.0.1:{engine_port}")])
			.stdin(Stdio::null())
			.stdout(log.try_clone().unwrap())
			.stderr(log)
			.spawn()
			.expect("start verinfer-node");
		let mut net = DevNet { dir, node, engine, url: format!("ws://127.0.0.1:{rpc_port}") };
		net.wait_ready();
		net
	}

	fn wait_ready(&mut self) {
		let deadline = Instant::now() + READY_TIMEOUT;
		let port: u16 = self.url.rsplit(':').next().unwrap().parse().unwrap();
		loop {
			if let Some(status) = self.node.try_wait().unwrap() {
				panic!("verinfer-node exited with {status}\n{}", self.log_tail("node.log", 60));
			}
			if TcpStream::connect(("127.0.0.1", port)).is_ok()
				&& self.cli(&["model", "list"]).code == 0
			{
				return;
			}
			assert!(Instant::now() < deadline, "the node did not answer within {READY_TIMEOUT:?}");
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// Runs `verinfer --url <this node> ARGS`.
	pub fn cli(&self, args: &[&str]) -> Run {
		let mut all = vec!["--url", self.url.as_str()];
		all.extend_from_slice(args);
		run_cli(&all)
	}

	/// The last `lines` lines of one of the logs.
	pub fn log_tail(&self, file: &str, lines: usize) -> String {
		let mut text = String::new();
		if let Ok(mut f) = File::open(self.dir.path().join(file)) {
			let len = f.metadata().map(|m| m.len()).unwrap_or(0);
			let _ = f.seek(SeekFrom::Start(len.saturating_sub(128 * 1024)));
			let _ = f.read_to_string(&mut text);
		}
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}
}

impl Drop for DevNet {
	fn drop(&mut self) {
		let _ = self.node.kill();
		let _ = self.node.wait();
		let _ = self.engine.kill();
		let _ = self.engine.wait();
		if std::thread::panicking() {
			eprintln!("===== node log (tail) =====\n{}", self.log_tail("node.log", 80));
			eprintln!("===== engine log (tail) =====\n{}", self.log_tail("engine.err", 20));
		}
	}
}
