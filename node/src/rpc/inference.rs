//! `inference_*`: jobs, job pages, models, operators and quotes, served from the runtime's
//! `InferenceApi` (the methods are declared in `verinfer_rpc_api::InferenceApi`).

use super::error::{api_unavailable, invalid_params, quote_error, runtime_error};
use jsonrpsee::core::RpcResult;
use sp_api::{ApiExt, ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use verinfer_primitives::{
	api::{InferenceApi as InferenceRuntimeApi, MAX_PAGE_LEN},
	JobId,
};
use verinfer_rpc_api::{
	AccountParam, HashParam, InferenceApiServer, JobEntry, Model, Operator, Page, QuoteAnswer,
	DEFAULT_PAGE_LEN,
};
use verinfer_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash};

/// Serves [`InferenceApiServer`] from a client.
pub struct Inference<C> {
	client: Arc<C>,
}

impl<C> Inference<C> {
	/// Serve from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// Checks a page length: `None` is [`DEFAULT_PAGE_LEN`], otherwise `1..=MAX_PAGE_LEN`.
pub fn page_len(len: Option<u32>) -> RpcResult<u32> {
	match len.unwrap_or(DEFAULT_PAGE_LEN) {
		len @ 1..=MAX_PAGE_LEN => Ok(len),
		len => Err(invalid_params(format!("pageLen {len} is not within 1..={MAX_PAGE_LEN}"))),
	}
}

/// The block `at` (default: best), checked to exist, and a runtime API handle that has `A`.
pub(super) fn runtime_at<'a, C, A>(
	client: &'a C,
	at: Option<Hash>,
	api_name: &str,
) -> RpcResult<(ApiRef<'a, C::Api>, Hash)>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	A: sp_api::RuntimeApiInfo + ?Sized,
{
	let at = at.unwrap_or_else(|| client.info().best_hash);
	match client.header(at) {
		Ok(Some(_)) => {}
		Ok(None) => return Err(invalid_params(format!("unknown block {at:?}"))),
		Err(e) => return Err(runtime_error("reading the block header", e)),
	}
	let api = client.runtime_api();
	match api.api_version::<A>(at) {
		Ok(Some(_)) => Ok((api, at)),
		Ok(None) => Err(api_unavailable(api_name, at)),
		Err(e) => Err(runtime_error("reading the runtime version", e)),
	}
}

type RuntimeApiOf = dyn InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>;

impl<C> Inference<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn api(&self, at: Option<Hash>) -> RpcResult<(ApiRef<'_, C::Api>, Hash)> {
		runtime_at::<C, RuntimeApiOf>(&self.client, at, "InferenceApi")
	}
}

impl<C> InferenceApiServer for Inference<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Option<JobEntry>> {
		let (api, at) = self.api(at)?;
		api.job(at, id).map_err(|e| runtime_error("InferenceApi::job", e))
	}

	fn jobs_by_requester(
		&self,
		account: AccountParam,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page> {
		let who = account.parse().map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		api.jobs_by_requester(at, who, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_requester", e))
	}

	fn jobs_by_operator(
		&self,
		account: AccountParam,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page> {
		let who = account.parse().map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		api.jobs_by_operator(at, who, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_operator", e))
	}

	fn jobs_by_agent(
		&self,
		agent: HashParam,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page> {
		let agent = agent.parse("agent tag").map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		api.jobs_by_agent(at, agent, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_agent", e))
	}

	fn models(&self, at: Option<Hash>) -> RpcResult<Vec<Model>> {
		let (api, at) = self.api(at)?;
		api.models(at).map_err(|e| runtime_error("InferenceApi::models", e))
	}

	fn operator(&self, account: AccountParam, at: Option<Hash>) -> RpcResult<Option<Operator>> {
		let who = account.parse().map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		api.operator(at, who).map_err(|e| runtime_error("InferenceApi::operator", e))
	}

	fn quote(
		&self,
		model: HashParam,
		input_len: Option<u32>,
		k: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<QuoteAnswer> {
		let model = model.parse("model id").map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		api.quote(at, model, input_len, k)
			.map_err(|e| runtime_error("InferenceApi::quote", e))?
			.map_err(quote_error)
	}
}
