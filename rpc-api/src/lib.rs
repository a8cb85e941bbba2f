//! # Verinfer JSON-RPC API
//!
//! The read-only query surface of a Verinfer node, declared once with jsonrpsee's
//! `#[rpc(client, server)]`: the node implements the generated [`InferenceApiServer`] and
//! [`ReputationApiServer`] (backed by the runtime APIs of `verinfer_primitives::api`), and
//! clients (the `verinfer` command line, the node's own tests, any Rust app) call the generated
//! [`InferenceApiClient`] and [`ReputationApiClient`] on a jsonrpsee client, with the same
//! types on both sides. The JSON of every answer is the serde form of the views in
//! `verinfer_primitives::api` (camelCase, balances as decimal strings, accounts as SS58); see
//! `docs/rpc.md` for examples.
//!
//! Every method takes an optional last parameter `at` (a block hash; default: the best block).
//! Errors and their codes are in [`error`].

pub mod error;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use verinfer_primitives::{
	api::{JobPage, JobView, ModelView, OperatorView, QuoteView, ReputationView, ScoreView},
	chain::{parse_account, AccountId, Balance, BlockNumber, Hash},
	ids::{AgentTag, JobId, ModelId},
};

/// A job as the node answers it.
pub type Job = JobView<AccountId, Balance, BlockNumber>;
/// A page of a job index.
pub type Page = JobPage<AccountId, Balance, BlockNumber>;
/// A registered model.
pub type Model = ModelView<AccountId, Balance, BlockNumber>;
/// A registered operator.
pub type Operator = OperatorView<AccountId, Balance, BlockNumber>;
/// A quote.
pub type QuoteAnswer = QuoteView<Balance>;
/// An operator's score.
pub type Score = ScoreView<AccountId>;
/// An operator's reputation.
pub type Reputation = ReputationView<AccountId, Balance, BlockNumber>;

/// Page length when the caller gives none.
pub const DEFAULT_PAGE_LEN: u32 = 20;
/// Ranking length when the caller gives none.
pub const DEFAULT_TOP_LIMIT: u32 = 10;

/// An account parameter: an SS58 address (any known prefix) or `0x` + 64 hex digits, parsed by
/// [`parse_account`]; sent as SS58.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountParam(pub AccountId);

impl From<AccountId> for AccountParam {
	fn from(who: AccountId) -> Self {
		Self(who)
	}
}

impl Serialize for AccountParam {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		self.0.serialize(serializer)
	}
}

impl<'de> Deserialize<'de> for AccountParam {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		parse_account(&text).map(Self).map_err(serde::de::Error::custom)
	}
}

/// `inference_*`: jobs, job pages, models, operators and quotes.
#[rpc(client, server, namespace = "inference")]
pub trait InferenceApi {
	/// The job `id` with its input and result, or `null` if there is no such job.
	#[method(name = "job", blocking)]
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Option<Job>>;

	/// A page of the jobs `account` submitted, newest first from sequence number `pageStart`
	/// (default: the newest), at most `pageLen` (default [`DEFAULT_PAGE_LEN`], at most 100).
	#[method(name = "jobsByRequester", blocking)]
	fn jobs_by_requester(
		&self,
		account: AccountParam,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page>;

	/// A page of the jobs `account` was assigned as operator, newest first.
	#[method(name = "jobsByOperator", blocking)]
	fn jobs_by_operator(
		&self,
		account: AccountParam,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page>;

	/// A page of the jobs tagged `agent`, newest first.
	#[method(name = "jobsByAgent", blocking)]
	fn jobs_by_agent(
		&self,
		agent: AgentTag,
		#[argument(rename = "pageStart")] page_start: Option<u32>,
		#[argument(rename = "pageLen")] page_len: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page>;

	/// Every registered model, by ascending id.
	#[method(name = "models", blocking)]
	fn models(&self, at: Option<Hash>) -> RpcResult<Vec<Model>>;

	/// The registered operator `account` (bond, key, models, status), or `null`.
	#[method(name = "operator", blocking)]
	fn operator(&self, account: AccountParam, at: Option<Hash>) -> RpcResult<Option<Operator>>;

	/// The price of a job of `model` on `inputLen` SCALE bytes (default: a valid input's size)
	/// run by `k` operators (default: the model's).
	#[method(name = "quote", blocking)]
	fn quote(
		&self,
		model: ModelId,
		#[argument(rename = "inputLen")] input_len: Option<u32>,
		k: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<QuoteAnswer>;
}

/// `reputation_*`: operator scores, counters and rankings.
#[rpc(client, server, namespace = "reputation")]
pub trait ReputationApi {
	/// The current score of `account` in parts per million (500000 without history).
	#[method(name = "score", blocking)]
	fn score(&self, account: AccountParam, at: Option<Hash>) -> RpcResult<Score>;

	/// Score and counters of `account`, or `null` if it has no reputation record yet.
	#[method(name = "operator", blocking)]
	fn operator(&self, account: AccountParam, at: Option<Hash>) -> RpcResult<Option<Reputation>>;

	/// The best `limit` (default [`DEFAULT_TOP_LIMIT`], at most 100) registered operators
	/// (serving `model`, if given) by score, then agreed jobs, then account.
	#[method(name = "top", blocking)]
	fn top(
		&self,
		limit: Option<u32>,
		model: Option<ModelId>,
		at: Option<Hash>,
	) -> RpcResult<Vec<Reputation>>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn account_params_parse_ss58_and_hex_and_name_the_problem() {
		let alice: AccountParam =
			serde_json::from_str("\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"").unwrap();
		let bytes: &[u8] = alice.0.as_ref();
		let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
		let same: AccountParam = serde_json::from_str(&format!("\"0x{hex}\"")).unwrap();
		assert_eq!(alice, same);
		assert_eq!(
			serde_json::to_string(&alice).unwrap(),
			"\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\""
		);
		let err = serde_json::from_str::<AccountParam>("\"nonsense\"").unwrap_err().to_string();
		assert!(err.contains("is neither an SS58 address nor 0x + 64 hex digits"), "{err}");
	}
}
