//! # Verinfer's load benchmark
//!
//! Starts a `--dev` chain with a chosen number of operators ([`network`]), loads it with real
//! signed transactions from many accounts ([`drive`], [`accounts`]), records every finalized
//! block ([`record`]) and reports, block by block: jobs included, verified, failed, expired and
//! refused (by the error the runtime named), latency from inclusion to verdict, and how full the
//! block was ([`report`]); it writes a markdown section and PNG charts ([`chart`], [`docs`]).
//!
//! One run, on one chain, runs these scenarios in order, each after the previous one settled:
//!
//! - **baseline**: balance transfers from many accounts, the pool kept fuller than a block, for
//!   some blocks: the transfers a block takes, the ceiling every other figure compares to;
//! - **sustained**: a steady number of `submit_job` per block from many requesters;
//! - **burst**: many `submit_job` handed to the pool at once.
//!
//! The binary `verinfer-load` (`scripts/load.sh`) is the command line; the end-to-end test
//! `load::` of the node runs the burst with asserts through [`run`].

pub mod accounts;
pub mod chart;
pub mod docs;
pub mod drive;
pub mod network;
pub mod record;
pub mod report;

use accounts::{fund, Senders};
use drive::{settle, TransferLoad};
use network::{Network, FUNDING};
use record::Recorder;
use report::{Kind, Scenario};
use std::sync::{atomic::AtomicBool, Arc};
use subxt_signer::sr25519::{dev, Keypair};
use verinfer_test_utils::{
	chain::{account, derived},
	TestResult,
};

pub use network::Topology;

/// What to run on the chain.
#[derive(Clone, Debug)]
pub struct Options {
	/// The scenarios, in order.
	pub scenarios: Vec<Kind>,
	/// Accounts submitting jobs.
	pub requesters: usize,
	/// Accounts sending transfers during the job scenarios (none: the jobs alone).
	pub fillers: usize,
	/// Transfers they send per block in all.
	pub filler_rate: usize,
}

impl Default for Options {
	fn default() -> Self {
		Options {
			scenarios: vec![
				Kind::Baseline { blocks: 10, accounts: 100 },
				Kind::Sustained { rate: 12, blocks: 30 },
				Kind::Burst { jobs: 300 },
			],
			requesters: 32,
			fillers: 0,
			filler_rate: 0,
		}
	}
}

/// A whole run: the chain it ran on and each scenario's figures.
pub struct Run {
	/// The chain.
	pub topology: Topology,
	/// What was run.
	pub options: Options,
	/// Each scenario, in order.
	pub scenarios: Vec<Scenario>,
	/// Filler transfers the pool took during the job scenarios.
	pub filler_transfers: u64,
	/// The weight per call over the scenarios' blocks, and the mandatory class per block: rows
	/// of [`report::weights_table`].
	pub weights: Vec<Vec<String>>,
	/// The machine's load average (1 minute) when the scenarios started and when they ended:
	/// other processes slow the node.
	pub load_average: (f64, f64),
}

/// The 1-minute load average (`/proc/loadavg`), 0 where there is none.
pub fn load_average() -> f64 {
	std::fs::read_to_string("/proc/loadavg")
		.ok()
		.and_then(|s| s.split_whitespace().next()?.parse().ok())
		.unwrap_or(0.0)
}

/// Logs progress to standard error.
pub fn log(message: impl AsRef<str>) {
	eprintln!("[verinfer-load] {}", message.as_ref());
}

/// Runs `options` on `net`: funds the accounts, then each scenario in turn, each waiting until
/// the chain took what it sent and concluded every job.
pub async fn run(net: &Network, options: &Options) -> TestResult<Run> {
	let head = net.rpc.finalized().await?.number;
	let recorder = Recorder::start(&net.api, head + 1).await?;
	let result = run_with(net, options, &recorder).await;
	recorder.stop();
	result
}

async fn run_with(net: &Network, options: &Options, recorder: &Recorder) -> TestResult<Run> {
	let flood_accounts = options
		.scenarios
		.iter()
		.filter_map(|k| match k {
			Kind::Baseline { accounts, .. } => Some(*accounts),
			_ => None,
		})
		.max()
		.unwrap_or(0);
	let keys =
		|role: &str, n: usize| -> Vec<Keypair> { (0..n).map(|i| derived(role, i)).collect() };
	let requester_keys = keys("load-requester", options.requesters.max(1));
	let flood_keys = keys("load-flood", flood_accounts);
	let filler_keys = keys("load-filler", options.fillers);
	// Ferdie funds the load (Alice funded the added operators' bonds).
	let requester_accounts: Vec<_> = requester_keys.iter().map(account).collect();
	let transfer_accounts: Vec<_> = flood_keys.iter().chain(&filler_keys).map(account).collect();
	log(format!("funding {} accounts", requester_accounts.len() + transfer_accounts.len()));
	fund(net, &dev::ferdie(), &requester_accounts, FUNDING).await?;
	fund(net, &dev::ferdie(), &transfer_accounts, FUNDING / 10).await?;

	let mut requesters = Senders::new(requester_keys);
	let mut flood = Senders::new(flood_keys);
	let stop_fillers = Arc::new(AtomicBool::new(false));
	let fillers = (options.fillers > 0 && options.filler_rate > 0).then(|| {
		tokio::spawn(drive::transfers(
			net.sender.clone(),
			net.rpc.clone(),
			recorder.clone(),
			Senders::new(filler_keys),
			TransferLoad::PerBlock(options.filler_rate),
			stop_fillers.clone(),
		))
	});

	let load_before = load_average();
	let mut scenarios = Vec::new();
	for kind in &options.scenarios {
		log(format!("{}: {}", kind.name(), kind.describe(options.requesters)));
		let (window, handed, refused, settled) = match kind {
			Kind::Baseline { blocks, .. } => {
				let stop = Arc::new(AtomicBool::new(false));
				let first = drive::best_number(&net.rpc).await? + 1;
				let task = tokio::spawn(drive::transfers(
					net.sender.clone(),
					net.rpc.clone(),
					recorder.clone(),
					std::mem::replace(&mut flood, Senders::new(Vec::new())),
					TransferLoad::Saturate { max_in_flight: 6_000 },
					stop.clone(),
				));
				let mut best = first - 1;
				for _ in 0..*blocks {
					best = drive::next_block(&net.rpc, best).await?;
				}
				stop.store(true, std::sync::atomic::Ordering::Relaxed);
				let senders = task.await??;
				let window = drive::Window { first, last: best };
				let settled = settle(recorder, first, &[&senders]).await?;
				let handed = senders.sent;
				let refused = senders.refused.clone();
				flood = senders;
				(window, handed, refused, settled)
			}
			Kind::Sustained { rate, blocks } => {
				let (sent, refused) = (requesters.sent, requesters.refused.clone());
				let window = drive::sustained(net, &mut requesters, *rate, *blocks).await?;
				let settled = settle(recorder, window.first, &[&requesters]).await?;
				(window, requesters.sent - sent, since(&requesters.refused, &refused), settled)
			}
			Kind::Burst { jobs } => {
				let (sent, refused) = (requesters.sent, requesters.refused.clone());
				let window = drive::burst(net, &mut requesters, *jobs).await?;
				let settled = settle(recorder, window.first, &[&requesters]).await?;
				(window, requesters.sent - sent, since(&requesters.refused, &refused), settled)
			}
		};
		recorder.wait_for(settled.last, std::time::Duration::from_secs(60)).await?;
		let scenario = Scenario::from_blocks(
			kind.clone(),
			options.requesters,
			window,
			handed,
			refused,
			settled,
			&recorder.blocks_from(window.first),
			&recorder.limits,
		);
		log(scenario.summary());
		scenarios.push(scenario);
	}
	let first = scenarios.first().map_or(0, |s| s.window.first);
	let blocks = recorder.blocks_from(first);
	let mut calls = report::call_weights(&blocks);
	for (call, weight) in calls.iter_mut() {
		let longest = blocks
			.iter()
			.filter_map(|b| Some((b, b.samples.get(call)?)))
			.max_by_key(|(_, sample)| sample.len());
		if let Some((block, sample)) = longest {
			weight.declared = declared_weight(net, sample, block.hash).await.ok();
		}
	}
	let weights = report::weights_table(&calls, &blocks, &recorder.limits);
	stop_fillers.store(true, std::sync::atomic::Ordering::Relaxed);
	let filler_transfers = match fillers {
		Some(task) => task.await??.sent,
		None => 0,
	};
	Ok(Run {
		topology: net.topology.clone(),
		options: options.clone(),
		scenarios,
		filler_transfers,
		weights,
		load_average: (load_before, load_average()),
	})
}

/// The weight `extrinsic` declares (`payment_queryInfo` at block `at`): what a block builder
/// reserves for it.
async fn declared_weight(
	net: &Network,
	extrinsic: &[u8],
	at: subxt::utils::H256,
) -> TestResult<record::Use> {
	let mut params = subxt::rpcs::client::RpcParams::new();
	params.push(verinfer_test_utils::chain::hex(extrinsic))?;
	params.push(at)?;
	let info = net.rpc.call("payment_queryInfo", params).await?;
	let field = |names: [&str; 2]| -> TestResult<u64> {
		names
			.iter()
			.find_map(|n| info["weight"][n].as_u64())
			.ok_or_else(|| format!("payment_queryInfo answered {info}").into())
	};
	Ok(record::Use {
		ref_time: field(["ref_time", "refTime"])?,
		proof_size: field(["proof_size", "proofSize"])?,
	})
}

/// What `now` counts beyond `before`.
fn since(
	now: &std::collections::BTreeMap<String, u64>,
	before: &std::collections::BTreeMap<String, u64>,
) -> std::collections::BTreeMap<String, u64> {
	now.iter()
		.map(|(k, v)| (k.clone(), v - before.get(k).copied().unwrap_or(0)))
		.filter(|(_, v)| *v > 0)
		.collect()
}

impl Run {
	/// The whole run in one line.
	pub fn summary(&self) -> String {
		let slashes: usize = self.scenarios.iter().map(|s| s.slashes.len()).sum();
		let parts: Vec<String> = self.scenarios.iter().map(Scenario::summary).collect();
		format!(
			"verinfer-load: {} operators on {} node(s): {}; {slashes} slashed (load average {} → {})",
			self.topology.operators,
			self.topology.nodes.max(1),
			parts.join("; "),
			self.load_average.0,
			self.load_average.1
		)
	}
}
