//! `verinfer operator ...`: the `Operators` pallet's calls and an operator's record.

use super::Ctx;
use crate::{cli::OperatorCommand, keys, output, query};
use anyhow::{anyhow, Result};
use serde::Serialize;
use verinfer_client::{Operator, Reputation};

/// What `operator info --json` prints: the operator as `inference_operator` answers it, with its
/// reputation as `reputation_operator` does.
#[derive(Serialize)]
struct OperatorInfo<'a> {
	#[serde(flatten)]
	operator: &'a Operator,
	reputation: &'a Reputation,
}

/// Runs one operator command.
pub async fn run(ctx: &Ctx, cmd: OperatorCommand) -> Result<()> {
	let token = &ctx.chain.token;
	let tx = match cmd {
		OperatorCommand::Register { bond, key, key_proof, metadata } => {
			let bond = token.parse(&bond).map_err(|e| anyhow!("--bond: {e}"))?;
			let owner = keys::account_of(ctx.signer()?);
			let (key, proof) = keys::key_with_proof(&key, key_proof.as_deref(), &owner)?;
			ctx.submit("Operators", "register", (bond, key, proof, metadata.into_bytes())).await?
		}
		OperatorCommand::Bond { amount } => {
			let amount = token.parse(&amount)?;
			ctx.submit("Operators", "bond_extra", (amount,)).await?
		}
		OperatorCommand::Unbond { amount } => {
			let amount = token.parse(&amount)?;
			ctx.submit("Operators", "unbond", (amount,)).await?
		}
		OperatorCommand::Withdraw => ctx.submit("Operators", "withdraw_unbonded", ()).await?,
		OperatorCommand::Serve { models } => {
			let mut ids = Vec::new();
			for m in &models {
				ids.push(query::resolve_model(&ctx.chain, m).await?.id);
			}
			ctx.submit("Operators", "serve", (ids,)).await?
		}
		OperatorCommand::Online => ctx.submit("Operators", "go_online", ()).await?,
		OperatorCommand::Offline => ctx.submit("Operators", "go_offline", ()).await?,
		OperatorCommand::Deregister => ctx.submit("Operators", "deregister", ()).await?,
		OperatorCommand::Info { account } => return info(ctx, account.as_deref()).await,
	};
	ctx.print_tx(&tx);
	Ok(())
}

async fn info(ctx: &Ctx, account: Option<&str>) -> Result<()> {
	let who = ctx.account_or_me(account, "operator")?;
	let Some(op) = query::operator(&ctx.chain, &who).await? else {
		return Err(anyhow!("{who} is not a registered operator"));
	};
	let reputation = query::reputation(&ctx.chain, &who).await?;
	if ctx.json {
		output::print_json(&OperatorInfo { operator: &op, reputation: &reputation });
		return Ok(());
	}
	let token = &ctx.chain.token;
	println!("Operator {who}");
	println!("  status         {:?}", op.status);
	println!("  infr key       {:?}", op.key);
	println!("  active bond    {}", token.format(op.active_bond));
	for chunk in &op.unbonding {
		println!(
			"  unbonding      {} (withdrawable from #{})",
			token.format(chunk.value),
			chunk.unlock_at
		);
	}
	println!("  open jobs      {}", op.open_jobs);
	println!("  registered     #{}", op.registered_at);
	if !op.metadata.is_empty() {
		println!("  metadata       {}", String::from_utf8_lossy(&op.metadata));
	}
	if op.models.is_empty() {
		println!("  models         none (declare them with `verinfer operator serve MODEL...`)");
	} else {
		let models = query::models(&ctx.chain).await?;
		println!("  models");
		for id in &op.models {
			let name = models
				.iter()
				.find(|m| m.id == *id)
				.map(|m| String::from_utf8_lossy(&m.name).into_owned())
				.unwrap_or_default();
			println!("    {id:?}  {name}");
		}
	}
	print!("  reputation     ");
	output::print_reputation(token, &reputation);
	Ok(())
}
