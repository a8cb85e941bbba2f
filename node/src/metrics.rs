//! Verinfer's own Prometheus metrics: what the chain did with inference jobs, counted from the
//! events of finalized blocks and served with the node's other metrics (`--prometheus-port`).
//!
//! | metric | type | what it counts |
//! |---|---|---|
//! | `verinfer_jobs_submitted_total` | counter | `Jobs::JobSubmitted` events |
//! | `verinfer_jobs_concluded_total{phase}` | counter | `Jobs::JobConcluded` events, `phase` = `verified`, `failed`, `expired` or `unassigned` |
//! | `verinfer_job_verdict_latency_blocks{phase}` | histogram | blocks from a job's submission to its conclusion |
//! | `verinfer_settlement_commits_total` | counter | `Settlement::Committed` events (one per operator and job) |
//! | `verinfer_settlement_reveals_total` | counter | `Settlement::Revealed` events |
//! | `verinfer_metrics_block` | gauge | the last finalized block whose events were counted |
//!
//! Every node serves them, validators, operators and RPC nodes alike: they describe the chain,
//! not the node, so any one node's series answer "how many jobs were verified".
//!
//! **Why finalized blocks.** A counter must only go up, and by exactly what happened. Counting
//! the events of best blocks would count a job twice when its block is replaced by a re-org,
//! and a job counted as verified could disappear. Finalized blocks cannot be reverted; the cost
//! is a delay of the finality lag (two or three blocks on a healthy network).
//!
//! **Counting starts at the node's start.** Each finality notification names every block it
//! finalizes, so a node that catches up counts the events of the blocks it syncs, and a
//! restarted node starts again from zero, as Prometheus counters do (`rate` and `increase`
//! handle the reset). The latency of a job is known when the node saw its submission: the
//! submission block of every open job is kept in memory until the job concludes, so a job
//! submitted before the node started is counted as concluded but not in the histogram.
//!
//! **Decoding.** Events are read from `System::Events` and decoded with the runtime's own types
//! (this crate links the runtime). A block of a runtime whose events the node's types cannot
//! decode (after a runtime upgrade that changed them, until the node is upgraded too) is
//! skipped with a warning; nothing else depends on these metrics.

use crate::service::FullClient;
use codec::Decode;
use futures::StreamExt;
use sc_client_api::{BlockchainEvents, StorageProvider};
use sp_blockchain::HeaderBackend;
use sp_core::storage::StorageKey;
use std::{collections::BTreeMap, sync::Arc};
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, HistogramOpts, HistogramVec, Opts, PrometheusError,
	Registry, U64,
};
use verinfer_runtime::{Hash, RuntimeEvent};

/// Log target of this module.
const LOG_TARGET: &str = "verinfer::metrics";

/// Upper bounds of the latency histogram's buckets, in blocks. A job's commit and reveal windows
/// are 20 blocks each, so every job concludes within about 40 blocks; an honest job in 2 to 4.
const LATENCY_BUCKETS: [f64; 14] =
	[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 60.0];

/// At most this many open jobs are remembered for their latency; beyond it the oldest are
/// forgotten (they are still counted when they conclude). Every job concludes by its deadlines,
/// so this only bounds memory if the chain's rules ever change.
const MAX_OPEN_JOBS: usize = 100_000;

/// The metrics, registered on the node's registry.
#[derive(Clone)]
pub struct Metrics {
	submitted: Counter<U64>,
	concluded: CounterVec<U64>,
	latency: HistogramVec,
	commits: Counter<U64>,
	reveals: Counter<U64>,
	block: Gauge<U64>,
}

impl Metrics {
	/// Registers every metric on `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			submitted: register(
				Counter::new(
					"verinfer_jobs_submitted_total",
					"Inference jobs submitted (Jobs::JobSubmitted) in blocks finalized since the node started",
				)?,
				registry,
			)?,
			concluded: register(
				CounterVec::new(
					Opts::new(
						"verinfer_jobs_concluded_total",
						"Inference jobs concluded (Jobs::JobConcluded) in blocks finalized since the node started, by final phase",
					),
					&["phase"],
				)?,
				registry,
			)?,
			latency: register(
				HistogramVec::new(
					HistogramOpts::new(
						"verinfer_job_verdict_latency_blocks",
						"Blocks from a job's submission to its conclusion, by final phase",
					)
					.buckets(LATENCY_BUCKETS.to_vec()),
					&["phase"],
				)?,
				registry,
			)?,
			commits: register(
				Counter::new(
					"verinfer_settlement_commits_total",
					"Operator commitments (Settlement::Committed) in blocks finalized since the node started",
				)?,
				registry,
			)?,
			reveals: register(
				Counter::new(
					"verinfer_settlement_reveals_total",
					"Operator reveals (Settlement::Revealed) in blocks finalized since the node started",
				)?,
				registry,
			)?,
			block: register(
				Gauge::new(
					"verinfer_metrics_block",
					"The last finalized block whose events the Verinfer metrics counted",
				)?,
				registry,
			)?,
		})
	}
}

/// Registers the metrics and spawns the task that keeps them, if the node serves Prometheus.
pub fn spawn(
	spawn_handle: &sc_service::SpawnTaskHandle,
	client: Arc<FullClient>,
	registry: Option<&Registry>,
) -> Result<(), PrometheusError> {
	let Some(registry) = registry else { return Ok(()) };
	let metrics = Metrics::register(registry)?;
	spawn_handle.spawn("verinfer-metrics", Some("verinfer"), follow_finalized(client, metrics));
	Ok(())
}

/// Counts the events of every block as it is finalized, in order, until the node stops.
async fn follow_finalized(client: Arc<FullClient>, metrics: Metrics) {
	let mut counter = EventCounter::new(metrics);
	let mut finality = client.finality_notification_stream();
	log::info!(target: LOG_TARGET, "counting Verinfer's job events of finalized blocks");
	while let Some(notification) = finality.next().await {
		// `tree_route` holds the blocks finalized implicitly, between the previous finalized
		// block and this one's parent, oldest first.
		for hash in notification.tree_route.iter().chain(std::iter::once(&notification.hash)) {
			counter.count_block(&client, *hash);
		}
	}
}

/// `twox128("System") ++ twox128("Events")`: where `frame_system` keeps the current block's
/// events.
fn system_events_key() -> StorageKey {
	let mut key = sp_io::hashing::twox_128(b"System").to_vec();
	key.extend_from_slice(&sp_io::hashing::twox_128(b"Events"));
	StorageKey(key)
}

/// The events of one block, as the runtime stores them.
type EventRecords = Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;

/// What a job event means for the metrics (the few events this module looks at).
#[derive(Debug, PartialEq)]
enum JobEvent {
	Submitted { job: u64 },
	Concluded { job: u64, phase: String },
	Committed,
	Revealed,
}

impl JobEvent {
	fn from_runtime(event: &RuntimeEvent) -> Option<Self> {
		match event {
			RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted { job, .. }) => {
				Some(Self::Submitted { job: *job })
			}
			// The label is the phase's name in lower case: verified, failed, expired,
			// unassigned (too few operators eligible at the draw).
			RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { job, phase }) => {
				Some(Self::Concluded { job: *job, phase: format!("{phase:?}").to_lowercase() })
			}
			RuntimeEvent::Settlement(pallet_settlement::Event::Committed { .. }) => {
				Some(Self::Committed)
			}
			RuntimeEvent::Settlement(pallet_settlement::Event::Revealed { .. }) => {
				Some(Self::Revealed)
			}
			_ => None,
		}
	}
}

/// The counting itself, apart from where the blocks come from.
struct EventCounter {
	metrics: Metrics,
	events_key: StorageKey,
	/// Submission block of each job seen submitted and not yet concluded.
	open: BTreeMap<u64, u32>,
	/// Whether an undecodable block was already reported (once is enough for the log).
	warned_undecodable: bool,
}

impl EventCounter {
	fn new(metrics: Metrics) -> Self {
		Self {
			metrics,
			events_key: system_events_key(),
			open: BTreeMap::new(),
			warned_undecodable: false,
		}
	}

	/// Reads the events of the block `hash` and counts them.
	fn count_block(&mut self, client: &FullClient, hash: Hash) {
		let number = match client.number(hash) {
			Ok(Some(number)) => number,
			other => {
				log::debug!(target: LOG_TARGET, "no number for finalized block {hash}: {other:?}");
				return;
			}
		};
		let raw = match client.storage(hash, &self.events_key) {
			Ok(Some(raw)) => raw,
			// No events, or no state (a block fetched by warp sync): nothing to count.
			Ok(None) => return self.metrics.block.set(number.into()),
			Err(e) => {
				log::debug!(target: LOG_TARGET, "no events for #{number} {hash}: {e}");
				return;
			}
		};
		let records = match EventRecords::decode(&mut &raw.0[..]) {
			Ok(records) => records,
			Err(e) => {
				if !self.warned_undecodable {
					log::warn!(
						target: LOG_TARGET,
						"cannot decode the events of #{number} {hash} ({e}): the runtime's events \
						 differ from this node's; Verinfer metrics skip such blocks",
					);
					self.warned_undecodable = true;
				}
				return;
			}
		};
		for event in records.iter().filter_map(|r| JobEvent::from_runtime(&r.event)) {
			log::debug!(target: LOG_TARGET, "#{number}: {event:?}");
			self.count(number, event);
		}
		self.metrics.block.set(number.into());
	}

	/// Counts one event of block `number`.
	fn count(&mut self, number: u32, event: JobEvent) {
		match event {
			JobEvent::Submitted { job } => {
				self.metrics.submitted.inc();
				self.open.insert(job, number);
				while self.open.len() > MAX_OPEN_JOBS {
					self.open.pop_first();
				}
			}
			JobEvent::Concluded { job, phase } => {
				self.metrics.concluded.with_label_values(&[&phase]).inc();
				if let Some(submitted) = self.open.remove(&job) {
					self.metrics
						.latency
						.with_label_values(&[&phase])
						.observe(number.saturating_sub(submitted).into());
				}
			}
			JobEvent::Committed => self.metrics.commits.inc(),
			JobEvent::Revealed => self.metrics.reveals.inc(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn counter() -> (Registry, EventCounter) {
		let registry = Registry::new();
		let metrics = Metrics::register(&registry).expect("metrics register once");
		(registry, EventCounter::new(metrics))
	}

	/// The text the node's Prometheus endpoint would serve for `registry`.
	fn exposition(registry: &Registry) -> String {
		use substrate_prometheus_endpoint::prometheus::{Encoder, TextEncoder};
		let mut out = Vec::new();
		TextEncoder::new().encode(&registry.gather(), &mut out).expect("text encoding");
		String::from_utf8(out).expect("utf-8")
	}

	#[test]
	fn counts_jobs_and_observes_their_latency_by_phase() {
		let (registry, mut c) = counter();
		c.count(10, JobEvent::Submitted { job: 0 });
		c.count(11, JobEvent::Submitted { job: 1 });
		c.count(11, JobEvent::Committed);
		c.count(11, JobEvent::Committed);
		c.count(12, JobEvent::Revealed);
		c.count(12, JobEvent::Concluded { job: 0, phase: "verified".into() });
		c.count(51, JobEvent::Concluded { job: 1, phase: "expired".into() });
		// Submitted before the node started: counted, but no latency.
		c.count(52, JobEvent::Concluded { job: 7, phase: "verified".into() });

		let text = exposition(&registry);
		for line in [
			"verinfer_jobs_submitted_total 2",
			"verinfer_jobs_concluded_total{phase=\"verified\"} 2",
			"verinfer_jobs_concluded_total{phase=\"expired\"} 1",
			"verinfer_settlement_commits_total 2",
			"verinfer_settlement_reveals_total 1",
			"verinfer_job_verdict_latency_blocks_count{phase=\"verified\"} 1",
			"verinfer_job_verdict_latency_blocks_sum{phase=\"verified\"} 2",
			"verinfer_job_verdict_latency_blocks_bucket{phase=\"verified\",le=\"1\"} 0",
			"verinfer_job_verdict_latency_blocks_bucket{phase=\"verified\",le=\"2\"} 1",
			"verinfer_job_verdict_latency_blocks_sum{phase=\"expired\"} 40",
		] {
			assert!(text.lines().any(|l| l == line), "missing `{line}` in:\n{text}");
		}
		assert!(c.open.is_empty(), "concluded jobs are forgotten");
	}

	#[test]
	fn phase_labels_are_the_lower_case_names_of_the_final_phases() {
		for (phase, label) in [
			(verinfer_primitives::jobs::JobPhase::Verified, "verified"),
			(verinfer_primitives::jobs::JobPhase::Failed, "failed"),
			(verinfer_primitives::jobs::JobPhase::Expired, "expired"),
			(verinfer_primitives::jobs::JobPhase::Unassigned, "unassigned"),
		] {
			let event = RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { job: 3, phase });
			assert_eq!(
				JobEvent::from_runtime(&event),
				Some(JobEvent::Concluded { job: 3, phase: label.into() })
			);
		}
	}

	#[test]
	fn open_jobs_are_bounded() {
		let (_registry, mut c) = counter();
		for job in 0..(MAX_OPEN_JOBS as u64 + 3) {
			c.count(1, JobEvent::Submitted { job });
		}
		assert_eq!(c.open.len(), MAX_OPEN_JOBS);
		assert_eq!(c.open.keys().next(), Some(&3), "the oldest are forgotten first");
	}
}
