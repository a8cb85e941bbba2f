//! `verinfer reputation ...`: scores and counters of operators.

use super::Ctx;
use crate::{cli::ReputationCommand, keys, output, query};
use anyhow::Result;

/// Runs one reputation command.
pub async fn run(ctx: &Ctx, cmd: ReputationCommand) -> Result<()> {
	match cmd {
		ReputationCommand::Show { account } => {
			let who = keys::parse_account(&account)?;
			let r = query::reputation_json(&ctx.chain, &who).await?;
			if ctx.json {
				output::print_json(&r);
			} else {
				output::print_reputation(&ctx.chain.token, &r);
			}
		}
		ReputationCommand::Top { limit, model } => {
			let model = match model {
				Some(m) => {
					let at = ctx.chain.at_best().await?;
					Some(query::resolve_model(&at, &m).await?.id)
				}
				None => None,
			};
			let top = query::reputation_top_json(&ctx.chain, limit, model).await?;
			if ctx.json {
				output::print_json(&top);
			} else {
				let list = top.as_array().cloned().unwrap_or_default();
				if list.is_empty() {
					println!("no operators");
				}
				for (rank, r) in list.iter().enumerate() {
					print!("{:>3}. ", rank + 1);
					output::print_reputation(&ctx.chain.token, r);
				}
			}
		}
	}
	Ok(())
}
