//! # Verinfer primitives
//!
//! Types shared by more than one part of Verinfer: the runtime and its pallets, the node, the
//! off-chain worker and the wallet-side tools. Everything here is `no_std` and SCALE-encoded, so
//! the same definitions serve storage, events, extrinsics and (later) runtime APIs.
//!
//! The crate is split by topic:
//!
//! - [`ids`]: identifiers of models and jobs.
//! - [`crypto`]: the `infr` key type the operators' off-chain workers sign with.
//! - [`commitment`]: the hash an operator commits to a job's output with.
//! - [`fees`]: model fees, quotes and settlement payouts, shared by the jobs and fees pallets.
//! - [`operators`]: the reasons an operator's bond can be slashed.
//! - [`reputation`]: the evidence the chain records about an operator and its raw counters.
//! - [`api`]: the runtime APIs the node serves as JSON-RPC, with their self-contained views.
//!
//! Only types live here. Behaviour (how a quote is computed, how a score moves) belongs to the
//! pallet that owns the data; pallets reach each other through traits those pallets define.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod api;
pub mod commitment;
pub mod crypto;
pub mod engine;
pub mod fees;
pub mod ids;
pub mod operators;
pub mod reputation;
pub mod tensor;

pub use fees::{ModelFees, Payout, Quote};
pub use ids::{JobId, ModelId};
pub use operators::SlashReason;
pub use reputation::{OperatorStats, ReputationEvent};
