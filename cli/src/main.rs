//! `verinfer`: the Verinfer wallet command line.
//!
//! Everything it sends is a plain extrinsic built at run time from the node's metadata (subxt's
//! dynamic API), so it follows the runtime without regenerated code; arguments of the runtime's
//! own types (tensors, specs, fees, policies) go in their SCALE encoding, checked against the
//! metadata. Everything it reads comes from the node's `inference_*` and `reputation_*` methods,
//! typed by `verinfer-rpc-api`, and `--json` prints their answers as they are. See
//! `docs/cli.md`.

mod chain;
mod cli;
mod commands;
mod error;
mod keys;
mod output;
mod query;
mod tensor;
mod units;

use clap::Parser;
use cli::{Cli, Command};
use commands::Ctx;
use output::Progress;

async fn run(cli: Cli) -> anyhow::Result<()> {
	let signer = keys::signer(cli.global.suri.as_deref(), cli.global.key_file.as_deref())?;
	let chain = chain::Chain::connect(&cli.global.url).await?;
	let ctx =
		Ctx { chain, signer, json: cli.global.json, progress: Progress::new(cli.global.json) };
	match cli.command {
		Command::Operator(cmd) => commands::operator::run(&ctx, cmd).await,
		Command::Model(cmd) => commands::model::run(&ctx, cmd).await,
		Command::Job(cmd) => commands::job::run(&ctx, cmd).await,
		Command::Reputation(cmd) => commands::reputation::run(&ctx, cmd).await,
		Command::Agent(cmd) => commands::agent::run(&ctx, cmd).await,
	}
}

fn main() {
	let cli = Cli::parse();
	let json = cli.global.json;
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(rt) => rt,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			std::process::exit(1);
		}
	};
	let result = runtime.block_on(run(cli));
	// Background tasks of the RPC client must not keep the process alive.
	runtime.shutdown_timeout(std::time::Duration::from_millis(200));
	if let Err(e) = result {
		let (code, as_json) = error::classify(&e);
		if json {
			eprintln!("{as_json}");
		} else {
			eprintln!("error: {e:#}");
		}
		std::process::exit(code);
	}
}
