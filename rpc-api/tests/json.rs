//! The JSON of every `inference_*` and `reputation_*` answer is the serde form of the views in
//! `verinfer_primitives::api`, and it must not change by accident: these answers were recorded
//! from a real `--dev` node running the README's examples (a job of the iris model submitted by
//! Eve and verified by the three demo operators), when the node still wrote its JSON by hand.
//! Each one decodes into the typed answer and encodes back to exactly the same bytes.

use serde::{de::DeserializeOwned, Serialize};
use verinfer_rpc_api::{JobEntry, Model, Page, QuoteAnswer, Reputation, Score};

/// The `result` of the recorded answer `name`, byte for byte.
fn recorded_result(name: &str) -> String {
	let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
	// The node writes its envelope compactly, with `result` last.
	text.trim_end()
		.strip_prefix(r#"{"jsonrpc":"2.0","id":1,"result":"#)
		.and_then(|rest| rest.strip_suffix('}'))
		.unwrap_or_else(|| panic!("{path} is not a recorded answer"))
		.to_string()
}

/// Decodes the recorded answer `name` as `T` and checks it encodes back to the same bytes.
fn round_trips<T: Serialize + DeserializeOwned>(name: &str) -> T {
	let recorded = recorded_result(name);
	let typed: T = serde_json::from_str(&recorded)
		.unwrap_or_else(|e| panic!("{name}: the recorded answer does not decode: {e}"));
	assert_eq!(serde_json::to_string(&typed).unwrap(), recorded, "{name}: JSON changed");
	typed
}

#[test]
fn inference_answers_keep_their_json() {
	let job: Option<JobEntry> = round_trips("inference_job");
	let job = job.and_then(JobEntry::into_full).expect("job 0 exists in full");
	assert_eq!(job.id, 0);
	assert_eq!(job.status, verinfer_primitives::JobPhase::Verified);
	assert_eq!(job.assignments.len(), 3);
	let page: Page = round_trips("inference_jobsByRequester");
	assert_eq!(page.total, 1);
	let _: Page = round_trips("inference_jobsByOperator");
	let models: Vec<Model> = round_trips("inference_models");
	assert_eq!(models.len(), 3);
	let quote: QuoteAnswer = round_trips("inference_quote");
	assert_eq!(quote.quote.k, 3);
	assert_eq!(quote.storage, job.storage, "the job paid for its storage as quoted");
}

#[test]
fn reputation_answers_keep_their_json() {
	let score: Score = round_trips("reputation_score");
	assert!(score.score > 500_000, "Bob agreed once");
	let operator: Option<Reputation> = round_trips("reputation_operator");
	assert_eq!(operator.expect("Bob has a record").agreed, 1);
	let top: Vec<Reputation> = round_trips("reputation_top");
	assert_eq!(top.len(), 3);
}
