//! # The operators' off-chain worker
//!
//! Runs in every node with off-chain workers enabled, once per imported block
//! ([`Pallet::offchain_worker`](crate::Pallet)), and does the operator's part of every job
//! assigned to it: run the model on the local inference engine, commit, reveal.
//!
//! ## Who it works for
//!
//! Every `infr` key (sr25519, [`verinfer_primitives::crypto::INFR`]) in the node's keystore
//! whose account is bound to an operator: the key's account is turned into a key by
//! [`Config::SignerToKey`] and the operator found by [`Config::OperatorKeys`], exactly as the
//! `commit` and `reveal` calls do with their signer. Keys of no operator are ignored. Its to-do
//! list is `JobsInterface::pending_work(operator)`.
//!
//! Transactions are signed by the key itself (`frame_system::offchain::Signer` filtered to that
//! key), so **the key's account must hold a little balance**: the transaction fee is withdrawn
//! when the pool validates the transaction and refunded after a successful dispatch
//! (`Pays::No`). Genesis presets should endow the accounts of their demo `infr` keys.
//!
//! ## Each block, for each operator
//!
//! 1. **Lock.** A [`StorageLock`] (block and time deadline) per operator, so workers of blocks
//!    imported in quick succession never do the same operator's work concurrently.
//! 2. **Prune** the records of jobs that reached a final state (see *Records*).
//! 3. **Reveal.** For every job in its reveal phase that the operator committed to and has not
//!    revealed: the stored output and salt, checked against the on-chain commitment (a batch is
//!    all or nothing, so one bad item must not sink the others). One batched
//!    [`reveal`](crate::Pallet::reveal) of at most `MaxBatch` items. Without a stored record
//!    (the keystore moved to another node, the off-chain database was lost) the job is skipped
//!    with a warning: nobody can reveal without the salt. Reveals go first because they need no
//!    engine call and miss nothing if the engine is slow.
//! 4. **Commit.** For every job awaiting the operator's commitment: `POST {engine}/v1/infer`
//!    with the job's input ([`InferRequest`], JSON); the answer's output must be of the model's
//!    declared output spec (otherwise it agrees with nothing and would only earn a slash, so it
//!    is not committed). A fresh 32-byte salt is drawn (`random_seed`, hashed with operator and
//!    job), the output and salt are **stored before anything is submitted**, then one batched
//!    [`commit`](crate::Pallet::commit) of at most `MaxBatch` commitments is sent.
//!
//! Steps whose deadline is the next block or earlier are left out: they could not be included
//! in time and would fail the whole batch.
//!
//! ## Resubmission
//!
//! The record of a job remembers the block at which its commit and its reveal were last
//! submitted. While the chain still shows the step pending, it is not sent again until
//! [`Config::ResubmitAfter`] blocks later; then it is sent again from the **same stored output
//! and salt** (a salt is never drawn twice for a job, or the later reveal would not match the
//! commitment that got in). A submission the pool refuses (for instance because an earlier one
//! with the same nonce is still pending) is not recorded and is tried again on the next block.
//! The worker signs with the nonce of the state it runs on, so a new batch may also replace a
//! pending one of the same nonce in the pool; the replaced batch is sent again in the same way.
//!
//! ## Engine
//!
//! The engine URL is read from persistent off-chain storage under
//! [`ENGINE_URL_STORAGE_KEY`], where the node writes its `--inference-engine-url` flag, with
//! [`DEFAULT_ENGINE_URL`] as fallback. Every request has a deadline of [`HTTP_TIMEOUT_MS`].
//! An unreachable engine ends the commit step for this block; an error answer (4xx, 5xx) skips
//! that job. Either is logged as a warning (target `settlement::ocw`) and retried on a later
//! block; the worker never panics.
//!
//! ## Records
//!
//! Persistent off-chain storage (it survives restarts), keys SCALE-appended to their prefix:
//!
//! | key | value |
//! |---|---|
//! | `verinfer::ocw::job::` ++ (operator, job) | [`Record`]: output, salt, submission blocks |
//! | `verinfer::ocw::open::` ++ operator | the jobs that have a record, at most [`MAX_OPEN_RECORDS`] |
//! | `verinfer::ocw::lock::` ++ operator | the operator's lock |
//!
//! Records are keyed by the operator account, not the key, because the commitment binds the
//! operator: a record stays valid if the operator rebinds its key within the same node. A record
//! also holds the job's model and input hash, so one left over from another chain with the
//! same job ids is recognised and never committed or revealed. A record is removed once its
//! job is final.

use crate::{Call, Config, JobOf, KeyOf, OutputOf};
use alloc::{collections::BTreeSet, format, string::String, vec, vec::Vec};
use codec::{Decode, Encode};
use frame_support::{traits::Get, Parameter};
use frame_system::{
	offchain::{Account, SendSignedTransaction, Signer},
	pallet_prelude::BlockNumberFor,
};
use verinfer_primitives::{
	jobs::{JobInfo, PendingStep, PendingWork},
	traits::{JobsInterface, OperatorKeyLookup},
};
use sp_core::H256;
use sp_runtime::{
	offchain::{
		http,
		storage::{MutateStorageError, StorageValueRef},
		storage_lock::{BlockAndTime, StorageLock},
		Duration, StorageKind,
	},
	traits::{Convert, Saturating},
};
use verinfer_primitives::{
	commitment::{commitment, Salt},
	engine::{
		ErrorResponse, InferRequest, InferResponse, DEFAULT_ENGINE_URL, ENGINE_URL_STORAGE_KEY,
		INFER_PATH, MAX_BODY_BYTES,
	},
	tensor::Tensor,
	JobId, ModelId,
};

/// Log target of the off-chain worker.
pub const LOG_TARGET: &str = "settlement::ocw";
/// Prefix of the per-job records.
pub const RECORD_PREFIX: &[u8] = b"verinfer::ocw::job::";
/// Prefix of the per-operator index of open records.
pub const INDEX_PREFIX: &[u8] = b"verinfer::ocw::open::";
/// Prefix of the per-operator locks.
pub const LOCK_PREFIX: &[u8] = b"verinfer::ocw::lock::";
/// Deadline of one engine request, in milliseconds.
pub const HTTP_TIMEOUT_MS: u64 = 2_000;
/// Most jobs with a record per operator; well above what an operator may have open at once.
pub const MAX_OPEN_RECORDS: usize = 256;
/// Blocks after which a lock left by a worker that died is taken over (together with the time).
const LOCK_BLOCKS: u32 = 2;

/// What the worker keeps about one job of one operator.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
pub struct Record<BlockNumber> {
	/// The job's model, to recognise a record of another chain's job of the same id.
	pub model: ModelId,
	/// The job's input hash, for the same reason.
	pub input_hash: H256,
	/// The canonical output the engine answered.
	pub output: Tensor,
	/// The salt of the commitment.
	pub salt: Salt,
	/// Block at which the commit was last submitted.
	pub commit_sent_at: Option<BlockNumber>,
	/// Block at which the reveal was last submitted.
	pub reveal_sent_at: Option<BlockNumber>,
}

/// The storage key of `parts` under `prefix`.
fn storage_key(prefix: &[u8], parts: impl Encode) -> Vec<u8> {
	let mut key = prefix.to_vec();
	parts.encode_to(&mut key);
	key
}

/// The record of `job` of `operator`, if one is stored and readable.
pub fn record<T: Config>(operator: &T::AccountId, job: JobId) -> Option<Record<BlockNumberFor<T>>> {
	let key = storage_key(RECORD_PREFIX, (operator, job));
	match StorageValueRef::persistent(&key).get::<Record<BlockNumberFor<T>>>() {
		Ok(record) => record,
		Err(_) => {
			log::warn!(target: LOG_TARGET, "unreadable record of job {job}; ignored");
			None
		}
	}
}

fn store_record<T: Config>(
	operator: &T::AccountId,
	job: JobId,
	record: &Record<BlockNumberFor<T>>,
) {
	StorageValueRef::persistent(&storage_key(RECORD_PREFIX, (operator, job))).set(record);
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

impl<BlockNumber> Record<BlockNumber> {
	/// Whether this record belongs to job `info` (and not to another chain's job of the id).
	fn is_for<A: Parameter, B: Parameter, N: Parameter, R: Get<u32>>(
		&self,
		info: &JobInfo<A, B, N, R>,
	) -> bool {
		self.model == info.model && self.input_hash == info.input_hash
	}
}

/// Whether a step last sent at `sent_at` may be sent (again) at block `now`.
fn due<T: Config>(sent_at: Option<BlockNumberFor<T>>, now: BlockNumberFor<T>) -> bool {
	sent_at.is_none_or(|at| now >= at.saturating_add(T::ResubmitAfter::get()))
}

/// The worker's entry point: does the work of every operator with a key in the keystore.
pub(crate) fn run<T: Config>(now: BlockNumberFor<T>) {
	let mut done = BTreeSet::new();
	for account in Signer::<T, T::AuthorityId>::keystore_accounts() {
		let Some(operator) = T::SignerToKey::convert(account.id.clone())
			.and_then(|key: KeyOf<T>| T::OperatorKeys::operator_of(&key))
		else {
			continue;
		};
		// One operator has one bound key; this only guards against doing its work twice.
		if !done.insert(operator.clone()) {
			continue;
		}
		let lock_key = storage_key(LOCK_PREFIX, &operator);
		// Long enough for a full batch of engine calls, so the lock does not lapse mid-work.
		let lock_ms = HTTP_TIMEOUT_MS.saturating_mul(T::MaxBatch::get() as u64 + 2);
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
		reveal_step::<T>(&account, &operator, &work, now);
		commit_step::<T>(&account, &operator, &work, now);
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
		let key = storage_key(RECORD_PREFIX, (operator, *id));
		sp_io::offchain::local_storage_clear(StorageKind::PERSISTENT, &key);
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

fn reveal_step<T: Config>(
	account: &Account<T>,
	operator: &T::AccountId,
	work: &[PendingWork<BlockNumberFor<T>>],
	now: BlockNumberFor<T>,
) {
	let max = T::MaxBatch::get() as usize;
	let mut batch = Vec::new();
	for w in steps::<T>(work, PendingStep::Reveal, now) {
		if batch.len() == max {
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
		if !due::<T>(rec.reveal_sent_at, now) {
			continue;
		}
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
	if batch.is_empty() {
		return;
	}
	let jobs: Vec<JobId> = batch.iter().map(|(id, _, _)| *id).collect();
	submit_and_mark_sent::<T>(account, operator, Call::reveal { reveals: batch }, &jobs, |rec| {
		rec.reveal_sent_at = Some(now)
	});
}

fn commit_step<T: Config>(
	account: &Account<T>,
	operator: &T::AccountId,
	work: &[PendingWork<BlockNumberFor<T>>],
	now: BlockNumberFor<T>,
) {
	let max = T::MaxBatch::get() as usize;
	let mut batch = Vec::new();
	let mut url = None;
	let mut engine_down = false;
	for w in steps::<T>(work, PendingStep::Commit, now) {
		if batch.len() == max {
			break;
		}
		let Some(info) = T::Jobs::job(w.job) else { continue };
		let stored = record::<T>(operator, w.job).filter(|rec| rec.is_for(&info));
		let rec = match stored {
			// Sent before and maybe still on its way: only resend after `ResubmitAfter`.
			Some(rec) if !due::<T>(rec.commit_sent_at, now) => continue,
			Some(rec) => rec,
			None if engine_down => continue,
			None => {
				let url = url.get_or_insert_with(engine_url);
				match fresh_record::<T>(url, operator, w.job, &info) {
					Ok(rec) => rec,
					Err(Skip::EngineDown) => {
						engine_down = true;
						continue;
					}
					Err(Skip::Job) => continue,
				}
			}
		};
		batch.push((w.job, commitment(w.job, operator, &rec.output, &rec.salt)));
	}
	if batch.is_empty() {
		return;
	}
	let jobs: Vec<JobId> = batch.iter().map(|(id, _)| *id).collect();
	submit_and_mark_sent::<T>(account, operator, Call::commit { commitments: batch }, &jobs, |rec| {
		rec.commit_sent_at = Some(now)
	});
}

/// Submit `call` (a batch for `jobs`) signed by `account`; if the pool took it, mark each job's
/// record as sent now (`mark`), so the step is not sent again before `ResubmitAfter`.
fn submit_and_mark_sent<T: Config>(
	account: &Account<T>,
	operator: &T::AccountId,
	call: Call<T>,
	jobs: &[JobId],
	mark: impl Fn(&mut Record<BlockNumberFor<T>>),
) {
	let step = match call {
		Call::commit { .. } => "committed",
		_ => "revealed",
	};
	if !submit::<T>(account, call) {
		return;
	}
	log::info!(target: LOG_TARGET, "{step} jobs {jobs:?} for operator {operator:?}");
	for id in jobs {
		if let Some(mut rec) = record::<T>(operator, *id) {
			mark(&mut rec);
			store_record::<T>(operator, *id, &rec);
		}
	}
}

/// Why a job gets no commitment this time.
enum Skip {
	/// The engine cannot be reached: no use asking it about the other jobs either.
	EngineDown,
	/// This job cannot be committed now (error answer, wrong output, full index).
	Job,
}

/// Run job `id` on the engine and store its output with a fresh salt; the stored record.
fn fresh_record<T: Config>(
	url: &str,
	operator: &T::AccountId,
	id: JobId,
	info: &JobOf<T>,
) -> Result<Record<BlockNumberFor<T>>, Skip> {
	let (Some(input), Some(spec)) = (T::Jobs::input(id), T::Jobs::output_spec(&info.model)) else {
		log::warn!(target: LOG_TARGET, "job {id} has no input or model on chain");
		return Err(Skip::Job);
	};
	let request = InferRequest { model: info.model, input: input.into() };
	let answer = infer(url, &request).map_err(|e| {
		match &e {
			EngineError::Unreachable(why) => log::warn!(
				target: LOG_TARGET,
				"inference engine at {url} unreachable ({why}); job {id} retried on a later block",
			),
			EngineError::Answered(why) => log::warn!(
				target: LOG_TARGET,
				"inference engine refused job {id} ({why}); retried on a later block",
			),
		}
		match e {
			EngineError::Unreachable(_) => Skip::EngineDown,
			EngineError::Answered(_) => Skip::Job,
		}
	})?;
	let output = answer.output;
	let fits = OutputOf::<T>::try_from(output.clone()).is_ok();
	if answer.model != info.model
		|| output.validate().is_err()
		|| output.spec().ok() != Some(spec.clone())
		|| !fits
	{
		log::warn!(
			target: LOG_TARGET,
			"the engine's output for job {id} is not of the model's declared spec \
			 (expected {spec:?}, got shape {:?} at precision {}); not committed",
			output.shape,
			output.precision,
		);
		return Err(Skip::Job);
	}

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
	let fresh = Record {
		model: info.model,
		input_hash: info.input_hash,
		output,
		salt,
		commit_sent_at: None,
		reveal_sent_at: None,
	};
	// Compare-and-set: should another worker have stored this job's salt meanwhile (its lock
	// lapsed), that one is kept and used, so both submit the same commitment.
	let key = storage_key(RECORD_PREFIX, (operator, id));
	let stored = StorageValueRef::persistent(&key).mutate(
		|old: Result<Option<Record<BlockNumberFor<T>>>, _>| match old {
			Ok(Some(existing)) if existing.is_for(info) => Err(existing),
			_ => Ok(fresh),
		},
	);
	match stored {
		Ok(rec) | Err(MutateStorageError::ValueFunctionFailed(rec)) => Ok(rec),
		Err(MutateStorageError::ConcurrentModification(_)) => {
			log::warn!(target: LOG_TARGET, "the record of job {id} changed underneath; retried later");
			Err(Skip::Job)
		}
	}
}

/// Sign `call` with the key of `account` and submit it to the pool; whether the pool took it.
fn submit<T: Config>(account: &Account<T>, call: Call<T>) -> bool {
	let signer =
		Signer::<T, T::AuthorityId>::any_account().with_filter(vec![account.public.clone()]);
	match signer.send_signed_transaction(|_| call.clone()) {
		Some((_, Ok(()))) => true,
		Some((_, Err(()))) => {
			log::warn!(target: LOG_TARGET, "the pool refused a transaction of {:?}; retried later", account.id);
			false
		}
		None => {
			log::warn!(target: LOG_TARGET, "no key in the keystore can sign for {:?}", account.id);
			false
		}
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
	/// No answer: connection refused, deadline, I/O error.
	Unreachable(String),
	/// An answer, but not a usable inference (error status or unreadable body).
	Answered(String),
}

/// `POST {url}/v1/infer` with `request`.
fn infer(url: &str, request: &InferRequest) -> Result<InferResponse, EngineError> {
	let body = serde_json::to_vec(request)
		.map_err(|e| EngineError::Answered(format!("request not encodable: {e}")))?;
	let deadline = sp_io::offchain::timestamp().add(Duration::from_millis(HTTP_TIMEOUT_MS));
	let endpoint = format!("{url}{INFER_PATH}");
	let pending = http::Request::post(&endpoint, vec![body])
		.add_header("Content-Type", "application/json")
		.deadline(deadline)
		.send()
		.map_err(|e| EngineError::Unreachable(format!("{e:?}")))?;
	let response = match pending.try_wait(deadline) {
		Ok(Ok(response)) => response,
		Ok(Err(e)) => return Err(EngineError::Unreachable(format!("{e:?}"))),
		Err(_) => return Err(EngineError::Unreachable(String::from("deadline reached"))),
	};
	let mut reader = response.body();
	reader.deadline(deadline);
	let bytes: Vec<u8> = reader.by_ref().take(MAX_BODY_BYTES + 1).collect();
	if let Some(e) = reader.error() {
		return Err(EngineError::Unreachable(format!("reading the answer: {e:?}")));
	}
	if response.code != 200 {
		let message = serde_json::from_slice::<ErrorResponse>(&bytes)
			.map(|e| e.error)
			.unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned());
		return Err(EngineError::Answered(format!("status {}: {message}", response.code)));
	}
	if bytes.len() > MAX_BODY_BYTES {
		return Err(EngineError::Answered(String::from("answer too large")));
	}
	serde_json::from_slice::<InferResponse>(&bytes)
		.map_err(|e| EngineError::Answered(format!("unreadable answer: {e}")))
}
