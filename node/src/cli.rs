//! Command-line interface: the standard Substrate commands.

/// The node's command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	#[clap(flatten)]
	pub inference: InferenceParams,
}

/// Where the node's off-chain worker runs the inference jobs assigned to its operator key.
#[derive(Debug, Clone, clap::Args)]
pub struct InferenceParams {
	/// URL of the local inference engine (`verinfer-engine`) the off-chain worker calls.
	#[arg(long, value_name = "URL", default_value = verinfer_primitives::engine::DEFAULT_ENGINE_URL)]
	pub inference_engine_url: String,

	/// Put the demo operators' `infr` keys into the keystore (set by `--dev`, not a flag).
	#[arg(skip)]
	pub demo_operator_keys: bool,
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	/// DEPRECATED: `export-chain-spec` is the newer form of the same.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: `pallet` (weights), `storage`, `block`, `machine`.
	#[cfg(feature = "benchmark")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarks (not built in: build the node with `--features benchmark`, as
	/// `scripts/bench.sh` does).
	#[cfg(not(feature = "benchmark"))]
	Benchmark(BenchmarkNotBuilt),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// What `benchmark` takes in a node built without the `benchmark` feature: anything, to say how
/// to get a node that has it.
#[cfg(not(feature = "benchmark"))]
#[derive(Debug, clap::Args)]
pub struct BenchmarkNotBuilt {
	/// The arguments of the benchmark subcommand.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
	pub args: Vec<String>,
}
