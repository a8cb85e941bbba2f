//! `verinfer operator ...`: the `Operators` pallet's calls and an operator's record.

use super::Ctx;
use crate::{cli::OperatorCommand, keys, output, query, types::OperatorStatus};
use anyhow::{anyhow, Result};
use subxt::utils::H256;

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
			let at = ctx.chain.at_best().await?;
			let mut ids: Vec<H256> = Vec::new();
			for m in &models {
				ids.push(query::resolve_model(&at, m).await?.id);
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
	let at = ctx.chain.at_best().await?;
	let Some(op) = query::operator(&at, &who).await? else {
		return Err(anyhow!("{who} is not a registered operator"));
	};
	let reputation = query::reputation_json(&ctx.chain, &who).await?;
	if ctx.json {
		let mut v = crate::json::operator(&op);
		v["reputation"] = reputation;
		output::print_json(&v);
		return Ok(());
	}
	let token = &ctx.chain.token;
	let i = &op.info;
	let status = match i.status {
		OperatorStatus::Online => "Online",
		OperatorStatus::Offline => "Offline",
		OperatorStatus::Leaving => "Leaving",
	};
	println!("Operator {who}");
	println!("  status         {status}");
	println!("  infr key       0x{}", hex::encode(i.key));
	println!("  active bond    {}", token.format(i.ledger.active));
	for chunk in &i.ledger.unlocking {
		println!(
			"  unbonding      {} (withdrawable from #{})",
			token.format(chunk.value),
			chunk.unlock_at
		);
	}
	println!("  open jobs      {}", i.open_jobs);
	println!("  registered     #{}", i.registered_at);
	if !i.metadata.is_empty() {
		println!("  metadata       {}", String::from_utf8_lossy(&i.metadata));
	}
	if i.models.is_empty() {
		println!("  models         none (declare them with `verinfer operator serve MODEL...`)");
	} else {
		println!("  models");
		for id in &i.models {
			let name = query::model(&at, *id)
				.await?
				.map(|m| String::from_utf8_lossy(&m.info.name).into_owned())
				.unwrap_or_default();
			println!("    {id:?}  {name}");
		}
	}
	print!("  reputation     ");
	output::print_reputation(token, &reputation);
	Ok(())
}
