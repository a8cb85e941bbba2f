//! `verinfer-engine`: serve the ONNX models of a folder over HTTP.

use clap::Parser;
use std::{io::IsTerminal, net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};
use tracing_subscriber::EnvFilter;
use verinfer_engine::{serve, Registry, ENGINE_VERSION, LOG_TARGET};
use verinfer_primitives::engine::DEFAULT_LISTEN;

/// Verinfer's local inference engine: runs the ONNX models of a folder with tract and answers
/// with canonical fixed-point tensors (GET /health, GET /v1/models, POST /v1/infer).
#[derive(Debug, Parser)]
#[command(name = "verinfer-engine", version)]
struct Cli {
	/// Folder with the models: every `*.onnx` in it, each with a `.json` sidecar of the same stem.
	#[arg(long, value_name = "DIR", default_value = "models")]
	models: PathBuf,
	/// Address to listen on (port 0 picks a free port; the log says which).
	#[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
	listen: SocketAddr,
}

async fn shutdown_signal() {
	let ctrl_c = async {
		let _ = tokio::signal::ctrl_c().await;
	};
	#[cfg(unix)]
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut s) => {
				s.recv().await;
			}
			Err(_) => std::future::pending::<()>().await,
		}
	};
	#[cfg(not(unix))]
	let terminate = std::future::pending::<()>();
	tokio::select! {
		_ = ctrl_c => {},
		_ = terminate => {},
	}
	tracing::info!(target: LOG_TARGET, "shutting down");
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	tracing_subscriber::fmt()
		.with_env_filter(
			EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::stderr().is_terminal())
		.init();

	let (registry, errors) = match Registry::load_dir(&cli.models) {
		Ok(loaded) => loaded,
		Err(e) => {
			tracing::error!(
				target: LOG_TARGET,
				"cannot read the models folder {}: {e}",
				cli.models.display()
			);
			return ExitCode::FAILURE;
		}
	};
	for e in &errors {
		tracing::error!(target: LOG_TARGET, "model not loaded: {e}");
	}
	for info in registry.infos() {
		tracing::info!(
			target: LOG_TARGET,
			id = ?info.id,
			input = ?(info.input.shape.to_vec(), info.input.precision),
			output = ?(info.output.shape.to_vec(), info.output.precision),
			"loaded model {}",
			info.name
		);
	}
	if registry.is_empty() {
		tracing::warn!(target: LOG_TARGET, "no model loaded from {}", cli.models.display());
	}

	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(rt) => rt,
		Err(e) => {
			tracing::error!(target: LOG_TARGET, "cannot start the async runtime: {e}");
			return ExitCode::FAILURE;
		}
	};
	let result = runtime.block_on(async move {
		let listener = tokio::net::TcpListener::bind(cli.listen).await?;
		tracing::info!(
			target: LOG_TARGET,
			"{ENGINE_VERSION} listening on http://{} with {} model(s)",
			listener.local_addr()?,
			registry.len()
		);
		serve(listener, Arc::new(registry), shutdown_signal()).await
	});
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			tracing::error!(target: LOG_TARGET, "cannot serve on {}: {e}", cli.listen);
			ExitCode::FAILURE
		}
	}
}
