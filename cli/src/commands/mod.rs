//! The commands, grouped as on the command line.

pub mod agent;
pub mod job;
pub mod model;
pub mod operator;
pub mod reputation;

use crate::{
	chain::{Chain, TxOutcome},
	keys,
	output::{self, Progress},
};
use anyhow::{anyhow, Result};
use serde_json::Value as Json;
use subxt::ext::scale_encode::EncodeAsFields;
use subxt_signer::sr25519::Keypair;
use verinfer_primitives::{chain::parse_hex32, AccountId};

/// What every command works with.
pub struct Ctx {
	/// The node.
	pub chain: Chain,
	/// The signing key, if one was given.
	pub signer: Option<Keypair>,
	/// `--json`.
	pub json: bool,
	/// Progress on stderr.
	pub progress: Progress,
}

impl Ctx {
	/// The signing key, or an error saying how to give one.
	pub fn signer(&self) -> Result<&Keypair> {
		self.signer.as_ref().ok_or_else(|| {
			anyhow!(
				"this command signs a transaction: give the signing account with --suri (e.g. \
				 --suri //Alice) or --key-file FILE"
			)
		})
	}

	/// The signer's account, if a signer was given.
	pub fn me(&self) -> Option<AccountId> {
		self.signer.as_ref().map(keys::account_of)
	}

	/// `account` parsed, or the signer's account when it is `None`.
	pub fn account_or_me(&self, account: Option<&str>, what: &str) -> Result<AccountId> {
		match account {
			Some(a) => keys::parse_account(a),
			None => self.me().ok_or_else(|| {
				anyhow!("give the {what} account, or a signer with --suri / --key-file")
			}),
		}
	}

	/// Signs and submits `pallet.call(args)`, waiting for finality.
	pub async fn submit<A: EncodeAsFields>(
		&self,
		pallet: &str,
		call: &str,
		args: A,
	) -> Result<TxOutcome> {
		self.chain.submit(self.signer()?, pallet, call, args, &self.progress).await
	}

	/// Prints a transaction's outcome.
	pub fn print_tx(&self, tx: &TxOutcome) {
		if self.json {
			output::print_json(tx);
			return;
		}
		println!("{} finalized in block #{} ({:?})", tx.call, tx.block_number, tx.block_hash);
		for e in &tx.events {
			if matches!(
				(e.pallet.as_str(), e.name.as_str()),
				("System", _)
					| ("TransactionPayment", _)
					| ("Balances", "Withdraw" | "Deposit" | "BurnedDebt" | "Rescinded")
			) {
				continue;
			}
			println!("  {}.{} {}", e.pallet, e.name, e.fields);
		}
	}
}

/// `0x` hex account ids (as events carry them) as SS58 addresses; anything else unchanged.
pub fn ss58(v: &Json) -> String {
	match v.as_str() {
		Some(s) => parse_hex32(s).map_or_else(|_| s.to_string(), |b| AccountId::from(b).to_string()),
		None => v.to_string(),
	}
}
