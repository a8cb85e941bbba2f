//! `verinfer model ...`: the model registry of the `Jobs` pallet.

use super::Ctx;
use crate::{
	cli::{ModelCommand, ModelRegister},
	output, query,
	tensor::describe_spec,
};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value as Json;
use verinfer_client::Scale;
use verinfer_primitives::{
	chain::parse_hash,
	tensor::{BoundedShape, InputRange, TensorSpec},
	JobPolicy, ModelFees, ModelId,
};

/// Runs one model command.
pub async fn run(ctx: &Ctx, cmd: ModelCommand) -> Result<()> {
	match cmd {
		ModelCommand::Register(args) => register(ctx, args).await,
		ModelCommand::List => {
			let models = query::models(&ctx.chain).await?;
			if ctx.json {
				output::print_json(&models);
			} else {
				if models.is_empty() {
					println!("no models registered");
				}
				for m in &models {
					output::print_model(&ctx.chain.token, m, false);
				}
			}
			Ok(())
		}
		ModelCommand::Show { model } => {
			let m = query::resolve_model(&ctx.chain, &model).await?;
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
		(Some(s), _) => BoundedShape::try_from(parse_shape(s, &format!("--{key}-shape"))?)
			.map_err(|_| anyhow!("--{key}-shape: a tensor has at most 8 dimensions"))?,
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
			(ModelId::from(sp_crypto_hashing::blake2_256(&bytes)), sidecar(file)?)
		}
		(None, Some(h)) => (parse_hash(h, "--hash").map_err(|e| anyhow!(e))?, None),
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
	let input_range = match (a.input_min, a.input_max) {
		(Some(min), Some(max)) => Some(InputRange { min, max }),
		_ => match side.as_ref().and_then(|s| s.get("input_range")) {
			Some(range) => Some(
				serde_json::from_value::<InputRange>(range.clone())
					.context("the sidecar's input_range")?,
			),
			None => None,
		},
	};
	let tolerance =
		a.tolerance.or_else(|| side.as_ref().and_then(|s| s["tolerance"].as_u64())).unwrap_or(0);
	let operator_fee = token.parse(&a.operator_fee).context("--operator-fee")?;
	let royalty = token.parse(&a.royalty).context("--royalty")?;
	ctx.progress.line(&format!(
		"registering model {hash:?} {name:?}: input {}, output {}, tolerance {tolerance}, k = {}, q = {}",
		describe_spec(&input),
		describe_spec(&output),
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
				Scale(input),
				Scale(output),
				input_range.map(Scale),
				tolerance,
				Scale(ModelFees { operator_fee, royalty }),
				Scale(JobPolicy { k: a.k, q: a.q }),
			),
		)
		.await?;
	ctx.print_tx(&tx);
	if !ctx.json {
		println!("model id {hash:?}");
	}
	Ok(())
}
