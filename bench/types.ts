/**
 * Types shared by the bench's processes: run.ts (the driver), worker.ts (one measured run) and
 * the runners it loads (node-run.ts, baseline.ts). In their own module so that none of those
 * imports another for its types.
 */
import type { IDataObject } from 'n8n-workflow';

import type { BenchOp } from './ops';

/** node: the Mallcoo node; floor: n8n's request helper alone (bench/floor.ts); baseline: undici. */
export type Mode = 'node' | 'floor' | 'baseline';
/** Sends one request per input item (bench/ops.ts benchItems). */
export type Runner = (items: IDataObject[]) => Promise<void>;

export interface WorkerConfig {
	mode: Mode;
	op: BenchOp;
	concurrency: number;
	baseUrl: string;
	credentials: { appId: string; publicKey: string; privateKey: string };
	warmupItems: IDataObject[];
	items: IDataObject[];
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
