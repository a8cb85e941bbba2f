//! `verinfer job ...`: submit a job and follow it to its verdict, show and list jobs.

use super::{ss58, Ctx};
use crate::{
	cli::{JobCommand, JobList, JobSubmit},
	error::JobNotVerified,
	keys, output,
	query::{self, JobsOf},
	tensor::{self, Tensor},
	types::{JobPhase, JobPolicy},
};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value as Json};
use std::time::{Duration, Instant};
use subxt::utils::H256;

/// Runs one job command.
pub async fn run(ctx: &Ctx, cmd: JobCommand) -> Result<()> {
	match cmd {
		JobCommand::Submit(args) => submit(ctx, args).await,
		JobCommand::Show { id } => {
			let job = query::job_json(&ctx.chain, id, None)
				.await?
				.ok_or_else(|| anyhow!("no job {id}"))?;
			if ctx.json {
				output::print_json(&job);
			} else {
				output::print_job(&ctx.chain.token, &job);
			}
			Ok(())
		}
		JobCommand::List(args) => list(ctx, args).await,
	}
}

async fn list(ctx: &Ctx, a: JobList) -> Result<()> {
	let of = if let Some(r) = &a.requester {
		JobsOf::Requester(keys::parse_account(r)?)
	} else if let Some(o) = &a.operator {
		JobsOf::Operator(keys::parse_account(o)?)
	} else if let Some(t) = &a.agent {
		JobsOf::Agent(keys::parse_agent(t)?)
	} else {
		JobsOf::Requester(ctx.account_or_me(None, "--requester, --operator or --agent")?)
	};
	let page = query::jobs_page(&ctx.chain, &of, a.start, a.limit).await?;
	if ctx.json {
		output::print_json(&page);
		return Ok(());
	}
	let list = output::field(&page, "jobs").and_then(Json::as_array).cloned().unwrap_or_default();
	let token = &ctx.chain.token;
	println!("{} jobs in total", output::text(&page, "total"));
	for j in &list {
		let quote = output::field(j, "quote").cloned().unwrap_or(Json::Null);
		let result = match output::field(j, "result") {
			Some(r) if !r.is_null() => output::tensor(r),
			_ => String::new(),
		};
		println!(
			"{:>6}  {:<10} model {}  submitted {}  quote {}  {}",
			output::text(j, "id"),
			output::text(j, "status"),
			output::text(j, "model"),
			output::block(j, "submitted_at"),
			output::balance(token, &quote, "total"),
			result
		);
	}
	if let Some(next) = output::field(&page, "next").filter(|n| !n.is_null()) {
		println!("older jobs: add --start {next}");
	}
	Ok(())
}

async fn submit(ctx: &Ctx, a: JobSubmit) -> Result<()> {
	ctx.signer()?;
	let token = &ctx.chain.token;
	let at = ctx.chain.at_best().await?;
	let model = query::resolve_model(&at, &a.model).await?;
	let spec = &model.info.input;
	let input = match (&a.input, &a.input_file) {
		(Some(list), _) => tensor::parse_input_list(list, spec, a.real),
		(None, Some(path)) => {
			let text = std::fs::read_to_string(path)
				.with_context(|| format!("cannot read the input file {}", path.display()))?;
			tensor::parse_input_json(&text, spec)
		}
		(None, None) => bail!("give the input with --input or --input-file"),
	}
	.with_context(|| {
		format!("model {} takes {}", String::from_utf8_lossy(&model.info.name), spec.describe())
	})?;

	let default = model.info.policy;
	let policy = match (a.k, a.q) {
		(None, None) => None,
		(k, q) => {
			let k = k.unwrap_or(default.k);
			Some(JobPolicy { k, q: q.unwrap_or((k / 2 + 1).max(default.q)) })
		}
	};
	let k = policy.map_or(default.k, |p| p.k);
	let agent = a.agent.as_deref().map(keys::parse_agent).transpose()?;
	let quote = query::quote(&ctx.chain, &at, &model, &input, k).await?;
	let max_fee = match &a.max_fee {
		Some(m) => token.parse(m).context("--max-fee")?,
		None => quote.total,
	};
	ctx.progress.line(&format!(
		"model {} ({:?}), input {}",
		String::from_utf8_lossy(&model.info.name),
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

	let tx =
		ctx.submit("Jobs", "submit_job", (model.id, input.clone(), max_fee, policy, agent)).await?;
	let submitted = tx
		.event("Jobs", "JobSubmitted")
		.ok_or_else(|| anyhow!("submit_job succeeded but emitted no JobSubmitted event"))?;
	let id = submitted.fields["job"]
		.as_u64()
		.ok_or_else(|| anyhow!("JobSubmitted without a job id: {}", submitted.fields))?;
	let operators: Vec<String> = submitted.fields["operators"]
		.as_array()
		.map(|ops| ops.iter().map(ss58).collect())
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
	let record = query::job_json(&ctx.chain, id, Some(final_block))
		.await?
		.ok_or_else(|| anyhow!("job {id} vanished"))?;
	let result: Option<Tensor> = output::field(&record, "result")
		.filter(|r| !r.is_null())
		.and_then(|r| serde_json::from_value(r.clone()).ok());
	if let Some(result) = &result {
		let chain_hash = output::text(&record, "result_hash");
		let local = format!("{:?}", H256(result.canonical_hash()));
		if chain_hash != local {
			bail!("the chain's result hash {chain_hash} does not match its result ({local})");
		}
	}
	if ctx.json {
		let real = result.as_ref().map(|r| r.dequantized());
		output::print_json(&json!({
			"job": id,
			"status": record["status"],
			"result": result,
			"resultReal": real,
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
async fn follow(ctx: &Ctx, id: u64, from: u64, timeout: Duration) -> Result<(JobPhase, H256)> {
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
			let info = query::job_info(&at, id).await?.ok_or_else(|| anyhow!("no job {id}"))?;
			let k = info.policy.k;
			let deadline = match info.phase {
				JobPhase::Assigned | JobPhase::Committing => {
					format!(", commit deadline #{}", info.commit_deadline)
				}
				JobPhase::Revealing => info
					.reveal_deadline
					.map(|d| format!(", reveal deadline #{d}"))
					.unwrap_or_default(),
				_ => String::new(),
			};
			let state = format!(
				"job {id} {:?}, {}/{k} committed, {}/{k} revealed{deadline}",
				info.phase,
				info.commitments(),
				info.reveals()
			);
			// A terminal shows the block count ticking; a log gets a line per change.
			if state != last_status || ctx.progress.is_tty() {
				ctx.progress.status(&format!("block #{number}: {state}"));
				last_status = state;
			}
			if info.phase.is_final() {
				ctx.progress.end_status();
				return Ok((info.phase, hash));
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
async fn report_events(ctx: &Ctx, at: &query::At, id: u64) -> Result<()> {
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
