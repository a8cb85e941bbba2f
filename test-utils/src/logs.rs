//! Log files of child processes, and their tails for failure messages.

use std::{
	fs::File,
	io::{Read, Seek, SeekFrom},
	path::Path,
};

/// The last `lines` lines of the file at `path` (read from its last 256 KiB).
pub fn tail_of_file(path: &Path, lines: usize) -> std::io::Result<String> {
	const MAX_BYTES: u64 = 256 * 1024;
	let mut file = File::open(path)?;
	let len = file.metadata()?.len();
	file.seek(SeekFrom::Start(len.saturating_sub(MAX_BYTES)))?;
	let mut buf = Vec::new();
	file.read_to_end(&mut buf)?;
	let text = String::from_utf8_lossy(&buf);
	let all: Vec<&str> = text.lines().collect();
	Ok(all[all.len().saturating_sub(lines)..].join("\n"))
}

/// [`tail_of_file`], or a line saying why it cannot be read.
pub fn tail(path: &Path, lines: usize) -> String {
	tail_of_file(path, lines).unwrap_or_else(|e| format!("<cannot read {}: {e}>", path.display()))
}

/// Prints the tail of a process's log, framed, when the current thread is panicking (a failed
/// test drops its processes while unwinding).
pub fn print_tail_if_panicking(what: &str, path: &Path, lines: usize) {
	if std::thread::panicking() {
		eprintln!(
			"\n===== last {lines} log lines of {what} ({}) =====\n{}\n===== end of log of {what} =====",
			path.display(),
			tail(path, lines),
		);
	}
}
