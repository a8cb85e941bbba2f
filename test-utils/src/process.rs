//! Commands that a test runs to their end (a node's `key` subcommand, `npm ci`, a script),
//! always bounded in time.

use crate::TestResult;
use std::{
	io::{Error, ErrorKind},
	process::{Child, Command, ExitStatus, Stdio},
	time::{Duration, Instant},
};

/// How often a running command is looked at.
const POLL: Duration = Duration::from_millis(50);

/// What a command that succeeded printed.
#[derive(Clone, Debug)]
pub struct Finished {
	/// Its standard output.
	pub stdout: String,
	/// Its standard error.
	pub stderr: String,
}

/// Waits up to `timeout` for `child` to exit and returns how it exited; past the timeout, kills
/// it and fails naming `what`.
pub fn wait_within(child: &mut Child, what: &str, timeout: Duration) -> TestResult<ExitStatus> {
	let deadline = Instant::now() + timeout;
	loop {
		if let Some(status) = child.try_wait()? {
			return Ok(status);
		}
		if Instant::now() > deadline {
			let _ = child.kill();
			let _ = child.wait();
			return Err(format!("{what} did not finish within {timeout:?}").into());
		}
		std::thread::sleep(POLL);
	}
}

/// Runs `cmd` (no standard input) to completion within `timeout`, with its standard output and
/// error in temporary files (files, not pipes, so a chatty command never stalls on a full pipe;
/// removed afterwards), and returns what it printed. Fails naming `what` when it does not finish in time (with
/// its standard error) or exits unsuccessfully (with both outputs). When it cannot start at all
/// the error is the `std::io::Error` of the spawn (its kind says whether the program is missing).
pub fn run_captured(cmd: &mut Command, what: &str, timeout: Duration) -> TestResult<Finished> {
	let out = tempfile::NamedTempFile::new()?;
	let err = tempfile::NamedTempFile::new()?;
	let mut child = cmd
		.stdin(Stdio::null())
		.stdout(out.reopen()?)
		.stderr(err.reopen()?)
		.spawn()
		.map_err(|e| Error::new(e.kind(), format!("cannot run {what}: {e}")))?;
	let read = |file: &tempfile::NamedTempFile| {
		std::fs::read_to_string(file.path()).unwrap_or_else(|e| format!("<unreadable: {e}>"))
	};
	let status = wait_within(&mut child, what, timeout)
		.map_err(|e| format!("{e}\nstderr:\n{}", read(&err)))?;
	let finished = Finished { stdout: read(&out), stderr: read(&err) };
	if !status.success() {
		return Err(format!(
			"{what} failed with {status}\nstdout:\n{}\nstderr:\n{}",
			finished.stdout, finished.stderr
		)
		.into());
	}
	Ok(finished)
}

/// Whether `error` (of [`run_captured`]) says that the program is not installed.
pub fn is_missing_program(error: &crate::BoxError) -> bool {
	error.downcast_ref::<Error>().is_some_and(|e| e.kind() == ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn captures_output_and_reports_failures_and_timeouts() {
		let ok = run_captured(
			Command::new("sh").args(["-c", "echo out; echo err >&2"]),
			"echo",
			Duration::from_secs(10),
		)
		.unwrap();
		assert_eq!((ok.stdout.as_str(), ok.stderr.as_str()), ("out\n", "err\n"));

		let failed = run_captured(
			Command::new("sh").args(["-c", "echo why >&2; exit 3"]),
			"failing",
			Duration::from_secs(10),
		)
		.unwrap_err()
		.to_string();
		assert!(failed.starts_with("failing failed with exit status: 3"), "{failed}");
		assert!(failed.contains("why"), "{failed}");

		let slow =
			run_captured(Command::new("sleep").arg("30"), "sleep", Duration::from_millis(200))
				.unwrap_err()
				.to_string();
		assert!(slow.starts_with("sleep did not finish within"), "{slow}");

		let missing = run_captured(
			&mut Command::new("verinfer-no-such-program"),
			"nothing",
			Duration::from_secs(10),
		)
		.unwrap_err();
		assert!(is_missing_program(&missing), "{missing}");
	}
}
