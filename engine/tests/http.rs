//! The engine's HTTP API: every endpoint, every error case, and the bundled models' outputs
//! against the expectations that `models/make_models.py` recorded with onnxruntime. Requests go
//! straight into the router (`tower::ServiceExt::oneshot`); what only a socket shows (bodies over
//! the limit, broken HTTP) and the binary itself are tested over real connections.

mod common;

use common::{fixtures_dir, load_all, models_dir, serve, App, Reply};
use serde_json::{json, Value};
use std::{process::Stdio, time::Duration};
use tokio::{
	io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
	net::TcpStream,
	process::Command,
};
use verinfer_engine::ENGINE_VERSION;
use verinfer_primitives::{
	engine::{InferResponse, ModelsResponse, MAX_BODY_BYTES},
	tensor::Tensor,
};
use verinfer_test_utils::http;

/// How long one exchange over a socket may take.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(60);

fn read_json(path: std::path::PathBuf) -> Value {
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
	serde_json::from_str(&text).unwrap()
}

fn bundled() -> App {
	App::bundled()
}

fn model_id(name: &str) -> String {
	let index = read_json(models_dir().join("models.json"));
	index["models"]
		.as_array()
		.unwrap()
		.iter()
		.find(|m| m["name"] == name)
		.unwrap_or_else(|| panic!("{name} in models.json"))["id"]
		.as_str()
		.unwrap()
		.to_string()
}

fn iris_request() -> Value {
	json!({
		"model": model_id("iris-logreg"),
		"input": { "shape": [1, 4], "data": [510, 350, 140, 20], "precision": 2 }
	})
}

#[tokio::test]
async fn health() {
	let server = bundled();
	let reply = server.get("/health").await;
	assert_eq!(reply.status, 200);
	assert_eq!(reply.header("content-type"), Some("application/json"));
	assert_eq!(
		reply.json(),
		json!({ "status": "ok", "engine_version": ENGINE_VERSION, "models": 3 })
	);
}

#[tokio::test]
async fn models_lists_every_bundled_model_as_recorded() {
	let server = bundled();
	let reply = server.get("/v1/models").await;
	assert_eq!(reply.status, 200);
	let listed: ModelsResponse = serde_json::from_slice(&reply.body).unwrap();
	let index = read_json(models_dir().join("models.json"));
	let recorded = index["models"].as_array().unwrap();
	assert_eq!(listed.models.len(), recorded.len());
	for m in recorded {
		let info = listed
			.models
			.iter()
			.find(|i| format!("{:?}", i.id) == m["id"].as_str().unwrap())
			.unwrap_or_else(|| panic!("{} is listed", m["name"]));
		assert_eq!(info.name, m["name"].as_str().unwrap());
		for (spec, key) in [(&info.input, "input"), (&info.output, "output")] {
			assert_eq!(json!(spec.shape.to_vec()), m[key]["shape"], "{} {key} shape", info.name);
			assert_eq!(json!(spec.precision), m[key]["precision"], "{} {key} precision", info.name);
		}
		assert_eq!(json!(info.tolerance), m["tolerance"]);
		// The id is the blake2-256 of the file.
		let bytes = std::fs::read(models_dir().join(m["file"].as_str().unwrap())).unwrap();
		assert_eq!(info.id, verinfer_engine::registry::model_id(&bytes));
	}
	let names: Vec<_> = listed.models.iter().map(|m| m.name.as_str()).collect();
	assert_eq!(names, ["diabetes-ridge", "digits-mlp", "iris-logreg"], "ordered by name");
}

/// tract agrees with onnxruntime, to the last integer, on every recorded sample.
#[tokio::test]
async fn bundled_models_reproduce_the_onnxruntime_expectations_exactly() {
	let server = bundled();
	let expected = read_json(models_dir().join("expected.json"));
	let mut checked = 0;
	for model in expected["models"].as_array().unwrap() {
		let samples = model["samples"].as_array().unwrap();
		assert!(samples.len() >= 3, "{} has samples", model["name"]);
		for sample in samples {
			let reply = server.post_json(
				"/v1/infer",
				&json!({ "model": model["model"], "input": sample["input"] }),
			).await;
			assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
			let answer: InferResponse = serde_json::from_slice(&reply.body).unwrap();
			let want: Tensor = serde_json::from_value(sample["output"].clone()).unwrap();
			assert_eq!(answer.output, want, "{} on {}", model["name"], sample["input"]);
			assert_eq!(
				format!("{:?}", answer.output_hash),
				sample["output_hash"].as_str().unwrap()
			);
			assert_eq!(format!("{:?}", answer.model), model["model"].as_str().unwrap());
			assert_eq!(answer.engine_version, ENGINE_VERSION);
			assert_eq!(reply.json()["micros"], json!(answer.micros));
			checked += 1;
		}
	}
	assert!(checked >= 15, "checked {checked} samples");
}

#[tokio::test]
async fn answers_are_deterministic_across_requests() {
	let server = bundled();
	let first = server.post_json("/v1/infer", &iris_request()).await.json();
	for _ in 0..20 {
		let again = server.post_json("/v1/infer", &iris_request()).await.json();
		assert_eq!(again["output"], first["output"]);
		assert_eq!(again["output_hash"], first["output_hash"]);
	}
	// Probabilities at precision 4 of a clear setosa.
	let data: Vec<i64> = serde_json::from_value(first["output"]["data"].clone()).unwrap();
	assert!(data[0] > 9000, "{data:?}");
	assert!((data.iter().sum::<i64>() - 10_000).abs() <= 2, "{data:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_requests_all_succeed() {
	let server = bundled();
	let body = iris_request();
	let tasks: Vec<_> = (0..8)
		.map(|_| {
			let (server, body) = (server.clone(), body.clone());
			tokio::spawn(async move {
				let mut answers = Vec::new();
				for _ in 0..10 {
					answers.push(server.post_json("/v1/infer", &body).await.json());
				}
				answers
			})
		})
		.collect();
	let mut answers: Vec<Value> = Vec::new();
	for task in tasks {
		answers.extend(task.await.unwrap());
	}
	assert_eq!(answers.len(), 80);
	assert!(answers.iter().all(|a| a["output_hash"] == answers[0]["output_hash"]));
}

#[tokio::test]
async fn unknown_model_is_404() {
	let server = bundled();
	let mut req = iris_request();
	req["model"] = json!(format!("0x{}", "ab".repeat(32)));
	server.post_json("/v1/infer", &req).await.assert_error(
		404,
		"unknown_model",
		&["unknown model", "0xabab"],
	);
}

#[tokio::test]
async fn wrong_shape_is_422() {
	let server = bundled();
	let mut req = iris_request();
	req["input"] = json!({ "shape": [4], "data": [510, 350, 140, 20], "precision": 2 });
	server.post_json("/v1/infer", &req).await.assert_error(
		422,
		"wrong_shape",
		&["wrong shape", "[1, 4]", "[4]"],
	);
	req["input"] = json!({ "shape": [1, 5], "data": [510, 350, 140, 20, 1], "precision": 2 });
	server.post_json("/v1/infer", &req).await.assert_error(422, "wrong_shape", &["[1, 5]"]);
}

#[tokio::test]
async fn wrong_precision_is_422() {
	let server = bundled();
	let mut req = iris_request();
	req["input"]["precision"] = json!(3);
	server.post_json("/v1/infer", &req).await.assert_error(
		422,
		"wrong_precision",
		&["wrong precision", "precision 2", "has 3"],
	);
	req["input"]["precision"] = json!(200);
	server.post_json("/v1/infer", &req).await.assert_error(422, "wrong_precision", &["has 200"]);
}

#[tokio::test]
async fn data_not_matching_shape_is_400() {
	let server = bundled();
	let mut req = iris_request();
	req["input"]["data"] = json!([510, 350, 140]);
	server.post_json("/v1/infer", &req).await.assert_error(
		400,
		"invalid_tensor",
		&["3 elements", "needs 4"],
	);
}

#[tokio::test]
async fn malformed_json_is_400() {
	let server = bundled();
	let cases: Vec<(Vec<u8>, &str)> = vec![
		(b"{not json".to_vec(), "malformed JSON"),
		(b"".to_vec(), "EOF"),
		(b"[]".to_vec(), "malformed JSON"),
		(json!({ "input": iris_request()["input"] }).to_string().into_bytes(), "missing field `model`"),
		(json!({ "model": model_id("iris-logreg") }).to_string().into_bytes(), "missing field `input`"),
		(
			json!({ "model": "0x1234", "input": iris_request()["input"] }).to_string().into_bytes(),
			"malformed JSON",
		),
		(
			json!({ "model": model_id("iris-logreg"),
				"input": { "shape": [1, 4], "data": ["a", 1, 2, 3], "precision": 2 } })
			.to_string()
			.into_bytes(),
			"invalid type",
		),
		(
			json!({ "model": model_id("iris-logreg"),
				"input": { "shape": [1, 4], "data": [1.5, 1, 2, 3], "precision": 2 } })
			.to_string()
			.into_bytes(),
			"invalid type",
		),
		(
			json!({ "model": model_id("iris-logreg"),
				"input": { "shape": [1, 4], "data": [1, 2, 3, 4], "precision": -1 } })
			.to_string()
			.into_bytes(),
			"malformed JSON",
		),
		(
			format!(
				r#"{{"model":"{}","input":{{"shape":[1,4],"data":[1,2,3,9223372036854775808],"precision":2}}}}"#,
				model_id("iris-logreg")
			)
			.into_bytes(),
			"malformed JSON",
		),
		(
			json!({ "model": model_id("iris-logreg"), "input": iris_request()["input"], "extra": 1 })
				.to_string()
				.into_bytes(),
			"unknown field `extra`",
		),
		(vec![0xff, 0xfe, 0x00], "malformed JSON"),
	];
	for (body, words) in cases {
		let reply = server.post("/v1/infer", &body).await;
		reply.assert_error(400, "malformed_json", &[words]);
	}
}

/// Over a socket: what hyper and the body limit do with bodies that are too large.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_body_is_413() {
	let server = serve().await;
	// Announced too large: refused without reading the body.
	let head = format!(
		"POST /v1/infer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
		MAX_BODY_BYTES + 1
	);
	Reply::from(http::exchange(&server, head.as_bytes(), SOCKET_TIMEOUT).await.unwrap())
		.assert_error(413, "body_too_large", &["too large", "1048576"]);

	// Sent too large, in chunks with no length announced: refused once the limit is crossed.
	let stream = TcpStream::connect(&server).await.unwrap();
	let (mut reader, mut writer) = stream.into_split();
	let sender = tokio::spawn(async move {
		let head = "POST /v1/infer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
		if writer.write_all(head.as_bytes()).await.is_err() {
			return;
		}
		let chunk = vec![b' '; 64 * 1024];
		for _ in 0..(MAX_BODY_BYTES / chunk.len() + 4) {
			let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
			frame.extend_from_slice(&chunk);
			frame.extend_from_slice(b"\r\n");
			if writer.write_all(&frame).await.is_err() {
				return; // the server stopped reading: expected
			}
		}
		let _ = writer.write_all(b"0\r\n\r\n").await;
	});
	// Read until the answer's head and body are in (the server may reset the connection after).
	let mut answer = Vec::new();
	let mut buf = [0u8; 4096];
	let read = async {
		loop {
			match reader.read(&mut buf).await {
				Ok(0) | Err(_) => break,
				Ok(n) => answer.extend_from_slice(&buf[..n]),
			}
			if answer.ends_with(b"}") {
				break;
			}
		}
	};
	tokio::time::timeout(SOCKET_TIMEOUT, read).await.expect("an answer within the timeout");
	sender.await.unwrap();
	let reply = http::read_response(&mut BufReader::new(&answer[..])).await.unwrap();
	Reply::from(reply).assert_error(413, "body_too_large", &["too large"]);

	// Just under the limit is read (and then judged on its content).
	let mut padded = iris_request().to_string().into_bytes();
	padded.resize(MAX_BODY_BYTES, b' ');
	let reply = http::request(&server, "POST", "/v1/infer", Some(&padded), SOCKET_TIMEOUT).await;
	assert_eq!(reply.unwrap().status, 200);
}

#[tokio::test]
async fn unknown_endpoint_and_wrong_method() {
	let server = bundled();
	server.get("/v2/nothing").await.assert_error(404, "not_found", &["no such endpoint", "/v1/infer"]);
	server.get("/v1/infer").await.assert_error(405, "method_not_allowed", &["method not allowed"]);
	server.post("/health", b"{}").await.assert_error(405, "method_not_allowed", &["GET /health"]);
}

/// Over a socket: bytes that are not HTTP, and a request cut off, leave the server serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_on_the_socket_does_not_hurt_the_server() {
	let server = serve().await;
	for junk in
		[&b"\x00\x01\x02 nonsense\r\n\r\n"[..], b"GET\r\n\r\n", b"POST /v1/infer HTTP/9.9\r\n\r\n"]
	{
		let mut s = TcpStream::connect(&server).await.unwrap();
		let _ = s.write_all(junk).await;
		let mut sink = Vec::new();
		let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut sink)).await;
	}
	// A connection that sends half a request and goes away.
	{
		let mut s = TcpStream::connect(&server).await.unwrap();
		let _ = s.write_all(b"POST /v1/infer HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"mod").await;
	}
	let health = http::request(&server, "GET", "/health", None, SOCKET_TIMEOUT).await.unwrap();
	assert_eq!(health.status, 200);
	let body = iris_request().to_string();
	let reply =
		http::request(&server, "POST", "/v1/infer", Some(body.as_bytes()), SOCKET_TIMEOUT).await;
	assert_eq!(reply.unwrap().status, 200);
}

#[tokio::test]
async fn outputs_that_cannot_be_represented_are_422() {
	let dir = tempfile::tempdir().unwrap();
	for f in ["reciprocal.onnx", "reciprocal.json"] {
		std::fs::copy(fixtures_dir().join(f), dir.path().join(f)).unwrap();
	}
	let server = App::new(load_all(dir.path()));
	let id = read_json(fixtures_dir().join("reciprocal.json"))["id"].clone();
	let call = |data: Value| {
		let request =
			json!({ "model": id, "input": { "shape": [1, 2], "data": data, "precision": 1 } });
		let server = server.clone();
		async move { server.post_json("/v1/infer", &request).await }
	};
	// 1/1.0 = 1 and 1/2.0 = 0.5 at precision 18.
	let ok = call(json!([10, 20])).await;
	assert_eq!(ok.status, 200);
	assert_eq!(
		ok.json()["output"],
		json!({ "shape": [1, 2], "data": [1_000_000_000_000_000_000i64, 500_000_000_000_000_000i64], "precision": 18 })
	);
	call(json!([0, 10])).await.assert_error(
		422,
		"output_not_representable",
		&["element 0", "not a finite number"],
	);
	call(json!([10, 1])).await.assert_error(
		422,
		"output_not_representable",
		&["element 1", "too large for an i64"],
	);
	assert_eq!(server.get("/health").await.status, 200);
}

/// The binary: CLI flags, the log line with the bound address, and a clean stop.
#[tokio::test]
async fn binary_serves_the_models_folder() {
	let mut child = Command::new(env!("CARGO_BIN_EXE_verinfer-engine"))
		.args(["--models", models_dir().to_str().unwrap(), "--listen", "127.0.0.1:0"])
		.env("RUST_LOG", "info")
		.stderr(Stdio::piped())
		.stdout(Stdio::null())
		.kill_on_drop(true)
		.spawn()
		.expect("start the engine");
	let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
	let mut log = Vec::new();
	let addr: String = loop {
		let line = lines.next_line().await.unwrap().expect("engine log line");
		log.push(line.clone());
		if let Some(rest) = line.split("listening on http://").nth(1) {
			break rest.split_whitespace().next().unwrap().to_string();
		}
		assert!(log.len() < 50, "no listening line in {log:#?}");
	};
	assert_eq!(log.iter().filter(|l| l.contains("loaded model")).count(), 3, "{log:#?}");
	let health = http::get_json(&addr, "/health", SOCKET_TIMEOUT).await.unwrap();
	assert_eq!(health["models"], 3);
	let body = iris_request().to_string();
	let reply = http::request(&addr, "POST", "/v1/infer", Some(body.as_bytes()), SOCKET_TIMEOUT);
	assert_eq!(reply.await.unwrap().status, 200);
	// The inference is logged with its latency.
	let line = lines.next_line().await.unwrap().expect("an inference log line");
	assert!(
		line.contains("inference") && line.contains("micros=") && line.contains("iris-logreg"),
		"{line}"
	);
	terminate(&child);
	let status = child.wait().await.unwrap();
	assert!(status.success(), "clean stop on SIGTERM: {status:?}");
}

fn terminate(child: &tokio::process::Child) {
	// No libc dependency: `kill(1)` sends SIGTERM to our own child, by its id.
	let pid = child.id().expect("the engine runs").to_string();
	let ok = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
	assert!(ok.success());
}

#[tokio::test]
async fn binary_fails_on_a_missing_models_folder() {
	let out = Command::new(env!("CARGO_BIN_EXE_verinfer-engine"))
		.args(["--models", "/nonexistent/verinfer-models", "--listen", "127.0.0.1:0"])
		.output()
		.await
		.unwrap();
	assert!(!out.status.success());
	let err = String::from_utf8_lossy(&out.stderr);
	assert!(err.contains("cannot read the models folder"), "{err}");
}

#[tokio::test]
async fn binary_help_names_the_flags() {
	let out =
		Command::new(env!("CARGO_BIN_EXE_verinfer-engine")).arg("--help").output().await.unwrap();
	let help = String::from_utf8_lossy(&out.stdout);
	assert!(
		help.contains("--models") && help.contains("--listen") && help.contains("127.0.0.1:9955"),
		"{help}"
	);
}
