//! The chain side of the end-to-end tests: signed `submit_job` with subxt's dynamic API, the
//! storage and events of the Verinfer pallets decoded into small local types (only the fields the
//! tests read), and [`EventLog`], which collects the events of every finalized block so that a
//! test can wait for one.

use super::{
	engine::{hex, Sample, TensorValue},
	TestResult, POLL_INTERVAL,
};
use std::time::{Duration, Instant};
use subxt::{
	dynamic,
	events::Events,
	ext::{
		scale_decode::{DecodeAsFields, DecodeAsType},
		scale_encode::EncodeAsType,
		scale_value,
	},
	utils::{AccountId32, H256},
	OnlineClient, OnlineClientAtBlock, PolkadotConfig,
};
use subxt_signer::sr25519::{dev, Keypair};

/// A subxt client.
pub type Api = OnlineClient<PolkadotConfig>;

/// One VINF in planck.
pub const UNIT: u128 = 1_000_000_000_000;

/// The pallets whose events [`EventLog::summary`] lists.
const VERINFER_PALLETS: [&str; 5] = ["Jobs", "Settlement", "Fees", "Operators", "Reputation"];

/// The account of a keypair.
pub fn account(pair: &Keypair) -> AccountId32 {
	pair.public_key().to_account_id()
}

/// The demo operators of the `dev` chain, in the order Bob, Charlie, Dave, with the seeds of
/// their `infr` keys.
pub fn demo_operators() -> [(&'static str, AccountId32, &'static str); 3] {
	[
		("Bob", account(&dev::bob()), "//Bob//infr"),
		("Charlie", account(&dev::charlie()), "//Charlie//infr"),
		("Dave", account(&dev::dave()), "//Dave//infr"),
	]
}

/// A short name for the well-known dev accounts.
pub fn who(id: &AccountId32) -> String {
	for (name, pair) in [
		("Alice", dev::alice()),
		("Bob", dev::bob()),
		("Charlie", dev::charlie()),
		("Dave", dev::dave()),
		("Eve", dev::eve()),
		("Ferdie", dev::ferdie()),
	] {
		if account(&pair) == *id {
			return name.to_string();
		}
	}
	id.to_string()
}

// ----- decoded storage and events (only the fields the tests read) -----

/// `pallet_jobs::JobPhase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum JobPhase {
	Assigned,
	Committing,
	Revealing,
	Verified,
	Failed,
	Expired,
}

/// `pallet_jobs::AssignmentOutcome`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum AssignmentOutcome {
	Agreed,
	Disagreed,
	Unconfirmed,
	Committed,
	MissedCommit,
	MissedReveal,
}

/// `verinfer_primitives::Quote`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Quote {
	pub k: u32,
	pub per_operator: u128,
	pub royalty: u128,
	pub protocol_fee: u128,
	pub total: u128,
}

/// `verinfer_primitives::Payout`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Payout {
	pub operators_paid: u32,
	pub per_operator: u128,
	pub royalty: u128,
	pub to_treasury: u128,
	pub refunded: u128,
}

/// `pallet_jobs::JobPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType, EncodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
pub struct Policy {
	pub k: u32,
	pub q: u32,
}

/// `pallet_jobs::Assignment`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Assignment {
	pub operator: AccountId32,
	pub commitment: Option<[u8; 32]>,
	pub committed_at: Option<u32>,
	pub revealed_at: Option<u32>,
	pub output_hash: Option<[u8; 32]>,
	pub outcome: Option<AssignmentOutcome>,
	pub paid: u128,
	pub slashed: u128,
}

/// `pallet_jobs::JobInfo` (`Jobs::Jobs`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Job {
	pub requester: AccountId32,
	pub model: [u8; 32],
	pub policy: Policy,
	pub quote: Quote,
	pub assignments: Vec<Assignment>,
	pub phase: JobPhase,
	pub submitted_at: u32,
	pub commit_deadline: u32,
	pub reveal_opened_at: Option<u32>,
	pub reveal_deadline: Option<u32>,
	pub concluded_at: Option<u32>,
	pub agreeing: u32,
	pub result_hash: Option<[u8; 32]>,
	pub payout: Option<Payout>,
}

impl Job {
	pub fn assignment_of(&self, operator: &AccountId32) -> Option<&Assignment> {
		self.assignments.iter().find(|a| a.operator == *operator)
	}

	pub fn slot_of(&self, operator: &AccountId32) -> Option<u32> {
		self.assignments.iter().position(|a| a.operator == *operator).map(|i| i as u32)
	}
}

/// `verinfer_primitives::ModelFees`.
#[derive(Clone, Copy, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct ModelFees {
	pub operator_fee: u128,
	pub royalty: u128,
}

/// `pallet_jobs::ModelInfo` (`Jobs::Models`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Model {
	pub owner: AccountId32,
	pub tolerance: u64,
	pub fees: ModelFees,
	pub policy: Policy,
}

/// `pallet_operators::OperatorStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum OperatorStatus {
	Offline,
	Online,
	Leaving,
}

/// `pallet_operators::UnlockChunk`.
#[derive(Clone, Copy, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct UnlockChunk {
	pub value: u128,
}

/// `pallet_operators::Ledger`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Ledger {
	pub active: u128,
	pub unlocking: Vec<UnlockChunk>,
}

impl Ledger {
	/// Active plus unbonding: what is held and what a slash takes a fraction of.
	pub fn total(&self) -> u128 {
		self.active + self.unlocking.iter().map(|c| c.value).sum::<u128>()
	}
}

/// `pallet_operators::OperatorInfo` (`Operators::Operators`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Operator {
	pub ledger: Ledger,
	pub models: Vec<[u8; 32]>,
	pub status: OperatorStatus,
	pub open_jobs: u32,
}

/// `verinfer_primitives::OperatorStats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct OperatorStats {
	pub assigned: u32,
	pub agreed: u32,
	pub disagreed: u32,
	pub missed: u32,
	pub earned: u128,
	pub slashed: u128,
}

/// `pallet_reputation::ReputationRecord` (`Reputation::Reputations`).
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct ReputationRecord {
	pub window_events: u32,
	pub stats: OperatorStats,
}

/// `pallet_balances::AccountData`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct AccountData {
	pub free: u128,
	pub reserved: u128,
}

/// `frame_system::AccountInfo`.
#[derive(Clone, Copy, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct AccountInfo {
	pub data: AccountData,
}

/// `Jobs::JobSubmitted`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct JobSubmitted {
	pub job: u64,
	pub requester: AccountId32,
	pub model: [u8; 32],
	pub operators: Vec<AccountId32>,
	pub quote: Quote,
	pub commit_deadline: u32,
}

/// `Jobs::RevealOpened`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct RevealOpened {
	pub job: u64,
	pub reveal_deadline: u32,
}

/// `Settlement::Committed`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Committed {
	pub job: u64,
	pub operator: AccountId32,
}

/// `Settlement::Revealed`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Revealed {
	pub job: u64,
	pub operator: AccountId32,
	pub output_hash: [u8; 32],
}

/// `Settlement::Verdict`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Verdict {
	pub job: u64,
	pub phase: JobPhase,
	pub agreeing: u32,
	pub result_hash: Option<[u8; 32]>,
}

/// `Fees::Settled`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Settled {
	pub job: u64,
	pub payout: Payout,
}

/// `verinfer_primitives::SlashReason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum SlashReason {
	WrongResult(u64),
	MissedCommit(u64),
	MissedReveal(u64),
}

/// `Operators::Slashed`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Slashed {
	pub operator: AccountId32,
	pub reason: SlashReason,
	pub amount: u128,
	pub beneficiary: Option<AccountId32>,
	pub to_beneficiary: u128,
	pub to_treasury: u128,
	pub burned: u128,
}

/// `verinfer_primitives::ReputationEvent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub enum ReputationEvent {
	Agreed { latency: u32, fee: u128 },
	Disagreed { fee: u128, slashed: u128 },
	Missed { fee: u128, slashed: u128 },
}

/// `Reputation::Recorded`.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct Recorded {
	pub operator: AccountId32,
	pub event: ReputationEvent,
	pub score: u32,
}

/// `TransactionPayment::TransactionFeePaid`; `actual_fee` includes the tip.
#[derive(Clone, Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
pub struct TransactionFeePaid {
	pub who: AccountId32,
	pub actual_fee: u128,
	pub tip: u128,
}

// ----- storage reads -----

/// The state at block `number` (of the node's best chain).
async fn at(api: &Api, number: u64) -> TestResult<OnlineClientAtBlock<PolkadotConfig>> {
	Ok(api.at_block(number).await.map_err(|e| format!("state at #{number}: {e}"))?)
}

/// `System::Account` of `id` at block `number` (zero for a missing account).
pub async fn balance(api: &Api, number: u64, id: &AccountId32) -> TestResult<AccountData> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(AccountId32,), AccountInfo>("System", "Account");
	let value = at.storage().fetch(address, (*id,)).await?;
	Ok(value.decode()?.data)
}

/// `Jobs::Jobs` of `job` at block `number`.
pub async fn job(api: &Api, number: u64, job: u64) -> TestResult<Option<Job>> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(u64,), Job>("Jobs", "Jobs");
	Ok(match at.storage().try_fetch(address, (job,)).await? {
		Some(v) => Some(v.decode()?),
		None => None,
	})
}

/// `Jobs::Results` of `job` at block `number`.
pub async fn job_result(api: &Api, number: u64, job: u64) -> TestResult<Option<TensorValue>> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(u64,), TensorValue>("Jobs", "Results");
	Ok(match at.storage().try_fetch(address, (job,)).await? {
		Some(v) => Some(v.decode()?),
		None => None,
	})
}

/// `Jobs::Reveals` of `(job, slot)` at block `number`.
pub async fn revealed_output(
	api: &Api,
	number: u64,
	job: u64,
	slot: u32,
) -> TestResult<Option<TensorValue>> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(u64, u32), TensorValue>("Jobs", "Reveals");
	Ok(match at.storage().try_fetch(address, (job, slot)).await? {
		Some(v) => Some(v.decode()?),
		None => None,
	})
}

/// `Jobs::Models` of `model` at block `number`.
pub async fn model(api: &Api, number: u64, model: [u8; 32]) -> TestResult<Option<Model>> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<([u8; 32],), Model>("Jobs", "Models");
	Ok(match at.storage().try_fetch(address, (model,)).await? {
		Some(v) => Some(v.decode()?),
		None => None,
	})
}

/// `Operators::Operators` of `id` at block `number`.
pub async fn operator(api: &Api, number: u64, id: &AccountId32) -> TestResult<Option<Operator>> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(AccountId32,), Operator>("Operators", "Operators");
	Ok(match at.storage().try_fetch(address, (*id,)).await? {
		Some(v) => Some(v.decode()?),
		None => None,
	})
}

/// The raw counters of `id` in `Reputation::Reputations` at block `number` (all zero without a
/// record).
pub async fn reputation_stats(
	api: &Api,
	number: u64,
	id: &AccountId32,
) -> TestResult<OperatorStats> {
	let at = at(api, number).await?;
	let address = dynamic::storage::<(AccountId32,), ReputationRecord>("Reputation", "Reputations");
	Ok(match at.storage().try_fetch(address, (*id,)).await? {
		Some(v) => v.decode()?.stats,
		None => OperatorStats::default(),
	})
}

/// The finalized head's number.
pub async fn finalized_number(api: &Api) -> TestResult<u64> {
	Ok(api.at_current_block().await?.block_number())
}

/// Checks the `dev` genesis this suite is written against: every bundled model registered
/// with `k = 3, q = 2`, Bob, Charlie and Dave bonded, online and serving every bundled model.
/// Fails with a message naming what is missing.
pub async fn check_dev_genesis(api: &Api, samples: &[Sample]) -> TestResult {
	let head = finalized_number(api).await?;
	let mut missing = Vec::new();
	for s in samples {
		match model(api, head, s.model).await? {
			None => missing.push(format!("model {} ({}) is not registered", s.name, s.model_hex())),
			Some(m) => {
				if m.policy != (Policy { k: 3, q: 2 }) {
					missing.push(format!(
						"model {} has policy {:?}, not k = 3, q = 2",
						s.name, m.policy
					));
				}
			}
		}
	}
	for (name, id, _) in demo_operators() {
		match operator(api, head, &id).await? {
			None => missing.push(format!("{name} is not an operator")),
			Some(op) => {
				if op.status != OperatorStatus::Online {
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

// ----- transactions -----

/// What a successful `submit_job` did.
#[derive(Clone, Debug)]
pub struct Submission {
	pub job: u64,
	/// Block that included the extrinsic.
	pub block: u64,
	pub block_hash: H256,
	pub quote: Quote,
	pub operators: Vec<AccountId32>,
	pub commit_deadline: u32,
	/// The transaction fee the requester paid (`TransactionFeePaid::actual_fee`).
	pub tx_fee: u128,
}

/// `Jobs::submit_job(model, input, max_fee, None, None)` signed by `requester`, waited for until
/// finalized and successful.
pub async fn submit_job(
	api: &Api,
	requester: &Keypair,
	sample: &Sample,
	max_fee: u128,
	timeout: Duration,
) -> TestResult<Submission> {
	let call = dynamic::tx(
		"Jobs",
		"submit_job",
		(
			sample.model,
			sample.input.clone(),
			max_fee,
			Option::<Policy>::None,
			Option::<[u8; 32]>::None,
		),
	);
	let requester_id = account(requester);
	let fut = async {
		let mut txs = api.tx().await?;
		let progress = txs.sign_and_submit_then_watch_default(&call, requester).await?;
		let in_block = progress.wait_for_finalized().await?;
		let events = in_block.wait_for_success().await?;
		Ok::<_, super::BoxError>((in_block.block_hash(), events))
	};
	let (block_hash, events) =
		super::within(timeout, &format!("submit_job of {}", sample.name), fut).await?;
	let mut submitted = None;
	let mut tx_fee = None;
	for event in events.iter() {
		let event = event?;
		match (event.pallet_name(), event.event_name()) {
			("Jobs", "JobSubmitted") => {
				submitted = Some(event.decode_fields_unchecked_as::<JobSubmitted>()?)
			}
			("TransactionPayment", "TransactionFeePaid") => {
				let fee = event.decode_fields_unchecked_as::<TransactionFeePaid>()?;
				if fee.who == requester_id {
					tx_fee = Some(fee.actual_fee);
				}
			}
			_ => {}
		}
	}
	let submitted = submitted.ok_or("submit_job succeeded without a JobSubmitted event")?;
	let tx_fee = tx_fee.ok_or("submit_job succeeded without a TransactionFeePaid event")?;
	let block = api.at_block(block_hash).await?.block_number();
	Ok(Submission {
		job: submitted.job,
		block,
		block_hash,
		quote: submitted.quote,
		operators: submitted.operators,
		commit_deadline: submitted.commit_deadline,
		tx_fee,
	})
}

// ----- events -----

/// The events of every finalized block from a starting block on, fetched as the chain
/// finalizes them.
pub struct EventLog {
	api: Api,
	next: u64,
	blocks: Vec<(u64, Events<PolkadotConfig>)>,
}

impl EventLog {
	/// Collects from block `from` on.
	pub fn new(api: Api, from: u64) -> Self {
		EventLog { api, next: from, blocks: Vec::new() }
	}

	/// Fetches the events of the blocks finalized since the last call; returns the finalized
	/// head.
	pub async fn poll(&mut self) -> TestResult<u64> {
		let head = finalized_number(&self.api).await?;
		while self.next <= head {
			let at = at(&self.api, self.next).await?;
			let events = at.events().fetch().await?;
			self.blocks.push((self.next, events));
			self.next += 1;
		}
		Ok(head)
	}

	/// The last block fetched.
	pub fn head(&self) -> Option<u64> {
		self.blocks.last().map(|(n, _)| *n)
	}

	/// Every event `pallet::variant` fetched so far that satisfies `pred`, with its block.
	pub fn find<E: DecodeAsFields>(
		&self,
		pallet: &str,
		variant: &str,
		pred: impl Fn(&E) -> bool,
	) -> TestResult<Vec<(u64, E)>> {
		let mut out = Vec::new();
		for (number, events) in &self.blocks {
			for event in events.iter() {
				let event = event?;
				if event.pallet_name() == pallet && event.event_name() == variant {
					let fields = event.decode_fields_unchecked_as::<E>().map_err(|e| {
						format!("cannot decode {pallet}::{variant} in #{number}: {e}")
					})?;
					if pred(&fields) {
						out.push((*number, fields));
					}
				}
			}
		}
		Ok(out)
	}

	/// The first event `pallet::variant` satisfying `pred`, waiting up to `timeout` for the
	/// chain to finalize one.
	pub async fn wait_for<E: DecodeAsFields>(
		&mut self,
		pallet: &str,
		variant: &str,
		pred: impl Fn(&E) -> bool,
		timeout: Duration,
	) -> TestResult<(u64, E)> {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(first) = self.find(pallet, variant, &pred)?.into_iter().next() {
				return Ok(first);
			}
			let polled = self.poll().await;
			if let Some(first) = self.find(pallet, variant, &pred)?.into_iter().next() {
				return Ok(first);
			}
			if Instant::now() > deadline {
				return Err(format!(
					"no matching {pallet}::{variant} event within {timeout:?} (finalized head: {:?}, last poll: {:?}); Verinfer events so far:\n{}",
					self.head(),
					polled.map_err(|e| e.to_string()),
					self.summary()
				)
				.into());
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// Waits until block `number` is finalized and fetched.
	pub async fn wait_for_block(&mut self, number: u64, timeout: Duration) -> TestResult {
		let deadline = Instant::now() + timeout;
		loop {
			if self.head().is_some_and(|h| h >= number) {
				return Ok(());
			}
			let polled = self.poll().await;
			if self.head().is_some_and(|h| h >= number) {
				return Ok(());
			}
			if Instant::now() > deadline {
				return Err(format!(
					"block #{number} not finalized within {timeout:?} (head: {:?}, last poll: {:?})",
					self.head(),
					polled.map_err(|e| e.to_string())
				)
				.into());
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// One line per event of the Verinfer pallets fetched so far (for failure messages).
	pub fn summary(&self) -> String {
		let mut lines = Vec::new();
		for (number, events) in &self.blocks {
			for event in events.iter() {
				let Ok(event) = event else { continue };
				if !VERINFER_PALLETS.contains(&event.pallet_name()) {
					continue;
				}
				let fields = event
					.decode_fields_unchecked_as::<scale_value::Composite<()>>()
					.map(|v| v.to_string())
					.unwrap_or_else(|e| format!("<{e}>"));
				lines.push(format!(
					"  #{number} {}::{} {fields}",
					event.pallet_name(),
					event.event_name()
				));
			}
		}
		if lines.is_empty() {
			"  (none)".to_string()
		} else {
			lines.join("\n")
		}
	}
}

/// `0x…` of a 32-byte hash, for messages.
pub fn h(bytes: &[u8; 32]) -> String {
	hex(bytes)
}
