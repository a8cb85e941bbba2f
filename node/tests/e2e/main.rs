//! End-to-end tests of `verinfer-node`: real node processes (and real engines), talked to over
//! JSON-RPC with real client libraries (subxt, polkadot.js).
//!
//! One test binary with a module per scenario, because every test binary links subxt and
//! jsonrpsee on its own. cargo-nextest runs each test in its own process; the scenarios that
//! start several nodes are weighted in `.config/nextest.toml`.
//!
//! - [`dev_node`]: a `--dev` node finalizes; a transfer moves exactly the amount and the fee.
//! - [`local_network`]: four validators finalize, survive a lost one, and it catches up.
//! - [`e2e_jobs`]: a job of every bundled model is verified by the off-chain workers.
//! - [`e2e_faults`]: a lying engine and a missing engine are slashed; a crashed node reveals.
//! - [`load`]: a burst of jobs among transfers is all verified; nobody is slashed.
//! - [`bounded_state`]: with a short retention period, a job is read in full, pruned, read as
//!   its compact record from a pruning node and in full from an archive node at the older block.
//! - [`rpc`]: every `inference_*` and `reputation_*` method, its errors and paging.
//! - [`polkadot_js`]: a polkadot.js wallet submits and follows a job.
//! - [`docker_network`]: the whole network of `scripts/network.sh` in containers: finality, a
//!   job from the host's command line, stopped and restarted containers, Prometheus, `down`.
//!
//! [`harness`] holds what they share on top of `verinfer-test-utils`.

mod harness;

mod bounded_state;
mod dev_node;
mod docker_network;
mod e2e_faults;
mod e2e_jobs;
mod load;
mod local_network;
mod polkadot_js;
mod rpc;
