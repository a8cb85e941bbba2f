//! Loopback ports for the processes a test starts.
//!
//! `bind(127.0.0.1:0)` gets a port that is free now, but the test lets go of it so that the node
//! or engine it starts can bind it, and until then another test can be handed the same port, in
//! this process or in another one: cargo-nextest runs every test in its own process, several at
//! once. So each port is also reserved in a folder that all tests of the machine share: a file
//! `<port>.<period>` created with `O_EXCL` (exactly one creator succeeds), where a period is
//! [`RESERVATION`] long. A port with a reservation of the current or the previous period is
//! skipped, so a reservation holds for at least one period, long enough for a test's processes
//! to bind their ports and to run.

use std::{
	fs::{self, OpenOptions},
	io::ErrorKind,
	net::TcpListener,
	path::{Path, PathBuf},
	sync::Once,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// How long a reservation holds at least (and at most twice that).
pub const RESERVATION: Duration = Duration::from_secs(20 * 60);

/// How many ports the OS may offer before the search gives up.
const ATTEMPTS: usize = 1000;

/// The folder of the reservations: `<temp dir>/verinfer-test-ports`.
fn reservations() -> PathBuf {
	let dir = std::env::temp_dir().join("verinfer-test-ports");
	fs::create_dir_all(&dir)
		.unwrap_or_else(|e| panic!("cannot create the port reservations {}: {e}", dir.display()));
	dir
}

/// The reservation period of now.
fn current_period() -> u64 {
	let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("the clock is after 1970");
	now.as_secs() / RESERVATION.as_secs()
}

/// Reserves `port` for `period`, unless it is reserved for this or the previous period.
fn reserve(dir: &Path, port: u16, period: u64) -> bool {
	if dir.join(format!("{port}.{}", period.saturating_sub(1))).exists() {
		return false;
	}
	match OpenOptions::new().write(true).create_new(true).open(dir.join(format!("{port}.{period}")))
	{
		Ok(_) => true,
		Err(e) if e.kind() == ErrorKind::AlreadyExists => false,
		Err(e) => panic!("cannot reserve port {port} in {}: {e}", dir.display()),
	}
}

/// Removes the reservations that no longer hold (older than the previous period).
fn remove_expired(dir: &Path, period: u64) {
	let Ok(entries) = fs::read_dir(dir) else { return };
	for entry in entries.flatten() {
		let name = entry.file_name();
		let expired = name
			.to_str()
			.and_then(|n| n.split_once('.'))
			.and_then(|(_, p)| p.parse::<u64>().ok())
			.is_some_and(|p| p + 1 < period);
		if expired {
			// Another process may have removed it first.
			let _ = fs::remove_file(entry.path());
		}
	}
}

/// A loopback TCP port that is free now and reserved for this test.
pub fn free_port() -> u16 {
	static CLEAN_UP: Once = Once::new();
	let dir = reservations();
	let period = current_period();
	CLEAN_UP.call_once(|| remove_expired(&dir, period));
	for _ in 0..ATTEMPTS {
		let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
		let port = listener.local_addr().expect("the bound address").port();
		if reserve(&dir, port, period) {
			return port;
		}
	}
	panic!("no free port could be reserved in {} in {ATTEMPTS} attempts", dir.display())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_reserved_port_is_not_handed_out_again() {
		let dir = tempfile::tempdir().unwrap();
		assert!(reserve(dir.path(), 40_000, 7));
		assert!(!reserve(dir.path(), 40_000, 7), "reserved in this period");
		assert!(!reserve(dir.path(), 40_000, 8), "reserved in the previous period");
		assert!(reserve(dir.path(), 40_000, 9), "the reservation of period 7 no longer holds");
		remove_expired(dir.path(), 9);
		let left: Vec<_> = fs::read_dir(dir.path())
			.unwrap()
			.map(|e| e.unwrap().file_name().into_string().unwrap())
			.collect();
		assert_eq!(left, ["40000.9"]);
	}

	#[test]
	fn ports_differ_within_a_process() {
		let ports: Vec<u16> = (0..20).map(|_| free_port()).collect();
		let mut unique = ports.clone();
		unique.sort();
		unique.dedup();
		assert_eq!(unique.len(), ports.len(), "{ports:?}");
	}
}
