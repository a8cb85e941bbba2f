//! The verdict over revealed outputs: agreement within tolerance, the largest agreeing group,
//! the quorum and the element-wise median. Free of storage.
//!
//! The caller passes only outputs of the model's declared output shape and precision, as flat
//! integer vectors of equal length; any other reveal cannot agree with anything.
//!
//! - **Agreement**: two outputs agree when every element differs by at most `tolerance`
//!   (`|aᵢ − bᵢ| ≤ tolerance`, computed in `i128`; `tolerance = 0` means identical).
//! - **Group**: a set of outputs that pairwise agree (a clique of the agreement graph), so its
//!   median is within tolerance of each member. The *largest* group is found exactly by
//!   branch-and-bound over bitmasks (at most 32 outputs; the pallet allows 16).
//! - **Quorum**: the job is verified when the largest group has at least `q` members.
//! - **Result**: the element-wise median of the group: the middle value for an odd group; for
//!   an even one the mean of the two middle values, rounded half away from zero (like the
//!   engine's canonical rounding). Agreement within tolerance is not transitive (10 ~ 11 ~ 12
//!   but 10 ≁ 12 at tolerance 1), so there can be several equally large groups; the one whose
//!   median is closest to the element-wise median of *all* outputs wins (then the smallest
//!   result), so neither slot order nor an outlier decides it.
//! - **Agreeing outputs**: every output within tolerance of the result, group members and
//!   others alike, so that two outputs both within tolerance of the agreed result are never
//!   slashed against each other (with 10, 11 and 12 at tolerance 1 the result is 11 and all
//!   three agree). With tolerance 0 agreement is an equivalence and this is exactly the group.

use alloc::vec::Vec;

/// The outcome of [`decide`].
#[derive(Clone, Eq, PartialEq, Debug)]
pub struct Decision {
	/// With a result: the indices (into the input) of every output within tolerance of it.
	/// Without: the largest group. Ascending; empty without outputs.
	pub group: Vec<usize>,
	/// The group's element-wise median if the group reached the quorum.
	pub result: Option<Vec<i64>>,
}

/// Whether `a` and `b` agree within `tolerance`.
pub fn agree(a: &[i64], b: &[i64], tolerance: u64) -> bool {
	a.len() == b.len()
		&& a.iter()
			.zip(b)
			.all(|(x, y)| (*x as i128 - *y as i128).unsigned_abs() <= tolerance as u128)
}

/// The agreement graph of the first 32 `outputs`: their number, each one's neighbours as a
/// bitmask, and the mask of all of them.
fn agreement_graph(outputs: &[&[i64]], tolerance: u64) -> (usize, [u32; 32], u32) {
	let n = outputs.len().min(32);
	let mut adjacency = [0u32; 32];
	for i in 0..n {
		for j in (i + 1)..n {
			if agree(outputs[i], outputs[j], tolerance) {
				adjacency[i] |= 1 << j;
				adjacency[j] |= 1 << i;
			}
		}
	}
	(n, adjacency, if n == 32 { u32::MAX } else { (1u32 << n) - 1 })
}

/// The largest group of pairwise agreeing `outputs`, as ascending indices; among equally large
/// groups the lexicographically first. At most 32 outputs are considered.
pub fn largest_group(outputs: &[&[i64]], tolerance: u64) -> Vec<usize> {
	let (n, adjacency, all) = agreement_graph(outputs, tolerance);
	let mut best = 0u32;
	extend(&adjacency, 0, all, &mut best);
	(0..n).filter(|i| best & (1 << i) != 0).collect()
}

/// Every largest group of pairwise agreeing `outputs`, as bitmasks over the first 32 of them,
/// in the order they are found.
pub fn largest_groups(outputs: &[&[i64]], tolerance: u64) -> Vec<u32> {
	let (_, adjacency, all) = agreement_graph(outputs, tolerance);
	let mut found = Vec::new();
	extend_all(&adjacency, 0, all, &mut 0, &mut found);
	found
}

/// Like [`extend`], but keeps every largest clique in `found` (of size `best`).
fn extend_all(
	adjacency: &[u32; 32],
	current: u32,
	candidates: u32,
	best: &mut u32,
	found: &mut Vec<u32>,
) {
	let size = current.count_ones();
	if candidates == 0 && size > 0 {
		if size > *best {
			*best = size;
			found.clear();
		}
		if size == *best {
			found.push(current);
		}
		return;
	}
	let mut left = candidates;
	while left != 0 {
		if size + left.count_ones() < *best {
			return;
		}
		let v = left.trailing_zeros();
		left &= !(1u32 << v);
		extend_all(adjacency, current | (1u32 << v), left & adjacency[v as usize], best, found);
	}
}

/// Branch and bound: extend clique `current` by members of `candidates` (all agreeing with every
/// member of `current` and of higher index), in ascending order, keeping the first largest.
fn extend(adjacency: &[u32; 32], current: u32, candidates: u32, best: &mut u32) {
	if current.count_ones() > best.count_ones() {
		*best = current;
	}
	let mut left = candidates;
	while left != 0 {
		if current.count_ones() + left.count_ones() <= best.count_ones() {
			return;
		}
		let v = left.trailing_zeros();
		left &= !(1u32 << v);
		extend(adjacency, current | (1u32 << v), left & adjacency[v as usize], best);
	}
}

/// The element-wise median of `outputs` (non-empty, equal lengths).
pub fn median(outputs: &[&[i64]]) -> Vec<i64> {
	let len = outputs.first().map_or(0, |o| o.len());
	let mut column = Vec::with_capacity(outputs.len());
	(0..len)
		.map(|i| {
			column.clear();
			column.extend(outputs.iter().map(|o| o[i]));
			column.sort_unstable();
			let mid = column.len() / 2;
			if column.len() % 2 == 1 {
				column[mid]
			} else {
				let sum = column[mid - 1] as i128 + column[mid] as i128;
				// Halves away from zero; the mean lies between two i64 values, so it fits.
				(if sum >= 0 { (sum + 1) / 2 } else { (sum - 1) / 2 }) as i64
			}
		})
		.collect()
}

/// Sum of the element-wise distances of `a` and `b`.
fn distance(a: &[i64], b: &[i64]) -> u128 {
	a.iter().zip(b).map(|(x, y)| (*x as i128 - *y as i128).unsigned_abs()).sum()
}

/// The verdict over `outputs` (all of one length) with `tolerance` and quorum `quorum`.
pub fn decide(outputs: &[&[i64]], tolerance: u64, quorum: u32) -> Decision {
	let group = largest_group(outputs, tolerance);
	if group.is_empty() || (group.len() as u32) < quorum {
		return Decision { group, result: None };
	}
	let n = outputs.len().min(32);
	let center = median(&outputs[..n]);
	let result = largest_groups(outputs, tolerance)
		.into_iter()
		.map(|mask| {
			let members: Vec<&[i64]> =
				(0..n).filter(|i| mask & (1 << i) != 0).map(|i| outputs[i]).collect();
			median(&members)
		})
		.min_by(|a, b| distance(a, &center).cmp(&distance(b, &center)).then_with(|| a.cmp(b)))
		.unwrap_or_else(|| median(&group.iter().map(|i| outputs[*i]).collect::<Vec<_>>()));
	let agreeing =
		(0..outputs.len()).filter(|i| agree(outputs[*i], &result, tolerance)).collect();
	Decision { group: agreeing, result: Some(result) }
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	fn refs(v: &[Vec<i64>]) -> Vec<&[i64]> {
		v.iter().map(|o| &o[..]).collect()
	}

	#[test]
	fn agreement_is_element_wise_within_tolerance() {
		assert!(agree(&[1, 2, 3], &[1, 2, 3], 0));
		assert!(!agree(&[1, 2, 3], &[1, 2, 4], 0));
		assert!(agree(&[1, 2, 3], &[2, 1, 4], 1));
		assert!(!agree(&[1, 2, 3], &[3, 2, 3], 1));
		assert!(!agree(&[1, 2], &[1, 2, 3], 5), "different lengths never agree");
		assert!(agree(&[i64::MIN], &[i64::MAX], u64::MAX), "no overflow");
		assert!(!agree(&[i64::MIN], &[i64::MAX], u64::MAX - 1));
	}

	#[test]
	fn all_equal() {
		let outputs = vec![vec![0, 349, 9650]; 3];
		let d = decide(&refs(&outputs), 0, 2);
		assert_eq!(d.group, vec![0, 1, 2]);
		assert_eq!(d.result, Some(vec![0, 349, 9650]));
	}

	#[test]
	fn one_wrong_output_is_left_out() {
		let outputs = vec![vec![10, 20], vec![10, 20], vec![99, 20], vec![10, 20]];
		let d = decide(&refs(&outputs), 0, 3);
		assert_eq!(d.group, vec![0, 1, 3]);
		assert_eq!(d.result, Some(vec![10, 20]));
	}

	#[test]
	fn tolerance_joins_close_outputs_and_the_median_is_hand_computed() {
		// Column 0: 100, 101, 100 → 100; column 1: -5, -4, -5 → -5; the far one is out.
		let outputs = vec![vec![100, -5], vec![101, -4], vec![140, -5], vec![100, -5]];
		let d = decide(&refs(&outputs), 1, 3);
		assert_eq!(d.group, vec![0, 1, 3]);
		assert_eq!(d.result, Some(vec![100, -5]));
		// Without tolerance only the two identical ones agree: below the quorum.
		let d = decide(&refs(&outputs), 0, 3);
		assert_eq!(d.group, vec![0, 3]);
		assert_eq!(d.result, None);
		// A chain of small steps is not a group: 1 ~ 3 fails on column 1 (|-4 - -6| = 2).
		let outputs = vec![vec![100, -5], vec![101, -4], vec![100, -6]];
		assert_eq!(decide(&refs(&outputs), 1, 3).result, None);
	}

	#[test]
	fn even_groups_take_the_mean_of_the_middle_pair_rounded_half_away_from_zero() {
		assert_eq!(median(&[&[100], &[101]]), vec![101]);
		assert_eq!(median(&[&[-100], &[-101]]), vec![-101]);
		assert_eq!(median(&[&[100], &[102]]), vec![101]);
		// Column 0: 2 and 3 → 2.5 → 3; column 1: 5 and 6 → 5.5 → 6.
		assert_eq!(median(&[&[1, 8], &[2, 4], &[3, 6], &[4, 5]]), vec![3, 6]);
		assert_eq!(median(&[&[i64::MAX], &[i64::MAX - 1]]), vec![i64::MAX]);
		assert_eq!(median(&[&[i64::MIN], &[i64::MIN + 1]]), vec![i64::MIN]);
	}

	#[test]
	fn groups_are_cliques_not_chains() {
		// 100 ~ 101 ~ 102 but 100 ≁ 102 with tolerance 1: the largest groups have two members;
		// the first one, {0, 1}, wins.
		let outputs = vec![vec![100], vec![101], vec![102]];
		assert_eq!(largest_group(&refs(&outputs), 1), vec![0, 1]);
		// Order decides ties: listed the other way round, {0, 1} is now {102, 101}.
		let outputs = vec![vec![102], vec![101], vec![100]];
		assert_eq!(largest_group(&refs(&outputs), 1), vec![0, 1]);
	}

	#[test]
	fn every_output_within_tolerance_of_the_result_agrees() {
		// The group {100, 101} gives 101 (100.5 rounded away from zero); 102 is within 1 of it
		// and agrees too, in either order: nobody honest is slashed.
		let outputs = vec![vec![100], vec![101], vec![102]];
		let d = decide(&refs(&outputs), 1, 2);
		assert_eq!(d.result, Some(vec![101]));
		assert_eq!(d.group, vec![0, 1, 2]);
		let outputs = vec![vec![102], vec![101], vec![100]];
		let d = decide(&refs(&outputs), 1, 2);
		assert_eq!(d.result, Some(vec![101]), "the order of the slots changes nothing");
		assert_eq!(d.group, vec![0, 1, 2]);
		// Between {100, 101} (median 101) and {101, 102} (median 102), the group nearer the
		// median of all four wins: 101.5, rounded to 102 given the outlier 150. 100 is then
		// more than 1 away from the result and does not agree.
		let outputs = vec![vec![150], vec![102], vec![101], vec![100]];
		let d = decide(&refs(&outputs), 1, 2);
		assert_eq!((d.result, d.group), (Some(vec![102]), vec![1, 2]));
		// Without the outlier the median of all is 101, and so is the result.
		let outputs = vec![vec![99], vec![102], vec![101], vec![100], vec![101]];
		let d = decide(&refs(&outputs), 1, 2);
		assert_eq!((d.result, d.group), (Some(vec![101]), vec![1, 2, 3, 4]));
		// Without a quorum nothing agrees with anything: the largest group is reported.
		let d = decide(&refs(&[vec![1], vec![5], vec![9]]), 1, 2);
		assert_eq!((d.group, d.result), (vec![0], None));
	}

	#[test]
	fn a_larger_group_beats_an_earlier_one() {
		let outputs = vec![vec![1], vec![1], vec![5], vec![5], vec![5]];
		let d = decide(&refs(&outputs), 0, 3);
		assert_eq!(d.group, vec![2, 3, 4]);
		assert_eq!(d.result, Some(vec![5]));
	}

	#[test]
	fn no_quorum_and_no_outputs() {
		let outputs = vec![vec![1], vec![2], vec![3]];
		let d = decide(&refs(&outputs), 0, 2);
		assert_eq!(d.group, vec![0]);
		assert_eq!(d.result, None);
		let d = decide(&[], 0, 1);
		assert!(d.group.is_empty());
		assert_eq!(d.result, None);
		// A single output verifies a k = q = 1 job.
		assert_eq!(decide(&[&[7, 8]], 0, 1).result, Some(vec![7, 8]));
	}

	/// The enumeration finds exactly the largest groups that trying every subset finds.
	#[test]
	fn every_largest_group_is_found() {
		use proptest::prelude::*;
		let config = ProptestConfig { cases: 300, ..Default::default() };
		proptest!(config, |(values in proptest::collection::vec(proptest::collection::vec(0i64..6, 2), 1..9), tol in 0u64..3)| {
			let outputs: Vec<&[i64]> = values.iter().map(|v| &v[..]).collect();
			let n = outputs.len();
			let cliques: Vec<u32> = (1u32..(1 << n)).filter(|mask| {
				let members: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
				members.iter().all(|a| members.iter().all(|b| a == b || agree(outputs[*a], outputs[*b], tol)))
			}).collect();
			let best = cliques.iter().map(|m| m.count_ones()).max().unwrap();
			let mut expected: Vec<u32> = cliques.into_iter().filter(|m| m.count_ones() == best).collect();
			let mut found = largest_groups(&outputs, tol);
			expected.sort();
			found.sort();
			prop_assert_eq!(found, expected);
		});
	}

	/// The branch and bound finds the same largest group as trying every subset.
	#[test]
	fn matches_brute_force() {
		use proptest::prelude::*;
		let config = ProptestConfig { cases: 400, ..Default::default() };
		proptest!(config, |(values in proptest::collection::vec(proptest::collection::vec(0i64..6, 2), 1..10), tol in 0u64..3)| {
			let outputs: Vec<&[i64]> = values.iter().map(|v| &v[..]).collect();
			let n = outputs.len();
			let mut best: Option<Vec<usize>> = None;
			for mask in 1u32..(1 << n) {
				let members: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
				let clique = members.iter().all(|a| members.iter().all(|b| a == b || agree(outputs[*a], outputs[*b], tol)));
				if !clique { continue }
				let better = match &best {
					None => true,
					Some(b) => members.len() > b.len() || (members.len() == b.len() && members < *b),
				};
				if better { best = Some(members) }
			}
			prop_assert_eq!(largest_group(&outputs, tol), best.unwrap());
		});
	}
}
