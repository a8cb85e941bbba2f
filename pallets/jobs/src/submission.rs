//! Submitting a job and drawing its operators: the checks of [`Pallet::submit_job`], the draw at
//! the end of the block, and the agents that tag jobs. See the crate docs, *Lifecycle*,
//! *Assignment* and *Agents*.

use crate::{
	asset, assignment, Agents, AgentInfo, AgentJobCount, AgentJobs, AgentTag, Assignment,
	BalanceOf, Config, Error, Event, FeesInterface, InputOf, Inputs, JobId, JobInfo, JobPhase,
	JobPolicy, Jobs, ModelId, ModelOf, ModelStatus, Models, NextJobId, OpenJobs,
	OperatorJobCount, OperatorJobs, OperatorOpenJobs, OperatorsInterface, Pallet, PendingDraw,
	PendingDraws, PendingModels, ReputationInterface, RequesterJobCount, RequesterJobs, WeightInfo,
	ASSIGNMENT_CONTEXT,
};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Encode, MaxEncodedLen};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, Weight},
	traits::{Get, Randomness},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};
use verinfer_primitives::{tensor::Tensor, Payout};


impl<T: Config> Pallet<T> {
	/// What `submit_job` is charged: the call on an input of `input_len` elements, and the draw
	/// of `k` operators among `candidates` at the end of the block, including reading the
	/// candidates if `reads_pool` (the first submission of its model in the block).
	pub fn submit_weight(input_len: u32, candidates: u32, k: u32, reads_pool: bool) -> Weight {
		let input_len = input_len.min(T::MaxInputLen::get());
		let k = k.min(T::MaxReplicas::get());
		let candidates = candidates.min(T::MaxCandidates::get());
		let pool = if reads_pool { T::WeightInfo::read_pool(candidates) } else { Weight::zero() };
		T::WeightInfo::submit_job(input_len, k)
			.saturating_add(T::WeightInfo::draw(candidates, k))
			.saturating_add(pool)
	}

	/// Submit a job; see [`Pallet::submit_job`]. Not transactional by itself: call it from a
	/// transactional context.
	pub fn do_submit(
		requester: T::AccountId,
		model_id: ModelId,
		input: Tensor,
		max_fee: BalanceOf<T>,
		policy: Option<JobPolicy>,
		agent: Option<AgentTag>,
	) -> Result<Submitted, DispatchError> {
		let model = Models::<T>::get(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(model.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		let policy = Self::policy_for(&model, policy)?;
		let input = Self::checked_input(&model, input)?;
		if let Some(tag) = agent {
			Self::ensure_acts_for(&requester, &tag)?;
		}

		let input_bytes = input.encoded_size() as u32;
		let quote = T::Fees::quote(&model.fees, input_bytes, policy.k)?;
		ensure!(quote.total <= max_fee, Error::<T>::FeeAboveMax);
		ensure!(OpenJobs::<T>::get() < Self::max_open_jobs(), Error::<T>::TooManyOpenJobs);
		// Refused now if the draw could not succeed; operators may still go away before the
		// block ends, which `on_finalize` handles.
		let candidates = T::Operators::candidate_count(&model_id);
		ensure!(candidates >= policy.k, Error::<T>::NotEnoughOperators);

		let id = NextJobId::<T>::get();
		let seq = RequesterJobCount::<T>::get(&requester);
		// Appended without decoding the block's earlier submissions.
		PendingDraws::<T>::try_append(PendingDraw { job: id, seq, candidates })
			.map_err(|_| Error::<T>::TooManySubmissions)?;
		let reads_pool = !PendingModels::<T>::get().iter().any(|(m, _)| *m == model_id);
		if reads_pool {
			// At most one model per pending draw, so this fits whenever the draw did.
			PendingModels::<T>::try_append((model_id, candidates))
				.map_err(|_| Error::<T>::TooManySubmissions)?;
		}
		T::Fees::hold_escrow(id, &requester, &quote)?;
		let storage = Self::storage_cost(input_bytes, &model.output, policy.k);
		Self::pay_storage(&requester, &storage)?;

		let now = frame_system::Pallet::<T>::block_number();
		let commit_deadline = now.saturating_add(T::CommitWindow::get());
		let bucket = Self::schedule(id, commit_deadline)?;
		let job = JobInfo {
			requester: requester.clone(),
			model: model_id,
			input_hash: H256(input.canonical_hash()),
			agent,
			policy,
			tolerance: model.tolerance,
			unverified: policy.is_unverified(),
			max_fee,
			quote,
			assignments: BoundedVec::new(),
			phase: JobPhase::Submitted,
			submitted_at: now,
			commit_deadline,
			reveal_opened_at: None,
			reveal_deadline: None,
			concluded_at: None,
			queued_at: Some(bucket),
			agreeing: 0,
			result_hash: None,
			payout: None,
			storage,
		};
		Jobs::<T>::insert(id, job);
		Inputs::<T>::insert(id, input);
		NextJobId::<T>::put(id.saturating_add(1));
		OpenJobs::<T>::mutate(|n| n.saturating_inc());
		RequesterJobs::<T>::insert(&requester, RequesterJobCount::<T>::mutate(&requester, take_seq), id);
		if let Some(tag) = agent {
			AgentJobs::<T>::insert(tag, AgentJobCount::<T>::mutate(tag, take_seq), id);
		}

		Self::deposit_event(Event::StoragePaid {
			job: id,
			requester: requester.clone(),
			deposit: storage.deposit,
			fee: storage.fee,
		});
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			requester,
			model: model_id,
			agent,
			quote,
			commit_deadline,
		});
		Ok(Submitted { job: id, candidates, k: policy.k, reads_pool })
	}

	/// The policy of a new job of `model`: the requested one if it is valid and not below the
	/// model's default, the default otherwise.
	fn policy_for(model: &ModelOf<T>, requested: Option<JobPolicy>) -> Result<JobPolicy, Error<T>> {
		let Some(p) = requested else { return Ok(model.policy) };
		ensure!(p.is_valid(T::MaxReplicas::get()), Error::<T>::InvalidPolicy);
		ensure!(p.k >= model.policy.k && p.q >= model.policy.q, Error::<T>::PolicyBelowModel);
		Ok(p)
	}

	/// `input` in stored form, if it has exactly the model's declared shape and precision and
	/// lies in its declared range.
	fn checked_input(model: &ModelOf<T>, input: Tensor) -> Result<InputOf<T>, Error<T>> {
		ensure!(input.data.len() as u64 <= T::MaxInputLen::get() as u64, Error::<T>::InputTooLarge);
		ensure!(input.shape[..] == model.input.shape[..], Error::<T>::WrongInputShape);
		ensure!(input.precision == model.input.precision, Error::<T>::WrongInputPrecision);
		ensure!(input.validate().is_ok(), Error::<T>::WrongInputSize);
		if let Some(range) = model.input_range {
			ensure!(range.contains_all(&input.data), Error::<T>::InputOutOfRange);
		}
		InputOf::<T>::try_from(input).map_err(|_| Error::<T>::InputTooLarge)
	}

	/// Draw the operators of every job submitted in this block, from this block's randomness.
	/// Runs in `on_finalize`, after BABE has stored the block's VRF output; each draw was
	/// charged to its `submit_job`, and the candidates of each model are read once (charged to
	/// the model's first submission in the block).
	pub(crate) fn draw_pending() {
		let mut pools: BTreeMap<ModelId, CandidatePool<T>> = PendingModels::<T>::take()
			.into_iter()
			.map(|(model, candidates)| (model, CandidatePool::load(&model, candidates)))
			.collect();
		for pending in PendingDraws::<T>::take() {
			Self::draw_job(pending, &mut pools);
		}
	}

	/// Draw the operators of the submitted job of `pending` from its model's pool in `pools`
	/// (read now if this is the first draw of the model in the block), or conclude it
	/// `Unassigned` with a full refund if too few operators are eligible now.
	pub(crate) fn draw_job(pending: PendingDraw, pools: &mut BTreeMap<ModelId, CandidatePool<T>>) {
		let id = pending.job;
		let Some(mut job) = Jobs::<T>::get(id) else {
			frame_support::defensive!("a pending draw of an unknown job");
			return;
		};
		if job.phase != JobPhase::Submitted {
			frame_support::defensive!("a pending draw of a job that is not submitted");
			return;
		}
		let seed = Self::assignment_seed(&job.requester, pending.seq);
		let pool = pools
			.entry(job.model)
			.or_insert_with(|| CandidatePool::load(&job.model, pending.candidates));
		let drawn = pool
			.draw(pending.candidates, job.policy.k, &seed)
			.filter(|operators| Self::open_for(operators));
		let Some(operators) = drawn else {
			// Only the operators' own moves within this block (going offline, leaving, or
			// other jobs of this block filling their room) can get here.
			let refunded = T::Fees::refund(id).unwrap_or_else(|e| {
				log::error!(target: "runtime::jobs", "refund of unassigned job {id} failed: {e:?}");
				Zero::zero()
			});
			let conclusion = crate::Conclusion {
				phase: JobPhase::Unassigned,
				result: None,
				agreeing: 0,
				outcomes: Vec::new(),
				payout: Payout::<BalanceOf<T>> { refunded, ..Default::default() },
			};
			if let Err(e) = Self::do_conclude(id, conclusion) {
				log::error!(target: "runtime::jobs", "unassigned job {id}: {e:?}");
			}
			return;
		};
		job.assignments = BoundedVec::truncate_from(
			operators.iter().cloned().map(Assignment::new).collect::<Vec<_>>(),
		);
		job.phase = JobPhase::Assigned;
		Jobs::<T>::insert(id, job);
		for operator in operators.iter() {
			OperatorJobs::<T>::insert(operator, OperatorJobCount::<T>::mutate(operator, take_seq), id);
			OperatorOpenJobs::<T>::insert(operator, id, ());
		}
		Self::deposit_event(Event::JobAssigned { job: id, operators });
	}

	/// Count one more open job for each of `operators`; if one has no room left (eligibility
	/// was just checked, so this is defensive), undo the others and say so.
	fn open_for(operators: &[T::AccountId]) -> bool {
		for (i, operator) in operators.iter().enumerate() {
			if T::Operators::note_job_opened(operator).is_err() {
				frame_support::defensive!("a drawn operator has no room for the job");
				operators[..i].iter().for_each(T::Operators::note_job_closed);
				return false;
			}
		}
		true
	}

	/// Draw `k` operators for a job of `model` among its first `max_candidates` eligible
	/// operators, as the block-end draw would for a first job of the model; `None` if fewer
	/// than `k` of them can be drawn.
	pub fn draw(
		model: &ModelId,
		max_candidates: u32,
		k: u32,
		seed: &[u8; 32],
	) -> Option<Vec<T::AccountId>> {
		CandidatePool::<T>::load(model, max_candidates).draw(max_candidates, k, seed)
	}

	/// The seed of the draw of the `seq`-th job of `requester`: `Config::Randomness` read in
	/// `on_finalize` (the including block's VRF output), or the parent hash when there is none,
	/// hashed with the requester and its sequence number. Neither the job id nor the other jobs
	/// of the block enter it, so filler jobs or a reordering of the block change no draw.
	pub(crate) fn assignment_seed(requester: &T::AccountId, seq: u32) -> [u8; 32] {
		let (random, _) = T::Randomness::random(&ASSIGNMENT_CONTEXT[..]);
		let random = random.unwrap_or_else(frame_system::Pallet::<T>::parent_hash);
		assignment::seed(random.as_ref(), &(requester, seq).encode())
	}

	/// Most open jobs at once: what the deadline queue can always place.
	pub fn max_open_jobs() -> u32 {
		T::MaxDeadlinesPerBlock::get().saturating_mul(T::DeadlineSearchRange::get())
	}

	/// Whether `who` may tag jobs with `agent`: it is the agent's controller or a delegate.
	pub(crate) fn ensure_acts_for(who: &T::AccountId, agent: &AgentTag) -> DispatchResult {
		let info = Agents::<T>::get(agent).ok_or(Error::<T>::UnknownAgent)?;
		ensure!(
			info.controller == *who || info.delegates.contains(who),
			Error::<T>::NotAgentController
		);
		Ok(())
	}

	/// Register an agent; see [`Pallet::register_agent`].
	pub fn do_register_agent(
		controller: T::AccountId,
		name: Vec<u8>,
		metadata: Vec<u8>,
	) -> DispatchResult {
		let tag = verinfer_primitives::agent_tag(&controller, &name);
		ensure!(!Agents::<T>::contains_key(tag), Error::<T>::AgentExists);
		let name: BoundedVec<u8, T::MaxAgentNameLen> =
			name.try_into().map_err(|_| Error::<T>::AgentNameTooLong)?;
		let metadata: BoundedVec<u8, T::MaxAgentMetadataLen> =
			metadata.try_into().map_err(|_| Error::<T>::AgentMetadataTooLong)?;
		let deposit = Self::agent_deposit(name.len() + metadata.len(), 0);
		asset::hold_agent_deposit::<T>(&controller, deposit)?;
		Agents::<T>::insert(
			tag,
			AgentInfo {
				controller: controller.clone(),
				name,
				metadata,
				delegates: BoundedVec::new(),
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::AgentRegistered { agent: tag, controller, deposit });
		Ok(())
	}

	/// Set an agent's delegates; see [`Pallet::set_agent_delegates`].
	pub fn do_set_agent_delegates(
		who: T::AccountId,
		agent: AgentTag,
		delegates: Vec<T::AccountId>,
	) -> DispatchResult {
		let mut info = Agents::<T>::get(agent).ok_or(Error::<T>::UnknownAgent)?;
		ensure!(info.controller == who, Error::<T>::NotAgentController);
		let bounded: BoundedVec<T::AccountId, T::MaxAgentDelegates> =
			delegates.clone().try_into().map_err(|_| Error::<T>::TooManyDelegates)?;
		let deposit = Self::agent_deposit(info.name.len() + info.metadata.len(), bounded.len());
		asset::adjust_agent_deposit::<T>(&who, info.deposit, deposit)?;
		info.deposit = deposit;
		info.delegates = bounded;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentDelegatesSet { agent, delegates });
		Ok(())
	}

	/// The deposit of an agent with `bytes` of name and metadata and `delegates` delegates.
	fn agent_deposit(bytes: usize, delegates: usize) -> BalanceOf<T> {
		let bytes = bytes.saturating_add(delegates.saturating_mul(T::AccountId::max_encoded_len()));
		T::AgentDepositBase::get()
			.saturating_add(T::AgentDepositPerByte::get().saturating_mul((bytes as u32).into()))
	}
}

/// What [`Pallet::do_submit`] did: what its weight depends on.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct Submitted {
	/// The new job.
	pub job: JobId,
	/// The candidates its draw will consider.
	pub candidates: u32,
	/// Its number of operators.
	pub k: u32,
	/// Whether it is the first submission of its model in the block, whose draw reads the
	/// model's candidates for the whole block.
	pub reads_pool: bool,
}

/// One candidate of a [`CandidatePool`].
struct PoolEntry<AccountId> {
	operator: AccountId,
	/// `bond × score`, what the draw weighs it by.
	weight: u128,
	/// Open jobs it may still take in this block.
	room: u32,
	/// Excluded by its reputation: takes a place among the candidates, is never drawn.
	excluded: bool,
}

/// The candidates of one model as the block-end draw sees them: read once per model per block
/// (operators pallet and reputation), after which each draw only counts the room it hands out.
/// Nothing that changes a candidate's bond, score or status runs between two draws of one
/// `on_finalize`, so the pool stays exact.
pub(crate) struct CandidatePool<T: Config> {
	entries: Vec<PoolEntry<T::AccountId>>,
}

impl<T: Config> CandidatePool<T> {
	/// The first `max` candidates of `model` (what the read was charged for), with their
	/// weights and room.
	pub(crate) fn load(model: &ModelId, max: u32) -> Self {
		let entries = T::Operators::candidates(model)
			.into_iter()
			.take(max.min(T::MaxCandidates::get()) as usize)
			.map(|c| {
				let bond: u128 = c.bond.unique_saturated_into();
				PoolEntry {
					weight: bond.saturating_mul(T::Reputation::score(&c.operator).deconstruct() as u128),
					excluded: T::Reputation::is_excluded(&c.operator),
					room: c.room,
					operator: c.operator,
				}
			})
			.collect();
		Self { entries }
	}

	/// How many candidates the pool holds.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn len(&self) -> usize {
		self.entries.len()
	}

	/// Draw `k` operators among the first `max_candidates` that have room (as if the pool had
	/// been read now), and take one unit of room from each drawn one; `None` (and nothing
	/// taken) if fewer than `k` can be drawn.
	pub(crate) fn draw(
		&mut self,
		max_candidates: u32,
		k: u32,
		seed: &[u8; 32],
	) -> Option<Vec<T::AccountId>> {
		let eligible: Vec<usize> = (0..self.entries.len())
			.filter(|i| self.entries[*i].room > 0)
			.take(max_candidates as usize)
			.filter(|i| !self.entries[*i].excluded)
			.collect();
		let weights: Vec<u128> = eligible.iter().map(|i| self.entries[*i].weight).collect();
		let drawn = assignment::sample(&weights, k as usize, seed)?;
		Some(
			drawn
				.into_iter()
				.map(|d| {
					let entry = &mut self.entries[eligible[d]];
					entry.room -= 1;
					entry.operator.clone()
				})
				.collect(),
		)
	}
}

/// Hands out the next sequence number of an index and counts it.
fn take_seq(count: &mut u32) -> u32 {
	let seq = *count;
	count.saturating_inc();
	seq
}
