//! End-to-end: a `--dev` node whose off-chain worker runs the real inference engine verifies a
//! job of every bundled model, pays everybody exactly what the chain says, and records the
//! evidence in the operators' reputation.

use crate::harness::{
	account, bundled_samples, check_dev_genesis, demo_operators, dev_name, event_log,
	finalized_number, max_diff, submit_job, verdict_of, Chain, EngineProcess, EventLog,
	NodeProcess, RuntimeEvent, Sample, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT, UNITS,
};
use std::time::Duration;
use subxt::utils::H256;
use subxt_signer::sr25519::{dev, Keypair};
use verinfer_primitives::{AssignmentOutcome, JobPhase, ReputationEvent};

/// How long a submission may take to be finalized.
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a job may take from submission to verdict: both windows (20 + 20 blocks of 3 s)
/// and a generous margin.
const VERDICT_TIMEOUT: Duration = Duration::from_secs(240);
/// Blocks from submission to verdict a job with three honest operators may take at most.
const MAX_HAPPY_PATH_BLOCKS: u64 = 15;
/// What a requester is willing to pay for one job.
const MAX_FEE: u128 = 10 * UNITS;

/// Blocks and fees of one verified job, for the summary.
struct Timing {
	model: String,
	job: u64,
	submitted: u64,
	committed: Vec<u64>,
	revealed: Vec<u64>,
	verdict: u64,
	charged: u128,
}

/// Submits `sample` as `requester`, waits for its verdict and checks the record, the payments
/// and the reputation counters.
async fn verify_one(
	chain: &Chain,
	events: &mut EventLog<RuntimeEvent>,
	requester: &Keypair,
	sample: &Sample,
) -> TestResult<Timing> {
	let requester_id = account(requester);
	let alice = account(&dev::alice());
	let operators = demo_operators();

	let sub = submit_job(&chain.api, requester, sample, MAX_FEE, SUBMIT_TIMEOUT).await?;
	let job_id = sub.job;
	let before = sub.block - 1;
	eprintln!(
		"[e2e_jobs] {}: job #{job_id} submitted by {} in #{} (commit deadline #{}), quote {:?}, operators {:?}",
		sample.name,
		dev_name(&requester_id),
		sub.block,
		sub.commit_deadline,
		sub.quote,
		sub.operators.iter().map(dev_name).collect::<Vec<_>>()
	);
	assert_eq!(sub.quote.k, 3, "the model's default k");
	assert_eq!(sub.operators.len(), 3, "three operators drawn");
	for (name, id, _) in &operators {
		assert!(sub.operators.contains(id), "{name} is drawn (k = 3 of the 3 demo operators)");
	}

	// The verdict.
	let (verdict_block, (phase, agreeing, result_hash)) =
		events.wait_for("Settlement::Verdict", verdict_of(job_id), VERDICT_TIMEOUT).await?;
	let blocks = verdict_block - sub.block;
	eprintln!(
		"[e2e_jobs] {}: job #{job_id} verdict {phase:?} with {agreeing} agreeing in #{verdict_block}: {blocks} blocks after submission",
		sample.name
	);
	assert_eq!(phase, JobPhase::Verified, "verdict of job #{job_id} ({})", sample.name);
	assert_eq!(agreeing, 3, "three honest operators on the same engine agree");
	assert!(
		blocks <= MAX_HAPPY_PATH_BLOCKS,
		"job #{job_id} took {blocks} blocks from submission to verdict (at most {MAX_HAPPY_PATH_BLOCKS} expected)"
	);
	let committed: Vec<u64> = events
		.find(|e| match e {
			RuntimeEvent::Settlement(pallet_settlement::Event::Committed { job, .. })
				if *job == job_id =>
				Some(()),
			_ => None,
		})
		.into_iter()
		.map(|(n, _)| n)
		.collect();
	let revealed: Vec<u64> = events
		.find(|e| match e {
			RuntimeEvent::Settlement(pallet_settlement::Event::Revealed { job, .. })
				if *job == job_id =>
				Some(()),
			_ => None,
		})
		.into_iter()
		.map(|(n, _)| n)
		.collect();
	assert_eq!(committed.len(), 3, "three commitments of job #{job_id}");
	assert_eq!(revealed.len(), 3, "three reveals of job #{job_id}");

	// The record and the result.
	let job = chain.job(verdict_block, job_id).await?.ok_or("job record missing")?;
	assert_eq!(job.status, JobPhase::Verified);
	assert_eq!(job.requester, requester_id);
	assert_eq!(job.model, sample.model);
	assert_eq!(job.agreeing, 3);
	assert_eq!(job.concluded_at, Some(verdict_block as u32));
	assert_eq!(job.result_hash, result_hash, "record and event name the same result");
	let result = job.result.clone().ok_or("no stored result")?;
	let diff = max_diff(&result, &sample.output).ok_or_else(|| {
		format!("result {result:?} has another shape or precision than {:?}", sample.output)
	})?;
	assert!(
		diff <= sample.tolerance,
		"{}: result {:?} differs from the recorded output {:?} by {diff} (tolerance {})",
		sample.name,
		result.data,
		sample.output.data,
		sample.tolerance
	);
	assert_eq!(
		Some(H256::from(result.canonical_hash())),
		job.result_hash,
		"result_hash is the result's hash"
	);
	for a in &job.assignments {
		assert_eq!(a.outcome, Some(AssignmentOutcome::Agreed), "{}", dev_name(&a.operator));
		assert_eq!(a.paid, sub.quote.per_operator, "{} paid its share", dev_name(&a.operator));
		assert_eq!(a.slashed, 0);
	}

	// The fees pallet's payout.
	let settled = events.find(|e| match e {
		RuntimeEvent::Fees(pallet_fees::Event::Settled { job, payout }) if *job == job_id => {
			Some(*payout)
		}
		_ => None,
	});
	assert_eq!(settled.len(), 1, "one Fees::Settled for job #{job_id}");
	let (settled_block, payout) = settled[0];
	assert_eq!(settled_block, verdict_block);
	assert_eq!(job.payout, Some(payout), "record and event name the same payout");
	assert_eq!(payout.operators_paid, 3);
	assert_eq!(payout.per_operator, sub.quote.per_operator);
	assert_eq!(payout.royalty, sub.quote.royalty);
	assert_eq!(payout.refunded, 0, "nobody outside the agreeing group");
	assert_eq!(
		u128::from(payout.operators_paid) * payout.per_operator
			+ payout.royalty
			+ payout.to_treasury
			+ payout.refunded,
		sub.quote.total,
		"the escrow is paid out to the last planck: {payout:?} of {:?}",
		sub.quote
	);
	let charged = sub.quote.total - payout.refunded;

	// Balances right before the submission and at the verdict.
	let req_before = chain.balance(before, &requester_id).await?;
	let req_after = chain.balance(verdict_block, &requester_id).await?;
	let (deposit, record_fee) = sub.storage;
	assert_eq!(
		req_before.free - req_after.free,
		sub.tx_fee + charged + deposit + record_fee,
		"{}: the requester pays the transaction fee {}, the charged {charged}, the record fee \
		 {record_fee} and holds the storage deposit {deposit}",
		sample.name,
		sub.tx_fee
	);
	assert_eq!(
		req_after.reserved,
		req_before.reserved + deposit,
		"the escrow hold is gone, the storage deposit stays until the job is pruned"
	);
	for (name, id, _) in &operators {
		let b = chain.balance(before, id).await?;
		let a = chain.balance(verdict_block, id).await?;
		assert_eq!(a.free - b.free, payout.per_operator, "{name} received exactly its share");
	}
	let alice_before = chain.balance(before, &alice).await?;
	let alice_after = chain.balance(verdict_block, &alice).await?;
	assert_eq!(alice_after.free - alice_before.free, payout.royalty, "the royalty reached Alice");

	// Reputation: one Agreed event and one more agreement per operator.
	let recorded = events.find(|e| match e {
		RuntimeEvent::Reputation(pallet_reputation::Event::Recorded { operator, event, .. }) => {
			Some((operator.clone(), *event))
		}
		_ => None,
	});
	for (name, id, _) in &operators {
		let stats_before = chain.reputation(before, id).await?;
		let stats_after = chain.reputation(verdict_block, id).await?;
		assert_eq!(stats_after.agreed, stats_before.agreed + 1, "{name}'s agreed counter");
		assert_eq!(stats_after.assigned, stats_before.assigned + 1, "{name}'s assigned counter");
		assert_eq!(stats_after.disagreed, stats_before.disagreed);
		assert_eq!(stats_after.missed, stats_before.missed);
		assert_eq!(
			stats_after.total_earned,
			stats_before.total_earned + payout.per_operator,
			"{name} earned"
		);
		let here: Vec<_> = recorded
			.iter()
			.filter(|(n, (operator, _))| *n == verdict_block && operator == id)
			.collect();
		assert_eq!(here.len(), 1, "one reputation event for {name} in the verdict block");
		let event = here[0].1 .1;
		assert!(
			matches!(event, ReputationEvent::Agreed { fee, .. } if fee == payout.per_operator),
			"{name}: {event:?}"
		);
	}

	Ok(Timing {
		model: sample.name.clone(),
		job: job_id,
		submitted: sub.block,
		committed,
		revealed,
		verdict: verdict_block,
		charged,
	})
}

async fn scenario(engine_slot: &mut Option<EngineProcess>, node: &mut NodeProcess) -> TestResult {
	let samples = bundled_samples(0)?;

	// 1. The real engine, checked against the recorded outputs before any node uses it.
	let engine = EngineProcess::start("honest").await?;
	for s in &samples {
		let out = engine.infer(s).await?;
		let diff = max_diff(&out, &s.output).ok_or("engine output of another shape")?;
		assert!(diff <= s.tolerance, "engine on {}: {:?} vs {:?}", s.name, out, s.output);
	}
	let engine_url = engine.url();
	*engine_slot = Some(engine);

	// 2. A dev node that runs its off-chain worker against it.
	node.start(vec!["--dev".into(), "--inference-engine-url".into(), engine_url])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	node.wait_finalized_at_least(2, FINALITY_TIMEOUT).await?;
	let chain = Chain::of(node).await?;
	check_dev_genesis(&chain, &samples).await?;
	let start = finalized_number(&chain.api).await?;
	let mut events = event_log(&chain.api, start + 1);

	// 3. One job per model, one after the other, alternating requesters.
	let requesters = [dev::eve(), dev::ferdie()];
	let mut timings = Vec::new();
	for (i, sample) in samples.iter().enumerate() {
		let timing = verify_one(&chain, &mut events, &requesters[i % 2], sample).await?;
		timings.push(timing);
	}

	eprintln!("[e2e_jobs] blocks from submission to verdict (3 honest operators, 3 s blocks):");
	for t in &timings {
		eprintln!(
			"[e2e_jobs]   {:<16} job #{:<3} submitted #{:<4} commits {:?} reveals {:?} verdict #{:<4} => {} blocks, charged {} planck",
			t.model,
			t.job,
			t.submitted,
			t.committed,
			t.revealed,
			t.verdict,
			t.verdict - t.submitted,
			t.charged
		);
	}
	Ok(())
}

/// Proves the happy path end to end with real processes: for each of the three bundled models,
/// a job signed with subxt on a `--dev` node is run by the demo operators' off-chain workers on
/// the real engine, committed, revealed and Verified with all three agreeing; the stored result
/// matches onnxruntime's recorded output within the model's tolerance; the requester pays
/// exactly the transaction fee plus the quote (nothing refunded), each operator receives its
/// share, Alice the royalty; every operator's `agreed` counter moves by one. Prints the blocks
/// from submission to verdict per model.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_bundled_model_is_verified() {
	let mut engine = None;
	let mut node = NodeProcess::new("dev").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut engine, &mut node).await {
		// Panicking with the processes still alive prints their log tails when they drop.
		panic!("every_bundled_model_is_verified failed: {e}");
	}
}
