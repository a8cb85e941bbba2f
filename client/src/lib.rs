//! # Verinfer client
//!
//! What a Rust program needs to talk to a Verinfer node, over the one WebSocket connection that
//! [subxt](https://docs.rs/subxt) opens for its transactions:
//!
//! - [`NodeRpc`]: the node's `inference_*` and `reputation_*` methods as typed calls. They are
//!   declared once, in `verinfer-rpc-api`, whose generated [`InferenceApiClient`] and
//!   [`ReputationApiClient`] traits are implemented for any jsonrpsee client; `NodeRpc` is one,
//!   sending the calls over subxt's connection. With the traits in scope:
//!   `let job = node.job(7, None).await?` answers the same typed [`Job`] the node serialized.
//! - [`Scale`]: a value of a `verinfer-primitives` type (a tensor, a job policy, model fees) as
//!   an argument of a call that subxt builds from the node's metadata. The primitives' types are
//!   the runtime's types, so their own SCALE encoding is the argument; `Scale` checks it against
//!   the metadata's type before it is sent.
//!
//! The `verinfer` command line and the end-to-end tests use both.

mod rpc;
mod scale;

pub use jsonrpsee::core::ClientError;
pub use rpc::NodeRpc;
pub use scale::Scale;
pub use verinfer_rpc_api::{
	error, AccountParam, CompactJob, HashParam, InferenceApiClient, Job, JobEntry, Model, Operator, Page, QuoteAnswer,
	Reputation, ReputationApiClient, Score,
};
