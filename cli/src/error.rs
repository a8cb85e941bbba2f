//! Failures the CLI reports in words, with their exit codes.
//!
//! | exit code | meaning |
//! |---|---|
//! | 0 | success (for `job submit`: the job was verified) |
//! | 1 | any error: connection, bad arguments, a transaction the node rejected or that failed |
//! | 2 | command-line usage error (from clap) |
//! | 3 | `job submit`: the job ended Failed or Expired, or was not final within `--timeout` |

use serde::Serialize;
use subxt::error::DispatchError;

/// A transaction that was included but failed: the runtime's error, decoded from metadata.
#[derive(Debug, Clone, Serialize)]
pub struct DispatchFailure {
	/// `Pallet.call` that failed.
	pub call: String,
	/// Pallet of the error (`None` for errors outside any pallet, e.g. `BadOrigin`).
	pub pallet: Option<String>,
	/// Name of the error, e.g. `AlreadyRegistered`.
	pub error: String,
	/// The error's documentation from the runtime metadata.
	pub docs: String,
}

impl DispatchFailure {
	/// Decodes subxt's dispatch error into names and docs.
	pub fn from_dispatch_error(call: &str, e: &DispatchError) -> Self {
		if let DispatchError::Module(module) = e {
			if let Ok(details) = module.details() {
				return DispatchFailure {
					call: call.to_string(),
					pallet: Some(details.pallet.name().to_string()),
					error: details.variant.name.clone(),
					docs: details
						.variant
						.docs
						.iter()
						.map(|l| l.trim())
						.collect::<Vec<_>>()
						.join(" ")
						.trim()
						.to_string(),
				};
			}
		}
		let debug = format!("{e:?}");
		let name = debug.split(['(', ' ', '{']).next().unwrap_or("DispatchError").to_string();
		DispatchFailure { call: call.to_string(), pallet: None, error: name, docs: e.to_string() }
	}

	/// `Operators::AlreadyRegistered`.
	pub fn qualified_name(&self) -> String {
		match &self.pallet {
			Some(p) => format!("{p}::{}", self.error),
			None => self.error.clone(),
		}
	}
}

impl std::fmt::Display for DispatchFailure {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{} failed: {}", self.call, self.qualified_name())?;
		if !self.docs.is_empty() {
			write!(f, ": {}", self.docs)?;
		}
		Ok(())
	}
}

impl std::error::Error for DispatchFailure {}

/// A job that did not end verified (exit code 3).
#[derive(Debug, Clone, Serialize)]
pub struct JobNotVerified {
	/// The job.
	pub job: u64,
	/// What happened: its final phase, or that the wait timed out.
	pub outcome: String,
}

impl std::fmt::Display for JobNotVerified {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "job {} was not verified: {}", self.job, self.outcome)
	}
}

impl std::error::Error for JobNotVerified {}

/// The exit code and JSON form of an error.
pub fn classify(e: &anyhow::Error) -> (i32, serde_json::Value) {
	let message = format!("{e:#}");
	if let Some(d) = e.downcast_ref::<DispatchFailure>() {
		return (
			1,
			serde_json::json!({
				"error": message,
				"dispatch_error": { "call": d.call, "pallet": d.pallet, "name": d.error,
					"qualified": d.qualified_name(), "docs": d.docs },
			}),
		);
	}
	if let Some(j) = e.downcast_ref::<JobNotVerified>() {
		return (3, serde_json::json!({ "error": message, "job": j.job, "outcome": j.outcome }));
	}
	(1, serde_json::json!({ "error": message }))
}
