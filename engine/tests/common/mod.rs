//! Helpers of the engine's integration tests: the fixtures, the router driven in process
//! ([`App`], with `tower::ServiceExt::oneshot`), and a server on a real socket for the HTTP edge
//! cases ([`serve`]). The repository's models folder and the HTTP client of the socket tests are
//! `verinfer-test-utils`'.

#![allow(dead_code)]

use axum::{
	body::{to_bytes, Body},
	http::{header, Method, Request},
	Router,
};
use std::{path::PathBuf, sync::Arc};
use tower::ServiceExt;
use verinfer_engine::Registry;
pub use verinfer_test_utils::models_dir;

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

/// The engine's router over a set of models, called in process.
#[derive(Clone)]
pub struct App(Router);

impl App {
	/// The router over `registry`.
	pub fn new(registry: Registry) -> Self {
		App(verinfer_engine::router(Arc::new(registry)))
	}

	/// The router over the bundled models.
	pub fn bundled() -> Self {
		Self::new(load_all(&models_dir()))
	}

	/// One request; the answer with its whole body.
	pub async fn request(&self, method: Method, path: &str, body: Vec<u8>) -> Reply {
		let mut request = Request::builder().method(method).uri(path);
		if !body.is_empty() {
			request = request.header(header::CONTENT_TYPE, "application/json");
		}
		let request = request.body(Body::from(body)).expect("a well-formed request");
		let response = self.0.clone().oneshot(request).await.expect("the router is infallible");
		let status = response.status().as_u16();
		let headers = response
			.headers()
			.iter()
			.map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
			.collect();
		let body = to_bytes(response.into_body(), usize::MAX).await.expect("the whole body");
		Reply { status, headers, body: body.to_vec() }
	}

	/// `GET path`.
	pub async fn get(&self, path: &str) -> Reply {
		self.request(Method::GET, path, Vec::new()).await
	}

	/// `POST path` with `body` as it is.
	pub async fn post(&self, path: &str, body: &[u8]) -> Reply {
		self.request(Method::POST, path, body.to_vec()).await
	}

	/// `POST path` with a JSON body.
	pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Reply {
		self.post(path, body.to_string().as_bytes()).await
	}
}

/// An answer.
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

impl From<verinfer_test_utils::http::Response> for Reply {
	fn from(r: verinfer_test_utils::http::Response) -> Self {
		Reply { status: r.status, headers: r.headers, body: r.body }
	}
}

/// Serves the bundled models on a loopback port (in this test's runtime) until the test ends;
/// returns `127.0.0.1:<port>`.
pub async fn serve() -> String {
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
	let host_port = listener.local_addr().expect("the bound address").to_string();
	let registry = Arc::new(load_all(&models_dir()));
	tokio::spawn(verinfer_engine::serve(listener, registry, std::future::pending()));
	host_port
}
