//! End-to-end bounded state: on the `dev` chain with the retention period shortened by sudo, a
//! verified job is read in full, pruned to its compact record at the end of the period, read as
//! compact from a node that prunes old state and in full, at the last block that held it, from
//! an archive node, whose record hashes to what the chain kept; `verinfer job show` follows the
//! archive node there by itself.

use crate::harness::{
	account, block_hash, bundled_samples, event_log, finalized_number, run_captured, submit_job,
	verdict_of, workspace_bin, Chain, EngineProcess, InferenceApiClient, NodeProcess,
	RuntimeEvent, Scale, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT, UNITS,
};
use std::{process::Command, time::Duration};
use subxt_signer::sr25519::dev;
use verinfer_client::JobEntry;
use verinfer_primitives::JobPhase;
use verinfer_runtime::RuntimeCall;

const CHAIN: &str = "dev";
/// The retention period the test sets: pruning comes 8 blocks after the verdict.
const RETENTION: u32 = 8;
/// Blocks of state the pruned node keeps (`--state-pruning`).
const KEPT_STATES: u64 = 16;
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(120);
const VERDICT_TIMEOUT: Duration = Duration::from_secs(240);
/// The retention period and some blocks more.
const PRUNE_TIMEOUT: Duration = Duration::from_secs(120);
const MAX_FEE: u128 = 10 * UNITS;

/// `verinfer --url <url> --json job show <id>`: its JSON output.
fn cli_job_show(url: &str, id: u64) -> TestResult<serde_json::Value> {
	let what = format!("`verinfer --url {url} --json job show {id}`");
	let mut cmd = Command::new(workspace_bin("verinfer"));
	cmd.args(["--url", url, "--json", "job", "show", &id.to_string()]);
	let out = run_captured(&mut cmd, &what, Duration::from_secs(60))?;
	Ok(serde_json::from_str(&out.stdout)
		.map_err(|e| format!("{what} printed no JSON ({e}): {}", out.stdout))?)
}

async fn scenario(
	engine_slot: &mut Option<EngineProcess>,
	archive: &mut NodeProcess,
	pruned: &mut NodeProcess,
) -> TestResult {
	let sample = bundled_samples(0)?.into_iter().next().ok_or("no bundled model")?;
	let engine = EngineProcess::start("honest").await?;
	let engine_url = engine.url();
	*engine_slot = Some(engine);

	// Alice validates on an archive node that runs the demo operators' workers; a second node
	// keeps only the state of its last 16 blocks.
	for seed in ["//Bob//infr", "//Charlie//infr", "//Dave//infr"] {
		archive.insert_key(CHAIN, "sr25519", seed, "infr")?;
	}
	let (secret, peer_id) = archive.generate_node_key(CHAIN)?;
	archive.start(vec![
		"--chain".into(),
		CHAIN.into(),
		"--alice".into(),
		"--validator".into(),
		"--state-pruning".into(),
		"archive".into(),
		"--node-key".into(),
		secret,
		"--inference-engine-url".into(),
		engine_url,
	])?;
	archive.wait_rpc_ready(READY_TIMEOUT).await?;
	let bootnode = archive.p2p_address(&peer_id);
	pruned.start(vec![
		"--chain".into(),
		CHAIN.into(),
		"--state-pruning".into(),
		KEPT_STATES.to_string(),
		"--bootnodes".into(),
		bootnode,
	])?;
	pruned.wait_rpc_ready(READY_TIMEOUT).await?;
	let head = archive.wait_finalized_at_least(2, FINALITY_TIMEOUT).await?;
	pruned.wait_finalized_at_least(head.number, FINALITY_TIMEOUT).await?;
	let chain = Chain::of(archive).await?;
	let pruned_chain = Chain::of(pruned).await?;
	let mut events = event_log(&chain.api, finalized_number(&chain.api).await? + 1);

	// Root shortens the retention period.
	let set = RuntimeCall::Jobs(pallet_jobs::Call::set_retention { retention: RETENTION });
	let sudo = subxt::dynamic::tx("Sudo", "sudo", (Scale(set),));
	let included: crate::harness::Included<RuntimeEvent> =
		crate::harness::send(&chain.api, &dev::alice(), &sudo, "sudo set_retention", SUBMIT_TIMEOUT)
			.await?;
	assert!(
		included.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Jobs(pallet_jobs::Event::RetentionSet { retention }) if *retention == RETENTION
		)),
		"RetentionSet in {:?}",
		included.events
	);

	// A job, verified by the demo operators and read in full.
	let requester = dev::eve();
	let sub = submit_job(&chain.api, &requester, &sample, MAX_FEE, SUBMIT_TIMEOUT).await?;
	let job_id = sub.job;
	let (verdict, (phase, _, _)) =
		events.wait_for("Settlement::Verdict", verdict_of(job_id), VERDICT_TIMEOUT).await?;
	assert_eq!(phase, JobPhase::Verified);
	let full = chain.job(verdict, job_id).await?.ok_or("no job record")?;
	assert!(full.input.is_some() && full.result.is_some(), "read in full");
	let (deposit, _) = sub.storage;
	assert_eq!(full.storage.deposit, deposit);
	eprintln!(
		"[bounded_state] job #{job_id} verified in #{verdict}; storage {:?}",
		full.storage
	);

	// Pruned exactly `RETENTION` blocks after its conclusion, its deposit released.
	let (pruned_in, released) = events
		.wait_for(
			"Jobs::JobPruned",
			|e| match e {
				RuntimeEvent::Jobs(pallet_jobs::Event::JobPruned { job, requester, released })
					if *job == job_id =>
					Some((requester.clone(), *released)),
				_ => None,
			},
			PRUNE_TIMEOUT,
		)
		.await?;
	assert_eq!(pruned_in, verdict + RETENTION as u64, "pruned at the end of the period");
	assert_eq!(released, (account(&requester), deposit), "the deposit went back");
	let before = chain.balance(pruned_in - 1, &account(&requester)).await?;
	let after = chain.balance(pruned_in, &account(&requester)).await?;
	assert_eq!(after.reserved, before.reserved - deposit);

	// The pruned node answers the compact record.
	pruned.wait_finalized_at_least(pruned_in, FINALITY_TIMEOUT).await?;
	let hash = block_hash(&pruned_chain.api, pruned_in).await?;
	let entry = InferenceApiClient::job(&pruned_chain.rpc, job_id, Some(hash))
		.await?
		.ok_or("no job on the pruned node")?;
	let JobEntry::Pruned { pruned: compact, full_record_at } = entry else {
		return Err(format!("job #{job_id} is still full at #{pruned_in}: {entry:?}").into());
	};
	assert_eq!(full_record_at as u64, pruned_in - 1);
	assert_eq!(compact.record_hash, full.record_hash(), "the compact record proves the full one");
	assert_eq!(compact.result_hash, full.result_hash);
	assert_eq!(compact.outcome, JobPhase::Verified);
	let listed = InferenceApiClient::jobs_by_requester(
		&pruned_chain.rpc,
		(&account(&requester)).into(),
		None,
		Some(1),
		Some(hash),
	)
	.await?;
	assert_eq!(listed.jobs.first().map(|j| j.id()), Some(job_id), "still indexed");

	// Once the pruned node dropped the state of that block, only the archive node has the full
	// record there, and it hashes to what the chain kept.
	let old = block_hash(&chain.api, full_record_at as u64).await?;
	pruned
		.wait_finalized_at_least(full_record_at as u64 + KEPT_STATES + 4, FINALITY_TIMEOUT)
		.await?;
	let refused = InferenceApiClient::job(&pruned_chain.rpc, job_id, Some(old)).await;
	assert!(refused.is_err(), "the pruned node has no state at #{full_record_at}: {refused:?}");
	let archived = InferenceApiClient::job(&chain.rpc, job_id, Some(old))
		.await?
		.and_then(JobEntry::into_full)
		.ok_or("the archive node has no full record at the older block")?;
	assert_eq!(archived, full);
	assert_eq!(archived.record_hash(), compact.record_hash);

	// The command line follows the archive node to the full record, and says where it is
	// when the node has it no more.
	let shown = cli_job_show(&archive.rpc_url(), job_id)?;
	assert_eq!(shown["fullRecordAt"], serde_json::json!(full_record_at));
	assert_eq!(shown["fullRecord"]["id"], serde_json::json!(job_id));
	assert_eq!(shown["fullRecord"]["result"], serde_json::to_value(&full.result)?);
	let shown = cli_job_show(&pruned.rpc_url(), job_id)?;
	assert_eq!(shown["fullRecord"], serde_json::Value::Null);
	assert_eq!(shown["pruned"]["recordHash"], serde_json::to_value(compact.record_hash)?);
	eprintln!(
		"[bounded_state] job #{job_id} pruned in #{pruned_in}; full record at #{full_record_at} from the archive node, hash {:?}",
		compact.record_hash
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_job_is_read_in_full_pruned_and_read_from_an_archive_node() {
	let mut engine = None;
	let mut archive = NodeProcess::new("alice-archive").expect("temp folder");
	let mut pruned = NodeProcess::new("pruned").expect("temp folder");
	if let Err(e) = scenario(&mut engine, &mut archive, &mut pruned).await {
		eprintln!("archive node log:\n{}", archive.log_tail(60));
		eprintln!("pruned node log:\n{}", pruned.log_tail(60));
		panic!("a_job_is_read_in_full_pruned_and_read_from_an_archive_node failed: {e}");
	}
}
