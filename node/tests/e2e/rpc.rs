//! End-to-end: the `inference_*` and `reputation_*` JSON-RPC methods of a `--dev` node.
//!
//! The test sets up its own model and operator with extrinsics (so it does not depend on the
//! dev genesis): Ferdie registers a fresh model with `k = q = 1`, Eve registers as an operator,
//! serves it and goes online. Eve has no `infr` key in the node's keystore, so her jobs expire
//! and she is recorded as having missed them, which exercises the reputation counters too.
//! Answers are read with the typed client of `verinfer-rpc-api` (so they must decode as the
//! views the node serializes); bad arguments, named parameters and error codes are checked with
//! raw JSON-RPC over HTTP, as any client sends them.

use crate::harness::{
	account, key_proof, send, within, Api, InferenceApiClient, Included, NodeProcess, NodeRpc,
	ReputationApiClient, RuntimeEvent, Scale, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT,
	RPC_CALL_TIMEOUT, UNITS,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use subxt::{dynamic, tx::Payload, utils::H256};
use subxt_signer::{
	sr25519::{dev, Keypair},
	DeriveJunction,
};
use verinfer_client::{error, Page, QuoteAnswer, Score};
use verinfer_primitives::{
	jobs::JobPolicy,
	tensor::{BoundedShape, InputRange, Tensor, TensorSpec},
	AccountId, AssignmentOutcome, JobPhase, ModelFees, Quote,
};
use verinfer_test_utils::http;

/// How long one extrinsic may take to be finalized.
const TX_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a job may take to expire: the commit window (20 blocks of 3 s) and a margin.
const EXPIRY_TIMEOUT: Duration = Duration::from_secs(240);
/// JSON-RPC "invalid params".
const INVALID_PARAMS: i64 = error::INVALID_PARAMS as i64;
/// The node's "quote: unknown model" error code.
const UNKNOWN_MODEL: i64 = 10;
/// The node's "quote: k out of range" error code.
const INVALID_REPLICAS: i64 = 13;

/// Raw JSON-RPC over HTTP, so that error objects can be checked field by field.
struct Raw {
	host_port: String,
}

impl Raw {
	/// The whole answer of `method(params)`: `Ok(result)` or `Err((code, message))`.
	async fn call(&self, method: &str, params: Value) -> TestResult<Result<Value, (i64, String)>> {
		let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let reply = http::post_json(&self.host_port, "/", &body, RPC_CALL_TIMEOUT).await?;
		let answer = reply.body_json()?;
		if let Some(error) = answer.get("error") {
			let code = error["code"].as_i64().ok_or_else(|| format!("bad error {answer}"))?;
			let message = error["message"].as_str().unwrap_or_default().to_string();
			return Ok(Err((code, message)));
		}
		answer.get("result").cloned().map(Ok).ok_or_else(|| format!("no result: {answer}").into())
	}

	/// The result of `method(params)` as the typed answer `T`; fails on a JSON-RPC error.
	async fn ok<T: DeserializeOwned>(&self, method: &str, params: Value) -> TestResult<T> {
		match self.call(method, params.clone()).await? {
			Ok(v) => Ok(serde_json::from_value(v.clone())
				.map_err(|e| format!("{method}({params}) answered {v}, not its type: {e}"))?),
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
async fn submit_call<C: Payload>(
	api: &Api,
	signer: &Keypair,
	call: C,
	what: &str,
) -> TestResult<Included<RuntimeEvent>> {
	send(api, signer, &call, what, TX_TIMEOUT).await
}

/// What `Jobs::JobSubmitted` says about a job.
struct Submitted {
	job: u64,
	operators: Vec<AccountId>,
	quote: Quote<u128>,
}

/// Submits a job of `model` as `requester`, returns the event and the inclusion block.
async fn submit(
	api: &Api,
	requester: &Keypair,
	model: H256,
	agent: Option<H256>,
	max_fee: u128,
) -> TestResult<(Submitted, H256)> {
	let input = Tensor::new(vec![1, 4], vec![510, 350, 140, 20], 2);
	let call = dynamic::tx(
		"Jobs",
		"submit_job",
		(model, Scale(input), max_fee, Option::<Scale<JobPolicy>>::None, agent),
	);
	let included = submit_call(api, requester, call, "submit_job").await?;
	for event in included.events.iter() {
		if let RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted { job, quote, .. }) = event {
			let operators = crate::harness::assigned(&included.block_events, *job)?;
			let submitted = Submitted { job: *job, operators, quote: *quote };
			return Ok((submitted, included.block_hash));
		}
	}
	Err("submit_job without JobSubmitted".into())
}

fn ss58(id: &AccountId) -> String {
	id.to_string()
}

fn hex(h: &H256) -> String {
	format!("{h:?}")
}

fn ids(page: &Page) -> Vec<u64> {
	page.jobs.iter().map(|j| j.id()).collect()
}

async fn scenario(node: &mut NodeProcess) -> TestResult {
	node.start(vec!["--dev".to_string()])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	node.wait_finalized_at_least(1, FINALITY_TIMEOUT).await?;
	let raw = Raw { host_port: format!("127.0.0.1:{}", node.ports().rpc) };
	let rpc: NodeRpc = node.rpc()?.node().clone();
	let api = node.subxt_client().await?;
	// Each typed call is bounded like the raw ones.
	macro_rules! typed {
		($call:expr) => {
			within(RPC_CALL_TIMEOUT, stringify!($call), $call)
		};
	}

	let requester = dev::ferdie();
	let requester_id = account(&requester);
	let operator = dev::eve();
	let operator_id = account(&operator);
	let operator_key_pair = dev::eve().derive([DeriveJunction::hard("rpc-test-infr")]);
	let operator_key = operator_key_pair.public_key();
	let model = H256(sp_io::hashing::blake2_256(
		format!("verinfer rpc test model {}", crate::harness::unique_suffix()).as_bytes(),
	));
	// Ferdie's agent: only Ferdie (and its delegates) may tag jobs with it.
	let agent_name = b"rpc-test-agent".to_vec();
	let agent = verinfer_primitives::agent_tag(&requester_id, &agent_name);

	// 1. Bad arguments, unknown things, and the defaults of a fresh account.
	assert_eq!(typed!(InferenceApiClient::job(&rpc, u32::MAX as u64, None)).await?, None);
	let bad_account = "not-an-account";
	raw.err("inference_jobsByRequester", json!([bad_account]), INVALID_PARAMS, "account").await?;
	raw.err("inference_jobsByOperator", json!(["0x1234"]), INVALID_PARAMS, "account").await?;
	raw.err("reputation_score", json!([bad_account]), INVALID_PARAMS, "account").await?;
	raw.err("reputation_operator", json!([bad_account]), INVALID_PARAMS, "account").await?;
	let alice = ss58(&account(&dev::alice()));
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
	let empty =
		typed!(InferenceApiClient::jobs_by_requester(&rpc, (&requester_id).into(), None, None, None))
			.await?;
	assert_eq!(empty, Page { total: 0, jobs: vec![], next: None });
	assert_eq!(
		typed!(ReputationApiClient::operator(&rpc, (&operator_id).into(), None)).await?,
		None
	);
	let fresh = typed!(ReputationApiClient::score(&rpc, (&operator_id).into(), None)).await?;
	assert_eq!(fresh, Score { account: operator_id.clone(), score: 500000, excluded: false });
	let genesis_models = typed!(InferenceApiClient::models(&rpc, None)).await?.len();
	eprintln!("[rpc] {genesis_models} model(s) at the start");

	// 2. A model (Ferdie) and an operator serving it (Eve), set up with extrinsics.
	let spec = |shape: Vec<u32>, precision| TensorSpec {
		shape: BoundedShape::truncate_from(shape),
		precision,
	};
	let register_model = dynamic::tx(
		"Jobs",
		"register_model",
		(
			model,
			b"rpc-test".to_vec(),
			b"https://example.invalid/rpc-test.onnx".to_vec(),
			Scale(spec(vec![1, 4], 2)),
			Scale(spec(vec![1, 3], 4)),
			Some(Scale(InputRange { min: 0, max: 1000 })),
			1u64,
			Scale(ModelFees { operator_fee: UNITS / 10, royalty: UNITS / 100 }),
			Scale(JobPolicy { k: 1, q: 1 }),
		),
	);
	submit_call(&api, &requester, register_model, "register_model").await?;
	// The key proves it is the operator's: its signature over "POP_" ++ the operator's account.
	let proof = key_proof(&operator_key_pair, &account(&operator));
	let register = dynamic::tx(
		"Operators",
		"register",
		(2_000 * UNITS, operator_key.0, proof, b"rpc test operator".to_vec()),
	);
	submit_call(&api, &operator, register, "register operator").await?;
	submit_call(&api, &operator, dynamic::tx("Operators", "serve", (vec![model],)), "serve")
		.await?;
	submit_call(&api, &operator, dynamic::tx("Operators", "go_online", ()), "go_online").await?;

	// 3. The model as `inference_models` shows it, and its quotes.
	let models = typed!(InferenceApiClient::models(&rpc, None)).await?;
	assert_eq!(models.len(), genesis_models + 1, "{models:?}");
	let ids_sorted: Vec<H256> = models.iter().map(|m| m.id).collect();
	assert!(ids_sorted.windows(2).all(|w| w[0] < w[1]), "models by ascending id: {ids_sorted:?}");
	let ours = models.iter().find(|m| m.id == model).ok_or("our model is missing")?;
	eprintln!("[rpc] model {ours:?}");
	assert_eq!(ours.owner, requester_id);
	assert_eq!(ours.name, b"rpc-test");
	assert_eq!(ours.input, spec(vec![1, 4], 2));
	assert_eq!(ours.output, spec(vec![1, 3], 4));
	assert_eq!((ours.k, ours.q), (1, 1));
	assert!(ours.active);
	assert_eq!(ours.eligible_operators, 1);
	// compact(2) + 2 × u32 + compact(4) + 4 × i64 + precision.
	assert_eq!(ours.input_bytes, 1 + 8 + 1 + 32 + 1);
	assert_eq!(ours.fees.operator_fee, UNITS / 10);
	assert_eq!(ours.fees.royalty, UNITS / 100);

	let quote = typed!(InferenceApiClient::quote(&rpc, model.into(), None, None, None)).await?;
	eprintln!("[rpc] quote {quote:?}");
	assert_eq!(quote.model, model);
	assert_eq!((quote.quote.k, quote.input_bytes), (1, 43));
	let total = quote.quote.total;
	assert_eq!(total, quote.quote.per_operator + quote.quote.royalty + quote.quote.protocol_fee);
	let named: QuoteAnswer = raw
		.ok("inference_quote", json!({ "model": hex(&model), "inputLen": 1000, "k": 3 }))
		.await?;
	assert_eq!(named.quote.k, 3);
	assert_eq!(named.input_bytes, 1000);
	assert!(named.quote.total > total);
	raw.err("inference_quote", json!([hex(&model), null, 0]), INVALID_REPLICAS, "k").await?;
	raw.err("inference_quote", json!([hex(&model), null, 1000]), INVALID_REPLICAS, "k").await?;

	// 4. Two jobs by Ferdie, the first tagged with its agent; both go to Eve, the only operator
	// of the model.
	let register_agent =
		dynamic::tx("Jobs", "register_agent", (agent_name, b"rpc test".to_vec()));
	submit_call(&api, &requester, register_agent, "register_agent").await?;
	let (first, first_block) = submit(&api, &requester, model, Some(agent), total).await?;
	let (second, _) = submit(&api, &requester, model, None, total).await?;
	assert_eq!(first.operators, vec![operator_id.clone()]);
	assert_eq!((first.quote.k, first.quote.total), (1, total), "the chain charged the RPC's quote");
	eprintln!("[rpc] jobs #{} and #{} submitted", first.job, second.job);

	let job = typed!(InferenceApiClient::job(&rpc, first.job, None))
		.await?
		.ok_or("no job")?
		.into_full()
		.ok_or("pruned already")?;
	eprintln!("[rpc] job {job:?}");
	assert_eq!(job.id, first.job);
	assert_eq!(job.requester, requester_id);
	assert_eq!(job.model, model);
	assert_eq!(job.agent, Some(agent));
	assert_eq!(job.input, Some(Tensor::new(vec![1, 4], vec![510, 350, 140, 20], 2)));
	assert_eq!(job.assignments[0].operator, operator_id);
	assert_eq!(job.quote.total, total);
	assert_eq!(job.max_fee, total);
	assert!(job.unverified);
	assert_eq!(format!("{:?}", job.input_hash).len(), 66, "inputHash is 0x + 64 hex digits");

	// At the inclusion block the job is fresh; at its parent it does not exist yet.
	let at_inclusion = typed!(InferenceApiClient::job(&rpc, first.job, Some(first_block)))
		.await?
		.ok_or("no job at its inclusion block")?;
	assert_eq!(at_inclusion.status(), JobPhase::Assigned);
	let parent = api.at_block(first_block).await?.block_header().await?.parent_hash;
	assert_eq!(typed!(InferenceApiClient::job(&rpc, first.job, Some(parent))).await?, None);

	// 5. Pages: newest first, walking down with `next`; account as SS58 or hex.
	let page = typed!(InferenceApiClient::jobs_by_requester(
		&rpc,
		(&requester_id).into(),
		None,
		Some(1),
		None
	))
	.await?;
	assert_eq!((page.total, ids(&page)), (2, vec![second.job]));
	assert_eq!(page.next, Some(0));
	assert_eq!(page.jobs[0].full().ok_or("pruned")?.input, None, "pages carry no inputs");
	let page2: Page = raw
		.ok(
			"inference_jobsByRequester",
			json!({ "account": ss58(&requester_id), "pageStart": page.next, "pageLen": 1 }),
		)
		.await?;
	assert_eq!((ids(&page2), page2.next), (vec![first.job], None));
	let hex_account = hex(&H256::from(<[u8; 32]>::from(requester_id.clone())));
	let all: Page = raw.ok("inference_jobsByRequester", json!([hex_account])).await?;
	assert_eq!(ids(&all), vec![second.job, first.job]);
	let by_operator = typed!(InferenceApiClient::jobs_by_operator(
		&rpc,
		(&operator_id).into(),
		None,
		None,
		None
	))
	.await?;
	assert_eq!(ids(&by_operator), vec![second.job, first.job]);
	let by_agent =
		typed!(InferenceApiClient::jobs_by_agent(&rpc, agent.into(), None, Some(100), None))
			.await?;
	assert_eq!((by_agent.total, ids(&by_agent)), (1, vec![first.job]));

	// 6. Rankings: Eve is the only operator of the model; every operator is in the full list.
	let top = typed!(ReputationApiClient::top(&rpc, Some(10), Some(model.into()), None)).await?;
	assert_eq!(top.len(), 1, "{top:?}");
	assert_eq!(top[0].account, operator_id);
	let everyone = typed!(ReputationApiClient::top(&rpc, None, None, None)).await?;
	assert!(everyone.iter().any(|r| r.account == operator_id), "{everyone:?}");
	let scores: Vec<u32> = everyone.iter().map(|r| r.score).collect();
	assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked by score: {scores:?}");

	// 7. Eve has no key in the keystore: both jobs expire and she is recorded as missing them.
	let deadline = Instant::now() + EXPIRY_TIMEOUT;
	loop {
		let job = typed!(InferenceApiClient::job(&rpc, second.job, None))
			.await?
			.ok_or("no job")?
			.into_full()
			.ok_or("pruned already")?;
		if job.status == JobPhase::Expired {
			assert_eq!(job.assignments[0].outcome, Some(AssignmentOutcome::MissedCommit), "{job:?}");
			assert!(job.concluded_at.is_some(), "{job:?}");
			break;
		}
		if Instant::now() > deadline {
			return Err(format!("job #{} did not expire: {job:?}", second.job).into());
		}
		tokio::time::sleep(Duration::from_secs(3)).await;
	}
	let record = typed!(ReputationApiClient::operator(&rpc, (&operator_id).into(), None))
		.await?
		.ok_or("Eve has no reputation record")?;
	eprintln!("[rpc] reputation {record:?}");
	assert_eq!(record.account, operator_id);
	assert_eq!((record.assigned, record.missed), (2, 2));
	assert_eq!((record.agreed, record.disagreed), (0, 0));
	assert!(record.total_slashed > 0, "{record:?}");
	assert_eq!(record.total_earned, 0);
	assert!(record.first_active.is_some() && record.last_active.is_some(), "{record:?}");
	let score = typed!(ReputationApiClient::score(&rpc, (&operator_id).into(), None)).await?;
	assert!(score.score < 500_000, "{score:?}");
	assert_eq!(score.score, record.score);
	Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_methods_answer_typed_json() {
	let mut node = NodeProcess::new("rpc").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut node).await {
		// Panicking with the node still alive prints its log tail when it is dropped.
		panic!("rpc scenario failed: {e}");
	}
}
