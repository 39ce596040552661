/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * npm run bench: the Mallcoo node through n8n's engine against the sandbox, next to two
 * references at the same concurrency: the floor (n8n's request helper alone, bench/floor.ts)
 * and a plain undici baseline. Checked against the issue's targets; exits 1 if one is missed.
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
import type { Mode, WorkerConfig, WorkerResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

const LATENCY_MS = 50;
const CONCURRENCIES = [1, 5, 20];
const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
/**
 * At C = 1 and 50 ms a run of 2,000 takes ≥ 105 s, and there are six of them (2 ops × node, floor
 * and baseline): 11 min alone. So C = 1 gets 300 items (~100 s for the six runs, ~7 min for the
 * whole bench): 300 sequential requests still give a steady rate (a mean over 15 s) and 300
 * latency samples. The table prints the count used; BENCH_C1_ITEMS=2000 runs the full count.
 */
const ITEMS_AT_C1 = Number(process.env.BENCH_C1_ITEMS ?? 300);
const TARGET_SHARE_OF_IDEAL = 0.9; // ≥ 90 % of C / L
const TARGET_SHARE_OF_BASELINE = 0.9; // ≥ 90 % of undici at the same C
/**
 * The memory check: node runs of 10,000 lookups, lower latency only to keep them short. The peak
 * depends on when V8 collects garbage, so each side runs several times; the worst run counts.
 */
const MEMORY = {
	op: 'member/get' as Op,
	items: 10_000,
	concurrency: 20,
	latencyMs: 5,
	limitMb: 300,
	runs: 3,
};
const MEMBERS = 10_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const TS_HOOK = ['--require', 'tsx/cjs'];
/** gc() lets each worker start its measured run from a collected heap and report what it retained. */
const WORKER_FLAGS = [...TS_HOOK, '--expose-gc'];

const warmupCount = (concurrency: number) => Math.min(100, Math.max(20, 5 * concurrency));
/** Distinct generated members: measured items from the start, warm-up from the end of the range. */
const mobiles = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => generatedMember(from + i).Mobile);

interface Side {
	mode: Mode;
	worker: WorkerResult;
	/** From the sandbox log: finishedAt − startedAt, the same source for every side. */
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

const latencySummary = (values: number[]) => ({
	p50: percentile(values, 0.5),
	p95: percentile(values, 0.95),
});

/** One configuration in a fresh worker process; the sandbox log is emptied after its warm-up. */
async function measure(
	sandbox: SandboxProcess,
	mode: Mode,
	op: Op,
	concurrency: number,
	items: number,
	latencyMs: number,
): Promise<Side> {
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
	const child = fork(path.join(__dirname, 'worker.ts'), [], {
		cwd: ROOT,
		execArgv: WORKER_FLAGS,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
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
				else if (message.type === 'error')
					reject(new Error(`${mode} worker failed: ${message.message}`));
			});
			exited.then((code) => reject(new Error(`${mode} worker exited (${code}) without a result`)));
			child.send({ type: 'config', config });
		});
		const sandboxCpuShare = (sandbox.cpuMs() - sandboxCpuAtGo) / result.wallMs;
		const log: RecordedRequest[] = await sandbox.requests();
		const problems: string[] = [];
		if (log.length !== items)
			problems.push(`${mode}: the sandbox saw ${log.length} requests for ${items} items`);
		const refused = log.filter((r) => r.response.code !== 1);
		if (refused.length)
			problems.push(
				`${mode}: ${refused.length} requests not answered Code 1, e.g. ${JSON.stringify(refused[0].response)}`,
			);
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
	floor: Side;
	baseline: Side;
	ratio: number;
	floorRatio: number;
	failures: string[];
}

interface MemoryResult {
	node: Side[];
	floor: Side[];
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
/** "node / floor / baseline" in one cell. */
const triple = (r: Row, value: (side: Side) => number, format = f1) =>
	[r.node, r.floor, r.baseline].map((side) => format(value(side))).join(' / ');
const tableRow = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const header = (names: string[]) => [
	tableRow(names),
	tableRow(names.map((_, i) => (i === 0 || i === names.length - 1 ? '---' : '---:'))),
];

function memoryRows(memory: MemoryResult): string[] {
	const row = (label: string, side: Side, index: number) => {
		const w = side.worker;
		return tableRow([
			label,
			index + 1,
			f1(w.itemsPerSecond),
			f2(w.cpuMsPerItem),
			f0(w.rssBeforeMb),
			f1(w.maxRssMb),
			f1(w.heapRetainedMb),
			w.maxRssMb < MEMORY.limitMb ? 'pass' : '**over**',
		]);
	};
	return [
		...header([
			'side',
			'run',
			'items/s',
			'CPU ms/item',
			'RSS before run MB',
			'peak RSS MB (ru_maxrss)',
			'heap retained after GC MB',
			'under 300 MB',
		]),
		...memory.node.map((side, i) => row('node', side, i)),
		...memory.floor.map((side, i) => row("floor (n8n's helper alone)", side, i)),
	];
}

function report(rows: Row[], memory: MemoryResult, meta: Meta): string {
	const busy = Math.max(meta.loadBefore, meta.loadAfter) > meta.cpus / 2;
	const lines = [
		`# Mallcoo node benchmark — ${meta.date}`,
		'',
		`Sandbox latency L = ${LATENCY_MS} ms, in its own process. Three sides per configuration, each in a fresh process, measured after a warm-up, at the same concurrency:`,
		'',
		'- **node**: workflow "Test Items → Mallcoo" run by n8n-core\'s WorkflowExecute (test/helpers/engine.ts), `mobile` set by the expression `{{ $json.mobile }}`.',
		"- **floor**: the same workflow with a bare node in the Mallcoo node's place (bench/floor.ts) that sends the same requests through n8n's `httpRequestWithAuthentication` and does nothing else. A community node may send HTTP only through that helper, so no node can beat the floor.",
		"- **baseline**: a plain undici Pool loop sending the same requests, signed by the credential's `authenticate`, over kept-alive connections.",
		'',
		'Cells "a / b / c" are node / floor / baseline. p50/p95 are sandbox-side (log finishedAt − startedAt); "client p95" is request created → response headers in the client (node:http resp. undici diagnostics channels); "1st request" is how long after the run started the first request left (the node checks every item first). CPU ms/item and peak RSS (ru_maxrss) are the measuring process\'s own; "sandbox CPU" is the sandbox process\'s share of one core during the run.',
		'',
		...header([
			'op',
			'C',
			'items',
			'items/s',
			'node / floor',
			'node / baseline',
			'target items/s (0.9·C/L)',
			'p50 ms',
			'p95 ms',
			'client p95 ms',
			'1st request ms',
			'CPU ms/item',
			'sandbox CPU %',
			'peak RSS MB',
			'result',
		]),
		...rows.map((r) =>
			tableRow([
				r.op,
				r.concurrency,
				r.items,
				triple(r, (side) => side.worker.itemsPerSecond),
				f2(r.floorRatio),
				f2(r.ratio),
				f1(r.targetPerSecond),
				triple(r, (side) => side.serverLatency.p50, f0),
				triple(r, (side) => side.serverLatency.p95, f0),
				triple(r, (side) => side.clientLatency.p95),
				triple(r, (side) => side.worker.firstRequestMs, f0),
				triple(r, (side) => side.worker.cpuMsPerItem, f2),
				triple(r, (side) => side.sandboxCpuShare * 100, f0),
				triple(r, (side) => side.worker.maxRssMb, f0),
				r.failures.length ? '**FAIL**' : 'pass',
			]),
		),
		'',
		`Memory: ${MEMORY.runs} runs per side of ${MEMORY.items} ${MEMORY.op} at C = ${MEMORY.concurrency}, L = ${MEMORY.latencyMs} ms (low latency only to keep them short). The peak depends on when V8 collects garbage, so it varies from run to run; the worst run counts.`,
		'',
		...memoryRows(memory),
		'',
		'"RSS before run" is the engine process with n8n-core loaded and warmed up, before any of the items; "heap retained" is what the run left alive after a full GC (the bench drops the output items).',
		'',
		`Total ${f0(meta.totalSeconds)} s on ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}; load average ${f2(meta.loadBefore)} before, ${f2(meta.loadAfter)} after.`,
	];
	if (busy)
		lines.push(
			'',
			`**Warning**: the machine was busy (load average above ${meta.cpus / 2}); other processes took CPU from this run and its numbers are low.`,
		);
	const failures = [...rows.flatMap((r) => r.failures), ...memory.failures];
	lines.push(
		'',
		failures.length
			? `## Targets missed\n\n${failures.map((f) => `- ${f}`).join('\n')}`
			: 'All targets met.',
	);
	return `${lines.join('\n')}\n`;
}

/** The issue's targets for one configuration; each miss says whether n8n's helper alone would meet it. */
function targetFailures(r: Omit<Row, 'failures'>): string[] {
	const label = `${r.op} C=${r.concurrency}`;
	const failures = [...r.node.problems, ...r.floor.problems, ...r.baseline.problems].map(
		(p) => `${label}: ${p}`,
	);
	const bodies = (side: Side) => side.bodies.join('\n');
	if (bodies(r.node) !== bodies(r.baseline) || bodies(r.floor) !== bodies(r.baseline))
		failures.push(`${label}: the sides sent different paths/bodies`);
	const floorPerSecond = r.floor.worker.itemsPerSecond;
	const floorNote = (target: number) =>
		floorPerSecond < target
			? ` — n8n's request helper alone reaches only ${f1(floorPerSecond)} items/s here, below the target too`
			: ` — n8n's request helper alone reaches ${f1(floorPerSecond)} items/s`;
	const nodePerSecond = r.node.worker.itemsPerSecond;
	if (nodePerSecond < r.targetPerSecond) {
		failures.push(
			`${label}: node ${f1(nodePerSecond)} items/s < ${f1(r.targetPerSecond)} (90% of C/L = ${f1(r.idealPerSecond)})${floorNote(r.targetPerSecond)}`,
		);
	}
	const baselineTarget = TARGET_SHARE_OF_BASELINE * r.baseline.worker.itemsPerSecond;
	if (r.ratio < TARGET_SHARE_OF_BASELINE) {
		failures.push(
			`${label}: node ${f1(nodePerSecond)} items/s is ${f0(r.ratio * 100)}% of the undici baseline's ${f1(r.baseline.worker.itemsPerSecond)} (< 90%)${floorNote(baselineTarget)}`,
		);
	}
	return failures;
}

async function main(): Promise<void> {
	const began = Date.now();
	const loadBefore = os.loadavg()[0];
	const sandbox = await startSandboxProcess(ROOT, MEMBERS, LATENCY_MS, TS_HOOK);
	const rows: Row[] = [];
	let memory: MemoryResult;
	try {
		for (const op of OPS) {
			for (const concurrency of CONCURRENCIES) {
				const items = concurrency === 1 ? ITEMS_AT_C1 : ITEMS;
				process.stderr.write(`${op} C=${concurrency} × ${items}:`);
				const side = async (mode: Mode) => {
					const measured = await measure(sandbox, mode, op, concurrency, items, LATENCY_MS);
					process.stderr.write(` ${mode} ${f1(measured.worker.itemsPerSecond)}/s`);
					return measured;
				};
				const [node, floor, baseline] = [
					await side('node'),
					await side('floor'),
					await side('baseline'),
				];
				process.stderr.write(` (${f0((Date.now() - began) / 1000)} s)\n`);

				const idealPerSecond = (concurrency / LATENCY_MS) * 1000;
				const row = {
					op,
					concurrency,
					items,
					idealPerSecond,
					targetPerSecond: TARGET_SHARE_OF_IDEAL * idealPerSecond,
					node,
					floor,
					baseline,
					ratio: node.worker.itemsPerSecond / baseline.worker.itemsPerSecond,
					floorRatio: node.worker.itemsPerSecond / floor.worker.itemsPerSecond,
				};
				rows.push({ ...row, failures: targetFailures(row) });
			}
		}
		memory = { node: [], floor: [], failures: [] };
		for (let run = 1; run <= MEMORY.runs; run++) {
			for (const mode of ['node', 'floor'] as const) {
				process.stderr.write(
					`memory ${run}/${MEMORY.runs}: ${mode} ${MEMORY.op} C=${MEMORY.concurrency} × ${MEMORY.items} at ${MEMORY.latencyMs} ms… `,
				);
				const side = await measure(
					sandbox,
					mode,
					MEMORY.op,
					MEMORY.concurrency,
					MEMORY.items,
					MEMORY.latencyMs,
				);
				process.stderr.write(`${f1(side.worker.maxRssMb)} MB peak\n`);
				memory[mode].push(side);
				memory.failures.push(...side.problems.map((p) => `memory run ${run}: ${p}`));
			}
		}
		const worst = (sides: Side[]) => Math.max(...sides.map((side) => side.worker.maxRssMb));
		if (!(worst(memory.node) < MEMORY.limitMb)) {
			const floorNote =
				worst(memory.floor) < MEMORY.limitMb
					? ''
					: ` — n8n's request helper alone peaked at ${f1(worst(memory.floor))} MB in the same runs`;
			memory.failures.push(
				`memory: node peak RSS ${f1(worst(memory.node))} MB ≥ ${MEMORY.limitMb} MB for ${MEMORY.items} items (worst of ${MEMORY.runs} runs)${floorNote}`,
			);
		}
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
	const summary = (side: Side) => ({
		...side,
		bodies: undefined,
		worker: { ...side.worker, clientLatencyMs: undefined },
	});
	const json = JSON.stringify(
		{
			meta,
			settings: {
				latencyMs: LATENCY_MS,
				targetShareOfIdeal: TARGET_SHARE_OF_IDEAL,
				targetShareOfBaseline: TARGET_SHARE_OF_BASELINE,
				memory: MEMORY,
			},
			rows: rows.map((r) => ({
				...r,
				node: summary(r.node),
				floor: summary(r.floor),
				baseline: summary(r.baseline),
			})),
			memory: { ...memory, node: memory.node.map(summary), floor: memory.floor.map(summary) },
		},
		null,
		2,
	);
	for (const name of [`bench-${stamp}`, 'latest']) {
		writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown);
		writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${json}\n`);
	}
	process.stdout.write(
		`\nWritten to bench-results/bench-${stamp}.md and .json (also latest.md, latest.json)\n`,
	);
	const failed = rows.some((r) => r.failures.length) || memory.failures.length > 0;
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(
		`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(2);
});
