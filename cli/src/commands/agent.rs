//! `verinfer agent ...`: agents, the tags their controllers' jobs carry.

use super::Ctx;
use crate::{cli::AgentCommand, keys};
use anyhow::Result;
use verinfer_client::Scale;
use verinfer_primitives::agent_tag;

/// Runs one agent command.
pub async fn run(ctx: &Ctx, cmd: AgentCommand) -> Result<()> {
	match cmd {
		AgentCommand::Register { name, metadata } => {
			let controller = keys::account_of(ctx.signer()?);
			let tag = agent_tag(&controller, name.as_bytes());
			let tx = ctx
				.submit("Jobs", "register_agent", (name.into_bytes(), metadata.into_bytes()))
				.await?;
			ctx.print_tx(&tx);
			if !ctx.json {
				println!("agent tag {tag:?}");
			}
		},
		AgentCommand::Delegates { name, accounts } => {
			let controller = keys::account_of(ctx.signer()?);
			let tag = agent_tag(&controller, name.as_bytes());
			let accounts = accounts
				.iter()
				.map(|a| keys::parse_account(a))
				.collect::<Result<Vec<_>>>()?;
			let tx = ctx.submit("Jobs", "set_agent_delegates", (tag, Scale(accounts))).await?;
			ctx.print_tx(&tx);
		},
	}
	Ok(())
}
