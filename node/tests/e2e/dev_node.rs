//! End-to-end: a `--dev` node finalizes blocks, and a signed balance transfer submitted with
//! subxt moves exactly the amount and the fee the chain reports.

use crate::harness::{
	account, decode_event, storage, unique_suffix, within, Api, NodeProcess, RuntimeEvent,
	TestResult, FINALITY_TIMEOUT, READY_TIMEOUT,
};
use std::time::Duration;
use subxt::{config::DefaultExtrinsicParamsBuilder, dynamic, utils::H256, PolkadotConfig};
use subxt_signer::{sr25519::dev, DeriveJunction};
use verinfer_primitives::{AccountId, Balance, Nonce};

/// How long the transfer may take to be included and finalized.
const TX_TIMEOUT: Duration = Duration::from_secs(180);

/// `System::Account` as the runtime stores it.
type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

async fn account_at(api: &Api, block: H256, who: &AccountId) -> TestResult<AccountInfo> {
	let at = api.at_block(block).await?;
	let key: [u8; 32] = who.clone().into();
	// A missing account reads as the storage default (zero balance, nonce 0).
	Ok(storage(&at, "System", "Account", (key,)).await?.unwrap_or_default())
}

async fn scenario(node: &mut NodeProcess) -> TestResult {
	node.start(vec!["--dev".to_string()])?;
	let rpc = node.wait_rpc_ready(READY_TIMEOUT).await?;

	// 1. The dev node produces and finalizes blocks on its own.
	let finalized = node.wait_finalized_at_least(3, FINALITY_TIMEOUT).await?;
	assert!(finalized.number >= 3, "finalized head {finalized:?}");
	let mut hashes = Vec::new();
	for n in 0..=3u64 {
		let hash = rpc.block_hash(n).await?.ok_or_else(|| format!("no block #{n}"))?;
		assert!(!hashes.contains(&hash), "block #{n} repeats hash {hash}");
		hashes.push(hash);
	}
	eprintln!("[dev] finalized #{} {}", finalized.number, finalized.hash);

	// 2. A signed transfer from //Bob to a fresh account. //Bob rather than //Alice: Alice
	//    authors every dev block, so whatever share of fees and tips the runtime gives to the
	//    author would blur the sender's balance change.
	let api = node.subxt_client().await?;
	let sender = dev::bob();
	let sender_id = account(&sender);
	let receiver =
		dev::bob().derive([DeriveJunction::hard(format!("verinfer-e2e-{}", unique_suffix()))]);
	let receiver_id = account(&receiver);

	let existential_deposit = api
		.at_current_block()
		.await?
		.constants()
		.entry(dynamic::constant::<u128>("Balances", "ExistentialDeposit"))?;
	let amount: u128 = (existential_deposit * 10).max(1_234_567_890_123);
	let tip: u128 = 1_000_000;

	let call = dynamic::tx(
		"Balances",
		"transfer_keep_alive",
		(receiver.public_key().to_address::<()>(), amount),
	);
	let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().tip(tip).build();
	let mut txs = api.tx().await?;
	let progress = within(
		TX_TIMEOUT,
		"submit transfer",
		txs.sign_and_submit_then_watch(&call, &sender, params),
	)
	.await?;
	let in_block = within(TX_TIMEOUT, "transfer finalized", progress.wait_for_finalized()).await?;
	let block_hash = in_block.block_hash();
	let events = within(TX_TIMEOUT, "transfer events", in_block.wait_for_success()).await?;
	eprintln!("[dev] transfer {:?} finalized in block {block_hash:?}", in_block.extrinsic_hash());

	// 3. The events of the extrinsic: exactly one fee payment by the sender, one transfer.
	let mut fees = Vec::new();
	let mut transfers = Vec::new();
	for event in events.iter() {
		match decode_event::<RuntimeEvent>(&event?)? {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
			) => fees.push((who, actual_fee, tip)),
			RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount }) => {
				transfers.push((from, to, amount))
			}
			_ => {}
		}
	}
	assert_eq!(fees.len(), 1, "TransactionFeePaid events of the extrinsic: {fees:?}");
	assert_eq!(transfers.len(), 1, "Transfer events of the extrinsic: {transfers:?}");
	// `actual_fee` is the whole fee taken from `who`, the tip included (`tip` says how much of
	// it was tip).
	let (fee_who, actual_fee, fee_tip) = fees[0].clone();
	let (from, to, transferred) = transfers[0].clone();
	assert_eq!(fee_who, sender_id, "fee payer");
	assert_eq!(fee_tip, tip, "tip reported by the chain");
	assert!(
		actual_fee > fee_tip,
		"a signed transfer pays an inclusion fee on top of the tip: {:?}",
		fees[0]
	);
	assert_eq!(from, sender_id);
	assert_eq!(to, receiver_id);
	assert_eq!(transferred, amount);

	// 4. Balances right before (parent block) and right after (inclusion block).
	let parent_hash = api.at_block(block_hash).await?.block_header().await?.parent_hash;
	let sender_before = account_at(&api, parent_hash, &sender_id).await?;
	let sender_after = account_at(&api, block_hash, &sender_id).await?;
	let receiver_before = account_at(&api, parent_hash, &receiver_id).await?;
	let receiver_after = account_at(&api, block_hash, &receiver_id).await?;
	eprintln!(
		"[dev] amount {amount}, fee {actual_fee} (tip {fee_tip}); sender {} -> {}, receiver {} -> {}",
		sender_before.data.free,
		sender_after.data.free,
		receiver_before.data.free,
		receiver_after.data.free
	);

	assert_eq!(receiver_before.data.free, 0, "the receiver is a fresh account");
	assert_eq!(
		receiver_after.data.free - receiver_before.data.free,
		amount,
		"receiver gains exactly the amount"
	);
	// The event's `actual_fee` already contains the tip, so it is not added a second time.
	assert_eq!(
		sender_before.data.free - sender_after.data.free,
		amount + actual_fee,
		"sender pays exactly the amount plus the fee reported in TransactionFeePaid (tip included)"
	);
	assert_eq!(sender_after.nonce, sender_before.nonce + 1, "sender nonce advances by one");

	// 5. The inclusion block is final on the node.
	let finalized = node.finalized().await?;
	let inclusion_number = api.at_block(block_hash).await?.block_number();
	assert!(
		finalized.number >= inclusion_number,
		"block #{inclusion_number} not final: {finalized:?}"
	);
	assert_eq!(
		rpc.block_hash(inclusion_number).await?.as_deref(),
		Some(format!("{block_hash:#x}").as_str()),
		"the inclusion block is on the finalized chain"
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_node_finalizes_and_transfer_moves_amount_and_fee() {
	let mut node = NodeProcess::new("dev").expect("create the node's temp folder");
	if let Err(e) = scenario(&mut node).await {
		// Panicking with the node still alive prints its log tail when it is dropped.
		panic!("dev node scenario failed: {e}");
	}
}
