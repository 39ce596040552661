/**
 * npm run bench: the Mallcoo node through n8n's engine against the sandbox, next to a plain
 * undici baseline, checked against the issue's targets. Exits 1 if a target is missed.
 *
 *   BENCH_C1_ITEMS=2000  items per run at concurrency 1 (default 300, see ITEMS_AT_C1)
 *   BENCH_ITEMS=200      items per run at concurrency 5 and 20 (default 2000; for trying the bench out)
 *
 * Every measured run is a fresh child process (bench/worker.ts); the sandbox is another.
 * Both load TypeScript through tsx's CommonJS hook only (`--require tsx/cjs`): it keeps n8n-core
 * and the node on the one CJS build of n8n-workflow, and avoids the ESM loader's hooks thread,
 * which would add ~25 MB of RSS that a real n8n (running compiled JS) does not have.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_CREDENTIALS, generatedMember, type RecordedRequest } from '../sandbox/server';
import { OPS, type Op } from './ops';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import type { Mode, WorkerConfig, WorkerResult } from './worker';

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

const LATENCY_MS = 50;
const CONCURRENCIES = [1, 5, 20];
const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
/**
 * At C = 1 and 50 ms a run of 2,000 takes ≥ 105 s, and there are four of them (2 ops × node and
 * baseline): 7 min alone, 9 min in all, over the CI budget. Everything else takes ~2.7 min here, so
 * C = 1 gets 300 items (~65 s for the four runs, < 4 min in all): 300 sequential requests still
 * give a steady rate (a mean over 15 s) and 300 latency samples. The table prints the count used;
 * BENCH_C1_ITEMS=2000 runs the full count.
 */
const ITEMS_AT_C1 = Number(process.env.BENCH_C1_ITEMS ?? 300);
const TARGET_SHARE_OF_IDEAL = 0.9; // ≥ 90 % of C / L
const TARGET_SHARE_OF_BASELINE = 0.9; // ≥ 90 % of undici at the same C
/** The memory check: one node run of 10,000 lookups; lower latency only to keep it short. */
const MEMORY = { op: 'member/get' as Op, items: 10_000, concurrency: 20, latencyMs: 5, limitMb: 300 };
const MEMBERS = 10_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const TS_HOOK = ['--require', 'tsx/cjs'];
/** gc() lets each worker start its measured run from a collected heap and report what it retained. */
const WORKER_FLAGS = [...TS_HOOK, '--expose-gc'];

const warmupCount = (concurrency: number) => Math.min(100, Math.max(20, 5 * concurrency));
/** Distinct generated members: measured items from the start, warm-up from the end of the range. */
const mobiles = (from: number, count: number) => Array.from({ length: count }, (_, i) => generatedMember(from + i).Mobile);

interface Side {
	mode: Mode;
	worker: WorkerResult;
	/** From the sandbox log: finishedAt − startedAt, the same source for node and baseline. */
	serverLatency: { p50: number; p95: number };
	clientLatency: { p50: number; p95: number };
	/** The sandbox process's CPU time over the measured run, as a share of one core. */
	sandboxCpuShare: number;
	requests: number;
	problems: string[];
	bodies: string[];
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const latencySummary = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95) });

/** One configuration in a fresh worker process; the sandbox log is emptied after its warm-up. */
async function measure(sandbox: SandboxProcess, mode: Mode, op: Op, concurrency: number, items: number, latencyMs: number): Promise<Side> {
	await sandbox.reset(latencyMs);
	const warmup = warmupCount(concurrency);
	const config: WorkerConfig = {
		mode,
		op,
		concurrency,
		baseUrl: sandbox.url,
		credentials: { ...DEMO_CREDENTIALS },
		warmupMobiles: mobiles(MEMBERS - warmup + 1, warmup),
		mobiles: mobiles(1, items),
	};
	const child = fork(path.join(__dirname, 'worker.ts'), [], { cwd: ROOT, execArgv: WORKER_FLAGS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let sandboxCpuAtGo = NaN;
	try {
		const result = await new Promise<WorkerResult>((resolve, reject) => {
			child.on('message', (message: { type: string; result?: WorkerResult; message?: string }) => {
				if (message.type === 'warm') {
					sandbox.clearRequests().then(() => {
						sandboxCpuAtGo = sandbox.cpuMs();
						child.send({ type: 'go' });
					}, reject);
				} else if (message.type === 'result') resolve(message.result!);
				else if (message.type === 'error') reject(new Error(`${mode} worker failed: ${message.message}`));
			});
			exited.then((code) => reject(new Error(`${mode} worker exited (${code}) without a result`)));
			child.send({ type: 'config', config });
		});
		const sandboxCpuShare = (sandbox.cpuMs() - sandboxCpuAtGo) / result.wallMs;
		const log: RecordedRequest[] = await sandbox.requests();
		const problems: string[] = [];
		if (log.length !== items) problems.push(`${mode}: the sandbox saw ${log.length} requests for ${items} items`);
		const refused = log.filter((r) => r.response.code !== 1);
		if (refused.length) problems.push(`${mode}: ${refused.length} requests not answered Code 1, e.g. ${JSON.stringify(refused[0].response)}`);
		return {
			mode,
			worker: result,
			serverLatency: latencySummary(log.map((r) => (r.finishedAt ?? NaN) - r.startedAt)),
			clientLatency: latencySummary(result.clientLatencyMs),
			sandboxCpuShare,
			requests: log.length,
			problems,
			bodies: log.map((r) => `${r.path} ${r.rawBody}`).sort(),
		};
	} finally {
		clearTimeout(timer);
		await exited;
	}
}

interface Row {
	op: Op;
	concurrency: number;
	items: number;
	idealPerSecond: number;
	targetPerSecond: number;
	node: Side;
	baseline: Side;
	ratio: number;
	failures: string[];
}

interface Meta {
	date: string;
	totalSeconds: number;
	node: string;
	cpus: number;
	cpuModel: string;
	/** 1-minute load average before and after: other work on the machine skews every number. */
	loadBefore: number;
	loadAfter: number;
}

const fixed = (digits: number) => (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const [f0, f1, f2] = [fixed(0), fixed(1), fixed(2)];
const pair = (node: number, baseline: number, format = f1) => `${format(node)} / ${format(baseline)}`;
const tableRow = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function report(rows: Row[], memory: { side: Side; failures: string[] }, meta: Meta): string {
	const busy = Math.max(meta.loadBefore, meta.loadAfter) > meta.cpus / 2;
	const m = memory.side.worker;
	const lines = [
		`# Mallcoo node benchmark — ${meta.date}`,
		'',
		`Sandbox latency L = ${LATENCY_MS} ms, in its own process. **Node**: workflow "Test Items → Mallcoo" run by n8n-core's WorkflowExecute (test/helpers/engine.ts). **Baseline**: plain undici Pool loop sending the same requests, signed by the credential's \`authenticate\`, at the same concurrency. Each run is a fresh process, measured after a warm-up.`,
		'',
		'Cells "a / b" are node / baseline. p50/p95 are sandbox-side (log finishedAt − startedAt) for both; "client p95" is request created → response headers in the client (node:http resp. undici diagnostics channels); "1st request" is how long after the run started the first request left. CPU ms/item and peak RSS (ru_maxrss) are the measuring process\'s own; "sandbox CPU" is the sandbox process\'s share of one core during the run.',
		'',
		tableRow(['op', 'C', 'items', 'node items/s', 'baseline items/s', 'node / baseline', 'target items/s (0.9·C/L)', 'p50 ms', 'p95 ms', 'client p95 ms', '1st request ms', 'CPU ms/item', 'sandbox CPU %', 'peak RSS MB', 'result']),
		tableRow(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
		...rows.map((r) =>
			tableRow([
				r.op,
				r.concurrency,
				r.items,
				f1(r.node.worker.itemsPerSecond),
				f1(r.baseline.worker.itemsPerSecond),
				f2(r.ratio),
				f1(r.targetPerSecond),
				pair(r.node.serverLatency.p50, r.baseline.serverLatency.p50, f0),
				pair(r.node.serverLatency.p95, r.baseline.serverLatency.p95, f0),
				pair(r.node.clientLatency.p95, r.baseline.clientLatency.p95),
				pair(r.node.worker.firstRequestMs, r.baseline.worker.firstRequestMs, f0),
				pair(r.node.worker.cpuMsPerItem, r.baseline.worker.cpuMsPerItem, f2),
				pair(r.node.sandboxCpuShare * 100, r.baseline.sandboxCpuShare * 100, f0),
				pair(r.node.worker.maxRssMb, r.baseline.worker.maxRssMb, f0),
				r.failures.length ? '**FAIL**' : 'pass',
			]),
		),
		'',
		`Memory: one node run of ${MEMORY.items} ${MEMORY.op} at C = ${MEMORY.concurrency}, L = ${MEMORY.latencyMs} ms (low latency only to keep it short).`,
		'',
		tableRow(['op', 'C', 'L ms', 'items', 'items/s', 'CPU ms/item', 'RSS before run MB', 'peak RSS MB (ru_maxrss)', 'heap retained after GC MB', 'limit MB', 'result']),
		tableRow(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
		tableRow([
			MEMORY.op,
			MEMORY.concurrency,
			MEMORY.latencyMs,
			m.items,
			f1(m.itemsPerSecond),
			f2(m.cpuMsPerItem),
			f0(m.rssBeforeMb),
			f1(m.maxRssMb),
			f1(m.heapRetainedMb),
			MEMORY.limitMb,
			memory.failures.length ? '**FAIL**' : 'pass',
		]),
		'',
		'"RSS before run" is the engine process with n8n-core loaded and warmed up, before any of the items; "heap retained" is what the run left alive after a full GC (the bench drops the output items).',
		'',
		`Total ${f0(meta.totalSeconds)} s on ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}; load average ${f2(meta.loadBefore)} before, ${f2(meta.loadAfter)} after.`,
	];
	if (busy) lines.push('', `**Warning**: the machine was busy (load average above ${meta.cpus / 2}); other processes took CPU from this run and its numbers are low.`);
	const failures = [...rows.flatMap((r) => r.failures), ...memory.failures];
	lines.push('', failures.length ? `## Targets missed\n\n${failures.map((f) => `- ${f}`).join('\n')}` : 'All targets met.');
	return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
	const began = Date.now();
	const loadBefore = os.loadavg()[0];
	const sandbox = await startSandboxProcess(ROOT, MEMBERS, LATENCY_MS, TS_HOOK);
	const rows: Row[] = [];
	let memory: { side: Side; failures: string[] };
	try {
		for (const op of OPS) {
			for (const concurrency of CONCURRENCIES) {
				const items = concurrency === 1 ? ITEMS_AT_C1 : ITEMS;
				process.stderr.write(`${op} C=${concurrency} × ${items}: node… `);
				const node = await measure(sandbox, 'node', op, concurrency, items, LATENCY_MS);
				process.stderr.write(`${f1(node.worker.itemsPerSecond)}/s; baseline… `);
				const baseline = await measure(sandbox, 'baseline', op, concurrency, items, LATENCY_MS);
				process.stderr.write(`${f1(baseline.worker.itemsPerSecond)}/s (${f0((Date.now() - began) / 1000)} s)\n`);

				const idealPerSecond = (concurrency / LATENCY_MS) * 1000;
				const targetPerSecond = TARGET_SHARE_OF_IDEAL * idealPerSecond;
				const ratio = node.worker.itemsPerSecond / baseline.worker.itemsPerSecond;
				const label = `${op} C=${concurrency}`;
				const failures = [...node.problems, ...baseline.problems].map((p) => `${label}: ${p}`);
				if (node.bodies.join('\n') !== baseline.bodies.join('\n')) failures.push(`${label}: node and baseline sent different paths/bodies`);
				if (node.worker.itemsPerSecond < targetPerSecond) {
					failures.push(`${label}: node ${f2(node.worker.itemsPerSecond)} items/s < ${f1(targetPerSecond)} (90% of C/L = ${f1(idealPerSecond)})`);
				}
				if (ratio < TARGET_SHARE_OF_BASELINE) {
					failures.push(`${label}: node ${f1(node.worker.itemsPerSecond)} items/s is ${f0(ratio * 100)}% of the undici baseline's ${f1(baseline.worker.itemsPerSecond)} (< 90%)`);
				}
				rows.push({ op, concurrency, items, idealPerSecond, targetPerSecond, node, baseline, ratio, failures });
			}
		}
		process.stderr.write(`memory: node ${MEMORY.op} C=${MEMORY.concurrency} × ${MEMORY.items} at ${MEMORY.latencyMs} ms… `);
		const side = await measure(sandbox, 'node', MEMORY.op, MEMORY.concurrency, MEMORY.items, MEMORY.latencyMs);
		process.stderr.write(`${f1(side.worker.maxRssMb)} MB peak\n\n`);
		const failures = side.problems.map((p) => `memory run: ${p}`);
		if (!(side.worker.maxRssMb < MEMORY.limitMb)) {
			failures.push(`memory run: peak RSS ${f1(side.worker.maxRssMb)} MB ≥ ${MEMORY.limitMb} MB for ${MEMORY.items} items`);
		}
		memory = { side, failures };
	} finally {
		sandbox.stop();
	}

	const meta: Meta = {
		date: new Date().toISOString(),
		totalSeconds: (Date.now() - began) / 1000,
		node: process.version,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
		loadBefore,
		loadAfter: os.loadavg()[0],
	};
	const markdown = report(rows, memory, meta);
	process.stdout.write(markdown);

	mkdirSync(RESULTS_DIR, { recursive: true });
	const stamp = meta.date.replace(/[:.]/g, '-');
	// The JSON keeps every number but the per-request lists.
	const summary = (side: Side) => ({ ...side, bodies: undefined, worker: { ...side.worker, clientLatencyMs: undefined } });
	const json = JSON.stringify(
		{
			meta,
			settings: { latencyMs: LATENCY_MS, targetShareOfIdeal: TARGET_SHARE_OF_IDEAL, targetShareOfBaseline: TARGET_SHARE_OF_BASELINE, memory: MEMORY },
			rows: rows.map((r) => ({ ...r, node: summary(r.node), baseline: summary(r.baseline) })),
			memory: { ...memory, side: summary(memory.side) },
		},
		null,
		2,
	);
	for (const name of [`bench-${stamp}`, 'latest']) {
		writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown);
		writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${json}\n`);
	}
	process.stdout.write(`\nWritten to bench-results/bench-${stamp}.md and .json (also latest.md, latest.json)\n`);
	const failed = rows.some((r) => r.failures.length) || memory.failures.length > 0;
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(2);
});
