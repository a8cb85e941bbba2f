//! `verinfer model ...`: the model registry of the `Jobs` pallet.

use super::Ctx;
use crate::{
	cli::{ModelCommand, ModelRegister},
	keys, output, query,
	tensor::TensorSpec,
};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value as Json;
use subxt::utils::H256;

/// Runs one model command.
pub async fn run(ctx: &Ctx, cmd: ModelCommand) -> Result<()> {
	match cmd {
		ModelCommand::Register(args) => register(ctx, args).await,
		ModelCommand::List => {
			let models = query::models_json(&ctx.chain).await?;
			if ctx.json {
				output::print_json(&models);
			} else {
				let list = models.as_array().cloned().unwrap_or_default();
				if list.is_empty() {
					println!("no models registered");
				}
				for m in &list {
					output::print_model(&ctx.chain.token, m, false);
				}
			}
			Ok(())
		}
		ModelCommand::Show { model } => {
			let at = ctx.chain.at_best().await?;
			let m = crate::json::model(&query::resolve_model(&at, &model).await?);
			if ctx.json {
				output::print_json(&m);
			} else {
				output::print_model(&ctx.chain.token, &m, true);
			}
			Ok(())
		}
	}
}

fn parse_shape(text: &str, what: &str) -> Result<Vec<u32>> {
	text.split(',')
		.map(|d| d.trim().parse::<u32>())
		.collect::<Result<Vec<_>, _>>()
		.with_context(|| format!("{what}: {text:?} is not a comma-separated list of dimensions"))
}

/// Reads the sidecar JSON (`models/NAME.json`) next to an ONNX file, if there is one.
fn sidecar(file: &std::path::Path) -> Result<Option<Json>> {
	let path = file.with_extension("json");
	if !path.exists() {
		return Ok(None);
	}
	let text = std::fs::read_to_string(&path)
		.with_context(|| format!("cannot read {}", path.display()))?;
	Ok(Some(
		serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?,
	))
}

fn spec_from(
	side: Option<&Json>,
	key: &str,
	shape: Option<&str>,
	precision: Option<u8>,
) -> Result<TensorSpec> {
	let from_side: Option<TensorSpec> =
		side.and_then(|s| s.get(key)).and_then(|v| serde_json::from_value(v.clone()).ok());
	let shape = match (shape, &from_side) {
		(Some(s), _) => parse_shape(s, &format!("--{key}-shape"))?,
		(None, Some(s)) => s.shape.clone(),
		(None, None) => bail!("give --{key}-shape (or a sidecar JSON next to --file)"),
	};
	let precision = match (precision, &from_side) {
		(Some(p), _) => p,
		(None, Some(s)) => s.precision,
		(None, None) => bail!("give --{key}-precision (or a sidecar JSON next to --file)"),
	};
	Ok(TensorSpec { shape, precision })
}

async fn register(ctx: &Ctx, a: ModelRegister) -> Result<()> {
	let token = &ctx.chain.token;
	let (hash, side) = match (&a.file, &a.hash) {
		(Some(file), _) => {
			let bytes = std::fs::read(file)
				.with_context(|| format!("cannot read the model file {}", file.display()))?;
			(H256(sp_crypto_hashing::blake2_256(&bytes)), sidecar(file)?)
		}
		(None, Some(h)) => (H256(keys::parse_hex32(h).context("--hash")?), None),
		(None, None) => bail!("give --file MODEL.onnx or --hash 0x..."),
	};
	let name = match (&a.name, side.as_ref().and_then(|s| s["name"].as_str())) {
		(Some(n), _) => n.clone(),
		(None, Some(n)) => n.to_string(),
		(None, None) => a
			.file
			.as_ref()
			.and_then(|f| f.file_stem())
			.map(|s| s.to_string_lossy().into_owned())
			.ok_or_else(|| anyhow!("give --name"))?,
	};
	let input = spec_from(side.as_ref(), "input", a.input_shape.as_deref(), a.input_precision)?;
	let output = spec_from(side.as_ref(), "output", a.output_shape.as_deref(), a.output_precision)?;
	let tolerance =
		a.tolerance.or_else(|| side.as_ref().and_then(|s| s["tolerance"].as_u64())).unwrap_or(0);
	let operator_fee = token.parse(&a.operator_fee).context("--operator-fee")?;
	let royalty = token.parse(&a.royalty).context("--royalty")?;
	ctx.progress.line(&format!(
		"registering model {hash:?} {name:?}: input {}, output {}, tolerance {tolerance}, k = {}, q = {}",
		input.describe(),
		output.describe(),
		a.k,
		a.q
	));
	let tx = ctx
		.submit(
			"Jobs",
			"register_model",
			(
				hash,
				name.into_bytes(),
				a.uri.into_bytes(),
				input,
				output,
				tolerance,
				operator_fee,
				royalty,
				a.k,
				a.q,
			),
		)
		.await?;
	ctx.print_tx(&tx);
	if !ctx.json {
		println!("model id {hash:?}");
	}
	Ok(())
}
