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

use crate::harness::{
	assert_same_block, bin_dir, bob_charlie_dave, bundled_samples, commit_of, event_log, http,
	max_diff, repo_root, reveal_of, run_captured, verdict_of, wait_within, workspace_bin, Api, Rpc,
	RuntimeEvent, TestResult,
};
use std::{
	process::{Command, Stdio},
	time::{Duration, Instant},
};
use verinfer_client::Job;
use verinfer_primitives::{AccountId, AssignmentOutcome, JobId, JobPhase};

/// `network.sh up`'s exit status when Docker cannot run on this machine.
const NO_DOCKER: i32 = 75;
/// `up` on a fresh machine installs Docker, bootstraps a Debian base and builds two images.
const UP_TIMEOUT: Duration = Duration::from_secs(30 * 60);
const DOWN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// How long one `docker` command (ps, inspect, stop, start, restart) may take.
const DOCKER_TIMEOUT: Duration = Duration::from_secs(120);
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

/// Runs `f`, which blocks (a script, a `docker` command), without stalling the test's runtime.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
	tokio::task::block_in_place(f)
}

/// `docker ARGS`, which must succeed within [`DOCKER_TIMEOUT`]; its standard output.
fn docker_cmd(args: &[&str]) -> TestResult<String> {
	let what = format!("`docker {}`", args.join(" "));
	Ok(blocking(|| run_captured(Command::new("docker").args(args), &what, DOCKER_TIMEOUT))?.stdout)
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

	/// Runs `scripts/network.sh ARGS` for this project, ports and binaries to its end, its
	/// messages going to the test's output; its exit status.
	fn script(&self, args: &[&str], timeout: Duration) -> TestResult<i32> {
		let what = format!("`network.sh {}`", args.join(" "));
		let mut child = Command::new("bash")
			.arg(repo_root().join("scripts/network.sh"))
			.args(args)
			.env("VERINFER_NET_PROJECT", &self.project)
			.env("VERINFER_NET_PORT_OFFSET", self.ports.offset.to_string())
			.env("VERINFER_BIN_DIR", bin_dir())
			.stdin(Stdio::null())
			.spawn()
			.map_err(|e| format!("{what}: {e}"))?;
		let status = blocking(|| wait_within(&mut child, &what, timeout))?;
		Ok(status.code().unwrap_or(-1))
	}

	/// Takes down the networks of earlier runs of this test whose process is gone (killed before
	/// its clean-up could run), so that their containers free the ports. Needs a Docker daemon;
	/// without one there is nothing to remove.
	fn remove_stale(&self) {
		let Ok(out) =
			docker_cmd(&["ps", "-a", "--format", "{{.Label \"com.docker.compose.project\"}}"])
		else {
			return;
		};
		let mut projects: Vec<&str> =
			out.lines().filter(|p| p.starts_with("verinfer-e2e-")).collect();
		projects.sort();
		projects.dedup();
		for project in projects {
			let pid = project.trim_start_matches("verinfer-e2e-");
			if std::path::Path::new("/proc").join(pid).exists() {
				continue;
			}
			eprintln!("[docker] removing the network {project} of a test run that is gone");
			let stale = Network { project: project.to_string(), ports: self.ports, down: true };
			let _ = stale.script(&["down"], DOWN_TIMEOUT);
		}
	}

	/// Brings the network up; `Ok(false)` when Docker cannot run here.
	fn up(&self) -> TestResult<bool> {
		self.remove_stale();
		let started = Instant::now();
		let code = self.script(&["up"], UP_TIMEOUT)?;
		eprintln!("[docker] network.sh up exited with {code} after {:?}", started.elapsed());
		match code {
			0 => Ok(true),
			NO_DOCKER => Ok(false),
			_ => Err(format!("network.sh up failed with exit status {code}").into()),
		}
	}

	fn down(&mut self) -> TestResult {
		let code = self.script(&["down"], DOWN_TIMEOUT)?;
		self.down = true;
		if code != 0 {
			return Err(format!("network.sh down failed with exit status {code}").into());
		}
		Ok(())
	}

	/// The id of the container of a Compose service of this project.
	fn container(&self, service: &str) -> TestResult<String> {
		let ids = docker_cmd(&[
			"ps",
			"-aq",
			"--filter",
			&format!("label=com.docker.compose.project={}", self.project),
			"--filter",
			&format!("label=com.docker.compose.service={service}"),
		])?;
		let ids: Vec<&str> = ids.split_whitespace().collect();
		match ids.as_slice() {
			[id] => Ok(id.to_string()),
			_ => Err(format!("service {service}: containers {ids:?}, expected one").into()),
		}
	}

	/// `docker stop|start|restart` the container of `service`.
	fn docker(&self, verb: &str, service: &str) -> TestResult {
		docker_cmd(&[verb, &self.container(service)?])?;
		eprintln!("[docker] {verb} {service}");
		Ok(())
	}

	/// When the container of `service` was last started.
	fn started_at(&self, service: &str) -> TestResult<String> {
		let id = self.container(service)?;
		Ok(docker_cmd(&["inspect", "-f", "{{.State.StartedAt}}", &id])?.trim().to_string())
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
			let out = docker_cmd(&args)?;
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
			let _ = self.script(&["logs", "--tail=40", "--no-color"], Duration::from_secs(60));
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

/// `verinfer --url <the RPC node> --json ARGS` on the host, within `timeout`; its JSON output.
fn cli_json(ports: &Ports, args: &[&str], timeout: Duration) -> TestResult<serde_json::Value> {
	let what = format!("`verinfer {}`", args.join(" "));
	let mut cmd = Command::new(workspace_bin("verinfer"));
	cmd.args(["--url", &ports.rpc_url("rpc"), "--json"]).args(args);
	let out = blocking(|| run_captured(&mut cmd, &what, timeout))?;
	Ok(serde_json::from_str(&out.stdout)
		.map_err(|e| format!("{what} printed no JSON ({e}): {}", out.stdout))?)
}

/// Connects to the JSON-RPC of `node`.
async fn rpc(ports: &Ports, node: &str) -> TestResult<Rpc> {
	Rpc::connect(&ports.rpc_url(node)).await.map_err(|e| format!("{node}: {e}").into())
}

/// The finalized heads of `nodes`, which must agree on the lowest one's block; returns it.
async fn agreeing_finalized(ports: &Ports, nodes: &[&str]) -> TestResult<u64> {
	let mut rpcs = Vec::new();
	let mut lowest = u64::MAX;
	for node in nodes {
		let rpc = rpc(ports, node).await?;
		let head = rpc.finalized().await?;
		eprintln!("[docker] {node}: finalized #{}, {} peers", head.number, rpc.peers().await?);
		lowest = lowest.min(head.number);
		rpcs.push(rpc);
	}
	let named: Vec<(&str, &Rpc)> = nodes.iter().copied().zip(&rpcs).collect();
	assert_same_block(&named, lowest).await?;
	Ok(lowest)
}

/// Waits until the finalized head of `node` (a container, perhaps restarting) is at least `min`.
async fn wait_finalized(ports: &Ports, node: &str, min: u64) -> TestResult<u64> {
	let deadline = Instant::now() + FINALITY_TIMEOUT;
	loop {
		let head = match rpc(ports, node).await {
			Ok(rpc) => rpc.finalized().await.map(|h| h.number),
			Err(e) => Err(e),
		};
		match head {
			Ok(n) if n >= min => return Ok(n),
			other if Instant::now() > deadline => {
				return Err(format!(
					"{node}: finalized head not at #{min} within {FINALITY_TIMEOUT:?}: {other:?}"
				)
				.into())
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

/// Bob's, Charlie's and Dave's accounts, sorted.
fn the_three_operators() -> Vec<AccountId> {
	let (bob, charlie, dave) = bob_charlie_dave();
	let mut all = vec![bob, charlie, dave];
	all.sort();
	all
}

/// Step 2: a job submitted with the CLI is verified by the three operators.
async fn job_from_the_host_is_verified(ports: &Ports) -> TestResult<JobId> {
	let iris = bundled_samples(0)?
		.into_iter()
		.find(|s| s.name == "iris-logreg")
		.ok_or("no iris-logreg sample")?;
	let input: Vec<String> = iris.input.data.iter().map(|v| v.to_string()).collect();
	let started = Instant::now();
	let out = cli_json(
		ports,
		&["--suri", "//Eve", "job", "submit", "iris-logreg", "--input", &input.join(",")],
		VERDICT_TIMEOUT,
	)?;
	let job: Job = serde_json::from_value(out["record"].clone())
		.map_err(|e| format!("`job submit --json` printed no job record ({e}): {out}"))?;
	eprintln!("[docker] job {} {:?} after {:?}", job.id, job.status, started.elapsed());
	assert_eq!(job.status, JobPhase::Verified, "the job's verdict: {out}");
	assert_eq!(job.agreeing, 3, "all three operators agree: {out}");
	for a in &job.assignments {
		assert_eq!(a.outcome, Some(AssignmentOutcome::Agreed), "outcome of {}", a.operator);
	}
	let mut operators: Vec<AccountId> =
		job.assignments.iter().map(|a| a.operator.clone()).collect();
	operators.sort();
	assert_eq!(
		operators,
		the_three_operators(),
		"the job ran on Bob's, Charlie's and Dave's operators"
	);
	let result = job.result.as_ref().ok_or("a verified job without a result")?;
	let diff = max_diff(result, &iris.output).ok_or("result of another shape")?;
	assert!(diff <= iris.tolerance, "result {:?} vs recorded {:?}", result.data, iris.output.data);
	Ok(job.id)
}

/// Step 3: finality goes on without one validator, which catches up after its restart.
async fn finality_survives_a_stopped_validator(net: &Network) -> TestResult {
	let ports = &net.ports;
	net.docker("stop", "dave")?;
	let survivors = ["alice", "bob", "charlie"];
	let mut at_stop = 0;
	for node in survivors {
		at_stop = at_stop.max(rpc(ports, node).await?.finalized().await?.number);
	}
	for node in survivors.iter().chain(&["rpc"]) {
		let n = wait_finalized(ports, node, at_stop + MORE_BLOCKS).await?;
		eprintln!("[docker] {node} finalized #{n} without dave (#{at_stop} at the stop)");
	}
	agreeing_finalized(ports, &survivors).await?;
	net.docker("start", "dave")?;
	let target = rpc(ports, "alice").await?.finalized().await?.number;
	let n = wait_finalized(ports, "dave", target).await?;
	eprintln!("[docker] dave restarted and caught up: finalized #{n}");
	Ok(())
}

/// Step 4: operators restarted in the middle of a job do their part exactly once.
async fn operators_resume_after_restarts(net: &Network) -> TestResult<JobId> {
	let ports = &net.ports;
	let (bob, charlie, dave) = bob_charlie_dave();
	let api = Api::from_insecure_url(ports.rpc_url("rpc")).await?;

	net.docker("stop", "operator-dave")?;
	let iris = bundled_samples(1)?
		.into_iter()
		.find(|s| s.name == "iris-logreg")
		.ok_or("no iris-logreg sample")?;
	let input: Vec<String> = iris.input.data.iter().map(|v| v.to_string()).collect();
	let submitted = cli_json(
		ports,
		&[
			"--suri",
			"//Ferdie",
			"job",
			"submit",
			"iris-logreg",
			"--input",
			&input.join(","),
			"--no-wait",
		],
		VERDICT_TIMEOUT,
	)?;
	let job = submitted["job"].as_u64().ok_or("no job id")?;
	let block = submitted["blockNumber"].as_u64().ok_or("no block number")?;
	let deadline = submitted["commitDeadline"].as_u64().ok_or("no commit deadline")?;
	eprintln!("[docker] job {job} submitted in #{block}, commit deadline #{deadline}");

	let mut events = event_log(&api, block);
	let (assigned_in, assigned) = events
		.wait_for(
			"Jobs::JobAssigned",
			|e| match e {
				RuntimeEvent::Jobs(pallet_jobs::Event::JobAssigned { job: j, operators })
					if *j == job =>
				{
					Some(operators.clone())
				}
				_ => None,
			},
			VERDICT_TIMEOUT,
		)
		.await?;
	let mut assigned = assigned;
	assigned.sort();
	assert_eq!(assigned, the_three_operators(), "job {job} assigned in #{assigned_in}");
	for (name, id) in [("Bob", &bob), ("Charlie", &charlie)] {
		let (n, _) = events
			.wait_for(&format!("{name}'s commitment"), commit_of(job, id.clone()), VERDICT_TIMEOUT)
			.await?;
		eprintln!("[docker] {name} committed job {job} in #{n}");
	}
	let bob_started = net.started_at("operator-bob")?;
	net.docker("restart", "operator-bob")?;
	assert_ne!(net.started_at("operator-bob")?, bob_started, "operator-bob restarted");
	// Bob cannot have revealed yet: the reveal phase opens when Dave commits too.
	let head_at_restart = events.poll().await?;
	net.docker("start", "operator-dave")?;

	let (verdict_block, (phase, agreeing, _)) =
		events.wait_for("Settlement::Verdict", verdict_of(job), VERDICT_TIMEOUT).await?;
	eprintln!("[docker] job {job}: {phase:?} with {agreeing} agreeing in #{verdict_block}");
	assert_eq!(phase, JobPhase::Verified, "job {job}:\n{}", events.summary());
	assert_eq!(agreeing, 3, "all three agree:\n{}", events.summary());

	for (name, id) in [("Bob", &bob), ("Charlie", &charlie), ("Dave", &dave)] {
		let commits: Vec<u64> =
			events.find(commit_of(job, id.clone())).into_iter().map(|(n, _)| n).collect();
		let reveals: Vec<u64> = events
			.find(reveal_of(job))
			.into_iter()
			.filter(|(_, who)| who == id)
			.map(|(n, _)| n)
			.collect();
		assert_eq!(commits.len(), 1, "{name} commits job {job} once:\n{}", events.summary());
		assert_eq!(reveals.len(), 1, "{name} reveals job {job} once:\n{}", events.summary());
		eprintln!("[docker] {name}: committed in #{}, revealed in #{}", commits[0], reveals[0]);
		if name == "Bob" {
			assert!(commits[0] <= head_at_restart, "Bob committed before its restart");
			assert!(reveals[0] > head_at_restart, "Bob revealed after its restart");
		}
		if name == "Dave" {
			assert!(commits[0] > head_at_restart, "Dave committed after its start");
			assert!(commits[0] < deadline, "Dave committed in time");
		}
	}
	// Nobody's step was turned away as done already, and nobody was slashed.
	let refused = events.find(|e| match e {
		RuntimeEvent::Settlement(skipped @ pallet_settlement::Event::StepSkipped { .. }) => {
			Some(format!("{skipped:?}"))
		}
		RuntimeEvent::Operators(slashed @ pallet_operators::Event::Slashed { .. }) => {
			Some(format!("{slashed:?}"))
		}
		_ => None,
	});
	assert!(refused.is_empty(), "no step skipped, nobody slashed: {refused:?}");
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
	let mut seen = Vec::new();
	for (metric, what) in [
		(format!("verinfer_jobs_submitted_total{{{rpc}}}"), "the jobs submitted"),
		(format!("verinfer_jobs_concluded_total{{{rpc},phase=\"verified\"}}"), "the jobs verified"),
		(
			format!("verinfer_job_verdict_latency_blocks_count{{{rpc},phase=\"verified\"}}"),
			"the latency of the verified jobs",
		),
	] {
		let result = wait_prometheus(ports, &metric, what, |r| {
			r.first().is_some_and(|(_, v)| *v >= jobs as f64)
		})
		.await?;
		seen.push(format!("{what} {}", result[0].1));
	}
	eprintln!("[docker] Prometheus: {}", seen.join(", "));
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
