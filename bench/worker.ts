/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Runs one measured configuration (node, floor or baseline) in a fresh process, so its CPU time and
 * peak RSS belong to that configuration alone. Driven by bench/run.ts over IPC:
 *   parent → {type:'config'}; worker warms up → {type:'warm'};
 *   parent empties the sandbox log → {type:'go'}; worker measures → {type:'result'} and exits.
 */
import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

import type { Mode, Runner, WorkerConfig, WorkerResult } from './types';

type Message = { type: 'config'; config: WorkerConfig } | { type: 'go' };

const MB = 1024 * 1024;

/**
 * Client-side request latency, and when a run's first request left, from the HTTP clients' own
 * diagnostics channels at matching points: node:http (axios, used by n8n) and undici both
 * publish when a request object is created (before connecting) and when its response headers arrive.
 */
function trackRequests(mode: Mode) {
	const tracked = { latencies: [] as number[], firstStartAt: NaN };
	const started = new WeakMap<object, number>();
	const [start, end] =
		mode !== 'baseline'
			? ['http.client.request.start', 'http.client.response.finish']
			: ['undici:request:create', 'undici:request:headers'];
	diagnostics.subscribe(start, (message) => {
		const now = performance.now();
		if (Number.isNaN(tracked.firstStartAt)) tracked.firstStartAt = now;
		started.set((message as { request: object }).request, now);
	});
	diagnostics.subscribe(end, (message) => {
		const at = started.get((message as { request: object }).request);
		if (at !== undefined) tracked.latencies.push(performance.now() - at);
	});
	return tracked;
}

function nextMessage(): Promise<Message> {
	return new Promise((resolve) =>
		process.once('message', (message) => resolve(message as Message)),
	);
}

function send(message: unknown): Promise<void> {
	return new Promise((resolve, reject) =>
		process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())),
	);
}

async function main(): Promise<void> {
	const first = await nextMessage();
	if (first.type !== 'config') throw new Error('expected the config first');
	const config = first.config;

	// Loaded on demand: the baseline process never loads n8n, so its RSS is the client's own.
	let run: Runner;
	if (config.mode !== 'baseline') {
		const { nodeRunner, checkSharedWorkflowModule } =
			require('./node-run') as typeof import('./node-run');
		await checkSharedWorkflowModule(config);
		run = nodeRunner(config);
	} else {
		const { baselineRunner } = require('./baseline') as typeof import('./baseline');
		run = baselineRunner(config);
	}
	const tracked = trackRequests(config.mode);

	// Warm-up: JIT, module-level caches, connections; not measured.
	await run(config.warmupItems);
	tracked.latencies = [];
	tracked.firstStartAt = NaN;
	await send({ type: 'warm' });
	if ((await nextMessage()).type !== 'go') throw new Error('expected go');

	// A full GC first (the worker runs with --expose-gc), so every run starts from the same clean heap.
	const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage.rss();
	let sampledPeak = rssBefore;
	const sampler = setInterval(
		() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())),
		25,
	);
	const cpuBefore = process.cpuUsage();
	const startedAt = performance.now();
	await run(config.items);
	const wallMs = performance.now() - startedAt;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
	const maxRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
	gc();
	const heapRetainedMb = (process.memoryUsage().heapUsed - heapBefore) / MB;

	const items = config.items.length;
	const result: WorkerResult = {
		items,
		wallMs,
		itemsPerSecond: (items / wallMs) * 1000,
		cpuUserMs: cpu.user / 1000,
		cpuSystemMs: cpu.system / 1000,
		cpuMsPerItem: (cpu.user + cpu.system) / 1000 / items,
		maxRssMb,
		sampledPeakRssMb: sampledPeak / MB,
		rssBeforeMb: rssBefore / MB,
		heapRetainedMb,
		clientLatencyMs: tracked.latencies,
		firstRequestMs: tracked.firstStartAt - startedAt,
	};
	await send({ type: 'result', result });
}

main().then(
	() => process.exit(0),
	async (error: Error) => {
		await send({ type: 'error', message: error.stack ?? String(error) }).catch(() => {});
		process.exit(1);
	},
);
