/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
// Queue-mode checks on top of e2e/helpers.ts: which process ran an execution, per-second counts.
import fs from 'node:fs';

import { stack, type RecordedRequest } from '../helpers';
import type { QueueInfo } from '../stack-info';

export const queue = (): QueueInfo => {
	const info = stack().queue;
	if (!info) throw new Error('not a queue-mode stack (e2e/queue/global-setup.ts provides it)');
	return info;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Execution ids matched by `pattern` (one capture group) in a log file. */
function idsInLog(file: string, pattern: RegExp): string[] {
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	return [...text.matchAll(pattern)].map((match) => match[1]);
}

/** Execution id → the worker whose log says "Worker started execution N". */
export function workerOfExecution(): Map<string, string> {
	const owners = new Map<string, string>();
	for (const worker of queue().workers)
		for (const id of idsInLog(worker.logPath, /Worker started execution (\d+)/g))
			owners.set(id, worker.name);
	return owners;
}

/** Execution ids the main's log says it enqueued ("Enqueued execution N"). */
export const enqueuedByMain = (): Set<string> =>
	new Set(idsInLog(queue().mainLog, /Enqueued execution (\d+)/g));

/** How often the main's own log says it started an execution as a worker does (never, in queue mode). */
export const executionsStartedOnMain = (): number =>
	idsInLog(queue().mainLog, /Worker started execution (\d+)/g).length;

export interface ExecutionRecord {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

/** n8n's newest 100 execution records of a workflow (GET /rest/executions; 100 is its page limit). */
export async function executionsOf(workflowId: string): Promise<ExecutionRecord[]> {
	const { url, cookie } = stack();
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${url}/rest/executions?filter=${filter}&limit=100`, {
		headers: { cookie },
	});
	if (!response.ok) throw new Error(`GET /rest/executions answered ${response.status}`);
	const body = (await response.json()) as { data: { results: ExecutionRecord[] } };
	return body.data.results.map((record) => ({ ...record, id: String(record.id) }));
}

/**
 * The executions of `workflowId` that are not in `before`, once there are `count` of them and
 * each has finished (the webhook may answer before the worker has stored the final status).
 */
export async function newExecutions(
	workflowId: string,
	before: ExecutionRecord[],
	count: number,
	timeoutMs = 30_000,
): Promise<ExecutionRecord[]> {
	const known = new Set(before.map((record) => record.id));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await executionsOf(workflowId)).filter((record) => !known.has(record.id));
		const finished = fresh.filter(
			(record) => !['new', 'running', 'waiting'].includes(record.status),
		);
		if (finished.length >= count || Date.now() > deadline) return fresh;
		await sleep(250);
	}
}

/** Requests per calendar second by arrival (startedAt), as the sandbox's rate limit counts them. */
export function perSecond(requests: RecordedRequest[]): Map<number, number> {
	const counts = new Map<number, number>();
	for (const request of requests) {
		const second = Math.floor(request.startedAt / 1000);
		counts.set(second, (counts.get(second) ?? 0) + 1);
	}
	return counts;
}
