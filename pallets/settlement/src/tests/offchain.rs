//! The off-chain worker: engine calls, one signed batch of reveals and commitments per block,
//! stored salts, locks, sending again, failures that cost only their job, restarts and pruning.
//!
//! A [`Node`] is one mock chain with the off-chain extensions of a node that holds the `infr`
//! key of operator 101: a mocked engine (expected HTTP requests), a transaction pool whose
//! transactions the tests decode, and a persistent off-chain database a restart keeps.

use crate::{
	mock::*,
	offchain::{self, Record, HTTP_TIMEOUT_MS, LOCK_PREFIX, RETRY_AFTER_BLOCKS},
	Call as SettlementCall, OperatorSteps,
};
use codec::{Decode, Encode};
use frame_support::traits::Hooks;
use verinfer_primitives::jobs::JobPhase;
use parking_lot::RwLock;
use sp_core::{
	offchain::{
		testing::{
			OffchainState, PendingRequest, PoolState, TestOffchainExt, TestPersistentOffchainDB,
			TestTransactionPoolExt,
		},
		DbExternalities, Externalities, HttpError, HttpRequestId, HttpRequestStatus, KeyTypeId,
		OffchainDbExt, OffchainWorkerExt, OpaqueNetworkState, StorageKind, Timestamp,
		TransactionPoolExt,
	},
	sr25519, OpaquePeerId, Pair, H256,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{
	generic::Preamble,
	traits::{Dispatchable, ValidateUnsigned},
	transaction_validity::{InvalidTransaction, TransactionSource},
};
use std::{collections::VecDeque, sync::Arc};
use verinfer_primitives::{
	commitment::commitment,
	crypto::INFR,
	engine::{
		ErrorKind, ErrorResponse, InferRequest, InferResponse, DEFAULT_ENGINE_URL,
		ENGINE_URL_STORAGE_KEY,
	},
	tensor::Tensor,
	JobId,
};

/// The operator whose key the node holds, and that key's account.
const OP: AccountId = 101;
const OP_KEY: AccountId = OP + KEY_OFFSET;

/// The off-chain externalities of a test node: [`TestOffchainExt`], except that a test can make
/// HTTP requests end with a status of its choice (an engine that is down, slow or failing):
/// the next ones from a queue, then every one with a fixed status, if set.
#[derive(Clone)]
struct Offchain {
	inner: TestOffchainExt,
	status: Arc<RwLock<HttpStatuses>>,
}

/// The statuses a test imposes on HTTP requests.
#[derive(Default)]
struct HttpStatuses {
	/// For the next requests, one each.
	next: VecDeque<HttpRequestStatus>,
	/// For every request after those.
	always: Option<HttpRequestStatus>,
}

impl Externalities for Offchain {
	fn is_validator(&self) -> bool {
		self.inner.is_validator()
	}
	fn network_state(&self) -> Result<OpaqueNetworkState, ()> {
		self.inner.network_state()
	}
	fn timestamp(&mut self) -> Timestamp {
		self.inner.timestamp()
	}
	fn sleep_until(&mut self, deadline: Timestamp) {
		self.inner.sleep_until(deadline)
	}
	fn random_seed(&mut self) -> [u8; 32] {
		self.inner.random_seed()
	}
	fn http_request_start(
		&mut self,
		method: &str,
		uri: &str,
		meta: &[u8],
	) -> Result<HttpRequestId, ()> {
		self.inner.http_request_start(method, uri, meta)
	}
	fn http_request_add_header(
		&mut self,
		id: HttpRequestId,
		name: &str,
		value: &str,
	) -> Result<(), ()> {
		self.inner.http_request_add_header(id, name, value)
	}
	fn http_request_write_body(
		&mut self,
		id: HttpRequestId,
		chunk: &[u8],
		deadline: Option<Timestamp>,
	) -> Result<(), HttpError> {
		self.inner.http_request_write_body(id, chunk, deadline)
	}
	fn http_response_wait(
		&mut self,
		ids: &[HttpRequestId],
		deadline: Option<Timestamp>,
	) -> Vec<HttpRequestStatus> {
		let mut statuses = self.status.write();
		if let Some(status) = statuses.next.pop_front() {
			return ids.iter().map(|_| status).collect();
		}
		match statuses.always {
			Some(status) => ids.iter().map(|_| status).collect(),
			None => self.inner.http_response_wait(ids, deadline),
		}
	}
	fn http_response_headers(&mut self, id: HttpRequestId) -> Vec<(Vec<u8>, Vec<u8>)> {
		self.inner.http_response_headers(id)
	}
	fn http_response_read_body(
		&mut self,
		id: HttpRequestId,
		buffer: &mut [u8],
		deadline: Option<Timestamp>,
	) -> Result<usize, HttpError> {
		self.inner.http_response_read_body(id, buffer, deadline)
	}
	fn set_authorized_nodes(&mut self, nodes: Vec<OpaquePeerId>, authorized_only: bool) {
		self.inner.set_authorized_nodes(nodes, authorized_only)
	}
}

impl DbExternalities for Offchain {
	fn local_storage_set(&mut self, kind: StorageKind, key: &[u8], value: &[u8]) {
		self.inner.local_storage_set(kind, key, value)
	}
	fn local_storage_clear(&mut self, kind: StorageKind, key: &[u8]) {
		self.inner.local_storage_clear(kind, key)
	}
	fn local_storage_compare_and_set(
		&mut self,
		kind: StorageKind,
		key: &[u8],
		old_value: Option<&[u8]>,
		new_value: &[u8],
	) -> bool {
		self.inner.local_storage_compare_and_set(kind, key, old_value, new_value)
	}
	fn local_storage_get(&mut self, kind: StorageKind, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.local_storage_get(kind, key)
	}
}

/// A mock chain seen from a node that holds operator [`OP`]'s `infr` key.
struct Node {
	ext: sp_io::TestExternalities,
	db: TestPersistentOffchainDB,
	http: Arc<RwLock<OffchainState>>,
	status: Arc<RwLock<HttpStatuses>>,
	pool: Arc<RwLock<PoolState>>,
	key: sr25519::Public,
}

impl Node {
	/// A fresh chain with operator [`OP`] (bond, serving model 1) and model 1 of policy
	/// `(k, q)`; `others` more operators `102..` serve it too.
	fn new(k: u32, q: u32, others: u64) -> Self {
		let mut ext = new_test_ext();
		ext.execute_with(|| {
			register(1, 0, k, q);
			add_operators(1 + others, &[model(1)]);
		});
		let db = TestPersistentOffchainDB::new();
		let (ext, http, status, pool, key) = Self::attach(ext, db.clone());
		Self { ext, db, http, status, pool, key }
	}

	/// Register the node's extensions on `ext`: fresh off-chain state on top of the persistent
	/// database `db`, a fresh pool, and a keystore with operator [`OP`]'s key.
	#[allow(clippy::type_complexity)]
	fn attach(
		mut ext: sp_io::TestExternalities,
		db: TestPersistentOffchainDB,
	) -> (
		sp_io::TestExternalities,
		Arc<RwLock<OffchainState>>,
		Arc<RwLock<HttpStatuses>>,
		Arc<RwLock<PoolState>>,
		sr25519::Public,
	) {
		let (inner, http) = TestOffchainExt::with_offchain_db(db);
		let status = Arc::new(RwLock::new(HttpStatuses::default()));
		let offchain = Offchain { inner, status: status.clone() };
		let (pool_ext, pool) = TestTransactionPoolExt::new();
		let keystore = MemoryKeystore::new();
		let key = keystore.sr25519_generate_new(INFR, Some("//Operator101")).unwrap();
		bind_key_account(key, OP_KEY);
		ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
		ext.register_extension(OffchainDbExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool_ext));
		ext.register_extension(KeystoreExt::new(keystore));
		(ext, http, status, pool, key)
	}

	/// The node restarts: the chain and the persistent off-chain database stay, everything else
	/// (off-chain local state, pool, in-memory keystore reloaded from its seed) is new.
	fn restart(self) -> Self {
		let Node { ext, db, .. } = self;
		let (ext, http, status, pool, key) = Self::attach(ext, db.clone());
		Self { ext, db, http, status, pool, key }
	}

	fn run<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	/// Run the off-chain worker at the current block. Any change it made to chain state is
	/// discarded, as a node does.
	fn ocw(&mut self) {
		self.run(|| {
			sp_io::storage::start_transaction();
			Settlement::offchain_worker(System::block_number());
			sp_io::storage::rollback_transaction();
		});
	}

	/// The engine will answer the next request for job input `input` with `answer`.
	fn expect_infer(&mut self, url: &str, input: &Tensor, answer: Vec<u8>) {
		let request = InferRequest { model: model(1), input: input.clone() };
		self.http.write().expect_request(PendingRequest {
			method: "POST".into(),
			uri: format!("{url}/v1/infer"),
			headers: vec![("Content-Type".into(), "application/json".into())],
			body: serde_json::to_vec(&request).unwrap(),
			response: Some(answer),
			sent: true,
			..Default::default()
		});
	}

	/// The engine will answer the next request with `out`.
	fn expect_output(&mut self, out: &Tensor) {
		self.expect_infer(DEFAULT_ENGINE_URL, &input(), answer(out));
	}

	/// Every transaction submitted since the last call, decoded.
	fn take_submitted(&mut self) -> Vec<Extrinsic> {
		std::mem::take(&mut self.pool.write().transactions)
			.into_iter()
			.map(|bytes| Extrinsic::decode(&mut &bytes[..]).unwrap())
			.collect()
	}

	/// The one transaction submitted since the last call: an unsigned `submit_steps` whose steps
	/// the node's key signed, valid for the pool; its call.
	fn take_one(&mut self) -> SettlementCall<Test> {
		let mut txs = self.take_submitted();
		assert_eq!(txs.len(), 1, "one transaction per block");
		let xt = txs.pop().unwrap();
		assert!(matches!(xt.preamble, Preamble::Bare(_)), "an unsigned transaction");
		let RuntimeCall::Settlement(call) = xt.function else { panic!("a settlement call") };
		let SettlementCall::submit_steps { steps, signature } = &call else {
			panic!("submit_steps")
		};
		assert_eq!(steps.key, TestSigner(self.key), "the node's key");
		assert!(sr25519::Pair::verify(signature, steps.encode(), &self.key), "signed by it");
		self.run(|| {
			Settlement::validate_unsigned(TransactionSource::Local, &call)
				.expect("the pool takes it")
		});
		call
	}

	/// The steps of the one transaction submitted since the last call: its reveals and its
	/// commitments. (A batch sent again is signed again; sr25519 signatures are randomized, so
	/// two sendings compare equal only by their steps.)
	fn take_steps(&mut self) -> (Vec<(JobId, Tensor, [u8; 32])>, Vec<(JobId, H256)>) {
		let SettlementCall::submit_steps { steps, .. } = self.take_one() else { unreachable!() };
		(steps.reveals, steps.commits)
	}

	/// Include `call` as the block that includes it would: validate it, then dispatch it.
	fn include(&mut self, call: SettlementCall<Test>) {
		self.run(|| {
			Settlement::pre_dispatch(&call).expect("still valid");
			RuntimeCall::Settlement(call).dispatch(RuntimeOrigin::none()).unwrap();
		});
	}

	/// The worker's record of job `id`.
	fn record(&mut self, id: JobId) -> Option<Record> {
		self.run(|| offchain::record::<Test>(&OP, id))
	}

	fn open_records(&mut self) -> Vec<JobId> {
		self.run(|| offchain::open_records::<Test>(&OP))
	}
}

/// The reveals and commitments of a `submit_steps` call.
fn steps_of(call: &SettlementCall<Test>) -> (Vec<(JobId, Tensor, [u8; 32])>, Vec<(JobId, H256)>) {
	let SettlementCall::submit_steps { steps, .. } = call else { panic!("submit_steps") };
	(steps.reveals.clone(), steps.commits.clone())
}

/// A successful engine answer with `out`.
fn answer(out: &Tensor) -> Vec<u8> {
	serde_json::to_vec(&InferResponse {
		model: model(1),
		output: out.clone(),
		output_hash: H256(out.canonical_hash()),
		engine_version: "verinfer-engine/test".into(),
		micros: 7,
	})
	.unwrap()
}

/// The commitment the record of job `id` stands for.
fn committed(record: &Record, id: JobId) -> H256 {
	commitment(id, &OP, &record.output, &record.salt)
}

#[test]
fn commits_a_batch_after_storing_output_and_salt() {
	let mut node = Node::new(1, 1, 0);
	let (a, b) = node.run(|| (submit(ALICE, 1), submit(BOB, 1)));
	node.expect_output(&output(1));
	node.expect_output(&output(1));
	node.ocw();

	let (ra, rb) = (node.record(a).unwrap(), node.record(b).unwrap());
	for r in [&ra, &rb] {
		assert_eq!(r.output, output(1));
	}
	assert_ne!(ra.salt, rb.salt, "a fresh salt per job");
	assert_eq!(node.open_records(), vec![a, b]);
	assert_eq!(node.take_steps(), (vec![], vec![(a, committed(&ra, a)), (b, committed(&rb, b))]));
}

#[test]
fn the_engine_url_comes_from_the_node() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.run(|| {
		sp_io::offchain::local_storage_set(
			StorageKind::PERSISTENT,
			ENGINE_URL_STORAGE_KEY,
			b"http://engine.test:8080/",
		)
	});
	node.expect_infer("http://engine.test:8080", &input(), answer(&output(3)));
	node.ocw();
	let record = node.record(id).unwrap();
	assert_eq!(node.take_steps(), (vec![], vec![(id, committed(&record, id))]));
}

#[test]
fn the_commit_is_accepted_and_the_reveal_uses_the_stored_salt() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.expect_output(&output(4));
	node.ocw();
	let commit = node.take_one();
	node.include(commit);
	node.run(|| {
		assert_eq!(job(id).phase, JobPhase::Revealing, "k = 1: all committed");
		run_to_block(2);
	});

	node.ocw();
	let record = node.record(id).unwrap();
	assert_eq!(node.take_steps(), (vec![(id, output(4), record.salt)], vec![]));
}

#[test]
fn pending_steps_are_sent_again_from_the_record_without_asking_the_engine() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.expect_output(&output(2));
	node.ocw();
	let first = node.take_one();
	let first_steps = steps_of(&first);

	// Not included (dropped, crowded out): every block sends it again, the same commitment.
	// No engine request is expected: one would panic in the mocked HTTP.
	for block in [1, 2, 3] {
		node.run(|| run_to_block(block));
		node.ocw();
		assert_eq!(node.take_steps(), first_steps, "block {block}: the same steps again");
	}

	// Included at last: the reveal matches, and is sent again until included too.
	node.include(first);
	node.run(|| run_to_block(4));
	node.ocw();
	let reveal = node.take_one();
	node.ocw();
	assert_eq!(node.take_steps(), steps_of(&reveal));
	node.include(reveal);
	node.run(|| assert_eq!(job(id).phase, JobPhase::Verified));
	node.ocw();
	assert!(node.take_submitted().is_empty(), "nothing left to do");
}

#[test]
fn an_unreachable_engine_submits_nothing_and_is_retried() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.status.write().always = Some(HttpRequestStatus::IoError);
	node.expect_output(&output(1));
	node.ocw();
	assert!(node.take_submitted().is_empty());
	assert_eq!(node.record(id), None, "nothing stored");

	// Up again, the next block.
	node.run(|| run_to_block(2));
	node.status.write().always = None;
	node.expect_output(&output(1));
	node.ocw();
	let record = node.record(id).unwrap();
	assert_eq!(node.take_steps(), (vec![], vec![(id, committed(&record, id))]));
}

#[test]
fn a_slow_or_failing_job_costs_only_itself() {
	let mut node = Node::new(1, 1, 0);
	let (a, b) = node.run(|| (submit(ALICE, 1), submit(BOB, 1)));
	// `a`'s request times out; `b`'s is answered in the same run.
	node.status.write().next.push_back(HttpRequestStatus::DeadlineReached);
	node.expect_output(&output(1));
	node.expect_output(&output(2));
	node.ocw();
	assert_eq!(node.record(a), None);
	let rb = node.record(b).unwrap();
	assert_eq!(node.take_steps(), (vec![], vec![(b, committed(&rb, b))]));

	// `a` is left alone for a few blocks (no engine request, which would panic), while `b`'s
	// commitment keeps being sent.
	node.ocw();
	assert_eq!(node.take_steps(), (vec![], vec![(b, committed(&rb, b))]));

	// Then asked again.
	node.run(|| run_to_block(1 + RETRY_AFTER_BLOCKS as u64));
	node.expect_output(&output(1));
	node.ocw();
	let ra = node.record(a).unwrap();
	assert_eq!(
		node.take_steps(),
		(vec![], vec![(a, committed(&ra, a)), (b, committed(&rb, b))])
	);
}

#[test]
fn an_engine_error_answer_submits_nothing_and_is_retried() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	for (status, kind) in [(500, ErrorKind::InferenceFailed), (404, ErrorKind::UnknownModel)] {
		node.status.write().next.push_back(HttpRequestStatus::Finished(status));
		let error = ErrorResponse { error: "no luck".into(), kind };
		node.expect_infer(DEFAULT_ENGINE_URL, &input(), serde_json::to_vec(&error).unwrap());
		node.ocw();
		assert!(node.take_submitted().is_empty());
		assert_eq!(node.record(id), None);
		node.run(|| run_to_block(System::block_number() + RETRY_AFTER_BLOCKS as u64));
	}
	node.expect_output(&output(1));
	node.ocw();
	assert_eq!(node.take_submitted().len(), 1);
}

#[test]
fn an_input_the_model_cannot_compute_is_answered_as_not_computable() {
	for kind in [ErrorKind::OutputNotRepresentable, ErrorKind::InputOutOfRange] {
		let mut node = Node::new(1, 1, 0);
		let id = node.run(|| submit(ALICE, 1));
		node.status.write().next.push_back(HttpRequestStatus::Finished(422));
		let error = ErrorResponse { error: "cannot".into(), kind };
		node.expect_infer(DEFAULT_ENGINE_URL, &input(), serde_json::to_vec(&error).unwrap());
		node.ocw();
		let record = node.record(id).expect("an answer was stored");
		assert_eq!(record.output, Tensor::not_computable(), "{kind:?}");
		let commit = node.take_one();
		node.include(commit);
		node.run(|| run_to_block(2));
		node.ocw();
		let reveal = node.take_one();
		node.include(reveal);
		node.run(|| {
			let j = job(id);
			assert_eq!(j.phase, JobPhase::Verified, "not computable is an answer");
			assert_eq!(
				j.result_hash,
				Some(H256(Tensor::not_computable().canonical_hash())),
				"{kind:?}"
			);
		});
	}
}

#[test]
fn an_output_of_the_wrong_spec_is_not_committed() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	let wrong_shape = Tensor::new(vec![1, 2], vec![1, 2], 4);
	let wrong_precision = Tensor::new(vec![1, 3], vec![1, 2, 3], 2);
	let malformed = Tensor::new(vec![1, 3], vec![1, 2], 4);
	for out in [wrong_shape, wrong_precision, malformed] {
		node.expect_output(&out);
		node.ocw();
		assert!(node.take_submitted().is_empty());
		assert_eq!(node.record(id), None);
		node.run(|| run_to_block(System::block_number() + RETRY_AFTER_BLOCKS as u64));
	}
	// Not JSON of an answer at all.
	node.expect_infer(DEFAULT_ENGINE_URL, &input(), b"{\"oops\": 1}".to_vec());
	node.ocw();
	assert!(node.take_submitted().is_empty());
	assert!(node.open_records().is_empty());
}

#[test]
fn a_restarted_node_reveals_from_the_persistent_record() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.expect_output(&output(5));
	node.ocw();
	let commit = node.take_one();
	let salt = node.record(id).unwrap().salt;
	node.include(commit);
	node.run(|| run_to_block(2));

	let mut node = node.restart();
	assert_eq!(node.record(id).unwrap().salt, salt, "the record survived");
	node.ocw();
	let reveal = node.take_one();
	assert!(matches!(&reveal, SettlementCall::submit_steps { steps, .. }
		if steps.reveals == vec![(id, output(5), salt)]));
	node.include(reveal);
	node.run(|| assert_eq!(job(id).phase, JobPhase::Verified));
}

#[test]
fn a_restarted_node_does_not_commit_twice_or_redraw_the_salt() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.expect_output(&output(5));
	node.ocw();
	let first = node.take_one();
	let salt = node.record(id).unwrap().salt;

	let mut node = node.restart();
	// No engine call (it would panic): the same commitment from the stored record.
	node.ocw();
	assert_eq!(node.take_steps(), steps_of(&first));
	assert_eq!(node.record(id).unwrap().salt, salt);
	// Included once; sending it again is refused by the pool and would change nothing.
	node.include(first.clone());
	node.run(|| {
		assert!(Settlement::validate_unsigned(TransactionSource::Local, &first).is_err());
		assert_eq!(
			events()
				.iter()
				.filter(|e| matches!(e, crate::Event::Committed { job, .. } if *job == id))
				.count(),
			1
		);
	});
}

#[test]
fn without_a_record_there_is_no_reveal() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| {
		let id = submit(ALICE, 1);
		// Committed from elsewhere (the key moved here without the off-chain database).
		commit(id, OP, &output(1));
		run_to_block(2);
		id
	});
	node.ocw();
	assert!(node.take_submitted().is_empty());
	node.run(|| assert_eq!(job(id).phase, JobPhase::Revealing));
}

#[test]
fn a_record_not_matching_the_chain_is_never_revealed() {
	let mut node = Node::new(1, 1, 0);
	let id = node.run(|| submit(ALICE, 1));
	node.expect_output(&output(1));
	node.ocw();
	let _ = node.take_one();
	// Another commitment got in for the operator (say, from another node with its key).
	node.run(|| {
		commit(id, OP, &output(9));
		run_to_block(2);
	});
	node.ocw();
	assert!(node.take_submitted().is_empty(), "the reveal could only fail");
}

#[test]
fn reveals_and_commits_go_in_one_transaction_of_at_most_max_batch_each() {
	// Four jobs; MaxBatch is 3.
	let mut node = Node::new(1, 1, 0);
	let ids: Vec<JobId> = node.run(|| (0..4).map(|_| submit(ALICE, 1)).collect());
	for _ in 0..3 {
		node.expect_output(&output(1));
	}
	node.ocw();
	let first = node.take_one();
	let SettlementCall::submit_steps { steps, .. } = &first else { unreachable!() };
	assert_eq!(steps.commits.iter().map(|c| c.0).collect::<Vec<_>>(), ids[..3].to_vec());
	node.include(first);
	node.run(|| run_to_block(2));

	// Next block: the three reveals and the fourth commitment, in one transaction.
	node.expect_output(&output(1));
	node.ocw();
	let (reveals, commits) = node.take_steps();
	assert_eq!(reveals.iter().map(|r| r.0).collect::<Vec<_>>(), ids[..3].to_vec());
	assert_eq!(commits.iter().map(|c| c.0).collect::<Vec<_>>(), vec![ids[3]]);
}

#[test]
fn steps_too_late_for_their_deadline_are_left_out() {
	let mut node = Node::new(1, 1, 0);
	node.run(|| {
		submit(ALICE, 1);
		// The commit deadline is block 1 + COMMIT_WINDOW; a commit sent now lands after it.
		run_to_block(COMMIT_WINDOW);
	});
	node.ocw();
	assert!(node.take_submitted().is_empty());
}

#[test]
fn records_of_final_jobs_are_pruned() {
	let mut node = Node::new(3, 2, 2);
	let (a, b) = node.run(|| (submit(ALICE, 1), submit(BOB, 1)));
	node.expect_output(&output(1));
	node.expect_output(&output(1));
	node.ocw();
	let commit = node.take_one();
	node.include(commit);
	node.run(|| {
		for id in [a, b] {
			for op in operators(id).into_iter().filter(|o| *o != OP) {
				crate::mock::commit(id, op, &output(1));
			}
		}
		run_to_block(2);
	});
	node.ocw();
	let reveal = node.take_one();
	node.include(reveal);
	node.run(|| {
		// Job `a` is verified at once, `b` stays open.
		for op in operators(a).into_iter().filter(|o| *o != OP) {
			crate::mock::reveal(a, op, &output(1));
		}
		assert_eq!(job(a).phase, JobPhase::Verified);
		assert_eq!(job(b).phase, JobPhase::Revealing);
		run_to_block(3);
	});
	assert!(node.record(a).is_some());
	node.ocw();
	assert!(node.take_submitted().is_empty());
	assert_eq!(node.record(a), None, "pruned");
	assert!(node.record(b).is_some(), "still open");
	assert_eq!(node.open_records(), vec![b]);

	// `b` ends at its reveal deadline.
	node.run(|| run_to_block(2 + REVEAL_WINDOW));
	node.run(|| assert!(job(b).phase.is_final()));
	node.ocw();
	assert_eq!(node.record(b), None);
	assert!(node.open_records().is_empty());
	assert!(node.db.get(&[&b"verinfer::ocw::open::"[..], &OP.encode()].concat()).is_none());
}

#[test]
fn a_held_lock_keeps_a_concurrent_worker_out() {
	let mut node = Node::new(1, 1, 0);
	node.run(|| submit(ALICE, 1));
	let lock_key = [LOCK_PREFIX, &OP.encode()].concat();
	node.run(|| {
		let mut lock = sp_runtime::offchain::storage_lock::StorageLock::<
			sp_runtime::offchain::storage_lock::BlockAndTime<System>,
		>::with_block_and_time_deadline(
			&lock_key,
			2,
			sp_runtime::offchain::Duration::from_millis(HTTP_TIMEOUT_MS),
		);
		let guard = lock.try_lock().expect("free");
		// Another worker runs meanwhile: it leaves the operator alone (no engine call either).
		Settlement::offchain_worker(1);
		drop(guard);
	});
	assert!(node.take_submitted().is_empty());
	node.expect_output(&output(1));
	node.ocw();
	assert_eq!(node.take_submitted().len(), 1);
}

#[test]
fn keys_of_no_operator_or_of_another_type_are_ignored() {
	let mut node = Node::new(1, 1, 0);
	node.run(|| submit(ALICE, 1));
	// The infr key's account is bound to no operator.
	bind_key_account(node.key, 77);
	node.ocw();
	assert!(node.take_submitted().is_empty());
	// A key of another type, even with the operator key's account, is not the worker's.
	let other = node.run(|| sp_io::crypto::sr25519_generate(KeyTypeId(*b"babe"), None));
	bind_key_account(other, OP_KEY);
	node.ocw();
	assert!(node.take_submitted().is_empty());
}

/// The pool's view of the steps: valid only when signed by the operator's bound key and with a
/// step still to be done in time; each step its own tag; newer and longer batches first.
#[test]
fn the_pool_takes_only_signed_due_steps_and_prefers_newer_batches() {
	let mut node = Node::new(1, 1, 0);
	let (a, b) = node.run(|| (submit(ALICE, 1), submit(BOB, 1)));
	node.expect_output(&output(1));
	node.expect_output(&output(1));
	node.ocw();
	let call = node.take_one();
	let SettlementCall::submit_steps { steps, signature } = call.clone() else { unreachable!() };
	let validate = |call: &SettlementCall<Test>| {
		Settlement::validate_unsigned(TransactionSource::External, call)
	};
	let key = node.key;
	node.run(|| {
		let valid = validate(&call).unwrap();
		assert_eq!(valid.provides.len(), 2, "one tag per step: {steps:?}");
		assert!(valid.priority >= (1 << 60), "above ordinary transactions");

		// Tampered steps: the signature no longer matches.
		let mut forged = steps.clone();
		forged.commits.truncate(1);
		let bad = SettlementCall::submit_steps { steps: forged.clone(), signature };
		assert_eq!(validate(&bad), Err(InvalidTransaction::BadProof.into()));

		// Signed by a key bound to no operator.
		let stranger = sr25519::Pair::from_seed(&[9; 32]);
		let unbound = OperatorSteps { key: TestSigner(stranger.public()), ..forged.clone() };
		let signature = stranger.sign(&unbound.encode());
		let call2 = SettlementCall::submit_steps { steps: unbound, signature };
		assert_eq!(validate(&call2), Err(InvalidTransaction::BadSigner.into()));

		// A newer batch of the operator outranks an older one with the same steps, so the
		// worker's next batch replaces a waiting one.
		let newer = OperatorSteps { at: steps.at + 1, ..steps.clone() };
		let signature = sp_io::crypto::sr25519_sign(INFR, &key, &newer.encode()).unwrap();
		let newer = SettlementCall::submit_steps { steps: newer, signature };
		assert!(validate(&newer).unwrap().priority > valid.priority);
		assert_eq!(validate(&newer).unwrap().provides, valid.provides, "the same steps");
		let _ = (a, b);
	});
	// Nothing due any more once included.
	node.include(call.clone());
	node.run(|| assert_eq!(validate(&call), Err(InvalidTransaction::Stale.into())));
}
