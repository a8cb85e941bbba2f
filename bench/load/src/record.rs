//! What the chain did, block by block: every finalized block's extrinsics (call, signer,
//! length, outcome), its events in the runtime's own types, and how full it was
//! (`System::BlockWeight` per dispatch class, and the length of its extrinsics).
//!
//! A [`Recorder`] fetches the blocks in the background as the chain finalizes them, so the
//! drivers can ask it how many transactions of an account the chain has taken so far.

use std::{
	collections::{BTreeMap, HashMap},
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc, Mutex,
	},
	time::Duration,
};
use subxt::{events::Phase, metadata::Metadata};
use verinfer_primitives::AccountId;
use verinfer_runtime::RuntimeEvent;
use verinfer_test_utils::{
	chain::{at, decode_event, finalized_number, storage, Api},
	TestResult,
};

/// A dispatch class's share of a block: compute (`ref_time`, picoseconds) and proof size
/// (bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Use {
	/// Compute, in picoseconds of reference hardware.
	pub ref_time: u64,
	/// Proof size, in bytes.
	pub proof_size: u64,
}

/// The three dispatch classes, in this order everywhere: normal, operational, mandatory.
pub const CLASSES: [&str; 3] = ["normal", "operational", "mandatory"];

/// What a block may hold, from the runtime's constants `System::BlockWeights` and
/// `System::BlockLength`.
#[derive(Clone, Debug)]
pub struct Limits {
	/// Each class's most weight (`max_total`; the whole block's for a class without one).
	pub weight: [Use; 3],
	/// The whole block's weight.
	pub block_weight: Use,
	/// Each class's most extrinsic bytes.
	pub length: [u64; 3],
}

impl Limits {
	/// The limits in `metadata`'s constants.
	pub fn from_metadata(metadata: &Metadata) -> TestResult<Self> {
		let system =
			metadata.pallet_by_name("System").ok_or("the metadata has no System pallet")?;
		let constant = |name: &str| -> TestResult<Vec<u8>> {
			Ok(system
				.constant_by_name(name)
				.ok_or_else(|| format!("the metadata has no System::{name}"))?
				.value()
				.to_vec())
		};
		let weights: frame_system::limits::BlockWeights =
			codec::Decode::decode(&mut &constant("BlockWeights")?[..])?;
		let length: frame_system::limits::BlockLength =
			codec::Decode::decode(&mut &constant("BlockLength")?[..])?;
		let whole = Use {
			ref_time: weights.max_block.ref_time(),
			proof_size: weights.max_block.proof_size(),
		};
		let classes = dispatch_classes();
		Ok(Limits {
			weight: classes.map(|class| {
				let max = weights.get(class).max_total.unwrap_or(weights.max_block);
				Use { ref_time: max.ref_time(), proof_size: max.proof_size() }
			}),
			block_weight: whole,
			length: classes.map(|class| *length.max.get(class) as u64),
		})
	}
}

fn dispatch_classes() -> [frame_support::dispatch::DispatchClass; 3] {
	use frame_support::dispatch::DispatchClass::*;
	[Normal, Operational, Mandatory]
}

/// One extrinsic of a block.
#[derive(Clone, Debug)]
pub struct Extrinsic {
	/// `Pallet.call`.
	pub call: String,
	/// Its signer, for a signed one.
	pub signer: Option<AccountId>,
	/// Its encoded length.
	pub len: u64,
	/// The error it failed with (`Pallet::Error`), if it failed.
	pub error: Option<String>,
	/// The weight it used (its `ExtrinsicSuccess` or `ExtrinsicFailed` event's, after refunds).
	pub weight: Use,
}

/// One finalized block.
#[derive(Clone, Debug)]
pub struct Block {
	/// Its number.
	pub number: u64,
	/// Its hash.
	pub hash: subxt::utils::H256,
	/// Its extrinsics in order.
	pub extrinsics: Vec<Extrinsic>,
	/// Its events with the index of the extrinsic that emitted them (`None`: block
	/// initialization or finalization).
	pub events: Vec<(Option<u32>, RuntimeEvent)>,
	/// `System::BlockWeight` at its end, per class.
	pub weight: [Use; 3],
	/// The length of its extrinsics, in bytes.
	pub length: u64,
	/// The longest extrinsic of each call in it, encoded: what the declared weights are asked
	/// for (the longest carries the most work, e.g. the most steps of a `submit_steps`).
	pub samples: BTreeMap<String, Vec<u8>>,
}

impl Block {
	/// How many extrinsics of this block are `call` (`Pallet.call`) and succeeded.
	pub fn succeeded(&self, call: &str) -> usize {
		self.extrinsics.iter().filter(|x| x.call == call && x.error.is_none()).count()
	}

	/// The extrinsics of this block that are `call` and failed, by error.
	pub fn failed<'a>(&'a self, call: &'a str) -> impl Iterator<Item = &'a str> + 'a {
		self.extrinsics.iter().filter(move |x| x.call == call).filter_map(|x| x.error.as_deref())
	}

	/// Its events without their phase.
	pub fn runtime_events(&self) -> impl Iterator<Item = &RuntimeEvent> {
		self.events.iter().map(|(_, e)| e)
	}
}

/// The name of a dispatch error: `Pallet::Error` for a pallet's error (looked up in the
/// metadata), `Token::FundsUnavailable` and the like otherwise.
pub fn error_name(metadata: &Metadata, error: &sp_runtime::DispatchError) -> String {
	use sp_runtime::DispatchError::*;
	match error {
		Module(module) => metadata
			.pallet_by_error_index(module.index)
			.and_then(|pallet| {
				let variant = pallet.error_variant_by_index(module.error[0])?;
				Some(format!("{}::{}", pallet.name(), variant.name))
			})
			.unwrap_or_else(|| format!("Module({}, {:?})", module.index, module.error)),
		Token(e) => format!("Token::{e:?}"),
		Arithmetic(e) => format!("Arithmetic::{e:?}"),
		Transactional(e) => format!("Transactional::{e:?}"),
		other => format!("{other:?}"),
	}
}

/// Fetches block `number` (finalized) with its extrinsics, events and weight.
pub async fn fetch_block(api: &Api, metadata: &Metadata, number: u64) -> TestResult<Block> {
	let at = at(api, number).await?;
	let mut extrinsics = Vec::new();
	let mut samples = BTreeMap::new();
	let mut length = 0;
	for x in at.extrinsics().fetch().await?.iter() {
		let x = x?;
		let signer = x
			.address_bytes()
			.filter(|a| a.len() == 33 && a[0] == 0)
			.and_then(|a| <[u8; 32]>::try_from(&a[1..]).ok())
			.map(AccountId::from);
		let len = x.bytes().len() as u64;
		length += len;
		let call = format!("{}.{}", x.pallet_name(), x.call_name());
		let sample = samples.entry(call.clone()).or_insert_with(Vec::new);
		if x.bytes().len() > sample.len() {
			*sample = x.bytes().to_vec();
		}
		extrinsics.push(Extrinsic { call, signer, len, error: None, weight: Use::default() });
	}
	let mut events = Vec::new();
	for event in at.events().fetch().await?.iter() {
		let event = event?;
		let index = match event.phase() {
			Phase::ApplyExtrinsic(i) => Some(i),
			_ => None,
		};
		let decoded: RuntimeEvent = decode_event(&event)?;
		if let Some(x) = index.and_then(|i| extrinsics.get_mut(i as usize)) {
			use frame_system::Event::{ExtrinsicFailed, ExtrinsicSuccess};
			match &decoded {
				RuntimeEvent::System(ExtrinsicSuccess { dispatch_info }) => {
					x.weight = Use {
						ref_time: dispatch_info.weight.ref_time(),
						proof_size: dispatch_info.weight.proof_size(),
					};
				}
				RuntimeEvent::System(ExtrinsicFailed { dispatch_error, dispatch_info }) => {
					x.error = Some(error_name(metadata, dispatch_error));
					x.weight = Use {
						ref_time: dispatch_info.weight.ref_time(),
						proof_size: dispatch_info.weight.proof_size(),
					};
				}
				_ => {}
			}
		}
		events.push((index, decoded));
	}
	let consumed: frame_system::ConsumedWeight =
		storage(&at, "System", "BlockWeight", ()).await?.unwrap_or_default();
	let weight = dispatch_classes().map(|class| {
		let w = consumed.get(class);
		Use { ref_time: w.ref_time(), proof_size: w.proof_size() }
	});
	Ok(Block { number, hash: at.block_hash(), extrinsics, events, weight, length, samples })
}

#[derive(Default)]
struct Shared {
	blocks: Vec<Arc<Block>>,
	/// Signed extrinsics finalized per signer (their nonces used up).
	included: HashMap<AccountId, u64>,
	last_error: Option<String>,
}

/// Fetches every block the chain finalizes from a starting block on, in the background, until
/// [`Recorder::stop`]. Clones share the blocks.
#[derive(Clone)]
pub struct Recorder {
	shared: Arc<Mutex<Shared>>,
	stop: Arc<AtomicBool>,
	/// The runtime's block limits.
	pub limits: Limits,
	/// The metadata the errors are named from.
	pub metadata: Arc<Metadata>,
}

impl Recorder {
	/// Starts recording at block `from`.
	pub async fn start(api: &Api, from: u64) -> TestResult<Self> {
		let metadata = api.at_current_block().await?.metadata();
		let limits = Limits::from_metadata(&metadata)?;
		let shared = Arc::new(Mutex::new(Shared::default()));
		let stop = Arc::new(AtomicBool::new(false));
		tokio::spawn(record(api.clone(), metadata.clone(), from, shared.clone(), stop.clone()));
		Ok(Recorder { shared, stop, limits, metadata })
	}

	/// The blocks fetched so far.
	pub fn blocks(&self) -> Vec<Arc<Block>> {
		self.shared.lock().expect("recorder lock").blocks.clone()
	}

	/// The blocks fetched so far from `from` on.
	pub fn blocks_from(&self, from: u64) -> Vec<Arc<Block>> {
		let shared = self.shared.lock().expect("recorder lock");
		shared.blocks.iter().filter(|b| b.number >= from).cloned().collect()
	}

	/// The last block fetched.
	pub fn head(&self) -> Option<u64> {
		self.shared.lock().expect("recorder lock").blocks.last().map(|b| b.number)
	}

	/// How many signed extrinsics of `who` the fetched blocks hold.
	pub fn included(&self, who: &AccountId) -> u64 {
		self.shared.lock().expect("recorder lock").included.get(who).copied().unwrap_or(0)
	}

	/// The last error of the background fetch, if the last attempt failed.
	pub fn last_error(&self) -> Option<String> {
		self.shared.lock().expect("recorder lock").last_error.clone()
	}

	/// Waits until block `number` is fetched; fails after `timeout`.
	pub async fn wait_for(&self, number: u64, timeout: Duration) -> TestResult {
		let deadline = tokio::time::Instant::now() + timeout;
		while self.head().is_none_or(|h| h < number) {
			if tokio::time::Instant::now() > deadline {
				return Err(format!(
					"block #{number} was not finalized within {timeout:?} (last fetched: {:?}, last error: {:?})",
					self.head(),
					self.last_error()
				)
				.into());
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		Ok(())
	}

	/// Stops the background fetch (of every clone).
	pub fn stop(&self) {
		self.stop.store(true, Ordering::Relaxed);
	}
}

async fn record(
	api: Api,
	metadata: Arc<Metadata>,
	from: u64,
	shared: Arc<Mutex<Shared>>,
	stop: Arc<AtomicBool>,
) {
	let mut next = from;
	while !stop.load(Ordering::Relaxed) {
		let fetched = async {
			let head = finalized_number(&api).await?;
			while next <= head && !stop.load(Ordering::Relaxed) {
				let block = fetch_block(&api, &metadata, next).await?;
				let mut shared = shared.lock().expect("recorder lock");
				for signer in block.extrinsics.iter().filter_map(|x| x.signer.as_ref()) {
					*shared.included.entry(signer.clone()).or_default() += 1;
				}
				shared.blocks.push(Arc::new(block));
				shared.last_error = None;
				next += 1;
			}
			Ok::<_, verinfer_test_utils::BoxError>(())
		}
		.await;
		if let Err(e) = fetched {
			shared.lock().expect("recorder lock").last_error = Some(e.to_string());
		}
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
}
