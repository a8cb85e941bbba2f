//! JSON-RPC error codes of the `inference_*` and `reputation_*` methods.
//!
//! | code | meaning |
//! |---|---|
//! | -32602 | invalid params: bad account, hash or page length (message says which) |
//! | 1 | the runtime call failed (unknown block, decoding, trap); `data` has the cause |
//! | 2 | the runtime at this block does not have the runtime API |
//! | 10 | quote: unknown model |
//! | 11 | quote: the model is deprecated |
//! | 12 | quote: `k` below the model's default replicas |
//! | 13 | quote: `k` zero or above the chain's maximum replicas |
//! | 14 | quote: the price overflows |

use jsonrpsee::types::{error::ErrorCode, ErrorObjectOwned};
use verinfer_primitives::api::QuoteError;

/// The runtime call failed.
pub const RUNTIME_ERROR: i32 = 1;
/// The runtime API is missing at the block.
pub const API_UNAVAILABLE: i32 = 2;
/// Quote refused: unknown model.
pub const UNKNOWN_MODEL: i32 = 10;
/// Quote refused: deprecated model.
pub const MODEL_DEPRECATED: i32 = 11;
/// Quote refused: `k` below the model's default.
pub const BELOW_MODEL_POLICY: i32 = 12;
/// Quote refused: `k` out of range.
pub const INVALID_REPLICAS: i32 = 13;
/// Quote refused: overflow.
pub const QUOTE_OVERFLOW: i32 = 14;

/// An invalid-params error (-32602) with `message`.
pub fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(ErrorCode::InvalidParams.code(), message.into(), None::<()>)
}

/// A failed runtime call, with the cause as `data`.
pub fn runtime_error(what: &str, cause: impl ToString) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, format!("{what} failed"), Some(cause.to_string()))
}

/// The runtime API `api` is missing at `at`.
pub fn api_unavailable(api: &str, at: impl core::fmt::Debug) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		API_UNAVAILABLE,
		format!("the runtime at block {at:?} does not provide {api}"),
		None::<()>,
	)
}

/// A refused quote.
pub fn quote_error(e: QuoteError) -> ErrorObjectOwned {
	let (code, message) = match e {
		QuoteError::UnknownModel => (UNKNOWN_MODEL, "unknown model"),
		QuoteError::ModelDeprecated => (MODEL_DEPRECATED, "the model is deprecated"),
		QuoteError::BelowModelPolicy => {
			(BELOW_MODEL_POLICY, "k is below the model's default replicas")
		}
		QuoteError::InvalidReplicas => {
			(INVALID_REPLICAS, "k is zero or above the chain's maximum replicas")
		}
		QuoteError::Overflow => (QUOTE_OVERFLOW, "the price overflows"),
	};
	ErrorObjectOwned::owned(code, message, None::<()>)
}
