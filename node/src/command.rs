//! Dispatches the command line to the node, the chain tools and the benchmarks.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
#[cfg(feature = "benchmark")]
use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
#[cfg(feature = "benchmark")]
use sp_runtime::traits::HashingFor;
use sp_runtime::traits::NumberFor;
use std::sync::Arc;
use verinfer_runtime::opaque::Block;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Verinfer Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/verinfer/verinfer/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development_chain_spec()?),
			"" | "local" => Box::new(chain_spec::local_chain_spec()?),
			path => {
				Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
			}
		})
	}
}

/// Parses the command line and runs what it asks for.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				// BABE's epoch changes and GRANDPA's authority set live in aux storage: revert
				// them together with the blocks.
				let aux_revert = Box::new(
					|client: Arc<service::FullClient>,
					 backend: Arc<service::FullBackend>,
					 blocks: NumberFor<Block>| {
						sc_consensus_babe::revert(client.clone(), backend, blocks)?;
						sc_consensus_grandpa::revert(client, blocks)?;
						Ok(())
					},
				);
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		#[cfg(not(feature = "benchmark"))]
		Some(Subcommand::Benchmark(_)) => Err("this verinfer-node was built without the \
			`benchmark` subcommands: build it with `cargo build --release -p verinfer-node \
			--features benchmark` (or run `scripts/bench.sh`, which does)"
			.into()),
		// Weights are measured on a runtime built with `runtime-benchmarks`, passed with
		// `--runtime`: no chain spec is loaded (the node may carry no runtime of its own), and
		// the pallet command adds the benchmarking host functions itself.
		#[cfg(feature = "benchmark")]
		Some(Subcommand::Benchmark(BenchmarkCmd::Pallet(cmd))) if cmd.runtime.is_some() =>
			cmd.run_with_spec::<HashingFor<Block>, ()>(None),
		#[cfg(feature = "benchmark")]
		Some(Subcommand::Benchmark(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				// With a chain spec's genesis (`--chain`) instead of `--runtime`.
				BenchmarkCmd::Pallet(cmd) => {
					cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec))
				}
				BenchmarkCmd::Block(cmd) => {
					let PartialComponents { client, .. } = service::new_partial(&config)?;
					cmd.run(client)
				}
				// The database handles the storage benchmark needs are only exposed by a node
				// built with `--features runtime-benchmarks`.
				#[cfg(feature = "runtime-benchmarks")]
				BenchmarkCmd::Storage(cmd) => {
					let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
					let db = backend.expose_db();
					let storage = backend.expose_storage();
					let shared_cache = backend.expose_shared_trie_cache();
					cmd.run(config, client, db, storage, shared_cache)
				}
				#[cfg(not(feature = "runtime-benchmarks"))]
				BenchmarkCmd::Storage(_) => Err(
					"`benchmark storage` needs a node built with `--features runtime-benchmarks`."
						.into(),
				),
				BenchmarkCmd::Overhead(_) | BenchmarkCmd::Extrinsic(_) => Err(
					"`benchmark overhead` and `benchmark extrinsic` are not offered by this node; \
					use `benchmark pallet` for weights."
						.into(),
				),
				BenchmarkCmd::Machine(cmd) => {
					cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone())
				}
			})
		}
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let mut inference = cli.inference.clone();
			inference.demo_operator_keys = cli.run.shared_params.dev;
			runner.run_node_until_exit(|config| async move {
				type Hash = <Block as sp_runtime::traits::Block>::Hash;
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<Block, Hash>,
					>(config, inference)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, inference)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}
