//! In-memory implementations of the [`crate::traits`] interfaces, for the mock runtimes of
//! pallet unit tests (`std` only). Each pallet's own mock uses the real pallet for what it tests
//! and these for its neighbours, so no pallet needs a sibling pallet to be tested.

mod operators;
mod reputation;

pub use operators::{RecordedSlash, TestOperators};
pub use reputation::TestReputation;
