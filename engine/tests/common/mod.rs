//! Helpers of the engine's integration tests: paths, an in-process server on a free port and a
//! minimal HTTP/1.1 client over a plain TCP stream (so tests can send exactly the bytes they want).

#![allow(dead_code)]

use std::{
	io::{Read, Write},
	net::{SocketAddr, TcpStream},
	path::PathBuf,
	sync::Arc,
	time::Duration,
};
use verinfer_engine::Registry;

/// The repository's `models/` folder.
pub fn models_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("models")
}

/// `engine/tests/fixtures`.
pub fn fixtures_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Loads a folder, asserting that every file loads.
pub fn load_all(dir: &std::path::Path) -> Registry {
	let (registry, errors) = Registry::load_dir(dir).expect("models folder readable");
	assert!(errors.is_empty(), "load errors: {errors:?}");
	registry
}

/// A server running in a thread of its own; stopped when dropped.
pub struct TestServer {
	pub addr: SocketAddr,
	stop: Option<tokio::sync::oneshot::Sender<()>>,
	thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
	/// Serves `registry` on 127.0.0.1 at a port the OS picks.
	pub fn start(registry: Registry) -> TestServer {
		let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
		let (ready_tx, ready_rx) = std::sync::mpsc::channel();
		let thread = std::thread::spawn(move || {
			let rt = tokio::runtime::Builder::new_multi_thread()
				.worker_threads(2)
				.enable_all()
				.build()
				.unwrap();
			rt.block_on(async move {
				let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
				ready_tx.send(listener.local_addr().unwrap()).unwrap();
				verinfer_engine::serve(listener, Arc::new(registry), async move {
					let _ = stopped.await;
				})
				.await
				.unwrap();
			});
		});
		let addr = ready_rx.recv_timeout(Duration::from_secs(30)).expect("server started");
		TestServer { addr, stop: Some(stop), thread: Some(thread) }
	}

	pub fn get(&self, path: &str) -> Reply {
		request(self.addr, "GET", path, &[])
	}

	pub fn post(&self, path: &str, body: &[u8]) -> Reply {
		request(self.addr, "POST", path, body)
	}

	pub fn post_json(&self, path: &str, body: &serde_json::Value) -> Reply {
		self.post(path, body.to_string().as_bytes())
	}
}

impl Drop for TestServer {
	fn drop(&mut self) {
		if let Some(stop) = self.stop.take() {
			let _ = stop.send(());
		}
		if let Some(thread) = self.thread.take() {
			let _ = thread.join();
		}
	}
}

/// A parsed HTTP answer.
#[derive(Debug)]
pub struct Reply {
	pub status: u16,
	pub headers: Vec<(String, String)>,
	pub body: Vec<u8>,
}

impl Reply {
	pub fn json(&self) -> serde_json::Value {
		serde_json::from_slice(&self.body).unwrap_or_else(|e| {
			panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(&self.body))
		})
	}

	pub fn header(&self, name: &str) -> Option<&str> {
		self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
	}

	/// Asserts an error answer: status, `kind`, and words the message must contain.
	pub fn assert_error(&self, status: u16, kind: &str, words: &[&str]) {
		let body = String::from_utf8_lossy(&self.body);
		assert_eq!(self.status, status, "status of {body}");
		let v = self.json();
		assert_eq!(v["kind"], kind, "kind of {body}");
		let msg = v["error"].as_str().expect("error message");
		for w in words {
			assert!(msg.contains(w), "message {msg:?} should contain {w:?}");
		}
	}
}

/// Sends one request with `Connection: close` and reads the whole answer.
pub fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Reply {
	let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
	if method != "GET" {
		head += &format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
	}
	head += "\r\n";
	let mut bytes = head.into_bytes();
	bytes.extend_from_slice(body);
	raw(addr, &bytes)
}

/// Sends raw bytes and parses the answer.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Reply {
	let mut stream = TcpStream::connect(addr).expect("connect");
	stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
	stream.write_all(bytes).expect("write request");
	let mut answer = Vec::new();
	stream.read_to_end(&mut answer).expect("read answer");
	parse(&answer)
}

pub fn parse(answer: &[u8]) -> Reply {
	let split = answer
		.windows(4)
		.position(|w| w == b"\r\n\r\n")
		.unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(answer)));
	let head = std::str::from_utf8(&answer[..split]).expect("ASCII head");
	let mut lines = head.split("\r\n");
	let status_line = lines.next().unwrap();
	let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
	let headers: Vec<(String, String)> = lines
		.filter_map(|l| l.split_once(':'))
		.map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
		.collect();
	let mut body = answer[split + 4..].to_vec();
	let chunked = headers.iter().any(|(k, v)| {
		k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
	});
	if chunked {
		body = dechunk(&body);
	}
	Reply { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
	let mut out = Vec::new();
	loop {
		let eol = b.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
		let size_text = std::str::from_utf8(&b[..eol]).unwrap();
		let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
		b = &b[eol + 2..];
		if size == 0 {
			return out;
		}
		out.extend_from_slice(&b[..size]);
		b = &b[size + 2..];
	}
}
