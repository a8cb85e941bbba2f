//! # Verinfer test utilities
//!
//! What the end-to-end tests of the node, the command line and the engine share, so that each
//! of them is written once:
//!
//! - [`ports`]: loopback ports that are free and not handed to another test, even one running
//!   in another process at the same time (cargo-nextest runs every test in its own process).
//! - [`paths`]: the repository's `models/` folder and the binaries of this build.
//! - [`engine`]: the real `verinfer-engine` as a child process, a proxy in front of it that
//!   falsifies outputs, and the bundled models' recorded samples; [`http`] is the bit of HTTP
//!   they use.
//! - [`logs`]: the tail of a log file, printed when a test fails.
//! - [`process`]: a command run to its end within a time limit, its output captured.
//! - with the `chain` feature, [`node`]: `verinfer-node` processes on their own ports and
//!   folders, with a JSON-RPC connection; and [`chain`]: the typed RPC client, dev accounts,
//!   signed calls and the events of finalized blocks.
//!
//! Processes are killed when their handle drops (also while a test panics, when the tail of their
//! log is printed); their temporary folders are removed unless `VERINFER_E2E_KEEP` is set. Every
//! wait is a bounded polling loop.

pub mod engine;
pub mod http;
pub mod logs;
pub mod paths;
pub mod ports;
pub mod process;

#[cfg(feature = "chain")]
pub mod chain;
#[cfg(feature = "chain")]
pub mod node;

use std::{
	future::Future,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

pub use paths::{models_dir, workspace_bin};
pub use ports::free_port;

/// Errors of the helpers and of the scenarios.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;
/// Result of the helpers and of the scenarios.
pub type TestResult<T = ()> = Result<T, BoxError>;

/// Pause between two polls.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Runs `fut` for at most `timeout`, naming `what` in the error.
pub async fn within<T, E, F>(timeout: Duration, what: &str, fut: F) -> TestResult<T>
where
	F: Future<Output = Result<T, E>>,
	E: Into<BoxError>,
{
	match tokio::time::timeout(timeout, fut).await {
		Ok(Ok(v)) => Ok(v),
		Ok(Err(e)) => Err(format!("{what}: {}", e.into()).into()),
		Err(_) => Err(format!("{what}: no answer within {timeout:?}").into()),
	}
}

/// A value that differs between runs and processes, for fresh account names and the like.
pub fn unique_suffix() -> String {
	let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
	format!("{}-{}", std::process::id(), nanos)
}
