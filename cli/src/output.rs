//! Printing: JSON on stdout with `--json`, readable text otherwise; progress on stderr.
//!
//! Records are the typed answers of the node's `inference_*`/`reputation_*` methods; with
//! `--json` they are printed as those methods answer them (keys sorted, pretty), as text by the
//! `print_*` functions here. Events of transactions are decoded from the runtime's metadata.

use crate::{tensor, units::Token};
use serde::Serialize;
use serde_json::{json, Value as Json};
use std::io::{IsTerminal, Write};
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};
use verinfer_client::{CompactJob, Job, Model, Reputation};
use verinfer_primitives::{chain::parse_hex32, tensor::TensorSpec, AccountId};

/// Where progress and notes go: stderr in text mode, nowhere with `--json`.
pub struct Progress {
	enabled: bool,
	tty: bool,
	/// A status line is on screen without its newline.
	pending: std::cell::Cell<bool>,
}

impl Progress {
	/// Progress for the given output mode.
	pub fn new(json: bool) -> Self {
		Progress {
			enabled: !json,
			tty: std::io::stderr().is_terminal(),
			pending: Default::default(),
		}
	}

	/// Whether progress goes to a terminal.
	pub fn is_tty(&self) -> bool {
		self.enabled && self.tty
	}

	/// One line of progress.
	pub fn line(&self, text: &str) {
		if self.enabled {
			self.end_status();
			eprintln!("{text}");
		}
	}

	/// A status line that a terminal overwrites in place (a plain line otherwise).
	pub fn status(&self, text: &str) {
		if !self.enabled {
			return;
		}
		if self.tty {
			let mut err = std::io::stderr();
			let _ = write!(err, "\r\x1b[2K{text}");
			let _ = err.flush();
			self.pending.set(true);
		} else {
			eprintln!("{text}");
		}
	}

	/// Ends a run of [`Self::status`] lines.
	pub fn end_status(&self) {
		if self.enabled && self.pending.replace(false) {
			eprintln!();
		}
	}
}

/// Prints `value` as pretty JSON on stdout, its keys sorted.
pub fn print_json<T: Serialize>(value: &T) {
	let value = serde_json::to_value(value).unwrap_or_else(|e| json!({ "error": e.to_string() }));
	println!("{}", serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string()));
}

/// A decoded SCALE value as JSON: 32-byte arrays as `0x` hex, `Option`s as null or the value,
/// unit enum variants as their name, other variants as `{ name: fields }`, big numbers as
/// strings.
pub fn value_to_json<T>(v: &Value<T>) -> Json {
	match &v.value {
		ValueDef::Composite(c) => composite_to_json(c),
		ValueDef::Variant(var) => {
			let fields = composite_to_json(&var.values);
			match (var.name.as_str(), var.values.len()) {
				("None", 0) => Json::Null,
				("Some", 1) => fields,
				(name, 0) => Json::String(name.to_string()),
				(name, _) => json!({ name: fields }),
			}
		}
		ValueDef::BitSequence(b) => Json::String(format!("{b:?}")),
		ValueDef::Primitive(p) => match p {
			Primitive::Bool(b) => Json::Bool(*b),
			Primitive::Char(c) => Json::String(c.to_string()),
			Primitive::String(s) => Json::String(s.clone()),
			Primitive::U128(n) if *n <= u64::MAX as u128 => json!(*n as u64),
			Primitive::U128(n) => Json::String(n.to_string()),
			Primitive::I128(n) if i64::try_from(*n).is_ok() => json!(*n as i64),
			Primitive::I128(n) => Json::String(n.to_string()),
			Primitive::U256(b) | Primitive::I256(b) => {
				Json::String(format!("0x{}", hex::encode(b)))
			}
		},
	}
}

fn as_byte<T>(v: &Value<T>) -> Option<u8> {
	match &v.value {
		ValueDef::Primitive(Primitive::U128(n)) if *n <= 255 => Some(*n as u8),
		_ => None,
	}
}

fn composite_to_json<T>(c: &Composite<T>) -> Json {
	match c {
		Composite::Named(fields) => Json::Object(
			fields.iter().map(|(name, value)| (name.clone(), value_to_json(value))).collect(),
		),
		Composite::Unnamed(items) => {
			if items.len() == 32 {
				let bytes: Option<Vec<u8>> = items.iter().map(as_byte).collect();
				if let Some(bytes) = bytes {
					return Json::String(format!("0x{}", hex::encode(bytes)));
				}
			}
			if items.len() == 1 {
				if let ValueDef::Composite(_) = &items[0].value {
					return value_to_json(&items[0]);
				}
			}
			Json::Array(items.iter().map(value_to_json).collect())
		}
	}
}

/// The fields of an event as JSON, typed by the runtime metadata: accounts as SS58, byte arrays
/// and hashes as `0x` hex, newtypes unwrapped, `Option`s as null or the value.
pub fn event_fields_json(
	metadata: &subxt::Metadata,
	pallet: &str,
	event_index: u8,
	mut bytes: &[u8],
) -> Option<Json> {
	let variant = metadata.pallet_by_name(pallet)?.event_variant_by_index(event_index)?;
	let types = metadata.types();
	let mut out = serde_json::Map::new();
	for (i, f) in variant.fields.iter().enumerate() {
		let v = subxt::ext::scale_value::scale::decode_as_type(&mut bytes, f.ty.id, types).ok()?;
		let name = f.name.clone().unwrap_or_else(|| i.to_string());
		out.insert(name, typed_json(&v, types));
	}
	Some(Json::Object(out))
}

fn typed_json(v: &Value<u32>, types: &scale_info::PortableRegistry) -> Json {
	use scale_info::TypeDef;
	let Some(ty) = types.resolve(v.context) else { return value_to_json(v) };
	let bytes_of =
		|items: &[Value<u32>]| -> Option<Vec<u8>> { items.iter().map(as_byte).collect() };
	if ty.path.segments.last().map(String::as_str) == Some("AccountId32") {
		if let Json::String(hex) = value_to_json(v) {
			if let Ok(b) = parse_hex32(&hex) {
				return Json::String(AccountId::from(b).to_string());
			}
		}
	}
	match (&ty.type_def, &v.value) {
		(TypeDef::Sequence(_) | TypeDef::Array(_), ValueDef::Composite(c)) => {
			let items: Vec<Value<u32>> = c.values().cloned().collect();
			match bytes_of(&items) {
				Some(b) if !items.is_empty() => Json::String(format!("0x{}", hex::encode(b))),
				_ => Json::Array(items.iter().map(|i| typed_json(i, types)).collect()),
			}
		}
		(TypeDef::Composite(def), ValueDef::Composite(c))
			if def.fields.len() == 1 && def.fields[0].name.is_none() =>
		{
			match c.values().next() {
				Some(inner) => typed_json(inner, types),
				None => Json::Null,
			}
		}
		(_, ValueDef::Composite(Composite::Named(fields))) => Json::Object(
			fields.iter().map(|(n, val)| (n.clone(), typed_json(val, types))).collect(),
		),
		(_, ValueDef::Composite(Composite::Unnamed(items))) => {
			Json::Array(items.iter().map(|i| typed_json(i, types)).collect())
		}
		(_, ValueDef::Variant(var)) => {
			let fields: Vec<Json> = var.values.values().map(|i| typed_json(i, types)).collect();
			let named = matches!(var.values, Composite::Named(_));
			match (var.name.as_str(), fields.len()) {
				("None", 0) => Json::Null,
				("Some", 1) => fields.into_iter().next().expect("one field"),
				(name, 0) => Json::String(name.to_string()),
				(name, 1) if !named => json!({ name: fields.into_iter().next().expect("one") }),
				(name, _) if named => json!({
					name: Json::Object(var.values.names_and_values_json(types))
				}),
				(name, _) => json!({ name: fields }),
			}
		}
		_ => value_to_json(v),
	}
}

trait NamesAndValues {
	fn names_and_values_json(
		&self,
		types: &scale_info::PortableRegistry,
	) -> serde_json::Map<String, Json>;
}

impl NamesAndValues for Composite<u32> {
	fn names_and_values_json(
		&self,
		types: &scale_info::PortableRegistry,
	) -> serde_json::Map<String, Json> {
		match self {
			Composite::Named(fields) => {
				fields.iter().map(|(n, v)| (n.clone(), typed_json(v, types))).collect()
			}
			Composite::Unnamed(items) => items
				.iter()
				.enumerate()
				.map(|(i, v)| (i.to_string(), typed_json(v, types)))
				.collect(),
		}
	}
}

/// A block number as `#12`, `-` when there is none.
pub fn block(number: Option<u32>) -> String {
	number.map_or_else(|| "-".into(), |n| format!("#{n}"))
}

/// A hash in full (`0x` + 64 hex digits), `-` when there is none.
pub fn hash<H: std::fmt::Debug>(hash: Option<H>) -> String {
	hash.map_or_else(|| "-".into(), |h| format!("{h:?}"))
}

/// A model's input or output spec as `[1,4] @2`.
pub fn spec(spec: &TensorSpec) -> String {
	let dims: Vec<String> = spec.shape.iter().map(u32::to_string).collect();
	format!("[{}] @{}", dims.join(","), spec.precision)
}

/// Prints a job record as text.
pub fn print_job(token: &Token, job: &Job) {
	println!(
		"Job {}: {}   (k = {}, q = {}{})",
		job.id,
		job.status,
		job.k,
		job.q,
		if job.unverified { ", UNVERIFIED: one operator, checked by nobody" } else { "" }
	);
	println!("  model          {:?}", job.model);
	println!("  requester      {}", job.requester);
	if let Some(agent) = job.agent {
		println!("  agent          {agent:?}");
	}
	println!(
		"  blocks         submitted {}, commit deadline {}, reveal opened {}, reveal deadline {}, concluded {}",
		block(Some(job.submitted_at)),
		block(Some(job.commit_deadline)),
		block(job.reveal_opened_at),
		block(job.reveal_deadline),
		block(job.concluded_at)
	);
	let q = &job.quote;
	println!(
		"  quote          {} (per operator {}, royalty {}, protocol fee {}); max fee {}",
		token.format(q.total),
		token.format(q.per_operator),
		token.format(q.royalty),
		token.format(q.protocol_fee),
		token.format(job.max_fee)
	);
	if let Some(input) = &job.input {
		println!("  input          {}", tensor::describe_with_shape(input));
	}
	println!("  input hash     {:?}", job.input_hash);
	println!("  operators");
	for (slot, a) in job.assignments.iter().enumerate() {
		let committed = a.commitment.is_some() || a.committed_at.is_some();
		println!(
			"    [{slot}] {}  committed {}  revealed {}  outcome {}  paid {}  slashed {}",
			a.operator,
			if committed { block(a.committed_at) } else { "no".into() },
			block(a.revealed_at),
			a.outcome.map_or_else(|| "-".into(), |o| o.to_string()),
			token.format(a.paid),
			token.format(a.slashed),
		);
		if let Some(output_hash) = a.output_hash {
			println!("        output hash {output_hash:?}");
		}
	}
	if let Some(result) = &job.result {
		println!("  result         {}", tensor::describe_with_shape(result));
		println!(
			"  agreement      {} of {} outputs agreed; result hash {}",
			job.agreeing,
			job.k,
			hash(job.result_hash)
		);
	}
	if let Some(p) = &job.payout {
		print_payout(token, p);
	}
	println!("  storage        {}", storage_line(token, &job.storage, None));
}

fn print_payout(token: &Token, p: &verinfer_primitives::Payout<verinfer_primitives::Balance>) {
	println!(
		"  payout         {} operators × {}, royalty {}, treasury {}, refunded {}",
		p.operators_paid,
		token.format(p.per_operator),
		token.format(p.royalty),
		token.format(p.to_treasury),
		token.format(p.refunded)
	);
}

/// What a job's state costs, in words: `retention` (blocks) when known.
pub fn storage_line(
	token: &Token,
	s: &verinfer_primitives::StorageCost<verinfer_primitives::Balance>,
	retention: Option<u32>,
) -> String {
	let period = retention.map(|r| format!(" for {r} blocks")).unwrap_or_default();
	format!(
		"{} bytes kept{period} under a deposit of {} (returned when pruned), {} bytes kept forever for a fee of {}",
		s.retained_bytes,
		token.format(s.deposit),
		s.kept_bytes,
		token.format(s.fee)
	)
}

/// Prints the compact record of a pruned job, and where its full record can still be read.
pub fn print_pruned(token: &Token, job: &CompactJob, full_record_at: u32) {
	println!("Job {}: {}   (k = {}, q = {}; details pruned)", job.id, job.outcome, job.policy.k, job.policy.q);
	println!("  model          {:?}", job.model);
	println!("  requester      {}", job.requester);
	if let Some(agent) = job.agent {
		println!("  agent          {agent:?}");
	}
	println!(
		"  blocks         submitted {}, reveal opened {}, concluded {}, pruned {}",
		block(Some(job.submitted_at)),
		block(job.reveal_opened_at),
		block(Some(job.concluded_at)),
		block(Some(job.pruned_at))
	);
	println!("  input hash     {:?}", job.input_hash);
	println!("  result hash    {}", hash(job.result_hash));
	println!("  record hash    {:?}", job.record_hash);
	println!("  operators");
	for (slot, a) in job.assignments.iter().enumerate() {
		println!(
			"    [{slot}] {}  committed {}  revealed {}  outcome {}  paid {}  slashed {}",
			a.operator,
			block(a.committed_at),
			block(a.revealed_at),
			a.outcome.map_or_else(|| "-".into(), |o| o.to_string()),
			token.format(a.paid),
			token.format(a.slashed),
		);
	}
	if let Some(p) = &job.payout {
		print_payout(token, p);
	}
	println!("  storage        {}", storage_line(token, &job.storage, None));
	println!(
		"  full record    at block #{full_record_at}: an archive node answers it \
		 (`verinfer --url <archive node> job show {}`)",
		job.id
	);
}

/// Prints a model record as text (`long`: every field).
pub fn print_model(token: &Token, m: &Model, long: bool) {
	let status = if m.active { "active" } else { "deprecated" };
	let name = String::from_utf8_lossy(&m.name);
	if !long {
		println!(
			"{:?}  {:<16} {:<10} in {:<12} out {:<12} k={} q={} fee {}",
			m.id,
			name,
			status,
			spec(&m.input),
			spec(&m.output),
			m.k,
			m.q,
			token.format(m.fees.operator_fee)
		);
		return;
	}
	println!("Model {:?}", m.id);
	println!("  name           {name}");
	println!("  status         {status}");
	println!("  owner          {}", m.owner);
	println!("  uri            {}", String::from_utf8_lossy(&m.uri));
	println!("  input          {}", spec(&m.input));
	println!("  output         {}", spec(&m.output));
	println!("  tolerance      {}", m.tolerance);
	println!("  policy         k = {}, q = {}", m.k, m.q);
	println!(
		"  fees           operator fee {}, royalty {}",
		token.format(m.fees.operator_fee),
		token.format(m.fees.royalty)
	);
	println!("  deposit        {}", token.format(m.deposit));
	println!("  registered     {}", block(Some(m.registered_at)));
	println!("  eligible now   {} operators", m.eligible_operators);
}

/// Prints an operator's reputation as text.
pub fn print_reputation(token: &Token, r: &Reputation) {
	println!(
		"{}  score {:.4}{}  assigned {}  agreed {}  disagreed {}  missed {}  earned {}  slashed {}  mean latency {} blocks",
		r.account,
		r.score as f64 / 1_000_000.0,
		if r.excluded { " (EXCLUDED)" } else { "" },
		r.assigned,
		r.agreed,
		r.disagreed,
		r.missed,
		token.format(r.total_earned),
		token.format(r.total_slashed),
		r.mean_latency,
	);
}
