//! `inference_*`: jobs, job pages, models and quotes, served from the runtime's `InferenceApi`.

use super::{
	error::{api_unavailable, invalid_params, quote_error, runtime_error},
	json::{parse_account, parse_h256, JobJson, JobPageJson, ModelJson, QuoteAnswerJson},
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::{ApiExt, ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use verinfer_primitives::api::{InferenceApi as InferenceRuntimeApi, MAX_PAGE_LEN};
use verinfer_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash};

/// Page length when the caller gives none.
pub const DEFAULT_PAGE_LEN: u32 = 20;

/// The `inference_*` JSON-RPC methods. Every method takes an optional block hash `at`
/// (default: the best block).
#[rpc(server)]
pub trait InferenceRpc {
	/// The job `id` with its input and result, or `null` if there is no such job.
	#[method(name = "inference_job", blocking)]
	fn job(&self, id: u64, at: Option<Hash>) -> RpcResult<Option<JobJson>>;

	/// A page of the jobs `account` submitted, newest first from sequence number `pageStart`.
	#[method(name = "inference_jobsByRequester", blocking)]
	fn jobs_by_requester(
		&self,
		account: String,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson>;

	/// A page of the jobs `account` was assigned as operator, newest first.
	#[method(name = "inference_jobsByOperator", blocking)]
	fn jobs_by_operator(
		&self,
		account: String,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson>;

	/// A page of the jobs tagged `agent` (0x + 64 hex digits), newest first.
	#[method(name = "inference_jobsByAgent", blocking)]
	fn jobs_by_agent(
		&self,
		agent: String,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson>;

	/// Every registered model, by ascending id.
	#[method(name = "inference_models", blocking)]
	fn models(&self, at: Option<Hash>) -> RpcResult<Vec<ModelJson>>;

	/// The price of a job of `model` on `inputLen` SCALE bytes (default: a valid input's size)
	/// run by `k` operators (default: the model's).
	#[method(name = "inference_quote", blocking)]
	fn quote(
		&self,
		model: String,
		#[argument(rename = "inputLen")] input_len: Option<u32>,
		k: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<QuoteAnswerJson>;
}

/// Serves [`InferenceRpcServer`] from a client.
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

impl<C> InferenceRpcServer for Inference<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn job(&self, id: u64, at: Option<Hash>) -> RpcResult<Option<JobJson>> {
		let (api, at) = self.api(at)?;
		let job = api.job(at, id).map_err(|e| runtime_error("InferenceApi::job", e))?;
		Ok(job.map(Into::into))
	}

	fn jobs_by_requester(
		&self,
		account: String,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson> {
		let who = parse_account(&account).map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		let page = api
			.jobs_by_requester(at, who, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_requester", e))?;
		Ok(page.into())
	}

	fn jobs_by_operator(
		&self,
		account: String,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson> {
		let who = parse_account(&account).map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		let page = api
			.jobs_by_operator(at, who, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_operator", e))?;
		Ok(page.into())
	}

	fn jobs_by_agent(
		&self,
		agent: String,
		page_start: Option<u32>,
		len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<JobPageJson> {
		let agent = parse_h256(&agent, "agent tag").map_err(invalid_params)?;
		let len = page_len(len)?;
		let (api, at) = self.api(at)?;
		let page = api
			.jobs_by_agent(at, agent, page_start, len)
			.map_err(|e| runtime_error("InferenceApi::jobs_by_agent", e))?;
		Ok(page.into())
	}

	fn models(&self, at: Option<Hash>) -> RpcResult<Vec<ModelJson>> {
		let (api, at) = self.api(at)?;
		let models = api.models(at).map_err(|e| runtime_error("InferenceApi::models", e))?;
		Ok(models.into_iter().map(Into::into).collect())
	}

	fn quote(
		&self,
		model: String,
		input_len: Option<u32>,
		k: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<QuoteAnswerJson> {
		let model = parse_h256(&model, "model id").map_err(invalid_params)?;
		let (api, at) = self.api(at)?;
		let view = api
			.quote(at, model, input_len, k)
			.map_err(|e| runtime_error("InferenceApi::quote", e))?
			.map_err(quote_error)?;
		Ok(QuoteAnswerJson { model, input_bytes: view.input_bytes, quote: view.quote.into() })
	}
}
