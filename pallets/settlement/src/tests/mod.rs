//! Tests of the settlement pallet, by topic, on a mock with the real jobs and fees pallets.
//!
//! The verdict rules themselves are tested against hand-computed cases in [`crate::verdict`].

mod commit;
mod lifecycle;
mod offchain;
mod reveal;
