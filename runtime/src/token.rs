// The native token, shared by the runtime, its build script (metadata hash) and the chain specs.
// Kept free of any dependency so that `build.rs` can `include!` it.

/// The token's symbol as wallets display it.
pub const SYMBOL: &str = "VINF";
/// Number of decimals: one VINF is `10^DECIMALS` of the smallest unit.
pub const DECIMALS: u8 = 12;
/// SS58 address format: the generic Substrate prefix, so dev accounts read as usual.
pub const SS58_PREFIX: u16 = 42;
