//! `reputation_*`: operator scores, counters and rankings, served from the runtime's
//! `ReputationApi`.

use super::{
	error::{invalid_params, runtime_error},
	inference::runtime_at,
	json::{parse_account, parse_h256, ReputationJson, ScoreJson},
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::{ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use verinfer_primitives::api::{ReputationApi as ReputationRuntimeApi, MAX_TOP_LIMIT};
use verinfer_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash};

/// Ranking length when the caller gives none.
pub const DEFAULT_TOP_LIMIT: u32 = 10;

/// The `reputation_*` JSON-RPC methods. Every method takes an optional block hash `at`
/// (default: the best block).
#[rpc(server)]
pub trait ReputationRpc {
	/// The current score of `account` in parts per million (500000 without history).
	#[method(name = "reputation_score", blocking)]
	fn score(&self, account: String, at: Option<Hash>) -> RpcResult<ScoreJson>;

	/// Score and counters of `account`, or `null` if it has no reputation record yet.
	#[method(name = "reputation_operator", blocking)]
	fn operator(&self, account: String, at: Option<Hash>) -> RpcResult<Option<ReputationJson>>;

	/// The best `limit` registered operators (serving `model`, if given) by score, then agreed
	/// jobs, then account.
	#[method(name = "reputation_top", blocking)]
	fn top(
		&self,
		limit: Option<u32>,
		model: Option<String>,
		at: Option<Hash>,
	) -> RpcResult<Vec<ReputationJson>>;
}

/// Serves [`ReputationRpcServer`] from a client.
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

impl<C> ReputationRpcServer for Reputation<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ReputationRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn score(&self, account: String, at: Option<Hash>) -> RpcResult<ScoreJson> {
		let who = parse_account(&account).map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		let score =
			api.score(at, who.clone()).map_err(|e| runtime_error("ReputationApi::score", e))?;
		Ok(ScoreJson::new(&who, score))
	}

	fn operator(&self, account: String, at: Option<Hash>) -> RpcResult<Option<ReputationJson>> {
		let who = parse_account(&account).map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		let view =
			api.operator(at, who).map_err(|e| runtime_error("ReputationApi::operator", e))?;
		Ok(view.map(Into::into))
	}

	fn top(
		&self,
		limit: Option<u32>,
		model: Option<String>,
		at: Option<Hash>,
	) -> RpcResult<Vec<ReputationJson>> {
		let limit = match limit.unwrap_or(DEFAULT_TOP_LIMIT) {
			limit @ 1..=MAX_TOP_LIMIT => limit,
			limit => {
				return Err(invalid_params(format!(
					"limit {limit} is not within 1..={MAX_TOP_LIMIT}"
				)))
			}
		};
		let model =
			model.map(|m| parse_h256(&m, "model id")).transpose().map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		let top = api.top(at, limit, model).map_err(|e| runtime_error("ReputationApi::top", e))?;
		Ok(top.into_iter().map(Into::into).collect())
	}
}
