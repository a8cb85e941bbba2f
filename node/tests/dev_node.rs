//! End-to-end: a `--dev` node finalizes blocks, and a signed balance transfer submitted with
//! subxt moves exactly the amount and the fee the chain reports.

mod common;

use common::{within, NodeProcess, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT};
use std::time::Duration;
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	dynamic,
	ext::scale_decode::DecodeAsType,
	utils::{AccountId32, H256},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::dev, DeriveJunction};

/// How long the transfer may take to be included and finalized.
const TX_TIMEOUT: Duration = Duration::from_secs(180);

/// The fields of `System::Account` this test reads.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct AccountInfo {
	nonce: u64,
	data: AccountData,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct AccountData {
	free: u128,
}

/// `TransactionPayment::TransactionFeePaid`. `actual_fee` is the whole fee taken from `who`,
/// the tip included (`tip` says how much of it was tip).
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct TransactionFeePaid {
	who: AccountId32,
	actual_fee: u128,
	tip: u128,
}

/// `Balances::Transfer`.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct Transfer {
	from: AccountId32,
	to: AccountId32,
	amount: u128,
}

async fn account_at(
	api: &OnlineClient<PolkadotConfig>,
	block: H256,
	who: &AccountId32,
) -> TestResult<AccountInfo> {
	let at = api.at_block(block).await?;
	let address = dynamic::storage::<(AccountId32,), AccountInfo>("System", "Account");
	// A missing account reads as the storage default (zero balance, nonce 0).
	let value = at.storage().fetch(address, (*who,)).await?;
	Ok(value.decode()?)
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
	let sender_id = sender.public_key().to_account_id();
	let receiver = dev::bob()
		.derive([DeriveJunction::hard(format!("verinfer-e2e-{}", common::unique_suffix()))]);
	let receiver_id = receiver.public_key().to_account_id();

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
		let event = event?;
		match (event.pallet_name(), event.event_name()) {
			("TransactionPayment", "TransactionFeePaid") => {
				fees.push(event.decode_fields_unchecked_as::<TransactionFeePaid>()?)
			}
			("Balances", "Transfer") => {
				transfers.push(event.decode_fields_unchecked_as::<Transfer>()?)
			}
			_ => {}
		}
	}
	assert_eq!(fees.len(), 1, "TransactionFeePaid events of the extrinsic: {fees:?}");
	assert_eq!(transfers.len(), 1, "Transfer events of the extrinsic: {transfers:?}");
	let fee = &fees[0];
	let transfer = &transfers[0];
	assert_eq!(fee.who, sender_id, "fee payer");
	assert_eq!(fee.tip, tip, "tip reported by the chain");
	assert!(
		fee.actual_fee > fee.tip,
		"a signed transfer pays an inclusion fee on top of the tip: {fee:?}"
	);
	assert_eq!(transfer.from, sender_id);
	assert_eq!(transfer.to, receiver_id);
	assert_eq!(transfer.amount, amount);

	// 4. Balances right before (parent block) and right after (inclusion block).
	let parent_hash = api.at_block(block_hash).await?.block_header().await?.parent_hash;
	let sender_before = account_at(&api, parent_hash, &sender_id).await?;
	let sender_after = account_at(&api, block_hash, &sender_id).await?;
	let receiver_before = account_at(&api, parent_hash, &receiver_id).await?;
	let receiver_after = account_at(&api, block_hash, &receiver_id).await?;
	eprintln!(
		"[dev] amount {amount}, fee {} (tip {}); sender {} -> {}, receiver {} -> {}",
		fee.actual_fee,
		fee.tip,
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
		amount + fee.actual_fee,
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
