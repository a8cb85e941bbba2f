//! The run's figures in the documentation: a markdown section, between HTML comment markers
//! named after the chain's size, that a later run of the same size replaces, and its charts as
//! PNG files in the `load/` folder next to the markdown file.

use crate::{
	chart::{bars, color_name, Color, Series},
	report::Kind,
	Run,
};
use std::{
	fmt::Write,
	path::{Path, PathBuf},
	process::Command,
};
use verinfer_test_utils::TestResult;

/// The name of a chain's size in markers and file names: `3-operators`, `16-operators-4-nodes`.
pub fn size_name(run: &Run) -> String {
	let nodes = run.topology.nodes.max(1);
	let mut name = format!("{}-operators", run.topology.operators);
	if nodes > 1 {
		write!(name, "-{nodes}-nodes").expect("a string");
	}
	if run.topology.engine_per_node {
		name.push_str("-engines");
	}
	name
}

fn git(args: &[&str]) -> Option<String> {
	let root = verinfer_test_utils::paths::repo_root();
	let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
	out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The checkout the benchmark was built from: short commit, and whether files were changed.
fn revision() -> String {
	match git(&["rev-parse", "--short", "HEAD"]) {
		Some(commit) => {
			// Outside `docs/`, which the runs themselves write.
			let dirty =
				git(&["status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs"])
					.is_some_and(|s| !s.is_empty());
			if dirty {
				format!("{commit} with uncommitted changes")
			} else {
				commit
			}
		}
		None => "an unknown commit".into(),
	}
}

fn today() -> String {
	Command::new("date")
		.args(["-u", "+%Y-%m-%d"])
		.output()
		.ok()
		.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
		.unwrap_or_default()
}

/// Writes the charts into `<folder of markdown>/load/` and the section into `markdown`
/// (replacing the section of the same size, or appended). `command` is what produced the run.
/// Returns the files written.
pub fn write(run: &Run, markdown: &Path, command: &str) -> TestResult<Vec<PathBuf>> {
	let dir = markdown.parent().ok_or("the markdown file has no folder")?;
	let charts = dir.join("load");
	std::fs::create_dir_all(&charts)?;
	let name = size_name(run);
	let mut written = Vec::new();
	let mut body = String::new();
	let nodes = run.topology.nodes.max(1);
	let engines = if run.topology.engine_per_node { nodes } else { 1 };
	writeln!(
		body,
		"### {} operators, {nodes} node{}, {engines} engine{}\n",
		run.topology.operators,
		if nodes > 1 { "s" } else { "" },
		if engines > 1 { "s" } else { "" }
	)?;
	writeln!(
		body,
		"`{command}` on {} ({}, {} cores, load average {} at the start and {} at the end). Jobs \
		 are `k = 3` jobs of the bundled models; latency is in blocks from the block that included \
		 the job to the block of its verdict. \"Refused\" are `submit_job` calls included but \
		 failed, by the runtime's error; \"fullest\" is the block closest to a normal-class limit \
		 (compute, proof size or length); \"block proof\" is the proof size of all classes against \
		 the whole block's limit. Weights are what `System::BlockWeight` holds at the block's end, \
		 after refunds; a block's builder decides with the weights the calls declare.\n",
		revision(),
		today(),
		std::thread::available_parallelism().map_or(0, |n| n.get()),
		run.load_average.0,
		run.load_average.1,
	)?;
	body.push_str(
		"| scenario | load | jobs included | verified per block (mean / max) | verified / failed / expired / unassigned | refused | latency p50 / p90 / p99 | fullest block |\n|---|---|---|---|---|---|---|---|\n",
	);
	for s in &run.scenarios {
		writeln!(body, "{}", s.markdown_row())?;
	}
	body.push_str(
		"\nWeight per call over these scenarios: used is the mean per extrinsic after refunds (its \
		 event's); declared is what the longest of them declares, which a block builder reserves \
		 before it runs (`payment_queryInfo`); the normal class holds 75% of the block.\n\n",
	);
	body.push_str(&markdown_rows(&run.weights));
	if run.filler_transfers > 0 {
		writeln!(
			body,
			"\nDuring the job scenarios {} accounts sent {} transfers per block ({} in all).",
			run.options.fillers, run.options.filler_rate, run.filler_transfers
		)?;
	}
	body.push('\n');

	// Jobs per block over the job scenarios.
	let jobs: Vec<_> =
		run.scenarios.iter().filter(|s| !matches!(s.kind, Kind::Baseline { .. })).collect();
	if !jobs.is_empty() {
		let rows: Vec<_> = jobs.iter().flat_map(|s| s.rows.iter()).collect();
		let mut separators = Vec::new();
		let mut at = 0;
		for s in &jobs {
			if at > 0 {
				separators.push(at);
			}
			at += s.rows.len();
		}
		let series = [
			Series {
				color: Color::Blue,
				values: rows.iter().map(|r| r.submitted as u64).collect(),
			},
			Series {
				color: Color::Green,
				values: rows.iter().map(|r| r.verified as u64).collect(),
			},
			Series {
				color: Color::Red,
				values: rows.iter().map(|r| r.refused_total() as u64).collect(),
			},
		];
		let file = format!("{name}-jobs.png");
		bars(900, 300, &series, &separators, |i| rows[i].number).save(&charts.join(&file))?;
		written.push(charts.join(&file));
		let order: Vec<&str> = jobs.iter().map(|s| s.kind.name()).collect();
		writeln!(
			body,
			"![Jobs per block](load/{file})\n\n*Jobs per block (x: block number; {} separated by black lines): {} = included, {} = verified, {} = refused.*\n",
			order.join(", then "),
			color_name(Color::Blue),
			color_name(Color::Green),
			color_name(Color::Red)
		)?;

		// Latency histogram, one colour per job scenario.
		let colors = [Color::Blue, Color::Green, Color::Purple, Color::Orange];
		let max = jobs.iter().flat_map(|s| s.latencies()).max().unwrap_or(0) as usize;
		let series: Vec<Series> = jobs
			.iter()
			.zip(colors.iter().cycle())
			.map(|(s, &color)| {
				let mut values = vec![0u64; max + 1];
				for l in s.latencies() {
					values[l as usize] += 1;
				}
				Series { color, values }
			})
			.collect();
		let file = format!("{name}-latency.png");
		bars(900, 260, &series, &[], |i| i as u64).save(&charts.join(&file))?;
		written.push(charts.join(&file));
		let legend: Vec<String> = jobs
			.iter()
			.zip(colors.iter().cycle())
			.map(|(s, &c)| format!("{} = {}", color_name(c), s.kind.name()))
			.collect();
		writeln!(
			body,
			"![Latency histogram](load/{file})\n\n*Latency from inclusion to verdict (x: blocks; y: jobs): {}.*\n",
			legend.join(", ")
		)?;
	}

	// Transfers per block over the baseline.
	if let Some(base) = run.scenarios.iter().find(|s| matches!(s.kind, Kind::Baseline { .. })) {
		let series = [Series {
			color: Color::Orange,
			values: base.rows.iter().map(|r| r.transfers as u64).collect(),
		}];
		let file = format!("{name}-transfers.png");
		bars(900, 220, &series, &[], |i| base.rows[i].number).save(&charts.join(&file))?;
		written.push(charts.join(&file));
		writeln!(
			body,
			"![Transfers per block](load/{file})\n\n*Balance transfers per block during the baseline (x: block number; the flood stops after #{}).*\n",
			base.window.last
		)?;
	}

	body.push_str("<details><summary>Block by block</summary>\n\n");
	for s in &run.scenarios {
		writeln!(
			body,
			"#### {}: {}\n\n{}",
			s.kind.name(),
			s.kind.describe(s.requesters),
			s.markdown_table()
		)?;
	}
	body.push_str("</details>\n");

	let text = std::fs::read_to_string(markdown).unwrap_or_default();
	std::fs::write(markdown, replace_section(&text, &name, &body))?;
	written.push(markdown.to_path_buf());
	Ok(written)
}

/// Rows as a markdown table, the first one the header.
pub fn markdown_rows(rows: &[Vec<String>]) -> String {
	let mut out = String::new();
	for (i, row) in rows.iter().enumerate() {
		writeln!(out, "| {} |", row.join(" | ")).expect("a string");
		if i == 0 {
			writeln!(out, "|{}", "---|".repeat(row.len())).expect("a string");
		}
	}
	out
}

/// `text` with the section `name` (between `<!-- verinfer-load:{name}:start -->` and
/// `<!-- verinfer-load:{name}:end -->`) holding `body`: replaced where it is, or appended.
pub fn replace_section(text: &str, name: &str, body: &str) -> String {
	let start = format!("<!-- verinfer-load:{name}:start -->");
	let end = format!("<!-- verinfer-load:{name}:end -->");
	let section = format!("{start}\n{body}{end}");
	match (text.find(&start), text.find(&end)) {
		(Some(s), Some(e)) if e > s => {
			format!("{}{section}{}", &text[..s], &text[e + end.len()..])
		}
		_ => {
			let mut out = text.trim_end().to_string();
			out.push_str("\n\n");
			out.push_str(&section);
			out.push('\n');
			out
		}
	}
}
