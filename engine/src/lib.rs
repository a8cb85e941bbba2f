//! # Verinfer inference engine
//!
//! A small HTTP server that runs ONNX models with [tract](https://github.com/sonos/tract) and
//! answers with canonical fixed-point tensors, so that honest operators on different CPUs produce
//! the same integers. Operators' off-chain workers call it; see `engine/README.md` for the API
//! with examples and [`verinfer_primitives::engine`] for the wire types.
//!
//! - [`registry`]: loads every `*.onnx` of the models folder with its JSON sidecar; a model's id is
//!   the blake2-256 of the file's bytes.
//! - [`canonical`]: dequantization of inputs and rounding of outputs (halves away from zero).
//! - [`server`]: the axum router: `GET /health`, `GET /v1/models`, `POST /v1/infer`.
//!
//! Status codes: `400` malformed JSON or an ill-formed tensor, `404` unknown model or endpoint,
//! `405` wrong method, `413` body over [`MAX_BODY_BYTES`](verinfer_primitives::engine::MAX_BODY_BYTES),
//! `422` wrong shape, wrong precision or an output that cannot be represented, `500` a failure
//! inside the model. Every error body is an
//! [`ErrorResponse`](verinfer_primitives::engine::ErrorResponse): `{"error": "...", "kind": "..."}`.

pub mod canonical;
pub mod registry;
pub mod server;

pub use registry::{Model, Registry, LOG_TARGET};
pub use server::{router, serve, ENGINE_VERSION};
