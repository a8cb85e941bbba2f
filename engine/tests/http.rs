//! The engine over HTTP: every endpoint, every error case, and the bundled models' outputs against
//! the expectations that `models/make_models.py` recorded with onnxruntime.

mod common;

use common::{fixtures_dir, load_all, models_dir, raw, TestServer};
use serde_json::{json, Value};
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::TcpStream,
	process::{Command, Stdio},
	time::Duration,
};
use verinfer_engine::ENGINE_VERSION;
use verinfer_primitives::{
	engine::{InferResponse, ModelsResponse, MAX_BODY_BYTES},
	tensor::Tensor,
};

fn read_json(path: std::path::PathBuf) -> Value {
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
	serde_json::from_str(&text).unwrap()
}

fn bundled() -> TestServer {
	TestServer::start(load_all(&models_dir()))
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

#[test]
fn health() {
	let server = bundled();
	let reply = server.get("/health");
	assert_eq!(reply.status, 200);
	assert_eq!(reply.header("content-type"), Some("application/json"));
	assert_eq!(
		reply.json(),
		json!({ "status": "ok", "engine_version": ENGINE_VERSION, "models": 3 })
	);
}

#[test]
fn models_lists_every_bundled_model_as_recorded() {
	let server = bundled();
	let reply = server.get("/v1/models");
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
#[test]
fn bundled_models_reproduce_the_onnxruntime_expectations_exactly() {
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
			);
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

#[test]
fn answers_are_deterministic_across_requests_and_connections() {
	let server = bundled();
	let first = server.post_json("/v1/infer", &iris_request()).json();
	for _ in 0..20 {
		let again = server.post_json("/v1/infer", &iris_request()).json();
		assert_eq!(again["output"], first["output"]);
		assert_eq!(again["output_hash"], first["output_hash"]);
	}
	// Probabilities at precision 4 of a clear setosa.
	let data: Vec<i64> = serde_json::from_value(first["output"]["data"].clone()).unwrap();
	assert!(data[0] > 9000, "{data:?}");
	assert!((data.iter().sum::<i64>() - 10_000).abs() <= 2, "{data:?}");
}

#[test]
fn parallel_requests_all_succeed() {
	let server = bundled();
	let addr = server.addr;
	let body = iris_request().to_string();
	let threads: Vec<_> = (0..8)
		.map(|_| {
			let body = body.clone();
			std::thread::spawn(move || {
				(0..10)
					.map(|_| common::request(addr, "POST", "/v1/infer", body.as_bytes()).json())
					.collect::<Vec<_>>()
			})
		})
		.collect();
	let answers: Vec<Value> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
	assert_eq!(answers.len(), 80);
	assert!(answers.iter().all(|a| a["output_hash"] == answers[0]["output_hash"]));
}

#[test]
fn unknown_model_is_404() {
	let server = bundled();
	let mut req = iris_request();
	req["model"] = json!(format!("0x{}", "ab".repeat(32)));
	server.post_json("/v1/infer", &req).assert_error(
		404,
		"unknown_model",
		&["unknown model", "0xabab"],
	);
}

#[test]
fn wrong_shape_is_422() {
	let server = bundled();
	let mut req = iris_request();
	req["input"] = json!({ "shape": [4], "data": [510, 350, 140, 20], "precision": 2 });
	server.post_json("/v1/infer", &req).assert_error(
		422,
		"wrong_shape",
		&["wrong shape", "[1, 4]", "[4]"],
	);
	req["input"] = json!({ "shape": [1, 5], "data": [510, 350, 140, 20, 1], "precision": 2 });
	server.post_json("/v1/infer", &req).assert_error(422, "wrong_shape", &["[1, 5]"]);
}

#[test]
fn wrong_precision_is_422() {
	let server = bundled();
	let mut req = iris_request();
	req["input"]["precision"] = json!(3);
	server.post_json("/v1/infer", &req).assert_error(
		422,
		"wrong_precision",
		&["wrong precision", "precision 2", "has 3"],
	);
	req["input"]["precision"] = json!(200);
	server.post_json("/v1/infer", &req).assert_error(422, "wrong_precision", &["has 200"]);
}

#[test]
fn data_not_matching_shape_is_400() {
	let server = bundled();
	let mut req = iris_request();
	req["input"]["data"] = json!([510, 350, 140]);
	server.post_json("/v1/infer", &req).assert_error(
		400,
		"invalid_tensor",
		&["3 elements", "needs 4"],
	);
}

#[test]
fn malformed_json_is_400() {
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
		let reply = server.post("/v1/infer", &body);
		reply.assert_error(400, "malformed_json", &[words]);
	}
}

#[test]
fn oversized_body_is_413() {
	let server = bundled();
	// Announced too large: refused without reading the body.
	let head = format!(
		"POST /v1/infer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
		MAX_BODY_BYTES + 1
	);
	raw(server.addr, head.as_bytes()).assert_error(
		413,
		"body_too_large",
		&["too large", "1048576"],
	);

	// Sent too large, in chunks with no length announced: refused once the limit is crossed.
	let mut stream = TcpStream::connect(server.addr).unwrap();
	stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
	stream
		.write_all(b"POST /v1/infer HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
		.unwrap();
	let chunk = vec![b' '; 64 * 1024];
	let mut writer = stream.try_clone().unwrap();
	let sender = std::thread::spawn(move || {
		for _ in 0..(MAX_BODY_BYTES / chunk.len() + 4) {
			let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
			frame.extend_from_slice(&chunk);
			frame.extend_from_slice(b"\r\n");
			if writer.write_all(&frame).is_err() {
				return; // the server stopped reading: expected
			}
		}
		let _ = writer.write_all(b"0\r\n\r\n");
	});
	let mut answer = Vec::new();
	let mut buf = [0u8; 4096];
	// Read until the answer's head and body are in (the server may reset the connection after).
	loop {
		match stream.read(&mut buf) {
			Ok(0) => break,
			Ok(n) => answer.extend_from_slice(&buf[..n]),
			Err(_) => break,
		}
		if answer.ends_with(b"}") {
			break;
		}
	}
	sender.join().unwrap();
	common::parse(&answer).assert_error(413, "body_too_large", &["too large"]);

	// Just under the limit is read (and then judged on its content).
	let mut padded = iris_request().to_string().into_bytes();
	padded.resize(MAX_BODY_BYTES, b' ');
	assert_eq!(server.post("/v1/infer", &padded).status, 200);
}

#[test]
fn unknown_endpoint_and_wrong_method() {
	let server = bundled();
	server.get("/v2/nothing").assert_error(404, "not_found", &["no such endpoint", "/v1/infer"]);
	server.get("/v1/infer").assert_error(405, "method_not_allowed", &["method not allowed"]);
	server.post("/health", b"{}").assert_error(405, "method_not_allowed", &["GET /health"]);
}

#[test]
fn garbage_on_the_socket_does_not_hurt_the_server() {
	let server = bundled();
	for junk in
		[&b"\x00\x01\x02 nonsense\r\n\r\n"[..], b"GET\r\n\r\n", b"POST /v1/infer HTTP/9.9\r\n\r\n"]
	{
		let mut s = TcpStream::connect(server.addr).unwrap();
		s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
		let _ = s.write_all(junk);
		let mut sink = Vec::new();
		let _ = s.read_to_end(&mut sink);
	}
	// A connection that sends half a request and goes away.
	{
		let mut s = TcpStream::connect(server.addr).unwrap();
		let _ = s.write_all(b"POST /v1/infer HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"mod");
	}
	assert_eq!(server.get("/health").status, 200);
	assert_eq!(server.post_json("/v1/infer", &iris_request()).status, 200);
}

#[test]
fn outputs_that_cannot_be_represented_are_422() {
	let dir = tempfile::tempdir().unwrap();
	for f in ["reciprocal.onnx", "reciprocal.json"] {
		std::fs::copy(fixtures_dir().join(f), dir.path().join(f)).unwrap();
	}
	let server = TestServer::start(load_all(dir.path()));
	let id = read_json(fixtures_dir().join("reciprocal.json"))["id"].clone();
	let call = |data: Value| {
		server.post_json(
			"/v1/infer",
			&json!({ "model": id, "input": { "shape": [1, 2], "data": data, "precision": 1 } }),
		)
	};
	// 1/1.0 = 1 and 1/2.0 = 0.5 at precision 18.
	let ok = call(json!([10, 20]));
	assert_eq!(ok.status, 200);
	assert_eq!(
		ok.json()["output"],
		json!({ "shape": [1, 2], "data": [1_000_000_000_000_000_000i64, 500_000_000_000_000_000i64], "precision": 18 })
	);
	call(json!([0, 10])).assert_error(
		422,
		"output_not_representable",
		&["element 0", "not a finite number"],
	);
	call(json!([10, 1])).assert_error(
		422,
		"output_not_representable",
		&["element 1", "too large for an i64"],
	);
	assert_eq!(server.get("/health").status, 200);
}

/// The binary: CLI flags, the log line with the bound address, and a clean stop.
#[test]
fn binary_serves_the_models_folder() {
	let mut child = Command::new(env!("CARGO_BIN_EXE_verinfer-engine"))
		.args(["--models", models_dir().to_str().unwrap(), "--listen", "127.0.0.1:0"])
		.env("RUST_LOG", "info")
		.stderr(Stdio::piped())
		.stdout(Stdio::null())
		.spawn()
		.expect("start the engine");
	let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
	let mut log = Vec::new();
	let addr = loop {
		let line = lines.next().expect("engine log line").unwrap();
		log.push(line.clone());
		if let Some(rest) = line.split("listening on http://").nth(1) {
			break rest.split_whitespace().next().unwrap().parse().unwrap();
		}
		assert!(log.len() < 50, "no listening line in {log:#?}");
	};
	assert_eq!(log.iter().filter(|l| l.contains("loaded model")).count(), 3, "{log:#?}");
	let health = common::request(addr, "GET", "/health", &[]);
	assert_eq!(health.json()["models"], 3);
	let reply = common::request(addr, "POST", "/v1/infer", iris_request().to_string().as_bytes());
	assert_eq!(reply.status, 200);
	// The inference is logged with its latency.
	let line = lines.next().unwrap().unwrap();
	assert!(
		line.contains("inference") && line.contains("micros=") && line.contains("iris-logreg"),
		"{line}"
	);
	terminate(&child);
	let status = child.wait().unwrap();
	assert!(status.success(), "clean stop on SIGTERM: {status:?}");
}

fn terminate(child: &std::process::Child) {
	// No libc dependency: `kill(1)` sends SIGTERM to our own child, by its id.
	let ok = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
	assert!(ok.success());
}

#[test]
fn binary_fails_on_a_missing_models_folder() {
	let out = Command::new(env!("CARGO_BIN_EXE_verinfer-engine"))
		.args(["--models", "/nonexistent/verinfer-models", "--listen", "127.0.0.1:0"])
		.output()
		.unwrap();
	assert!(!out.status.success());
	let err = String::from_utf8_lossy(&out.stderr);
	assert!(err.contains("cannot read the models folder"), "{err}");
}

#[test]
fn binary_help_names_the_flags() {
	let out = Command::new(env!("CARGO_BIN_EXE_verinfer-engine")).arg("--help").output().unwrap();
	let help = String::from_utf8_lossy(&out.stdout);
	assert!(
		help.contains("--models") && help.contains("--listen") && help.contains("127.0.0.1:9955"),
		"{help}"
	);
}
