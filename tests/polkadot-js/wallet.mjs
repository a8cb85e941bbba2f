#!/usr/bin/env node
// Wallet compatibility check (issue 6): a Verinfer job submitted, signed and followed to its
// verdict with polkadot.js alone, the way any wallet or dapp built on it would do it.
//
//   node tests/polkadot-js/wallet.mjs [ws-url]        (default ws://127.0.0.1:9944)
//
// - connects with `ApiPromise.create` and nothing but the node's metadata: no custom `types`,
//   no custom `rpc` definitions (the custom `inference_job` method is called through the raw
//   provider, see below);
// - checks the chain (name, runtime, VINF with 12 decimals and SS58 prefix 42);
// - builds `jobs.submitJob` for the iris model with the first recorded sample of
//   models/expected.json, signs it with `//Eve` (sr25519) from the Keyring and waits until it
//   is in a block;
// - decodes the events of that block: `jobs.JobSubmitted` (job id, quote, operators),
//   `fees.EscrowHeld` (the escrow), `transactionPayment.TransactionFeePaid`, and Eve's
//   `JobEscrow` hold in `balances.holds`;
// - follows new heads (at most VERDICT_TIMEOUT_MS) until `settlement.Verdict` for the job,
//   reads `jobs.jobs(id)` and `jobs.results(id)` at that block and, if the node serves it,
//   `inference_job(id)`;
// - prints ONE JSON line on stdout:
//   { jobId, submittedAt, verdictAt, phase, result: {shape, data, precision}, fee, ... }
//   where `fee` is what the job cost Eve (the escrow minus any refund, planck, decimal string)
//   and exits 0. Any failure prints `wallet.mjs: error: …` on stderr and exits 1.
//
// Everything else (progress, polkadot.js' own messages) goes to stderr, so stdout carries only
// the result line.

import { readFileSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const URL_ARG = process.argv[2] ?? 'ws://127.0.0.1:9944';
const MODEL_NAME = 'iris-logreg';
const SIGNER_URI = '//Eve';
const UNIT = 10n ** 12n;
/** What Eve is willing to pay for the job (the quote is far below). */
const MAX_FEE = 10n * UNIT;
const CONNECT_TIMEOUT_MS = 30_000;
const INCLUSION_TIMEOUT_MS = 60_000;
const VERDICT_TIMEOUT_MS = 90_000;
/** Upper bound for the whole run: connect, include, verdict, reads. */
const OVERALL_TIMEOUT_MS = CONNECT_TIMEOUT_MS + INCLUSION_TIMEOUT_MS + VERDICT_TIMEOUT_MS + 30_000;

// polkadot.js logs through console.log as well; keep stdout for the result line only.
const writeStdout = process.stdout.write.bind(process.stdout);
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

const log = (msg) => process.stderr.write(`[wallet.mjs] ${msg}\n`);

class Failure extends Error {}
function ensure(cond, msg) {
	if (!cond) throw new Failure(msg);
}

/** Rejects with `what` if `promise` does not settle within `ms`. */
function within(ms, what, promise) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Failure(`${what}: no answer within ${ms / 1000} s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

/** The model and its first recorded sample, read relative to this script. */
function loadSample() {
	const read = (name) => JSON.parse(readFileSync(new URL(`../../models/${name}`, import.meta.url), 'utf8'));
	const models = read('models.json').models;
	const expected = read('expected.json').models;
	const model = models.find((m) => m.name === MODEL_NAME);
	ensure(model, `models/models.json has no model named ${MODEL_NAME}`);
	const recorded = expected.find((e) => e.model === model.id);
	ensure(recorded?.samples?.length, `models/expected.json has no sample of ${MODEL_NAME} (${model.id})`);
	return { id: model.id, tolerance: BigInt(model.tolerance), ...recorded.samples[0] };
}

/** A SCALE tensor as plain JSON (elements are JSON numbers, as the engine writes them). */
function tensorJson(t) {
	const num = (x) => {
		const v = x.toBigInt();
		ensure(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER), `element ${v} is not a safe JSON number`);
		return Number(v);
	};
	return { shape: t.shape.map(num), data: t.data.map(num), precision: t.precision.toNumber() };
}

/** The module error of a failed dispatch, by name. */
function dispatchErrorText(api, dispatchError) {
	if (dispatchError.isModule) {
		const meta = api.registry.findMetaError(dispatchError.asModule);
		return `${meta.section}.${meta.name}: ${meta.docs.join(' ')}`;
	}
	return dispatchError.toString();
}

async function checkChain(api) {
	const [chain, props, version] = await Promise.all([
		api.rpc.system.chain(),
		api.rpc.system.properties(),
		Promise.resolve(api.runtimeVersion),
	]);
	const symbol = props.tokenSymbol.unwrapOrDefault().map((s) => s.toString());
	const decimals = props.tokenDecimals.unwrapOrDefault().map((d) => d.toNumber());
	const ss58 = props.ss58Format.unwrapOr(null)?.toNumber();
	ensure(chain.toString().startsWith('Verinfer'), `chain name ${chain} is not a Verinfer chain`);
	ensure(version.specName.toString() === 'verinfer', `runtime ${version.specName} is not verinfer`);
	ensure(symbol[0] === 'VINF', `token symbol ${JSON.stringify(symbol)}, expected VINF`);
	ensure(decimals[0] === 12, `token decimals ${JSON.stringify(decimals)}, expected 12`);
	ensure(ss58 === 42, `ss58Format ${ss58}, expected 42`);
	// The registry took them over, so formatted balances and addresses follow the chain.
	ensure(api.registry.chainTokens[0] === 'VINF' && api.registry.chainDecimals[0] === 12, 'registry did not adopt the chain properties');
	ensure(api.registry.chainSS58 === 42, `registry ss58 ${api.registry.chainSS58}`);
	for (const [what, present] of [
		['tx.jobs.submitJob', api.tx.jobs?.submitJob],
		['events.jobs.JobSubmitted', api.events.jobs?.JobSubmitted],
		['events.fees.EscrowHeld', api.events.fees?.EscrowHeld],
		['events.settlement.Verdict', api.events.settlement?.Verdict],
		['query.jobs.jobs', api.query.jobs?.jobs],
		['query.jobs.results', api.query.jobs?.results],
	]) {
		ensure(present, `the metadata has no ${what}`);
	}
	log(`connected to ${chain} (${version.specName} v${version.specVersion}), token ${symbol[0]}/${decimals[0]}, ss58 ${ss58}`);
	return { chain: chain.toString(), specName: version.specName.toString(), specVersion: version.specVersion.toNumber() };
}

/** Signs and sends `tx` with `signAndSend`, resolves with the hashes of the extrinsic and of the
 * block that included it. */
function submit(api, tx, signer) {
	return new Promise((resolve, reject) => {
		let unsub = null;
		let done = false;
		const finish = (fn, arg) => {
			if (done) return;
			done = true;
			if (unsub) unsub();
			fn(arg);
		};
		tx.signAndSend(signer, (result) => {
			const { status, dispatchError } = result;
			log(`submitJob: ${status.type}`);
			if (dispatchError) {
				finish(reject, new Failure(`submitJob failed: ${dispatchErrorText(api, dispatchError)}`));
			} else if (status.isInBlock) {
				finish(resolve, { txHash: result.txHash.toHex(), blockHash: status.asInBlock.toHex() });
			} else if (status.isFinalized) {
				finish(resolve, { txHash: result.txHash.toHex(), blockHash: status.asFinalized.toHex() });
			} else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
				finish(reject, new Failure(`submitJob: transaction ${status.type}`));
			}
		})
			.then((u) => {
				unsub = u;
				if (done) u();
			})
			.catch((e) => finish(reject, e));
	});
}

/** The events of the extrinsic `txHash` in block `blockHash`, decoded from `system.events`. */
async function eventsOfExtrinsic(api, blockHash, txHash) {
	const [signedBlock, apiAt] = await Promise.all([api.rpc.chain.getBlock(blockHash), api.at(blockHash)]);
	const index = signedBlock.block.extrinsics.findIndex((x) => x.hash.toHex() === txHash);
	ensure(index >= 0, `extrinsic ${txHash} is not in block ${blockHash}`);
	const events = await apiAt.query.system.events();
	return {
		number: signedBlock.block.header.number.toNumber(),
		events: events
			.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eq(index))
			.map(({ event }) => event),
		apiAt,
	};
}

/**
 * Follows new heads until a block whose events contain `settlement.Verdict` for `jobId`.
 * Blocks a head notification skipped are fetched by number, so none is missed.
 */
function waitForVerdict(api, jobId, fromNumber) {
	return new Promise((resolve, reject) => {
		let next = fromNumber;
		let unsub = null;
		let done = false;
		let busy = Promise.resolve();
		const finish = (fn, arg) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			if (unsub) unsub();
			fn(arg);
		};
		const timer = setTimeout(
			() => finish(reject, new Failure(`no settlement.Verdict for job ${jobId} within ${VERDICT_TIMEOUT_MS / 1000} s (looked up to block #${next - 1})`)),
			VERDICT_TIMEOUT_MS,
		);
		const scan = async (head) => {
			while (!done && next <= head) {
				const hash = await api.rpc.chain.getBlockHash(next);
				const events = await (await api.at(hash)).query.system.events();
				for (const { event } of events) {
					if (api.events.settlement.Verdict.is(event) && event.data.job.toBigInt() === jobId) {
						log(`block #${next}: settlement.Verdict ${JSON.stringify(event.data.toHuman())}`);
						return finish(resolve, { number: next, hash: hash.toHex(), verdict: event.data });
					}
					if (event.section === 'settlement' || event.section === 'jobs') {
						if (event.data.job?.toBigInt?.() === jobId) log(`block #${next}: ${event.section}.${event.method}`);
					}
				}
				next += 1;
			}
		};
		api.rpc.chain
			.subscribeNewHeads((header) => {
				const head = header.number.toNumber();
				busy = busy.then(() => scan(head)).catch((e) => finish(reject, e));
			})
			.then((u) => {
				unsub = u;
				if (done) u();
			})
			.catch((e) => finish(reject, e));
	});
}

/** `inference_job(id)` through the raw provider, if the node serves it; null otherwise. */
async function rpcJob(api, jobId) {
	const methods = await api.rpc.rpc.methods();
	if (!methods.methods.some((m) => m.toString() === 'inference_job')) {
		log('the node does not serve inference_job; skipped');
		return null;
	}
	return api._rpcCore.provider.send('inference_job', [Number(jobId)]);
}

async function main() {
	const sample = loadSample();
	await cryptoWaitReady();

	const provider = new WsProvider(URL_ARG);
	const api = await within(CONNECT_TIMEOUT_MS, `connect to ${URL_ARG} (ApiPromise.create)`, ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }));
	try {
		const chainInfo = await checkChain(api);

		const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
		const eve = keyring.addFromUri(SIGNER_URI);
		log(`signer ${SIGNER_URI}: ${eve.address}`);

		// The extrinsic, built from metadata alone.
		const input = { shape: sample.input.shape, data: sample.input.data, precision: sample.input.precision };
		const tx = api.tx.jobs.submitJob(sample.id, input, MAX_FEE, null, null);
		log(`submitJob(${MODEL_NAME} ${sample.id}, ${JSON.stringify(input)}, max_fee ${MAX_FEE}): call ${tx.method.toHex()}`);
		const { txHash, blockHash: inBlock } = await within(INCLUSION_TIMEOUT_MS, 'inclusion of submitJob', submit(api, tx, eve));

		// The events of its block.
		const { number: submittedAt, events, apiAt } = await eventsOfExtrinsic(api, inBlock, txHash);
		ensure(events.some((e) => api.events.system.ExtrinsicSuccess.is(e)), `submitJob in #${submittedAt} has no ExtrinsicSuccess`);
		const submitted = events.find((e) => api.events.jobs.JobSubmitted.is(e));
		ensure(submitted, `no jobs.JobSubmitted in #${submittedAt}`);
		const jobId = submitted.data.job.toBigInt();
		ensure(submitted.data.requester.toString() === eve.address, `JobSubmitted names requester ${submitted.data.requester}, not Eve`);
		ensure(submitted.data.model.toHex() === sample.id, `JobSubmitted names model ${submitted.data.model.toHex()}`);
		const quote = submitted.data.quote;
		const escrow = events.find((e) => api.events.fees.EscrowHeld.is(e) && e.data.job.toBigInt() === jobId);
		ensure(escrow, `no fees.EscrowHeld for job ${jobId} in #${submittedAt}`);
		const escrowHeld = escrow.data.amount.toBigInt();
		ensure(escrow.data.payer.toString() === eve.address, `the escrow was held from ${escrow.data.payer}, not Eve`);
		ensure(escrowHeld === quote.total.toBigInt(), `escrow ${escrowHeld} differs from the quote ${quote.total}`);
		ensure(escrowHeld <= MAX_FEE, `escrow ${escrowHeld} above max_fee ${MAX_FEE}`);
		const feePaid = events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
		const txFee = feePaid ? feePaid.data.actualFee.toBigInt() : null;
		// The hold itself, under the fees pallet's `JobEscrow` reason.
		// The operators are drawn at the end of the block (from its VRF output): its
		// finalization events name them.
		const blockEvents = await apiAt.query.system.events();
		const assigned = blockEvents.find(({ event }) => api.events.jobs.JobAssigned.is(event) && event.data.job.toBigInt() === jobId);
		ensure(assigned, `no jobs.JobAssigned for job ${jobId} at the end of #${submittedAt}`);
		const operators = assigned.event.data.operators.map((o) => o.toString());
		ensure(operators.length === quote.k.toNumber(), `${operators.length} operators drawn for k = ${quote.k}`);
		const holds = await apiAt.query.balances.holds(eve.address);
		const escrowHolds = holds.filter((h) => JSON.stringify(h.id.toJSON()).includes('jobEscrow') || JSON.stringify(h.id.toHuman()).includes('JobEscrow'));
		const heldUnderReason = escrowHolds.reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
		ensure(heldUnderReason >= escrowHeld, `Eve's JobEscrow holds (${JSON.stringify(holds.toHuman())}) do not cover the escrow ${escrowHeld}`);
		log(
			`job ${jobId} submitted in #${submittedAt}: quote ${quote.total.toHuman()} (${quote.total}), escrow held ${escrowHeld} under ${JSON.stringify(escrowHolds[0].id.toHuman())}, operators ${operators.join(', ')}, commit deadline #${submitted.data.commitDeadline}`,
		);

		// The verdict, followed through new heads.
		const { number: verdictAt, hash: verdictHash, verdict } = await waitForVerdict(api, jobId, submittedAt);
		const verdictPhase = verdict.phase.type;
		ensure(verdictPhase === 'Verified', `job ${jobId} concluded ${verdictPhase} in #${verdictAt}`);

		// The permanent record, from storage at the verdict block.
		const at = await api.at(verdictHash);
		const [jobOpt, resultOpt] = await Promise.all([at.query.jobs.jobs(jobId), at.query.jobs.results(jobId)]);
		ensure(jobOpt.isSome, `jobs.jobs(${jobId}) is empty at #${verdictAt}`);
		ensure(resultOpt.isSome, `jobs.results(${jobId}) is empty at #${verdictAt}`);
		const job = jobOpt.unwrap();
		const result = tensorJson(resultOpt.unwrap());
		const phase = job.phase.type;
		ensure(phase === verdictPhase, `stored phase ${phase} differs from the verdict ${verdictPhase}`);
		ensure(job.requester.toString() === eve.address, 'stored requester is not Eve');
		ensure(job.submittedAt.toNumber() === submittedAt, `stored submittedAt ${job.submittedAt} differs from #${submittedAt}`);
		ensure(job.concludedAt.unwrapOr(null)?.toNumber() === verdictAt, `stored concludedAt ${job.concludedAt} differs from #${verdictAt}`);
		ensure(job.resultHash.eq(verdict.resultHash), 'stored resultHash differs from the verdict');
		ensure(job.payout.isSome, 'a verified job without a payout');
		const payout = job.payout.unwrap();
		const fee = escrowHeld - payout.refunded.toBigInt();

		// The result against onnxruntime's recorded output.
		const expected = sample.output;
		ensure(JSON.stringify(result.shape) === JSON.stringify(expected.shape) && result.precision === expected.precision, `result ${JSON.stringify(result)} has another shape or precision than ${JSON.stringify(expected)}`);
		const maxDiff = result.data.reduce((m, x, i) => {
			const d = BigInt(x) - BigInt(expected.data[i]);
			return (d < 0n ? -d : d) > m ? (d < 0n ? -d : d) : m;
		}, 0n);
		ensure(maxDiff <= sample.tolerance, `result ${JSON.stringify(result.data)} differs from ${JSON.stringify(expected.data)} by ${maxDiff} (tolerance ${sample.tolerance})`);

		// The same job through the node's query surface, if served.
		const viaRpc = await rpcJob(api, jobId);
		if (viaRpc !== null) {
			ensure(viaRpc && viaRpc.id === Number(jobId), `inference_job(${jobId}) answered ${JSON.stringify(viaRpc)}`);
			ensure(viaRpc.status === 'verified', `inference_job status ${viaRpc.status}`);
			ensure(JSON.stringify(viaRpc.result) === JSON.stringify(result), `inference_job result ${JSON.stringify(viaRpc.result)} differs from storage ${JSON.stringify(result)}`);
			ensure(viaRpc.requester === eve.address, `inference_job requester ${viaRpc.requester}`);
			log(`inference_job(${jobId}) agrees with storage`);
		}

		const line = {
			jobId: Number(jobId),
			submittedAt,
			verdictAt,
			phase,
			result,
			fee: fee.toString(),
			escrowHeld: escrowHeld.toString(),
			txFee: txFee === null ? null : txFee.toString(),
			agreeing: verdict.agreeing.toNumber(),
			operators,
			resultHash: verdict.resultHash.unwrapOr(null)?.toHex() ?? null,
			requester: eve.address,
			model: sample.id,
			extrinsic: txHash,
			rpcInferenceJob: viaRpc !== null,
			chain: chainInfo.chain,
			specVersion: chainInfo.specVersion,
			polkadotJs: (await import('@polkadot/api/packageInfo')).packageInfo.version,
		};
		writeStdout(`${JSON.stringify(line)}\n`);
	} finally {
		await api.disconnect().catch(() => {});
	}
}

const overall = setTimeout(() => {
	process.stderr.write(`wallet.mjs: error: did not finish within ${OVERALL_TIMEOUT_MS / 1000} s\n`);
	process.exit(1);
}, OVERALL_TIMEOUT_MS);

main().then(
	() => {
		clearTimeout(overall);
		process.exit(0);
	},
	(e) => {
		clearTimeout(overall);
		process.stderr.write(`wallet.mjs: error: ${e instanceof Failure ? e.message : e?.stack ?? e}\n`);
		process.exit(1);
	},
);
