//! End-to-end under load: a burst of jobs from many requesters, while other accounts fill the
//! blocks with transfers, on a `--dev` node whose off-chain workers serve the three demo
//! operators with the real engine.
//!
//! The operators' commitments and reveals are unsigned `submit_steps` transactions at
//! `OperatorStepsPriority` in operational block space, and refused submissions give back the
//! weight of the draw they never made; so neither the burst nor the transfers may make an
//! operator miss. What must hold at the end: every accepted job is `Verified`, nobody is
//! slashed, and the demo operators have no miss on record.

use crate::harness::{
	account, bundled_samples, event_log, finalized_number, Api, Chain, EngineProcess, NodeProcess,
	RuntimeEvent, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT, UNITS,
};
use std::{
	collections::{BTreeMap, BTreeSet},
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use subxt::{
	config::DefaultExtrinsicParamsBuilder, dynamic, tx::Payload, utils::MultiAddress,
	PolkadotConfig,
};
use subxt_signer::{
	sr25519::{dev, Keypair},
	DeriveJunction,
};
use verinfer_client::Scale;
use verinfer_primitives::{jobs::JobPolicy, JobPhase};

/// Requesters in the burst.
const REQUESTERS: usize = 30;
/// Jobs each requester submits at once.
const JOBS_EACH: usize = 10;
/// Accounts that keep sending transfers meanwhile.
const FILLERS: usize = 10;
/// Transfers each filler keeps in flight per round.
const TRANSFERS_PER_ROUND: u64 = 20;
/// How long the jobs may take to conclude after the burst: both windows of the last jobs
/// accepted and a margin.
const CONCLUDE_TIMEOUT: Duration = Duration::from_secs(420);
/// What each requester and filler is given.
const FUNDING: u128 = 1_000 * UNITS;

/// A key derived from Alice's for the load test's `role` number `i`.
fn derived(role: &str, i: usize) -> Keypair {
	dev::alice().derive([DeriveJunction::hard(format!("load-{role}-{i}"))])
}

/// Signs `call` with `signer` at `nonce` and hands it to the pool without waiting.
async fn send_at(api: &Api, signer: &Keypair, call: &impl Payload, nonce: u64) -> TestResult {
	let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
	api.tx().await?.sign_and_submit(call, signer, params).await?;
	Ok(())
}

/// A transfer of `amount` to `to`.
fn transfer(to: &Keypair, amount: u128) -> impl Payload {
	dynamic::tx(
		"Balances",
		"transfer_keep_alive",
		(MultiAddress::<subxt::utils::AccountId32, ()>::Id(to.public_key().to_account_id()), amount),
	)
}

/// The next nonce of `who` in the best block.
async fn nonce_of(api: &Api, who: &Keypair) -> TestResult<u64> {
	Ok(api.tx().await?.account_nonce(&who.public_key().to_account_id()).await?)
}

/// Keeps `filler` sending rounds of small transfers to Alice until `stop`; counts them in `sent`.
async fn fill(api: Api, filler: Keypair, stop: Arc<AtomicBool>, sent: Arc<AtomicU64>) {
	let alice = dev::alice();
	while !stop.load(Ordering::Relaxed) {
		let Ok(first) = nonce_of(&api, &filler).await else { continue };
		for nonce in first..first + TRANSFERS_PER_ROUND {
			// A full pool may refuse some; the next round starts from the chain's nonce again.
			if send_at(&api, &filler, &transfer(&alice, UNITS / 1000), nonce).await.is_ok() {
				sent.fetch_add(1, Ordering::Relaxed);
			}
		}
		tokio::time::sleep(Duration::from_secs(3)).await;
	}
}

async fn scenario(engine_slot: &mut Option<EngineProcess>, node: &mut NodeProcess) -> TestResult {
	let sample = bundled_samples(0)?.into_iter().next().ok_or("no bundled model")?;
	let engine = EngineProcess::start("load").await?;
	let engine_url = engine.url();
	*engine_slot = Some(engine);
	node.start(vec!["--dev".into(), "--inference-engine-url".into(), engine_url])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	node.wait_finalized_at_least(2, FINALITY_TIMEOUT).await?;
	let chain = Chain::of(node).await?;
	let api = chain.api.clone();

	// 1. Alice funds the requesters and the fillers, in one go.
	let requesters: Vec<Keypair> = (0..REQUESTERS).map(|i| derived("requester", i)).collect();
	let fillers: Vec<Keypair> = (0..FILLERS).map(|i| derived("filler", i)).collect();
	let alice = dev::alice();
	let first = nonce_of(&api, &alice).await?;
	for (n, who) in requesters.iter().chain(fillers.iter()).enumerate() {
		send_at(&api, &alice, &transfer(who, FUNDING), first + n as u64).await?;
	}
	let funded = first + (REQUESTERS + FILLERS) as u64;
	let deadline = Instant::now() + Duration::from_secs(120);
	while nonce_of(&api, &alice).await? < funded {
		if Instant::now() > deadline {
			return Err("the funding transfers were not included within 2 minutes".into());
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	node.wait_finalized_at_least(finalized_number(&api).await? + 2, FINALITY_TIMEOUT).await?;
	let start = finalized_number(&api).await? + 1;
	let mut events = event_log(&api, start);

	// 2. The fillers start; then the burst: every requester's jobs at once.
	let stop = Arc::new(AtomicBool::new(false));
	let sent = Arc::new(AtomicU64::new(0));
	let fillers_running: Vec<_> = fillers
		.iter()
		.map(|f| tokio::spawn(fill(api.clone(), f.clone(), stop.clone(), sent.clone())))
		.collect();
	let submit = dynamic::tx(
		"Jobs",
		"submit_job",
		(
			sample.model,
			Scale(sample.input.clone()),
			10 * UNITS,
			Option::<Scale<JobPolicy>>::None,
			Option::<subxt::utils::H256>::None,
		),
	);
	let mut handed = 0;
	for requester in &requesters {
		let first = nonce_of(&api, requester).await?;
		for n in 0..JOBS_EACH as u64 {
			send_at(&api, requester, &submit, first + n).await?;
			handed += 1;
		}
	}
	eprintln!("[load] {handed} submissions handed to the pool from {REQUESTERS} requesters");

	// 3. Until every submission is included and every accepted job concluded.
	let deadline = Instant::now() + CONCLUDE_TIMEOUT;
	let (submitted, assigned, concluded) = loop {
		events.poll().await?;
		let jobs = |assigned: bool| -> BTreeSet<u64> {
			events
				.find(|e| match e {
					RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted { job, .. }) if !assigned => {
						Some(*job)
					},
					RuntimeEvent::Jobs(pallet_jobs::Event::JobAssigned { job, .. }) if assigned => {
						Some(*job)
					},
					_ => None,
				})
				.into_iter()
				.map(|(_, job)| job)
				.collect()
		};
		let (submitted, assigned) = (jobs(false), jobs(true));
		let concluded: BTreeMap<u64, (u64, JobPhase)> = events
			.find(|e| match e {
				RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { job, phase }) => {
					Some((*job, *phase))
				},
				_ => None,
			})
			.into_iter()
			.map(|(block, (job, phase))| (job, (block, phase)))
			.collect();
		let mut included = true;
		for requester in &requesters {
			included &= nonce_of(&api, requester).await? >= JOBS_EACH as u64;
		}
		if included && submitted.iter().all(|job| concluded.contains_key(job)) {
			break (submitted, assigned, concluded);
		}
		if Instant::now() > deadline {
			return Err(format!(
				"after {CONCLUDE_TIMEOUT:?}: {} submitted, {} concluded, all included: {included}",
				submitted.len(),
				concluded.len()
			)
			.into());
		}
		tokio::time::sleep(Duration::from_secs(3)).await;
	};
	stop.store(true, Ordering::Relaxed);
	for f in fillers_running {
		let _ = f.await;
	}

	// 4. What the chain recorded.
	let head = events.head().unwrap_or(start);
	let refused = events
		.find(|e| match e {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }) => Some(()),
			_ => None,
		})
		.len();
	let transfers = events
		.find(|e| match e {
			RuntimeEvent::Balances(pallet_balances::Event::Transfer { to, .. })
				if *to == account(&alice) =>
			{
				Some(())
			},
			_ => None,
		})
		.len();
	let mut per_phase: BTreeMap<String, usize> = BTreeMap::new();
	for (_, phase) in concluded.values() {
		*per_phase.entry(format!("{phase:?}")).or_default() += 1;
	}
	let slashes = events.find(|e| match e {
		RuntimeEvent::Operators(pallet_operators::Event::Slashed { operator, reason, amount, .. }) => {
			Some(format!("{operator} {reason:?} {amount}"))
		},
		_ => None,
	});
	eprintln!(
		"[load] blocks #{start}..#{head}: {} jobs submitted, {} assigned, {refused} calls refused, {} filler transfers sent and {transfers} included; outcomes {per_phase:?}",
		submitted.len(),
		assigned.len(),
		sent.load(Ordering::Relaxed),
	);
	assert!(!assigned.is_empty(), "some jobs are assigned");
	assert!(transfers > 0, "the fillers' transfers were included alongside");
	// A job the block-end draw could not staff (every operator at its open-job limit) is
	// `Unassigned` and refunded in full; every job that was staffed is verified.
	for job in &submitted {
		let expected =
			if assigned.contains(job) { JobPhase::Verified } else { JobPhase::Unassigned };
		assert_eq!(concluded[job].1, expected, "job {job}: {:?}", concluded[job]);
	}
	assert!(slashes.is_empty(), "honest operators were slashed: {slashes:?}");
	for (name, id, _) in crate::harness::demo_operators() {
		let rep = chain.reputation(head, &id).await?;
		assert_eq!(rep.missed, 0, "{name} missed");
		assert_eq!(rep.disagreed, 0, "{name} disagreed");
	}
	Ok(())
}

/// Issue 12's crowding-out attack, end to end: 300 jobs from 30 requesters handed to the pool at
/// once while ten accounts keep filling blocks with transfers. Every accepted job is verified
/// (the rest are refused with named errors and pay only the checks), no demo operator is
/// slashed or has a miss or a disagreement on record. Prints the counts.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_jobs_among_transfers_is_all_verified_and_nobody_slashed() {
	let mut engine = None;
	let mut node = NodeProcess::new("load").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut engine, &mut node).await {
		panic!("a_burst_of_jobs_among_transfers_is_all_verified_and_nobody_slashed failed: {e}");
	}
}
