//! The benchmark's accounts: funding them, and sending many signed transactions from them with
//! nonces counted locally (so thousands can be in flight), re-read from the pool when the pool
//! refuses one.

use crate::{network::Network, record::Recorder};
use futures::{stream, StreamExt};
use std::{collections::BTreeMap, time::Duration};
use subxt::tx::Payload;
use subxt_signer::sr25519::Keypair;
use verinfer_primitives::{AccountId, Balance};
use verinfer_test_utils::{
	chain::{account, nonce_of, pool_nonce, transfer, Api, Sender},
	TestResult,
};

/// How many submissions are in flight on the connection at once.
const CONCURRENCY: usize = 32;

/// Transfers `amount` from `from` to each of `to` and waits until all are finalized.
pub async fn fund(net: &Network, from: &Keypair, to: &[AccountId], amount: Balance) -> TestResult {
	let who = account(from);
	let first = pool_nonce(net.sender.rpc(), &who).await?;
	let results: Vec<TestResult<_>> = stream::iter(to.iter().enumerate())
		.map(|(i, to)| async move {
			net.sender.send_at(from, &transfer(to, amount), first + i as u64).await
		})
		.buffer_unordered(CONCURRENCY)
		.collect()
		.await;
	for r in results {
		r.map_err(|e| format!("funding transfer: {e}"))?;
	}
	let timeout = Duration::from_secs(120 + to.len() as u64 / 10);
	wait_included(&net.api, &[(who, first + to.len() as u64)], timeout).await
}

/// Waits until each account's finalized nonce reaches the number given with it.
pub async fn wait_included(
	api: &Api,
	targets: &[(AccountId, u64)],
	timeout: Duration,
) -> TestResult {
	let deadline = tokio::time::Instant::now() + timeout;
	let mut pending: Vec<&(AccountId, u64)> = targets.iter().collect();
	while !pending.is_empty() {
		let mut still = Vec::new();
		for target in pending {
			if nonce_of(api, &target.0).await? < target.1 {
				still.push(target);
			}
		}
		pending = still;
		if pending.is_empty() {
			break;
		}
		if tokio::time::Instant::now() > deadline {
			return Err(format!(
				"{} accounts' transactions not finalized within {timeout:?}, e.g. {} (nonce {} of {})",
				pending.len(),
				pending[0].0,
				nonce_of(api, &pending[0].0).await?,
				pending[0].1
			)
			.into());
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	Ok(())
}

/// Accounts that send many transactions, each with its next nonce counted here.
pub struct Senders {
	keys: Vec<Keypair>,
	accounts: Vec<AccountId>,
	next: Vec<u64>,
	/// Accounts whose next nonce must be read from the pool again (one of theirs was refused).
	resync: Vec<bool>,
	cursor: usize,
	/// Transactions the pool took.
	pub sent: u64,
	/// Transactions the pool refused, by its reason.
	pub refused: BTreeMap<String, u64>,
}

impl Senders {
	/// The accounts of `keys`, which have sent nothing yet.
	pub fn new(keys: Vec<Keypair>) -> Self {
		let n = keys.len();
		Senders {
			accounts: keys.iter().map(account).collect(),
			keys,
			next: vec![0; n],
			resync: vec![true; n],
			cursor: 0,
			sent: 0,
			refused: BTreeMap::new(),
		}
	}

	/// Their accounts.
	pub fn accounts(&self) -> &[AccountId] {
		&self.accounts
	}

	/// Each account with the nonce its next transaction gets: the chain has taken all they
	/// sent once each finalized nonce reaches it.
	pub fn targets(&self) -> Vec<(AccountId, u64)> {
		self.accounts.iter().cloned().zip(self.next.iter().copied()).collect()
	}

	/// Transactions sent but not yet in a block `recorder` fetched.
	pub fn in_flight(&self, recorder: &Recorder) -> u64 {
		self.accounts
			.iter()
			.zip(&self.next)
			.map(|(who, next)| next.saturating_sub(recorder.included(who)))
			.sum()
	}

	/// Sends `count` transactions, one account after another from where the last call
	/// stopped; `call(i)` is the `i`-th one. Returns how many the pool took.
	pub async fn send<C: Payload>(
		&mut self,
		sender: &Sender,
		count: usize,
		call: impl Fn(u64) -> C,
	) -> TestResult<u64> {
		let mut plan = Vec::with_capacity(count);
		for _ in 0..count {
			let i = self.cursor;
			self.cursor = (self.cursor + 1) % self.keys.len();
			plan.push(i);
		}
		self.send_from(sender, plan, call).await
	}

	/// Sends, for each index in `plan`, one transaction of that account; `call(i)` is the
	/// `i`-th one. Returns how many the pool took.
	pub async fn send_from<C: Payload>(
		&mut self,
		sender: &Sender,
		plan: Vec<usize>,
		call: impl Fn(u64) -> C,
	) -> TestResult<u64> {
		for i in plan.iter().copied() {
			if self.resync[i] {
				self.next[i] = pool_nonce(sender.rpc(), &self.accounts[i]).await?;
				self.resync[i] = false;
			}
		}
		let mut signed = Vec::with_capacity(plan.len());
		for (n, i) in plan.into_iter().enumerate() {
			let nonce = self.next[i];
			self.next[i] += 1;
			signed.push((i, sender.sign(&self.keys[i], &call(self.sent + n as u64), nonce)?));
		}
		let results: Vec<(usize, TestResult<_>)> = stream::iter(signed)
			.map(|(i, tx)| async move { (i, sender.submit(&tx).await) })
			.buffer_unordered(CONCURRENCY)
			.collect()
			.await;
		let mut taken = 0;
		for (i, result) in results {
			match result {
				Ok(_) => taken += 1,
				Err(e) => {
					*self.refused.entry(pool_reason(&e.to_string())).or_default() += 1;
					self.resync[i] = true;
				}
			}
		}
		self.sent += taken;
		Ok(taken)
	}

	/// Sends transactions from every account until each has `depth` not yet in a block
	/// `recorder` fetched; `call(i)` is the `i`-th one. Returns how many the pool took.
	pub async fn top_up<C: Payload>(
		&mut self,
		sender: &Sender,
		recorder: &Recorder,
		depth: u64,
		call: impl Fn(u64) -> C,
	) -> TestResult<u64> {
		let mut plan = Vec::new();
		for (i, who) in self.accounts.iter().enumerate() {
			let pending = self.next[i].saturating_sub(recorder.included(who));
			plan.extend(std::iter::repeat_n(i, depth.saturating_sub(pending) as usize));
		}
		self.send_from(sender, plan, call).await
	}
}

/// The pool's reason for refusing a transaction, without the JSON-RPC wrapping.
fn pool_reason(error: &str) -> String {
	let reason = error.rsplit("author_submitExtrinsic: ").next().unwrap_or(error);
	reason.chars().take(100).collect()
}
