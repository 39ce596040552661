/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Coupon → Send to 10,000 members through the node in n8n-core's engine, against the sandbox in
 * its own process: in batches (the default Batch Size) next to one request per member (Batch
 * Size 1), in alternating rounds, each run a fresh process (bench/coupon-worker.ts). Targets
 * (README, "Throughput"): batches send at least 10 times as many members per second, for at most
 * a tenth of the CPU per member.
 *
 *   BENCH_COUPON_MEMBERS=10000  members per run;  BENCH_COUPON_ROUNDS=3  rounds (median shown)
 *   BENCH_COUPON_LATENCY=0      the sandbox's latency per request, ms
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import { SEND_BATCH } from '../nodes/Mallcoo/actions/coupon/send.operation';
import { DEMO_CREDENTIALS, generatedMember } from '../sandbox/server';
import type { CouponWorkerConfig, CouponWorkerResult } from './coupon-worker';
import { startSandboxProcess } from './sandbox-process';

export const COUPON_BENCH = {
	members: Number(process.env.BENCH_COUPON_MEMBERS ?? 10_000),
	rounds: Number(process.env.BENCH_COUPON_ROUNDS ?? 3),
	latencyMs: Number(process.env.BENCH_COUPON_LATENCY ?? 0),
	concurrency: 5,
	warmup: 200,
	/** No per-person limit, so only the node's own pairing and Trace IDs are measured. */
	putInId: 'PICM000005',
	targets: { speedUp: 10, cpuShare: 0.1 },
};

const SIDES = [
	{ name: 'batches', batchSize: SEND_BATCH.defaultSize },
	{ name: 'one request per member', batchSize: 1 },
] as const;

export interface CouponBenchResult {
	settings: typeof COUPON_BENCH & { batchSize: number };
	runs: Record<string, CouponWorkerResult[]>;
	median: Record<string, { membersPerSecond: number; cpuMsPerMember: number }>;
	speedUp: number;
	cpuShare: number;
	failures: string[];
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function runWorker(root: string, tsHook: string[], config: CouponWorkerConfig) {
	return new Promise<CouponWorkerResult>((resolve, reject) => {
		const child = fork(path.join(root, 'bench', 'coupon-worker.ts'), [], {
			cwd: root,
			execArgv: [...tsHook, '--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		child.once('message', (message) => {
			const { result, error } = message as { result?: CouponWorkerResult; error?: string };
			if (result) resolve(result);
			else reject(new Error(`coupon worker: ${error}`));
		});
		child.once('exit', (code) => {
			if (code !== 0) reject(new Error(`coupon worker exited with ${code}`));
		});
		child.send({ config });
	});
}

export async function couponBench(
	root: string,
	tsHook: string[],
	log: (text: string) => void,
): Promise<CouponBenchResult> {
	const { members: count, rounds, latencyMs, concurrency, warmup, putInId } = COUPON_BENCH;
	const sandbox = await startSandboxProcess(root, count + warmup, latencyMs, tsHook);
	const control = async (method: string, route: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}/__sandbox/${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`sandbox ${route}: HTTP ${response.status}`);
		return response.json();
	};
	const mobiles = (from: number, n: number) =>
		Array.from({ length: n }, (_, i) => ({ mobile: generatedMember(from + i).Mobile }));
	const runs: Record<string, CouponWorkerResult[]> = {};
	try {
		for (let round = 1; round <= rounds; round++) {
			// Turning order: neither side always runs first.
			const order = round % 2 ? SIDES : [...SIDES].reverse();
			for (const side of order) {
				await sandbox.reset(latencyMs);
				await control('POST', 'coupons/put-in', {
					PICMID: putInId,
					stock: 2 * (count + warmup),
					perPerson: 'unlimited',
				});
				const result = await runWorker(root, tsHook, {
					baseUrl: sandbox.url,
					credentials: { ...DEMO_CREDENTIALS },
					putInId,
					batchSize: side.batchSize,
					concurrency,
					warmup: mobiles(count + 1, warmup),
					members: mobiles(1, count),
					tracePrefix: `bench${round}`,
				});
				const { issued } = (await control('GET', 'coupons')) as { issued: unknown[] };
				if (issued.length !== count + warmup)
					throw new Error(`${side.name}: ${issued.length} coupons for ${count + warmup} members`);
				(runs[side.name] ??= []).push(result);
				log(
					`coupon send, ${side.name}, round ${round}: ${result.membersPerSecond.toFixed(0)} members/s, ${result.cpuMsPerMember.toFixed(3)} ms CPU per member`,
				);
			}
		}
	} finally {
		sandbox.stop();
	}
	const summary = Object.fromEntries(
		Object.entries(runs).map(([name, results]) => [
			name,
			{
				membersPerSecond: median(results.map((r) => r.membersPerSecond)),
				cpuMsPerMember: median(results.map((r) => r.cpuMsPerMember)),
			},
		]),
	);
	const [batched, single] = SIDES.map((side) => summary[side.name]);
	const speedUp = batched.membersPerSecond / single.membersPerSecond;
	const cpuShare = batched.cpuMsPerMember / single.cpuMsPerMember;
	const failures: string[] = [];
	if (speedUp < COUPON_BENCH.targets.speedUp)
		failures.push(
			`coupon send: batches reach ${speedUp.toFixed(1)} × the one-request-per-member rate (target ${COUPON_BENCH.targets.speedUp} ×)`,
		);
	if (cpuShare > COUPON_BENCH.targets.cpuShare)
		failures.push(
			`coupon send: batches use ${cpuShare.toFixed(3)} × the CPU per member (target at most ${COUPON_BENCH.targets.cpuShare})`,
		);
	return {
		settings: { ...COUPON_BENCH, batchSize: SEND_BATCH.defaultSize },
		runs,
		median: summary,
		speedUp,
		cpuShare,
		failures,
	};
}

/** The report's section. */
export function couponReport(result: CouponBenchResult): string[] {
	const { settings } = result;
	return [
		'## Coupon send: batches against one request per member',
		'',
		`${settings.members.toLocaleString('en')} members per run through n8n-core's engine in-process, sandbox at ${settings.latencyMs} ms in its own process, Concurrency ${settings.concurrency}, ${settings.rounds} rounds in turning order (medians); every member checked to hold exactly the coupon the node reported.`,
		'',
		'| side | Batch Size | members/s | CPU ms/member |',
		'| --- | ---: | ---: | ---: |',
		...SIDES.map(
			(side) =>
				`| ${side.name} | ${side.batchSize} | ${result.median[side.name].membersPerSecond.toFixed(0)} | ${result.median[side.name].cpuMsPerMember.toFixed(3)} |`,
		),
		'',
		`Batches: **${result.speedUp.toFixed(1)} ×** the members per second (target ≥ ${settings.targets.speedUp} ×), **${result.cpuShare.toFixed(3)} ×** the CPU per member (target ≤ ${settings.targets.cpuShare}).`,
		...result.failures.map((failure) => `- MISSED: ${failure}`),
		'',
	];
}
