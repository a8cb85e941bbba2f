//! Reading the chain: the node's `inference_*` and `reputation_*` methods, typed by
//! `verinfer-rpc-api` (see `docs/rpc.md`). What the CLI prints with `--json` is exactly what
//! these methods answer.

use crate::chain::{Chain, METHOD_NOT_FOUND};
use anyhow::{anyhow, bail, Result};
use subxt::utils::H256;
use verinfer_client::{
	ClientError, InferenceApiClient, Job, JobEntry, Model, Operator, Page, QuoteAnswer,
	Reputation, ReputationApiClient,
};
use verinfer_primitives::{
	api::ReputationView,
	chain::{parse_hex32, AccountId},
	AgentTag, JobId, ModelId, OperatorStats,
};

/// Whose jobs to list.
#[derive(Clone, Debug)]
pub enum JobsOf {
	/// Submitted by this account.
	Requester(AccountId),
	/// Assigned to this operator.
	Operator(AccountId),
	/// Tagged with this agent tag.
	Agent(AgentTag),
}

/// A failed call of `method`, in words.
fn failed<'a>(chain: &'a Chain, method: &str) -> impl FnOnce(ClientError) -> anyhow::Error + 'a {
	let method = method.to_string();
	move |e| match e {
		ClientError::Call(e) if e.code() == METHOD_NOT_FOUND => anyhow!(
			"the node at {} does not offer the JSON-RPC method {method} (is it a Verinfer node?)",
			chain.url
		),
		ClientError::Call(e) => anyhow!("{method}: the node answered: {}", e.message()),
		e => anyhow!("{method}: {e} (node at {})", chain.url),
	}
}

/// Every registered model, by ascending id.
pub async fn models(chain: &Chain) -> Result<Vec<Model>> {
	InferenceApiClient::models(&chain.node, None).await.map_err(failed(chain, "inference_models"))
}

/// A model by id (`0x...`) or by registered name.
pub async fn resolve_model(chain: &Chain, text: &str) -> Result<Model> {
	let all = models(chain).await?;
	if let Ok(bytes) = parse_hex32(text.trim()) {
		let id = ModelId::from(bytes);
		return all
			.into_iter()
			.find(|m| m.id == id)
			.ok_or_else(|| anyhow!("no model {id:?} is registered"));
	}
	let found: Vec<_> = all.into_iter().filter(|m| m.name == text.as_bytes()).collect();
	match found.len() {
		0 => bail!("no model is registered under the name {text:?} (see `verinfer model list`)"),
		1 => Ok(found.into_iter().next().expect("one")),
		n => bail!("{n} models are named {text:?}; give the model id instead"),
	}
}

/// Job `id` at block `at` (default: best) as the node answers it: with its input and result,
/// or its compact record once its details were pruned; `None` if there is no such job.
pub async fn job_entry(chain: &Chain, id: JobId, at: Option<H256>) -> Result<Option<JobEntry>> {
	InferenceApiClient::job(&chain.node, id, at).await.map_err(failed(chain, "inference_job"))
}

/// Job `id` with its input and result at block `at` (default: best), if there is one; an
/// error if its details were pruned by then.
pub async fn job(chain: &Chain, id: JobId, at: Option<H256>) -> Result<Option<Job>> {
	match job_entry(chain, id, at).await? {
		None => Ok(None),
		Some(JobEntry::Full(job)) => Ok(Some(job)),
		Some(JobEntry::Pruned { full_record_at, .. }) => bail!(
			"the details of job {id} were pruned; the last block that holds them is #{full_record_at}"
		),
	}
}

/// The hash of block `number`, if the node knows it (`chain_getBlockHash`).
pub async fn block_hash(chain: &Chain, number: u32) -> Result<Option<H256>> {
	let answer = chain.request("chain_getBlockHash", vec![number.into()]).await?;
	Ok(serde_json::from_value(answer)?)
}

/// The full record of pruned job `id` as an archive node still holds it at block `number`:
/// `Ok(None)` if the node no longer has that block's state (it is not an archive node).
pub async fn archived_job(chain: &Chain, id: JobId, number: u32) -> Result<Option<Job>> {
	let Some(hash) = block_hash(chain, number).await? else { return Ok(None) };
	match InferenceApiClient::job(&chain.node, id, Some(hash)).await {
		Ok(Some(JobEntry::Full(job))) => Ok(Some(job)),
		Ok(_) => Ok(None),
		// A pruned node refuses the state of an old block.
		Err(ClientError::Call(_)) => Ok(None),
		Err(e) => Err(failed(chain, "inference_job")(e)),
	}
}

/// A page of jobs, newest first from sequence number `start` (default: the newest), at most
/// `len` of them.
pub async fn jobs(chain: &Chain, of: &JobsOf, start: Option<u32>, len: u32) -> Result<Page> {
	let node = &chain.node;
	match of {
		JobsOf::Requester(who) => InferenceApiClient::jobs_by_requester(node, who.into(), start, Some(len), None)
			.await
			.map_err(failed(chain, "inference_jobsByRequester")),
		JobsOf::Operator(who) => InferenceApiClient::jobs_by_operator(node, who.into(), start, Some(len), None)
			.await
			.map_err(failed(chain, "inference_jobsByOperator")),
		JobsOf::Agent(tag) => InferenceApiClient::jobs_by_agent(node, (*tag).into(), start, Some(len), None)
			.await
			.map_err(failed(chain, "inference_jobsByAgent")),
	}
}

/// The price of a job of `model` on `input_len` SCALE bytes run by `k` operators.
pub async fn quote(chain: &Chain, model: ModelId, input_len: u32, k: u32) -> Result<QuoteAnswer> {
	InferenceApiClient::quote(&chain.node, model.into(), Some(input_len), Some(k), None)
		.await
		.map_err(failed(chain, "inference_quote"))
}

/// The registered operator `who`, if it is one.
pub async fn operator(chain: &Chain, who: &AccountId) -> Result<Option<Operator>> {
	InferenceApiClient::operator(&chain.node, who.into(), None)
		.await
		.map_err(failed(chain, "inference_operator"))
}

/// `who`'s reputation: its record, or, without one, its score and zero counters.
pub async fn reputation(chain: &Chain, who: &AccountId) -> Result<Reputation> {
	let record = ReputationApiClient::operator(&chain.node, who.into(), None)
		.await
		.map_err(failed(chain, "reputation_operator"))?;
	if let Some(record) = record {
		return Ok(record);
	}
	let score = ReputationApiClient::score(&chain.node, who.into(), None)
		.await
		.map_err(failed(chain, "reputation_score"))?;
	Ok(ReputationView::new(score.account, score.score, score.excluded, 0, &OperatorStats::default()))
}

/// The best `limit` operators (of those serving `model`, if given).
pub async fn top(chain: &Chain, limit: u32, model: Option<ModelId>) -> Result<Vec<Reputation>> {
	ReputationApiClient::top(&chain.node, Some(limit), model.map(Into::into), None)
		.await
		.map_err(failed(chain, "reputation_top"))
}
