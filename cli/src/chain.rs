//! The connection to a node: one WebSocket connection shared by a subxt client (over the legacy
//! JSON-RPC backend) and the typed Verinfer query methods ([`NodeRpc`]); standard Substrate
//! calls; reading at the best block; and signing, submitting and following transactions.

use crate::{
	error::DispatchFailure,
	keys,
	output::{self, Progress},
	units::Token,
};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value as Json;
use std::{sync::Arc, time::Duration};
use subxt::{
	backend::LegacyBackend,
	client::OnlineClientAtBlock,
	config::DefaultExtrinsicParamsBuilder,
	dynamic::Value,
	error::TransactionEventsError,
	ext::scale_encode::EncodeAsFields,
	rpcs::{
		client::{RpcClient, RpcParams},
		Error as RpcError,
	},
	transactions::TransactionStatus,
	utils::H256,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;
use verinfer_client::NodeRpc;
use verinfer_primitives::AccountId;

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a transaction may take to be finalized.
const TX_TIMEOUT: Duration = Duration::from_secs(300);
/// JSON-RPC "method not found".
pub const METHOD_NOT_FOUND: i32 = -32601;

/// A connected node.
pub struct Chain {
	/// The subxt client.
	pub api: OnlineClient<PolkadotConfig>,
	/// The typed `inference_*` and `reputation_*` methods, on the same connection.
	pub node: NodeRpc,
	/// The native token.
	pub token: Token,
	/// Where the node is.
	pub url: String,
}

/// One event, decoded for printing.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EventView {
	/// Pallet name.
	pub pallet: String,
	/// Event name.
	pub name: String,
	/// Fields as JSON.
	pub fields: Json,
}

/// A finalized, successful transaction.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TxOutcome {
	/// `Pallet.call`.
	pub call: String,
	/// Hash of the extrinsic.
	pub extrinsic: H256,
	/// Block it was included in.
	pub block_number: u64,
	/// Hash of that block.
	pub block_hash: H256,
	/// Its events.
	pub events: Vec<EventView>,
}

impl TxOutcome {
	/// The first event `pallet.name`, if any.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&EventView> {
		self.events.iter().find(|e| e.pallet == pallet && e.name == name)
	}
}

impl Chain {
	/// Connects to the node at `url`.
	pub async fn connect(url: &str) -> Result<Chain> {
		let hint = "is a Verinfer node running there? (e.g. `verinfer-node --dev`; choose another \
		            node with --url)";
		let rpc =
			match tokio::time::timeout(CONNECT_TIMEOUT, RpcClient::from_insecure_url(url)).await {
				Ok(Ok(rpc)) => rpc,
				Ok(Err(e)) => bail!("cannot connect to the node at {url}: {e}; {hint}"),
				Err(_) => bail!(
				"cannot connect to the node at {url}: no answer within {CONNECT_TIMEOUT:?}; {hint}"
			),
			};
		let backend = LegacyBackend::<PolkadotConfig>::builder().build(rpc.clone());
		let api =
			tokio::time::timeout(CONNECT_TIMEOUT, OnlineClient::from_backend(Arc::new(backend)))
				.await
				.map_err(|_| {
					anyhow!("the node at {url} did not answer within {CONNECT_TIMEOUT:?}")
				})?
				.with_context(|| {
					format!("the node at {url} answered, but not like a Substrate node")
				})?;
		let mut chain =
			Chain { api, node: NodeRpc::new(rpc), token: Token::default(), url: url.to_string() };
		if let Ok(props) = chain.request("system_properties", vec![]).await {
			if let Some(symbol) = props["tokenSymbol"].as_str() {
				chain.token.symbol = symbol.to_string();
			}
			if let Some(decimals) = props["tokenDecimals"].as_u64() {
				chain.token.decimals = decimals.min(30) as u8;
			}
		}
		Ok(chain)
	}

	/// One call of a standard Substrate method (`system_*`, `chain_*`).
	pub async fn request(&self, method: &str, params: Vec<Json>) -> Result<Json> {
		let mut p = RpcParams::new();
		for item in params {
			p.push(item).map_err(|e| anyhow!("cannot encode the parameters of {method}: {e}"))?;
		}
		match self.node.connection().request::<Json>(method, p).await {
			Ok(v) => Ok(v),
			Err(RpcError::User(e)) if e.code == METHOD_NOT_FOUND => {
				bail!("the node at {} does not offer the JSON-RPC method {method}", self.url)
			}
			Err(RpcError::User(e)) => bail!("{method}: the node answered: {}", e.message),
			Err(e) => bail!("{method}: {e} (node at {})", self.url),
		}
	}

	/// Hash of the node's best block.
	pub async fn best_hash(&self) -> Result<H256> {
		let v = self.request("chain_getBlockHash", vec![]).await?;
		serde_json::from_value(v.clone())
			.map_err(|e| anyhow!("chain_getBlockHash: unexpected answer {v}: {e}"))
	}

	/// A client reading at the node's best block.
	pub async fn at_best(&self) -> Result<OnlineClientAtBlock<PolkadotConfig>> {
		let hash = self.best_hash().await?;
		self.at(hash).await
	}

	/// A client reading at block `hash`.
	pub async fn at(&self, hash: H256) -> Result<OnlineClientAtBlock<PolkadotConfig>> {
		self.api.at_block(hash).await.with_context(|| format!("cannot read block {hash:?}"))
	}

	/// The next nonce of `who`, counting transactions in the node's pool.
	async fn next_nonce(&self, who: &AccountId) -> Result<u64> {
		let v =
			self.request("system_accountNextIndex", vec![Json::String(who.to_string())]).await?;
		v.as_u64().ok_or_else(|| anyhow!("system_accountNextIndex: unexpected answer {v}"))
	}

	/// Signs `pallet.call(args)` with `signer`, submits it and waits until it is finalized.
	/// A dispatch error comes back as [`DispatchFailure`] (pallet, error name and docs).
	pub async fn submit<A: EncodeAsFields>(
		&self,
		signer: &Keypair,
		pallet: &str,
		call: &str,
		args: A,
		progress: &Progress,
	) -> Result<TxOutcome> {
		let name = format!("{pallet}.{call}");
		let payload = subxt::dynamic::tx(pallet, call, args);
		let at = self.at_best().await?;
		let txs = at.tx();
		txs.validate(&payload).map_err(|e| {
			anyhow!("the node's runtime has no call {name} as this CLI builds it: {e}")
		})?;
		let who = keys::account_of(signer);
		let nonce = self.next_nonce(&who).await?;
		let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
		let mut txs = txs;
		let signed = txs
			.create_signed(&payload, signer, params)
			.await
			.map_err(|e| anyhow!("cannot build {name}: {e}"))?;
		let extrinsic = signed.hash();
		progress.line(&format!("submitting {name} as {who} (nonce {nonce})"));
		let mut watch =
			signed.submit_and_watch().await.map_err(|e| rejected(&name, &e.to_string()))?;

		let finalized = tokio::time::timeout(TX_TIMEOUT, async {
			while let Some(status) = watch.next().await {
				match status.map_err(|e| anyhow!("{name}: lost track of the transaction: {e}"))? {
					TransactionStatus::InBestBlock(b) => {
						progress.line(&format!("{name} included in block {:?}", b.block_hash()));
					}
					TransactionStatus::InFinalizedBlock(b) => return Ok(b),
					TransactionStatus::Invalid { message }
					| TransactionStatus::Error { message }
					| TransactionStatus::Dropped { message } => return Err(rejected(&name, &message)),
					_ => {}
				}
			}
			Err(anyhow!("{name}: the node stopped reporting on the transaction"))
		})
		.await
		.map_err(|_| anyhow!("{name} was not finalized within {TX_TIMEOUT:?}"))??;

		let block_hash = finalized.block_hash();
		let events = match finalized.wait_for_success().await {
			Ok(events) => events,
			Err(TransactionEventsError::ExtrinsicFailed(e)) => {
				return Err(DispatchFailure::from_dispatch_error(&name, &e).into())
			}
			Err(e) => bail!(
				"{name} was finalized in block {block_hash:?}, but its events cannot be read: {e}"
			),
		};
		let metadata = self.api.at_block(block_hash).await?.metadata();
		let mut views = Vec::new();
		for event in events.iter() {
			let event = event.map_err(|e| anyhow!("cannot decode an event of {name}: {e}"))?;
			let fields = match output::event_fields_json(
				&metadata,
				event.pallet_name(),
				event.event_index(),
				event.field_bytes(),
			) {
				Some(f) => f,
				None => output::value_to_json(
					&event
						.decode_fields_unchecked_as::<Value>()
						.map_err(|e| anyhow!("cannot decode an event of {name}: {e}"))?,
				),
			};
			views.push(EventView {
				pallet: event.pallet_name().to_string(),
				name: event.event_name().to_string(),
				fields,
			});
		}
		let block_number = self.at(block_hash).await?.block_number();
		Ok(TxOutcome { call: name, extrinsic, block_number, block_hash, events: views })
	}
}

fn rejected(name: &str, message: &str) -> anyhow::Error {
	let hint = if message.contains("Inability to pay some fees") || message.contains("Payment") {
		" (the signer cannot pay the transaction fee: fund the account first)"
	} else if message.contains("Outdated") || message.contains("Stale") {
		" (nonce already used: another transaction of this account got in first)"
	} else {
		""
	};
	anyhow!("the node rejected {name}: {message}{hint}")
}
