//! Values of the runtime's own types as arguments of calls built from metadata.

use codec::Encode;
use subxt::ext::{
	scale_decode::visitor::{decode_with_visitor, IgnoreVisitor},
	scale_encode::{EncodeAsType, Error, TypeResolver},
};

/// `value` as an argument of a dynamic call (`subxt::dynamic::tx`), in its SCALE encoding.
///
/// For the types the runtime itself uses (those of `verinfer-primitives`: `Tensor`,
/// `TensorSpec`, `JobPolicy`, `ModelFees`, ...), their encoding is the argument, so no
/// field-by-field restatement of them is needed. The encoding is checked against the type the
/// node's metadata declares for the argument: it must decode as exactly one value of it, or the
/// call is not built (a runtime whose type has changed is caught before anything is signed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale<T>(pub T);

impl<T: Encode> EncodeAsType for Scale<T> {
	fn encode_as_type_to<R: TypeResolver>(
		&self,
		type_id: R::TypeId,
		types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), Error> {
		let bytes = self.0.encode();
		let mut rest = &bytes[..];
		decode_with_visitor(&mut rest, type_id, types, IgnoreVisitor::<R>::default()).map_err(
			|e| Error::custom_string(format!("not a value of the runtime's type here: {e}")),
		)?;
		if !rest.is_empty() {
			return Err(Error::custom_string(format!(
				"{} bytes longer than a value of the runtime's type here",
				rest.len()
			)));
		}
		out.extend_from_slice(&bytes);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use scale_info::{meta_type, PortableRegistry, Registry, TypeInfo};
	use verinfer_primitives::{jobs::JobPolicy, tensor::Tensor};

	/// A registry holding `T`'s type, and its id: what a node's metadata has for an argument.
	fn types_of<T: TypeInfo + 'static>() -> (PortableRegistry, u32) {
		let mut registry = Registry::new();
		let id = registry.register_type(&meta_type::<T>()).id;
		(registry.into(), id)
	}

	#[test]
	fn the_runtime_encoding_is_the_argument_when_it_fits_the_type() {
		let tensor = Tensor::new(vec![1, 4], vec![630, 340, 560, 240], 2);
		let (types, id) = types_of::<Tensor>();
		assert_eq!(Scale(tensor.clone()).encode_as_type(id, &types).unwrap(), tensor.encode());
		let (types, id) = types_of::<JobPolicy>();
		assert!(Scale(tensor).encode_as_type(id, &types).is_err(), "a tensor is no policy");
		let (types, id) = types_of::<u32>();
		let err = Scale(JobPolicy { k: 3, q: 2 }).encode_as_type(id, &types).unwrap_err();
		assert!(err.to_string().contains("4 bytes longer"), "{err}");
	}
}
