/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * npm run bench: the Mallcoo node against the sandbox, next to references at the same concurrency.
 *
 * - latency-bound (50 ms): the node through n8n-core's engine in-process, the floor (n8n's request
 *   helper alone, bench/floor.ts) and a plain undici baseline;
 * - points/add against member/get at C = 20, same latency, alternating rounds: the write's items/s
 *   as a share of the lookup's (node, and the floor for reference);
 * - a data import (Analytics → Import Shop Sale) against points/add, the same way: the import's
 *   CPU per item as a multiple of the points write's;
 * - memory: 10,000 items in one run, node and floor, alternating;
 * - CPU-bound (0 ms, bench/cpu-bound.ts): one real n8n server running the node, the floor and the
 *   user's alternative (Code node that signs + HTTP Request node) in alternating rounds, with a
 *   CPU profile of the node's and the floor's runs (bench/profile.ts).
 *
 * Checked against the throughput targets (README, "Throughput"); exits 1 if one is missed that the floor meets (a target
 * that n8n's helper alone misses is reported, not failed: no community node can beat the floor).
 *
 *   --only=latency,points,import,memory,cpu,coupons  run only these parts (default: all)
 *   --queue                    the queue-mode bench instead (bench/queue.ts)
 *   BENCH_C1_ITEMS=2000  items per run at concurrency 1 (default 300, see ITEMS_AT_C1)
 *   BENCH_ITEMS=200      items per run at concurrency 5 and 20 (default 2000; for trying the bench out)
 *   BENCH_POINTS_ROUNDS=3  alternating rounds of points/add vs member/get (BENCH_ITEMS items each)
 *   BENCH_LATENCY_ROUNDS=3  runs of each side per latency-bound configuration (median shown)
 *   BENCH_CPU_ITEMS=2000, BENCH_CPU_ROUNDS=5  the CPU-bound configuration's items and rounds per path
 *   BENCH_COUPON_MEMBERS, _ROUNDS, _LATENCY  the coupon-send part (bench/coupon-send.ts)
 *   N8N_CACHE_DIR        where n8n 2.41.1 and Node 24 are installed (scripts/lib/install.mjs)
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
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { DEMO_CREDENTIALS, generatedMember, type RecordedRequest } from '../sandbox/server';
import { couponBench, couponReport, type CouponBenchResult } from './coupon-send';
import { runCpuBound, median, type CpuBoundResult, type CpuSummary } from './cpu-bound';
import { CPU_PATHS } from './n8n-workflows';
import { OPS, SALE, type BenchOp, type Op } from './ops';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import type { Mode, WorkerConfig, WorkerResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

const LATENCY_MS = 50;
const CONCURRENCIES = [1, 5, 20];
/**
 * Each configuration runs node, floor and baseline this many times, in turning order; the table
 * shows each side's median run. One run each is not enough: at C = 5 the floor clears the undici
 * target by 0.3 to 3 %, and single runs vary by 1 to 3 %.
 */
const LATENCY_ROUNDS = Math.max(1, Number(process.env.BENCH_LATENCY_ROUNDS ?? 3));
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
const TARGET_SHARE_OF_FLOOR = 0.9; // ≥ 90 % of n8n's helper alone at the same C
/** The CPU-bound configuration, in one real n8n (bench/cpu-bound.ts). */
const CPU = {
	items: Number(process.env.BENCH_CPU_ITEMS ?? 2000),
	rounds: Number(process.env.BENCH_CPU_ROUNDS ?? 5),
	concurrency: 20,
	/** The node's n8n CPU per item at most this × the floor's. */
	cpuOverFloor: 1.1,
	/** The node's items/s at least this × the user's alternative's. */
	overAlternative: 2,
};
/** 10,000 items: the node's peak RSS (median of the runs) at most this × the floor's. */
const MEMORY_OVER_FLOOR = 1.1;
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
/**
 * points/add (a write through the Beyond-the-user-API path) against member/get, both at C = 20 and
 * L = 50 ms, in alternating rounds of the same run; the medians' ratio must be at least minShare.
 */
const POINTS = {
	op: 'points/add' as BenchOp,
	reference: 'member/get' as BenchOp,
	concurrency: 20,
	rounds: Number(process.env.BENCH_POINTS_ROUNDS ?? 3),
	minShare: 0.95,
};
/**
 * A data import (one shop sale per item, BI event 401002) against points/add, both at C = 20 and
 * L = 50 ms, in alternating rounds: the node's CPU per import item at most maxCpuOverReference ×
 * its CPU per points item (the write path every import item takes as well: read, check, sign, send).
 */
const IMPORT = {
	op: 'analytics/importShopSale' as BenchOp,
	reference: 'points/add' as BenchOp,
	concurrency: 20,
	rounds: Number(process.env.BENCH_POINTS_ROUNDS ?? 3),
	maxCpuOverReference: 1.1,
};
const MEMBERS = 10_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const TS_HOOK = ['--require', 'tsx/cjs'];
/** gc() lets each worker start its measured run from a collected heap and report what it retained. */
const WORKER_FLAGS = [...TS_HOOK, '--expose-gc'];

const warmupCount = (concurrency: number) => Math.min(100, Math.max(20, 5 * concurrency));
/**
 * Input items for generated members from..from+count-1: `{ mobile }`, or for points/add
 * `{ openUserId, transactionId }`; for the import, one sale per item with its own order number. The sandbox refuses a TransID it has seen (3006), so each
 * run passes its own `transactionPrefix`; the member number keeps the IDs distinct within it.
 */
function benchItems(
	op: BenchOp,
	from: number,
	count: number,
	transactionPrefix: string,
): IDataObject[] {
	return Array.from({ length: count }, (_, i) => {
		if (op === 'analytics/importShopSale')
			return {
				...SALE,
				orderId: `${transactionPrefix}-${from + i}`,
				shopCode: `S${String(1 + ((from + i) % 120)).padStart(5, '0')}`,
			};
		const member = generatedMember(from + i);
		return op === 'points/add'
			? { openUserId: member.OpenUserID, transactionId: `${transactionPrefix}-${from + i}` }
			: { mobile: member.Mobile };
	});
}

/** Every measured run's transaction IDs start with its own prefix: this process, then a counter. */
const RUN_ID = `bench${Date.now().toString(36)}`;
let runCount = 0;

interface Side {
	mode: Mode;
	/** The run's transaction-ID prefix (points/add), replaced by a placeholder to compare bodies. */
	transactionPrefix: string;
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
	op: BenchOp,
	concurrency: number,
	items: number,
	latencyMs: number,
): Promise<Side> {
	await sandbox.reset(latencyMs);
	const warmup = warmupCount(concurrency);
	const transactionPrefix = `${RUN_ID}-${++runCount}`;
	const config: WorkerConfig = {
		mode,
		op,
		concurrency,
		baseUrl: sandbox.url,
		credentials: { ...DEMO_CREDENTIALS },
		// Distinct generated members: measured items from the start, warm-up from the end of the range.
		warmupItems: benchItems(op, MEMBERS - warmup + 1, warmup, transactionPrefix),
		items: benchItems(op, 1, items, transactionPrefix),
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
			transactionPrefix,
			worker: result,
			serverLatency: latencySummary(log.map((r) => (r.finishedAt ?? NaN) - r.startedAt)),
			clientLatency: latencySummary(result.clientLatencyMs),
			sandboxCpuShare,
			requests: log.length,
			problems,
			bodies: log
				.map((r) => `${r.path} ${r.rawBody.replaceAll(transactionPrefix, '<run>')}`)
				.sort(),
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
	/** Medians of each round's node / baseline and node / floor items/s (both runs in one round). */
	ratio: number;
	floorRatio: number;
	/** Items/s of each round: node, floor, baseline. */
	roundRates: number[][];
	/** What any run of any round saw wrong (the sides shown are each side's median run). */
	roundProblems: string[];
	/** Targets missed that the floor meets: these fail the bench. */
	failures: string[];
	/** Targets missed that n8n's helper alone misses too: reported, not failed. */
	limits: string[];
}

type LatencyRound = Record<Mode, Side>;

interface MemoryResult {
	node: Side[];
	floor: Side[];
	failures: string[];
	limits: string[];
}

/** One alternating round of the points comparison: node and floor, each op. */
interface PointsRound {
	node: { points: Side; reference: Side };
	floor: { points: Side; reference: Side };
}

interface PointsResult {
	rounds: PointsRound[];
	/** Medians over the rounds: items/s of each op, and of each round's ratio points / reference. */
	node: { points: number; reference: number; ratio: number };
	floor: { points: number; reference: number; ratio: number };
	failures: string[];
	limits: string[];
}

/** One alternating round of the import comparison: node and floor, each op. */
interface ImportRound {
	node: { import: Side; reference: Side };
	floor: { import: Side; reference: Side };
}

interface ImportResult {
	rounds: ImportRound[];
	/** Medians over the rounds: CPU ms/item of each op, and of each round's ratio import / reference. */
	node: { import: number; reference: number; ratio: number };
	floor: { import: number; reference: number; ratio: number };
	failures: string[];
	limits: string[];
}

interface CpuPart {
	result: CpuBoundResult;
	failures: string[];
	limits: string[];
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
/** A table header; `textColumns` left-aligned (default: the first and the last), the rest right. */
const header = (names: string[], textColumns = [0, names.length - 1]) => [
	tableRow(names),
	tableRow(names.map((_, i) => (textColumns.includes(i) ? '---' : '---:'))),
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
			w.maxRssMb < MEMORY.limitMb ? 'yes' : 'no',
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

function report(
	rows: Row[],
	points: PointsResult | undefined,
	imports: ImportResult | undefined,
	memory: MemoryResult | undefined,
	cpu: CpuPart | undefined,
	meta: Meta,
): string {
	const busy = Math.max(meta.loadBefore, meta.loadAfter) > meta.cpus / 2;
	const lines = [`# Mallcoo node benchmark — ${meta.date}`, ''];
	if (rows.length)
		lines.push(
			`## Latency-bound: n8n-core in-process, sandbox at L = ${LATENCY_MS} ms`,
			'',
			`The sandbox runs in its own process. Three sides per configuration, each in a fresh process, measured after a warm-up, at the same concurrency, ${LATENCY_ROUNDS} rounds in turning order (node, floor, baseline; then floor, baseline, node; …). Each cell shows the side's median run; the two ratios are medians of each round's own ratio:`,
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
				'rounds (node / floor / baseline items/s)',
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
					r.roundRates.map((rates) => rates.map(f1).join(' / ')).join(', '),
					r.failures.length ? '**FAIL**' : r.limits.length ? 'n8n limit' : 'pass',
				]),
			),
			'',
		);
	if (points) lines.push(...pointsReport(points), '');
	if (imports) lines.push(...importReport(imports), '');
	if (memory)
		lines.push(
			`## Memory: ${MEMORY.runs} runs per side of ${MEMORY.items} ${MEMORY.op} at C = ${MEMORY.concurrency}, L = ${MEMORY.latencyMs} ms`,
			'',
			`Low latency only to keep the runs short; node and floor alternate. The peak depends on when V8 collects garbage, so it varies from run to run: the target compares medians (node ≤ floor + ${f0((MEMORY_OVER_FLOOR - 1) * 100)}%).`,
			'',
			...memoryRows(memory),
			'',
			'"RSS before run" is the engine process with n8n-core loaded and warmed up, before any of the items; "heap retained" is what the run left alive after a full GC (the bench drops the output items).',
			'',
		);
	if (cpu) lines.push(...cpuReport(cpu), '');
	lines.push(
		`Total ${f0(meta.totalSeconds)} s on ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}; load average ${f2(meta.loadBefore)} before, ${f2(meta.loadAfter)} after.`,
	);
	if (busy)
		lines.push(
			'',
			`**Warning**: the machine was busy (load average above ${meta.cpus / 2}); other processes took CPU from this run and its numbers are low.`,
		);
	const failures = [
		...rows.flatMap((r) => r.failures),
		...(points?.failures ?? []),
		...(imports?.failures ?? []),
		...(memory?.failures ?? []),
		...(cpu?.failures ?? []),
	];
	const limits = [
		...rows.flatMap((r) => r.limits),
		...(points?.limits ?? []),
		...(imports?.limits ?? []),
		...(memory?.limits ?? []),
		...(cpu?.limits ?? []),
	];
	lines.push(
		'',
		failures.length
			? `## Targets missed\n\n${failures.map((f) => `- ${f}`).join('\n')}`
			: 'All targets that the floor meets are met.',
	);
	if (limits.length)
		lines.push(
			'',
			`## Targets n8n's request helper alone misses too (reported, not failed)\n\n${limits.map((f) => `- ${f}`).join('\n')}`,
		);
	return `${lines.join('\n')}\n`;
}

/**
 * The throughput targets for one latency-bound configuration. A miss fails the bench only when the
 * floor (n8n's helper alone) meets that target in the same run; otherwise it is a limit of n8n.
 */
function targetFailures(r: Omit<Row, 'failures' | 'limits'>): {
	failures: string[];
	limits: string[];
} {
	const label = `${r.op} C=${r.concurrency}`;
	const failures = [...new Set(r.roundProblems)].map((p) => `${label}: ${p}`);
	const limits: string[] = [];
	const bodies = (side: Side) => side.bodies.join('\n');
	if (bodies(r.node) !== bodies(r.baseline) || bodies(r.floor) !== bodies(r.baseline))
		failures.push(`${label}: the sides sent different paths/bodies`);
	const floorPerSecond = r.floor.worker.itemsPerSecond;
	const nodePerSecond = r.node.worker.itemsPerSecond;
	const miss = (target: number, text: string) => {
		if (nodePerSecond >= target) return;
		if (floorPerSecond >= target)
			failures.push(`${text} — n8n's request helper alone reaches ${f1(floorPerSecond)} items/s`);
		else
			limits.push(
				`${text} — n8n's request helper alone reaches only ${f1(floorPerSecond)} items/s here, below the target too`,
			);
	};
	miss(
		r.targetPerSecond,
		`${label}: node ${f1(nodePerSecond)} items/s < ${f1(r.targetPerSecond)} (90% of C/L = ${f1(r.idealPerSecond)})`,
	);
	miss(
		TARGET_SHARE_OF_BASELINE * r.baseline.worker.itemsPerSecond,
		`${label}: node ${f1(nodePerSecond)} items/s is ${f0(r.ratio * 100)}% of the undici baseline's ${f1(r.baseline.worker.itemsPerSecond)} (< 90%)`,
	);
	if (r.floorRatio < TARGET_SHARE_OF_FLOOR)
		failures.push(
			`${label}: node ${f1(nodePerSecond)} items/s is ${f0(r.floorRatio * 100)}% of the floor's ${f1(floorPerSecond)} (< ${f0(TARGET_SHARE_OF_FLOOR * 100)}%)`,
		);
	return { failures, limits };
}

/** The CPU-bound configuration's targets, per op, from the medians of the rounds. */
function cpuTargets(result: CpuBoundResult): CpuPart {
	const failures = [...result.problems];
	const limits: string[] = [];
	for (const op of OPS) {
		const of = (path: string) => result.summaries.find((s) => s.op === op && s.path === path)!;
		const [node, floor, alternative] = [of('node'), of('floor'), of('alternative')];
		if (!node || !floor || !alternative) continue;
		const label = `cpu-bound ${op}`;
		const cpuLimit = CPU.cpuOverFloor * floor.cpuMsPerItem;
		if (!(node.cpuMsPerItem <= cpuLimit))
			failures.push(
				`${label}: node ${f2(node.cpuMsPerItem)} ms of n8n CPU per item > ${f2(cpuLimit)} (floor ${f2(floor.cpuMsPerItem)} + ${f0((CPU.cpuOverFloor - 1) * 100)}%)`,
			);
		const wanted = CPU.overAlternative * alternative.itemsPerSecond;
		if (!(node.itemsPerSecond >= wanted)) {
			const text = `${label}: node ${f1(node.itemsPerSecond)} items/s < ${CPU.overAlternative} × the user's alternative's ${f1(alternative.itemsPerSecond)}`;
			if (floor.itemsPerSecond >= wanted)
				failures.push(`${text} — the floor reaches ${f1(floor.itemsPerSecond)} items/s`);
			else
				limits.push(
					`${text} — n8n's request helper alone reaches only ${f1(floor.itemsPerSecond)} items/s (${f2(floor.itemsPerSecond / alternative.itemsPerSecond)} × the alternative), so ${CPU.overAlternative} × is out of reach for any community node here`,
				);
		}
	}
	return { result, failures, limits };
}

function cpuReport(cpu: CpuPart): string[] {
	const { result } = cpu;
	const summaryOf = (op: Op, path: string) =>
		result.summaries.find((s) => s.op === op && s.path === path) as CpuSummary;
	const lines = [
		`## CPU-bound: one real n8n ${result.n8nVersion} (Node ${result.nodeVersion}), sandbox at 0 ms`,
		'',
		`${result.items} items per webhook call, concurrency ${result.concurrency}, ${result.roundsPerPath} rounds per path in turning order (node, floor, alternative; floor, alternative, node; …), so that no path always follows the same one; medians. Each profiled call below comes right after an unprofiled call of the same path. Each workflow: Webhook → Split Out → the path → answer with the last node's first item; no execution data saved (the database would add the same cost to every path).`,
		'',
		'- **node**: the Mallcoo node, `mobile` = `{{ $json.mobile }}`, Concurrency 20.',
		"- **floor**: bench/floor.ts (n8n's `httpRequestWithAuthentication` alone), installed beside the node.",
		"- **alternative**: what a user builds without this package from the README: a Code node that serialises and signs each body (MD5, `require('crypto')`), then the HTTP Request node (raw body, four headers, batching 20 items per 1 ms).",
		'',
		'"n8n CPU" is the n8n process group (main process + task runner) from /proc, over the call; "peak RSS" is the n8n main process\'s VmHWM over the call.',
		'',
		...header(
			[
				'op',
				'path',
				'items/s',
				'n8n CPU ms/item',
				'CPU / floor',
				'items/s / alternative',
				'peak RSS MB',
				'sandbox CPU %',
				'rounds (items/s, CPU ms/item)',
			],
			[0, 1, 8],
		),
	];
	for (const op of OPS) {
		const floor = summaryOf(op, 'floor');
		const alternative = summaryOf(op, 'alternative');
		for (const path of CPU_PATHS) {
			const s = summaryOf(op, path);
			if (!s) continue;
			const rounds = result.rounds
				.filter((r) => r.op === op && r.path === path)
				.map((r) => `${f0(r.itemsPerSecond)}/${f2(r.cpuMsPerItem)}`)
				.join(', ');
			lines.push(
				tableRow([
					op,
					path,
					f1(s.itemsPerSecond),
					f2(s.cpuMsPerItem),
					f2(s.cpuMsPerItem / floor.cpuMsPerItem),
					f2(s.itemsPerSecond / alternative.itemsPerSecond),
					f0(s.peakRssMb),
					f0(s.sandboxCpuShare * 100),
					rounds,
				]),
			);
		}
	}
	for (const profile of result.profiles) {
		const a = profile.analysis;
		lines.push(
			'',
			`### Profile: ${profile.path} ${profile.op} (bench-results/${profile.file})`,
			'',
			`One extra round under V8's sampling profiler (250 µs): ${f0(profile.itemsPerSecond)} items/s, ${f0(a.busyMs)} ms of main-thread time for ${a.items} items. Self time by category (each sample goes to its innermost frame in a known part; Node internals and V8 builtins count for their caller):`,
			'',
			...header(['category', 'ms', 'ms/item', 'share'], [0]),
			...a.categories.map((c) =>
				tableRow([c.category, f1(c.ms), f2(c.msPerItem), `${f0(c.share * 100)}%`]),
			),
			'',
			'Top frames above the helper (self time):',
			'',
			...header(['category', 'function', 'where', 'self ms', 'µs/item'], [0, 1, 2]),
			...a.topFramesAboveHelper.map((f) =>
				tableRow([
					f.category,
					`\`${f.functionName}\``,
					f.location,
					f1(f.selfMs),
					f0((f.selfMs * 1000) / a.items),
				]),
			),
		);
	}
	return lines;
}

/** The side of the median run of a configuration's rounds, by items/s. */
function medianSide(rounds: LatencyRound[], mode: Mode): Side {
	const sorted = rounds
		.map((round) => round[mode])
		.sort((a, b) => a.worker.itemsPerSecond - b.worker.itemsPerSecond);
	return sorted[sorted.length >> 1];
}

async function latencyRows(sandbox: SandboxProcess, began: number): Promise<Row[]> {
	const rows: Row[] = [];
	const modes: Mode[] = ['node', 'floor', 'baseline'];
	for (const op of OPS) {
		for (const concurrency of CONCURRENCIES) {
			const items = concurrency === 1 ? ITEMS_AT_C1 : ITEMS;
			process.stderr.write(`${op} C=${concurrency} × ${items}:`);
			const rounds: LatencyRound[] = [];
			for (let round = 0; round < LATENCY_ROUNDS; round++) {
				const sides: Partial<LatencyRound> = {};
				// The order turns every round, so that no side always runs first.
				for (let turn = 0; turn < modes.length; turn++) {
					const mode = modes[(round + turn) % modes.length];
					const measured = await measure(sandbox, mode, op, concurrency, items, LATENCY_MS);
					process.stderr.write(` ${mode} ${f1(measured.worker.itemsPerSecond)}/s`);
					sides[mode] = measured;
				}
				rounds.push(sides as LatencyRound);
			}
			process.stderr.write(` (${f0((Date.now() - began) / 1000)} s)\n`);

			const idealPerSecond = (concurrency / LATENCY_MS) * 1000;
			const pairedRatio = (other: Mode) =>
				median(
					rounds.map(
						(round) => round.node.worker.itemsPerSecond / round[other].worker.itemsPerSecond,
					),
				);
			const row = {
				op,
				concurrency,
				items,
				idealPerSecond,
				targetPerSecond: TARGET_SHARE_OF_IDEAL * idealPerSecond,
				node: medianSide(rounds, 'node'),
				floor: medianSide(rounds, 'floor'),
				baseline: medianSide(rounds, 'baseline'),
				ratio: pairedRatio('baseline'),
				floorRatio: pairedRatio('floor'),
				roundRates: rounds.map((round) => modes.map((mode) => round[mode].worker.itemsPerSecond)),
				roundProblems: rounds.flatMap((round) => modes.flatMap((mode) => round[mode].problems)),
			};
			rows.push({ ...row, ...targetFailures(row) });
		}
	}
	return rows;
}

/**
 * points/add against member/get at C = 20: POINTS.rounds rounds, each the node's two runs then the
 * floor's, the two ops' order swapped every round. The target is the ratio of the node's medians; a
 * miss fails the bench only if the floor's own ratio meets it (otherwise the endpoint or n8n's
 * helper is the limit, not the node).
 */
async function pointsRuns(sandbox: SandboxProcess, began: number): Promise<PointsResult> {
	const rounds: PointsRound[] = [];
	const failures: string[] = [];
	const { concurrency } = POINTS;
	for (let round = 1; round <= POINTS.rounds; round++) {
		const order = round % 2 ? [POINTS.reference, POINTS.op] : [POINTS.op, POINTS.reference];
		const sides = {} as PointsRound;
		for (const mode of ['node', 'floor'] as const) {
			const byOp = new Map<BenchOp, Side>();
			for (const op of order) {
				process.stderr.write(
					`points ${round}/${POINTS.rounds}: ${mode} ${op} C=${concurrency} × ${ITEMS}… `,
				);
				const side = await measure(sandbox, mode, op, concurrency, ITEMS, LATENCY_MS);
				process.stderr.write(
					`${f1(side.worker.itemsPerSecond)}/s (${f0((Date.now() - began) / 1000)} s)\n`,
				);
				failures.push(...side.problems.map((p) => `points round ${round} ${op}: ${p}`));
				byOp.set(op, side);
			}
			sides[mode] = { points: byOp.get(POINTS.op)!, reference: byOp.get(POINTS.reference)! };
		}
		const bodies = (side: Side) => side.bodies.join('\n');
		for (const key of ['points', 'reference'] as const)
			if (bodies(sides.node[key]) !== bodies(sides.floor[key]))
				failures.push(`points round ${round}: node and floor sent different paths/bodies (${key})`);
		rounds.push(sides);
	}
	const medians = (mode: 'node' | 'floor') => {
		const of = (key: 'points' | 'reference') =>
			median(rounds.map((r) => r[mode][key].worker.itemsPerSecond));
		// The ratio pairs each round's two runs, back to back under the same load on the machine.
		const ratio = median(
			rounds.map(
				(r) => r[mode].points.worker.itemsPerSecond / r[mode].reference.worker.itemsPerSecond,
			),
		);
		return { points: of('points'), reference: of('reference'), ratio };
	};
	const [node, floor] = [medians('node'), medians('floor')];
	const limits: string[] = [];
	if (!(node.ratio >= POINTS.minShare)) {
		const text = `${POINTS.op} C=${concurrency}: node ${f1(node.points)} items/s is ${f0(node.ratio * 100)}% of ${POINTS.reference}'s ${f1(node.reference)} in the same run (< ${f0(POINTS.minShare * 100)}%)`;
		if (floor.ratio >= POINTS.minShare)
			failures.push(
				`${text} — with n8n's request helper alone the two ops are at ${f0(floor.ratio * 100)}%`,
			);
		else
			limits.push(
				`${text} — with n8n's request helper alone they are at ${f0(floor.ratio * 100)}% too`,
			);
	}
	return { rounds, node, floor, failures, limits };
}

function pointsReport(points: PointsResult): string[] {
	const perRound = (mode: 'node' | 'floor', key: 'points' | 'reference') =>
		points.rounds.map((r) => f0(r[mode][key].worker.itemsPerSecond)).join(', ');
	const row = (mode: 'node' | 'floor', label: string) => {
		const m = points[mode];
		const sides = points.rounds.map((r) => r[mode].points);
		return tableRow([
			label,
			f1(m.points),
			f1(m.reference),
			f2(m.ratio),
			`${perRound(mode, 'points')} / ${perRound(mode, 'reference')}`,
			f2(median(sides.map((side) => side.worker.cpuMsPerItem))),
			f0(median(sides.map((side) => side.serverLatency.p95))),
			mode === 'floor'
				? 'reference'
				: points.failures.length
					? '**FAIL**'
					: m.ratio >= POINTS.minShare
						? 'pass'
						: 'n8n limit',
		]);
	};
	return [
		`## ${POINTS.op} against ${POINTS.reference}: C = ${POINTS.concurrency}, L = ${LATENCY_MS} ms, ${ITEMS} items per run`,
		'',
		`${points.rounds.length} rounds, alternating (node ${POINTS.reference} and ${POINTS.op}, then the floor's two, the ops' order swapped every round); items/s are medians over the rounds, the ratio is the median of each round's ratio (its two runs back to back, under the same load). points/add items are \`{ openUserId, transactionId }\` (a fresh TransID per item and run: the sandbox refuses a repeated one), with Points 1 and Score Event 6; member/get items are \`{ mobile }\`, as in the latency-bound part. Target: ${POINTS.op} items/s ≥ ${f0(POINTS.minShare * 100)}% of ${POINTS.reference}'s.`,
		'',
		...header(
			[
				'side',
				`${POINTS.op} items/s`,
				`${POINTS.reference} items/s`,
				'ratio (median of rounds)',
				'rounds (points / member, items/s)',
				`${POINTS.op} CPU ms/item`,
				`${POINTS.op} p95 ms`,
				'result',
			],
			[0, 4, 7],
		),
		row('node', 'node'),
		row('floor', "floor (n8n's helper alone)"),
	];
}

/**
 * The data import against points/add at C = 20: IMPORT.rounds rounds, each the node's two runs then
 * the floor's, the order swapped every round. The target is the node's CPU per item, import over
 * points (each round's two runs back to back); a miss fails only if the floor's own ratio meets it
 * (the import's body is longer, and n8n's helper alone may pay for that).
 */
async function importRuns(sandbox: SandboxProcess, began: number): Promise<ImportResult> {
	const rounds: ImportRound[] = [];
	const failures: string[] = [];
	const { concurrency } = IMPORT;
	for (let round = 1; round <= IMPORT.rounds; round++) {
		const order = round % 2 ? [IMPORT.reference, IMPORT.op] : [IMPORT.op, IMPORT.reference];
		const sides = {} as ImportRound;
		for (const mode of ['node', 'floor'] as const) {
			const byOp = new Map<BenchOp, Side>();
			for (const op of order) {
				process.stderr.write(
					`import ${round}/${IMPORT.rounds}: ${mode} ${op} C=${concurrency} × ${ITEMS}… `,
				);
				const side = await measure(sandbox, mode, op, concurrency, ITEMS, LATENCY_MS);
				process.stderr.write(
					`${f2(side.worker.cpuMsPerItem)} CPU ms/item (${f0((Date.now() - began) / 1000)} s)\n`,
				);
				failures.push(...side.problems.map((p) => `import round ${round} ${op}: ${p}`));
				byOp.set(op, side);
			}
			sides[mode] = { import: byOp.get(IMPORT.op)!, reference: byOp.get(IMPORT.reference)! };
		}
		const bodies = (side: Side) => side.bodies.join('\n');
		for (const key of ['import', 'reference'] as const)
			if (bodies(sides.node[key]) !== bodies(sides.floor[key]))
				failures.push(`import round ${round}: node and floor sent different paths/bodies (${key})`);
		rounds.push(sides);
	}
	const medians = (mode: 'node' | 'floor') => {
		const cpu = (side: Side) => side.worker.cpuMsPerItem;
		const of = (key: 'import' | 'reference') => median(rounds.map((r) => cpu(r[mode][key])));
		const ratio = median(rounds.map((r) => cpu(r[mode].import) / cpu(r[mode].reference)));
		return { import: of('import'), reference: of('reference'), ratio };
	};
	const [node, floor] = [medians('node'), medians('floor')];
	const limits: string[] = [];
	if (!(node.ratio <= IMPORT.maxCpuOverReference)) {
		const text = `${IMPORT.op} C=${concurrency}: node ${f2(node.import)} CPU ms/item is ${f2(node.ratio)} × ${IMPORT.reference}'s ${f2(node.reference)} (> ${f2(IMPORT.maxCpuOverReference)})`;
		if (floor.ratio <= IMPORT.maxCpuOverReference)
			failures.push(`${text} — with n8n's request helper alone it is ${f2(floor.ratio)} ×`);
		else limits.push(`${text} — with n8n's request helper alone it is ${f2(floor.ratio)} × too`);
	}
	return { rounds, node, floor, failures, limits };
}

function importReport(imports: ImportResult): string[] {
	const perRound = (mode: 'node' | 'floor', key: 'import' | 'reference') =>
		imports.rounds.map((r) => f2(r[mode][key].worker.cpuMsPerItem)).join(', ');
	const row = (mode: 'node' | 'floor', label: string) => {
		const m = imports[mode];
		const sides = imports.rounds.map((r) => r[mode].import);
		return tableRow([
			label,
			f2(m.import),
			f2(m.reference),
			f2(m.ratio),
			`${perRound(mode, 'import')} / ${perRound(mode, 'reference')}`,
			f1(median(sides.map((side) => side.worker.itemsPerSecond))),
			mode === 'floor'
				? 'reference'
				: imports.failures.length
					? '**FAIL**'
					: m.ratio <= IMPORT.maxCpuOverReference
						? 'pass'
						: 'n8n limit',
		]);
	};
	return [
		`## ${IMPORT.op} against ${IMPORT.reference}: C = ${IMPORT.concurrency}, L = ${LATENCY_MS} ms, ${ITEMS} items per run`,
		'',
		`${imports.rounds.length} rounds, alternating as for points/add. Import items are one shop sale each (\`{ orderId, soldAt, shopCode, total, payMethod }\`, the unique ID the order number), mapped as a spreadsheet row is: Time, Unique ID, Shop ID and the amounts from \`{{ $json.… }}\`, one Payment Details entry whose two fields are expressions too; the body is EventType and the URL-encoded EventData. CPU ms/item is the measuring process's own (engine, node, n8n's HTTP stack); the ratio is the median of each round's ratio. Target: ${IMPORT.op} CPU ms/item ≤ ${f2(IMPORT.maxCpuOverReference)} × ${IMPORT.reference}'s.`,
		'',
		...header(
			[
				'side',
				`${IMPORT.op} CPU ms/item`,
				`${IMPORT.reference} CPU ms/item`,
				'ratio (median of rounds)',
				'rounds (import / points, CPU ms/item)',
				`${IMPORT.op} items/s`,
				'result',
			],
			[0, 4, 6],
		),
		row('node', 'node'),
		row('floor', "floor (n8n's helper alone)"),
	];
}

/** 10,000 items, node and floor alternating; the node's median peak against the floor's. */
async function memoryRuns(sandbox: SandboxProcess): Promise<MemoryResult> {
	const memory: MemoryResult = { node: [], floor: [], failures: [], limits: [] };
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
	const peaks = (sides: Side[]) => sides.map((side) => side.worker.maxRssMb);
	const [nodePeak, floorPeak] = [median(peaks(memory.node)), median(peaks(memory.floor))];
	if (!(nodePeak <= MEMORY_OVER_FLOOR * floorPeak))
		memory.failures.push(
			`memory: node peak RSS ${f1(nodePeak)} MB > ${f1(MEMORY_OVER_FLOOR * floorPeak)} (the floor's ${f1(floorPeak)} MB + ${f0((MEMORY_OVER_FLOOR - 1) * 100)}%), medians of ${MEMORY.runs} runs of ${MEMORY.items} items`,
		);
	const worst = (sides: Side[]) => Math.max(...peaks(sides));
	if (!(worst(memory.node) < MEMORY.limitMb)) {
		const text = `memory: node peak RSS ${f1(worst(memory.node))} MB ≥ ${MEMORY.limitMb} MB for ${MEMORY.items} items (worst of ${MEMORY.runs} runs)`;
		if (worst(memory.floor) < MEMORY.limitMb) memory.failures.push(text);
		else
			memory.limits.push(
				`${text} — n8n's request helper alone peaked at ${f1(worst(memory.floor))} MB in the same runs`,
			);
	}
	return memory;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { only: { type: 'string' } },
	});
	const parts = new Set((values.only ?? 'latency,points,import,memory,cpu,coupons').split(','));
	const began = Date.now();
	const stamp = new Date(began).toISOString().replace(/[:.]/g, '-');
	const loadBefore = os.loadavg()[0];
	let rows: Row[] = [];
	let points: PointsResult | undefined;
	let imports: ImportResult | undefined;
	let memory: MemoryResult | undefined;
	let cpu: CpuPart | undefined;
	if (['latency', 'points', 'import', 'memory'].some((part) => parts.has(part))) {
		const sandbox = await startSandboxProcess(ROOT, MEMBERS, LATENCY_MS, TS_HOOK);
		try {
			if (parts.has('latency')) rows = await latencyRows(sandbox, began);
			if (parts.has('points')) points = await pointsRuns(sandbox, began);
			if (parts.has('import')) imports = await importRuns(sandbox, began);
			if (parts.has('memory')) memory = await memoryRuns(sandbox);
		} finally {
			sandbox.stop();
		}
	}
	if (parts.has('cpu')) {
		const result = await runCpuBound({
			root: ROOT,
			resultsDir: RESULTS_DIR,
			stamp,
			items: CPU.items,
			concurrency: CPU.concurrency,
			rounds: CPU.rounds,
			members: MEMBERS,
			tsHook: TS_HOOK,
			profile: true,
			log: (text) => process.stderr.write(`${text}\n`),
		});
		cpu = cpuTargets(result);
	}

	let coupons: CouponBenchResult | undefined;
	if (parts.has('coupons'))
		coupons = await couponBench(ROOT, TS_HOOK, (text) => process.stderr.write(`${text}\n`));

	const meta: Meta = {
		date: new Date().toISOString(),
		totalSeconds: (Date.now() - began) / 1000,
		node: process.version,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
		loadBefore,
		loadAfter: os.loadavg()[0],
	};
	const markdown =
		report(rows, points, imports, memory, cpu, meta) +
		(coupons ? `\n${couponReport(coupons).join('\n')}` : '');
	process.stdout.write(markdown);

	mkdirSync(RESULTS_DIR, { recursive: true });
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
				targetShareOfFloor: TARGET_SHARE_OF_FLOOR,
				points: POINTS,
				import: IMPORT,
				memory: MEMORY,
				memoryOverFloor: MEMORY_OVER_FLOOR,
				cpu: CPU,
			},
			rows: rows.map((r) => ({
				...r,
				node: summary(r.node),
				floor: summary(r.floor),
				baseline: summary(r.baseline),
			})),
			points: points && {
				...points,
				rounds: points.rounds.map((r) => ({
					node: { points: summary(r.node.points), reference: summary(r.node.reference) },
					floor: { points: summary(r.floor.points), reference: summary(r.floor.reference) },
				})),
			},
			import: imports && {
				...imports,
				rounds: imports.rounds.map((r) => ({
					node: { import: summary(r.node.import), reference: summary(r.node.reference) },
					floor: { import: summary(r.floor.import), reference: summary(r.floor.reference) },
				})),
			},
			memory: memory && {
				...memory,
				node: memory.node.map(summary),
				floor: memory.floor.map(summary),
			},
			coupons,
			cpu: cpu && {
				...cpu,
				result: {
					...cpu.result,
					profiles: cpu.result.profiles.map((p) => ({ ...p, analysis: p.analysis })),
				},
			},
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
	const failed =
		rows.some((r) => r.failures.length) ||
		(points?.failures.length ?? 0) > 0 ||
		(imports?.failures.length ?? 0) > 0 ||
		(memory?.failures.length ?? 0) > 0 ||
		(cpu?.failures.length ?? 0) > 0 ||
		(coupons?.failures.length ?? 0) > 0;
	process.exit(failed ? 1 : 0);
}

// `npm run bench -- --queue`: the queue-mode measurement (bench/queue.ts) instead.
const entry = process.argv.includes('--queue')
	? () => import('./queue').then((queue) => queue.main())
	: main;
entry().catch((error) => {
	process.stderr.write(
		`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(2);
});
