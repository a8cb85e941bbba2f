//! `verinfer-load`: the load benchmark's command line (`scripts/load.sh` runs it).
//!
//! ```sh
//! verinfer-load                                  # 3 operators: baseline, sustained, burst
//! verinfer-load --operators 16 --rate 24 --burst 600
//! verinfer-load --scenarios sustained --rate 50 --blocks 20 --no-docs
//! ```
//!
//! Prints each scenario's block-by-block table, writes the section of this chain size into
//! `docs/benchmarks.md` with its charts in `docs/load/` (unless `--no-docs`), and prints the
//! one-line summary last.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;
use verinfer_load::{docs, log, network::Network, report::Kind, run, Options, Topology};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Scenario {
	/// Balance transfers from many accounts, as many as blocks take.
	Baseline,
	/// `--rate` jobs per block for `--blocks` blocks.
	Sustained,
	/// `--burst` jobs handed to the pool at once.
	Burst,
}

/// Verinfer's load benchmark: starts a `--dev` chain with the engine and the chosen number of
/// operators, loads it with signed transactions and reports, block by block, what the chain
/// included, verified, failed, expired and refused, the latency from inclusion to verdict and
/// how full the blocks were.
#[derive(Parser, Debug)]
#[command(name = "verinfer-load", version)]
struct Args {
	/// Operators serving every bundled model: 3 are the dev chain's demo operators; more are
	/// added with signed extrinsics (fund, register with a bond and a fresh `infr` key put into
	/// a node's keystore, serve, go online).
	#[arg(long, default_value_t = 3)]
	operators: usize,
	/// Nodes: the validator and `nodes - 1` nodes running off-chain workers only; the added
	/// operators' keys are dealt to them in turn.
	#[arg(long, default_value_t = 1)]
	nodes: usize,
	/// One engine per node (otherwise one engine serves every node).
	#[arg(long)]
	engine_per_node: bool,
	/// Scenarios to run, in order.
	#[arg(long, value_enum, value_delimiter = ',', default_values_t = [Scenario::Baseline, Scenario::Sustained, Scenario::Burst])]
	scenarios: Vec<Scenario>,
	/// Sustained: `submit_job` per block.
	#[arg(long, default_value_t = 12)]
	rate: usize,
	/// Sustained: blocks of sending.
	#[arg(long, default_value_t = 30)]
	blocks: u32,
	/// Burst: jobs handed to the pool at once.
	#[arg(long, default_value_t = 300)]
	burst: usize,
	/// Baseline: blocks of flooding.
	#[arg(long, default_value_t = 10)]
	baseline_blocks: u32,
	/// Baseline: accounts sending transfers.
	#[arg(long, default_value_t = 100)]
	flood_accounts: usize,
	/// Accounts submitting jobs.
	#[arg(long, default_value_t = 32)]
	requesters: usize,
	/// Accounts sending transfers during the job scenarios.
	#[arg(long, default_value_t = 0)]
	fillers: usize,
	/// Transfers per block the fillers send in all.
	#[arg(long, default_value_t = 0)]
	filler_rate: usize,
	/// The markdown file the section goes into (charts into `load/` next to it).
	#[arg(long, default_value_os_t = verinfer_test_utils::paths::repo_root().join("docs/benchmarks.md"))]
	docs: PathBuf,
	/// Write no markdown and no charts.
	#[arg(long)]
	no_docs: bool,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
	let args = Args::parse();
	let command = std::env::var("VERINFER_LOAD_COMMAND").unwrap_or_else(|_| {
		std::iter::once("verinfer-load".to_string())
			.chain(std::env::args().skip(1))
			.collect::<Vec<_>>()
			.join(" ")
	});
	if let Err(e) = main_with(args, &command).await {
		eprintln!("verinfer-load: {e}");
		std::process::exit(1);
	}
}

async fn main_with(args: Args, command: &str) -> verinfer_test_utils::TestResult {
	let topology = Topology {
		operators: args.operators,
		nodes: args.nodes,
		engine_per_node: args.engine_per_node,
	};
	let options = Options {
		scenarios: args
			.scenarios
			.iter()
			.map(|s| match s {
				Scenario::Baseline => {
					Kind::Baseline { blocks: args.baseline_blocks, accounts: args.flood_accounts }
				}
				Scenario::Sustained => Kind::Sustained { rate: args.rate, blocks: args.blocks },
				Scenario::Burst => Kind::Burst { jobs: args.burst },
			})
			.collect(),
		requesters: args.requesters,
		fillers: args.fillers,
		filler_rate: args.filler_rate,
	};
	log(format!(
		"starting the chain: {} operators, {} node(s), {} engine(s)",
		topology.operators,
		topology.nodes.max(1),
		if topology.engine_per_node { topology.nodes.max(1) } else { 1 }
	));
	let network = Network::start(topology).await?;
	let run = run(&network, &options).await?;
	drop(network);
	for s in &run.scenarios {
		println!("\n== {}: {}\n{}", s.kind.name(), s.kind.describe(s.requesters), s.table());
		if !s.pool_refused.is_empty() {
			println!("refused by the pool: {:?}", s.pool_refused);
		}
		if s.settled.dropped > 0 || s.settled.open > 0 {
			println!(
				"not taken by the chain: {} transactions dropped, {} jobs still open",
				s.settled.dropped, s.settled.open
			);
		}
		for slash in &s.slashes {
			println!("slashed: {slash}");
		}
	}
	println!("\n== weight per call (mean per extrinsic; declared: what a block reserves for the longest)");
	print!("{}", verinfer_load::report::text_table(&run.weights));
	if !args.no_docs {
		for file in docs::write(&run, &args.docs, command)? {
			println!("wrote {}", file.display());
		}
	}
	println!("{}", run.summary());
	Ok(())
}
