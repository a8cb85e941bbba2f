//! The load itself: a flood of balance transfers that keeps the pool fuller than a block, a
//! steady number of signed `submit_job` per block, and a burst of them at once; and waiting
//! until the chain has taken every transaction and concluded every job.

use crate::{
	accounts::Senders,
	network::Network,
	record::{Block, Recorder},
};
use std::{
	collections::BTreeSet,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};
use subxt::tx::Payload;
use verinfer_primitives::{AccountId, Balance};
use verinfer_runtime::{currency::UNITS, RuntimeEvent};
use verinfer_test_utils::{
	chain::{submit_job_call, transfer},
	engine::Sample,
	node::Rpc,
	TestResult,
};

/// What a requester is willing to pay for one job (the bundled models' quotes are about a
/// third of a VINF).
pub const MAX_FEE: Balance = 10 * UNITS;
/// What each transfer of the load moves.
pub const TRANSFER_AMOUNT: Balance = UNITS / 1000;
/// Blocks a job may take from inclusion to its last deadline (commit and reveal windows of 20
/// blocks each) and a margin.
const CONCLUDE_BLOCKS: u64 = 60;
/// Blocks without any transaction of the load included before the rest counts as dropped.
const STALL_BLOCKS: u64 = 10;

/// The best block's number.
pub async fn best_number(rpc: &Rpc) -> TestResult<u64> {
	Ok(rpc.best().await?.number)
}

/// Waits for a best block after `after`; returns its number.
pub async fn next_block(rpc: &Rpc, after: u64) -> TestResult<u64> {
	let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
	loop {
		let best = best_number(rpc).await?;
		if best > after {
			return Ok(best);
		}
		if tokio::time::Instant::now() > deadline {
			return Err(format!("no block after #{after} within a minute").into());
		}
		tokio::time::sleep(Duration::from_millis(100)).await;
	}
}

/// The `i`-th job of the load: the bundled samples in turn.
pub fn job_call(samples: &[Sample], i: u64) -> impl Payload {
	submit_job_call(&samples[i as usize % samples.len()], MAX_FEE, None)
}

/// A transfer of the load (to Alice; every transfer the same).
pub fn transfer_call(_: u64) -> impl Payload {
	transfer(
		&verinfer_test_utils::chain::account(&subxt_signer::sr25519::dev::alice()),
		TRANSFER_AMOUNT,
	)
}

/// Blocks a driver sent in: the first block that could include its first transaction and the
/// best block when it stopped.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
	/// First block that could include what was sent.
	pub first: u64,
	/// The best block when sending stopped.
	pub last: u64,
}

/// Keeps `senders` sending transfers until `stop`: each account keeps enough in flight that
/// the pool always holds more than a block takes (`Saturate`), or `PerBlock(n)` transfers
/// per new best block.
pub enum TransferLoad {
	/// As many as blocks take: each account keeps enough in flight for four full blocks
	/// (with the largest block seen so far), at most `max_in_flight` in all.
	Saturate {
		/// Most transfers in flight in all (the pool holds 8,192 ready transactions).
		max_in_flight: u64,
	},
	/// This many transfers per new best block.
	PerBlock(usize),
}

/// Runs `load` from `senders` until `stop` is set; returns the senders (with their counts).
pub async fn transfers(
	net_sender: verinfer_test_utils::chain::Sender,
	rpc: Rpc,
	recorder: Recorder,
	mut senders: Senders,
	load: TransferLoad,
	stop: Arc<AtomicBool>,
) -> TestResult<Senders> {
	let mut best = best_number(&rpc).await?;
	while !stop.load(Ordering::Relaxed) {
		match load {
			TransferLoad::Saturate { max_in_flight } => {
				let most = recorder
					.blocks()
					.iter()
					.map(|b| b.succeeded("Balances.transfer_keep_alive") as u64)
					.max()
					.unwrap_or(0);
				let accounts = senders.accounts().len() as u64;
				let depth = ((4 * most.max(500)).min(max_in_flight) / accounts).max(2);
				senders.top_up(&net_sender, &recorder, depth, transfer_call).await?;
			}
			TransferLoad::PerBlock(n) => {
				senders.send(&net_sender, n, transfer_call).await?;
			}
		}
		// Until the next block (or the stop).
		loop {
			if stop.load(Ordering::Relaxed) {
				break;
			}
			let now = best_number(&rpc).await?;
			if now > best {
				best = now;
				break;
			}
			tokio::time::sleep(Duration::from_millis(100)).await;
		}
	}
	Ok(senders)
}

/// Sends `rate` jobs per new best block from `requesters`, for `blocks` blocks.
pub async fn sustained(
	net: &Network,
	requesters: &mut Senders,
	rate: usize,
	blocks: u32,
) -> TestResult<Window> {
	let mut best = best_number(&net.rpc).await?;
	let first = best + 1;
	for _ in 0..blocks {
		requesters.send(&net.sender, rate, |i| job_call(&net.samples, i)).await?;
		best = next_block(&net.rpc, best).await?;
	}
	Ok(Window { first, last: best })
}

/// Hands `jobs` jobs to the pool at once, from `requesters` in turn.
pub async fn burst(net: &Network, requesters: &mut Senders, jobs: usize) -> TestResult<Window> {
	let first = best_number(&net.rpc).await? + 1;
	requesters.send(&net.sender, jobs, |i| job_call(&net.samples, i)).await?;
	Ok(Window { first, last: best_number(&net.rpc).await? })
}

/// What waiting for the chain to take the load found.
#[derive(Clone, Debug, Default)]
pub struct Settled {
	/// The last block that belongs to the scenario (its last inclusion or verdict).
	pub last: u64,
	/// Transactions the pool took that never made it into a block.
	pub dropped: u64,
	/// Jobs still open at the end (none unless the wait ran out).
	pub open: usize,
}

/// Waits until the blocks from `from` on hold every transaction `senders` sent, or nothing more
/// of theirs was included for a while (the rest count as dropped), and every job submitted in
/// them has concluded, or `CONCLUDE_BLOCKS` blocks passed since the last inclusion.
pub async fn settle(recorder: &Recorder, from: u64, senders: &[&Senders]) -> TestResult<Settled> {
	let mut last_included = recorder.head().unwrap_or(from);
	let mut in_flight = u64::MAX;
	loop {
		let blocks = recorder.blocks_from(from);
		let head = blocks.last().map(|b| b.number).unwrap_or(from);
		let now_in_flight: u64 = senders.iter().map(|s| s.in_flight(recorder)).sum();
		if now_in_flight < in_flight {
			in_flight = now_in_flight;
			last_included = head;
		}
		let open = open_jobs(&blocks);
		let stalled = head >= last_included + STALL_BLOCKS;
		if (in_flight == 0 || stalled) && open.is_empty() {
			let last =
				blocks.iter().rev().find(|b| touches_load(b, senders)).map_or(head, |b| b.number);
			return Ok(Settled { last, dropped: in_flight, open: 0 });
		}
		if head >= last_included + CONCLUDE_BLOCKS {
			return Ok(Settled { last: head, dropped: in_flight, open: open.len() });
		}
		if let Some(e) = recorder.last_error() {
			eprintln!("[verinfer-load] fetching blocks: {e}");
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Jobs submitted in `blocks` that have not concluded in them.
fn open_jobs(blocks: &[Arc<Block>]) -> BTreeSet<u64> {
	let mut open = BTreeSet::new();
	for event in blocks.iter().flat_map(|b| b.runtime_events()) {
		match event {
			RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted { job, .. }) => {
				open.insert(*job);
			}
			RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { job, .. }) => {
				open.remove(job);
			}
			_ => {}
		}
	}
	open
}

/// Whether `block` holds a transaction of `senders` or a job's conclusion.
fn touches_load(block: &Block, senders: &[&Senders]) -> bool {
	let ours = |who: &AccountId| senders.iter().any(|s| s.accounts().contains(who));
	block.extrinsics.iter().any(|x| x.signer.as_ref().is_some_and(ours))
		|| block
			.runtime_events()
			.any(|e| matches!(e, RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { .. })))
}
