//! End-to-end: the `local` chain run by four validator processes on loopback (Alice, Bob,
//! Charlie, Dave) finalizes; with one validator killed the other three keep finalizing; the
//! killed validator, restarted on its base path, keeps its blocks and catches up.

use crate::harness::{
	assert_same_block, named_rpcs, NodeProcess, TestResult, FINALITY_TIMEOUT, READY_TIMEOUT,
};

const CHAIN: &str = "local";
const VALIDATORS: [&str; 4] = ["Alice", "Bob", "Charlie", "Dave"];
/// The validator that is killed and restarted (not the first one, only to vary from the
/// usual; every node has every other node as a bootnode).
const VICTIM: usize = 3;
/// How many blocks the network must finalize beyond a reference point to count as "keeps
/// finalizing".
const MORE_BLOCKS: u64 = 5;

/// Key files in the node's keystore(s) under `base/chains/*/keystore`.
fn keystore_entries(node: &NodeProcess) -> TestResult<usize> {
	let chains = node.base_path().join("chains");
	let mut count = 0;
	for chain in std::fs::read_dir(&chains)? {
		let keystore = chain?.path().join("keystore");
		if keystore.is_dir() {
			count += std::fs::read_dir(&keystore)?.count();
		}
	}
	Ok(count)
}

async fn scenario(nodes: &mut [NodeProcess]) -> TestResult {
	// 1. Session keys (BABE sr25519, GRANDPA ed25519) and a network key for every validator,
	//    made with the node's own `key` subcommands before anything starts.
	let mut identities = Vec::new();
	for (node, name) in nodes.iter().zip(VALIDATORS) {
		let suri = format!("//{name}");
		node.insert_key(CHAIN, "sr25519", &suri, "babe")?;
		node.insert_key(CHAIN, "ed25519", &suri, "gran")?;
		assert_eq!(keystore_entries(node)?, 2, "{name}'s keystore holds its babe and gran keys");
		let (secret, peer_id) = node.generate_node_key(CHAIN)?;
		eprintln!("[local] {name}: peer id {peer_id}");
		identities.push((secret, peer_id));
	}
	let peer_ids: Vec<&String> = identities.iter().map(|(_, p)| p).collect();
	for (i, p) in peer_ids.iter().enumerate() {
		assert!(!peer_ids[..i].contains(p), "peer ids must differ: {peer_ids:?}");
	}

	// 2. Start all four; each knows the three others as bootnodes.
	let addresses: Vec<String> =
		nodes.iter().zip(&identities).map(|(n, (_, peer))| n.p2p_address(peer)).collect();
	for i in 0..nodes.len() {
		let mut args: Vec<String> =
			vec!["--chain".into(), CHAIN.into(), "--validator".into(), "--node-key".into()];
		args.push(identities[i].0.clone());
		for (j, address) in addresses.iter().enumerate() {
			if j != i {
				args.push("--bootnodes".into());
				args.push(address.clone());
			}
		}
		nodes[i].start(args)?;
	}
	for node in nodes.iter_mut() {
		node.wait_rpc_ready(READY_TIMEOUT).await?;
	}

	// 3. All four finalize, and they agree on what they finalized.
	let mut lowest = u64::MAX;
	for node in nodes.iter_mut() {
		let head = node.wait_finalized_at_least(3, FINALITY_TIMEOUT).await?;
		eprintln!("[local] {} finalized #{}", node.name(), head.number);
		lowest = lowest.min(head.number);
	}
	let all: Vec<&NodeProcess> = nodes.iter().collect();
	assert_same_block(&named_rpcs(&all)?, lowest).await?;
	for node in nodes.iter() {
		eprintln!("[local] {} has {} peers", node.name(), node.rpc()?.peers().await?);
	}

	// 4. Kill one validator. What it had finalized is recorded first.
	let victim_name = nodes[VICTIM].name().to_string();
	let before_kill = nodes[VICTIM].finalized().await?;
	nodes[VICTIM].kill();
	eprintln!(
		"[local] killed {victim_name} at its finalized #{} {}",
		before_kill.number, before_kill.hash
	);

	// 5. The other three keep finalizing: several blocks beyond the highest finalized head at
	//    the time of the kill, and on the same chain that contains the victim's last final block.
	let survivors: Vec<usize> = (0..nodes.len()).filter(|&i| i != VICTIM).collect();
	let mut at_kill = 0;
	for &i in &survivors {
		at_kill = at_kill.max(nodes[i].finalized().await?.number);
	}
	let goal = at_kill + MORE_BLOCKS;
	let mut lowest = u64::MAX;
	for &i in &survivors {
		let head = nodes[i].wait_finalized_at_least(goal, FINALITY_TIMEOUT).await?;
		eprintln!("[local] {} finalized #{} without {victim_name}", nodes[i].name(), head.number);
		lowest = lowest.min(head.number);
	}
	let survivor_nodes: Vec<&NodeProcess> = survivors.iter().map(|&i| &nodes[i]).collect();
	let survivor_rpcs = named_rpcs(&survivor_nodes)?;
	assert_same_block(&survivor_rpcs, lowest).await?;
	let kept = assert_same_block(&survivor_rpcs, before_kill.number).await?;
	assert_eq!(
		kept, before_kill.hash,
		"the survivors' chain contains what {victim_name} had finalized"
	);

	// 6. Restart the victim on the same base path (same keys, same network key).
	nodes[VICTIM].restart()?;
	let victim_rpc = nodes[VICTIM].wait_rpc_ready(READY_TIMEOUT).await?;
	let right_after_restart = victim_rpc.finalized().await?;
	eprintln!(
		"[local] restarted {victim_name}: finalized #{} at start",
		right_after_restart.number
	);
	assert!(
		right_after_restart.number >= before_kill.number,
		"{victim_name} restarted from its database (finalized #{} at start, #{} before the kill)",
		right_after_restart.number,
		before_kill.number
	);

	// 7. It catches up with the others' finalized head at the time of the restart ...
	let mut target = 0;
	for &i in &survivors {
		target = target.max(nodes[i].finalized().await?.number);
	}
	let caught_up = nodes[VICTIM].wait_finalized_at_least(target, FINALITY_TIMEOUT).await?;
	eprintln!(
		"[local] {victim_name} caught up: finalized #{} (target #{target})",
		caught_up.number
	);
	let all: Vec<&NodeProcess> = nodes.iter().collect();
	assert_same_block(&named_rpcs(&all)?, target).await?;

	// ... and the block it had finalized before the kill is still there, unchanged.
	let still_there = nodes[VICTIM].rpc()?.block_hash(before_kill.number).await?;
	assert_eq!(
		still_there.as_deref(),
		Some(before_kill.hash.as_str()),
		"{victim_name}'s block #{} after the restart",
		before_kill.number
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_network_finalizes_survives_a_lost_validator_and_the_validator_catches_up() {
	let mut nodes: Vec<NodeProcess> = VALIDATORS
		.iter()
		.map(|name| NodeProcess::new(name).expect("create the node's temp folder"))
		.collect();
	if let Err(e) = scenario(&mut nodes).await {
		// Panicking with the nodes still alive prints their log tails when they are dropped.
		panic!("local network scenario failed: {e}");
	}
}
