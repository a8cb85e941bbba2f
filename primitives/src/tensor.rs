//! The canonical tensor: how model inputs and outputs cross the chain.
//!
//! A tensor is a shape, a flat row-major list of integers and a decimal precision:
//! element `i` stands for the real number `data[i] / 10^precision`. Every model declares the
//! precision of its input and of its output ([`TensorSpec`]). Commitments, reveals and the
//! agreement check work on these integers only, so honest operators whose float kernels differ in
//! the last bits still produce the same bytes (the engine rounds its float outputs to the declared
//! precision, halves away from zero).
//!
//! Two forms share one SCALE encoding:
//!
//! - [`Tensor`]: plain vectors, for the engine's JSON API and off-chain code;
//! - [`BoundedTensor`]: bounded vectors with `MaxEncodedLen`, for storage, events and extrinsics.
//!
//! `SCALE(tensor) = compact(rank) ‖ shape as u32 LE ‖ compact(len) ‖ data as i64 LE ‖ precision`.
//! [`Tensor::canonical_hash`] is the blake2-256 of these bytes; the engine reports it as
//! `output_hash`, and both forms of the same tensor have the same hash.
//!
//! ## "Not computable"
//!
//! Some inputs have no answer at a model's declared precision: the output is not finite or does
//! not fit an `i64`, or the input lies outside the range the model declares. That is still an
//! answer, the same for every honest operator, so it has a canonical form operators commit and
//! reveal like any output: [`Tensor::not_computable`], the empty tensor at precision
//! [`NOT_COMPUTABLE_PRECISION`], which no real output can be (real precisions are at most
//! [`MAX_PRECISION`]). A job whose agreeing group answered it is verified as not computable.

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;
use sp_core::{bounded::BoundedVec, ConstU32, Get};

/// Most dimensions a tensor may have.
pub const MAX_DIMS: u32 = 8;

/// Largest precision (decimal digits after the point) a tensor may declare. `10^18` is the
/// largest power of ten an `i64` holds.
pub const MAX_PRECISION: u8 = 18;

/// The precision of the canonical "not computable" answer (see the module docs).
pub const NOT_COMPUTABLE_PRECISION: u8 = u8::MAX;

/// A tensor's shape, bounded by [`MAX_DIMS`].
pub type BoundedShape = BoundedVec<u32, ConstU32<MAX_DIMS>>;

/// Why a tensor is not well formed.
#[derive(Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TensorError {
	/// More than [`MAX_DIMS`] dimensions.
	TooManyDims { dims: u32 },
	/// A precision above [`MAX_PRECISION`].
	PrecisionTooHigh { precision: u8 },
	/// The product of the dimensions overflows `u64`.
	ShapeOverflow,
	/// The number of elements does not match the shape.
	LengthMismatch { expected: u64, actual: u64 },
	/// More elements than the bounded form holds.
	TooManyElements { max: u32, actual: u64 },
}

impl fmt::Display for TensorError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Self::TooManyDims { dims } => {
				write!(f, "tensor has {dims} dimensions, at most {MAX_DIMS} are allowed")
			}
			Self::PrecisionTooHigh { precision } => {
				write!(f, "precision {precision} is above the maximum {MAX_PRECISION}")
			}
			Self::ShapeOverflow => write!(f, "the product of the shape's dimensions overflows"),
			Self::LengthMismatch { expected, actual } => write!(
				f,
				"data has {actual} elements but the shape needs {expected} (the product of its dimensions)"
			),
			Self::TooManyElements { max, actual } => {
				write!(f, "tensor has {actual} elements, at most {max} are allowed")
			}
		}
	}
}

/// Number of elements of a tensor of this shape (1 for the empty shape of a scalar), or `None`
/// when the product overflows.
pub fn element_count(shape: &[u32]) -> Option<u64> {
	shape.iter().try_fold(1u64, |acc, d| acc.checked_mul(u64::from(*d)))
}

fn check(shape: &[u32], len: usize, precision: u8) -> Result<(), TensorError> {
	if shape.len() > MAX_DIMS as usize {
		return Err(TensorError::TooManyDims { dims: shape.len() as u32 });
	}
	if precision > MAX_PRECISION {
		return Err(TensorError::PrecisionTooHigh { precision });
	}
	let expected = element_count(shape).ok_or(TensorError::ShapeOverflow)?;
	if expected != len as u64 {
		return Err(TensorError::LengthMismatch { expected, actual: len as u64 });
	}
	Ok(())
}

/// A canonical fixed-point tensor with plain vectors (off-chain, JSON).
///
/// `data` is row-major; element `i` stands for `data[i] / 10^precision`.
#[derive(Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Tensor {
	/// Dimensions, outermost first.
	pub shape: Vec<u32>,
	/// Elements, row-major, as integers scaled by `10^precision`.
	pub data: Vec<i64>,
	/// Number of decimal digits after the point.
	pub precision: u8,
}

impl Tensor {
	/// A tensor from its parts (not checked: see [`Tensor::validate`]).
	pub fn new(shape: Vec<u32>, data: Vec<i64>, precision: u8) -> Self {
		Self { shape, data, precision }
	}

	/// Checks that the tensor is well formed: at most [`MAX_DIMS`] dimensions, a precision of at
	/// most [`MAX_PRECISION`], and exactly as many elements as the shape needs.
	pub fn validate(&self) -> Result<(), TensorError> {
		check(&self.shape, self.data.len(), self.precision)
	}

	/// The shape and precision of this tensor.
	pub fn spec(&self) -> Result<TensorSpec, TensorError> {
		let shape = BoundedShape::try_from(self.shape.clone())
			.map_err(|_| TensorError::TooManyDims { dims: self.shape.len() as u32 })?;
		Ok(TensorSpec { shape, precision: self.precision })
	}

	/// blake2-256 of the SCALE encoding: the `output_hash` the engine reports.
	pub fn canonical_hash(&self) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&self.encode())
	}

	/// The canonical answer "this input cannot be computed" (see the module docs).
	pub fn not_computable() -> Self {
		Self { shape: Vec::new(), data: Vec::new(), precision: NOT_COMPUTABLE_PRECISION }
	}

	/// Whether this is [`Tensor::not_computable`].
	pub fn is_not_computable(&self) -> bool {
		self.shape.is_empty() && self.data.is_empty() && self.precision == NOT_COMPUTABLE_PRECISION
	}
}

/// A canonical tensor with bounded vectors, for the chain: at most [`MAX_DIMS`] dimensions and
/// `MaxElements` elements. It has the same SCALE encoding as the equal [`Tensor`].
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(bound = ""))]
#[scale_info(skip_type_params(MaxElements))]
pub struct BoundedTensor<MaxElements: Get<u32>> {
	/// Dimensions, outermost first.
	pub shape: BoundedShape,
	/// Elements, row-major, as integers scaled by `10^precision`.
	pub data: BoundedVec<i64, MaxElements>,
	/// Number of decimal digits after the point.
	pub precision: u8,
}

impl<M: Get<u32>> BoundedTensor<M> {
	/// Checks that the tensor is well formed (see [`Tensor::validate`]).
	pub fn validate(&self) -> Result<(), TensorError> {
		check(&self.shape, self.data.len(), self.precision)
	}

	/// Number of elements.
	pub fn len(&self) -> usize {
		self.data.len()
	}

	/// Whether the tensor has no elements.
	pub fn is_empty(&self) -> bool {
		self.data.is_empty()
	}

	/// The shape and precision of this tensor.
	pub fn spec(&self) -> TensorSpec {
		TensorSpec { shape: self.shape.clone(), precision: self.precision }
	}

	/// blake2-256 of the SCALE encoding; equal to that of the same [`Tensor`].
	pub fn canonical_hash(&self) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&self.encode())
	}

	/// The canonical answer "this input cannot be computed".
	pub fn not_computable() -> Self {
		Self {
			shape: Default::default(),
			data: Default::default(),
			precision: NOT_COMPUTABLE_PRECISION,
		}
	}

	/// Whether this is the canonical "not computable" answer.
	pub fn is_not_computable(&self) -> bool {
		self.shape.is_empty() && self.data.is_empty() && self.precision == NOT_COMPUTABLE_PRECISION
	}
}

impl<M: Get<u32>> Clone for BoundedTensor<M> {
	fn clone(&self) -> Self {
		Self { shape: self.shape.clone(), data: self.data.clone(), precision: self.precision }
	}
}

impl<M: Get<u32>> PartialEq for BoundedTensor<M> {
	fn eq(&self, other: &Self) -> bool {
		self.shape == other.shape && self.data == other.data && self.precision == other.precision
	}
}

impl<M: Get<u32>> Eq for BoundedTensor<M> {}

impl<M: Get<u32>> fmt::Debug for BoundedTensor<M> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.debug_struct("BoundedTensor")
			.field("shape", &self.shape)
			.field("data", &self.data)
			.field("precision", &self.precision)
			.finish()
	}
}

impl<M: Get<u32>> TryFrom<Tensor> for BoundedTensor<M> {
	type Error = TensorError;

	/// Bounds a tensor; fails when it has too many dimensions or elements. The tensor is not
	/// otherwise validated.
	fn try_from(t: Tensor) -> Result<Self, TensorError> {
		let dims = t.shape.len() as u32;
		let len = t.data.len() as u64;
		Ok(Self {
			shape: t.shape.try_into().map_err(|_| TensorError::TooManyDims { dims })?,
			data: t
				.data
				.try_into()
				.map_err(|_| TensorError::TooManyElements { max: M::get(), actual: len })?,
			precision: t.precision,
		})
	}
}

impl<M: Get<u32>> From<BoundedTensor<M>> for Tensor {
	fn from(t: BoundedTensor<M>) -> Self {
		Self { shape: t.shape.into_inner(), data: t.data.into_inner(), precision: t.precision }
	}
}

/// The values every element of a model's input must lie in, inclusive, in units of the input
/// precision. A model declares it so that inputs it cannot answer are refused at submission.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InputRange {
	/// Smallest allowed element.
	pub min: i64,
	/// Largest allowed element.
	pub max: i64,
}

impl InputRange {
	/// Whether the range is non-empty (`min ≤ max`).
	pub fn is_valid(&self) -> bool {
		self.min <= self.max
	}

	/// Whether every element of `data` lies in the range.
	pub fn contains_all(&self, data: &[i64]) -> bool {
		data.iter().all(|x| self.min <= *x && *x <= self.max)
	}
}

/// What a model declares about one of its tensors: the exact shape and the precision.
#[derive(
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Default,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TensorSpec {
	/// Dimensions, outermost first.
	pub shape: BoundedShape,
	/// Number of decimal digits after the point.
	pub precision: u8,
}

impl TensorSpec {
	/// Number of elements a tensor of this spec has, or `None` on overflow.
	pub fn element_count(&self) -> Option<u64> {
		element_count(&self.shape)
	}

	/// Checks the spec itself: a precision of at most [`MAX_PRECISION`] and a shape whose size
	/// does not overflow.
	pub fn validate(&self) -> Result<(), TensorError> {
		if self.precision > MAX_PRECISION {
			return Err(TensorError::PrecisionTooHigh { precision: self.precision });
		}
		self.element_count().map(|_| ()).ok_or(TensorError::ShapeOverflow)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	type Small = ConstU32<4>;

	fn t() -> Tensor {
		Tensor::new(vec![1, 3], vec![0, -1, i64::MAX], 4)
	}

	#[test]
	fn encoding_is_the_documented_one() {
		let bytes = t().encode();
		let mut expected = vec![2 << 2];
		expected.extend(1u32.to_le_bytes());
		expected.extend(3u32.to_le_bytes());
		expected.push(3 << 2);
		expected.extend(0i64.to_le_bytes());
		expected.extend((-1i64).to_le_bytes());
		expected.extend(i64::MAX.to_le_bytes());
		expected.push(4);
		assert_eq!(bytes, expected);
		assert_eq!(t().canonical_hash(), sp_crypto_hashing::blake2_256(&expected));
	}

	#[test]
	fn bounded_form_encodes_and_hashes_the_same() {
		let b = BoundedTensor::<Small>::try_from(t()).unwrap();
		assert_eq!(b.encode(), t().encode());
		assert_eq!(b.canonical_hash(), t().canonical_hash());
		assert_eq!(BoundedTensor::<Small>::decode(&mut &t().encode()[..]).unwrap(), b);
		assert_eq!(Tensor::from(b.clone()), t());
		assert_eq!(b.spec(), t().spec().unwrap());
		assert_eq!(
			BoundedTensor::<Small>::max_encoded_len(),
			1 + 8 * 4 + 1 + 4 * 8 + 1,
			"compact lengths of 8 and 4 take one byte each"
		);
	}

	#[test]
	fn bounds_are_enforced() {
		let big = Tensor::new(vec![5], vec![0; 5], 0);
		assert_eq!(
			BoundedTensor::<Small>::try_from(big),
			Err(TensorError::TooManyElements { max: 4, actual: 5 })
		);
		let deep = Tensor::new(vec![1; 9], vec![0], 0);
		assert_eq!(
			BoundedTensor::<Small>::try_from(deep.clone()),
			Err(TensorError::TooManyDims { dims: 9 })
		);
		assert_eq!(deep.validate(), Err(TensorError::TooManyDims { dims: 9 }));
		// A decoder refuses an encoding longer than the bound.
		let enc = Tensor::new(vec![5], vec![0; 5], 0).encode();
		assert!(BoundedTensor::<Small>::decode(&mut &enc[..]).is_err());
	}

	#[test]
	fn validation() {
		assert_eq!(t().validate(), Ok(()));
		assert_eq!(Tensor::new(vec![], vec![7], 0).validate(), Ok(()), "a scalar has one element");
		assert_eq!(
			Tensor::new(vec![2, 2], vec![1, 2, 3], 0).validate(),
			Err(TensorError::LengthMismatch { expected: 4, actual: 3 })
		);
		assert_eq!(
			Tensor::new(vec![1], vec![1], 19).validate(),
			Err(TensorError::PrecisionTooHigh { precision: 19 })
		);
		assert_eq!(
			Tensor::new(vec![u32::MAX, u32::MAX, u32::MAX], vec![], 0).validate(),
			Err(TensorError::ShapeOverflow)
		);
		assert_eq!(
			Tensor::new(vec![0, 3], vec![], 0).validate(),
			Ok(()),
			"an empty tensor is well formed; models decide whether they accept it"
		);
	}

	#[test]
	fn not_computable_is_no_real_output() {
		let nc = Tensor::not_computable();
		assert!(nc.is_not_computable());
		assert!(nc.validate().is_err(), "no model output can be it");
		let bounded = BoundedTensor::<Small>::not_computable();
		assert!(bounded.is_not_computable());
		assert_eq!(bounded.encode(), nc.encode());
		assert!(!t().is_not_computable());
		let range = InputRange { min: -2, max: 5 };
		assert!(range.contains_all(&[-2, 0, 5]));
		assert!(!range.contains_all(&[6]));
		assert!(!InputRange { min: 1, max: 0 }.is_valid());
	}

	#[cfg(feature = "serde")]
	#[test]
	fn json_form() {
		let json = serde_json::to_string(&t()).unwrap();
		assert_eq!(json, r#"{"shape":[1,3],"data":[0,-1,9223372036854775807],"precision":4}"#);
		let back: Tensor = serde_json::from_str(&json).unwrap();
		assert_eq!(back, t());
		let bounded: BoundedTensor<Small> = serde_json::from_str(&json).unwrap();
		assert_eq!(Tensor::from(bounded), t());
		assert!(serde_json::from_str::<Tensor>(r#"{"shape":[1],"data":[1],"precision":1,"x":0}"#)
			.is_err());
	}
}
