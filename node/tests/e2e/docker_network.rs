//! End-to-end: the whole Verinfer network in containers, brought up by `scripts/network.sh up`
//! (docker/compose.yml on images built from this build's binaries) under a project name and a
//! port block of its own, so it runs beside the other end-to-end tests and beside a network
//! someone already runs with the default ports.
//!
//! It checks that:
//! 1. the four validator containers finalize and agree on what they finalized;
//! 2. a job submitted from the host with the `verinfer` command line to the RPC node is verified
//!    by the three operators, each a node in its own container beside its own engine container;
//! 3. with one validator container stopped the other three keep finalizing (it then restarts and
//!    catches up);
//! 4. operator containers resume their work after a restart: with Dave's operator stopped, a job
//!    is submitted; Bob and Charlie commit; Bob's operator container is restarted before it can
//!    reveal, then Dave's is started. Read from the chain's events: every operator commits exactly
//!    once and reveals exactly once (Bob's reveal after its restart, Dave's commit after its
//!    start), the job is verified by all three and nobody is slashed;
//! 5. Prometheus scrapes every node and answers with Verinfer's metrics, and every query of the
//!    Grafana dashboard (docker/grafana/dashboards/verinfer.json) returns data;
//! 6. `network.sh down` leaves no container, network or volume of the project behind.
//!
//! The network is taken down also when a check fails (the tail of every container's log is
//! printed first). The test skips, loudly, only when `network.sh up` reports that Docker cannot
//! run on this machine at all (exit status 75); any other failure fails it.
//!
//! Settings: `VERINFER_E2E_DOCKER_PORT_OFFSET` (default -1000: JSON-RPC 8944.., p2p 29333..,
//! metrics 8615.., engines 8955.., Prometheus 8090, below the kernel's ephemeral ports that the
//! other tests draw from), `VERINFER_E2E_KEEP=1` keeps the network up after the test.

mod common;

use common::{
	chain::{self, Committed, EventLog, JobPhase, Revealed, Slashed, Verdict},
	engine::bundled_samples,
	http, Rpc, TestResult, NODE_BIN,
};
use std::{
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::{Duration, Instant},
};

/// `network.sh up`'s exit status when Docker cannot run on this machine.
const NO_DOCKER: i32 = 75;
/// `up` on a fresh machine installs Docker, bootstraps a Debian base and builds two images.
const UP_TIMEOUT: Duration = Duration::from_secs(30 * 60);
const DOWN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// How long a job may take from submission to verdict (commit and reveal windows of 20 blocks
/// each, 3 s blocks) plus a margin.
const VERDICT_TIMEOUT: Duration = Duration::from_secs(300);
/// How long finality may take to move on by a few blocks.
const FINALITY_TIMEOUT: Duration = Duration::from_secs(180);
/// How long Prometheus may take to show what the nodes' metrics say.
const METRICS_TIMEOUT: Duration = Duration::from_secs(90);
/// How many blocks finality must advance to count as "keeps finalizing".
const MORE_BLOCKS: u64 = 4;

const VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];
/// The nodes of docker/compose.yml in the order of their ports (see `Ports`).
const NODES: [&str; 8] =
	["rpc", "alice", "bob", "charlie", "dave", "operator-bob", "operator-charlie", "operator-dave"];

/// The port layout of scripts/network.sh (docker/lib.sh, `net_port_layout`) for an offset.
#[derive(Clone, Copy, Debug)]
struct Ports {
	offset: i32,
}

impl Ports {
	fn index(node: &str) -> i32 {
		NODES.iter().position(|n| *n == node).expect("a node of compose.yml") as i32
	}
	fn port(&self, base: i32, node: &str) -> u16 {
		(base + self.offset + Self::index(node)) as u16
	}
	fn rpc(&self, node: &str) -> u16 {
		self.port(9944, node)
	}
	fn prometheus(&self) -> u16 {
		(9090 + self.offset) as u16
	}
	fn rpc_url(&self, node: &str) -> String {
		format!("ws://127.0.0.1:{}", self.rpc(node))
	}
}

fn repo_root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The folder of this build's binaries (`verinfer-node`, `verinfer-engine`, `verinfer`).
fn bin_dir() -> PathBuf {
	Path::new(NODE_BIN).parent().expect("the node binary is in a folder").to_path_buf()
}

/// Runs `cmd` to completion within `timeout`; its output goes to the test's own output.
fn run_with_timeout(mut cmd: Command, what: &str, timeout: Duration) -> TestResult<i32> {
	let mut child = cmd.stdin(Stdio::null()).spawn().map_err(|e| format!("{what}: {e}"))?;
	let deadline = Instant::now() + timeout;
	loop {
		if let Some(status) = child.try_wait()? {
			return Ok(status.code().unwrap_or(-1));
		}
		if Instant::now() > deadline {
			let _ = child.kill();
			let _ = child.wait();
			return Err(format!("{what} did not finish within {timeout:?}").into());
		}
		std::thread::sleep(Duration::from_millis(200));
	}
}

/// Output of a command that must succeed.
fn output_of(cmd: &mut Command, what: &str) -> TestResult<String> {
	let out = cmd.stdin(Stdio::null()).output().map_err(|e| format!("{what}: {e}"))?;
	if !out.status.success() {
		return Err(format!(
			"{what} failed with {}: {}{}",
			out.status,
			String::from_utf8_lossy(&out.stdout),
			String::from_utf8_lossy(&out.stderr)
		)
		.into());
	}
	Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The network of one test run: its Compose project and ports. Dropping it takes it down.
struct Network {
	project: String,
	ports: Ports,
	down: bool,
}

impl Network {
	fn new() -> Self {
		let offset = std::env::var("VERINFER_E2E_DOCKER_PORT_OFFSET")
			.ok()
			.and_then(|v| v.parse().ok())
			.unwrap_or(-1000);
		Network {
			project: format!("verinfer-e2e-{}", std::process::id()),
			ports: Ports { offset },
			down: false,
		}
	}

	/// `scripts/network.sh ARGS` for this project, ports and binaries.
	fn script(&self, args: &[&str]) -> Command {
		let mut cmd = Command::new("bash");
		cmd.arg(repo_root().join("scripts/network.sh"))
			.args(args)
			.env("VERINFER_NET_PROJECT", &self.project)
			.env("VERINFER_NET_PORT_OFFSET", self.ports.offset.to_string())
			.env("VERINFER_BIN_DIR", bin_dir());
		cmd
	}

	/// Takes down the networks of earlier runs of this test whose process is gone (killed before
	/// its clean-up could run), so that their containers free the ports. Needs a Docker daemon;
	/// without one there is nothing to remove.
	fn remove_stale(&self) {
		let Ok(out) = Command::new("docker")
			.args(["ps", "-a", "--format", "{{.Label \"com.docker.compose.project\"}}"])
			.stdin(Stdio::null())
			.stderr(Stdio::null())
			.output()
		else {
			return;
		};
		let mut projects: Vec<String> = String::from_utf8_lossy(&out.stdout)
			.lines()
			.filter(|p| p.starts_with("verinfer-e2e-"))
			.map(str::to_string)
			.collect();
		projects.sort();
		projects.dedup();
		for project in projects {
			let pid = project.trim_start_matches("verinfer-e2e-");
			if Path::new("/proc").join(pid).exists() {
				continue;
			}
			eprintln!("[docker] removing the network {project} of a test run that is gone");
			let stale = Network { project, ports: self.ports, down: true };
			let _ = run_with_timeout(stale.script(&["down"]), "network.sh down", DOWN_TIMEOUT);
		}
	}

	/// Brings the network up; `Ok(false)` when Docker cannot run here.
	fn up(&self) -> TestResult<bool> {
		self.remove_stale();
		let started = Instant::now();
		let code = run_with_timeout(self.script(&["up"]), "network.sh up", UP_TIMEOUT)?;
		eprintln!("[docker] network.sh up exited with {code} after {:?}", started.elapsed());
		match code {
			0 => Ok(true),
			NO_DOCKER => Ok(false),
			_ => Err(format!("network.sh up failed with exit status {code}").into()),
		}
	}

	fn down(&mut self) -> TestResult {
		let code = run_with_timeout(self.script(&["down"]), "network.sh down", DOWN_TIMEOUT)?;
		self.down = true;
		if code != 0 {
			return Err(format!("network.sh down failed with exit status {code}").into());
		}
		Ok(())
	}

	/// The id of the container of a Compose service of this project.
	fn container(&self, service: &str) -> TestResult<String> {
		let ids = output_of(
			Command::new("docker").args([
				"ps",
				"-aq",
				"--filter",
				&format!("label=com.docker.compose.project={}", self.project),
				"--filter",
				&format!("label=com.docker.compose.service={service}"),
			]),
			"docker ps",
		)?;
		let ids: Vec<&str> = ids.split_whitespace().collect();
		match ids.as_slice() {
			[id] => Ok(id.to_string()),
			_ => Err(format!("service {service}: containers {ids:?}, expected one").into()),
		}
	}

	/// `docker stop|start|restart` the container of `service`.
	fn docker(&self, verb: &str, service: &str) -> TestResult {
		let id = self.container(service)?;
		output_of(Command::new("docker").args([verb, &id]), &format!("docker {verb} {service}"))?;
		eprintln!("[docker] {verb} {service}");
		Ok(())
	}

	/// When the container of `service` was last started.
	fn started_at(&self, service: &str) -> TestResult<String> {
		let id = self.container(service)?;
		Ok(output_of(
			Command::new("docker").args(["inspect", "-f", "{{.State.StartedAt}}", &id]),
			"docker inspect",
		)?
		.trim()
		.to_string())
	}

	/// Containers, volumes and networks of the project that still exist.
	fn leftovers(&self) -> TestResult<Vec<String>> {
		let label = format!("label=com.docker.compose.project={}", self.project);
		let mut left = Vec::new();
		for (kind, args) in [
			("container", vec!["ps", "-a", "--format", "{{.Names}}", "--filter", &label]),
			("volume", vec!["volume", "ls", "--format", "{{.Name}}", "--filter", &label]),
			("network", vec!["network", "ls", "--format", "{{.Name}}", "--filter", &label]),
		] {
			let out =
				output_of(Command::new("docker").args(&args), &format!("docker {kind} list"))?;
			left.extend(out.split_whitespace().map(|name| format!("{kind} {name}")));
		}
		Ok(left)
	}
}

impl Drop for Network {
	fn drop(&mut self) {
		if self.down {
			return;
		}
		if std::thread::panicking() {
			eprintln!("\n===== last log lines of every container of {} =====", self.project);
			let _ = run_with_timeout(
				self.script(&["logs", "--tail=40", "--no-color"]),
				"network.sh logs",
				Duration::from_secs(60),
			);
		}
		if std::env::var_os("VERINFER_E2E_KEEP").is_some() {
			eprintln!("keeping the network {} (VERINFER_E2E_KEEP)", self.project);
			return;
		}
		if let Err(e) = self.down() {
			eprintln!("taking the network {} down: {e}", self.project);
		}
	}
}

/// `verinfer ARGS` on the host against the network's RPC node; its JSON output.
fn cli_json(ports: &Ports, args: &[&str]) -> TestResult<serde_json::Value> {
	let bin = bin_dir().join("verinfer");
	if !bin.exists() {
		return Err(format!("{} not found: build the workspace first", bin.display()).into());
	}
	let mut cmd = Command::new(&bin);
	cmd.args(["--url", &ports.rpc_url("rpc"), "--json"]).args(args);
	let text = output_of(&mut cmd, &format!("verinfer {}", args.join(" ")))?;
	Ok(serde_json::from_str(&text)
		.map_err(|e| format!("verinfer printed no JSON ({e}): {text}"))?)
}

/// The finalized heads of `nodes`, which must agree on the lowest one's block; returns it.
async fn agreeing_finalized(ports: &Ports, nodes: &[&str]) -> TestResult<u64> {
	let mut rpcs = Vec::new();
	let mut lowest = u64::MAX;
	for node in nodes {
		let rpc = Rpc::connect(&ports.rpc_url(node)).await?;
		let head = rpc.finalized().await?;
		eprintln!("[docker] {node}: finalized #{}, {} peers", head.number, rpc.peers().await?);
		lowest = lowest.min(head.number);
		rpcs.push((node, rpc));
	}
	let mut first: Option<String> = None;
	for (node, rpc) in &rpcs {
		let hash = rpc.block_hash(lowest).await?.ok_or_else(|| format!("{node}: no #{lowest}"))?;
		match &first {
			None => first = Some(hash),
			Some(h) => assert_eq!(&hash, h, "{node} disagrees on finalized block #{lowest}"),
		}
	}
	Ok(lowest)
}

/// Waits until the finalized head of `node` is at least `min`.
async fn wait_finalized(ports: &Ports, node: &str, min: u64) -> TestResult<u64> {
	let deadline = Instant::now() + FINALITY_TIMEOUT;
	loop {
		let head = match Rpc::connect(&ports.rpc_url(node)).await {
			Ok(rpc) => rpc.finalized().await.map(|h| h.number),
			Err(e) => Err(e),
		};
		match head {
			Ok(n) if n >= min => return Ok(n),
			other if Instant::now() > deadline => {
				return Err(
					format!("{node}: finalized head not at #{min} in time: {other:?}").into()
				)
			}
			_ => tokio::time::sleep(Duration::from_secs(1)).await,
		}
	}
}

/// Percent-encodes a Prometheus query for a URL.
fn url_encode(s: &str) -> String {
	s.bytes()
		.map(|b| match b {
			b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
				(b as char).to_string()
			}
			_ => format!("%{b:02X}"),
		})
		.collect()
}

/// The result vector of an instant query: `(labels, value)` per series.
async fn prometheus_query(ports: &Ports, query: &str) -> TestResult<Vec<(serde_json::Value, f64)>> {
	let reply = http::get_json(
		&format!("127.0.0.1:{}", ports.prometheus()),
		&format!("/api/v1/query?query={}", url_encode(query)),
		Duration::from_secs(10),
	)
	.await?;
	if reply["status"] != "success" {
		return Err(format!("query {query}: {reply}").into());
	}
	let mut out = Vec::new();
	for series in reply["data"]["result"].as_array().ok_or("no result array")? {
		let value = series["value"][1].as_str().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
		out.push((series["metric"].clone(), value));
	}
	Ok(out)
}

/// Polls `query` until `ok` accepts its result.
async fn wait_prometheus(
	ports: &Ports,
	query: &str,
	what: &str,
	ok: impl Fn(&[(serde_json::Value, f64)]) -> bool,
) -> TestResult<Vec<(serde_json::Value, f64)>> {
	let deadline = Instant::now() + METRICS_TIMEOUT;
	loop {
		let last = prometheus_query(ports, query).await;
		if let Ok(result) = &last {
			if ok(result) {
				return Ok(result.clone());
			}
		}
		if Instant::now() > deadline {
			return Err(format!("Prometheus: {what} ({query}) not in time; last: {last:?}").into());
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

/// Step 2: a job submitted with the CLI is verified by the three operators.
async fn job_from_the_host_is_verified(ports: &Ports) -> TestResult<u64> {
	let iris = bundled_samples(0)?
		.into_iter()
		.find(|s| s.name == "iris-logreg")
		.ok_or("no iris-logreg sample")?;
	let input: Vec<String> = iris.input.data.iter().map(|v| v.to_string()).collect();
	let started = Instant::now();
	let out = cli_json(
		ports,
		&["--suri", "//Eve", "job", "submit", "iris-logreg", "--input", &input.join(",")],
	)?;
	eprintln!("[docker] job {} {} after {:?}", out["job"], out["status"], started.elapsed());
	assert_eq!(out["status"], "verified", "the job's verdict: {out}");
	let record = &out["record"];
	assert_eq!(record["agreeing"], 3, "all three operators agree: {record}");
	let mut operators: Vec<String> = record["assignments"]
		.as_array()
		.ok_or("no assignments")?
		.iter()
		.map(|a| {
			assert_eq!(a["outcome"], "agreed", "outcome of {}", a["operator"]);
			a["operator"].as_str().unwrap_or_default().to_string()
		})
		.collect();
	operators.sort();
	let mut expected: Vec<String> =
		chain::demo_operators().iter().map(|(_, id, _)| id.to_string()).collect();
	expected.sort();
	assert_eq!(operators, expected, "the job ran on Bob's, Charlie's and Dave's operators");
	let result = common::engine::TensorValue::from_json(&out["result"])?;
	let diff = result.max_diff(&iris.output).ok_or("result of another shape")?;
	assert!(diff <= iris.tolerance, "result {:?} vs recorded {:?}", result.data, iris.output.data);
	out["job"].as_u64().ok_or_else(|| "no job id".into())
}

/// Step 3: finality goes on without one validator, which catches up after its restart.
async fn finality_survives_a_stopped_validator(net: &Network) -> TestResult {
	let ports = &net.ports;
	net.docker("stop", "dave")?;
	let survivors = ["alice", "bob", "charlie"];
	let mut at_stop = 0;
	for node in survivors {
		at_stop = at_stop.max(Rpc::connect(&ports.rpc_url(node)).await?.finalized().await?.number);
	}
	for node in survivors.iter().chain(&["rpc"]) {
		let n = wait_finalized(ports, node, at_stop + MORE_BLOCKS).await?;
		eprintln!("[docker] {node} finalized #{n} without dave (#{at_stop} at the stop)");
	}
	agreeing_finalized(ports, &survivors).await?;
	net.docker("start", "dave")?;
	let target = Rpc::connect(&ports.rpc_url("alice")).await?.finalized().await?.number;
	let n = wait_finalized(ports, "dave", target).await?;
	eprintln!("[docker] dave restarted and caught up: finalized #{n}");
	Ok(())
}

/// Step 4: operators restarted in the middle of a job do their part exactly once.
async fn operators_resume_after_restarts(net: &Network) -> TestResult<u64> {
	let ports = &net.ports;
	let [(_, bob, _), (_, charlie, _), (_, dave, _)] = chain::demo_operators();
	let api = chain::Api::from_insecure_url(ports.rpc_url("rpc")).await?;

	net.docker("stop", "operator-dave")?;
	let submitted = cli_json(
		ports,
		&[
			"--suri",
			"//Ferdie",
			"job",
			"submit",
			"iris-logreg",
			"--input",
			"510,350,140,20",
			"--no-wait",
		],
	)?;
	let job = submitted["job"].as_u64().ok_or("no job id")?;
	let block = submitted["blockNumber"].as_u64().ok_or("no block number")?;
	let deadline = submitted["commitDeadline"].as_u64().ok_or("no commit deadline")?;
	eprintln!("[docker] job {job} submitted in #{block}, commit deadline #{deadline}");

	let mut events = EventLog::new(api.clone(), block);
	for (name, id) in [("Bob", &bob), ("Charlie", &charlie)] {
		let (n, _) = events
			.wait_for::<Committed>(
				"Settlement",
				"Committed",
				|e| e.job == job && e.operator == *id,
				VERDICT_TIMEOUT,
			)
			.await?;
		eprintln!("[docker] {name} committed job {job} in #{n}");
	}
	let (bob_commit, _) = events
		.find::<Committed>("Settlement", "Committed", |e| e.job == job && e.operator == bob)?[0]
		.clone();
	let bob_started = net.started_at("operator-bob")?;
	net.docker("restart", "operator-bob")?;
	assert_ne!(net.started_at("operator-bob")?, bob_started, "operator-bob restarted");
	// Bob cannot have revealed yet: the reveal phase opens when Dave commits too.
	let head_at_restart = events.poll().await?;
	net.docker("start", "operator-dave")?;

	let (verdict_block, verdict) = events
		.wait_for::<Verdict>("Settlement", "Verdict", |v| v.job == job, VERDICT_TIMEOUT)
		.await?;
	events.wait_for_block(verdict_block, VERDICT_TIMEOUT).await?;
	eprintln!(
		"[docker] job {job}: {:?} with {} agreeing in #{verdict_block}",
		verdict.phase, verdict.agreeing
	);
	assert_eq!(verdict.phase, JobPhase::Verified, "job {job}:\n{}", events.summary());
	assert_eq!(verdict.agreeing, 3, "all three agree:\n{}", events.summary());

	for (name, id) in [("Bob", &bob), ("Charlie", &charlie), ("Dave", &dave)] {
		let commits = events
			.find::<Committed>("Settlement", "Committed", |e| e.job == job && e.operator == *id)?;
		let reveals = events
			.find::<Revealed>("Settlement", "Revealed", |e| e.job == job && e.operator == *id)?;
		assert_eq!(
			commits.len(),
			1,
			"{name} commits job {job} exactly once:\n{}",
			events.summary()
		);
		assert_eq!(
			reveals.len(),
			1,
			"{name} reveals job {job} exactly once:\n{}",
			events.summary()
		);
		eprintln!("[docker] {name}: committed in #{}, revealed in #{}", commits[0].0, reveals[0].0);
		if name == "Bob" {
			assert!(bob_commit <= head_at_restart, "Bob committed before its restart");
			assert!(reveals[0].0 > head_at_restart, "Bob revealed after its restart");
		}
		if name == "Dave" {
			assert!(commits[0].0 > head_at_restart, "Dave committed after its start");
			assert!(commits[0].0 < deadline, "Dave committed in time");
		}
	}
	let slashes = events.find::<Slashed>("Operators", "Slashed", |_| true)?;
	assert!(slashes.is_empty(), "nobody is slashed: {slashes:?}");
	Ok(job)
}

/// Step 5: Prometheus has every node and Verinfer's metrics; the dashboard's queries answer.
async fn prometheus_answers(ports: &Ports, jobs: u64) -> TestResult {
	let up = wait_prometheus(ports, "up{job=\"verinfer-node\"} == 1", "all 8 nodes scraped", |r| {
		r.len() == NODES.len()
	})
	.await?;
	eprintln!("[docker] Prometheus scrapes {} nodes", up.len());
	// The RPC node ran through the whole test, so it counted every job.
	let rpc = "node=\"rpc\"";
	let submitted = wait_prometheus(
		ports,
		&format!("verinfer_jobs_submitted_total{{{rpc}}}"),
		"the jobs submitted",
		|r| r.first().is_some_and(|(_, v)| *v >= jobs as f64),
	)
	.await?;
	let verified = wait_prometheus(
		ports,
		&format!("verinfer_jobs_concluded_total{{{rpc},phase=\"verified\"}}"),
		"the jobs verified",
		|r| r.first().is_some_and(|(_, v)| *v >= jobs as f64),
	)
	.await?;
	let latency = wait_prometheus(
		ports,
		&format!("verinfer_job_verdict_latency_blocks_count{{{rpc},phase=\"verified\"}}"),
		"the latency of the verified jobs",
		|r| r.first().is_some_and(|(_, v)| *v >= jobs as f64),
	)
	.await?;
	eprintln!(
		"[docker] Prometheus: submitted {}, verified {}, latency observations {}",
		submitted[0].1, verified[0].1, latency[0].1
	);
	let series = prometheus_query(ports, "verinfer_jobs_submitted_total").await?;
	assert_eq!(series.len(), NODES.len(), "every node exports Verinfer's metrics: {series:?}");

	// Every query of the provisioned dashboard returns data.
	let path = repo_root().join("docker/grafana/dashboards/verinfer.json");
	let dashboard: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
	let mut checked = 0;
	for panel in dashboard["panels"].as_array().ok_or("dashboard without panels")? {
		for target in panel["targets"].as_array().into_iter().flatten() {
			let Some(expr) = target["expr"].as_str() else { continue };
			let expr = expr.replace("$__rate_interval", "1m").replace("$__range", "10m");
			let result = wait_prometheus(ports, &expr, &format!("panel {}", panel["title"]), |r| {
				!r.is_empty()
			})
			.await?;
			eprintln!("[docker] dashboard {}: {expr} -> {} series", panel["title"], result.len());
			checked += 1;
		}
	}
	assert!(checked >= 6, "the dashboard has queries ({checked} checked)");
	Ok(())
}

async fn scenario(net: &mut Network) -> TestResult {
	let ports = net.ports;

	// 1. The four validators finalize and agree.
	for node in VALIDATORS {
		wait_finalized(&ports, node, 3).await?;
	}
	let lowest = agreeing_finalized(&ports, &VALIDATORS).await?;
	eprintln!("[docker] the four validators agree up to #{lowest}");

	// 2. A job from the host's command line, verified by the containerized operators.
	let first = job_from_the_host_is_verified(&ports).await?;

	// 3. One validator stopped: finality goes on.
	finality_survives_a_stopped_validator(net).await?;

	// 4. Operators restarted in the middle of a job.
	let second = operators_resume_after_restarts(net).await?;
	assert!(second > first);

	// 5. Prometheus and the dashboard.
	prometheus_answers(&ports, 2).await?;

	// 6. Down leaves nothing behind.
	net.down()?;
	let left = net.leftovers()?;
	assert!(left.is_empty(), "left behind by network.sh down: {left:?}");
	eprintln!("[docker] network.sh down left no container, network or volume");
	Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docker_network_finalizes_verifies_jobs_survives_restarts_and_exports_metrics() {
	let started = Instant::now();
	let mut net = Network::new();
	match net.up() {
		Ok(true) => {}
		Ok(false) => {
			net.down = true;
			eprintln!(
				"\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
				 !! SKIPPED docker_network: Docker cannot run on this machine (network.sh\n\
				 !! up exited with 75; its messages above say why). Nothing was checked.\n\
				 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
			);
			return;
		}
		Err(e) => panic!("docker network: {e}"),
	}
	if let Err(e) = scenario(&mut net).await {
		panic!("docker network scenario failed: {e}");
	}
	eprintln!("[docker] the whole test took {:?}", started.elapsed());
}
