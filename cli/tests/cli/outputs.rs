//! What the CLI and the node print, checked against records of it.
//!
//! - `--json` output of the README's commands, and the JSON-RPC answers behind them, are byte
//!   for byte the recordings of the original binaries on a fresh `--dev` chain
//!   (`cli/tests/fixtures/`, `rpc-api/tests/fixtures/`), except for the values that differ from
//!   one run to the next (see [`VOLATILE`]).
//! - Every example marked `<!-- checked -->` in `README.md`, `docs/rpc.md` and `docs/cli.md` is
//!   what a fresh `--dev` chain prints when its commands run in that order (see [`check_docs`]).

use crate::{cli, dev_chain, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use verinfer_test_utils::{http, node::DevChain, node::RPC_CALL_TIMEOUT, paths::repo_root};

/// Keys whose values change from one run to the next: block numbers (block production starts
/// with the wall clock), the commitments (salted), the operators' slots (drawn with BABE's
/// randomness) and the latency in blocks. Their values are compared by position only.
const VOLATILE: &[&str] = &[
	"submittedAt",
	"commitDeadline",
	"revealOpenedAt",
	"revealDeadline",
	"concludedAt",
	"committedAt",
	"revealedAt",
	"firstActive",
	"lastActive",
	"meanLatency",
	"commitment",
	"operator",
];

/// `text` with the value of every `"key":` of `keys` replaced by `…`: the rest, key order,
/// spacing and every other value included, stays as it is.
fn mask(text: &str, keys: &[&str]) -> String {
	let mut out = String::with_capacity(text.len());
	let mut rest = text;
	'scan: while !rest.is_empty() {
		for key in keys {
			let quoted = format!("\"{key}\":");
			if let Some(after) = rest.strip_prefix(quoted.as_str()) {
				out.push_str(&quoted);
				let spaces = after.len() - after.trim_start().len();
				out.push_str(&after[..spaces]);
				let value = &after[spaces..];
				let end = if let Some(string) = value.strip_prefix('"') {
					string.find('"').map_or(value.len(), |i| i + 2)
				} else {
					value.find([',', '}', ']', '\n']).unwrap_or(value.len())
				};
				out.push('…');
				rest = &value[end..];
				continue 'scan;
			}
		}
		let mut chars = rest.chars();
		out.push(chars.next().expect("not empty"));
		rest = chars.as_str();
	}
	out
}

fn fixture(path: PathBuf) -> String {
	std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks `actual` against the recording `name`, byte for byte except for `extra` and
/// [`VOLATILE`] values.
fn same_as_recorded(dir: &Path, name: &str, actual: &str, extra: &[&str]) {
	let keys: Vec<&str> = VOLATILE.iter().chain(extra).copied().collect();
	// After a deliberate change of an output, `VERINFER_RECORD=1` records it anew (review the
	// diff before committing it).
	if std::env::var_os("VERINFER_RECORD").is_some() {
		std::fs::write(dir.join(name), format!("{}\n", actual.trim_end())).expect("record");
		return;
	}
	let recorded = fixture(dir.join(name));
	let (want, got) = (mask(recorded.trim_end(), &keys), mask(actual.trim_end(), &keys));
	if want != got {
		let line = want.lines().zip(got.lines()).position(|(w, g)| w != g);
		panic!(
			"{name}: the output differs from the recording (first differing line: {line:?})\n\
			 recorded:\n{recorded}\nnow:\n{actual}"
		);
	}
}

/// The operators of a job's assignments, sorted (they are masked in the byte comparison).
fn operators(job: &Value) -> Vec<String> {
	let mut ops: Vec<String> = job["assignments"]
		.as_array()
		.expect("assignments")
		.iter()
		.map(|a| a["operator"].as_str().expect("an SS58 operator").to_string())
		.collect();
	ops.sort();
	ops
}

/// One JSON-RPC call over HTTP; the answer as the node sent it.
async fn rpc(chain: &DevChain, method: &str, params: Value) -> String {
	let body = serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
	let reply = http::post_json(&chain.rpc_host_port(), "/", &body, RPC_CALL_TIMEOUT)
		.await
		.unwrap_or_else(|e| panic!("{method}: {e}"));
	String::from_utf8(reply.body).expect("UTF-8 answer")
}

const EVE: &str = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const IRIS: &str = "0x2040303b6662c366504bd504849f6c236f6b803825e58fa7b492c9cbd7a726d9";

/// The README's commands on a fresh dev chain, as `/work/notes/capture-json.sh` recorded them
/// from the binaries before this redesign, with `--json`; then the JSON-RPC answers behind them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_outputs_are_what_they_were() {
	let chain = dev_chain("cli-json").await;
	let cli_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
	let run = |args: &[&str]| -> String { cli(&chain, args).ok().stdout };

	same_as_recorded(&cli_dir, "model-list.json", &run(&["--json", "model", "list"]), &[]);
	let submitted = run(&[
		"--json",
		"--suri",
		"//Eve",
		"job",
		"submit",
		"iris-logreg",
		"--input",
		"630,340,560,240",
	]);
	same_as_recorded(&cli_dir, "job-submit.json", &submitted, &[]);
	let shown = run(&["--json", "job", "show", "0"]);
	same_as_recorded(&cli_dir, "job-show.json", &shown, &[]);
	let recorded: Value = serde_json::from_str(&fixture(cli_dir.join("job-show.json"))).unwrap();
	let shown: Value = serde_json::from_str(&shown).unwrap();
	assert_eq!(operators(&shown), operators(&recorded), "the same three operators ran job 0");
	let listed = run(&["--json", "job", "list", "--requester", "//Eve"]);
	same_as_recorded(&cli_dir, "job-list-requester.json", &listed, &[]);
	same_as_recorded(&cli_dir, "reputation-top.json", &run(&["--json", "reputation", "top"]), &[]);
	let bob = run(&["--json", "reputation", "show", "//Bob"]);
	same_as_recorded(&cli_dir, "reputation-show.json", &bob, &[]);
	// `model show` used to read the model from storage, where the number of operators eligible
	// for it now is not kept (it printed `null`); it is now the model as `inference_models`
	// answers it, the number filled in.
	let iris = run(&["--json", "model", "show", "iris-logreg"]);
	same_as_recorded(&cli_dir, "model-show.json", &iris, &["eligibleOperators"]);
	let listed: Value = serde_json::from_str(&run(&["--json", "model", "list"])).unwrap();
	let iris: Value = serde_json::from_str(&iris).unwrap();
	assert_eq!(Some(&iris), listed.as_array().unwrap().iter().find(|m| m["id"] == IRIS));
	// `operator info` now reads `inference_operator`: the same fields as before.
	let info = run(&["--json", "operator", "info", "//Bob"]);
	same_as_recorded(&cli_dir, "operator-info.json", &info, &[]);

	let rpc_dir = repo_root().join("rpc-api/tests/fixtures");
	for (name, method, params) in [
		("inference_job.json", "inference_job", serde_json::json!([0])),
		("inference_jobsByRequester.json", "inference_jobsByRequester", serde_json::json!([EVE])),
		("inference_jobsByOperator.json", "inference_jobsByOperator", serde_json::json!([BOB])),
		("inference_models.json", "inference_models", serde_json::json!([])),
		("inference_quote.json", "inference_quote", serde_json::json!([IRIS])),
		("reputation_score.json", "reputation_score", serde_json::json!([BOB])),
		("reputation_operator.json", "reputation_operator", serde_json::json!([BOB])),
		("reputation_top.json", "reputation_top", serde_json::json!([])),
		("reputation_score_error.json", "reputation_score", serde_json::json!(["nonsense"])),
	] {
		same_as_recorded(&rpc_dir, name, &rpc(&chain, method, params).await, &[]);
	}
}

/// One matcher line of a documented output: text with `…` standing for any text, or a line
/// that is only `…`, standing for any number of lines.
fn line_matches(pattern: &str, line: &str) -> bool {
	let parts: Vec<&str> = pattern.split('…').collect();
	let (first, last) = (parts[0], parts[parts.len() - 1]);
	if parts.len() == 1 {
		return pattern == line;
	}
	if !line.starts_with(first) || !line[first.len()..].ends_with(last) {
		return false;
	}
	let mut rest = &line[first.len()..line.len() - last.len()];
	for part in &parts[1..parts.len() - 1] {
		match rest.find(part) {
			Some(i) => rest = &rest[i + part.len()..],
			None => return false,
		}
	}
	true
}

/// Whether `lines` are what `patterns` document (see [`line_matches`]).
fn lines_match(patterns: &[&str], lines: &[&str]) -> bool {
	match patterns.split_first() {
		None => lines.is_empty(),
		Some((&"…", rest)) => (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..])),
		Some((pattern, rest)) => {
			!lines.is_empty() && line_matches(pattern, lines[0]) && lines_match(rest, &lines[1..])
		}
	}
}

/// One command of a checked example and the output documented for it.
struct Example {
	/// Where it is documented, for messages.
	place: String,
	/// The command line, without `$ `.
	command: String,
	/// The documented output.
	output: Vec<String>,
}

/// The examples of a Markdown file: every fenced block right after a line `<!-- checked -->`,
/// each `$ ` line in it a command and the lines up to the next one its output. A command ends
/// with its line unless the line ends with `\`.
fn examples(file: &Path) -> Vec<Example> {
	let text = fixture(file.to_path_buf());
	let lines: Vec<&str> = text.lines().collect();
	let mut out = Vec::new();
	let mut i = 0;
	while i < lines.len() {
		if lines[i].trim() != "<!-- checked -->" {
			i += 1;
			continue;
		}
		assert!(
			lines.get(i + 1).is_some_and(|l| l.starts_with("```")),
			"{}:{}: <!-- checked --> must come right before a fenced block",
			file.display(),
			i + 1
		);
		i += 2;
		while i < lines.len() && !lines[i].starts_with("```") {
			let Some(first) = lines[i].strip_prefix("$ ") else {
				panic!("{}:{}: a checked block starts with `$ command`", file.display(), i + 1)
			};
			let place = format!("{}:{}", file.display(), i + 1);
			let mut command = first.to_string();
			while command.ends_with('\\') {
				command.pop();
				i += 1;
				command.push_str(lines[i].trim_start());
			}
			i += 1;
			let mut output = Vec::new();
			while i < lines.len() && !lines[i].starts_with("```") && !lines[i].starts_with("$ ") {
				output.push(lines[i].to_string());
				i += 1;
			}
			out.push(Example { place, command, output });
		}
		i += 1;
	}
	out
}

/// The words of a command line, with `'…'` and `"…"` quoting.
fn words(command: &str) -> Vec<String> {
	let mut words = Vec::new();
	let mut word: Option<String> = None;
	let mut quote: Option<char> = None;
	for c in command.chars() {
		match (quote, c) {
			(Some(q), c) if c == q => quote = None,
			(Some(_), c) => word.get_or_insert_with(String::new).push(c),
			(None, '\'' | '"') => {
				quote = Some(c);
				word.get_or_insert_with(String::new);
			}
			(None, c) if c.is_whitespace() => words.extend(word.take()),
			(None, c) => word.get_or_insert_with(String::new).push(c),
		}
	}
	words.extend(word);
	words
}

/// Runs one documented command on `chain`: `verinfer ARGS` (with the chain's `--url`; what it
/// prints on stderr, then on stdout) or `curl ... -d 'REQUEST'` (the JSON-RPC request sent to the
/// node; its answer, one line, which the documentation may wrap: its lines are joined).
async fn run_example(chain: &DevChain, example: &Example) -> (Vec<String>, Vec<String>) {
	let words = words(&example.command);
	match words.first().map(String::as_str) {
		Some("verinfer") => {
			let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
			let Run { stdout, stderr, .. } = cli(chain, &args);
			let printed = stderr.lines().chain(stdout.lines()).map(|l| l.trim_end().to_string());
			let documented = example.output.iter().map(|l| l.trim_end().to_string());
			(documented.collect(), printed.collect())
		}
		Some("curl") => {
			let request = words
				.iter()
				.position(|w| w == "-d")
				.and_then(|i| words.get(i + 1))
				.unwrap_or_else(|| panic!("{}: curl without -d 'REQUEST'", example.place));
			let request: Value = serde_json::from_str(request)
				.unwrap_or_else(|e| panic!("{}: the request is not JSON: {e}", example.place));
			let method = request["method"].as_str().expect("a method");
			let answer = rpc(chain, method, request["params"].clone()).await;
			let documented: String = example.output.iter().map(|l| l.trim()).collect();
			(vec![documented], vec![answer.trim_end().to_string()])
		}
		_ => panic!("{}: only `verinfer` and `curl` commands are checked", example.place),
	}
}

/// Runs the checked examples of `files`, in order, on `chain`; fails listing every example whose
/// output is not what is documented.
async fn check_docs(chain: &DevChain, files: &[&str]) {
	let mut wrong = Vec::new();
	let mut checked = 0;
	for file in files {
		for example in examples(&repo_root().join(file)) {
			let (documented, printed) = run_example(chain, &example).await;
			let documented: Vec<&str> = documented.iter().map(String::as_str).collect();
			let printed: Vec<&str> = printed.iter().map(String::as_str).collect();
			checked += 1;
			if !lines_match(&documented, &printed) {
				wrong.push(format!(
					"{}: $ {}\n--- documented:\n{}\n--- printed:\n{}",
					example.place,
					example.command,
					documented.join("\n"),
					printed.join("\n")
				));
			}
		}
	}
	assert!(checked > 0, "no checked examples in {files:?}");
	assert!(wrong.is_empty(), "{} examples are not what the chain prints:\n\n{}", wrong.len(), wrong.join("\n\n"));
	eprintln!("[docs] {checked} examples match");
}

/// The examples of the README and `docs/` are real: run in order on a fresh dev chain (the
/// README's first, which submits job 0 as Eve), each prints what is documented.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_examples_are_what_a_fresh_dev_chain_prints() {
	let chain = dev_chain("cli-docs").await;
	check_docs(&chain, &["README.md", "docs/rpc.md", "docs/cli.md"]).await;
}

#[test]
fn the_matchers_do_what_the_docs_say() {
	assert_eq!(
		mask(r#"{"a":1,"operator":"5F…","b":{"committedAt": 12},"c":[null]}"#, VOLATILE),
		r#"{"a":1,"operator":…,"b":{"committedAt": …},"c":[null]}"#
	);
	assert!(line_matches("job … submitted in block #…", "job 0 submitted in block #8"));
	assert!(line_matches("0x2040…26d9  iris", "0x2040303b26d9  iris"));
	assert!(!line_matches("job … submitted", "job 0 submitted twice"));
	assert!(lines_match(&["a", "…", "d"], &["a", "b", "c", "d"]));
	assert!(lines_match(&["a", "…"], &["a"]));
	assert!(!lines_match(&["a", "…", "d"], &["a", "b"]));
	assert_eq!(
		words(r#"verinfer --metadata "gpu box 1" -d '{"a": 1}'"#),
		["verinfer", "--metadata", "gpu box 1", "-d", r#"{"a": 1}"#]
	);
}
