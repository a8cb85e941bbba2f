//! Wallet compatibility (issue 6): polkadot.js, with nothing but the node's metadata, submits a
//! job, signs it, decodes its events and follows it to a Verified verdict on a `--dev` node that
//! runs the real inference engine.
//!
//! The JavaScript side is `tests/polkadot-js/wallet.mjs` with the pinned packages of
//! `tests/polkadot-js/package-lock.json` (installed with `npm ci` when `node_modules` is missing
//! or older than the lock file). Node.js and npm are required: without them this test fails,
//! it does not skip (`scripts/lib.sh` installs them).

use crate::harness::{
	account, bundled_samples, check_dev_genesis, is_missing_program, max_diff, run_captured, Chain,
	EngineProcess, Finished, NodeProcess, Sample, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT,
	UNITS,
};
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};
use subxt::rpcs::client::RpcParams;
use subxt_signer::sr25519::dev;
use verinfer_primitives::{tensor::Tensor, JobPhase};

/// The model the wallet script submits.
const MODEL_NAME: &str = "iris-logreg";
/// Largest element-wise difference to onnxruntime's recorded output that is accepted.
const TOLERANCE: u64 = 1;
/// The `max_fee` the wallet script offers (10 VINF).
const MAX_FEE: u128 = 10 * UNITS;
/// Oldest Node.js major version `@polkadot/api` supports.
const MIN_NODE_MAJOR: u64 = 18;
/// How long `npm ci` may take.
const NPM_CI_TIMEOUT: Duration = Duration::from_secs(600);
/// How long the wallet script may take (it bounds itself to 3.5 minutes).
const WALLET_TIMEOUT: Duration = Duration::from_secs(300);
/// How long `node --version` / `npm --version` may take.
const VERSION_TIMEOUT: Duration = Duration::from_secs(60);

/// `tests/polkadot-js` of the repository.
fn js_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("polkadot-js")
}

/// Runs `program args` in `dir` to completion within `timeout`. Fails naming the program if it
/// cannot start (not installed), exits unsuccessfully or takes too long.
fn run(program: &str, args: &[&str], dir: &Path, timeout: Duration) -> TestResult<Finished> {
	let what = format!("`{program} {}` in {}", args.join(" "), dir.display());
	let mut cmd = Command::new(program);
	cmd.args(args).current_dir(dir);
	run_captured(&mut cmd, &what, timeout).map_err(|e| {
		if !is_missing_program(&e) {
			return e;
		}
		format!(
			"{e}. Node.js ≥ {MIN_NODE_MAJOR} and npm are required for the polkadot.js wallet \
			 test (Debian/Ubuntu: `apt-get install nodejs npm`, which scripts/lib.sh's \
			 ensure_deps does)"
		)
		.into()
	})
}

/// [`run`] on a blocking thread, so the test's runtime keeps serving the processes' sockets.
async fn run_blocking(
	program: &'static str,
	args: Vec<String>,
	dir: PathBuf,
	timeout: Duration,
) -> TestResult<Finished> {
	tokio::task::spawn_blocking(move || {
		let args: Vec<&str> = args.iter().map(String::as_str).collect();
		run(program, &args, &dir, timeout)
	})
	.await?
}

/// Checks that `node` (≥ [`MIN_NODE_MAJOR`]) and `npm` are installed, and installs the pinned
/// packages with `npm ci` unless `node_modules` is at least as new as `package-lock.json`.
/// Returns the versions of node and npm.
async fn prepare_js() -> TestResult<(String, String)> {
	let dir = js_dir();
	let node_version = run_blocking("node", vec!["--version".into()], dir.clone(), VERSION_TIMEOUT)
		.await?
		.stdout
		.trim()
		.to_string();
	let major: u64 = node_version
		.trim_start_matches('v')
		.split('.')
		.next()
		.and_then(|m| m.parse().ok())
		.ok_or_else(|| format!("cannot read the Node.js version {node_version:?}"))?;
	if major < MIN_NODE_MAJOR {
		return Err(format!(
			"Node.js {node_version} is too old: @polkadot/api needs Node.js ≥ {MIN_NODE_MAJOR}"
		)
		.into());
	}
	let npm_version =
		run_blocking("npm", vec!["--version".into()], dir.clone(), VERSION_TIMEOUT)
			.await?
			.stdout
			.trim()
			.to_string();

	// `npm ci` records what it installed in node_modules/.package-lock.json.
	let lock = dir.join("package-lock.json");
	let installed = dir.join("node_modules").join(".package-lock.json");
	let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
	let lock_time = modified(&lock).ok_or_else(|| format!("{} is missing", lock.display()))?;
	let up_to_date = modified(&installed).is_some_and(|t| t >= lock_time);
	if up_to_date {
		eprintln!(
			"[polkadot_js] node {node_version}, npm {npm_version}; node_modules is up to date"
		);
	} else {
		eprintln!(
			"[polkadot_js] node {node_version}, npm {npm_version}; running `npm ci` in {}",
			dir.display()
		);
		run_blocking(
			"npm",
			vec!["ci".into(), "--no-audit".into(), "--no-fund".into()],
			dir,
			NPM_CI_TIMEOUT,
		)
		.await?;
	}
	Ok((node_version, npm_version))
}

/// The recorded sample of the iris model.
fn iris_sample() -> TestResult<Sample> {
	bundled_samples(0)?
		.into_iter()
		.find(|s| s.name == MODEL_NAME)
		.ok_or_else(|| format!("models/models.json has no {MODEL_NAME}").into())
}

/// The single JSON line the wallet script prints on stdout.
fn parse_line(stdout: &str) -> TestResult<serde_json::Value> {
	let lines: Vec<&str> = stdout.lines().map(str::trim).filter(|l| l.starts_with('{')).collect();
	match lines.as_slice() {
		[line] => Ok(serde_json::from_str(line)
			.map_err(|e| format!("wallet.mjs printed a line that is not JSON ({e}): {line}"))?),
		_ => Err(format!("wallet.mjs must print exactly one JSON line; stdout:\n{stdout}").into()),
	}
}

fn field_u64(v: &serde_json::Value, name: &str) -> TestResult<u64> {
	v[name].as_u64().ok_or_else(|| format!("wallet.mjs: `{name}` is not a number in {v}").into())
}

fn field_u128(v: &serde_json::Value, name: &str) -> TestResult<u128> {
	let s = v[name]
		.as_str()
		.ok_or_else(|| format!("wallet.mjs: `{name}` is not a decimal string in {v}"))?;
	Ok(s.parse().map_err(|e| format!("wallet.mjs: `{name}` = {s:?}: {e}"))?)
}

async fn scenario(engine_slot: &mut Option<EngineProcess>, node: &mut NodeProcess) -> TestResult {
	// Node.js first: without it there is nothing to test, and the failure should say so.
	let (node_version, npm_version) = prepare_js().await?;
	let sample = iris_sample()?;

	// The real engine and a dev node whose operators' off-chain workers use it.
	let engine = EngineProcess::start("polkadot-js").await?;
	let engine_url = engine.url();
	*engine_slot = Some(engine);
	node.start(vec!["--dev".into(), "--inference-engine-url".into(), engine_url])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	node.wait_finalized_at_least(1, FINALITY_TIMEOUT).await?;
	let chain = Chain::of(node).await?;
	check_dev_genesis(&chain, std::slice::from_ref(&sample)).await?;
	let methods = node.rpc()?.call("rpc_methods", RpcParams::new()).await?;
	let serves_inference_job = methods["methods"]
		.as_array()
		.is_some_and(|m| m.iter().any(|m| m.as_str() == Some("inference_job")));

	// The wallet.
	let script = js_dir().join("wallet.mjs");
	let out = run_blocking(
		"node",
		vec![script.to_string_lossy().into_owned(), node.rpc_url()],
		js_dir(),
		WALLET_TIMEOUT,
	)
	.await?;
	eprintln!("[polkadot_js] wallet.mjs stderr:\n{}", out.stderr.trim_end());
	let line = parse_line(&out.stdout)?;
	println!("{line}");

	// What the wallet saw.
	assert_eq!(line["phase"], "Verified", "the wallet's job is verified: {line}");
	let job_id = field_u64(&line, "jobId")?;
	let submitted_at = field_u64(&line, "submittedAt")?;
	let verdict_at = field_u64(&line, "verdictAt")?;
	assert!(verdict_at > submitted_at, "verdict #{verdict_at} after submission #{submitted_at}");
	let result: Tensor = serde_json::from_value(line["result"].clone())
		.map_err(|e| format!("wallet.mjs: `result` is not a tensor ({e}) in {line}"))?;
	let diff = max_diff(&result, &sample.output).ok_or_else(|| {
		format!("result {result:?} has another shape or precision than {:?}", sample.output)
	})?;
	assert!(
		diff <= TOLERANCE,
		"{MODEL_NAME}: result {:?} differs from onnxruntime's {:?} by {diff} (tolerance {TOLERANCE})",
		result.data,
		sample.output.data
	);
	let fee = field_u128(&line, "fee")?;
	let escrow = field_u128(&line, "escrowHeld")?;
	assert!(
		fee > 0 && fee <= escrow && escrow <= MAX_FEE,
		"fee {fee}, escrow {escrow}, max {MAX_FEE}"
	);
	assert_eq!(
		line["rpcInferenceJob"].as_bool(),
		Some(serves_inference_job),
		"wallet.mjs checks inference_job exactly when the node serves it"
	);

	// The same job, read by the harness (the typed RPC client) from the finalized chain.
	node.wait_finalized_at_least(verdict_at, FINALITY_TIMEOUT).await?;
	let job = chain
		.job(verdict_at, job_id)
		.await?
		.ok_or_else(|| format!("job #{job_id} is not on chain at #{verdict_at}"))?;
	let eve = account(&dev::eve());
	assert_eq!(job.status, JobPhase::Verified);
	assert_eq!(job.requester, eve, "the job is Eve's");
	assert_eq!(job.model, sample.model, "the job is of {MODEL_NAME}");
	assert_eq!(u64::from(job.submitted_at), submitted_at);
	assert_eq!(job.concluded_at.map(u64::from), Some(verdict_at));
	assert_eq!(job.quote.total, escrow, "the escrow the wallet decoded is the quote");
	let payout = job.payout.ok_or("a verified job without a payout")?;
	assert_eq!(fee, escrow - payout.refunded, "the fee the wallet reports is what Eve paid");
	assert_eq!(line["agreeing"].as_u64(), Some(u64::from(job.agreeing)));
	let stored = job.result.clone().ok_or_else(|| format!("no stored result of job #{job_id}"))?;
	assert_eq!(stored, result, "the wallet read the stored result");
	assert_eq!(
		line["resultHash"].as_str(),
		job.result_hash.map(|h| format!("{h:?}")).as_deref(),
		"result hash"
	);

	eprintln!(
		"[polkadot_js] node {node_version}, npm {npm_version}, @polkadot/api {}: job #{job_id} of {MODEL_NAME} signed by Eve in #{submitted_at}, Verified in #{verdict_at}, result {:?} (onnxruntime {:?}), fee {fee} planck",
		line["polkadotJs"].as_str().unwrap_or("?"),
		result.data,
		sample.output.data
	);
	Ok(())
}

/// A job submitted, signed (`//Eve`, sr25519), decoded and followed to its verdict with
/// polkadot.js from metadata alone is Verified with the iris model's expected output, and the
/// chain holds the record the wallet reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn polkadot_js_wallet_submits_and_follows_a_job() {
	let mut engine = None;
	let mut node = NodeProcess::new("polkadot-js").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut engine, &mut node).await {
		// Panicking with the processes still alive prints their log tails when they drop.
		panic!("polkadot_js_wallet_submits_and_follows_a_job failed: {e}");
	}
}
