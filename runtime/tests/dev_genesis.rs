//! The `development` and `local_testnet` presets are ready for jobs: the bundled models are
//! registered exactly as the files in `models/` are, and the demo operators are bonded, serving
//! and online with the `infr` keys their public seeds give.

use serde_json::Value;
use sp_core::{crypto::Pair, sr25519};
use sp_runtime::BuildStorage;
use verinfer_primitives::{tensor::TensorSpec, ModelId};
use verinfer_runtime::{
	genesis_config_presets::{
		get_preset, BUNDLED_MODELS, DEMO_OPERATORS, DEMO_OPERATOR_BOND,
		DEMO_OPERATOR_FEE, DEMO_ROYALTY,
	},
	Runtime, RuntimeGenesisConfig,
};

/// Applies a genesis patch to a base JSON value, as the chain spec builder does.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn preset_ext(id: &str) -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(&get_preset(&id.into()).expect("preset exists"))
		.expect("preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("preset decodes");
	sp_io::TestExternalities::new(config.build_storage().expect("preset builds"))
}

fn models_dir() -> std::path::PathBuf {
	std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

fn spec_of(json: &Value) -> (Vec<u32>, u8) {
	let shape = json["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap() as u32);
	(shape.collect(), json["precision"].as_u64().unwrap() as u8)
}

#[test]
fn bundled_models_match_the_files_and_sidecars() {
	for model in BUNDLED_MODELS.iter() {
		let bytes = std::fs::read(models_dir().join(format!("{}.onnx", model.name))).unwrap();
		let hash = sp_io::hashing::blake2_256(&bytes);
		assert_eq!(hash, model.id, "{} id", model.name);

		let sidecar: Value = serde_json::from_slice(
			&std::fs::read(models_dir().join(format!("{}.json", model.name))).unwrap(),
		)
		.unwrap();
		assert_eq!(sidecar["id"], format!("0x{}", hex_string(&model.id)));
		assert_eq!(sidecar["name"], model.name);
		let (shape, precision) = spec_of(&sidecar["input"]);
		assert_eq!((shape.as_slice(), precision), model.input, "{} input", model.name);
		let (shape, precision) = spec_of(&sidecar["output"]);
		assert_eq!((shape.as_slice(), precision), model.output, "{} output", model.name);
		assert_eq!(sidecar["tolerance"].as_u64(), Some(model.tolerance));
	}
}

fn hex_string(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn demo_operator_keys_derive_from_their_public_seeds() {
	for (account, key) in DEMO_OPERATORS.iter() {
		let seed = format!("//{account:?}//infr");
		let pair = sr25519::Pair::from_string(&seed, None).unwrap();
		assert_eq!(pair.public().0, *key, "{seed}");
	}
}

#[test]
fn dev_and_local_presets_are_ready_for_jobs() {
	for preset in ["development", "local_testnet"] {
		preset_ext(preset).execute_with(|| {
			let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			let ids: Vec<ModelId> = BUNDLED_MODELS
				.iter()
				.map(|m| ModelId::from(m.id))
				.collect();
			for (id, bundled) in ids.iter().zip(BUNDLED_MODELS.iter()) {
				let model = pallet_jobs::Models::<Runtime>::get(id).expect("model registered");
				assert_eq!(model.owner, alice);
				assert_eq!(model.name.to_vec(), bundled.name.as_bytes());
				assert_eq!(model.status, pallet_jobs::ModelStatus::Active);
				assert_eq!(model.fees.operator_fee, DEMO_OPERATOR_FEE);
				assert_eq!(model.fees.royalty, DEMO_ROYALTY);
				assert_eq!((model.policy.k, model.policy.q), (3, 2));
				assert_eq!(model.tolerance, bundled.tolerance);
				let TensorSpec { shape, precision } = model.input;
				assert_eq!((shape.as_slice(), precision), bundled.input);
			}
			for (keyring, key) in DEMO_OPERATORS.iter() {
				let who = keyring.to_account_id();
				let info = pallet_operators::Operators::<Runtime>::get(&who).expect("operator");
				assert_eq!(info.status, pallet_operators::OperatorStatus::Online, "{keyring:?}");
				assert_eq!(info.ledger.active, DEMO_OPERATOR_BOND);
				assert_eq!(info.models.to_vec(), ids);
				// The keys sign unsigned steps: their accounts need nothing.
				let key_account = verinfer_runtime::AccountId::from(*key);
				assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&key_account), 0);
				assert_eq!(
					pallet_operators::OperatorByKey::<Runtime>::get(&info.key),
					Some(who.clone())
				);
			}
			for id in &ids {
				assert_eq!(pallet_operators::ModelOperators::<Runtime>::get(id).len(), 3);
			}
		});
	}
}
