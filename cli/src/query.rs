//! Reading the chain.
//!
//! Lists and look-ups go first to the node's query methods (`inference_job`,
//! `inference_jobsByRequester`, `inference_jobsByOperator`, `inference_jobsByAgent`,
//! `inference_models`, `reputation_operator`, `reputation_top`; see `docs/rpc.md`). A node
//! without them (older, or a plain Substrate node) is read from storage instead, through the
//! same dynamic metadata the transactions use; the result has the same shape either way.
//!
//! Typed look-ups the CLI itself depends on (a model's input spec before submitting, a job's
//! phase while following it) always read storage at a given block.

use crate::{chain::Chain, json as views, keys, types::*};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value as Json};
use subxt::{
	client::OnlineClientAtBlock,
	dynamic,
	utils::{AccountId32, H256},
	PolkadotConfig,
};

/// A client reading at one block.
pub type At = OnlineClientAtBlock<PolkadotConfig>;

/// Whose jobs to list.
#[derive(Clone, Debug)]
pub enum JobsOf {
	/// Submitted by this account.
	Requester(AccountId32),
	/// Assigned to this operator.
	Operator(AccountId32),
	/// Tagged with this agent tag.
	Agent(H256),
}

/// The model `id` at `at`.
pub async fn model(at: &At, id: H256) -> Result<Option<ModelView>> {
	let addr = dynamic::storage::<(H256,), ModelInfo>("Jobs", "Models");
	let Some(v) = at.storage().try_fetch(addr, (id,)).await.context("reading Jobs.Models")? else {
		return Ok(None);
	};
	let info = v.decode().map_err(|e| anyhow!("cannot decode model {id:?}: {e}"))?;
	Ok(Some(ModelView { id, info }))
}

/// Every registered model at `at`, by storage iteration.
pub async fn all_models(at: &At) -> Result<Vec<ModelView>> {
	let addr = dynamic::storage::<(H256,), ModelInfo>("Jobs", "Models");
	let mut entries = at.storage().iter(addr, ()).await.context("reading Jobs.Models")?;
	let mut out = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry.context("reading Jobs.Models")?;
		let key = entry.key().map_err(|e| anyhow!("bad Jobs.Models key: {e}"))?;
		let id = key
			.part(0)
			.and_then(|p| p.decode_as::<H256>().ok().flatten())
			.ok_or_else(|| anyhow!("cannot read a model id from Jobs.Models"))?;
		let info =
			entry.value().decode().map_err(|e| anyhow!("cannot decode model {id:?}: {e}"))?;
		out.push(ModelView { id, info });
	}
	out.sort_by_key(|m| m.info.registered_at);
	Ok(out)
}

/// A model by id (`0x...`) or by registered name.
pub async fn resolve_model(at: &At, text: &str) -> Result<ModelView> {
	if keys::is_hex32(text) {
		let id = H256(keys::parse_hex32(text)?);
		return model(at, id).await?.ok_or_else(|| anyhow!("no model {id:?} is registered"));
	}
	let all = all_models(at).await?;
	let found: Vec<_> = all.into_iter().filter(|m| m.info.name == text.as_bytes()).collect();
	match found.len() {
		0 => bail!("no model is registered under the name {text:?} (see `verinfer model list`)"),
		1 => Ok(found.into_iter().next().expect("one")),
		n => bail!("{n} models are named {text:?}; give the model id instead"),
	}
}

/// The models, from `inference_models` or storage.
pub async fn models_json(chain: &Chain) -> Result<Json> {
	if let Some(v) = chain.try_request("inference_models", vec![]).await? {
		return Ok(v);
	}
	let at = chain.at_best().await?;
	Ok(Json::Array(all_models(&at).await?.iter().map(views::model).collect()))
}

/// Job `id` at `at`, with its input and result, from storage.
pub async fn job(at: &At, id: u64) -> Result<Option<JobView>> {
	let Some(info) = job_info(at, id).await? else { return Ok(None) };
	let tensor_at =
		|entry: &'static str| dynamic::storage::<(u64,), crate::tensor::Tensor>("Jobs", entry);
	let input = match at.storage().try_fetch(tensor_at("Inputs"), (id,)).await? {
		Some(v) => {
			Some(v.decode().map_err(|e| anyhow!("cannot decode the input of job {id}: {e}"))?)
		}
		None => None,
	};
	let result = match at.storage().try_fetch(tensor_at("Results"), (id,)).await? {
		Some(v) => {
			Some(v.decode().map_err(|e| anyhow!("cannot decode the result of job {id}: {e}"))?)
		}
		None => None,
	};
	Ok(Some(JobView { id, info, input, result }))
}

/// Job `id`'s record at `at`, without input and result.
pub async fn job_info(at: &At, id: u64) -> Result<Option<JobInfo>> {
	let addr = dynamic::storage::<(u64,), JobInfo>("Jobs", "Jobs");
	match at.storage().try_fetch(addr, (id,)).await.context("reading Jobs.Jobs")? {
		Some(v) => Ok(Some(v.decode().map_err(|e| anyhow!("cannot decode job {id}: {e}"))?)),
		None => Ok(None),
	}
}

/// Job `id` as JSON at block `at` (default: best), from `inference_job` or storage; `None` if
/// there is no such job.
pub async fn job_json(chain: &Chain, id: u64, at: Option<H256>) -> Result<Option<Json>> {
	let params = vec![json!(id), at.map_or(Json::Null, |h| json!(format!("{h:?}")))];
	if let Some(v) = chain.try_request("inference_job", params).await? {
		return Ok(if v.is_null() { None } else { Some(v) });
	}
	let at = match at {
		Some(h) => chain.at(h).await?,
		None => chain.at_best().await?,
	};
	Ok(job(&at, id).await?.map(|j| views::job(j.id, &j.info, &j.input, &j.result)))
}

/// A page of jobs, newest first from sequence number `start` (default: the newest), at most
/// `len` of them: `{ total, jobs, next }` as `inference_jobsBy*` answer.
pub async fn jobs_page(chain: &Chain, of: &JobsOf, start: Option<u32>, len: u32) -> Result<Json> {
	let (method, key) = match of {
		JobsOf::Requester(a) => ("inference_jobsByRequester", json!(a.to_string())),
		JobsOf::Operator(a) => ("inference_jobsByOperator", json!(a.to_string())),
		JobsOf::Agent(t) => ("inference_jobsByAgent", json!(format!("{t:?}"))),
	};
	if let Some(v) = chain.try_request(method, vec![key, json!(start), json!(len)]).await? {
		return Ok(v);
	}
	let at = chain.at_best().await?;
	let (total, seqs, next) = page_from_storage(&at, of, start, len).await?;
	let mut jobs = Vec::new();
	for seq in seqs {
		if let Some(id) = job_id_at(&at, of, seq).await? {
			if let Some(j) = job(&at, id).await? {
				jobs.push(views::job(j.id, &j.info, &None, &j.result));
			}
		}
	}
	Ok(json!({ "total": total, "jobs": jobs, "next": next }))
}

async fn page_from_storage(
	at: &At,
	of: &JobsOf,
	start: Option<u32>,
	len: u32,
) -> Result<(u32, Vec<u32>, Option<u32>)> {
	let count_entry = match of {
		JobsOf::Requester(_) => "RequesterJobCount",
		JobsOf::Operator(_) => "OperatorJobCount",
		JobsOf::Agent(_) => "AgentJobCount",
	};
	let total: u32 = match of {
		JobsOf::Requester(a) | JobsOf::Operator(a) => at
			.storage()
			.fetch(dynamic::storage::<(AccountId32,), u32>("Jobs", count_entry), (*a,))
			.await?
			.decode()?,
		JobsOf::Agent(t) => at
			.storage()
			.fetch(dynamic::storage::<(H256,), u32>("Jobs", count_entry), (*t,))
			.await?
			.decode()?,
	};
	if total == 0 || len == 0 {
		return Ok((total, Vec::new(), None));
	}
	let first = start.unwrap_or(total - 1).min(total - 1);
	let last = first.saturating_sub(len - 1);
	let seqs: Vec<u32> = (last..=first).rev().collect();
	Ok((total, seqs, last.checked_sub(1)))
}

async fn job_id_at(at: &At, of: &JobsOf, seq: u32) -> Result<Option<u64>> {
	let index_entry = match of {
		JobsOf::Requester(_) => "RequesterJobs",
		JobsOf::Operator(_) => "OperatorJobs",
		JobsOf::Agent(_) => "AgentJobs",
	};
	let value = match of {
		JobsOf::Requester(a) | JobsOf::Operator(a) => {
			at.storage()
				.try_fetch(
					dynamic::storage::<(AccountId32, u32), u64>("Jobs", index_entry),
					(*a, seq),
				)
				.await?
		}
		JobsOf::Agent(t) => {
			at.storage()
				.try_fetch(dynamic::storage::<(H256, u32), u64>("Jobs", index_entry), (*t, seq))
				.await?
		}
	};
	Ok(value.map(|v| v.decode()).transpose()?)
}

/// The operator record of `who` at `at`.
pub async fn operator(at: &At, who: &AccountId32) -> Result<Option<OperatorView>> {
	let addr = dynamic::storage::<(AccountId32,), OperatorInfo>("Operators", "Operators");
	match at.storage().try_fetch(addr, (*who,)).await.context("reading Operators.Operators")? {
		Some(v) => Ok(Some(OperatorView {
			account: *who,
			info: v.decode().map_err(|e| anyhow!("cannot decode operator {who}: {e}"))?,
		})),
		None => Ok(None),
	}
}

async fn reputation_record(at: &At, who: &AccountId32) -> Result<Option<ReputationRecord>> {
	let addr = dynamic::storage::<(AccountId32,), ReputationRecord>("Reputation", "Reputations");
	match at.storage().try_fetch(addr, (*who,)).await.context("reading Reputation")? {
		Some(v) => Ok(Some(v.decode().map_err(|e| anyhow!("cannot decode reputation: {e}"))?)),
		None => Ok(None),
	}
}

/// `who`'s reputation as JSON, from `reputation_operator` (and `reputation_score` for an
/// operator without history) or storage.
pub async fn reputation_json(chain: &Chain, who: &AccountId32) -> Result<Json> {
	let account = json!(who.to_string());
	if let Some(v) = chain.try_request("reputation_operator", vec![account.clone()]).await? {
		if !v.is_null() {
			return Ok(v);
		}
		if let Some(s) = chain.try_request("reputation_score", vec![account]).await? {
			let score = s["score"].as_u64().unwrap_or(500_000);
			return Ok(views::no_history(who, score, s["excluded"].clone()));
		}
	}
	let at = chain.at_best().await?;
	Ok(views::reputation(who, &reputation_record(&at, who).await?))
}

/// The best `limit` operators (of `model`, if given) as JSON, from `reputation_top` or storage.
pub async fn reputation_top_json(chain: &Chain, limit: u32, model: Option<H256>) -> Result<Json> {
	let model_param = model.map(|m| json!(format!("{m:?}"))).unwrap_or(Json::Null);
	if let Some(v) = chain.try_request("reputation_top", vec![json!(limit), model_param]).await? {
		return Ok(v);
	}
	let at = chain.at_best().await?;
	let candidates: Vec<AccountId32> = match model {
		Some(m) => at
			.storage()
			.fetch(
				dynamic::storage::<(H256,), Vec<AccountId32>>("Operators", "ModelOperators"),
				(m,),
			)
			.await?
			.decode()?,
		None => {
			let addr =
				dynamic::storage::<(AccountId32,), subxt::dynamic::Value>("Operators", "Operators");
			let mut entries = at.storage().iter(addr, ()).await?;
			let mut all = Vec::new();
			while let Some(entry) = entries.next().await {
				let entry = entry?;
				let key = entry.key().map_err(|e| anyhow!("bad Operators key: {e}"))?;
				if let Some(a) =
					key.part(0).and_then(|p| p.decode_as::<AccountId32>().ok().flatten())
				{
					all.push(a);
				}
			}
			all
		}
	};
	let mut ranked = Vec::new();
	for who in candidates {
		ranked.push(views::reputation(&who, &reputation_record(&at, &who).await?));
	}
	ranked.sort_by_key(|v| std::cmp::Reverse(v["score"].as_u64().unwrap_or(0)));
	ranked.truncate(limit as usize);
	Ok(Json::Array(ranked))
}

/// `(ByteFee, ProtocolFeeRate in parts per billion)` at `at`.
pub async fn fee_parameters(at: &At) -> Result<(u128, u32)> {
	let byte_fee: u128 =
		at.storage().fetch(dynamic::storage::<(), u128>("Fees", "ByteFee"), ()).await?.decode()?;
	let rate: u32 = at
		.storage()
		.fetch(dynamic::storage::<(), u32>("Fees", "ProtocolFeeRate"), ())
		.await?
		.decode()?;
	Ok((byte_fee, rate))
}

/// The price of a job of `model` on `input` run by `k` operators: from `inference_quote`, or
/// computed from storage exactly as the fees pallet does.
pub async fn quote(
	chain: &Chain,
	at: &At,
	model: &ModelView,
	input: &crate::tensor::Tensor,
	k: u32,
) -> Result<Quote> {
	let input_len = input.encoded().len() as u32;
	let params = vec![json!(format!("{:?}", model.id)), json!(input_len), json!(k)];
	if let Some(v) = chain.try_request("inference_quote", params).await? {
		let amount = |key: &str| -> Result<u128> {
			crate::output::field(&v, key)
				.and_then(crate::output::as_u128)
				.ok_or_else(|| anyhow!("inference_quote: no {key} in {v}"))
		};
		return Ok(Quote {
			k,
			per_operator: amount("per_operator")?,
			royalty: amount("royalty")?,
			protocol_fee: amount("protocol_fee")?,
			total: amount("total")?,
		});
	}
	let (byte_fee, rate) = fee_parameters(at).await?;
	let overflow = || anyhow!("the quote overflows");
	let per_operator = byte_fee
		.checked_mul(input_len as u128)
		.and_then(|b| b.checked_add(model.info.fees.operator_fee))
		.ok_or_else(overflow)?;
	let subtotal = per_operator
		.checked_mul(k as u128)
		.and_then(|o| o.checked_add(model.info.fees.royalty))
		.ok_or_else(overflow)?;
	const BILLION: u128 = 1_000_000_000;
	let rate = rate as u128;
	let protocol_fee = (subtotal / BILLION) * rate + (subtotal % BILLION) * rate / BILLION;
	let total = subtotal.checked_add(protocol_fee).ok_or_else(overflow)?;
	Ok(Quote { k, per_operator, royalty: model.info.fees.royalty, protocol_fee, total })
}
