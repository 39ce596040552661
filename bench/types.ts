/**
 * Types shared by the bench's processes: run.ts (the driver), worker.ts (one measured run) and
 * the runners it loads (node-run.ts, baseline.ts). In their own module so that none of those
 * imports another for its types.
 */
import type { Op } from './ops';

/** node: the Mallcoo node; floor: n8n's request helper alone (bench/floor.ts); baseline: undici. */
export type Mode = 'node' | 'floor' | 'baseline';
export type Runner = (mobiles: string[]) => Promise<void>;

export interface WorkerConfig {
	mode: Mode;
	op: Op;
	concurrency: number;
	baseUrl: string;
	credentials: { appId: string; publicKey: string; privateKey: string };
	warmupMobiles: string[];
	mobiles: string[];
}

export interface WorkerResult {
	items: number;
	wallMs: number;
	itemsPerSecond: number;
	cpuUserMs: number;
	cpuSystemMs: number;
	cpuMsPerItem: number;
	/** Kernel-tracked peak RSS of this process over its whole life (getrusage ru_maxrss). */
	maxRssMb: number;
	/** RSS sampled every 25 ms during the measured run only. */
	sampledPeakRssMb: number;
	rssBeforeMb: number;
	/** Heap still in use after the run and a full GC, minus the same before it: memory the run kept. */
	heapRetainedMb: number;
	/** Socket-level request time on the client: request created → response headers received. */
	clientLatencyMs: number[];
	/** From the start of the run to the first HTTP request: work done before anything is in flight. */
	firstRequestMs: number;
}
