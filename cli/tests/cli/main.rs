//! End-to-end tests of the `verinfer` binary against a real `verinfer-node --dev` with its own
//! `verinfer-engine` (`verinfer_test_utils::node::DevChain`). Build the node and the engine
//! first: `cargo build --release --locked --workspace`.
//!
//! - [`commands`]: every command group, decoded errors and exit codes.
//! - [`outputs`]: `--json` output and JSON-RPC answers are byte for byte what the node and the
//!   CLI printed before the views moved to `verinfer-primitives` (fixtures), and every example
//!   marked in the README and `docs/` is what a fresh dev chain prints.

mod commands;
mod outputs;

use std::process::{Command, Output, Stdio};
use verinfer_test_utils::node::DevChain;

/// The CLI under test.
const CLI: &str = env!("CARGO_BIN_EXE_verinfer");

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

/// Runs `verinfer ARGS` to completion (on a blocking-capable thread when inside a runtime).
pub fn run_cli(args: &[&str]) -> Run {
	let run = || {
		Command::new(CLI)
			.args(args)
			.stdin(Stdio::null())
			.output()
			.expect("run the verinfer binary")
	};
	let out = match tokio::runtime::Handle::try_current() {
		Ok(_) => tokio::task::block_in_place(run),
		Err(_) => run(),
	};
	Run::from(out)
}

/// Runs `verinfer --url <the chain's node> ARGS`.
pub fn cli(chain: &DevChain, args: &[&str]) -> Run {
	let url = chain.url();
	let mut all = vec!["--url", url.as_str()];
	all.extend_from_slice(args);
	run_cli(&all)
}

/// Starts a dev chain for a test, or panics saying why not.
pub async fn dev_chain(name: &str) -> DevChain {
	DevChain::start(name).await.unwrap_or_else(|e| panic!("cannot start a dev chain: {e}"))
}
