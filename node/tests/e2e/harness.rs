//! What the node's scenarios share on top of `verinfer-test-utils`: the chain read in the
//! runtime's own types (its `RuntimeEvent`, the storage values, and the typed answers of the
//! node's RPC), the `dev` genesis the scenarios are written against, and `submit_job`.

pub use verinfer_test_utils::{
	chain::{
		account, at, block_hash, decode_event, dev_name, finalized_number, key_proof, send, storage,
		submit_job_call, Api, EventLog, InferenceApiClient, Included, NodeRpc, ReputationApiClient,
		Scale,
	},
	engine::{bundled_samples, closed_engine_url, max_diff, AlteringProxy, EngineProcess, Sample},
	http,
	node::{NodeProcess, Rpc, FINALITY_TIMEOUT, READY_TIMEOUT, RPC_CALL_TIMEOUT},
	paths::{bin_dir, repo_root},
	process::{is_missing_program, run_captured, wait_within, Finished},
	unique_suffix, within, workspace_bin, TestResult,
};

use std::time::Duration;
use subxt_signer::sr25519::Keypair;
use verinfer_client::{Job, JobEntry, Operator, Reputation};
use verinfer_primitives::{
	api::ReputationView, jobs::JobPolicy, tensor::Tensor, AccountId, Balance, JobId, JobPhase,
	Nonce, OperatorStats, Quote,
};
use verinfer_runtime::genesis_config_presets::DEMO_OPERATORS;
pub use verinfer_runtime::{currency::UNITS, RuntimeEvent};

/// An account's balances (`System::Account`'s `data`).
pub type AccountData = pallet_balances::AccountData<Balance>;

/// The Verinfer pallets' events: what failure messages list.
pub fn is_verinfer_event(e: &RuntimeEvent) -> bool {
	matches!(
		e,
		RuntimeEvent::Jobs(_) |
			RuntimeEvent::Settlement(_) |
			RuntimeEvent::Fees(_) |
			RuntimeEvent::Operators(_) |
			RuntimeEvent::Reputation(_)
	)
}

/// The finalized blocks' events from block `from` on.
pub fn event_log(api: &Api, from: u64) -> EventLog<RuntimeEvent> {
	EventLog::new(api.clone(), from, is_verinfer_event)
}

/// The demo operators of the `dev` chain (the runtime's `DEMO_OPERATORS`: Bob, Charlie, Dave),
/// with the seeds of their `infr` keys.
pub fn demo_operators() -> Vec<(String, AccountId, String)> {
	DEMO_OPERATORS
		.iter()
		.map(|(keyring, _)| {
			(format!("{keyring:?}"), keyring.to_account_id(), format!("//{keyring:?}//infr"))
		})
		.collect()
}

/// The accounts of Bob, Charlie and Dave.
pub fn bob_charlie_dave() -> (AccountId, AccountId, AccountId) {
	let [bob, charlie, dave]: [AccountId; 3] = demo_operators()
		.into_iter()
		.map(|(_, id, _)| id)
		.collect::<Vec<_>>()
		.try_into()
		.expect("three demo operators");
	(bob, charlie, dave)
}

/// What `Settlement::Verdict` of a job said.
pub type Verdict = (JobPhase, u32, Option<subxt::utils::H256>);

/// `Settlement::Verdict` of `job_id`.
pub fn verdict_of(job_id: u64) -> impl Fn(&RuntimeEvent) -> Option<Verdict> {
	move |e| match e {
		RuntimeEvent::Settlement(pallet_settlement::Event::Verdict {
			job,
			phase,
			agreeing,
			result_hash,
		}) if *job == job_id => Some((*phase, *agreeing, *result_hash)),
		_ => None,
	}
}

/// `Settlement::Committed` of `job_id` by `operator`.
pub fn commit_of(job_id: u64, operator: AccountId) -> impl Fn(&RuntimeEvent) -> Option<()> {
	move |e| match e {
		RuntimeEvent::Settlement(pallet_settlement::Event::Committed { job, operator: by })
			if *job == job_id && *by == operator =>
			Some(()),
		_ => None,
	}
}

/// The operators who revealed for `job_id`.
pub fn reveal_of(job_id: u64) -> impl Fn(&RuntimeEvent) -> Option<AccountId> {
	move |e| match e {
		RuntimeEvent::Settlement(pallet_settlement::Event::Revealed { job, operator, .. })
			if *job == job_id =>
			Some(operator.clone()),
		_ => None,
	}
}

/// Asserts that the named nodes have the same block at height `number` (say, a finalized one);
/// returns its hash.
pub async fn assert_same_block(nodes: &[(&str, &Rpc)], number: u64) -> TestResult<String> {
	let mut seen: Option<(&str, String)> = None;
	for (name, rpc) in nodes {
		let hash =
			rpc.block_hash(number).await?.ok_or_else(|| format!("{name} has no block #{number}"))?;
		match &seen {
			None => seen = Some((name, hash)),
			Some((first, first_hash)) => assert_eq!(
				&hash, first_hash,
				"{name} and {first} disagree on finalized block #{number}"
			),
		}
	}
	Ok(seen.map(|(_, h)| h).unwrap_or_default())
}

/// The names and JSON-RPC connections of `nodes`, for [`assert_same_block`].
pub fn named_rpcs<'a>(nodes: &[&'a NodeProcess]) -> TestResult<Vec<(&'a str, &'a Rpc)>> {
	nodes.iter().map(|n| Ok((n.name(), n.rpc()?))).collect()
}

/// A node's chain as the scenarios read it: subxt for storage, events and transactions, the
/// typed RPC client for jobs, models, operators and reputation. Reads name a block by number.
#[derive(Clone)]
pub struct Chain {
	/// subxt.
	pub api: Api,
	/// The typed `inference_*` / `reputation_*` methods.
	pub rpc: NodeRpc,
}

impl Chain {
	/// subxt and the typed RPC client of `node` (which answers JSON-RPC already).
	pub async fn of(node: &NodeProcess) -> TestResult<Self> {
		Ok(Chain { api: node.subxt_client().await?, rpc: node.rpc()?.node().clone() })
	}

	/// `inference_job` at block `number`, in full (an error if its details were pruned).
	pub async fn job(&self, number: u64, id: JobId) -> TestResult<Option<Job>> {
		match self.job_entry(number, id).await? {
			None => Ok(None),
			Some(entry) => Ok(Some(entry.into_full().ok_or(format!("job {id} was pruned"))?)),
		}
	}

	/// `inference_job` at block `number`, as answered: in full or pruned.
	pub async fn job_entry(&self, number: u64, id: JobId) -> TestResult<Option<JobEntry>> {
		let hash = block_hash(&self.api, number).await?;
		Ok(InferenceApiClient::job(&self.rpc, id, Some(hash)).await?)
	}

	/// `inference_operator` at block `number`.
	pub async fn operator(&self, number: u64, who: &AccountId) -> TestResult<Option<Operator>> {
		let hash = block_hash(&self.api, number).await?;
		Ok(InferenceApiClient::operator(&self.rpc, who.into(), Some(hash)).await?)
	}

	/// `reputation_operator` at block `number`; an operator without a record has all counters
	/// zero.
	pub async fn reputation(&self, number: u64, who: &AccountId) -> TestResult<Reputation> {
		let hash = block_hash(&self.api, number).await?;
		let record = ReputationApiClient::operator(&self.rpc, who.into(), Some(hash)).await?;
		Ok(record.unwrap_or_else(|| {
			ReputationView::new(who.clone(), 500_000, false, 0, &OperatorStats::default())
		}))
	}

	/// `System::Account`'s balances of `who` at block `number` (zero for a missing account).
	pub async fn balance(&self, number: u64, who: &AccountId) -> TestResult<AccountData> {
		let at = at(&self.api, number).await?;
		let key: [u8; 32] = who.clone().into();
		let info: Option<frame_system::AccountInfo<Nonce, AccountData>> =
			storage(&at, "System", "Account", (key,)).await?;
		Ok(info.map(|i| i.data).unwrap_or_default())
	}

	/// `Jobs::Reveals` of `(job, slot)` at block `number`: the output that slot revealed.
	pub async fn revealed_output(
		&self,
		number: u64,
		job: JobId,
		slot: u32,
	) -> TestResult<Option<Tensor>> {
		storage(&at(&self.api, number).await?, "Jobs", "Reveals", (job, slot)).await
	}
}

/// Bond and unbonding chunks: what is held, and what a slash takes a fraction of.
pub fn held_bond(operator: &Operator) -> Balance {
	operator.active_bond + operator.unbonding.iter().map(|c| c.value).sum::<Balance>()
}

/// Checks the `dev` genesis the scenarios are written against: every bundled model registered
/// with `k = 3, q = 2`; Bob, Charlie and Dave bonded, online and serving every bundled model.
/// Fails with a message naming what is missing.
pub async fn check_dev_genesis(chain: &Chain, samples: &[Sample]) -> TestResult {
	let head = finalized_number(&chain.api).await?;
	let hash = block_hash(&chain.api, head).await?;
	let models = InferenceApiClient::models(&chain.rpc, Some(hash)).await?;
	let mut missing = Vec::new();
	for s in samples {
		match models.iter().find(|m| m.id == s.model) {
			None => missing.push(format!("model {} ({:?}) is not registered", s.name, s.model)),
			Some(m) if (m.k, m.q) != (3, 2) => {
				missing.push(format!("model {} has k = {}, q = {}, not 3 and 2", s.name, m.k, m.q))
			}
			Some(_) => {}
		}
	}
	for (name, id, _) in demo_operators() {
		match chain.operator(head, &id).await? {
			None => missing.push(format!("{name} is not an operator")),
			Some(op) => {
				if op.status != verinfer_primitives::operators::OperatorStatus::Online {
					missing.push(format!("{name} is {:?}, not online", op.status));
				}
				for s in samples {
					if !op.models.contains(&s.model) {
						missing.push(format!("{name} does not serve {}", s.name));
					}
				}
			}
		}
	}
	if missing.is_empty() {
		Ok(())
	} else {
		Err(format!("the dev genesis is not what these tests expect: {}", missing.join("; "))
			.into())
	}
}

/// What a successful `submit_job` did.
#[derive(Clone, Debug)]
pub struct Submission {
	/// The job's id.
	pub job: JobId,
	/// Block that included the extrinsic.
	pub block: u64,
	/// The price held in escrow.
	pub quote: Quote<Balance>,
	/// The operators drawn, in slot order.
	pub operators: Vec<AccountId>,
	/// The job's commit deadline.
	pub commit_deadline: u32,
	/// The transaction fee the requester paid (`TransactionFeePaid::actual_fee`).
	pub tx_fee: Balance,
	/// The storage deposit held from the requester until the job is pruned, and the record
	/// fee it paid to the treasury (`Jobs::StoragePaid`).
	pub storage: (Balance, Balance),
}

/// `Jobs::submit_job(model, input, max_fee, None, None)` of `sample` signed by `requester`,
/// waited for until finalized and successful.
pub async fn submit_job(
	api: &Api,
	requester: &Keypair,
	sample: &Sample,
	max_fee: Balance,
	timeout: Duration,
) -> TestResult<Submission> {
	submit_with(api, requester, sample, max_fee, None, timeout).await
}

/// The operators drawn for `job` at the end of the block that included it.
pub fn assigned(block_events: &[RuntimeEvent], job: JobId) -> TestResult<Vec<AccountId>> {
	block_events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::Jobs(pallet_jobs::Event::JobAssigned { job: j, operators }) if *j == job => {
				Some(operators.clone())
			},
			_ => None,
		})
		.ok_or_else(|| format!("job {job} was not assigned at the end of its block").into())
}

/// Like [`submit`], with an optional policy.
pub async fn submit_with(
	api: &Api,
	requester: &Keypair,
	sample: &Sample,
	max_fee: Balance,
	policy: Option<JobPolicy>,
	timeout: Duration,
) -> TestResult<Submission> {
	let call = submit_job_call(sample, max_fee, policy);
	let requester_id = account(requester);
	let included: Included<RuntimeEvent> =
		send(api, requester, &call, &format!("submit_job of {}", sample.name), timeout).await?;
	let mut submitted = None;
	let mut tx_fee = None;
	let mut storage = None;
	for event in included.events {
		match event {
			RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted {
				job, quote, commit_deadline, ..
			}) => submitted = Some((job, quote, commit_deadline)),
			RuntimeEvent::Jobs(pallet_jobs::Event::StoragePaid { deposit, fee, .. }) => {
				storage = Some((deposit, fee))
			}
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, .. },
			) if who == requester_id => tx_fee = Some(actual_fee),
			_ => {}
		}
	}
	let (job, quote, commit_deadline) =
		submitted.ok_or("submit_job succeeded without a JobSubmitted event")?;
	let operators = assigned(&included.block_events, job)?;
	Ok(Submission {
		job,
		block: included.block,
		quote,
		operators,
		commit_deadline,
		tx_fee: tx_fee.ok_or("submit_job succeeded without a TransactionFeePaid event")?,
		storage: storage.ok_or("submit_job succeeded without a StoragePaid event")?,
	})
}
