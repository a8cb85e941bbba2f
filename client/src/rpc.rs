//! The node's query methods over subxt's JSON-RPC connection.

use jsonrpsee::{
	core::{
		async_trait,
		client::{BatchResponse, ClientT, Error},
		params::BatchRequestBuilder,
		traits::ToRpcParams,
	},
	types::ErrorObjectOwned,
};
use serde::de::DeserializeOwned;
use std::fmt;
use subxt::rpcs::{client::RpcClient, Error as RpcError};

/// A node's JSON-RPC, on which the methods of `verinfer-rpc-api` are called as typed Rust calls
/// ([`crate::InferenceApiClient`], [`crate::ReputationApiClient`]).
///
/// It shares subxt's [`RpcClient`] (cheap to clone), so a program that also signs transactions
/// needs one connection. Errors keep their JSON-RPC code and message: a refused call is
/// `Error::Call` with the node's error object (codes in [`crate::error`]). Only requests are
/// sent: the Verinfer methods have no notifications, subscriptions or batches.
#[derive(Clone)]
pub struct NodeRpc {
	rpc: RpcClient,
}

impl NodeRpc {
	/// Calls over an existing connection.
	pub fn new(rpc: RpcClient) -> Self {
		Self { rpc }
	}

	/// Connects to the node at `url` (`ws://` or `wss://`; also without TLS).
	pub async fn connect(url: &str) -> Result<Self, RpcError> {
		RpcClient::from_insecure_url(url).await.map(Self::new)
	}

	/// The connection, for the standard Substrate methods (`chain_*`, `system_*`) and subxt.
	pub fn connection(&self) -> &RpcClient {
		&self.rpc
	}
}

impl fmt::Debug for NodeRpc {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("NodeRpc")
	}
}

/// A failed call in jsonrpsee's terms: the node's error object, or a transport failure.
fn client_error(e: RpcError) -> Error {
	match e {
		RpcError::User(e) => Error::Call(ErrorObjectOwned::owned(e.code, e.message, e.data)),
		other => Error::Transport(other.into()),
	}
}

#[async_trait]
impl ClientT for NodeRpc {
	async fn notification<Params>(&self, method: &str, _params: Params) -> Result<(), Error>
	where
		Params: ToRpcParams + Send,
	{
		Err(Error::Custom(format!("{method}: NodeRpc sends no notifications")))
	}

	async fn request<R, Params>(&self, method: &str, params: Params) -> Result<R, Error>
	where
		R: DeserializeOwned,
		Params: ToRpcParams + Send,
	{
		let params = params.to_rpc_params()?;
		let answer = self.rpc.request_raw(method, params).await.map_err(client_error)?;
		Ok(serde_json::from_str(answer.get())?)
	}

	async fn batch_request<'a, R>(
		&self,
		_batch: BatchRequestBuilder<'a>,
	) -> Result<BatchResponse<'a, R>, Error>
	where
		R: DeserializeOwned + fmt::Debug + 'a,
	{
		Err(Error::Custom("NodeRpc sends no batch requests".into()))
	}
}
