//! End-to-end faults with real processes on the `dev` chain: an operator whose engine lies is
//! slashed while the job still verifies, and an operator whose engine is down misses while an
//! operator whose node crashes after committing still reveals after its restart.

use crate::harness::{
	account, bob_charlie_dave, bundled_samples, check_dev_genesis, closed_engine_url, commit_of,
	dev_name, event_log, finalized_number, held_bond, max_diff, reveal_of, submit_job, verdict_of,
	AlteringProxy, Chain, EngineProcess, EventLog, NodeProcess, RuntimeEvent, Sample, Submission,
	TestResult, Verdict, FINALITY_TIMEOUT, READY_TIMEOUT, UNITS,
};
use std::time::Duration;
use subxt::utils::H256;
use subxt_signer::sr25519::{dev, Keypair};
use verinfer_primitives::{AccountId, AssignmentOutcome, JobPhase, ReputationEvent, SlashReason};
use verinfer_runtime::Runtime;

const CHAIN: &str = "dev";
/// How long a submission may take to be finalized.
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(120);
/// Commit window plus reveal window (20 + 20 blocks of 3 s) with a generous margin.
const VERDICT_TIMEOUT: Duration = Duration::from_secs(300);
/// How long the commitments of honest operators may take.
const COMMIT_TIMEOUT: Duration = Duration::from_secs(120);
/// What a requester is willing to pay for one job.
const MAX_FEE: u128 = 10 * UNITS;
/// `WrongResultSlash` and `MissSlash` of the runtime, in percent of the bond.
const WRONG_RESULT_SLASH_PERCENT: u128 = 10;
const MISS_SLASH_PERCENT: u128 = 1;
/// What the lying engine adds to every output element (far beyond any tolerance).
const LIE: i64 = 500;

/// Starts `node` as the `dev` chain's only validator (Alice) with the `infr` keys of
/// `operators`, a fixed network key and `engine_url`; returns its multiaddress.
async fn start_validator(
	node: &mut NodeProcess,
	operators: &[&str],
	engine_url: String,
) -> TestResult<String> {
	for seed in operators {
		node.insert_key(CHAIN, "sr25519", seed, "infr")?;
	}
	let (secret, peer_id) = node.generate_node_key(CHAIN)?;
	node.start(vec![
		"--chain".into(),
		CHAIN.into(),
		"--alice".into(),
		"--validator".into(),
		"--node-key".into(),
		secret,
		"--inference-engine-url".into(),
		engine_url,
	])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	Ok(node.p2p_address(&peer_id))
}

/// Starts `node` as a non-validator that runs its off-chain worker on every block, with the
/// `infr` key of `operator`, a fixed network key, the validator as bootnode and `engine_url`.
async fn start_operator_node(
	node: &mut NodeProcess,
	operator: &str,
	bootnode: &str,
	engine_url: String,
) -> TestResult {
	node.insert_key(CHAIN, "sr25519", operator, "infr")?;
	let (secret, _) = node.generate_node_key(CHAIN)?;
	node.start(vec![
		"--chain".into(),
		CHAIN.into(),
		"--offchain-worker".into(),
		"always".into(),
		"--node-key".into(),
		secret,
		"--bootnodes".into(),
		bootnode.into(),
		"--inference-engine-url".into(),
		engine_url,
	])?;
	node.wait_rpc_ready(READY_TIMEOUT).await?;
	Ok(())
}

/// Waits until the validator finalizes and every other node has it as a peer and has imported
/// the validator's finalized head.
async fn wait_network(validator: &mut NodeProcess, others: &mut [&mut NodeProcess]) -> TestResult {
	let head = validator.wait_finalized_at_least(2, FINALITY_TIMEOUT).await?;
	for node in others.iter_mut() {
		node.wait_finalized_at_least(head.number, FINALITY_TIMEOUT).await?;
		let peers = node.rpc()?.peers().await?;
		assert!(peers >= 1, "{} has no peers", node.name());
	}
	Ok(())
}

/// What is common to both fault scenarios once the verdict is in: the job is Verified by Bob
/// and Charlie with the expected result; Dave, and only Dave, is slashed `percent` of its bond
/// for `reason` with half of it, at most what the requester paid, going to the requester; Dave's reputation records `expected`
/// (`disagreed` or `missed` moves); the requester pays the transaction fee and the quote minus
/// Dave's refunded share minus its compensation.
#[allow(clippy::too_many_arguments)]
async fn check_verified_with_dave_slashed(
	chain: &Chain,
	events: &EventLog<RuntimeEvent>,
	sample: &Sample,
	requester: &Keypair,
	sub: &Submission,
	verdict_block: u64,
	verdict: &Verdict,
	percent: u128,
	expected_reason: SlashReason,
	outcome: AssignmentOutcome,
) -> TestResult {
	let (bob, charlie, dave) = bob_charlie_dave();
	let requester_id = account(requester);
	let job_id = sub.job;
	let before = sub.block - 1;
	let (phase, agreeing, result_hash) = *verdict;

	assert_eq!(phase, JobPhase::Verified, "verdict of job #{job_id}");
	assert_eq!(agreeing, 2, "Bob and Charlie agree");

	// Record and result.
	let job = chain.job(verdict_block, job_id).await?.ok_or("job record missing")?;
	let assignment_of = |id: &AccountId| job.assignments.iter().find(|a| a.operator == *id);
	assert_eq!(job.status, JobPhase::Verified);
	assert_eq!(job.agreeing, 2);
	for (name, id) in [("Bob", &bob), ("Charlie", &charlie)] {
		let a = assignment_of(id).ok_or_else(|| format!("{name} not assigned"))?;
		assert_eq!(a.outcome, Some(AssignmentOutcome::Agreed), "{name}'s outcome");
		assert_eq!(a.paid, sub.quote.per_operator, "{name} paid");
	}
	let dave_slot = assignment_of(&dave).ok_or("Dave not assigned")?;
	assert_eq!(dave_slot.outcome, Some(outcome), "Dave's outcome");
	assert_eq!(dave_slot.paid, 0, "Dave is not paid");
	let result = job.result.clone().ok_or("no stored result")?;
	let diff = max_diff(&result, &sample.output).ok_or("result of another shape")?;
	assert!(
		diff <= sample.tolerance,
		"result {:?} vs recorded {:?} (tolerance {})",
		result.data,
		sample.output.data,
		sample.tolerance
	);
	assert_eq!(Some(H256::from(result.canonical_hash())), result_hash);

	// Dave's slash: event, held bond, balance hold, record.
	let slashes: Vec<(u64, pallet_operators::Event<Runtime>)> = events
		.find(|e| match e {
			RuntimeEvent::Operators(slash @ pallet_operators::Event::Slashed { .. }) => {
				Some(slash.clone())
			}
			_ => None,
		})
		.into_iter()
		.filter(|(n, _)| *n > before)
		.collect();
	assert_eq!(slashes.len(), 1, "exactly one slash since the submission: {slashes:?}");
	let (slash_block, slash) = slashes[0].clone();
	let pallet_operators::Event::Slashed {
		operator,
		reason,
		amount,
		beneficiary,
		to_beneficiary,
		to_treasury,
		burned,
	} = slash
	else {
		unreachable!("only Slashed events were picked")
	};
	assert_eq!(slash_block, verdict_block, "slashed in the verdict's block");
	assert_eq!(operator, dave, "Dave is the one slashed");
	assert_eq!(reason, expected_reason);
	let dave_op_before = chain.operator(before, &dave).await?.ok_or("Dave not an operator")?;
	let dave_op_after =
		chain.operator(verdict_block, &dave).await?.ok_or("Dave no longer an operator")?;
	let bond_before = held_bond(&dave_op_before);
	assert_eq!(amount, bond_before * percent / 100, "{percent}% of Dave's bond of {bond_before}");
	assert_eq!(dave_slot.slashed, amount, "the record names the slash");
	assert_eq!(held_bond(&dave_op_after), bond_before - amount, "Dave's bond ledger");
	assert_eq!(beneficiary.as_ref(), Some(&requester_id), "the requester is compensated");
	assert_eq!(to_beneficiary + to_treasury + burned, amount);
	// SlashCompensation is 50%, capped at what the requester paid for the job (the quote less
	// Dave's refunded share): a requester never gets more from a job than it paid.
	let paid = sub.quote.total - sub.quote.per_operator;
	assert_eq!(to_beneficiary, (amount / 2).min(paid), "compensation: half the slash, capped");
	let dave_before = chain.balance(before, &dave).await?;
	let dave_after = chain.balance(verdict_block, &dave).await?;
	assert_eq!(dave_before.reserved - dave_after.reserved, amount, "Dave's held bond");
	assert_eq!(dave_after.free, dave_before.free, "Dave's free balance is untouched");

	// Reputation.
	let dave_stats_before = chain.reputation(before, &dave).await?;
	let dave_stats_after = chain.reputation(verdict_block, &dave).await?;
	assert_eq!(dave_stats_after.assigned, dave_stats_before.assigned + 1);
	assert_eq!(dave_stats_after.agreed, dave_stats_before.agreed, "Dave did not agree");
	assert_eq!(dave_stats_after.total_slashed, dave_stats_before.total_slashed + amount);
	let dave_events: Vec<_> = events
		.find(|e| match e {
			RuntimeEvent::Reputation(pallet_reputation::Event::Recorded {
				operator, event, ..
			}) if *operator == dave => Some(*event),
			_ => None,
		})
		.into_iter()
		.filter(|(n, _)| *n == verdict_block)
		.collect();
	assert_eq!(dave_events.len(), 1, "one reputation event for Dave: {dave_events:?}");
	match (outcome, dave_events[0].1) {
		(AssignmentOutcome::Disagreed, ReputationEvent::Disagreed { fee, slashed }) => {
			assert_eq!(fee, sub.quote.per_operator);
			assert_eq!(slashed, amount);
			assert_eq!(dave_stats_after.disagreed, dave_stats_before.disagreed + 1);
			assert_eq!(dave_stats_after.missed, dave_stats_before.missed);
		}
		(AssignmentOutcome::MissedCommit, ReputationEvent::Missed { fee, slashed }) => {
			assert_eq!(fee, sub.quote.per_operator);
			assert_eq!(slashed, amount);
			assert_eq!(dave_stats_after.missed, dave_stats_before.missed + 1);
			assert_eq!(dave_stats_after.disagreed, dave_stats_before.disagreed);
		}
		(o, e) => return Err(format!("Dave's outcome {o:?} with reputation event {e:?}").into()),
	}
	for (name, id) in [("Bob", &bob), ("Charlie", &charlie)] {
		let b = chain.reputation(before, id).await?;
		let a = chain.reputation(verdict_block, id).await?;
		assert_eq!(a.agreed, b.agreed + 1, "{name}'s agreed counter");
		assert_eq!(a.total_slashed, b.total_slashed, "{name} not slashed");
	}

	// Payout: Bob and Charlie paid, Dave's share refunded, Alice's royalty.
	let settled = events.find(|e| match e {
		RuntimeEvent::Fees(pallet_fees::Event::Settled { job, payout }) if *job == job_id => {
			Some(*payout)
		}
		_ => None,
	});
	assert_eq!(settled.len(), 1, "one Fees::Settled for job #{job_id}");
	let payout = settled[0].1;
	assert_eq!(payout.operators_paid, 2);
	assert_eq!(payout.per_operator, sub.quote.per_operator);
	assert_eq!(payout.refunded, sub.quote.per_operator, "Dave's share goes back to the requester");
	assert_eq!(
		2 * payout.per_operator + payout.royalty + payout.to_treasury + payout.refunded,
		sub.quote.total
	);
	for (name, id) in [("Bob", &bob), ("Charlie", &charlie)] {
		let b = chain.balance(before, id).await?;
		let a = chain.balance(verdict_block, id).await?;
		assert_eq!(a.free - b.free, payout.per_operator, "{name} received its share");
	}
	let alice = account(&dev::alice());
	let alice_before = chain.balance(before, &alice).await?;
	let alice_after = chain.balance(verdict_block, &alice).await?;
	assert_eq!(alice_after.free - alice_before.free, payout.royalty, "Alice's royalty");
	let req_before = chain.balance(before, &requester_id).await?;
	let req_after = chain.balance(verdict_block, &requester_id).await?;
	let charged = sub.quote.total - payout.refunded;
	let (deposit, record_fee) = sub.storage;
	assert_eq!(
		req_before.free as i128 - req_after.free as i128,
		(sub.tx_fee + charged + deposit + record_fee) as i128 - to_beneficiary as i128,
		"requester: transaction fee {} + charged {charged} + storage deposit {deposit} + record \
		 fee {record_fee} - compensation {to_beneficiary}",
		sub.tx_fee,
	);
	assert_eq!(
		req_after.reserved,
		req_before.reserved + deposit,
		"the escrow hold is gone, the storage deposit stays"
	);
	eprintln!(
		"[e2e_faults] job #{job_id}: charged {charged} (refunded {}), Dave slashed {amount} ({reason:?}), requester compensated {to_beneficiary}",
		payout.refunded
	);
	Ok(())
}

async fn wrong_engine_scenario(
	engine_slot: &mut Option<EngineProcess>,
	proxy_slot: &mut Option<AlteringProxy>,
	validator: &mut NodeProcess,
	liar: &mut NodeProcess,
) -> TestResult {
	let sample = bundled_samples(0)?.into_iter().next().ok_or("no bundled model")?;
	let requester = dev::eve();
	let (bob, charlie, dave) = bob_charlie_dave();

	// 1. The honest engine and a proxy in front of it that lies.
	let engine = EngineProcess::start("honest").await?;
	let proxy = AlteringProxy::start(engine.host_port(), LIE).await?;
	let engine_url = engine.url();
	let proxy_url = proxy.url();
	*engine_slot = Some(engine);
	*proxy_slot = Some(proxy);

	// 2. Alice validates and runs Bob's and Charlie's workers; Dave's node asks the liar.
	let bootnode =
		start_validator(validator, &["//Bob//infr", "//Charlie//infr"], engine_url).await?;
	start_operator_node(liar, "//Dave//infr", &bootnode, proxy_url).await?;
	wait_network(validator, &mut [&mut *liar]).await?;
	let chain = Chain::of(validator).await?;
	check_dev_genesis(&chain, &bundled_samples(0)?).await?;
	let mut events = event_log(&chain.api, finalized_number(&chain.api).await? + 1);

	// 3. One job; all three commit and reveal, Dave's output is 500 units off everywhere.
	let sub = submit_job(&chain.api, &requester, &sample, MAX_FEE, SUBMIT_TIMEOUT).await?;
	let job_id = sub.job;
	eprintln!(
		"[e2e_faults] wrong engine: job #{job_id} ({}) submitted in #{}, commit deadline #{}",
		sample.name, sub.block, sub.commit_deadline
	);
	let (verdict_block, verdict) =
		events.wait_for("Settlement::Verdict", verdict_of(job_id), VERDICT_TIMEOUT).await?;
	eprintln!(
		"[e2e_faults] wrong engine: verdict {:?} ({} agreeing) in #{verdict_block}, {} blocks after submission",
		verdict.0,
		verdict.1,
		verdict_block - sub.block
	);
	let proxy = proxy_slot.as_ref().expect("proxy started");
	assert!(
		proxy.altered() >= 1,
		"Dave's worker asked the lying engine ({} requests)",
		proxy.requests()
	);

	// All three revealed; Dave's revealed output is the honest one shifted by the lie.
	let reveals = events.find(reveal_of(job_id));
	for id in [&bob, &charlie, &dave] {
		assert!(
			reveals.iter().any(|(_, operator)| operator == id),
			"{} revealed: {reveals:?}",
			dev_name(id)
		);
	}
	let job = chain.job(verdict_block, job_id).await?.ok_or("job record missing")?;
	let dave_slot =
		job.assignments.iter().position(|a| a.operator == dave).ok_or("Dave not assigned")?;
	let dave_output = chain
		.revealed_output(verdict_block, job_id, dave_slot as u32)
		.await?
		.ok_or("Dave's reveal not stored")?;
	let result = job.result.clone().ok_or("no result")?;
	let shifted: Vec<i64> = result.data.iter().map(|x| x + LIE).collect();
	for (d, s) in dave_output.data.iter().zip(&shifted) {
		assert!(d.abs_diff(*s) <= sample.tolerance, "Dave revealed {:?}", dave_output.data);
	}

	check_verified_with_dave_slashed(
		&chain,
		&events,
		&sample,
		&requester,
		&sub,
		verdict_block,
		&verdict,
		WRONG_RESULT_SLASH_PERCENT,
		SlashReason::WrongResult(job_id),
		AssignmentOutcome::Disagreed,
	)
	.await?;
	Ok(())
}
/// Proves that a wrong answer is caught and punished while the job still verifies: Alice's
/// validator runs Bob's and Charlie's workers on the honest engine; a second node runs Dave's
/// worker against a proxy that adds 500 to every output element (hash recomputed). The job is
/// Verified by Bob and Charlie with the expected result; Dave's reveal is the shifted output;
/// Dave is slashed 10% of his bond (Slashed event, ledger and held balance), half of it to the
/// requester; his `disagreed` counter moves and his share is refunded.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_engine_is_slashed_and_job_verifies() {
	let mut engine = None;
	let mut proxy = None;
	let mut validator = NodeProcess::new("alice").expect("temp folder");
	let mut liar = NodeProcess::new("dave-liar").expect("temp folder");
	if let Err(e) = wrong_engine_scenario(&mut engine, &mut proxy, &mut validator, &mut liar).await
	{
		panic!("wrong_engine_is_slashed_and_job_verifies failed: {e}");
	}
}

async fn engine_down_scenario(
	engine_slot: &mut Option<EngineProcess>,
	validator: &mut NodeProcess,
	charlie_node: &mut NodeProcess,
	dave_node: &mut NodeProcess,
) -> TestResult {
	let sample = bundled_samples(1)?.into_iter().next().ok_or("no bundled model")?;
	let requester = dev::ferdie();
	let (bob, charlie, dave) = bob_charlie_dave();

	// 1. One honest engine for Bob and Charlie; Dave's engine URL is a closed port.
	let engine = EngineProcess::start("honest").await?;
	let engine_url = engine.url();
	*engine_slot = Some(engine);
	let bootnode = start_validator(validator, &["//Bob//infr"], engine_url.clone()).await?;
	start_operator_node(charlie_node, "//Charlie//infr", &bootnode, engine_url).await?;
	start_operator_node(dave_node, "//Dave//infr", &bootnode, closed_engine_url()).await?;
	wait_network(validator, &mut [&mut *charlie_node, &mut *dave_node]).await?;
	let chain = Chain::of(validator).await?;
	check_dev_genesis(&chain, &bundled_samples(0)?).await?;
	let mut events = event_log(&chain.api, finalized_number(&chain.api).await? + 1);

	// 2. Submit; Bob and Charlie commit, Dave cannot.
	let sub = submit_job(&chain.api, &requester, &sample, MAX_FEE, SUBMIT_TIMEOUT).await?;
	let job_id = sub.job;
	eprintln!(
		"[e2e_faults] engine down: job #{job_id} ({}) submitted in #{}, commit deadline #{}",
		sample.name, sub.block, sub.commit_deadline
	);
	let (charlie_commit, ()) = events
		.wait_for("Charlie's commitment", commit_of(job_id, charlie.clone()), COMMIT_TIMEOUT)
		.await?;

	// 3. Charlie's node crashes right after its commitment is final, and comes back on the
	//    same base path (same keystore, same off-chain storage holding the salt).
	charlie_node.kill();
	eprintln!("[e2e_faults] engine down: Charlie committed in #{charlie_commit}; killed its node");
	charlie_node.restart()?;
	charlie_node.wait_rpc_ready(READY_TIMEOUT).await?;
	let head = finalized_number(&chain.api).await?;
	eprintln!(
		"[e2e_faults] engine down: Charlie's node restarted at the validator's finalized #{head}"
	);
	assert!(
		head < u64::from(sub.commit_deadline),
		"Charlie's node must be back before the commit deadline #{} (finalized #{head})",
		sub.commit_deadline
	);
	let (bob_commit, ()) = events
		.wait_for("Bob's commitment", commit_of(job_id, bob.clone()), COMMIT_TIMEOUT)
		.await?;

	// 4. The reveal phase opens only at the commit deadline (Dave never commits).
	let (opened_at, reveal_deadline) = events
		.wait_for(
			"Jobs::RevealOpened",
			|e| match e {
				RuntimeEvent::Jobs(pallet_jobs::Event::RevealOpened { job, reveal_deadline })
					if *job == job_id =>
					Some(*reveal_deadline),
				_ => None,
			},
			VERDICT_TIMEOUT,
		)
		.await?;
	assert_eq!(
		opened_at,
		u64::from(sub.commit_deadline),
		"the reveal phase opens at the commit deadline, not earlier"
	);
	assert!(
		events.find(commit_of(job_id, dave.clone())).is_empty(),
		"Dave cannot commit without an engine"
	);

	// 5. Both committers reveal, Charlie from its restarted node; the verdict follows.
	let (verdict_block, verdict) =
		events.wait_for("Settlement::Verdict", verdict_of(job_id), VERDICT_TIMEOUT).await?;
	let reveals = events.find(reveal_of(job_id));
	let reveal_block =
		|id: &AccountId| reveals.iter().find(|(_, operator)| operator == id).map(|(n, _)| *n);
	let bob_reveal = reveal_block(&bob).ok_or("Bob did not reveal")?;
	let charlie_reveal = reveal_block(&charlie).ok_or("Charlie did not reveal after its restart")?;
	assert!(reveal_block(&dave).is_none(), "Dave has nothing to reveal");
	assert!(bob_reveal >= opened_at && charlie_reveal >= opened_at, "reveals after the opening");
	assert!(verdict_block < u64::from(reveal_deadline), "verdict before the reveal deadline");
	eprintln!(
		"[e2e_faults] engine down: commits Bob #{bob_commit} Charlie #{charlie_commit}, reveal opened #{opened_at}, \
		 reveals Bob #{bob_reveal} Charlie #{charlie_reveal}, verdict {:?} in #{verdict_block} ({} blocks after submission)",
		verdict.0,
		verdict_block - sub.block
	);

	check_verified_with_dave_slashed(
		&chain,
		&events,
		&sample,
		&requester,
		&sub,
		verdict_block,
		&verdict,
		MISS_SLASH_PERCENT,
		SlashReason::MissedCommit(job_id),
		AssignmentOutcome::MissedCommit,
	)
	.await?;
	Ok(())
}

/// Proves that a missing engine costs only its operator and that a crash between commit and
/// reveal loses nothing: Alice's validator runs Bob's worker, a second node Charlie's (honest
/// engine), a third Dave's with the engine URL on a closed port. Bob and Charlie commit, Dave
/// cannot, so the reveal phase opens exactly at the commit deadline. Charlie's node is killed
/// as soon as its commitment is final and restarted on the same base path; it still reveals
/// from its persisted salt. The job is Verified by Bob and Charlie; Dave gets a 1% miss slash
/// and a Missed reputation event, and his share is refunded to the requester.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn engine_down_misses_and_restart_still_reveals() {
	let mut engine = None;
	let mut validator = NodeProcess::new("alice").expect("temp folder");
	let mut charlie_node = NodeProcess::new("charlie-op").expect("temp folder");
	let mut dave_node = NodeProcess::new("dave-op").expect("temp folder");
	if let Err(e) =
		engine_down_scenario(&mut engine, &mut validator, &mut charlie_node, &mut dave_node).await
	{
		panic!("engine_down_misses_and_restart_still_reveals failed: {e}");
	}
}
