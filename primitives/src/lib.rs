//! # Verinfer primitives
//!
//! Everything more than one part of Verinfer shares, defined once: the types of the runtime and
//! its pallets, the interfaces through which the pallets work together, the views the runtime
//! APIs answer with (and, with the `serde` feature, the JSON the node's RPC answers with), the
//! off-chain worker's key and the engine's wire types. Everything here is `no_std`.
//!
//! The crate is split by topic:
//!
//! - [`chain`]: the chain's basic types (account, balance, block number, hash) and the one
//!   parser of hex and account strings.
//! - [`ids`]: identifiers of models, jobs and agents.
//! - [`tensor`]: the canonical fixed-point tensor inputs and outputs cross the chain as.
//! - [`jobs`]: job policy, phases, assignments, the job record and the compact record a job
//!   keeps forever once its details are pruned.
//! - [`fees`]: model fees, quotes and settlement payouts.
//! - [`operators`]: the reasons an operator's bond can be slashed.
//! - [`reputation`]: the evidence the chain records about an operator and its raw counters.
//! - [`commitment`]: the hash an operator commits to a job's output with.
//! - [`crypto`]: the `infr` key the operators' off-chain workers sign with.
//! - [`traits`]: the interfaces the pallets meet through (`OperatorsInterface`, ...).
//! - [`api`]: the runtime APIs the node serves as JSON-RPC, with their views.
//! - [`engine`]: the local inference engine's HTTP wire types.
//! - [`testing`] (`std`): in-memory implementations of the interfaces for pallet mocks.
//!
//! Behaviour (how a quote is computed, how a score moves) belongs to the pallet that owns the
//! data; here are only types, the interfaces and pure functions on them.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod api;
pub mod chain;
pub mod commitment;
pub mod crypto;
pub mod engine;
pub mod fees;
pub mod ids;
pub mod jobs;
pub mod operators;
pub mod reputation;
#[cfg(feature = "serde")]
pub mod serde_str;
pub mod tensor;
#[cfg(feature = "std")]
pub mod testing;
pub mod traits;

pub use chain::{AccountId, Balance, BlockNumber, Hash, Nonce, Signature};
pub use fees::{ModelFees, Payout, Quote, StorageCost};
pub use ids::{agent_tag, AgentTag, JobId, ModelId};
pub use jobs::{AssignmentOutcome, JobPhase, JobPolicy};
pub use operators::SlashReason;
pub use reputation::{OperatorStats, ReputationEvent};
