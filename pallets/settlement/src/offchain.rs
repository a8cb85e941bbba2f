//! # The operators' off-chain worker
//!
//! Runs in every node with off-chain workers enabled, once per imported block
//! ([`Pallet::offchain_worker`](crate::Pallet)), and does the operator's part of every job
//! assigned to it: run the model on the local inference engine, commit, reveal.
//!
//! ## Who it works for
//!
//! Every `infr` key (sr25519, [`verinfer_primitives::crypto::INFR`]) in the node's keystore
//! that is bound to an operator ([`Pallet::bound_operator`]); keys of no operator are ignored.
//! Its to-do list is `JobsInterface::pending_work(operator)`.
//!
//! ## Each block, for each operator
//!
//! 1. **Lock.** A [`StorageLock`] (block and time deadline) per operator, so workers of blocks
//!    imported in quick succession never do the same operator's work concurrently.
//! 2. **Prune** the records of jobs that reached a final state (see *Records*).
//! 3. **Reveals.** For every job in its reveal phase that the operator committed to and has not
//!    revealed: the stored output and salt, checked against the on-chain commitment. Without a
//!    stored record (the keystore moved to another node, the off-chain database was lost) the
//!    job is skipped with a warning: nobody can reveal without the salt.
//! 4. **Commits.** For every job awaiting the operator's commitment, oldest deadline first:
//!    the stored output if the job has a record, otherwise `POST {engine}/v1/infer` with the
//!    job's input ([`InferRequest`]). The answer's output must be of the model's declared
//!    output spec (otherwise it agrees with nothing and would only earn a slash, so it is not
//!    committed). An engine refusal that is the model's answer to the input itself ("output
//!    not representable", "input out of range": [`ErrorKind::means_not_computable`]) is
//!    committed as [`Tensor::not_computable`], the answer every honest operator gives. A fresh
//!    32-byte salt is drawn, and output and salt are **stored before anything is submitted**.
//! 5. **One transaction**: [`submit_steps`](crate::Pallet::submit_steps), the reveals and the
//!    commitments together (at most `MaxBatch` of each), signed by the key and sent unsigned:
//!    no fee, no nonce, so nothing the worker sends can replace or block anything else it sent.
//!
//! Everything still pending is sent again on every block until the chain shows it done: the
//! pool keeps one transaction per step (each step provides its own tag) and a newer batch of
//! the operator replaces an older one, so a transaction dropped or crowded out is simply sent
//! again, from the **same stored output and salt** (a salt is never drawn twice for a job, or
//! the later reveal would not match the commitment that got in). Steps whose deadline is the
//! next block or earlier are left out: they could not be included in time.
//!
//! ## Engine
//!
//! The engine URL is read from persistent off-chain storage under
//! [`ENGINE_URL_STORAGE_KEY`], where the node writes its `--inference-engine-url` flag, with
//! [`DEFAULT_ENGINE_URL`] as fallback. Every request has a deadline of [`HTTP_TIMEOUT_MS`], and
//! all requests of one operator in one block share a budget of [`ENGINE_BUDGET_MS`]; what does
//! not fit waits for the next block. A slow or failing job costs only itself: it is tried again
//! after [`RETRY_AFTER_BLOCKS`] blocks, and the other jobs go ahead meanwhile. Only an engine
//! that cannot be reached at all (connection refused) ends the commit step for the block. Every
//! failure is logged as a warning (target `settlement::ocw`); the worker never panics.
//!
//! ## Records
//!
//! Persistent off-chain storage (it survives restarts), keys SCALE-appended to their prefix:
//!
//! | key | value |
//! |---|---|
//! | `verinfer::ocw::job::` ++ (operator, job) | [`Record`]: model, input hash, output, salt |
//! | `verinfer::ocw::open::` ++ operator | the jobs that have a record, at most [`MAX_OPEN_RECORDS`] |
//! | `verinfer::ocw::retry::` ++ (operator, job) | block before which a failed job is not asked again |
//! | `verinfer::ocw::lock::` ++ operator | the operator's lock |
//!
//! Records are keyed by the operator account, not the key, because the commitment binds the
//! operator: a record stays valid if the operator rebinds its key within the same node. A record
//! also holds the job's model and input hash, so one left over from another chain with the same
//! job ids is recognised and never committed or revealed. A record is removed once its job is
//! final.

use crate::{Call, Config, JobOf, OutputOf, Pallet, StepsOf};
use alloc::{collections::BTreeSet, format, string::String, vec, vec::Vec};
use codec::{Decode, Encode};
use frame_support::traits::Get;
use frame_system::{
	offchain::{SendUnsignedTransaction, Signer, SigningTypes},
	pallet_prelude::BlockNumberFor,
};
use sp_core::H256;
use sp_runtime::{
	offchain::{
		http,
		storage::{MutateStorageError, StorageValueRef},
		storage_lock::{BlockAndTime, StorageLock},
		Duration, StorageKind, Timestamp,
	},
	traits::{IdentifyAccount, Saturating},
};
use verinfer_primitives::{
	commitment::{commitment, Salt},
	engine::{
		ErrorKind, ErrorResponse, InferRequest, InferResponse, DEFAULT_ENGINE_URL,
		ENGINE_URL_STORAGE_KEY, INFER_PATH, MAX_BODY_BYTES,
	},
	jobs::{PendingStep, PendingWork},
	tensor::Tensor,
	traits::JobsInterface,
	JobId, ModelId,
};

/// Log target of the off-chain worker.
pub const LOG_TARGET: &str = "settlement::ocw";
/// Prefix of the per-job records.
pub const RECORD_PREFIX: &[u8] = b"verinfer::ocw::job::";
/// Prefix of the per-operator index of open records.
pub const INDEX_PREFIX: &[u8] = b"verinfer::ocw::open::";
/// Prefix of the per-job retry blocks of failed engine requests.
pub const RETRY_PREFIX: &[u8] = b"verinfer::ocw::retry::";
/// Prefix of the per-operator locks.
pub const LOCK_PREFIX: &[u8] = b"verinfer::ocw::lock::";
/// Deadline of one engine request, in milliseconds.
pub const HTTP_TIMEOUT_MS: u64 = 2_000;
/// What all engine requests of one operator may take in one block, in milliseconds.
pub const ENGINE_BUDGET_MS: u64 = 4_000;
/// Blocks after which a job whose engine request failed is asked again.
pub const RETRY_AFTER_BLOCKS: u32 = 2;
/// Most jobs with a record per operator; well above what an operator may have open at once.
pub const MAX_OPEN_RECORDS: usize = 256;
/// Blocks after which a lock left by a worker that died is taken over (together with the time).
const LOCK_BLOCKS: u32 = 2;

/// What the worker keeps about one job of one operator.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
pub struct Record {
	/// The job's model, to recognise a record of another chain's job of the same id.
	pub model: ModelId,
	/// The job's input hash, for the same reason.
	pub input_hash: H256,
	/// The canonical output the engine answered (or the "not computable" answer).
	pub output: Tensor,
	/// The salt of the commitment.
	pub salt: Salt,
}

impl Record {
	/// Whether this record belongs to `job` (and not to another chain's job of the same id).
	fn is_for<T: Config>(&self, job: &JobOf<T>) -> bool {
		self.model == job.model && self.input_hash == job.input_hash
	}
}

/// The storage key of `parts` under `prefix`.
fn storage_key(prefix: &[u8], parts: impl Encode) -> Vec<u8> {
	let mut key = prefix.to_vec();
	parts.encode_to(&mut key);
	key
}

/// The record of `job` of `operator`, if one is stored and readable.
pub fn record<T: Config>(operator: &T::AccountId, job: JobId) -> Option<Record> {
	let key = storage_key(RECORD_PREFIX, (operator, job));
	match StorageValueRef::persistent(&key).get::<Record>() {
		Ok(record) => record,
		Err(_) => {
			log::warn!(target: LOG_TARGET, "unreadable record of job {job}; ignored");
			None
		}
	}
}

/// The jobs of `operator` that have a record.
pub fn open_records<T: Config>(operator: &T::AccountId) -> Vec<JobId> {
	let key = storage_key(INDEX_PREFIX, operator);
	StorageValueRef::persistent(&key).get::<Vec<JobId>>().ok().flatten().unwrap_or_default()
}

fn store_index<T: Config>(operator: &T::AccountId, ids: &[JobId]) {
	let key = storage_key(INDEX_PREFIX, operator);
	if ids.is_empty() {
		sp_io::offchain::local_storage_clear(StorageKind::PERSISTENT, &key);
	} else {
		StorageValueRef::persistent(&key).set(&ids);
	}
}

/// Whether the engine may be asked about `job` of `operator` at `now` (no recent failure).
fn may_ask<T: Config>(operator: &T::AccountId, job: JobId, now: BlockNumberFor<T>) -> bool {
	let key = storage_key(RETRY_PREFIX, (operator, job));
	let retry_at = StorageValueRef::persistent(&key).get::<BlockNumberFor<T>>().ok().flatten();
	retry_at.is_none_or(|at| now >= at)
}

/// Ask the engine about `job` of `operator` again only `RETRY_AFTER_BLOCKS` blocks from `now`.
fn back_off<T: Config>(operator: &T::AccountId, job: JobId, now: BlockNumberFor<T>) {
	let key = storage_key(RETRY_PREFIX, (operator, job));
	StorageValueRef::persistent(&key).set(&now.saturating_add(RETRY_AFTER_BLOCKS.into()));
}

/// The worker's entry point: does the work of every operator with a key in the keystore.
pub(crate) fn run<T: Config>(now: BlockNumberFor<T>) {
	let mut done = BTreeSet::new();
	for account in Signer::<T, T::AuthorityId>::keystore_accounts() {
		let Some(operator) = Pallet::<T>::bound_operator(&account.public) else { continue };
		// One operator has one bound key; this only guards against doing its work twice.
		if !done.insert(operator.clone()) {
			continue;
		}
		let lock_key = storage_key(LOCK_PREFIX, &operator);
		// Long enough for the engine budget and the submission, so the lock does not lapse
		// mid-work.
		let lock_ms = ENGINE_BUDGET_MS.saturating_add(HTTP_TIMEOUT_MS);
		let mut lock =
			StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
				&lock_key,
				LOCK_BLOCKS,
				Duration::from_millis(lock_ms),
			);
		let Ok(_guard) = lock.try_lock() else {
			log::debug!(target: LOG_TARGET, "operator {operator:?} is being served by another worker");
			continue;
		};
		prune::<T>(&operator);
		let work = T::Jobs::pending_work(&operator);
		let reveals = reveals::<T>(&operator, &work, now);
		let commits = commits::<T>(&operator, &work, now);
		if reveals.is_empty() && commits.is_empty() {
			continue;
		}
		submit::<T>(&account.public, &operator, now, reveals, commits);
	}
}

/// Drop the records of jobs that are final (or gone, or no longer the operator's).
fn prune<T: Config>(operator: &T::AccountId) {
	let ids = open_records::<T>(operator);
	let (keep, drop): (Vec<JobId>, Vec<JobId>) = ids.iter().partition(|id| {
		T::Jobs::job(**id)
			.is_some_and(|info| !info.phase.is_final() && info.slot_of(operator).is_some())
	});
	if drop.is_empty() {
		return;
	}
	for id in drop.iter() {
		for prefix in [RECORD_PREFIX, RETRY_PREFIX] {
			let key = storage_key(prefix, (operator, *id));
			sp_io::offchain::local_storage_clear(StorageKind::PERSISTENT, &key);
		}
	}
	store_index::<T>(operator, &keep);
	log::debug!(target: LOG_TARGET, "pruned the records of final jobs {drop:?}");
}

/// Steps that can still be included before their deadline, earliest deadline first.
fn steps<T: Config>(
	work: &[PendingWork<BlockNumberFor<T>>],
	step: PendingStep,
	now: BlockNumberFor<T>,
) -> Vec<PendingWork<BlockNumberFor<T>>> {
	let next = now.saturating_add(1u32.into());
	let mut steps: Vec<_> =
		work.iter().filter(|w| w.step == step && w.deadline > next).copied().collect();
	steps.sort_by_key(|w| (w.deadline, w.job));
	steps
}

/// The reveals `operator` owes, from its stored records.
fn reveals<T: Config>(
	operator: &T::AccountId,
	work: &[PendingWork<BlockNumberFor<T>>],
	now: BlockNumberFor<T>,
) -> Vec<(JobId, Tensor, Salt)> {
	let mut batch = Vec::new();
	for w in steps::<T>(work, PendingStep::Reveal, now) {
		if batch.len() == T::MaxBatch::get() as usize {
			break;
		}
		let Some(rec) = record::<T>(operator, w.job) else {
			log::warn!(
				target: LOG_TARGET,
				"no stored output for job {} of operator {operator:?}: cannot reveal it",
				w.job,
			);
			continue;
		};
		let on_chain = T::Jobs::job(w.job)
			.and_then(|info| info.assignments.get(w.slot as usize).and_then(|a| a.commitment));
		if on_chain != Some(commitment(w.job, operator, &rec.output, &rec.salt)) {
			log::warn!(
				target: LOG_TARGET,
				"the stored output of job {} does not match the commitment on chain; not revealed",
				w.job,
			);
			continue;
		}
		batch.push((w.job, rec.output, rec.salt));
	}
	batch
}

/// The commitments `operator` owes: from stored records, or from the engine within this
/// block's budget.
fn commits<T: Config>(
	operator: &T::AccountId,
	work: &[PendingWork<BlockNumberFor<T>>],
	now: BlockNumberFor<T>,
) -> Vec<(JobId, H256)> {
	let mut batch = Vec::new();
	let mut engine = Engine::new();
	for w in steps::<T>(work, PendingStep::Commit, now) {
		if batch.len() == T::MaxBatch::get() as usize {
			break;
		}
		let Some(info) = T::Jobs::job(w.job) else { continue };
		let rec = match record::<T>(operator, w.job).filter(|rec| rec.is_for::<T>(&info)) {
			Some(rec) => rec,
			None if !may_ask::<T>(operator, w.job, now) => continue,
			None => match fresh_record::<T>(&mut engine, operator, w.job, &info) {
				Ok(rec) => rec,
				Err(Skip::EngineDown) => break,
				Err(Skip::Job) => continue,
				Err(Skip::Retry) => {
					back_off::<T>(operator, w.job, now);
					continue;
				}
			},
		};
		batch.push((w.job, commitment(w.job, operator, &rec.output, &rec.salt)));
	}
	batch
}

/// Why a job gets no commitment this time.
enum Skip {
	/// The engine cannot be reached, or this block's budget is spent: no use asking it about
	/// the other jobs in this block.
	EngineDown,
	/// This job failed (slow or error answer): try it again after a few blocks.
	Retry,
	/// This job cannot be committed now (wrong output, full index, changed record).
	Job,
}

/// Run job `id` on the engine and store its output with a fresh salt; the stored record.
fn fresh_record<T: Config>(
	engine: &mut Engine,
	operator: &T::AccountId,
	id: JobId,
	info: &JobOf<T>,
) -> Result<Record, Skip> {
	let (Some(input), Some(spec)) = (T::Jobs::input(id), T::Jobs::output_spec(&info.model)) else {
		log::warn!(target: LOG_TARGET, "job {id} has no input or model on chain");
		return Err(Skip::Job);
	};
	let request = InferRequest { model: info.model, input: input.into() };
	let output = match engine.infer(&request) {
		Ok(answer) => {
			let output = answer.output;
			let fits = OutputOf::<T>::try_from(output.clone()).is_ok();
			if answer.model != info.model ||
				output.validate().is_err() ||
				output.spec().ok() != Some(spec.clone()) ||
				!fits
			{
				log::warn!(
					target: LOG_TARGET,
					"the engine's output for job {id} is not of the model's declared spec \
					 (expected {spec:?}, got shape {:?} at precision {}); not committed",
					output.shape,
					output.precision,
				);
				return Err(Skip::Retry);
			}
			output
		},
		Err(EngineError::Refused(kind, why)) if kind.means_not_computable() => {
			log::info!(target: LOG_TARGET, "job {id}: the model cannot compute its input ({why})");
			Tensor::not_computable()
		},
		Err(e) => {
			log::warn!(target: LOG_TARGET, "job {id}: {e}; retried in {RETRY_AFTER_BLOCKS} blocks");
			return Err(match e {
				EngineError::Unreachable(_) | EngineError::OutOfBudget => Skip::EngineDown,
				_ => Skip::Retry,
			});
		},
	};

	let mut ids = open_records::<T>(operator);
	if !ids.contains(&id) {
		if ids.len() >= MAX_OPEN_RECORDS {
			log::warn!(target: LOG_TARGET, "too many open records; job {id} committed later");
			return Err(Skip::Job);
		}
		// Indexed before the record is written, so no record is ever left unindexed.
		ids.push(id);
		store_index::<T>(operator, &ids);
	}
	// The node's randomness, made distinct per operator and job even if it repeated.
	let salt: Salt =
		sp_io::hashing::blake2_256(&(sp_io::offchain::random_seed(), operator, id).encode());
	let fresh = Record { model: info.model, input_hash: info.input_hash, output, salt };
	// Compare-and-set: should another worker have stored this job's salt meanwhile (its lock
	// lapsed), that one is kept and used, so both submit the same commitment.
	let key = storage_key(RECORD_PREFIX, (operator, id));
	let stored = StorageValueRef::persistent(&key).mutate(|old: Result<Option<Record>, _>| {
		match old {
			Ok(Some(existing)) if existing.is_for::<T>(info) => Err(existing),
			_ => Ok(fresh),
		}
	});
	match stored {
		Ok(rec) | Err(MutateStorageError::ValueFunctionFailed(rec)) => Ok(rec),
		Err(MutateStorageError::ConcurrentModification(_)) => {
			log::warn!(target: LOG_TARGET, "the record of job {id} changed underneath; retried later");
			Err(Skip::Job)
		},
	}
}

/// Sign `reveals` and `commits` of `operator` with `key` and submit them as one unsigned
/// [`submit_steps`](crate::Pallet::submit_steps).
fn submit<T: Config>(
	key: &<T as SigningTypes>::Public,
	operator: &T::AccountId,
	now: BlockNumberFor<T>,
	reveals: Vec<(JobId, Tensor, Salt)>,
	commits: Vec<(JobId, H256)>,
) {
	let revealed: Vec<JobId> = reveals.iter().map(|(id, _, _)| *id).collect();
	let committed: Vec<JobId> = commits.iter().map(|(id, _)| *id).collect();
	let steps: StepsOf<T> = crate::OperatorSteps { key: key.clone(), at: now, reveals, commits };
	let signer = Signer::<T, T::AuthorityId>::any_account()
		.with_filter(vec![key.clone()]);
	let sent = signer.send_unsigned_transaction(
		|_| steps.clone(),
		|steps, signature| Call::submit_steps { steps, signature },
	);
	match sent {
		Some((_, Ok(()))) => log::info!(
			target: LOG_TARGET,
			"operator {operator:?}: sent reveals of {revealed:?} and commitments to {committed:?}",
		),
		// Usually a batch already waiting in the pool covers the same steps.
		Some((_, Err(()))) => log::debug!(
			target: LOG_TARGET,
			"the pool did not take the steps of {operator:?} (already waiting?); sent again next block",
		),
		None => log::warn!(
			target: LOG_TARGET,
			"no key in the keystore can sign for {:?}",
			key.clone().into_account(),
		),
	}
}

/// The engine's base URL: the node's `--inference-engine-url`, or the default.
fn engine_url() -> String {
	sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, ENGINE_URL_STORAGE_KEY)
		.and_then(|raw| String::from_utf8(raw).ok())
		.map(|url| String::from(url.trim().trim_end_matches('/')))
		.filter(|url| !url.is_empty())
		.unwrap_or_else(|| String::from(DEFAULT_ENGINE_URL))
}

/// What went wrong with an engine request.
enum EngineError {
	/// No answer: connection refused or I/O error.
	Unreachable(String),
	/// No answer in time.
	Timeout,
	/// This block's engine budget is spent.
	OutOfBudget,
	/// An error answer: its kind (if readable) and message.
	Refused(ErrorKind, String),
	/// An answer that is not a usable inference (unreadable body, unexpected status).
	Unusable(String),
}

impl core::fmt::Display for EngineError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			Self::Unreachable(why) => write!(f, "inference engine unreachable ({why})"),
			Self::Timeout => write!(f, "inference engine did not answer in {HTTP_TIMEOUT_MS} ms"),
			Self::OutOfBudget => write!(f, "this block's time for engine requests is spent"),
			Self::Refused(kind, why) => write!(f, "inference engine refused ({kind:?}: {why})"),
			Self::Unusable(why) => write!(f, "unusable engine answer ({why})"),
		}
	}
}

/// The local engine as one block's worker sees it: its URL and the time left.
struct Engine {
	url: Option<String>,
	budget_ends: Timestamp,
}

impl Engine {
	fn new() -> Self {
		let budget_ends = sp_io::offchain::timestamp().add(Duration::from_millis(ENGINE_BUDGET_MS));
		Self { url: None, budget_ends }
	}

	/// `POST {url}/v1/infer` with `request`, within the request timeout and the block's budget.
	fn infer(&mut self, request: &InferRequest) -> Result<InferResponse, EngineError> {
		let now = sp_io::offchain::timestamp();
		if now >= self.budget_ends {
			return Err(EngineError::OutOfBudget);
		}
		let deadline = core::cmp::min(
			now.add(Duration::from_millis(HTTP_TIMEOUT_MS)),
			self.budget_ends,
		);
		let url = self.url.get_or_insert_with(engine_url);
		let body = serde_json::to_vec(request)
			.map_err(|e| EngineError::Unusable(format!("request not encodable: {e}")))?;
		let endpoint = format!("{url}{INFER_PATH}");
		let pending = http::Request::post(&endpoint, vec![body])
			.add_header("Content-Type", "application/json")
			.deadline(deadline)
			.send()
			.map_err(|e| EngineError::Unreachable(format!("{e:?}")))?;
		let response = match pending.try_wait(deadline) {
			Ok(Ok(response)) => response,
			Ok(Err(http::Error::DeadlineReached)) | Err(_) => return Err(EngineError::Timeout),
			Ok(Err(e)) => return Err(EngineError::Unreachable(format!("{e:?}"))),
		};
		let mut reader = response.body();
		reader.deadline(deadline);
		let bytes: Vec<u8> = reader.by_ref().take(MAX_BODY_BYTES + 1).collect();
		if let Some(e) = reader.error() {
			return Err(match e {
				sp_runtime::offchain::HttpError::DeadlineReached => EngineError::Timeout,
				e => EngineError::Unreachable(format!("reading the answer: {e:?}")),
			});
		}
		if response.code != 200 {
			return Err(match serde_json::from_slice::<ErrorResponse>(&bytes) {
				Ok(e) => EngineError::Refused(e.kind, e.error),
				Err(_) => EngineError::Unusable(format!(
					"status {}: {}",
					response.code,
					String::from_utf8_lossy(&bytes)
				)),
			});
		}
		if bytes.len() > MAX_BODY_BYTES {
			return Err(EngineError::Unusable(String::from("answer too large")));
		}
		serde_json::from_slice::<InferResponse>(&bytes)
			.map_err(|e| EngineError::Unusable(format!("unreadable answer: {e}")))
	}
}
