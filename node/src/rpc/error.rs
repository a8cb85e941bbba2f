//! How the `inference_*` and `reputation_*` methods report errors: the codes of
//! [`verinfer_rpc_api::error`] as jsonrpsee error objects.

use jsonrpsee::types::ErrorObjectOwned;
use verinfer_primitives::api::QuoteError;
use verinfer_rpc_api::error::{quote_error_code, API_UNAVAILABLE, INVALID_PARAMS, RUNTIME_ERROR};

/// An invalid-params error (-32602) with `message`.
pub fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INVALID_PARAMS, message.into(), None::<()>)
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
	ErrorObjectOwned::owned(quote_error_code(e), e.message(), None::<()>)
}
