//! The commands of `verinfer` against a dev chain: models, operators, jobs and reputation,
//! decoded runtime errors, and the errors of usage and connection.

use crate::{cli, dev_chain, run_cli};
use serde_json::Value;
use verinfer_test_utils::{models_dir, node::DevChain};

/// The bundled iris model (`models/iris-logreg.onnx`).
const IRIS: &str = "0x2040303b6662c366504bd504849f6c236f6b803825e58fa7b492c9cbd7a726d9";

fn random_hash() -> String {
	let nanos =
		std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
	let seed = format!("{}-{nanos}", std::process::id());
	// Not cryptographic: the hash only has to be new on a fresh chain.
	let mut out = String::from("0x");
	for i in 0..32u32 {
		let byte = seed.bytes().fold(i.wrapping_mul(2654435761), |acc, b| {
			acc.rotate_left(5) ^ (b as u32).wrapping_mul(0x9e3779b1)
		});
		out.push_str(&format!("{:02x}", byte as u8));
	}
	out
}

fn models(net: &DevChain) -> Vec<Value> {
	cli(net, &["--json", "model", "list"]).ok().json().as_array().cloned().unwrap_or_default()
}

#[test]
fn usage_and_connection_errors_are_explained() {
	let r = run_cli(&["--url", "ws://127.0.0.1:1", "model", "list"]);
	assert_eq!(r.code, 1, "{}", r.stderr);
	assert!(r.stderr.contains("cannot connect to the node at ws://127.0.0.1:1"), "{}", r.stderr);

	let r = run_cli(&["--url", "ws://127.0.0.1:1", "--json", "model", "list"]);
	assert_eq!(r.code, 1);
	let err: Value = serde_json::from_str(r.stderr.trim()).expect("JSON error on stderr");
	assert!(err["error"].as_str().unwrap().contains("cannot connect"), "{err}");

	let r = run_cli(&["job", "submit", "iris-logreg"]);
	assert_eq!(r.code, 2, "missing --input is a usage error: {}", r.stderr);
	assert!(run_cli(&["--help"]).ok().stdout.contains("operator"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn models_operators_and_decoded_errors() {
	let net = dev_chain("cli-models").await;

	// A model with a new content hash: registered, then listed and shown.
	let hash = random_hash();
	let reg = cli(
		&net,
		&[
			"--suri",
			"//Eve",
			"model",
			"register",
			"--hash",
			&hash,
			"--name",
			"cli-test-model",
			"--uri",
			"https://example.com/m.onnx",
			"--input-shape",
			"1,4",
			"--input-precision",
			"2",
			"--output-shape",
			"1,3",
			"--output-precision",
			"4",
			"--tolerance",
			"1",
			"--operator-fee",
			"0.5",
			"--k",
			"1",
			"--q",
			"1",
		],
	)
	.ok();
	assert!(reg.stdout.contains("Jobs.ModelRegistered"), "{}", reg.stdout);
	let listed = models(&net);
	let m = listed.iter().find(|m| m["id"] == hash.as_str()).expect("the new model is listed");
	assert_eq!(m["name"], "cli-test-model");
	assert_eq!(m["input"]["shape"], serde_json::json!([1, 4]));
	let shown = cli(&net, &["--json", "model", "show", "cli-test-model"]).ok().json();
	assert_eq!(shown["id"], hash.as_str());
	assert_eq!(shown["operatorFee"], "500000000000");
	assert!(cli(&net, &["model", "show", &hash]).ok().stdout.contains("cli-test-model"));

	// Ferdie becomes an operator serving it.
	let ferdie = ["--suri", "//Ferdie"];
	let run = |args: &[&str]| cli(&net, &[&ferdie[..], args].concat());
	let r = run(&["operator", "register", "--bond", "1500", "--key", "//Ferdie//infr"]).ok();
	assert!(r.stdout.contains("Operators.Registered"), "{}", r.stdout);
	run(&["operator", "bond", "100"]).ok();
	run(&["operator", "serve", &hash]).ok();
	run(&["operator", "online"]).ok();
	let info = run(&["--json", "operator", "info"]).ok().json();
	assert_eq!(info["status"], "online");
	assert_eq!(info["activeBond"], "1600000000000000");
	assert_eq!(info["models"], serde_json::json!([hash]));
	let text = run(&["operator", "info"]).ok().stdout;
	assert!(text.contains("Online") && text.contains("cli-test-model"), "{text}");

	// A failing call names the runtime error and exits non-zero.
	let again = run(&["operator", "register", "--bond", "1500", "--key", "//Ferdie//infr2"]);
	assert_eq!(again.code, 1, "{}", again.stdout);
	assert!(again.stderr.contains("Operators::AlreadyRegistered"), "{}", again.stderr);
	assert!(again.stderr.contains("already a registered operator"), "docs: {}", again.stderr);
	let as_json = run(&["--json", "operator", "unbond", "1000000"]);
	assert_eq!(as_json.code, 1);
	let err: Value = serde_json::from_str(as_json.stderr.trim()).expect("JSON error");
	assert_eq!(err["dispatch_error"]["pallet"], "Operators");
	assert_eq!(err["dispatch_error"]["name"], "UnbondingMoreThanBonded");

	// Reading works without a signer; a signing command without one says what is missing.
	let rep = cli(&net, &["--json", "reputation", "show", "//Ferdie"]).ok().json();
	assert_eq!(rep["score"], 500000, "{rep}");
	let unsigned = cli(&net, &["operator", "online"]);
	assert_eq!(unsigned.code, 1);
	assert!(unsigned.stderr.contains("--suri"), "{}", unsigned.stderr);
}

/// Makes the iris model usable on a chain that does not register it at genesis: registered
/// with k = q = 1 and served by Ferdie.
fn ensure_iris_runnable(net: &DevChain) {
	if models(net).iter().any(|m| m["id"] == IRIS) {
		return;
	}
	let file = models_dir().join("iris-logreg.onnx");
	cli(
		net,
		&[
			"--suri",
			"//Alice",
			"model",
			"register",
			"--file",
			file.to_str().unwrap(),
			"--k",
			"1",
			"--q",
			"1",
		],
	)
	.ok();
	let ferdie = ["--suri", "//Ferdie"];
	let run = |args: &[&str]| cli(net, &[&ferdie[..], args].concat()).ok();
	run(&["operator", "register", "--bond", "1500", "--key", "//Ferdie//infr"]);
	run(&["operator", "serve", IRIS]);
	run(&["operator", "online"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_submit_without_waiting_then_show_and_list() {
	let net = dev_chain("cli-no-wait").await;
	ensure_iris_runnable(&net);

	// Only an agent's controller (and its delegates) may tag jobs with it: Alice registers hers.
	let submit = [
		"--suri",
		"//Alice",
		"job",
		"submit",
		"iris-logreg",
		"--input",
		"630,340,560,240",
		"--agent",
		"cli-test-agent",
		"--no-wait",
	];
	let unregistered = cli(&net, &submit);
	assert_eq!(unregistered.code, 1);
	assert!(unregistered.stderr.contains("UnknownAgent"), "{}", unregistered.stderr);
	let registered =
		cli(&net, &["--suri", "//Alice", "agent", "register", "cli-test-agent"]).ok().stdout;
	let tag = verinfer_primitives::agent_tag(
		&verinfer_primitives::AccountId::from(subxt_signer::sr25519::dev::alice().public_key().0),
		b"cli-test-agent",
	);
	assert!(registered.contains(&format!("agent tag {tag:?}")), "{registered}");

	let submitted = cli(
		&net,
		&[
			"--suri",
			"//Alice",
			"--json",
			"job",
			"submit",
			"iris-logreg",
			"--input",
			"630,340,560,240",
			"--agent",
			"cli-test-agent",
			"--no-wait",
		],
	)
	.ok()
	.json();
	let id = submitted["job"].as_u64().expect("job id");
	assert!(!submitted["operators"].as_array().unwrap().is_empty());

	let job = cli(&net, &["--json", "job", "show", &id.to_string()]).ok().json();
	assert_eq!(job["id"], id);
	assert_eq!(job["model"], IRIS);
	assert_eq!(job["input"]["data"], serde_json::json!([630, 340, 560, 240]));
	assert_eq!(job["requester"], "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	let text = cli(&net, &["job", "show", &id.to_string()]).ok().stdout;
	assert!(text.contains("[6.30, 3.40, 5.60, 2.40]"), "{text}");

	let tag = format!("{tag:?}");
	for selector in [["--requester", "//Alice"], ["--agent", &tag]] {
		let page = cli(&net, &["--json", "job", "list", selector[0], selector[1]]).ok().json();
		let ids: Vec<u64> =
			page["jobs"].as_array().unwrap().iter().filter_map(|j| j["id"].as_u64()).collect();
		assert!(ids.contains(&id), "{selector:?}: {page}");
	}
	let missing = cli(&net, &["job", "show", "999999"]);
	assert_eq!(missing.code, 1);
	assert!(missing.stderr.contains("no job 999999"), "{}", missing.stderr);
}

/// Needs the dev genesis with the bundled models and the demo operators (Bob, Charlie, Dave,
/// whose `infr` keys `--dev` inserts) and their off-chain workers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_submit_waits_for_the_verified_result() {
	let net = dev_chain("cli-wait").await;
	let iris = models(&net).into_iter().find(|m| m["id"] == IRIS);
	assert!(
		iris.is_some(),
		"the dev chain has no iris model at genesis: this test needs the dev genesis models and \
		 demo operators"
	);
	let r = cli(
		&net,
		&[
			"--suri",
			"//Alice",
			"job",
			"submit",
			"iris-logreg",
			"--input",
			"630,340,560,240",
			"--timeout",
			"300",
		],
	)
	.ok();
	assert!(r.stdout.contains("verified"), "{}\n{}", r.stdout, r.stderr);
	// models/expected.json: [0, 349, 9650] at precision 4.
	assert!(r.stdout.contains("[0, 349, 9650] = [0.0000, 0.0349, 0.9650]"), "{}", r.stdout);
	assert!(r.stderr.contains("committed"), "progress shows the commits: {}", r.stderr);

	let json = cli(
		&net,
		&[
			"--suri",
			"//Alice",
			"--json",
			"job",
			"submit",
			"iris-logreg",
			"--input",
			"580,270,510,190",
			"--timeout",
			"300",
		],
	)
	.ok()
	.json();
	assert_eq!(json["status"], "verified", "{json}");
	assert_eq!(json["result"]["data"], serde_json::json!([5, 2335, 7661]));
	assert_eq!(json["resultReal"][2], 0.7661);

	let top = cli(&net, &["--json", "reputation", "top", "--limit", "3"]).ok().json();
	assert!(top.as_array().unwrap().iter().any(|r| r["agreed"].as_u64() >= Some(1)), "{top}");
}
