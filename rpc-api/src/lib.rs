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
//! Accounts, model ids and agent tags are passed as [`AccountParam`] and [`HashParam`]: text the
//! server parses, so that a bad one is refused with a message naming it. Errors and their codes
//! are in [`error`].

pub mod error;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::{Deserialize, Serialize};
use verinfer_primitives::{
	api::{JobAnswer, JobPage, JobView, ModelView, OperatorView, QuoteView, ReputationView, ScoreView},
	chain::{parse_account, parse_hash, AccountId, Balance, BlockNumber, Hash},
	ids::JobId,
};

/// A job with all its details.
pub type Job = JobView<AccountId, Balance, BlockNumber>;
/// A job as the node answers it: in full, or its compact record once its details were pruned.
pub type JobEntry = JobAnswer<AccountId, Balance, BlockNumber>;
/// The compact record of a pruned job.
pub type CompactJob = verinfer_primitives::jobs::CompactJob<AccountId, Balance, BlockNumber>;
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

/// An account parameter: an SS58 address (any known prefix) or `0x` + 64 hex digits.
///
/// It crosses JSON as the text the caller wrote and the server parses it with
/// [`parse_account`] (see [`AccountParam::parse`]), so that a bad account is refused with a
/// message that says what is wrong with it (`account "x" is neither an SS58 address nor 0x + 64
/// hex digits: ...`) rather than with the JSON decoder's. Clients build it from an account,
/// which is sent as SS58.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountParam(String);

impl AccountParam {
	/// The account, or why the text is not one.
	pub fn parse(&self) -> Result<AccountId, String> {
		parse_account(&self.0)
	}
}

impl From<AccountId> for AccountParam {
	fn from(who: AccountId) -> Self {
		Self(who.to_string())
	}
}

impl From<&AccountId> for AccountParam {
	fn from(who: &AccountId) -> Self {
		Self(who.to_string())
	}
}

/// A 32-byte parameter (a model id, an agent tag): `0x` + 64 hex digits.
///
/// Like [`AccountParam`] it is parsed by the server ([`HashParam::parse`]), which names the
/// parameter in its message (`model id "x" is not 0x + 64 hex digits: ...`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HashParam(String);

impl HashParam {
	/// The hash, or why the text is not one; `what` names the parameter in the message.
	pub fn parse(&self, what: &str) -> Result<Hash, String> {
		parse_hash(&self.0, what)
	}
}

impl From<Hash> for HashParam {
	fn from(hash: Hash) -> Self {
		Self(format!("{hash:?}"))
	}
}

/// `inference_*`: jobs, job pages, models, operators and quotes.
#[rpc(client, server, namespace = "inference")]
pub trait InferenceApi {
	/// The job `id` with its input and result; once its details were pruned (after the
	/// retention period), its compact record and the last block that holds them in full
	/// (`{"pruned": …, "fullRecordAt": n}`); `null` if there is no such job.
	#[method(name = "job", blocking)]
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Option<JobEntry>>;

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
		agent: HashParam,
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
		model: HashParam,
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
		model: Option<HashParam>,
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
		let alice = alice.parse().unwrap();
		let bytes: &[u8] = alice.as_ref();
		let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
		let same: AccountParam = serde_json::from_str(&format!("\"0x{hex}\"")).unwrap();
		assert_eq!(alice, same.parse().unwrap());
		assert_eq!(
			serde_json::to_string(&AccountParam::from(alice)).unwrap(),
			"\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\""
		);
		let nonsense: AccountParam = serde_json::from_str("\"nonsense\"").unwrap();
		let err = nonsense.parse().unwrap_err();
		assert!(err.contains("is neither an SS58 address nor 0x + 64 hex digits"), "{err}");
	}

	#[test]
	fn hash_params_name_the_parameter() {
		let tag: HashParam = serde_json::from_str("\"0x12\"").unwrap();
		assert_eq!(tag.parse("agent tag").unwrap_err(), "agent tag \"0x12\" is not 0x + 64 hex digits: 2 hex digits");
		let id = Hash::repeat_byte(0xab);
		assert_eq!(HashParam::from(id).parse("model id"), Ok(id));
	}
}
