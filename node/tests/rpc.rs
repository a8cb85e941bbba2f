//! End-to-end: the `inference_*` and `reputation_*` JSON-RPC methods of a `--dev` node.
//!
//! The test sets up its own model and operator with extrinsics (so it does not depend on the
//! dev genesis): Ferdie registers a fresh model with `k = q = 1`, Eve registers as an operator,
//! serves it and goes online. Eve has no `infr` key in the node's keystore, so her jobs expire
//! and she is recorded as having missed them, which exercises the reputation counters too.
//! Every method is called with raw JSON-RPC over HTTP, with positional and named parameters,
//! with bad arguments (checking the error codes), with paging and with an explicit block `at`.

mod common;

use common::{http, within, BoxError, NodeProcess, TestResult, READY_TIMEOUT};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use subxt::{
	dynamic,
	ext::{scale_decode::DecodeAsType, scale_encode::EncodeAsType},
	extrinsics::ExtrinsicEvents,
	tx::Payload,
	utils::{AccountId32, H256},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{
	sr25519::{dev, Keypair},
	DeriveJunction,
};

/// How long one extrinsic may take to be finalized.
const TX_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a job may take to expire: the commit window (20 blocks of 3 s) and a margin.
const EXPIRY_TIMEOUT: Duration = Duration::from_secs(240);
/// One VINF.
const UNIT: u128 = 1_000_000_000_000;
/// JSON-RPC "invalid params".
const INVALID_PARAMS: i64 = -32602;
/// The node's "quote: unknown model" error code.
const UNKNOWN_MODEL: i64 = 10;
/// The node's "quote: k out of range" error code.
const INVALID_REPLICAS: i64 = 13;

type Api = OnlineClient<PolkadotConfig>;

/// `verinfer_primitives::tensor::TensorSpec`.
#[derive(Clone, Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct Spec {
	shape: Vec<u32>,
	precision: u8,
}

/// `verinfer_primitives::tensor::Tensor`.
#[derive(Clone, Debug, EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct Tensor {
	shape: Vec<u32>,
	data: Vec<i64>,
	precision: u8,
}

/// `verinfer_primitives::Quote` (the fields read here).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct QuoteEvent {
	k: u32,
	total: u128,
}

/// `Jobs::JobSubmitted` (the fields read here).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct JobSubmitted {
	job: u64,
	operators: Vec<AccountId32>,
	quote: QuoteEvent,
}

/// Raw JSON-RPC over HTTP, so that error objects can be checked field by field.
struct Raw {
	host_port: String,
}

impl Raw {
	/// The whole answer of `method(params)`: `Ok(result)` or `Err((code, message))`.
	async fn call(&self, method: &str, params: Value) -> TestResult<Result<Value, (i64, String)>> {
		let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let reply = http::post_json(&self.host_port, "/", &body, common::RPC_CALL_TIMEOUT).await?;
		let answer = reply.body_json()?;
		if let Some(error) = answer.get("error") {
			let code = error["code"].as_i64().ok_or_else(|| format!("bad error {answer}"))?;
			let message = error["message"].as_str().unwrap_or_default().to_string();
			return Ok(Err((code, message)));
		}
		answer.get("result").cloned().map(Ok).ok_or_else(|| format!("no result: {answer}").into())
	}

	/// The result of `method(params)`; fails on a JSON-RPC error.
	async fn ok(&self, method: &str, params: Value) -> TestResult<Value> {
		match self.call(method, params.clone()).await? {
			Ok(v) => Ok(v),
			Err((code, message)) => {
				Err(format!("{method}({params}) failed with {code}: {message}").into())
			}
		}
	}

	/// The error of `method(params)`, which must have `code` and mention `needle`.
	async fn err(&self, method: &str, params: Value, code: i64, needle: &str) -> TestResult {
		match self.call(method, params.clone()).await? {
			Ok(v) => Err(format!("{method}({params}) answered {v}, expected error {code}").into()),
			Err((c, message)) => {
				if c != code || !message.contains(needle) {
					return Err(format!(
						"{method}({params}): error {c} {message:?}, expected {code} mentioning {needle:?}"
					)
					.into());
				}
				eprintln!("[rpc] {method}({params}) -> {c} {message:?}");
				Ok(())
			}
		}
	}
}

/// Signs `call` with `signer` and waits until it is finalized and successful.
async fn send<C: Payload>(
	api: &Api,
	signer: &Keypair,
	call: C,
	what: &str,
) -> TestResult<(H256, ExtrinsicEvents<PolkadotConfig>)> {
	let fut = async {
		let mut txs = api.tx().await?;
		let progress = txs.sign_and_submit_then_watch_default(&call, signer).await?;
		let in_block = progress.wait_for_finalized().await?;
		let events = in_block.wait_for_success().await?;
		Ok::<_, BoxError>((in_block.block_hash(), events))
	};
	within(TX_TIMEOUT, what, fut).await
}

/// Submits a job of `model` as `requester`, returns the event and the inclusion block.
async fn submit(
	api: &Api,
	requester: &Keypair,
	model: H256,
	agent: Option<H256>,
	max_fee: u128,
) -> TestResult<(JobSubmitted, H256)> {
	let input = Tensor { shape: vec![1, 4], data: vec![510, 350, 140, 20], precision: 2 };
	let call = dynamic::tx(
		"Jobs",
		"submit_job",
		(model, input, max_fee, Option::<(u32, u32)>::None, agent),
	);
	let (block, events) = send(api, requester, call, "submit_job").await?;
	for event in events.iter() {
		let event = event?;
		if (event.pallet_name(), event.event_name()) == ("Jobs", "JobSubmitted") {
			return Ok((event.decode_fields_unchecked_as::<JobSubmitted>()?, block));
		}
	}
	Err("submit_job without JobSubmitted".into())
}

fn ss58(id: &AccountId32) -> String {
	id.to_string()
}

fn hex(h: &H256) -> String {
	format!("{h:?}")
}

fn ids(page: &Value) -> Vec<u64> {
	page["jobs"]
		.as_array()
		.map_or(Vec::new(), |a| a.iter().filter_map(|j| j["id"].as_u64()).collect())
}

fn balance(v: &Value) -> TestResult<u128> {
	v.as_str()
		.ok_or_else(|| format!("balance {v} is not a string"))?
		.parse::<u128>()
		.map_err(|e| format!("balance {v}: {e}").into())
}

async fn scenario(node: &mut NodeProcess) -> TestResult {
	node.start(vec!["--dev".to_string()])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	node.wait_finalized_at_least(1, common::FINALITY_TIMEOUT).await?;
	let raw = Raw { host_port: format!("127.0.0.1:{}", node.ports().rpc) };
	let api = node.subxt_client().await?;

	let requester = dev::ferdie();
	let requester_id = requester.public_key().to_account_id();
	let operator = dev::eve();
	let operator_id = operator.public_key().to_account_id();
	let operator_key_pair = dev::eve().derive([DeriveJunction::hard("rpc-test-infr")]);
	let operator_key = operator_key_pair.public_key();
	let model = H256(sp_io::hashing::blake2_256(
		format!("verinfer rpc test model {}", common::unique_suffix()).as_bytes(),
	));
	let agent = H256::repeat_byte(0x5a);

	// 1. Bad arguments, unknown things, and the defaults of a fresh account.
	assert_eq!(raw.ok("inference_job", json!([u32::MAX])).await?, Value::Null);
	let bad_account = "not-an-account";
	raw.err("inference_jobsByRequester", json!([bad_account]), INVALID_PARAMS, "account").await?;
	raw.err("inference_jobsByOperator", json!(["0x1234"]), INVALID_PARAMS, "account").await?;
	raw.err("reputation_score", json!([bad_account]), INVALID_PARAMS, "account").await?;
	raw.err("reputation_operator", json!([bad_account]), INVALID_PARAMS, "account").await?;
	let alice = ss58(&dev::alice().public_key().to_account_id());
	raw.err("inference_jobsByRequester", json!([alice, null, 101]), INVALID_PARAMS, "pageLen")
		.await?;
	raw.err("inference_jobsByRequester", json!([alice, null, 0]), INVALID_PARAMS, "pageLen")
		.await?;
	raw.err("inference_jobsByAgent", json!(["0x12"]), INVALID_PARAMS, "agent tag").await?;
	raw.err("inference_quote", json!(["iris"]), INVALID_PARAMS, "model id").await?;
	raw.err("inference_quote", json!([hex(&model)]), UNKNOWN_MODEL, "unknown model").await?;
	raw.err("reputation_top", json!([101]), INVALID_PARAMS, "limit").await?;
	raw.err("reputation_top", json!([0]), INVALID_PARAMS, "limit").await?;
	raw.err("reputation_top", json!([5, "0x00"]), INVALID_PARAMS, "model id").await?;
	let unknown_block = hex(&H256::repeat_byte(0x01));
	raw.err("inference_models", json!([unknown_block]), INVALID_PARAMS, "unknown block").await?;
	raw.err(
		"reputation_score",
		json!({ "account": alice, "at": unknown_block }),
		INVALID_PARAMS,
		"unknown block",
	)
	.await?;
	let empty = raw.ok("inference_jobsByRequester", json!([ss58(&requester_id)])).await?;
	assert_eq!(empty, json!({ "total": 0, "jobs": [], "next": null }));
	assert_eq!(raw.ok("reputation_operator", json!([ss58(&operator_id)])).await?, Value::Null);
	let fresh = raw.ok("reputation_score", json!([ss58(&operator_id)])).await?;
	assert_eq!(fresh, json!({ "account": ss58(&operator_id), "score": 500000, "excluded": false }));
	let genesis_models = raw.ok("inference_models", json!([])).await?;
	let genesis_models = genesis_models.as_array().ok_or("models is not an array")?.len();
	eprintln!("[rpc] {genesis_models} model(s) at the start");

	// 2. A model (Ferdie) and an operator serving it (Eve), set up with extrinsics.
	let spec = |shape: Vec<u32>, precision| Spec { shape, precision };
	let register_model = dynamic::tx(
		"Jobs",
		"register_model",
		(
			model,
			b"rpc-test".to_vec(),
			b"https://example.invalid/rpc-test.onnx".to_vec(),
			spec(vec![1, 4], 2),
			spec(vec![1, 3], 4),
			1u64,
			UNIT / 10,
			UNIT / 100,
			1u32,
			1u32,
		),
	);
	send(&api, &requester, register_model, "register_model").await?;
	// The key proves it is the operator's: its signature over "POP_" ++ the operator's account.
	let statement = [b"POP_".as_slice(), operator.public_key().0.as_slice()].concat();
	let key_proof = operator_key_pair.sign(&statement).0;
	let register = dynamic::tx(
		"Operators",
		"register",
		(2_000 * UNIT, operator_key.0, key_proof, b"rpc test operator".to_vec()),
	);
	send(&api, &operator, register, "register operator").await?;
	send(&api, &operator, dynamic::tx("Operators", "serve", (vec![model],)), "serve").await?;
	send(&api, &operator, dynamic::tx("Operators", "go_online", ()), "go_online").await?;

	// 3. The model as `inference_models` shows it, and its quotes.
	let models = raw.ok("inference_models", json!([])).await?;
	let models = models.as_array().ok_or("models is not an array")?;
	assert_eq!(models.len(), genesis_models + 1, "{models:?}");
	let ids_sorted: Vec<&str> = models.iter().filter_map(|m| m["id"].as_str()).collect();
	assert!(ids_sorted.windows(2).all(|w| w[0] < w[1]), "models by ascending id: {ids_sorted:?}");
	let ours = models.iter().find(|m| m["id"] == hex(&model)).ok_or("our model is missing")?;
	eprintln!("[rpc] model {ours}");
	assert_eq!(ours["owner"], ss58(&requester_id));
	assert_eq!(ours["name"], "rpc-test");
	assert_eq!(ours["input"], json!({ "shape": [1, 4], "precision": 2 }));
	assert_eq!(ours["output"], json!({ "shape": [1, 3], "precision": 4 }));
	assert_eq!((ours["k"].as_u64(), ours["q"].as_u64()), (Some(1), Some(1)));
	assert_eq!(ours["active"], true);
	assert_eq!(ours["eligibleOperators"], 1);
	// compact(2) + 2 × u32 + compact(4) + 4 × i64 + precision.
	assert_eq!(ours["inputBytes"], 1 + 8 + 1 + 32 + 1);
	assert_eq!(balance(&ours["operatorFee"])?, UNIT / 10);
	assert_eq!(balance(&ours["royalty"])?, UNIT / 100);

	let quote = raw.ok("inference_quote", json!([hex(&model)])).await?;
	eprintln!("[rpc] quote {quote}");
	assert_eq!(quote["model"], hex(&model));
	assert_eq!((quote["k"].as_u64(), quote["inputBytes"].as_u64()), (Some(1), Some(43)));
	let total = balance(&quote["total"])?;
	assert_eq!(
		total,
		balance(&quote["perOperator"])?
			+ balance(&quote["royalty"])?
			+ balance(&quote["protocolFee"])?
	);
	let named = raw
		.ok("inference_quote", json!({ "model": hex(&model), "inputLen": 1000, "k": 3 }))
		.await?;
	assert_eq!(named["k"], 3);
	assert_eq!(named["inputBytes"], 1000);
	assert!(balance(&named["total"])? > total);
	raw.err("inference_quote", json!([hex(&model), null, 0]), INVALID_REPLICAS, "k").await?;
	raw.err("inference_quote", json!([hex(&model), null, 1000]), INVALID_REPLICAS, "k").await?;

	// 4. Two jobs by Ferdie, the first tagged; both go to Eve, the only operator of the model.
	let (first, first_block) = submit(&api, &requester, model, Some(agent), total).await?;
	let (second, _) = submit(&api, &requester, model, None, total).await?;
	assert_eq!(first.operators, vec![operator_id.clone()]);
	assert_eq!((first.quote.k, first.quote.total), (1, total), "the chain charged the RPC's quote");
	eprintln!("[rpc] jobs #{} and #{} submitted", first.job, second.job);

	let job = raw.ok("inference_job", json!([first.job])).await?;
	eprintln!("[rpc] job {job}");
	assert_eq!(job["id"], first.job);
	assert_eq!(job["requester"], ss58(&requester_id));
	assert_eq!(job["model"], hex(&model));
	assert_eq!(job["agent"], hex(&agent));
	assert_eq!(
		job["input"],
		json!({ "shape": [1, 4], "data": [510, 350, 140, 20], "precision": 2 })
	);
	assert_eq!(job["assignments"][0]["operator"], ss58(&operator_id));
	assert_eq!(balance(&job["quote"]["total"])?, total);
	assert_eq!(balance(&job["maxFee"])?, total);
	assert_eq!(job["unverified"], true);
	assert!(job["inputHash"].as_str().is_some_and(|h| h.len() == 66), "{job}");

	// At the inclusion block the job is fresh; at its parent it does not exist yet.
	let at_inclusion = raw.ok("inference_job", json!([first.job, hex(&first_block)])).await?;
	assert_eq!(at_inclusion["status"], "assigned");
	let parent = api.at_block(first_block).await?.block_header().await?.parent_hash;
	assert_eq!(raw.ok("inference_job", json!([first.job, hex(&parent)])).await?, Value::Null);

	// 5. Pages: newest first, walking down with `next`; account as SS58 or hex.
	let page = raw.ok("inference_jobsByRequester", json!([ss58(&requester_id), null, 1])).await?;
	assert_eq!((page["total"].as_u64(), ids(&page)), (Some(2), vec![second.job]));
	assert_eq!(page["next"], 0);
	assert_eq!(page["jobs"][0]["input"], Value::Null, "pages carry no inputs");
	let page2 = raw
		.ok(
			"inference_jobsByRequester",
			json!({ "account": ss58(&requester_id), "pageStart": page["next"], "pageLen": 1 }),
		)
		.await?;
	assert_eq!((ids(&page2), &page2["next"]), (vec![first.job], &Value::Null));
	let hex_account = format!("0x{}", hex_bytes(&requester_id.0));
	let all = raw.ok("inference_jobsByRequester", json!([hex_account])).await?;
	assert_eq!(ids(&all), vec![second.job, first.job]);
	let by_operator = raw.ok("inference_jobsByOperator", json!([ss58(&operator_id)])).await?;
	assert_eq!(ids(&by_operator), vec![second.job, first.job]);
	let by_agent = raw.ok("inference_jobsByAgent", json!([hex(&agent), null, 100])).await?;
	assert_eq!((by_agent["total"].as_u64(), ids(&by_agent)), (Some(1), vec![first.job]));

	// 6. Rankings: Eve is the only operator of the model; every operator is in the full list.
	let top = raw.ok("reputation_top", json!([10, hex(&model)])).await?;
	let top = top.as_array().ok_or("top is not an array")?;
	assert_eq!(top.len(), 1, "{top:?}");
	assert_eq!(top[0]["account"], ss58(&operator_id));
	let everyone = raw.ok("reputation_top", json!([])).await?;
	let everyone = everyone.as_array().ok_or("top is not an array")?;
	assert!(everyone.iter().any(|r| r["account"] == ss58(&operator_id)), "{everyone:?}");
	let scores: Vec<u64> = everyone.iter().filter_map(|r| r["score"].as_u64()).collect();
	assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked by score: {scores:?}");

	// 7. Eve has no key in the keystore: both jobs expire and she is recorded as missing them.
	let deadline = Instant::now() + EXPIRY_TIMEOUT;
	loop {
		let job = raw.ok("inference_job", json!([second.job])).await?;
		if job["status"] == "expired" {
			assert_eq!(job["assignments"][0]["outcome"], "missedCommit", "{job}");
			assert!(job["concludedAt"].is_u64(), "{job}");
			break;
		}
		if Instant::now() > deadline {
			return Err(format!("job #{} did not expire: {job}", second.job).into());
		}
		tokio::time::sleep(Duration::from_secs(3)).await;
	}
	let record = raw.ok("reputation_operator", json!([ss58(&operator_id)])).await?;
	eprintln!("[rpc] reputation {record}");
	assert_eq!(record["account"], ss58(&operator_id));
	assert_eq!((record["assigned"].as_u64(), record["missed"].as_u64()), (Some(2), Some(2)));
	assert_eq!((record["agreed"].as_u64(), record["disagreed"].as_u64()), (Some(0), Some(0)));
	assert!(balance(&record["totalSlashed"])? > 0, "{record}");
	assert_eq!(balance(&record["totalEarned"])?, 0);
	assert!(record["firstActive"].is_u64() && record["lastActive"].is_u64(), "{record}");
	let score = raw.ok("reputation_score", json!([ss58(&operator_id)])).await?;
	assert!(score["score"].as_u64().is_some_and(|s| s < 500_000), "{score}");
	assert_eq!(score["score"], record["score"]);
	Ok(())
}

fn hex_bytes(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_methods_answer_typed_json() {
	let mut node = NodeProcess::new("rpc").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut node).await {
		// Panicking with the node still alive prints its log tail when it is dropped.
		panic!("rpc scenario failed: {e}");
	}
}
