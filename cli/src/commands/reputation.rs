//! `verinfer reputation ...`: scores and counters of operators.

use super::Ctx;
use crate::{cli::ReputationCommand, keys, output, query};
use anyhow::Result;

/// Runs one reputation command.
pub async fn run(ctx: &Ctx, cmd: ReputationCommand) -> Result<()> {
	match cmd {
		ReputationCommand::Show { account } => {
			let who = keys::parse_account(&account)?;
			let r = query::reputation(&ctx.chain, &who).await?;
			if ctx.json {
				output::print_json(&r);
			} else {
				output::print_reputation(&ctx.chain.token, &r);
			}
		}
		ReputationCommand::Top { limit, model } => {
			let model = match model {
				Some(m) => Some(query::resolve_model(&ctx.chain, &m).await?.id),
				None => None,
			};
			let top = query::top(&ctx.chain, limit, model).await?;
			if ctx.json {
				output::print_json(&top);
			} else {
				if top.is_empty() {
					println!("no operators");
				}
				for (rank, r) in top.iter().enumerate() {
					print!("{:>3}. ", rank + 1);
					output::print_reputation(&ctx.chain.token, r);
				}
			}
		}
	}
	Ok(())
}
