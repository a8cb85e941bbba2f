//! Printing: JSON on stdout with `--json`, readable text otherwise; progress on stderr.
//!
//! Records are printed from JSON whether they come from the node's `inference_*`/`reputation_*`
//! JSON-RPC methods or from storage, so the text renderers accept both `snake_case` and
//! `camelCase` field names and balances as numbers or strings.

use crate::units::Token;
use serde_json::{json, Value as Json};
use std::io::{IsTerminal, Write};
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};

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

/// Prints `value` as pretty JSON on stdout.
pub fn print_json(value: &Json) {
	println!("{}", serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()));
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
		if let Some(Json::String(hex)) = Some(value_to_json(v)) {
			if let Ok(b) = crate::keys::parse_hex32(&hex) {
				return Json::String(subxt::utils::AccountId32(b).to_string());
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

/// Field `key` of `v`, under its snake_case or camelCase name.
pub fn field<'a>(v: &'a Json, key: &str) -> Option<&'a Json> {
	if let Some(x) = v.get(key) {
		return Some(x);
	}
	let mut camel = String::new();
	let mut upper = false;
	for ch in key.chars() {
		if ch == '_' {
			upper = true;
		} else if upper {
			camel.extend(ch.to_uppercase());
			upper = false;
		} else {
			camel.push(ch);
		}
	}
	v.get(camel.as_str())
}

/// Field as a display string ("-" when absent or null).
pub fn text(v: &Json, key: &str) -> String {
	match field(v, key) {
		None | Some(Json::Null) => "-".into(),
		Some(Json::String(s)) => s.clone(),
		Some(other) => other.to_string(),
	}
}

/// A JSON number or decimal string as `u128`.
pub fn as_u128(v: &Json) -> Option<u128> {
	match v {
		Json::Number(n) => n.as_u64().map(|n| n as u128),
		Json::String(s) => {
			let s = s.trim();
			if let Some(h) = s.strip_prefix("0x") {
				u128::from_str_radix(h, 16).ok()
			} else {
				s.parse().ok()
			}
		}
		_ => None,
	}
}

/// Field as a formatted balance.
pub fn balance(token: &Token, v: &Json, key: &str) -> String {
	match field(v, key).and_then(as_u128) {
		Some(n) => token.format(n),
		None => text(v, key),
	}
}

/// A block number field as `#12`.
pub fn block(v: &Json, key: &str) -> String {
	match field(v, key) {
		None | Some(Json::Null) => "-".into(),
		Some(x) => {
			format!("#{}", as_u128(x).map(|n| n.to_string()).unwrap_or_else(|| x.to_string()))
		}
	}
}

/// A tensor `{shape, data, precision}` as `[1, 3] @4: [0, 349, 9650] = [0.0000, 0.0349, 0.9650]`.
pub fn tensor(v: &Json) -> String {
	let t: Option<crate::tensor::Tensor> = serde_json::from_value(json!({
		"shape": field(v, "shape").cloned().unwrap_or(Json::Null),
		"data": field(v, "data").cloned().unwrap_or(Json::Null),
		"precision": field(v, "precision").cloned().unwrap_or(Json::Null),
	}))
	.ok();
	match t {
		Some(t) => format!("{:?} @{}: {}", t.shape, t.precision, crate::tensor::describe(&t)),
		None => v.to_string(),
	}
}

/// Prints a job record as text.
pub fn print_job(token: &Token, job: &Json) {
	let unverified = field(job, "unverified").and_then(Json::as_bool).unwrap_or(false);
	println!(
		"Job {}: {}   (k = {}, q = {}{})",
		text(job, "id"),
		text(job, "status"),
		text(job, "k"),
		text(job, "q"),
		if unverified { ", UNVERIFIED: one operator, checked by nobody" } else { "" }
	);
	println!("  model          {}", text(job, "model"));
	println!("  requester      {}", text(job, "requester"));
	if !matches!(field(job, "agent"), None | Some(Json::Null)) {
		println!("  agent          {}", text(job, "agent"));
	}
	println!(
		"  blocks         submitted {}, commit deadline {}, reveal opened {}, reveal deadline {}, concluded {}",
		block(job, "submitted_at"),
		block(job, "commit_deadline"),
		block(job, "reveal_opened_at"),
		block(job, "reveal_deadline"),
		block(job, "concluded_at")
	);
	if let Some(q) = field(job, "quote") {
		println!(
			"  quote          {} (per operator {}, royalty {}, protocol fee {}); max fee {}",
			balance(token, q, "total"),
			balance(token, q, "per_operator"),
			balance(token, q, "royalty"),
			balance(token, q, "protocol_fee"),
			balance(token, job, "max_fee")
		);
	}
	match field(job, "input") {
		Some(i) if !i.is_null() => println!("  input          {}", tensor(i)),
		_ => {}
	}
	println!("  input hash     {}", text(job, "input_hash"));
	if let Some(Json::Array(assignments)) = field(job, "assignments").or(field(job, "operators")) {
		println!("  operators");
		for (slot, a) in assignments.iter().enumerate() {
			let committed = !matches!(field(a, "commitment"), None | Some(Json::Null))
				|| !matches!(field(a, "committed_at"), None | Some(Json::Null));
			println!(
				"    [{slot}] {}  committed {}  revealed {}  outcome {}  paid {}  slashed {}",
				text(a, "operator"),
				if committed { block(a, "committed_at") } else { "no".into() },
				block(a, "revealed_at"),
				text(a, "outcome"),
				balance(token, a, "paid"),
				balance(token, a, "slashed"),
			);
			if !matches!(field(a, "output_hash"), None | Some(Json::Null)) {
				println!("        output hash {}", text(a, "output_hash"));
			}
		}
	}
	match field(job, "result") {
		Some(r) if !r.is_null() => {
			println!("  result         {}", tensor(r));
			println!(
				"  agreement      {} of {} outputs agreed; result hash {}",
				text(job, "agreeing"),
				text(job, "k"),
				text(job, "result_hash")
			);
		}
		_ => {}
	}
	if let Some(p) = field(job, "payout").filter(|p| !p.is_null()) {
		println!(
			"  payout         {} operators × {}, royalty {}, treasury {}, refunded {}",
			text(p, "operators_paid"),
			balance(token, p, "per_operator"),
			balance(token, p, "royalty"),
			balance(token, p, "to_treasury"),
			balance(token, p, "refunded")
		);
	}
}

/// Prints a model record as text (`long`: every field).
pub fn print_model(token: &Token, m: &Json, long: bool) {
	let fees = field(m, "fees").cloned().unwrap_or_else(|| m.clone());
	let policy = field(m, "policy").cloned().unwrap_or_else(|| m.clone());
	let status = match field(m, "active").and_then(Json::as_bool) {
		Some(true) => "active".to_string(),
		Some(false) => "deprecated".to_string(),
		None => text(m, "status"),
	};
	let spec = |key: &str| match field(m, key) {
		Some(s) => format!("{} @{}", text(s, "shape"), text(s, "precision")),
		None => "-".into(),
	};
	if !long {
		println!(
			"{}  {:<16} {:<10} in {:<12} out {:<12} k={} q={} fee {}",
			text(m, "id"),
			text(m, "name"),
			status,
			spec("input"),
			spec("output"),
			text(&policy, "k"),
			text(&policy, "q"),
			balance(token, &fees, "operator_fee")
		);
		return;
	}
	println!("Model {}", text(m, "id"));
	println!("  name           {}", text(m, "name"));
	println!("  status         {status}");
	println!("  owner          {}", text(m, "owner"));
	println!("  uri            {}", text(m, "uri"));
	println!("  input          {}", spec("input"));
	println!("  output         {}", spec("output"));
	println!("  tolerance      {}", text(m, "tolerance"));
	println!("  policy         k = {}, q = {}", text(&policy, "k"), text(&policy, "q"));
	println!(
		"  fees           operator fee {}, royalty {}",
		balance(token, &fees, "operator_fee"),
		balance(token, &fees, "royalty")
	);
	println!("  deposit        {}", balance(token, m, "deposit"));
	println!("  registered     {}", block(m, "registered_at"));
	if !matches!(field(m, "eligible_operators"), None | Some(Json::Null)) {
		println!("  eligible now   {} operators", text(m, "eligible_operators"));
	}
}

/// Prints an operator's reputation as text.
pub fn print_reputation(token: &Token, r: &Json) {
	let score = field(r, "score").and_then(as_u128);
	let stats = field(r, "stats").cloned().unwrap_or_else(|| r.clone());
	let excluded = field(r, "excluded").and_then(Json::as_bool) == Some(true);
	println!(
		"{}  score {}{}  assigned {}  agreed {}  disagreed {}  missed {}  earned {}  slashed {}  mean latency {} blocks",
		text(r, "account"),
		score.map(|s| format!("{:.4}", s as f64 / 1_000_000.0)).unwrap_or_else(|| text(r, "score")),
		if excluded { " (EXCLUDED)" } else { "" },
		text(&stats, "assigned"),
		text(&stats, "agreed"),
		text(&stats, "disagreed"),
		text(&stats, "missed"),
		balance(token, &stats, "total_earned"),
		balance(token, &stats, "total_slashed"),
		text(r, "mean_latency"),
	);
}
