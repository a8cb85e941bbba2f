//! Tests of the jobs pallet, by topic.
//!
//! The mock uses the real fees pallet (escrow and refunds are real balance movements), the
//! in-memory operators and reputation of those pallets' `testing` modules, and a simple deadline
//! handler in place of the settlement pallet (see [`crate::mock`]).

mod assignment;
mod deadlines;
mod indexes;
mod interface;
mod models;
mod submission;
mod retention;
