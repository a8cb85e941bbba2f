//! Records read from storage, as the JSON the node's query methods answer with (`docs/rpc.md`):
//! camelCase field names, accounts as SS58, hashes as `0x` hex, balances as decimal strings,
//! enums as camelCase strings. So `--json` output has one shape whichever way it was read.

use crate::{tensor::Tensor, types::*};
use serde_json::{json, Value as Json};
use subxt::utils::AccountId32;

fn lower_first(s: &str) -> String {
	let mut c = s.chars();
	match c.next() {
		Some(f) => f.to_lowercase().chain(c).collect(),
		None => String::new(),
	}
}

fn enum_name<T: std::fmt::Debug>(v: &T) -> String {
	lower_first(&format!("{v:?}"))
}

fn tensor(t: &Option<Tensor>) -> Json {
	match t {
		Some(t) => json!({ "shape": t.shape, "data": t.data, "precision": t.precision }),
		None => Json::Null,
	}
}

/// A job (`inference_job`'s shape).
pub fn job(id: u64, j: &JobInfo, input: &Option<Tensor>, result: &Option<Tensor>) -> Json {
	let q = &j.quote;
	json!({
		"id": id,
		"requester": j.requester.to_string(),
		"model": j.model,
		"inputHash": j.input_hash,
		"input": tensor(input),
		"agent": j.agent,
		"k": j.policy.k,
		"q": j.policy.q,
		"tolerance": j.tolerance,
		"unverified": j.unverified,
		"maxFee": j.max_fee.to_string(),
		"quote": {
			"k": q.k,
			"perOperator": q.per_operator.to_string(),
			"royalty": q.royalty.to_string(),
			"protocolFee": q.protocol_fee.to_string(),
			"total": q.total.to_string(),
		},
		"assignments": j.assignments.iter().map(|a| json!({
			"operator": a.operator.to_string(),
			"commitment": a.commitment,
			"committedAt": a.committed_at,
			"revealedAt": a.revealed_at,
			"outputHash": a.output_hash,
			"outcome": a.outcome.as_ref().map(enum_name),
			"paid": a.paid.to_string(),
			"slashed": a.slashed.to_string(),
		})).collect::<Vec<_>>(),
		"status": enum_name(&j.phase),
		"submittedAt": j.submitted_at,
		"commitDeadline": j.commit_deadline,
		"revealOpenedAt": j.reveal_opened_at,
		"revealDeadline": j.reveal_deadline,
		"concludedAt": j.concluded_at,
		"agreeing": j.agreeing,
		"resultHash": j.result_hash,
		"result": tensor(result),
		"payout": j.payout.as_ref().map(|p| json!({
			"operatorsPaid": p.operators_paid,
			"perOperator": p.per_operator.to_string(),
			"royalty": p.royalty.to_string(),
			"toTreasury": p.to_treasury.to_string(),
			"refunded": p.refunded.to_string(),
		})),
	})
}

/// A model (`inference_models`' shape; `eligibleOperators` is not known from storage alone).
pub fn model(m: &ModelView) -> Json {
	let i = &m.info;
	let input_bytes = Tensor {
		shape: i.input.shape.clone(),
		data: vec![0; i.input.elements() as usize],
		precision: i.input.precision,
	}
	.encoded()
	.len();
	json!({
		"id": m.id,
		"owner": i.owner.to_string(),
		"name": String::from_utf8_lossy(&i.name),
		"uri": String::from_utf8_lossy(&i.uri),
		"input": { "shape": i.input.shape, "precision": i.input.precision },
		"output": { "shape": i.output.shape, "precision": i.output.precision },
		"tolerance": i.tolerance,
		"operatorFee": i.fees.operator_fee.to_string(),
		"royalty": i.fees.royalty.to_string(),
		"k": i.policy.k,
		"q": i.policy.q,
		"deposit": i.deposit.to_string(),
		"active": i.status == ModelStatus::Active,
		"registeredAt": i.registered_at,
		"inputBytes": input_bytes,
		"eligibleOperators": Json::Null,
	})
}

/// An operator's reputation (`reputation_operator`'s shape). The score leaves out the idle
/// decay due since the operator's last event, and exclusion is not known from storage alone.
pub fn reputation(who: &AccountId32, r: &Option<ReputationRecord>) -> Json {
	match r {
		Some(r) => {
			let s = &r.stats;
			json!({
				"account": who.to_string(),
				"score": r.evidence.score_ppm(),
				"excluded": Json::Null,
				"windowEvents": r.window_events,
				"assigned": s.assigned,
				"agreed": s.agreed,
				"disagreed": s.disagreed,
				"missed": s.missed,
				"totalEarned": s.earned.to_string(),
				"totalSlashed": s.slashed.to_string(),
				"meanLatency": if s.agreed == 0 { 0 } else { s.latency_sum / s.agreed as u64 },
				"firstActive": (s.assigned > 0).then_some(s.first_active),
				"lastActive": (s.assigned > 0).then_some(s.last_active),
			})
		}
		None => no_history(who, 500_000, Json::Null),
	}
}

/// The reputation of an operator without any event yet.
pub fn no_history(who: &AccountId32, score: u64, excluded: Json) -> Json {
	json!({
		"account": who.to_string(),
		"score": score,
		"excluded": excluded,
		"windowEvents": 0,
		"assigned": 0, "agreed": 0, "disagreed": 0, "missed": 0,
		"totalEarned": "0", "totalSlashed": "0",
		"meanLatency": 0, "firstActive": null, "lastActive": null,
	})
}

/// An operator record (no node method serves these; same conventions).
pub fn operator(op: &OperatorView) -> Json {
	let i = &op.info;
	json!({
		"account": op.account.to_string(),
		"key": format!("0x{}", hex::encode(i.key)),
		"status": enum_name(&i.status),
		"activeBond": i.ledger.active.to_string(),
		"unbonding": i.ledger.unlocking.iter().map(|c| json!({
			"value": c.value.to_string(),
			"unlockAt": c.unlock_at,
		})).collect::<Vec<_>>(),
		"models": i.models,
		"openJobs": i.open_jobs,
		"metadata": String::from_utf8_lossy(&i.metadata),
		"registeredAt": i.registered_at,
	})
}
