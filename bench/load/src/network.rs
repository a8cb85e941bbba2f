//! The chain under load: a `--dev` node (Alice validates alone; Bob, Charlie and Dave are the
//! demo operators, whose `infr` keys the node holds), optionally more nodes that only run
//! off-chain workers, the inference engines, and the operators the benchmark adds with real
//! signed extrinsics, as an operator would.

use crate::accounts::{fund, wait_included};
use std::time::Duration;
use subxt::{dynamic, rpcs::client::RpcParams};
use subxt_signer::{
	sr25519::{dev, Keypair},
	SecretUri,
};
use verinfer_primitives::{AccountId, Balance, ModelId};
use verinfer_runtime::{
	currency::UNITS,
	genesis_config_presets::{DEMO_OPERATORS, DEMO_OPERATOR_BOND},
};
use verinfer_test_utils::{
	chain::{account, derived, hex, key_proof, Api, InferenceApiClient, Sender},
	engine::{bundled_samples, EngineProcess, Sample},
	node::{NodeProcess, Rpc, FINALITY_TIMEOUT, READY_TIMEOUT},
	TestResult,
};

/// The chain the benchmark starts.
#[derive(Clone, Debug)]
pub struct Topology {
	/// Operators serving every bundled model: the 3 demo operators and `operators - 3` more.
	pub operators: usize,
	/// Nodes: the `--dev` validator and `nodes - 1` nodes that only run off-chain workers.
	/// The added operators' keys are dealt to them in turn, the validator included.
	pub nodes: usize,
	/// One engine per node (otherwise every node asks the same engine).
	pub engine_per_node: bool,
}

impl Default for Topology {
	fn default() -> Self {
		Topology { operators: 3, nodes: 1, engine_per_node: false }
	}
}

/// The running chain: its processes (stopped when it drops), a client of the validator, and the
/// operators.
pub struct Network {
	/// What was started.
	pub topology: Topology,
	/// The validator first.
	pub nodes: Vec<NodeProcess>,
	/// The engines (one, or one per node).
	pub engines: Vec<EngineProcess>,
	/// subxt connected to the validator.
	pub api: Api,
	/// JSON-RPC of the validator.
	pub rpc: Rpc,
	/// Signs and submits over the validator's JSON-RPC.
	pub sender: Sender,
	/// Every operator: the demo ones, then the added ones.
	pub operators: Vec<AccountId>,
	/// One recorded sample per bundled model and index: the inputs jobs are made of.
	pub samples: Vec<Sample>,
}

/// How long the set-up transactions may take to be finalized.
const SETUP_TIMEOUT: Duration = Duration::from_secs(300);

impl Network {
	/// Starts engines and nodes, waits until the chain finalizes, and adds the operators beyond
	/// the demo ones.
	pub async fn start(topology: Topology) -> TestResult<Self> {
		if topology.operators < DEMO_OPERATORS.len() {
			return Err(format!(
				"at least {} operators: the dev chain's demo operators serve every bundled model",
				DEMO_OPERATORS.len()
			)
			.into());
		}
		let nodes_wanted = topology.nodes.max(1);
		let mut samples = Vec::new();
		for index in 0..4 {
			samples.extend(bundled_samples(index)?);
		}
		let engine_count = if topology.engine_per_node { nodes_wanted } else { 1 };
		let mut engines = Vec::new();
		for i in 0..engine_count {
			engines.push(EngineProcess::start(&format!("load-{i}")).await?);
		}
		let engine_url = |i: usize| engines[i % engines.len()].url();

		let mut validator = NodeProcess::new("load-validator")?;
		let (secret, peer_id) = validator.generate_node_key("dev")?;
		validator.start(vec![
			"--dev".into(),
			"--rpc-methods".into(),
			"unsafe".into(),
			"--node-key".into(),
			secret,
			"--inference-engine-url".into(),
			engine_url(0),
		])?;
		let rpc = validator.wait_rpc_ready(READY_TIMEOUT).await?;
		let bootnode = validator.p2p_address(&peer_id);
		let mut nodes = vec![validator];
		for i in 1..nodes_wanted {
			let mut node = NodeProcess::new(&format!("load-worker-{i}"))?;
			let (secret, _) = node.generate_node_key("dev")?;
			node.start(vec![
				"--chain".into(),
				"dev".into(),
				"--rpc-methods".into(),
				"unsafe".into(),
				"--offchain-worker".into(),
				"always".into(),
				"--node-key".into(),
				secret,
				"--bootnodes".into(),
				bootnode.clone(),
				"--inference-engine-url".into(),
				engine_url(i),
			])?;
			node.wait_rpc_ready(READY_TIMEOUT).await?;
			nodes.push(node);
		}
		nodes[0].wait_finalized_at_least(2, FINALITY_TIMEOUT).await?;
		let api = nodes[0].subxt_client().await?;
		let sender = Sender::new(&api, rpc.node().connection().clone()).await?;
		let operators = DEMO_OPERATORS.iter().map(|(who, _)| who.to_account_id()).collect();
		let mut network =
			Network { topology, nodes, engines, api, rpc, sender, operators, samples };
		network.add_operators().await?;
		Ok(network)
	}

	/// The bundled models' ids.
	pub fn models(&self) -> Vec<ModelId> {
		let mut models: Vec<ModelId> = self.samples.iter().map(|s| s.model).collect();
		models.sort();
		models.dedup();
		models
	}

	/// Adds `operators - 3` operators, each the way a new operator joins: funded, an `infr` key
	/// generated and put into the keystore of its node (`author_insertKey`), `register` with the
	/// demo operators' bond and the key's proof of ownership, `serve` every bundled model,
	/// `go_online`. Fails unless every one of them is online and serving when it returns.
	async fn add_operators(&mut self) -> TestResult {
		let added = self.topology.operators - DEMO_OPERATORS.len();
		if added == 0 {
			return Ok(());
		}
		let owners: Vec<Keypair> = (0..added).map(|i| derived("load-operator", i)).collect();
		let accounts: Vec<AccountId> = owners.iter().map(account).collect();
		fund(self, &dev::alice(), &accounts, DEMO_OPERATOR_BOND + 100 * UNITS).await?;
		let models = self.models();
		let mut sent = Vec::new();
		for (i, owner) in owners.iter().enumerate() {
			let (uri, key) = fresh_key()?;
			let node = &self.nodes[i % self.nodes.len()];
			insert_key(node.rpc()?, &uri, &key).await?;
			let register = dynamic::tx(
				"Operators",
				"register",
				(
					DEMO_OPERATOR_BOND,
					key.public_key().0,
					key_proof(&key, &account(owner)),
					format!("verinfer-load operator {i}").into_bytes(),
				),
			);
			let serve = dynamic::tx("Operators", "serve", (models.clone(),));
			let online = dynamic::tx("Operators", "go_online", ());
			self.sender.send_at(owner, &register, 0).await?;
			self.sender.send_at(owner, &serve, 1).await?;
			self.sender.send_at(owner, &online, 2).await?;
			sent.push((account(owner), 3));
		}
		wait_included(&self.api, &sent, SETUP_TIMEOUT).await?;
		let mut problems = Vec::new();
		for who in &accounts {
			match InferenceApiClient::operator(self.rpc.node(), who.into(), None).await? {
				None => problems.push(format!("{who} is not registered")),
				Some(op) => {
					if op.status != verinfer_primitives::operators::OperatorStatus::Online {
						problems.push(format!("{who} is {:?}", op.status));
					}
					if models.iter().any(|m| !op.models.contains(m)) {
						problems.push(format!("{who} does not serve every bundled model"));
					}
				}
			}
		}
		if !problems.is_empty() {
			return Err(format!("adding operators failed: {}", problems.join("; ")).into());
		}
		self.operators.extend(accounts);
		Ok(())
	}
}

/// A fresh sr25519 key from 32 random bytes: its secret URI (`0x` + seed) and the pair.
fn fresh_key() -> TestResult<(String, Keypair)> {
	let mut seed = [0u8; 32];
	std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom")?, &mut seed)?;
	let uri = hex(&seed);
	let pair = Keypair::from_uri(&uri.parse::<SecretUri>()?)?;
	Ok((uri, pair))
}

/// Puts `key` (secret URI `uri`) into the keystore of the node behind `rpc` as an `infr` key
/// (`author_insertKey`, an unsafe method: the node runs with `--rpc-methods unsafe`).
async fn insert_key(rpc: &Rpc, uri: &str, key: &Keypair) -> TestResult {
	let mut params = RpcParams::new();
	params.push("infr")?;
	params.push(uri)?;
	params.push(hex(&key.public_key().0))?;
	rpc.call("author_insertKey", params).await?;
	Ok(())
}

/// What the benchmark gives each requester (a tenth of it to each account that only sends
/// transfers).
pub const FUNDING: Balance = 1_000 * UNITS;
