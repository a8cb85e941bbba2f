//! The node's JSON-RPC extensions, beside the standard `system_*`, `chain_*`, `state_*`,
//! `author_*` and `chainHead_v1_*` methods that `sc-service` serves.
//!
//! - `system_accountNextIndex`: the next nonce of an account, counting the pool.
//! - `payment_queryInfo`, `payment_queryFeeDetails`: what an extrinsic will cost.
//! - `babe_epochAuthorship`: which slots the node's keys may author in this epoch.
//! - `grandpa_roundState`, `grandpa_proveFinality`, `grandpa_subscribeJustifications`.
//! - `inference_job`, `inference_jobsByRequester`, `inference_jobsByOperator`,
//!   `inference_jobsByAgent`, `inference_models`, `inference_operator`, `inference_quote`
//!   ([`inference`]).
//! - `reputation_score`, `reputation_operator`, `reputation_top` ([`reputation`]).
//!
//! The Verinfer methods, their JSON and their error codes are declared once in the
//! `verinfer-rpc-api` crate and described with examples in `docs/rpc.md`.

pub mod error;
pub mod inference;
pub mod reputation;

use jsonrpsee::RpcModule;
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_consensus_babe::BabeApi;
use sp_keystore::KeystorePtr;
use std::sync::Arc;
use verinfer_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash, Nonce};

/// What the BABE RPC needs.
pub struct BabeDeps {
	/// A handle to the BABE worker for epoch-change queries.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// The keystore that holds the node's BABE keys.
	pub keystore: KeystorePtr,
}

/// What the GRANDPA RPC needs.
pub struct GrandpaDeps<B> {
	/// The voter's view of the current round.
	pub shared_voter_state: SharedVoterState,
	/// The current authority set.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// New justifications as they are produced.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Runs the subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything the RPC extensions need.
pub struct FullDeps<C, P, SC, B> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The chain selection rule (longest chain).
	pub select_chain: SC,
	/// BABE specifics.
	pub babe: BabeDeps,
	/// GRANDPA specifics.
	pub grandpa: GrandpaDeps<B>,
}

/// Instantiates the node's RPC extensions.
pub fn create_full<C, P, SC, B>(
	deps: FullDeps<C, P, SC, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BabeApi<Block>
		+ BlockBuilder<Block>
		+ verinfer_primitives::api::InferenceApi<Block, AccountId, Balance, BlockNumber>
		+ verinfer_primitives::api::ReputationApi<Block, AccountId, Balance, BlockNumber>,
	P: TransactionPool<Block = Block, Hash = <Block as sp_runtime::traits::Block>::Hash> + 'static,
	SC: SelectChain<Block> + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use inference::Inference;
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use reputation::Reputation;
	use verinfer_rpc_api::{InferenceApiServer, ReputationApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, select_chain, babe, grandpa } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Inference::new(client.clone()).into_rpc())?;
	module.merge(Reputation::new(client.clone()).into_rpc())?;
	module.merge(
		Babe::new(client, babe.babe_worker_handle, babe.keystore, select_chain).into_rpc(),
	)?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;

	Ok(module)
}
