//! The HTTP API (see the crate documentation for the table of endpoints and status codes).

use crate::registry::{InferError, Registry, LOG_TARGET};
use axum::{
	body::Bytes,
	extract::{
		rejection::{BytesRejection, JsonRejection},
		DefaultBodyLimit, FromRequest, Request, State,
	},
	http::{header, StatusCode},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use serde::{de::DeserializeOwned, Serialize};
use sp_core::H256;
use std::{future::Future, sync::Arc};
use tokio::net::TcpListener;
use verinfer_primitives::engine::{
	ErrorKind, ErrorResponse, HealthResponse, InferRequest, InferResponse, ModelsResponse,
	HEALTH_PATH, INFER_PATH, MAX_BODY_BYTES, MODELS_PATH,
};

/// Name and version the engine reports.
pub const ENGINE_VERSION: &str = concat!("verinfer-engine/", env!("CARGO_PKG_VERSION"));

fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
	match serde_json::to_vec(body) {
		Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
		Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot encode the answer: {e}"))
			.into_response(),
	}
}

/// An error answer: status, kind and a message for people.
#[derive(Debug)]
pub struct ApiError {
	status: StatusCode,
	kind: ErrorKind,
	message: String,
}

impl ApiError {
	fn new(status: StatusCode, kind: ErrorKind, message: impl Into<String>) -> Self {
		Self { status, kind, message: message.into() }
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		tracing::info!(
			target: LOG_TARGET,
			status = self.status.as_u16(),
			kind = ?self.kind,
			"request refused: {}",
			self.message
		);
		json(self.status, &ErrorResponse { error: self.message, kind: self.kind })
	}
}

impl From<InferError> for ApiError {
	fn from(e: InferError) -> Self {
		let (status, kind) = match &e {
			InferError::WrongPrecision { .. } => {
				(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::WrongPrecision)
			}
			InferError::WrongShape { .. } => {
				(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::WrongShape)
			}
			InferError::InvalidTensor(_) => (StatusCode::BAD_REQUEST, ErrorKind::InvalidTensor),
			InferError::OutOfRange(_) => {
				(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::InputOutOfRange)
			}
			InferError::Output(_) => {
				(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::OutputNotRepresentable)
			}
			InferError::Run(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorKind::InferenceFailed),
		};
		ApiError::new(status, kind, e.to_string())
	}
}

/// The router over a set of loaded models.
pub fn router(registry: Arc<Registry>) -> Router {
	Router::new()
		.route(HEALTH_PATH, get(health))
		.route(MODELS_PATH, get(models))
		.route(INFER_PATH, post(infer))
		.fallback(not_found)
		.method_not_allowed_fallback(method_not_allowed)
		.layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
		.with_state(registry)
}

/// Serves the API on `listener` until `shutdown` completes.
pub async fn serve(
	listener: TcpListener,
	registry: Arc<Registry>,
	shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
	axum::serve(listener, router(registry)).with_graceful_shutdown(shutdown).await
}

async fn health(State(registry): State<Arc<Registry>>) -> Response {
	json(
		StatusCode::OK,
		&HealthResponse {
			status: "ok".into(),
			engine_version: ENGINE_VERSION.into(),
			models: registry.len() as u32,
		},
	)
}

async fn models(State(registry): State<Arc<Registry>>) -> Response {
	json(StatusCode::OK, &ModelsResponse { models: registry.infos() })
}

fn served() -> String {
	format!("the engine serves GET {HEALTH_PATH}, GET {MODELS_PATH} and POST {INFER_PATH}")
}

async fn not_found() -> ApiError {
	ApiError::new(
		StatusCode::NOT_FOUND,
		ErrorKind::NotFound,
		format!("no such endpoint; {}", served()),
	)
}

async fn method_not_allowed() -> ApiError {
	ApiError::new(
		StatusCode::METHOD_NOT_ALLOWED,
		ErrorKind::MethodNotAllowed,
		format!("method not allowed; {}", served()),
	)
}

fn too_large() -> ApiError {
	ApiError::new(
		StatusCode::PAYLOAD_TOO_LARGE,
		ErrorKind::BodyTooLarge,
		format!("request body too large: the limit is {MAX_BODY_BYTES} bytes"),
	)
}

impl From<BytesRejection> for ApiError {
	fn from(rejection: BytesRejection) -> Self {
		if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
			too_large()
		} else {
			ApiError::new(
				StatusCode::BAD_REQUEST,
				ErrorKind::MalformedJson,
				format!("cannot read the request body: {}", rejection.body_text()),
			)
		}
	}
}

impl From<JsonRejection> for ApiError {
	/// Every body that is not JSON of the request's type is a `400 malformed_json`, whether it
	/// is not JSON at all or JSON of another shape (axum would answer the latter with `422`).
	fn from(rejection: JsonRejection) -> Self {
		ApiError::new(
			StatusCode::BAD_REQUEST,
			ErrorKind::MalformedJson,
			format!(
				"malformed JSON: {}; expected {{\"model\": \"0x<64 hex digits>\", \
				 \"input\": {{\"shape\": [u32...], \"data\": [i64...], \"precision\": u8}}}}",
				rejection.body_text()
			),
		)
	}
}

/// A JSON request body of type `T`, refused with an [`ApiError`]: `413 body_too_large` past
/// [`MAX_BODY_BYTES`] (announced or read), `400 malformed_json` otherwise. Parsed with axum's
/// [`Json`], whatever the request's `Content-Type` (operators' nodes and `curl -d` send the body
/// as they do).
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
	type Rejection = ApiError;

	async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
		// A body announced too large is refused before any of it is read; one that turns out
		// too large (chunked) is refused as soon as it crosses the limit (`DefaultBodyLimit`).
		let announced = request
			.headers()
			.get(header::CONTENT_LENGTH)
			.and_then(|v| v.to_str().ok())
			.and_then(|v| v.trim().parse::<u64>().ok());
		if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
			return Err(too_large());
		}
		let body = Bytes::from_request(request, state).await?;
		let Json(value) = Json::<T>::from_bytes(&body)?;
		Ok(JsonBody(value))
	}
}

async fn infer(
	State(registry): State<Arc<Registry>>,
	JsonBody(request): JsonBody<InferRequest>,
) -> Result<Response, ApiError> {
	let model = registry.get(&request.model).ok_or_else(|| {
		ApiError::new(
			StatusCode::NOT_FOUND,
			ErrorKind::UnknownModel,
			format!(
				"unknown model {:?}: no loaded model has this id (see GET {MODELS_PATH})",
				request.model
			),
		)
	})?;
	model.check_input(&request.input)?;

	// tract runs synchronously: keep it off the async workers. A panic inside tract ends only
	// this task and becomes a 500.
	let task_model = model.clone();
	let input = request.input;
	let (output, micros) =
		tokio::task::spawn_blocking(move || task_model.infer(&input)).await.map_err(|e| {
			ApiError::new(
				StatusCode::INTERNAL_SERVER_ERROR,
				ErrorKind::InferenceFailed,
				format!("inference failed: the model's task ended abnormally ({e})"),
			)
		})??;
	let output_hash = H256::from(output.canonical_hash());
	tracing::info!(
		target: LOG_TARGET,
		model = %model.info().name,
		id = ?model.info().id,
		micros,
		output_hash = ?output_hash,
		"inference"
	);
	Ok(json(
		StatusCode::OK,
		&InferResponse {
			model: request.model,
			output,
			output_hash,
			engine_version: ENGINE_VERSION.into(),
			micros,
		},
	))
}
