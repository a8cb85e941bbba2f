//! Error codes of the `inference_*` and `reputation_*` methods.
//!
//! | code | meaning |
//! |---|---|
//! | -32602 | invalid params: bad account, hash, page length or limit, unknown block (message or `data` says which) |
//! | 1 | the runtime call failed (decoding, trap); `data` has the cause |
//! | 2 | the runtime at this block does not have the runtime API |
//! | 10 | quote: unknown model |
//! | 11 | quote: the model is deprecated |
//! | 12 | quote: `k` below the model's default replicas |
//! | 13 | quote: `k` zero or above the chain's maximum replicas |
//! | 14 | quote: the price overflows |

use verinfer_primitives::api::QuoteError;

/// Invalid params (JSON-RPC's own code).
pub const INVALID_PARAMS: i32 = -32602;
/// The runtime call failed.
pub const RUNTIME_ERROR: i32 = 1;
/// The runtime API is missing at the block.
pub const API_UNAVAILABLE: i32 = 2;

/// The code of a refused quote.
pub fn quote_error_code(e: QuoteError) -> i32 {
	match e {
		QuoteError::UnknownModel => 10,
		QuoteError::ModelDeprecated => 11,
		QuoteError::BelowModelPolicy => 12,
		QuoteError::InvalidReplicas => 13,
		QuoteError::Overflow => 14,
	}
}
