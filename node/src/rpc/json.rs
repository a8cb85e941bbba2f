//! The JSON the `inference_*` and `reputation_*` methods answer with, and the parsing of their
//! string parameters.
//!
//! Conventions (see `docs/rpc.md`): field names are camelCase; accounts are SS58 strings with
//! the chain's prefix (42) and are accepted as SS58 of any prefix or as `0x` + 64 hex digits;
//! hashes and ids of models, inputs, outputs and agent tags are `0x` + 64 hex digits; balances
//! are decimal strings (they are `u128`); block numbers, counters, job ids and tensor
//! elements are JSON numbers; enums are camelCase strings.

use serde::Serialize;
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	H256,
};
use verinfer_primitives::{
	api::{
		AssignmentView, JobPage, JobStatus, JobView, ModelView, OperatorOutcome, ReputationView,
		ScoreView,
	},
	fees::{Payout, Quote},
	tensor::{Tensor, TensorSpec},
	ModelId,
};
use verinfer_runtime::{AccountId, Balance, BlockNumber};

/// An account as an SS58 string with the chain's prefix.
pub fn account_to_string(who: &AccountId) -> String {
	who.to_ss58check_with_version(Ss58AddressFormat::custom(verinfer_runtime::token::SS58_PREFIX))
}

/// Parses an SS58 address (any prefix) or `0x` + 64 hex digits into an account.
pub fn parse_account(s: &str) -> Result<AccountId, String> {
	let s = s.trim();
	if let Some(hex) = s.strip_prefix("0x") {
		let bytes = parse_hex32(hex)
			.map_err(|e| format!("account {s:?} is not 0x + 64 hex digits: {e}"))?;
		return Ok(AccountId::from(bytes));
	}
	AccountId::from_ss58check_with_version(s).map(|(who, _)| who).map_err(|e| {
		format!("account {s:?} is neither an SS58 address nor 0x + 64 hex digits: {e}")
	})
}

/// Parses `0x` + 64 hex digits into a hash; `what` names it in the error.
pub fn parse_h256(s: &str, what: &str) -> Result<H256, String> {
	let s = s.trim();
	s.strip_prefix("0x")
		.ok_or_else(|| "missing 0x prefix".to_string())
		.and_then(parse_hex32)
		.map(H256)
		.map_err(|e| format!("{what} {s:?} is not 0x + 64 hex digits: {e}"))
}

fn parse_hex32(hex: &str) -> Result<[u8; 32], String> {
	if hex.len() != 64 {
		return Err(format!("{} hex digits", hex.len()));
	}
	let mut out = [0u8; 32];
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
			.map_err(|_| format!("bad hex digit near position {}", 2 * i))?;
	}
	Ok(out)
}

/// A tensor: `data[i] / 10^precision`, row-major in `shape`.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct TensorJson {
	/// Dimensions, outermost first.
	pub shape: Vec<u32>,
	/// Fixed-point elements.
	pub data: Vec<i64>,
	/// Decimal digits after the point.
	pub precision: u8,
}

impl From<Tensor> for TensorJson {
	fn from(t: Tensor) -> Self {
		Self { shape: t.shape, data: t.data, precision: t.precision }
	}
}

/// The shape and precision a model declares for a tensor.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct TensorSpecJson {
	/// Dimensions, outermost first.
	pub shape: Vec<u32>,
	/// Decimal digits after the point.
	pub precision: u8,
}

impl From<TensorSpec> for TensorSpecJson {
	fn from(s: TensorSpec) -> Self {
		Self { shape: s.shape.into_inner(), precision: s.precision }
	}
}

/// The price of a job, balances as decimal strings.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct QuoteJson {
	/// Number of operators.
	pub k: u32,
	/// Share of one operator (operator fee plus byte fee).
	pub per_operator: String,
	/// Model owner's royalty.
	pub royalty: String,
	/// Treasury's protocol fee.
	pub protocol_fee: String,
	/// Everything the requester pays at most.
	pub total: String,
}

impl From<Quote<Balance>> for QuoteJson {
	fn from(q: Quote<Balance>) -> Self {
		Self {
			k: q.k,
			per_operator: q.per_operator.to_string(),
			royalty: q.royalty.to_string(),
			protocol_fee: q.protocol_fee.to_string(),
			total: q.total.to_string(),
		}
	}
}

/// The answer of `inference_quote`: the quote and what it was computed for.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct QuoteAnswerJson {
	/// The model.
	pub model: ModelId,
	/// Input bytes the byte fee was charged on.
	pub input_bytes: u32,
	/// The quote.
	#[serde(flatten)]
	pub quote: QuoteJson,
}

/// How the escrow of a final job was paid out or refunded.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct PayoutJson {
	/// Operators paid `perOperator` each.
	pub operators_paid: u32,
	/// Amount each paid operator received.
	pub per_operator: String,
	/// Amount the model owner received.
	pub royalty: String,
	/// Amount the treasury received.
	pub to_treasury: String,
	/// Amount returned to the requester.
	pub refunded: String,
}

impl From<Payout<Balance>> for PayoutJson {
	fn from(p: Payout<Balance>) -> Self {
		Self {
			operators_paid: p.operators_paid,
			per_operator: p.per_operator.to_string(),
			royalty: p.royalty.to_string(),
			to_treasury: p.to_treasury.to_string(),
			refunded: p.refunded.to_string(),
		}
	}
}

/// The phase of a job.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum JobStatusJson {
	/// Operators drawn, no commitment yet.
	Assigned,
	/// At least one commitment.
	Committing,
	/// Reveal phase open.
	Revealing,
	/// Final: a quorum agreed.
	Verified,
	/// Final: no quorum.
	Failed,
	/// Final: too few commitments.
	Expired,
}

impl From<JobStatus> for JobStatusJson {
	fn from(s: JobStatus) -> Self {
		match s {
			JobStatus::Assigned => Self::Assigned,
			JobStatus::Committing => Self::Committing,
			JobStatus::Revealing => Self::Revealing,
			JobStatus::Verified => Self::Verified,
			JobStatus::Failed => Self::Failed,
			JobStatus::Expired => Self::Expired,
		}
	}
}

/// What became of one assigned operator.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum OutcomeJson {
	/// In the agreeing group; paid.
	Agreed,
	/// Outside the agreeing group; slashed.
	Disagreed,
	/// Revealed in a failed job.
	Unconfirmed,
	/// Committed in an expired job.
	Committed,
	/// Missed the commit; slashed.
	MissedCommit,
	/// Missed the reveal; slashed.
	MissedReveal,
}

impl From<OperatorOutcome> for OutcomeJson {
	fn from(o: OperatorOutcome) -> Self {
		match o {
			OperatorOutcome::Agreed => Self::Agreed,
			OperatorOutcome::Disagreed => Self::Disagreed,
			OperatorOutcome::Unconfirmed => Self::Unconfirmed,
			OperatorOutcome::Committed => Self::Committed,
			OperatorOutcome::MissedCommit => Self::MissedCommit,
			OperatorOutcome::MissedReveal => Self::MissedReveal,
		}
	}
}

/// One assigned operator's part of a job.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentJson {
	/// The operator's account.
	pub operator: String,
	/// Its commitment, once made.
	pub commitment: Option<H256>,
	/// Block of its commitment.
	pub committed_at: Option<BlockNumber>,
	/// Block of its reveal.
	pub revealed_at: Option<BlockNumber>,
	/// Canonical hash of its revealed output.
	pub output_hash: Option<H256>,
	/// What became of it, once the job is final.
	pub outcome: Option<OutcomeJson>,
	/// What it was paid.
	pub paid: String,
	/// What was slashed from its bond.
	pub slashed: String,
}

impl From<AssignmentView<AccountId, Balance, BlockNumber>> for AssignmentJson {
	fn from(a: AssignmentView<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			operator: account_to_string(&a.operator),
			commitment: a.commitment,
			committed_at: a.committed_at,
			revealed_at: a.revealed_at,
			output_hash: a.output_hash,
			outcome: a.outcome.map(Into::into),
			paid: a.paid.to_string(),
			slashed: a.slashed.to_string(),
		}
	}
}

/// A job and, once final, its permanent record.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct JobJson {
	/// The job id.
	pub id: u64,
	/// Who submitted it.
	pub requester: String,
	/// The model id.
	pub model: ModelId,
	/// Canonical hash of the input.
	pub input_hash: H256,
	/// The input (only in `inference_job`; `null` in pages).
	pub input: Option<TensorJson>,
	/// The agent tag, if any.
	pub agent: Option<H256>,
	/// Replicas.
	pub k: u32,
	/// Quorum.
	pub q: u32,
	/// Agreement tolerance in output units.
	pub tolerance: u64,
	/// `k = q = 1`: checked by nobody.
	pub unverified: bool,
	/// Most the requester agreed to pay.
	pub max_fee: String,
	/// The price held in escrow.
	pub quote: QuoteJson,
	/// The assigned operators in slot order.
	pub assignments: Vec<AssignmentJson>,
	/// Current phase.
	pub status: JobStatusJson,
	/// Block of submission.
	pub submitted_at: BlockNumber,
	/// First block at which commitments are refused.
	pub commit_deadline: BlockNumber,
	/// Block the reveal phase opened.
	pub reveal_opened_at: Option<BlockNumber>,
	/// First block at which reveals are refused.
	pub reveal_deadline: Option<BlockNumber>,
	/// Block the job became final.
	pub concluded_at: Option<BlockNumber>,
	/// Size of the agreeing group.
	pub agreeing: u32,
	/// Canonical hash of the result.
	pub result_hash: Option<H256>,
	/// The result (verified jobs only).
	pub result: Option<TensorJson>,
	/// How the escrow was paid out, once final.
	pub payout: Option<PayoutJson>,
}

impl From<JobView<AccountId, Balance, BlockNumber>> for JobJson {
	fn from(j: JobView<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			id: j.id,
			requester: account_to_string(&j.requester),
			model: j.model,
			input_hash: j.input_hash,
			input: j.input.map(Into::into),
			agent: j.agent,
			k: j.k,
			q: j.q,
			tolerance: j.tolerance,
			unverified: j.unverified,
			max_fee: j.max_fee.to_string(),
			quote: j.quote.into(),
			assignments: j.assignments.into_iter().map(Into::into).collect(),
			status: j.status.into(),
			submitted_at: j.submitted_at,
			commit_deadline: j.commit_deadline,
			reveal_opened_at: j.reveal_opened_at,
			reveal_deadline: j.reveal_deadline,
			concluded_at: j.concluded_at,
			agreeing: j.agreeing,
			result_hash: j.result_hash,
			result: j.result.map(Into::into),
			payout: j.payout.map(Into::into),
		}
	}
}

/// A page of a job index, newest first.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct JobPageJson {
	/// Number of jobs in the index.
	pub total: u32,
	/// The jobs of this page, newest first.
	pub jobs: Vec<JobJson>,
	/// `pageStart` of the next (older) page; `null` at the end.
	pub next: Option<u32>,
}

impl From<JobPage<AccountId, Balance, BlockNumber>> for JobPageJson {
	fn from(p: JobPage<AccountId, Balance, BlockNumber>) -> Self {
		Self { total: p.total, jobs: p.jobs.into_iter().map(Into::into).collect(), next: p.next }
	}
}

/// A registered model.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ModelJson {
	/// blake2-256 of the ONNX file.
	pub id: ModelId,
	/// Owner (receives royalties).
	pub owner: String,
	/// Name (lossy UTF-8).
	pub name: String,
	/// Where to fetch the file (lossy UTF-8).
	pub uri: String,
	/// Input spec.
	pub input: TensorSpecJson,
	/// Output spec.
	pub output: TensorSpecJson,
	/// Agreement tolerance in output units.
	pub tolerance: u64,
	/// Fee per agreeing operator.
	pub operator_fee: String,
	/// Royalty per verified job.
	pub royalty: String,
	/// Default replicas.
	pub k: u32,
	/// Default quorum.
	pub q: u32,
	/// Deposit held from the owner.
	pub deposit: String,
	/// Whether it takes new jobs.
	pub active: bool,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// SCALE bytes of a valid input (what the byte fee is charged on).
	pub input_bytes: u32,
	/// Operators eligible for a new job now.
	pub eligible_operators: u32,
}

impl From<ModelView<AccountId, Balance, BlockNumber>> for ModelJson {
	fn from(m: ModelView<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			id: m.id,
			owner: account_to_string(&m.owner),
			name: String::from_utf8_lossy(&m.name).into_owned(),
			uri: String::from_utf8_lossy(&m.uri).into_owned(),
			input: m.input.into(),
			output: m.output.into(),
			tolerance: m.tolerance,
			operator_fee: m.fees.operator_fee.to_string(),
			royalty: m.fees.royalty.to_string(),
			k: m.k,
			q: m.q,
			deposit: m.deposit.to_string(),
			active: m.active,
			registered_at: m.registered_at,
			input_bytes: m.input_bytes,
			eligible_operators: m.eligible_operators,
		}
	}
}

/// The answer of `reputation_score`.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ScoreJson {
	/// The account asked about.
	pub account: String,
	/// Score in parts per million (500000 without history).
	pub score: u32,
	/// Whether it is excluded from assignment now.
	pub excluded: bool,
}

impl ScoreJson {
	/// The score of `who`.
	pub fn new(who: &AccountId, s: ScoreView) -> Self {
		Self { account: account_to_string(who), score: s.score, excluded: s.excluded }
	}
}

/// An operator's reputation: score and raw counters.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ReputationJson {
	/// The operator's account.
	pub account: String,
	/// Score in parts per million.
	pub score: u32,
	/// Whether it is excluded from assignment now.
	pub excluded: bool,
	/// Events since its record was created or last reinstated.
	pub window_events: u32,
	/// Final jobs it was assigned to.
	pub assigned: u32,
	/// Jobs in the agreeing group.
	pub agreed: u32,
	/// Jobs outside the agreeing group.
	pub disagreed: u32,
	/// Jobs with a missed commit or reveal.
	pub missed: u32,
	/// Total fees earned.
	pub total_earned: String,
	/// Total slashed from its bond.
	pub total_slashed: String,
	/// Mean latency of agreed jobs in blocks.
	pub mean_latency: u32,
	/// Block of its first event (`null` without history).
	pub first_active: Option<BlockNumber>,
	/// Block of its last event (`null` without history).
	pub last_active: Option<BlockNumber>,
}

impl From<ReputationView<AccountId, Balance, BlockNumber>> for ReputationJson {
	fn from(r: ReputationView<AccountId, Balance, BlockNumber>) -> Self {
		let active = r.stats.assigned > 0;
		Self {
			account: account_to_string(&r.operator),
			score: r.score,
			excluded: r.excluded,
			window_events: r.window_events,
			assigned: r.stats.assigned,
			agreed: r.stats.agreed,
			disagreed: r.stats.disagreed,
			missed: r.stats.missed,
			total_earned: r.stats.earned.to_string(),
			total_slashed: r.stats.slashed.to_string(),
			mean_latency: r.mean_latency,
			first_active: active.then_some(r.stats.first_active),
			last_active: active.then_some(r.stats.last_active),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		let ss58 = account_to_string(&alice);
		assert!(ss58.starts_with('5'), "{ss58}");
		assert_eq!(parse_account(&ss58).unwrap(), alice);
		let bytes: &[u8] = alice.as_ref();
		let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
		let hex = format!("0x{hex}");
		assert_eq!(parse_account(&hex).unwrap(), alice);
		assert!(parse_account("5Grw").is_err());
		assert!(parse_account("0x1234").is_err());
		assert!(parse_account("").is_err());
	}

	#[test]
	fn hashes_parse() {
		let h = H256::repeat_byte(0xab);
		assert_eq!(parse_h256(&format!("{h:?}"), "model").unwrap(), h);
		assert!(parse_h256("abab", "model").unwrap_err().contains("model"));
		assert!(parse_h256(&format!("0x{}", "zz".repeat(32)), "model").is_err());
	}

	#[test]
	fn quote_json_is_camel_case_with_decimal_strings() {
		let q = Quote::<Balance> {
			k: 3,
			per_operator: u128::MAX,
			royalty: 2,
			protocol_fee: 1,
			total: 9,
		};
		let v = serde_json::to_value(QuoteJson::from(q)).unwrap();
		assert_eq!(v["perOperator"], u128::MAX.to_string());
		assert_eq!(v["protocolFee"], "1");
		assert_eq!(v["k"], 3);
		assert_eq!(serde_json::to_value(OutcomeJson::MissedCommit).unwrap(), "missedCommit");
	}
}
