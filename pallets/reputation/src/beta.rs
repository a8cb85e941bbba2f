//! The reputation update rule: a Beta reputation with exponential forgetting, free of storage.
//!
//! An operator's evidence is a pair `(r, s)` of non-negative fixed-point numbers: `r` for good
//! outcomes, `s` for bad ones. With forgetting factor `λ` and evidence weight `w`:
//!
//! ```text
//! every event:  r ← λ·r,  s ← λ·s
//! Agreed:       r ← r + w
//! Disagreed:    s ← s + m·w          (m = DisagreementWeight, a wrong answer weighs more)
//! Missed:       s ← s + w
//! score       = (r + 1) / (r + s + 2)
//! ```
//!
//! The score is the expected value of a Beta(r + 1, s + 1) distribution: 1/2 with no evidence,
//! towards 1 with good evidence, towards 0 with bad. Forgetting lets old evidence fade, so an
//! operator that was bad long ago drifts back to 1/2; [`BetaEvidence::decay`] applies the same
//! fading for elapsed time.
//!
//! The weight of an event is `w = fee / (average_fee + fee)` ([`evidence_weight`]): a job paid
//! as much as the running average weighs 1/2, a much dearer one nearly 1, a much cheaper one
//! nearly 0, so cheap jobs cannot farm reputation. `average_fee` is an exponential moving
//! average of the fees of all events ([`update_average`]).
//!
//! All arithmetic is fixed-point (`FixedU128`, 18 decimals) and saturating; the score is a
//! `Permill`, rounded down.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::{
	traits::{One, Saturating, Zero},
	FixedPointNumber, FixedU128, Perbill, Permill,
};

/// The three kinds of evidence.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub enum Outcome {
	/// Output in the agreeing group.
	Agreed,
	/// Output outside the agreeing group.
	Disagreed,
	/// No commit or no reveal in time.
	Missed,
}

/// The parameters of the rule.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct Params {
	/// `λ`: what remains of old evidence at each new event.
	pub forgetting: Perbill,
	/// `m`: how many times a wrong answer outweighs a miss.
	pub disagreement_weight: u32,
}

/// An operator's decayed evidence `(r, s)`.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct BetaEvidence {
	/// `r`: weighted, decayed count of good outcomes.
	pub positive: FixedU128,
	/// `s`: weighted, decayed count of bad outcomes.
	pub negative: FixedU128,
}

impl BetaEvidence {
	/// Evidence `(r, s)`.
	pub fn new(positive: FixedU128, negative: FixedU128) -> Self {
		Self { positive, negative }
	}

	/// Multiply both `r` and `s` by `factor^times`.
	pub fn decay(&mut self, factor: Perbill, times: u32) {
		if times == 0 {
			return;
		}
		let factor = FixedU128::from_perbill(factor).saturating_pow(times as usize);
		self.positive = self.positive.saturating_mul(factor);
		self.negative = self.negative.saturating_mul(factor);
	}

	/// Apply one event of `outcome` with weight `weight`.
	pub fn record(&mut self, outcome: Outcome, weight: FixedU128, params: &Params) {
		self.decay(params.forgetting, 1);
		match outcome {
			Outcome::Agreed => self.positive = self.positive.saturating_add(weight),
			Outcome::Disagreed => {
				let heavier =
					weight.saturating_mul(FixedU128::from_u32(params.disagreement_weight));
				self.negative = self.negative.saturating_add(heavier);
			}
			Outcome::Missed => self.negative = self.negative.saturating_add(weight),
		}
	}

	/// `(r + 1) / (r + s + 2)`, rounded down.
	pub fn score(&self) -> Permill {
		let numerator = self.positive.saturating_add(FixedU128::one());
		let denominator = numerator.saturating_add(self.negative).saturating_add(FixedU128::one());
		Permill::from_rational(numerator.into_inner(), denominator.into_inner())
	}
}

/// `fee / (average_fee + fee)`; 1/2 while there is no average yet (`average_fee == 0`).
pub fn evidence_weight(fee: u128, average_fee: u128) -> FixedU128 {
	if average_fee.is_zero() {
		return FixedU128::from_rational(1, 2);
	}
	FixedU128::saturating_from_rational(fee, average_fee.saturating_add(fee))
}

/// The running average after a fee of `fee`: `average + smoothing × (fee − average)`, the step
/// capped at `step_limit × average`, or `fee` itself for the first one (`average == 0`).
/// Rounded towards the old average.
pub fn update_average(average: u128, fee: u128, smoothing: Perbill, step_limit: Perbill) -> u128 {
	if average.is_zero() {
		return fee;
	}
	let cap = step_limit.mul_floor(average);
	if fee >= average {
		average.saturating_add(smoothing.mul_floor(fee - average).min(cap))
	} else {
		average.saturating_sub(smoothing.mul_floor(average - fee).min(cap))
	}
}

#[cfg(test)]
mod tests {
	//! Expected values computed by hand (exact decimals; scores rounded down to millionths).
	use super::*;

	fn fixed(parts_per_thousand: u128) -> FixedU128 {
		FixedU128::from_rational(parts_per_thousand, 1_000)
	}

	const PARAMS: Params = Params { forgetting: Perbill::from_percent(90), disagreement_weight: 3 };

	#[test]
	fn no_evidence_scores_one_half() {
		assert_eq!(BetaEvidence::default().score(), Permill::from_percent(50));
	}

	#[test]
	fn a_sequence_of_events() {
		let half = fixed(500);
		let mut e = BetaEvidence::default();

		// r = 0.5: 1.5 / 2.5 = 0.6
		e.record(Outcome::Agreed, half, &PARAMS);
		assert_eq!(e, BetaEvidence::new(fixed(500), fixed(0)));
		assert_eq!(e.score(), Permill::from_parts(600_000));

		// r = 0.9 × 0.5 + 0.5 = 0.95: 1.95 / 2.95 = 0.661016949…
		e.record(Outcome::Agreed, half, &PARAMS);
		assert_eq!(e, BetaEvidence::new(fixed(950), fixed(0)));
		assert_eq!(e.score(), Permill::from_parts(661_016));

		// r = 0.855, s = 3 × 0.5 = 1.5: 1.855 / 4.355 = 0.425947187…
		e.record(Outcome::Disagreed, half, &PARAMS);
		assert_eq!(e, BetaEvidence::new(fixed(855), fixed(1_500)));
		assert_eq!(e.score(), Permill::from_parts(425_947));

		// r = 0.7695, s = 1.35 + 0.25 = 1.6: 1.7695 / 4.3695 = 0.404966243…
		e.record(Outcome::Missed, fixed(250), &PARAMS);
		assert_eq!(e.positive, FixedU128::from_rational(7_695, 10_000));
		assert_eq!(e.negative, fixed(1_600));
		assert_eq!(e.score(), Permill::from_parts(404_966));
	}

	#[test]
	fn a_wrong_answer_weighs_more_than_a_miss() {
		let mut wrong = BetaEvidence::default();
		let mut missed = BetaEvidence::default();
		wrong.record(Outcome::Disagreed, fixed(500), &PARAMS);
		missed.record(Outcome::Missed, fixed(500), &PARAMS);
		// 1 / 3.5 = 0.285714… against 1 / 2.5 = 0.4
		assert_eq!(wrong.score(), Permill::from_parts(285_714));
		assert_eq!(missed.score(), Permill::from_parts(400_000));
	}

	#[test]
	fn decay_over_time() {
		let mut e = BetaEvidence::new(fixed(800), fixed(1_600));
		// 1.8 / 4.4 = 0.409090…
		assert_eq!(e.score(), Permill::from_parts(409_090));
		e.decay(Perbill::from_percent(50), 0);
		assert_eq!(e, BetaEvidence::new(fixed(800), fixed(1_600)));
		// × 0.5³ = 0.125: r = 0.1, s = 0.2: 1.1 / 2.3 = 0.478260…
		e.decay(Perbill::from_percent(50), 3);
		assert_eq!(e, BetaEvidence::new(fixed(100), fixed(200)));
		assert_eq!(e.score(), Permill::from_parts(478_260));
		// Long enough, everything is forgotten.
		e.decay(Perbill::from_percent(50), 200);
		assert_eq!(e, BetaEvidence::default());
	}

	#[test]
	fn weights_follow_the_fee() {
		assert_eq!(evidence_weight(100, 300), fixed(250));
		assert_eq!(evidence_weight(300, 100), fixed(750));
		assert_eq!(evidence_weight(100, 100), fixed(500));
		assert_eq!(evidence_weight(0, 100), fixed(0));
		assert_eq!(evidence_weight(100, 0), fixed(500), "no history yet");
		assert_eq!(evidence_weight(0, 0), fixed(500));
	}

	#[test]
	fn the_average_moves_towards_each_fee() {
		let (tenth, any) = (Perbill::from_percent(10), Perbill::one());
		assert_eq!(update_average(0, 100, tenth, any), 100);
		assert_eq!(update_average(100, 200, tenth, any), 110);
		assert_eq!(update_average(110, 10, tenth, any), 100);
		assert_eq!(update_average(100, 100, tenth, any), 100);
		// 100 + 10% × 5 = 100.5, rounded towards the old average.
		assert_eq!(update_average(100, 105, tenth, any), 100);
		assert_eq!(update_average(100, 95, tenth, any), 100);
	}

	#[test]
	fn one_fee_moves_the_average_by_a_bounded_step() {
		let (tenth, two_percent) = (Perbill::from_percent(10), Perbill::from_percent(2));
		assert_eq!(update_average(1_000, u128::MAX, tenth, two_percent), 1_020);
		assert_eq!(update_average(1_000, 0, tenth, two_percent), 980);
		// Within the limit the smoothing rules.
		assert_eq!(update_average(1_000, 1_100, tenth, two_percent), 1_010);
	}

	#[test]
	fn saturates_instead_of_overflowing() {
		let mut e = BetaEvidence::new(FixedU128::from_inner(u128::MAX), Zero::zero());
		e.record(
			Outcome::Agreed,
			FixedU128::one(),
			&Params { forgetting: Perbill::one(), ..PARAMS },
		);
		assert_eq!(e.positive, FixedU128::from_inner(u128::MAX));
		assert_eq!(e.score(), Permill::one());
	}
}
