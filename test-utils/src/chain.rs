//! Talking to a node from a test: dev accounts, signed calls, storage and events in the runtime's
//! own encoding, and the typed RPC client.
//!
//! Nothing here restates a runtime type: storage values and events are decoded with codec into
//! the types the caller names (the runtime's `RuntimeEvent`, `verinfer-primitives`' types), and
//! the `inference_*` / `reputation_*` answers come typed from [`verinfer_client`].

use crate::{within, TestResult, POLL_INTERVAL};
use codec::{Decode, DecodeAll};
use std::{
	fmt::Debug,
	time::{Duration, Instant},
};
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	dynamic,
	events::Event,
	ext::frame_decode::storage::{IntoDecodableValues, IntoEncodableValues},
	rpcs::{client::RpcParams, RpcClient},
	tx::{DynamicPayload, Payload},
	utils::{MultiAddress, H256},
	OnlineClient, OnlineClientAtBlock, PolkadotConfig,
};
use subxt_signer::{
	sr25519::{dev, Keypair},
	DeriveJunction,
};
use verinfer_primitives::{jobs::JobPolicy, tensor::Tensor, AccountId, Balance, ModelId};

pub use verinfer_client::{InferenceApiClient, NodeRpc, ReputationApiClient, Scale};

/// A subxt client.
pub type Api = OnlineClient<PolkadotConfig>;
/// A subxt client reading at one block.
pub type At = OnlineClientAtBlock<PolkadotConfig>;

/// The account of a key pair.
pub fn account(pair: &Keypair) -> AccountId {
	AccountId::from(pair.public_key().0)
}

/// A key derived from Alice's with the hard junction `{role}-{i}` (`//Alice//{role}-{i}`): the
/// many funded accounts of a scenario, the same in every run.
pub fn derived(role: &str, i: usize) -> Keypair {
	dev::alice().derive([DeriveJunction::hard(format!("{role}-{i}"))])
}

/// The proof that `key` belongs to `owner` which `Operators::register` takes: the key's
/// signature over polkadot-sdk's proof-of-possession statement, `"POP_"` followed by the
/// owner's account id.
pub fn key_proof(key: &Keypair, owner: &AccountId) -> [u8; 64] {
	let owner: &[u8] = owner.as_ref();
	key.sign(&[b"POP_".as_slice(), owner].concat()).0
}

/// `Balances::transfer_keep_alive(to, amount)`.
pub fn transfer(
	to: &AccountId,
	amount: Balance,
) -> DynamicPayload<(MultiAddress<subxt::utils::AccountId32, ()>, Balance)> {
	let to: [u8; 32] = to.clone().into();
	dynamic::tx("Balances", "transfer_keep_alive", (MultiAddress::Id(to.into()), amount))
}

/// `Jobs::submit_job(model, input, max_fee, policy, None)` of `sample`.
pub fn submit_job_call(
	sample: &crate::engine::Sample,
	max_fee: Balance,
	policy: Option<JobPolicy>,
) -> DynamicPayload<(ModelId, Scale<Tensor>, Balance, Option<Scale<JobPolicy>>, Option<H256>)> {
	dynamic::tx(
		"Jobs",
		"submit_job",
		(sample.model, Scale(sample.input.clone()), max_fee, policy.map(Scale), None),
	)
}

/// The nonce of `who` in the finalized state: how many of its transactions are final.
pub async fn nonce_of(api: &Api, who: &AccountId) -> TestResult<u64> {
	let id: [u8; 32] = who.clone().into();
	Ok(api.tx().await?.account_nonce(&id.into()).await?)
}

/// The next nonce of `who` as the node's pool sees it (`system_accountNextIndex`): its best
/// state's nonce past the transactions of `who` that are ready in the pool.
pub async fn pool_nonce(rpc: &RpcClient, who: &AccountId) -> TestResult<u64> {
	let mut params = RpcParams::new();
	params.push(who.to_string())?;
	let next: u64 = within(
		crate::node::RPC_CALL_TIMEOUT,
		"system_accountNextIndex",
		rpc.request("system_accountNextIndex", params),
	)
	.await?;
	Ok(next)
}

/// Signs transactions with explicit nonces, offline, against the metadata of the block it was
/// made at, and hands them to the pool with `author_submitExtrinsic` without waiting: one round
/// trip per transaction, so a program can keep thousands in flight. Transactions are immortal
/// (valid until their nonce is used), so a slow pool never sees them expire. Cheap to clone.
#[derive(Clone)]
pub struct Sender {
	at: std::sync::Arc<At>,
	rpc: RpcClient,
}

impl Sender {
	/// Signs with `api`'s metadata of its finalized head; submits over `rpc`.
	pub async fn new(api: &Api, rpc: RpcClient) -> TestResult<Self> {
		Ok(Sender { at: std::sync::Arc::new(api.at_current_block().await?), rpc })
	}

	/// `call` signed by `signer` at `nonce`: the encoded extrinsic.
	pub fn sign(&self, signer: &Keypair, call: &impl Payload, nonce: u64) -> TestResult<Vec<u8>> {
		let params =
			DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().immortal().nonce(nonce).build();
		let mut signable = self.at.tx().create_signable_offline(call, params)?;
		Ok(signable.sign(signer)?.into_encoded())
	}

	/// Hands an encoded extrinsic to the pool; fails with the pool's reason if it is refused.
	pub async fn submit(&self, extrinsic: &[u8]) -> TestResult<H256> {
		let mut params = RpcParams::new();
		params.push(hex(extrinsic))?;
		let hash: H256 = within(
			crate::node::RPC_CALL_TIMEOUT,
			"author_submitExtrinsic",
			self.rpc.request("author_submitExtrinsic", params),
		)
		.await?;
		Ok(hash)
	}

	/// Signs `call` with `signer` at `nonce` and hands it to the pool without waiting.
	pub async fn send_at(
		&self,
		signer: &Keypair,
		call: &impl Payload,
		nonce: u64,
	) -> TestResult<H256> {
		self.submit(&self.sign(signer, call, nonce)?).await
	}

	/// The connection it submits over.
	pub fn rpc(&self) -> &RpcClient {
		&self.rpc
	}
}

/// `0x` followed by the bytes in lower-case hex, as JSON-RPC takes them.
pub fn hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{digits}")
}

/// A short name for the well-known dev accounts (`Alice`, ..., `Ferdie`), the SS58 address of
/// any other account: for messages.
pub fn dev_name(id: &AccountId) -> String {
	[
		("Alice", dev::alice()),
		("Bob", dev::bob()),
		("Charlie", dev::charlie()),
		("Dave", dev::dave()),
		("Eve", dev::eve()),
		("Ferdie", dev::ferdie()),
	]
	.into_iter()
	.find(|(_, pair)| account(pair) == *id)
	.map_or_else(|| id.to_string(), |(name, _)| name.to_string())
}

/// The state at block `number` of the node's best chain.
pub async fn at(api: &Api, number: u64) -> TestResult<At> {
	Ok(api.at_block(number).await.map_err(|e| format!("state at #{number}: {e}"))?)
}

/// The finalized head's number.
pub async fn finalized_number(api: &Api) -> TestResult<u64> {
	Ok(api.at_current_block().await?.block_number())
}

/// The hash of block `number` of the node's best chain (for the `at` of RPC calls).
pub async fn block_hash(api: &Api, number: u64) -> TestResult<H256> {
	Ok(at(api, number).await?.block_hash())
}

/// The storage value `pallet::entry` at `keys`, decoded as the runtime's type `T`; `None` when
/// it holds none.
pub async fn storage<K, T>(at: &At, pallet: &str, entry: &str, keys: K) -> TestResult<Option<T>>
where
	K: IntoEncodableValues + IntoDecodableValues,
	T: Decode,
{
	let address = dynamic::storage::<K, dynamic::Value>(pallet, entry);
	let Some(value) = at.storage().try_fetch(address, keys).await? else { return Ok(None) };
	let decoded = T::decode_all(&mut value.bytes())
		.map_err(|e| format!("cannot decode {pallet}::{entry}: {e}"))?;
	Ok(Some(decoded))
}

/// One event as the runtime's event type `E` (its `RuntimeEvent`): pallet index, variant index
/// and fields are its SCALE encoding.
pub fn decode_event<E: Decode>(event: &Event<'_, PolkadotConfig>) -> TestResult<E> {
	let mut bytes = vec![event.pallet_index(), event.event_index()];
	bytes.extend_from_slice(event.field_bytes());
	E::decode_all(&mut &bytes[..]).map_err(|e| {
		format!("cannot decode {}::{}: {e}", event.pallet_name(), event.event_name()).into()
	})
}

/// A call that was finalized and succeeded.
pub struct Included<E> {
	/// The block that included it.
	pub block: u64,
	/// That block's hash.
	pub block_hash: H256,
	/// Its events (those of its extrinsic), as the runtime's event type.
	pub events: Vec<E>,
	/// Every event of that block, including those of its end (`on_finalize`), such as the
	/// draw of the operators of the jobs it submitted.
	pub block_events: Vec<E>,
}

/// Signs `call` with `signer`, submits it and waits up to `timeout` until it is finalized and
/// succeeded; `what` names it in errors.
pub async fn send<C: Payload, E: Decode>(
	api: &Api,
	signer: &Keypair,
	call: &C,
	what: &str,
	timeout: Duration,
) -> TestResult<Included<E>> {
	let fut = async {
		let mut txs = api.tx().await?;
		let progress = txs.sign_and_submit_then_watch_default(call, signer).await?;
		let in_block = progress.wait_for_finalized().await?;
		let events = in_block.wait_for_success().await?;
		let block_hash = in_block.block_hash();
		let mut decoded = Vec::new();
		for event in events.iter() {
			decoded.push(decode_event(&event?)?);
		}
		Ok::<_, crate::BoxError>((block_hash, decoded))
	};
	let (block_hash, events) = within(timeout, what, fut).await?;
	let at_block = api.at_block(block_hash).await?;
	let block = at_block.block_number();
	let mut block_events = Vec::new();
	for event in at_block.events().fetch().await?.iter() {
		block_events.push(decode_event(&event?)?);
	}
	Ok(Included { block, block_hash, events, block_events })
}

/// The events of every finalized block from a starting block on, fetched as the chain finalizes
/// them and decoded as the runtime's event type `E`.
pub struct EventLog<E> {
	api: Api,
	next: u64,
	blocks: Vec<(u64, Vec<E>)>,
	/// Which events [`Self::summary`] lists.
	relevant: fn(&E) -> bool,
}

impl<E: Decode + Debug> EventLog<E> {
	/// Collects from block `from` on; failure messages list the events `relevant` keeps.
	pub fn new(api: Api, from: u64, relevant: fn(&E) -> bool) -> Self {
		EventLog { api, next: from, blocks: Vec::new(), relevant }
	}

	/// Fetches the events of the blocks finalized since the last call; returns the finalized
	/// head.
	pub async fn poll(&mut self) -> TestResult<u64> {
		let head = finalized_number(&self.api).await?;
		while self.next <= head {
			let events = at(&self.api, self.next).await?.events().fetch().await?;
			let mut decoded = Vec::new();
			for event in events.iter() {
				decoded.push(decode_event(&event?)?);
			}
			self.blocks.push((self.next, decoded));
			self.next += 1;
		}
		Ok(head)
	}

	/// The last block fetched.
	pub fn head(&self) -> Option<u64> {
		self.blocks.last().map(|(n, _)| *n)
	}

	/// What `pick` takes from each event fetched so far, with its block, in chain order.
	pub fn find<T>(&self, pick: impl Fn(&E) -> Option<T>) -> Vec<(u64, T)> {
		self.blocks
			.iter()
			.flat_map(|(number, events)| events.iter().filter_map(|e| Some((*number, pick(e)?))))
			.collect()
	}

	/// The first thing `pick` takes from an event, waiting up to `timeout` for the chain to
	/// finalize one; `what` names it in the error.
	pub async fn wait_for<T>(
		&mut self,
		what: &str,
		pick: impl Fn(&E) -> Option<T>,
		timeout: Duration,
	) -> TestResult<(u64, T)> {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(first) = self.find(&pick).into_iter().next() {
				return Ok(first);
			}
			let polled = self.poll().await;
			if let Some(first) = self.find(&pick).into_iter().next() {
				return Ok(first);
			}
			if Instant::now() > deadline {
				return Err(format!(
					"no {what} within {timeout:?} (finalized head: {:?}, last poll: {:?}); events so far:\n{}",
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

	/// One line per relevant event fetched so far (for failure messages).
	pub fn summary(&self) -> String {
		let lines: Vec<String> = self
			.blocks
			.iter()
			.flat_map(|(number, events)| {
				events.iter().filter(|e| (self.relevant)(e)).map(move |e| format!("  #{number} {e:?}"))
			})
			.collect();
		if lines.is_empty() {
			"  (none)".to_string()
		} else {
			lines.join("\n")
		}
	}
}
