//! The command line: global options and every subcommand, as parsed by clap.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Verinfer wallet: register operators and models, submit inference jobs and read the record.
#[derive(Debug, Parser)]
#[command(name = "verinfer", version, about, propagate_version = true)]
pub struct Cli {
	/// Global options.
	#[command(flatten)]
	pub global: Global,

	/// What to do.
	#[command(subcommand)]
	pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct Global {
	/// WebSocket URL of a Verinfer node.
	#[arg(long, global = true, env = "VERINFER_URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// Secret URI of the signing account (`//Alice`, a mnemonic, `0x` seed, with optional
	/// `//hard/soft///password` derivations).
	#[arg(
		long,
		global = true,
		env = "VERINFER_SURI",
		conflicts_with = "key_file",
		hide_env_values = true
	)]
	pub suri: Option<String>,

	/// File whose content is the signing account's secret URI.
	#[arg(long, global = true, value_name = "FILE")]
	pub key_file: Option<PathBuf>,

	/// Print machine-readable JSON on stdout (errors as JSON on stderr).
	#[arg(long, global = true)]
	pub json: bool,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Operator staking: register, bond, serve models, go online or offline.
	#[command(subcommand)]
	Operator(OperatorCommand),
	/// The model registry.
	#[command(subcommand)]
	Model(ModelCommand),
	/// Inference jobs: submit, show, list.
	#[command(subcommand)]
	Job(JobCommand),
	/// Evidence-based operator reputation.
	#[command(subcommand)]
	Reputation(ReputationCommand),
	/// Agents: named tags whose jobs only their controller and its delegates may submit.
	#[command(subcommand)]
	Agent(AgentCommand),
}

/// `verinfer agent ...`
#[derive(Debug, Subcommand)]
pub enum AgentCommand {
	/// Register an agent controlled by the signer, holding the agent deposit; prints its tag
	/// (the blake2-256 hash of the signer's account and NAME).
	Register {
		/// The agent's name, unique per controller.
		name: String,
		/// Free-form metadata, e.g. a URL describing the agent.
		#[arg(long, default_value = "")]
		metadata: String,
	},
	/// Set the accounts (besides the signer) allowed to submit jobs for the signer's agent NAME,
	/// replacing the previous ones.
	Delegates {
		/// The agent's name.
		name: String,
		/// The delegates (SS58, `0x` hex or a secret URI such as `//Bob`).
		accounts: Vec<String>,
	},
}

/// `verinfer operator ...`
#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
	/// Register the signer as an operator, holding BOND and binding its off-chain worker key.
	Register {
		/// Bond to hold (in VINF; `u` suffix for base units, e.g. `5000u`).
		#[arg(long)]
		bond: String,
		/// The `infr` key of the operator's node: a secret URI (e.g. `//Ferdie//infr`), which
		/// also signs the key's proof of ownership, or `0x` + 64 hex digits with `--key-proof`.
		#[arg(long)]
		key: String,
		/// With a public `--key`: the key's sr25519 signature (`0x` + 128 hex digits) over
		/// `"POP_"` followed by the signer's 32-byte account id.
		#[arg(long, value_name = "SIGNATURE")]
		key_proof: Option<String>,
		/// Free-form operator metadata (contact, hardware, ...).
		#[arg(long, default_value = "")]
		metadata: String,
	},
	/// Add AMOUNT from the free balance to the active bond.
	Bond {
		/// Amount (in VINF; `u` suffix for base units).
		amount: String,
	},
	/// Start unbonding AMOUNT; it is released `UnbondingPeriod` blocks later.
	Unbond {
		/// Amount (in VINF; `u` suffix for base units).
		amount: String,
	},
	/// Release every unbonding chunk that has unlocked.
	Withdraw,
	/// Serve exactly these models from now on (ids or registered names).
	Serve {
		/// Model ids (`0x...`) or names.
		#[arg(required = true)]
		models: Vec<String>,
	},
	/// Go online: take new jobs of the served models.
	Online,
	/// Go offline: take no new jobs.
	Offline,
	/// Leave: stop serving and unbond everything (refused while jobs are open).
	Deregister,
	/// Show an operator's bond, models, status and reputation (default: the signer).
	Info {
		/// Account (SS58 address, `0x` account id, or a secret URI such as `//Bob`).
		account: Option<String>,
	},
}

/// `verinfer model ...`
#[derive(Debug, Subcommand)]
pub enum ModelCommand {
	/// Register a model by the blake2-256 hash of its ONNX file.
	Register(ModelRegister),
	/// List the registered models.
	List,
	/// Show one model.
	Show {
		/// Model id (`0x...`) or name.
		model: String,
	},
}

/// Arguments of `verinfer model register`.
#[derive(Debug, Args)]
pub struct ModelRegister {
	/// The ONNX file: its hash is the model id, and a sidecar `NAME.json` next to it (as in
	/// `models/`) supplies the name, shapes, precisions and tolerance not given explicitly.
	#[arg(long, value_name = "FILE", required_unless_present = "hash")]
	pub file: Option<PathBuf>,
	/// The model id (`0x` + 64 hex digits) instead of `--file`.
	#[arg(long, conflicts_with = "file")]
	pub hash: Option<String>,
	/// Human-readable name.
	#[arg(long)]
	pub name: Option<String>,
	/// Where operators can fetch the ONNX file.
	#[arg(long, default_value = "")]
	pub uri: String,
	/// Input shape, e.g. `1,4`.
	#[arg(long, value_name = "DIMS")]
	pub input_shape: Option<String>,
	/// Input precision (decimal digits).
	#[arg(long, value_name = "DIGITS")]
	pub input_precision: Option<u8>,
	/// Smallest allowed input element, in units of the input precision (with `--input-max`;
	/// otherwise the sidecar's `input_range`, if any). Jobs with other inputs are refused.
	#[arg(long, value_name = "UNITS", requires = "input_max", allow_hyphen_values = true)]
	pub input_min: Option<i64>,
	/// Largest allowed input element, in units of the input precision.
	#[arg(long, value_name = "UNITS", requires = "input_min", allow_hyphen_values = true)]
	pub input_max: Option<i64>,
	/// Output shape, e.g. `1,3`.
	#[arg(long, value_name = "DIMS")]
	pub output_shape: Option<String>,
	/// Output precision (decimal digits).
	#[arg(long, value_name = "DIGITS")]
	pub output_precision: Option<u8>,
	/// Largest element-wise difference of agreeing outputs, in units of the output precision.
	#[arg(long)]
	pub tolerance: Option<u64>,
	/// Fee paid to each agreeing operator (in VINF; `u` suffix for base units).
	#[arg(long, default_value = "0.01")]
	pub operator_fee: String,
	/// Royalty paid to the owner per verified job (in VINF; `u` suffix for base units).
	#[arg(long, default_value = "0")]
	pub royalty: String,
	/// Default number of operators per job.
	#[arg(long, default_value_t = 3)]
	pub k: u32,
	/// Default quorum.
	#[arg(long, default_value_t = 2)]
	pub q: u32,
}

/// `verinfer job ...`
#[derive(Debug, Subcommand)]
pub enum JobCommand {
	/// Submit a job and (unless --no-wait) follow it to its verdict.
	Submit(JobSubmit),
	/// Show a job's full record.
	Show {
		/// Job id.
		id: u64,
	},
	/// List jobs of a requester, an operator or an agent tag (default: the signer's jobs).
	List(JobList),
}

/// Arguments of `verinfer job submit`.
#[derive(Debug, Args)]
pub struct JobSubmit {
	/// Model id (`0x...`) or name.
	pub model: String,
	/// Input elements, comma separated, as fixed-point integers at the model's input precision
	/// (e.g. `630,340,560,240` for 6.30, 3.40, 5.60, 2.40); with `--real`, as real numbers.
	#[arg(
		long,
		value_name = "LIST",
		allow_hyphen_values = true,
		required_unless_present = "input_file"
	)]
	pub input: Option<String>,
	/// JSON file with `{"shape": [...], "data": [...], "precision": p}` (or just the data array).
	#[arg(long, value_name = "FILE", conflicts_with = "input")]
	pub input_file: Option<PathBuf>,
	/// Read `--input` values as real numbers and round them to the model's input precision.
	#[arg(long)]
	pub real: bool,
	/// Most to pay (in VINF; `u` suffix for base units). Default: the exact quote.
	#[arg(long)]
	pub max_fee: Option<String>,
	/// Operators to run the job (at least the model's default).
	#[arg(long)]
	pub k: Option<u32>,
	/// Quorum (at least the model's default; default: a majority of k).
	#[arg(long)]
	pub q: Option<u32>,
	/// Tag the job with an agent: `0x` + 64 hex digits, or the name of one of the signer's
	/// agents (see `verinfer agent register`). The signer must control it or be its delegate.
	#[arg(long)]
	pub agent: Option<String>,
	/// Return once the job is submitted instead of following it to its verdict.
	#[arg(long)]
	pub no_wait: bool,
	/// Seconds to wait for the verdict.
	#[arg(long, default_value_t = 600)]
	pub timeout: u64,
}

/// Arguments of `verinfer job list`.
#[derive(Debug, Args)]
pub struct JobList {
	/// Jobs submitted by this account.
	#[arg(long, group = "selector")]
	pub requester: Option<String>,
	/// Jobs assigned to this operator.
	#[arg(long, group = "selector")]
	pub operator: Option<String>,
	/// Jobs tagged with this agent: `0x` + 64 hex digits, or the name of one of the signer's
	/// agents.
	#[arg(long, group = "selector")]
	pub agent: Option<String>,
	/// Start at this sequence number of the index (default: the newest job); a listing ends
	/// with the `--start` of the next, older page.
	#[arg(long)]
	pub start: Option<u32>,
	/// Most jobs to list (1..=100).
	#[arg(long, default_value_t = 20)]
	pub limit: u32,
}

/// `verinfer reputation ...`
#[derive(Debug, Subcommand)]
pub enum ReputationCommand {
	/// Show one operator's score and counters.
	Show {
		/// Account (SS58 address, `0x` account id, or a secret URI such as `//Bob`).
		account: String,
	},
	/// The best operators by score.
	Top {
		/// How many.
		#[arg(long, default_value_t = 10)]
		limit: u32,
		/// Only operators serving this model (id or name).
		#[arg(long)]
		model: Option<String>,
	},
}
