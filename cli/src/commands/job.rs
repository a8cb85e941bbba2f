//! `verinfer job ...`: submit a job and follow it to its verdict, show and list jobs.

use super::{ss58, Ctx};
use crate::{
	cli::{JobCommand, JobList, JobSubmit},
	error::JobNotVerified,
	keys, output,
	query::{self, JobsOf},
	tensor,
};
use anyhow::{anyhow, bail, Context, Result};
use codec::Encode;
use serde_json::json;
use std::time::{Duration, Instant};
use subxt::{client::OnlineClientAtBlock, utils::H256, PolkadotConfig};
use verinfer_client::{JobEntry, Scale};
use verinfer_primitives::{JobId, JobPhase, JobPolicy};

/// Runs one job command.
pub async fn run(ctx: &Ctx, cmd: JobCommand) -> Result<()> {
	match cmd {
		JobCommand::Submit(args) => submit(ctx, args).await,
		JobCommand::Show { id } => show(ctx, id).await,
		JobCommand::List(args) => list(ctx, args).await,
	}
}

/// `job show`: the job in full; once its details were pruned, its compact record, and the full
/// record read at the last block that holds it when the node is an archive node (checked
/// against the compact record's hash).
async fn show(ctx: &Ctx, id: JobId) -> Result<()> {
	let entry =
		query::job_entry(&ctx.chain, id, None).await?.ok_or_else(|| anyhow!("no job {id}"))?;
	let (pruned, full_record_at) = match entry {
		JobEntry::Full(job) => {
			if ctx.json {
				output::print_json(&job);
			} else {
				output::print_job(&ctx.chain.token, &job);
			}
			return Ok(());
		}
		JobEntry::Pruned { pruned, full_record_at } => (pruned, full_record_at),
	};
	let archived = query::archived_job(&ctx.chain, id, full_record_at).await?;
	if let Some(full) = &archived {
		let hash = full.record_hash();
		if hash != pruned.record_hash {
			bail!(
				"the record of job {id} at block #{full_record_at} hashes to {hash:?}, not to the \
				 compact record's {:?}",
				pruned.record_hash
			);
		}
	}
	if ctx.json {
		output::print_json(&json!({
			"pruned": pruned,
			"fullRecordAt": full_record_at,
			"fullRecord": archived,
		}));
		return Ok(());
	}
	match &archived {
		Some(full) => {
			output::print_job(&ctx.chain.token, full);
			println!(
				"  pruned         in block #{}; this record was read at block #{full_record_at} \
				 (archive node) and hashes to the compact record's {:?}",
				pruned.pruned_at, pruned.record_hash
			);
		}
		None => output::print_pruned(&ctx.chain.token, &pruned, full_record_at),
	}
	Ok(())
}

async fn list(ctx: &Ctx, a: JobList) -> Result<()> {
	let of = if let Some(r) = &a.requester {
		JobsOf::Requester(keys::parse_account(r)?)
	} else if let Some(o) = &a.operator {
		JobsOf::Operator(keys::parse_account(o)?)
	} else if let Some(t) = &a.agent {
		JobsOf::Agent(keys::parse_agent(t, ctx.me().as_ref())?)
	} else {
		JobsOf::Requester(ctx.account_or_me(None, "--requester, --operator or --agent")?)
	};
	let page = query::jobs(&ctx.chain, &of, a.start, a.limit).await?;
	if ctx.json {
		output::print_json(&page);
		return Ok(());
	}
	let token = &ctx.chain.token;
	println!("{} jobs in total", page.total);
	for entry in &page.jobs {
		match entry {
			JobEntry::Full(j) => println!(
				"{:>6}  {:<10} model {:?}  submitted {}  quote {}  {}",
				j.id,
				j.status.to_string(),
				j.model,
				output::block(Some(j.submitted_at)),
				token.format(j.quote.total),
				j.result.as_ref().map(tensor::describe_with_shape).unwrap_or_default()
			),
			JobEntry::Pruned { pruned: j, .. } => println!(
				"{:>6}  {:<10} model {:?}  submitted {}  pruned in {}; result hash {}",
				j.id,
				j.outcome.to_string(),
				j.model,
				output::block(Some(j.submitted_at)),
				output::block(Some(j.pruned_at)),
				output::hash(j.result_hash)
			),
		}
	}
	if let Some(next) = page.next {
		println!("older jobs: add --start {next}");
	}
	Ok(())
}

async fn submit(ctx: &Ctx, a: JobSubmit) -> Result<()> {
	ctx.signer()?;
	let token = &ctx.chain.token;
	let model = query::resolve_model(&ctx.chain, &a.model).await?;
	let name = String::from_utf8_lossy(&model.name).into_owned();
	let spec = &model.input;
	let input = match (&a.input, &a.input_file) {
		(Some(list), _) => tensor::parse_input_list(list, spec, a.real),
		(None, Some(path)) => {
			let text = std::fs::read_to_string(path)
				.with_context(|| format!("cannot read the input file {}", path.display()))?;
			tensor::parse_input_json(&text, spec)
		}
		(None, None) => bail!("give the input with --input or --input-file"),
	}
	.with_context(|| format!("model {name} takes {}", tensor::describe_spec(spec)))?;

	let policy = match (a.k, a.q) {
		(None, None) => None,
		(k, q) => {
			let k = k.unwrap_or(model.k);
			Some(JobPolicy { k, q: q.unwrap_or((k / 2 + 1).max(model.q)) })
		}
	};
	let k = policy.map_or(model.k, |p| p.k);
	let me = ctx.me();
	let agent = a.agent.as_deref().map(|t| keys::parse_agent(t, me.as_ref())).transpose()?;
	let quoted = query::quote(&ctx.chain, model.id, input.encoded_size() as u32, k).await?;
	let quote = quoted.quote;
	let max_fee = match &a.max_fee {
		Some(m) => token.parse(m).context("--max-fee")?,
		None => quote.total,
	};
	ctx.progress.line(&format!(
		"model {name} ({:?}), input {}",
		model.id,
		tensor::describe(&input)
	));
	ctx.progress.line(&format!(
		"quote {} for k = {k} (per operator {}, royalty {}, protocol fee {}); max fee {}",
		token.format(quote.total),
		token.format(quote.per_operator),
		token.format(quote.royalty),
		token.format(quote.protocol_fee),
		token.format(max_fee)
	));
	ctx.progress.line(&format!(
		"storage {}",
		output::storage_line(token, &quoted.storage, Some(quoted.retention))
	));

	let tx = ctx
		.submit(
			"Jobs",
			"submit_job",
			(model.id, Scale(input.clone()), max_fee, policy.map(Scale), agent),
		)
		.await?;
	let submitted = tx
		.event("Jobs", "JobSubmitted")
		.ok_or_else(|| anyhow!("submit_job succeeded but emitted no JobSubmitted event"))?;
	let id = submitted.fields["job"]
		.as_u64()
		.ok_or_else(|| anyhow!("JobSubmitted without a job id: {}", submitted.fields))?;
	// The operators are drawn at the end of the including block: its state has them.
	let operators: Vec<String> = query::job(&ctx.chain, id, Some(tx.block_hash))
		.await?
		.map(|job| job.assignments.iter().map(|a| a.operator.to_string()).collect())
		.unwrap_or_default();
	let commit_deadline = submitted.fields["commit_deadline"].clone();

	if a.no_wait {
		if ctx.json {
			output::print_json(&json!({
				"job": id,
				"blockNumber": tx.block_number,
				"blockHash": tx.block_hash,
				"operators": operators,
				"commitDeadline": commit_deadline,
				"quote": submitted.fields["quote"],
				"tx": tx,
			}));
		} else {
			println!("job {id} submitted in block #{} ({:?})", tx.block_number, tx.block_hash);
			println!("  operators      {}", operators.join(", "));
			println!("  commit before  #{commit_deadline}");
			println!("  follow it with `verinfer job show {id}`");
		}
		return Ok(());
	}

	ctx.progress.line(&format!(
		"job {id} submitted in block #{}; operators {}; commit deadline #{commit_deadline}",
		tx.block_number,
		operators.join(", ")
	));
	let (phase, final_block) =
		follow(ctx, id, tx.block_number + 1, Duration::from_secs(a.timeout)).await?;
	let record = query::job(&ctx.chain, id, Some(final_block))
		.await?
		.ok_or_else(|| anyhow!("job {id} vanished"))?;
	if let Some(result) = &record.result {
		let local = H256(result.canonical_hash());
		if record.result_hash != Some(local) {
			bail!(
				"the chain's result hash {} does not match its result ({local:?})",
				output::hash(record.result_hash)
			);
		}
	}
	if ctx.json {
		output::print_json(&json!({
			"job": id,
			"status": record.status,
			"result": record.result,
			"resultReal": record.result.as_ref().map(tensor::dequantized),
			"record": record,
		}));
	} else {
		output::print_job(token, &record);
	}
	if phase != JobPhase::Verified {
		return Err(JobNotVerified { job: id, outcome: format!("{phase:?}") }.into());
	}
	Ok(())
}

/// Follows job `id` block by block from block `from` until it is final; returns its final
/// phase and the block at which it was seen final.
async fn follow(ctx: &Ctx, id: JobId, from: u64, timeout: Duration) -> Result<(JobPhase, H256)> {
	let started = Instant::now();
	let mut blocks =
		ctx.chain.api.stream_best_blocks().await.context("cannot follow new blocks")?;
	let mut last_status = String::new();
	let best = ctx.chain.at_best().await?;
	// Blocks between the job's inclusion and now (the submission waited for finality).
	for n in from..best.block_number() {
		if let Ok(at) = ctx.chain.api.at_block(n).await {
			let _ = report_events(ctx, &at, id).await;
		}
	}
	let mut reported = from.saturating_sub(1).max(best.block_number().saturating_sub(1));
	let mut check = Some(best.block_hash());
	loop {
		if let Some(hash) = check.take() {
			let at = ctx.chain.at(hash).await?;
			let number = at.block_number();
			if number > reported {
				if let Err(e) = report_events(ctx, &at, id).await {
					ctx.progress
						.line(&format!("(cannot read the events of block #{number}: {e:#})"));
				}
				reported = number;
			}
			let job =
				query::job(&ctx.chain, id, Some(hash)).await?.ok_or_else(|| anyhow!("no job {id}"))?;
			let k = job.k;
			let deadline = match job.status {
				JobPhase::Assigned | JobPhase::Committing => {
					format!(", commit deadline #{}", job.commit_deadline)
				}
				JobPhase::Revealing => job
					.reveal_deadline
					.map(|d| format!(", reveal deadline #{d}"))
					.unwrap_or_default(),
				_ => String::new(),
			};
			let commitments = job.assignments.iter().filter(|a| a.commitment.is_some()).count();
			let reveals = job.assignments.iter().filter(|a| a.revealed_at.is_some()).count();
			let state = format!(
				"job {id} {:?}, {commitments}/{k} committed, {reveals}/{k} revealed{deadline}",
				job.status
			);
			// A terminal shows the block count ticking; a log gets a line per change.
			if state != last_status || ctx.progress.is_tty() {
				ctx.progress.status(&format!("block #{number}: {state}"));
				last_status = state;
			}
			if job.status.is_final() {
				ctx.progress.end_status();
				return Ok((job.status, hash));
			}
		}
		let left = timeout.checked_sub(started.elapsed()).unwrap_or_default();
		if left.is_zero() {
			ctx.progress.end_status();
			return Err(JobNotVerified {
				job: id,
				outcome: format!(
					"still open after {}s (see `verinfer job show {id}`)",
					timeout.as_secs()
				),
			}
			.into());
		}
		match tokio::time::timeout(left, blocks.next()).await {
			Ok(Some(Ok(block))) => check = Some(block.hash()),
			Ok(Some(Err(e))) => bail!("lost the block stream: {e}"),
			Ok(None) => {
				ctx.progress.line("(block stream ended; re-subscribing)");
				blocks = ctx.chain.api.stream_best_blocks().await?;
			}
			Err(_) => {}
		}
	}
}

/// Prints the events of this job in one block (commits, reveals, verdict) as progress lines.
async fn report_events(
	ctx: &Ctx,
	at: &OnlineClientAtBlock<PolkadotConfig>,
	id: JobId,
) -> Result<()> {
	let events = at.events().fetch().await?;
	let metadata = at.metadata();
	for event in events.iter() {
		let event = event?;
		let interesting = matches!(
			(event.pallet_name(), event.event_name()),
			("Settlement", _) | ("Jobs", "RevealOpened")
		);
		if !interesting {
			continue;
		}
		let Some(fields) = output::event_fields_json(
			&metadata,
			event.pallet_name(),
			event.event_index(),
			event.field_bytes(),
		) else {
			continue;
		};
		if fields["job"].as_u64() != Some(id) {
			continue;
		}
		let who = fields.get("operator").map(ss58).unwrap_or_default();
		let line = match event.event_name() {
			"Committed" => format!("  #{} {who} committed", at.block_number()),
			"Revealed" => format!(
				"  #{} {who} revealed output {}",
				at.block_number(),
				fields["output_hash"].as_str().unwrap_or("?")
			),
			"RevealOpened" => format!(
				"  #{} reveal phase open until #{}",
				at.block_number(),
				fields["reveal_deadline"]
			),
			"Verdict" => format!(
				"  #{} verdict {}: {} agreeing",
				at.block_number(),
				fields["phase"].as_str().unwrap_or("?"),
				fields["agreeing"]
			),
			other => format!("  #{} {other}", at.block_number()),
		};
		ctx.progress.end_status();
		ctx.progress.line(&line);
	}
	Ok(())
}
