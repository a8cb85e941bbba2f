//! End-to-end under load, through the load benchmark's library (`bench/load`,
//! `verinfer-load`): on a `--dev` node whose off-chain workers serve the three demo operators
//! with the real engine, a burst of jobs from many requesters while other accounts fill the
//! blocks with transfers.
//!
//! The operators' commitments and reveals are unsigned `submit_steps` transactions at
//! `OperatorStepsPriority` in operational block space, and refused submissions give back the
//! weight of the draw they never made; so neither the burst nor the transfers may make an
//! operator miss. What must hold at the end: every job that was staffed is `Verified` (one the
//! block-end draw could not staff is `Unassigned` and refunded), nothing the pool took was
//! dropped, nobody is slashed, and the demo operators have no miss or disagreement on record.

use crate::harness::{demo_operators, Chain, TestResult};
use verinfer_load::{docs, network::Network, report::Kind, run, Options, Topology};
use verinfer_primitives::JobPhase;

/// Requesters in the burst, and the jobs they hand to the pool at once.
const REQUESTERS: usize = 30;
const JOBS: usize = 300;
/// Accounts that keep sending transfers meanwhile, and how many per block in all.
const FILLERS: usize = 10;
const FILLER_RATE: usize = 50;

async fn scenario() -> TestResult {
	let net = Network::start(Topology::default()).await?;
	let options = Options {
		scenarios: vec![Kind::Burst { jobs: JOBS }],
		requesters: REQUESTERS,
		fillers: FILLERS,
		filler_rate: FILLER_RATE,
	};
	let run = run(&net, &options).await?;
	let burst = &run.scenarios[0];
	eprintln!("[load] block by block:\n{}", burst.table());
	eprintln!("[load] {}", run.summary());

	assert_eq!(
		burst.handed, JOBS as u64,
		"the pool took every submission: {:?}",
		burst.pool_refused
	);
	assert_eq!(burst.settled.dropped, 0, "submissions the pool took but no block included");
	assert_eq!(burst.settled.open, 0, "jobs still open at the end");
	assert_eq!(burst.jobs.len() as u64, burst.submitted());
	assert!(burst.jobs.values().any(|j| j.operators.is_some()), "some jobs are assigned");
	assert!(
		burst.rows.iter().any(|r| r.transfers > 0) && run.filler_transfers > 0,
		"the fillers' transfers were included alongside"
	);
	for (id, job) in &burst.jobs {
		let expected =
			if job.operators.is_some() { JobPhase::Verified } else { JobPhase::Unassigned };
		assert_eq!(job.concluded.map(|c| c.1), Some(expected), "job {id}: {job:?}");
	}
	assert!(burst.slashes.is_empty(), "honest operators were slashed: {:?}", burst.slashes);
	let chain = Chain { api: net.api.clone(), rpc: net.rpc.node().clone() };
	let head = burst.settled.last;
	for (name, id, _) in demo_operators() {
		let rep = chain.reputation(head, &id).await?;
		assert_eq!(rep.missed, 0, "{name} missed");
		assert_eq!(rep.disagreed, 0, "{name} disagreed");
	}

	// The benchmark's documentation output: the section and its charts.
	let dir = tempfile::tempdir()?;
	let markdown = dir.path().join("benchmarks.md");
	let written = docs::write(&run, &markdown, "e2e load::")?;
	let text = std::fs::read_to_string(&markdown)?;
	assert!(text.contains("<!-- verinfer-load:3-operators:start -->"), "{text}");
	for png in written.iter().filter(|f| f.extension().is_some_and(|e| e == "png")) {
		let bytes = std::fs::read(png)?;
		assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 100, "{}", png.display());
	}
	Ok(())
}

/// Issue 12's crowding-out attack, end to end: 300 jobs from 30 requesters handed to the pool at
/// once while ten accounts keep filling blocks with transfers. Every staffed job is verified
/// (the rest are refused with named errors and pay only the checks), no demo operator is
/// slashed or has a miss or a disagreement on record. Prints the block-by-block table.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_jobs_among_transfers_is_all_verified_and_nobody_slashed() {
	if let Err(e) = scenario().await {
		panic!("a_burst_of_jobs_among_transfers_is_all_verified_and_nobody_slashed failed: {e}");
	}
}
