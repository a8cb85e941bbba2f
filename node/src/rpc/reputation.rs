//! `reputation_*`: operator scores, counters and rankings, served from the runtime's
//! `ReputationApi` (the methods are declared in `verinfer_rpc_api::ReputationApi`).

use super::{
	error::{invalid_params, runtime_error},
	inference::runtime_at,
};
use jsonrpsee::core::RpcResult;
use sp_api::{ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use verinfer_primitives::api::{ReputationApi as ReputationRuntimeApi, MAX_TOP_LIMIT};
use verinfer_rpc_api::{
	AccountParam, HashParam, Reputation as ReputationAnswer, ReputationApiServer, Score,
	DEFAULT_TOP_LIMIT,
};
use verinfer_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash};

/// Serves [`ReputationApiServer`] from a client.
pub struct Reputation<C> {
	client: Arc<C>,
}

impl<C> Reputation<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

type RuntimeApiOf = dyn ReputationRuntimeApi<Block, AccountId, Balance, BlockNumber>;

impl<C> Reputation<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ReputationRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn api(&self, at: Option<Hash>) -> RpcResult<(ApiRef<'_, C::Api>, Hash)> {
		runtime_at::<C, RuntimeApiOf>(&self.client, at, "ReputationApi")
	}
}

impl<C> ReputationApiServer for Reputation<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ReputationRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn score(&self, account: AccountParam, at: Option<Hash>) -> RpcResult<Score> {
		let who = account.parse().map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		api.score(at, who).map_err(|e| runtime_error("ReputationApi::score", e))
	}

	fn operator(
		&self,
		account: AccountParam,
		at: Option<Hash>,
	) -> RpcResult<Option<ReputationAnswer>> {
		let who = account.parse().map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		api.operator(at, who).map_err(|e| runtime_error("ReputationApi::operator", e))
	}

	fn top(
		&self,
		limit: Option<u32>,
		model: Option<HashParam>,
		at: Option<Hash>,
	) -> RpcResult<Vec<ReputationAnswer>> {
		let limit = match limit.unwrap_or(DEFAULT_TOP_LIMIT) {
			limit @ 1..=MAX_TOP_LIMIT => limit,
			limit => {
				return Err(invalid_params(format!(
					"limit {limit} is not within 1..={MAX_TOP_LIMIT}"
				)))
			}
		};
		let model = model.map(|m| m.parse("model id")).transpose().map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		api.top(at, limit, model).map_err(|e| runtime_error("ReputationApi::top", e))
	}
}
