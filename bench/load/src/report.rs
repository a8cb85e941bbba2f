//! What a scenario did, block by block and in total, computed from the recorded blocks; and its
//! forms: a text table, a one-line summary, a markdown section.

use crate::{
	drive::{Settled, Window},
	record::{Block, Limits, Use},
};
use std::{collections::BTreeMap, fmt::Write, sync::Arc};
use verinfer_primitives::{AccountId, JobId, JobPhase};
use verinfer_runtime::RuntimeEvent;

/// The call of a job submission, as the records name it.
pub const SUBMIT_JOB: &str = "Jobs.submit_job";
/// The call of the load's transfers.
pub const TRANSFER: &str = "Balances.transfer_keep_alive";
/// The call of the operators' commits and reveals.
pub const STEPS: &str = "Settlement.submit_steps";

/// Which load a scenario is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
	/// Balance transfers, as many as blocks take, for this many blocks.
	Baseline {
		/// Blocks of flooding.
		blocks: u32,
		/// Accounts sending.
		accounts: usize,
	},
	/// `rate` jobs per block for `blocks` blocks.
	Sustained {
		/// Jobs handed to the pool per new best block.
		rate: usize,
		/// Blocks of sending.
		blocks: u32,
	},
	/// `jobs` jobs handed to the pool at once.
	Burst {
		/// Jobs in the burst.
		jobs: usize,
	},
}

impl Kind {
	/// A short name: `baseline`, `sustained`, `burst`.
	pub fn name(&self) -> &'static str {
		match self {
			Kind::Baseline { .. } => "baseline",
			Kind::Sustained { .. } => "sustained",
			Kind::Burst { .. } => "burst",
		}
	}

	/// What was sent, in words.
	pub fn describe(&self, requesters: usize) -> String {
		match self {
			Kind::Baseline { blocks, accounts } => {
				format!("transfers from {accounts} accounts, pool kept fuller than a block, {blocks} blocks")
			}
			Kind::Sustained { rate, blocks } => {
				format!("{rate} `submit_job` per block for {blocks} blocks from {requesters} requesters")
			}
			Kind::Burst { jobs } => {
				format!("{jobs} `submit_job` handed to the pool at once by {requesters} requesters")
			}
		}
	}
}

/// One block of a scenario.
#[derive(Clone, Debug, Default)]
pub struct Row {
	/// Block number.
	pub number: u64,
	/// Jobs submitted (`JobSubmitted`): included and accepted.
	pub submitted: u32,
	/// `submit_job` extrinsics that failed, by error.
	pub refused: BTreeMap<String, u32>,
	/// Jobs concluded verified.
	pub verified: u32,
	/// Jobs concluded failed (no quorum).
	pub failed: u32,
	/// Jobs concluded expired (too few commitments).
	pub expired: u32,
	/// Jobs left unassigned at the draw (refunded).
	pub unassigned: u32,
	/// Transfers of the load that succeeded.
	pub transfers: u32,
	/// Operators' `submit_steps`.
	pub steps: u32,
	/// Blocks from inclusion to verdict of the jobs verified or failed in this block.
	pub latencies: Vec<u32>,
	/// `System::BlockWeight` per class.
	pub weight: [Use; 3],
	/// Length of its extrinsics.
	pub length: u64,
	/// Extrinsics in the block.
	pub extrinsics: u32,
	/// Operators slashed in this block.
	pub slashes: u32,
}

impl Row {
	/// Refused submissions in this block.
	pub fn refused_total(&self) -> u32 {
		self.refused.values().sum()
	}
}

/// One job of a scenario.
#[derive(Clone, Debug)]
pub struct Job {
	/// Block that included its submission.
	pub submitted: u64,
	/// The operators drawn, if any.
	pub operators: Option<Vec<AccountId>>,
	/// Block and phase of its conclusion.
	pub concluded: Option<(u64, JobPhase)>,
}

/// What one scenario did.
#[derive(Clone, Debug)]
pub struct Scenario {
	/// Which load.
	pub kind: Kind,
	/// Requesters (job scenarios).
	pub requesters: usize,
	/// Blocks the driver sent in.
	pub window: Window,
	/// Transactions the pool took.
	pub handed: u64,
	/// Transactions the pool refused, by reason.
	pub pool_refused: BTreeMap<String, u64>,
	/// What waiting for the chain found.
	pub settled: Settled,
	/// Every block from the window's first to the scenario's last.
	pub rows: Vec<Row>,
	/// Every job submitted in those blocks.
	pub jobs: BTreeMap<JobId, Job>,
	/// Every slash in those blocks: operator, reason, amount.
	pub slashes: Vec<String>,
	/// The block limits.
	pub limits: Limits,
}

/// What the extrinsics of one call used over a run.
#[derive(Clone, Debug, Default)]
pub struct CallWeight {
	/// How many were included.
	pub count: u64,
	/// How many of them failed.
	pub failed: u64,
	/// The weight they used in all (their events', after refunds).
	pub used: Use,
	/// The weight the longest of them declares: what a block builder reserves before it runs
	/// (`payment_queryInfo`).
	pub declared: Option<Use>,
}

impl CallWeight {
	/// Mean weight used per extrinsic.
	pub fn mean(&self) -> Use {
		let n = self.count.max(1);
		Use { ref_time: self.used.ref_time / n, proof_size: self.used.proof_size / n }
	}
}

/// The weight each call used in `blocks`, by `Pallet.call`.
pub fn call_weights(blocks: &[Arc<Block>]) -> BTreeMap<String, CallWeight> {
	let mut calls: BTreeMap<String, CallWeight> = BTreeMap::new();
	for x in blocks.iter().flat_map(|b| b.extrinsics.iter()) {
		let c = calls.entry(x.call.clone()).or_default();
		c.count += 1;
		c.failed += x.error.is_some() as u64;
		c.used.ref_time += x.weight.ref_time;
		c.used.proof_size += x.weight.proof_size;
	}
	calls
}

/// `ref_time` in milliseconds, two decimals.
pub fn millis(ref_time: u64) -> f64 {
	(ref_time as f64 / 1e7).round() / 100.0
}

/// The weights table: one row per call, most included first, then the mandatory class per
/// block (block hooks and inherents) of `blocks`.
pub fn weights_table(
	calls: &BTreeMap<String, CallWeight>,
	blocks: &[Arc<Block>],
	limits: &Limits,
) -> Vec<Vec<String>> {
	let mut rows = vec![[
		"call",
		"included (failed)",
		"compute used",
		"proof used",
		"compute declared",
		"proof declared",
		"declared proof / normal class",
	]
	.map(String::from)
	.to_vec()];
	let mut sorted: Vec<_> = calls.iter().collect();
	sorted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
	for (call, c) in sorted {
		let mean = c.mean();
		let declared = c.declared.map_or(["-".into(), "-".into(), "-".into()], |d| {
			[
				format!("{} ms", millis(d.ref_time)),
				format!("{} KiB", kib(d.proof_size)),
				format!("{}%", percent(d.proof_size, limits.weight[0].proof_size)),
			]
		});
		let mut row = vec![
			format!("`{call}`"),
			format!("{} ({})", c.count, c.failed),
			format!("{} ms", millis(mean.ref_time)),
			format!("{} KiB", kib(mean.proof_size)),
		];
		row.extend(declared);
		rows.push(row);
	}
	let n = blocks.len().max(1) as u64;
	let mandatory = blocks.iter().fold(Use::default(), |a, b| Use {
		ref_time: a.ref_time + b.weight[2].ref_time,
		proof_size: a.proof_size + b.weight[2].proof_size,
	});
	rows.push(vec![
		"block hooks and inherents (mandatory class), per block".into(),
		format!("{} blocks", blocks.len()),
		format!("{} ms", millis(mandatory.ref_time / n)),
		format!("{} KiB", kib(mandatory.proof_size / n)),
		"-".into(),
		"-".into(),
		"-".into(),
	]);
	rows
}

/// The `p`-th percentile (nearest rank) of sorted values.
pub fn percentile(sorted: &[u32], p: u32) -> Option<u32> {
	if sorted.is_empty() {
		return None;
	}
	let rank = (p as usize * sorted.len()).div_ceil(100).max(1);
	Some(sorted[rank - 1])
}

fn median_u32(values: &[u32]) -> Option<u32> {
	let mut v = values.to_vec();
	v.sort_unstable();
	percentile(&v, 50)
}

/// `part` of `whole` in percent, one decimal.
fn percent(part: u64, whole: u64) -> f64 {
	if whole == 0 {
		0.0
	} else {
		(part as f64 * 1000.0 / whole as f64).round() / 10.0
	}
}

impl Scenario {
	/// The scenario's figures from its blocks (those from `window.first` to `settled.last`).
	#[allow(clippy::too_many_arguments)]
	pub fn from_blocks(
		kind: Kind,
		requesters: usize,
		window: Window,
		handed: u64,
		pool_refused: BTreeMap<String, u64>,
		settled: Settled,
		blocks: &[Arc<Block>],
		limits: &Limits,
	) -> Self {
		let mut rows = Vec::new();
		let mut jobs: BTreeMap<JobId, Job> = BTreeMap::new();
		let mut slashes = Vec::new();
		for block in blocks.iter().filter(|b| b.number >= window.first && b.number <= settled.last)
		{
			let mut row = Row {
				number: block.number,
				transfers: block.succeeded(TRANSFER) as u32,
				steps: block.extrinsics.iter().filter(|x| x.call == STEPS).count() as u32,
				weight: block.weight,
				length: block.length,
				extrinsics: block.extrinsics.len() as u32,
				..Row::default()
			};
			for error in block.failed(SUBMIT_JOB) {
				*row.refused.entry(error.to_string()).or_default() += 1;
			}
			for event in block.runtime_events() {
				match event {
					RuntimeEvent::Jobs(pallet_jobs::Event::JobSubmitted { job, .. }) => {
						row.submitted += 1;
						jobs.insert(
							*job,
							Job { submitted: block.number, operators: None, concluded: None },
						);
					}
					RuntimeEvent::Jobs(pallet_jobs::Event::JobAssigned { job, operators }) => {
						if let Some(j) = jobs.get_mut(job) {
							j.operators = Some(operators.clone());
						}
					}
					RuntimeEvent::Jobs(pallet_jobs::Event::JobConcluded { job, phase }) => {
						match phase {
							JobPhase::Verified => row.verified += 1,
							JobPhase::Failed => row.failed += 1,
							JobPhase::Expired => row.expired += 1,
							JobPhase::Unassigned => row.unassigned += 1,
							_ => {}
						}
						if let Some(j) = jobs.get_mut(job) {
							j.concluded = Some((block.number, *phase));
							if matches!(phase, JobPhase::Verified | JobPhase::Failed) {
								row.latencies.push((block.number - j.submitted) as u32);
							}
						}
					}
					RuntimeEvent::Operators(pallet_operators::Event::Slashed {
						operator,
						reason,
						amount,
						..
					}) => {
						row.slashes += 1;
						slashes.push(format!("#{} {operator} {reason:?} {amount}", block.number));
					}
					_ => {}
				}
			}
			rows.push(row);
		}
		Scenario {
			kind,
			requesters,
			window,
			handed,
			pool_refused,
			settled,
			rows,
			jobs,
			slashes,
			limits: limits.clone(),
		}
	}

	/// Sum of a row figure.
	fn total(&self, f: impl Fn(&Row) -> u32) -> u64 {
		self.rows.iter().map(|r| f(r) as u64).sum()
	}

	/// Jobs included and accepted.
	pub fn submitted(&self) -> u64 {
		self.total(|r| r.submitted)
	}
	/// Jobs verified.
	pub fn verified(&self) -> u64 {
		self.total(|r| r.verified)
	}
	/// Jobs failed.
	pub fn failed(&self) -> u64 {
		self.total(|r| r.failed)
	}
	/// Jobs expired.
	pub fn expired(&self) -> u64 {
		self.total(|r| r.expired)
	}
	/// Jobs left unassigned.
	pub fn unassigned(&self) -> u64 {
		self.total(|r| r.unassigned)
	}

	/// Refused submissions by error, over the scenario.
	pub fn refused(&self) -> BTreeMap<String, u64> {
		let mut all = BTreeMap::new();
		for row in &self.rows {
			for (error, n) in &row.refused {
				*all.entry(error.clone()).or_default() += *n as u64;
			}
		}
		all
	}

	/// Every latency (inclusion to verdict, in blocks), sorted.
	pub fn latencies(&self) -> Vec<u32> {
		let mut all: Vec<u32> =
			self.rows.iter().flat_map(|r| r.latencies.iter().copied()).collect();
		all.sort_unstable();
		all
	}

	/// Latency p50, p90, p99.
	pub fn latency(&self) -> Option<(u32, u32, u32)> {
		let all = self.latencies();
		Some((percentile(&all, 50)?, percentile(&all, 90)?, percentile(&all, 99)?))
	}

	/// The rows of the steady part of a job scenario: from two blocks (the idle latency) after
	/// the first block sent in to the last block sent in. All rows for a short scenario.
	fn steady(&self) -> &[Row] {
		let from = self.window.first + 2;
		let to = self.window.last;
		let start = self.rows.iter().position(|r| r.number >= from);
		let end = self.rows.iter().rposition(|r| r.number <= to);
		match (start, end) {
			(Some(s), Some(e)) if e >= s => &self.rows[s..=e],
			_ => &self.rows,
		}
	}

	/// Verified jobs per block: mean over the steady part (sustained) or from the first
	/// inclusion to the last verdict (burst), and the most in one block.
	pub fn verified_per_block(&self) -> (f64, u32) {
		let rows = match self.kind {
			Kind::Sustained { .. } => self.steady(),
			_ => {
				let first = self.rows.iter().position(|r| r.submitted > 0);
				let last = self.rows.iter().rposition(|r| r.verified > 0);
				match (first, last) {
					(Some(f), Some(l)) if l >= f => &self.rows[f..=l],
					_ => &self.rows,
				}
			}
		};
		let mean = if rows.is_empty() {
			0.0
		} else {
			rows.iter().map(|r| r.verified as f64).sum::<f64>() / rows.len() as f64
		};
		(mean, self.rows.iter().map(|r| r.verified).max().unwrap_or(0))
	}

	/// Blocks from the last block sent in to the last block that included a job: how far
	/// inclusion fell behind what was sent.
	pub fn inclusion_lag(&self) -> u64 {
		self.rows
			.iter()
			.rev()
			.find(|r| r.submitted > 0)
			.map_or(0, |r| r.number.saturating_sub(self.window.last))
	}

	/// Transfers per block over the flood (from its first inclusion to the last block sent
	/// in, when the pool held more than a block): most, median.
	pub fn transfers_per_block(&self) -> (u32, u32) {
		let first = self.rows.iter().position(|r| r.transfers > 0).unwrap_or(0);
		let flooded: Vec<u32> = self.rows[first..]
			.iter()
			.filter(|r| r.number <= self.window.last)
			.map(|r| r.transfers)
			.collect();
		(flooded.iter().copied().max().unwrap_or(0), median_u32(&flooded).unwrap_or(0))
	}

	/// The fullest block: the highest share of any normal-class limit (compute, proof size,
	/// length), with that block.
	pub fn fullest(&self) -> Option<(&Row, Fullness)> {
		self.rows
			.iter()
			.map(|r| (r, Fullness::of(r, &self.limits)))
			.max_by(|a, b| a.1.highest().1.total_cmp(&b.1.highest().1))
	}
}

/// How full a block is: percent of each normal-class limit, and operational compute.
#[derive(Clone, Copy, Debug)]
pub struct Fullness {
	/// Normal class compute, percent of its limit.
	pub compute: f64,
	/// Normal class proof size, percent of its limit.
	pub proof: f64,
	/// Length, percent of the normal class's limit.
	pub length: f64,
	/// Operational class compute, percent of its limit.
	pub operational: f64,
	/// Proof size of every class together, percent of the whole block's limit (operational
	/// extrinsics may use the room the normal class leaves).
	pub block_proof: f64,
}

impl Fullness {
	/// Of block `row` under `limits`.
	pub fn of(row: &Row, limits: &Limits) -> Self {
		Fullness {
			compute: percent(row.weight[0].ref_time, limits.weight[0].ref_time),
			proof: percent(row.weight[0].proof_size, limits.weight[0].proof_size),
			length: percent(row.length, limits.length[0]),
			operational: percent(row.weight[1].ref_time, limits.weight[1].ref_time),
			block_proof: percent(
				row.weight.iter().map(|w| w.proof_size).sum(),
				limits.block_weight.proof_size,
			),
		}
	}

	/// The limit closest to full, and how full.
	pub fn highest(&self) -> (&'static str, f64) {
		[("compute", self.compute), ("proof size", self.proof), ("length", self.length)]
			.into_iter()
			.max_by(|a, b| a.1.total_cmp(&b.1))
			.expect("three limits")
	}
}

fn latency_text(l: Option<(u32, u32, u32)>) -> String {
	l.map_or("-".into(), |(a, b, c)| format!("{a}/{b}/{c}"))
}

fn errors_text(errors: &BTreeMap<String, u64>) -> String {
	if errors.is_empty() {
		return "0".into();
	}
	errors.iter().map(|(e, n)| format!("{n} {e}")).collect::<Vec<_>>().join(", ")
}

fn kib(bytes: u64) -> u64 {
	bytes.div_ceil(1024)
}

/// Rows as text, the first one the header: columns right-aligned, the last left-aligned.
pub fn text_table(rows: &[Vec<String>]) -> String {
	let columns = rows.first().map_or(0, Vec::len);
	let widths: Vec<usize> = (0..columns)
		.map(|c| rows.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
		.collect();
	let mut out = String::new();
	for row in rows {
		let Some((last, rest)) = row.split_last() else { continue };
		for (cell, width) in rest.iter().zip(&widths) {
			let _ = write!(out, "{cell:>width$}  ");
		}
		let _ = writeln!(out, "{last}");
	}
	out
}

/// The columns of the block-by-block tables.
const COLUMNS: [&str; 16] = [
	"block",
	"jobs",
	"verified",
	"failed",
	"expired",
	"unassigned",
	"refused",
	"transfers",
	"steps",
	"latency p50/max",
	"normal compute",
	"proof",
	"operational",
	"block proof",
	"length KiB",
	"refused by error",
];

impl Row {
	/// Its cells in the block-by-block tables, one per [`COLUMNS`].
	fn cells(&self, limits: &Limits) -> Vec<String> {
		let f = Fullness::of(self, limits);
		let mut lat = self.latencies.clone();
		lat.sort_unstable();
		let lat = match (percentile(&lat, 50), lat.last()) {
			(Some(p), Some(m)) => format!("{p}/{m}"),
			_ => "-".into(),
		};
		let refused: Vec<String> = self.refused.iter().map(|(e, n)| format!("{n} {e}")).collect();
		vec![
			format!("#{}", self.number),
			self.submitted.to_string(),
			self.verified.to_string(),
			self.failed.to_string(),
			self.expired.to_string(),
			self.unassigned.to_string(),
			self.refused_total().to_string(),
			self.transfers.to_string(),
			self.steps.to_string(),
			lat,
			format!("{}%", f.compute),
			format!("{}%", f.proof),
			format!("{}%", f.operational),
			format!("{}%", f.block_proof),
			kib(self.length).to_string(),
			refused.join(", "),
		]
	}
}

impl Scenario {
	/// The block-by-block table as text, columns right-aligned (the errors left-aligned).
	pub fn table(&self) -> String {
		text_table(&self.table_rows())
	}

	/// The block-by-block table in markdown.
	pub fn markdown_table(&self) -> String {
		crate::docs::markdown_rows(&self.table_rows())
	}

	/// The block-by-block table, header first.
	fn table_rows(&self) -> Vec<Vec<String>> {
		let mut lines = vec![COLUMNS.map(String::from).to_vec()];
		lines.extend(self.rows.iter().map(|r| r.cells(&self.limits)));
		lines
	}

	/// The scenario's result in one line.
	pub fn summary(&self) -> String {
		let mut line = self.result();
		if !self.pool_refused.is_empty() {
			write!(line, ", pool refused {}", errors_text(&self.pool_refused)).expect("a string");
		}
		if self.settled.dropped > 0 {
			write!(line, ", {} taken by the pool but never included", self.settled.dropped)
				.expect("a string");
		}
		if self.settled.open > 0 {
			write!(line, ", {} jobs still open at the end", self.settled.open).expect("a string");
		}
		line
	}

	fn result(&self) -> String {
		match self.kind {
			Kind::Baseline { .. } => {
				let (max, median) = self.transfers_per_block();
				let limit = self
					.fullest()
					.map(|(r, f)| {
						let (what, p) = f.highest();
						format!(" (fullest #{}: {what} {p}% of the normal class)", r.number)
					})
					.unwrap_or_default();
				format!("transfers max {max} / median {median} per block{limit}")
			}
			Kind::Sustained { rate, blocks } => {
				let (mean, max) = self.verified_per_block();
				format!(
					"sustained {rate} jobs/block × {blocks}: {} included (the last {} blocks after sending stopped), {:.1} verified/block (max {max}), latency p50/p90/p99 {} blocks, {} failed, {} expired, {} unassigned, refused {}",
					self.submitted(),
					self.inclusion_lag(),
					mean,
					latency_text(self.latency()),
					self.failed(),
					self.expired(),
					self.unassigned(),
					errors_text(&self.refused()),
				)
			}
			Kind::Burst { jobs } => {
				let (_, max) = self.verified_per_block();
				let span = self
					.rows
					.first()
					.zip(self.rows.last())
					.map_or(0, |(a, b)| b.number - a.number + 1);
				format!(
					"burst {jobs}: {} included, {} verified over {span} blocks (max {max}/block), latency p50/p90/p99 {} blocks, {} failed, {} expired, {} unassigned, refused {}",
					self.submitted(),
					self.verified(),
					latency_text(self.latency()),
					self.failed(),
					self.expired(),
					self.unassigned(),
					errors_text(&self.refused()),
				)
			}
		}
	}

	/// The markdown row of the summary table.
	pub fn markdown_row(&self) -> String {
		let fullest = self
			.fullest()
			.map(|(r, f)| {
				format!(
					"#{}: compute {}% ({} ms), proof {}%, length {}%, operational {}%, block proof {}%",
					r.number,
					f.compute,
					millis(r.weight[0].ref_time),
					f.proof,
					f.length,
					f.operational,
					f.block_proof
				)
			})
			.unwrap_or_default();
		let pool = if self.pool_refused.is_empty() {
			String::new()
		} else {
			format!("; pool refused {}", errors_text(&self.pool_refused))
		};
		match self.kind {
			Kind::Baseline { .. } => {
				let (max, median) = self.transfers_per_block();
				format!(
					"| {} | {}{pool} | **{max} / {median}** transfers | | | | | {fullest} |",
					self.kind.name(),
					self.kind.describe(self.requesters),
				)
			}
			_ => {
				let (mean, max) = self.verified_per_block();
				format!(
					"| {} | {}{pool} | {}, the last {} blocks after sending stopped | **{:.1}** / {max} | {} / {} / {} / {} | {} | {} | {fullest} |",
					self.kind.name(),
					self.kind.describe(self.requesters),
					self.submitted(),
					self.inclusion_lag(),
					mean,
					self.verified(),
					self.failed(),
					self.expired(),
					self.unassigned(),
					errors_text(&self.refused()),
					latency_text(self.latency()),
				)
			}
		}
	}
}
