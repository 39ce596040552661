/* eslint-disable no-console -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n; the measured counts are printed */
/**
 * n8n 2.41.1 in queue mode (PostgreSQL, Redis, the main and 2 workers, started the way
 * `npm start -- --queue` starts them) with this package: every example workflow through its
 * production webhook, each execution proven to have run on a worker (n8n's execution records,
 * the main's "Enqueued execution N" and a worker's "Worker started execution N"), a burst with
 * nothing lost, and the rate ceiling across workers.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { generatedMember } from '../../sandbox/memberSeed';
import {
	callWebhook,
	expectGreetedWithPoints,
	expectSigned,
	n8nCredentials,
	resetSandbox,
	signInAddress,
	sandboxRequests,
	stack,
	webhookOf,
	withRequests,
	lastRequestId,
	type RecordedRequest,
} from '../helpers';
import {
	enqueuedByMain,
	executionsOf,
	executionsStartedOnMain,
	newExecutions,
	perSecond,
	queue,
	workerOfExecution,
	type ExecutionRecord,
} from './helpers';
import { RATE_LIMIT, WORKERS } from './settings';

/** Mobiles of generated members `from`, `from + 1`, ... (13900000001 is member 1). */
const mobiles = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => generatedMember(from + i).Mobile);

/** Each execution succeeded, was enqueued by the main and started by a worker; returns worker → count. */
function expectRanOnWorkers(executions: ExecutionRecord[], count: number): Map<string, number> {
	expect(executions).toHaveLength(count);
	const owners = workerOfExecution();
	const enqueued = enqueuedByMain();
	const perWorker = new Map<string, number>();
	for (const execution of executions) {
		expect(execution.status, `execution ${execution.id}`).toBe('success');
		expect(enqueued.has(execution.id), `main enqueued execution ${execution.id}`).toBe(true);
		const worker = owners.get(execution.id);
		expect(worker, `a worker started execution ${execution.id}`).toBeDefined();
		perWorker.set(worker!, (perWorker.get(worker!) ?? 0) + 1);
	}
	expect(executionsStartedOnMain()).toBe(0);
	return perWorker;
}

/** Calls a workflow's webhook through `call` and returns its answer and its new executions. */
async function runOnce<T>(workflowId: string, call: () => Promise<T>) {
	const before = await executionsOf(workflowId);
	const { answer, requests } = await withRequests(call);
	const executions = await newExecutions(workflowId, before, 1);
	return { answer, requests, executions };
}

beforeAll(resetSandbox);

describe('the stack npm start -- --queue runs', () => {
	it('has the credentials, every example workflow published, and its workers ready', async () => {
		const { url, cookie } = stack();
		const credentials = await n8nCredentials();
		expect(credentials.map((c) => c.id).sort()).toEqual([
			'mallcooLimited01',
			'mallcooSandbox01',
			'mallcooWebhook01',
		]);
		expect(stack().workflows.map((w) => [w.id, w.published])).toEqual(
			expect.arrayContaining([
				['mallcooCrmSync01', true],
				['mallcooLookup001', true],
				['mallcooOAuthIn01', true],
				['mallcooTagList01', true],
				['queueBulkLookup1', true],
				['queueBulkLimit01', true],
			]),
		);
		expect(queue().workers.map((w) => w.name)).toEqual(['worker-1', 'worker-2']);
		const nodes = (await (
			await fetch(`${url}/types/nodes.json`, { headers: { cookie } })
		).json()) as Array<{ name: string }>;
		expect(nodes.map((n) => n.name)).toContain('n8n-nodes-mallcoo.mallcoo');
	});
});

describe('every example workflow through its production webhook, run on a worker', () => {
	it('examples/member-lookup.json answers the member card and points', async () => {
		const { answer, requests, executions } = await runOnce('mallcooLookup001', () =>
			callWebhook(webhookOf('mallcooLookup001'), { query: { mobile: '13800000001' } }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ found: true, cardNo: '20230010000001', points: 12770 });
		expect(requests.map((r) => [r.path, r.response.code])).toEqual([
			['/User/AdvancedInfo/v1/Get/ByMobile/', 1],
		]);
		expectSigned(requests);
		expectRanOnWorkers(executions, 1);
	});

	it('examples/tag-members-from-list.json tags the members and reports the one that failed', async () => {
		const { answer, requests, executions } = await runOnce('mallcooTagList01', () =>
			callWebhook(webhookOf('mallcooTagList01'), {
				body: { mobiles: ['13800000002', '13800000003', '13899999999'], tagIds: '50,51' },
			}),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ total: 3, tagged: 2, failed: [{ mobile: '13899999999' }] });
		expect(requests.map((r) => r.response.code).sort()).toEqual([1, 1, 3001]);
		expectSigned(requests);
		expectRanOnWorkers(executions, 1);
	});

	it('examples/crm-sync.json sets the grade and points of a card', async () => {
		const { answer, requests, executions } = await runOnce('mallcooCrmSync01', () =>
			callWebhook(webhookOf('mallcooCrmSync01'), {
				body: { crmId: 'CRM10000003', grade: '2', points: 777 },
			}),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ synced: true, crmId: 'CRM10000003' });
		expect(requests.map((r) => [r.path, r.response.code])).toEqual([
			['/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/', 1],
		]);
		expectSigned(requests);
		expectRanOnWorkers(executions, 1);
	});

	it('examples/oauth-sign-in.json: the sign-in page, the ticket exchange on the main, the greeting from a worker', async () => {
		const callback = webhookOf('mallcooOAuthIn01');
		const { location, cookie } = await signInAddress(callback);

		// The trigger's webhook (the ticket exchange) runs on the main; the rest of the workflow
		// (the member look-up by OpenUserID, the answer page) in the execution a worker runs.
		const { answer, requests, executions } = await runOnce('mallcooOAuthIn01', () =>
			callWebhook({ ...callback, url: location }, { headers: { cookie } }),
		);
		expectGreetedWithPoints(answer, requests, location);
		expectRanOnWorkers(executions, 1);
	});
});

describe('a burst of 40 calls × 50 items on 2 workers', () => {
	it('tags all 2,000 members once each, nothing lost, and both workers take part', async () => {
		const calls = 40;
		const perCall = 50;
		const hook = webhookOf('mallcooTagList01');
		const before = await executionsOf('mallcooTagList01');
		const since = await lastRequestId();
		const lists = Array.from({ length: calls }, (_, i) => mobiles(1 + i * perCall, perCall));
		const answers = await Promise.all(
			lists.map((list, i) =>
				callWebhook(hook, { body: { mobiles: list, tagIds: String(100 + i) } }),
			),
		);
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ total: perCall, tagged: perCall, failed: [] });
		}
		const requests = (await sandboxRequests(since)).filter(
			(r) => r.path === '/User/BaseInfo/v1/AddTag/',
		);
		expect(requests).toHaveLength(calls * perCall);
		expect(requests.filter((r) => r.response.code !== 1)).toEqual([]);
		const sent = requests
			.map((r) => {
				const body = r.body as { Mobile: string; TagIDList: number[] };
				return `${body.Mobile} ${body.TagIDList.join(',')}`;
			})
			.sort();
		const wanted = lists.flatMap((list, i) => list.map((mobile) => `${mobile} ${100 + i}`)).sort();
		expect(sent).toEqual(wanted);

		const executions = await newExecutions('mallcooTagList01', before, calls);
		const perWorker = expectRanOnWorkers(executions, calls);
		console.log(`[e2e-queue] burst: executions per worker ${JSON.stringify([...perWorker])}`);
		expect(perWorker.size).toBe(WORKERS);
	});
});

/**
 * The rate ceiling across workers: one budget per credential per process, shared by every run in
 * that process and lowered for a while after a 429 (nodes/Mallcoo/transport/schedule.ts). With a
 * ceiling per run instead, 16 runs on 2 workers would send up to 16 × C a second.
 */
describe('rate ceiling across workers', () => {
	/** 16 executions at once of the bulk look-up, `perRun` distinct members each from `from`. */
	async function sixteenRuns(
		workflowId: string,
		{ from, perRun, rate }: { from: number; perRun: number; rate: number },
	) {
		const hook = webhookOf(workflowId);
		const before = await executionsOf(workflowId);
		const lists = Array.from({ length: 16 }, (_, i) => mobiles(from + i * perRun, perRun));
		const answers = await Promise.all(
			lists.map((list) =>
				callWebhook(hook, { body: { mobiles: list, rate, concurrency: 5 } }).then((answer) => ({
					answer,
					list,
				})),
			),
		);
		const executions = await newExecutions(workflowId, before, 16);
		return { answers, executions };
	}

	/** Each answer has one item per mobile, in order, none failed; returns the failed count. */
	function failedItems(answers: Array<{ answer: { json: unknown }; list: string[] }>): number {
		let failed = 0;
		for (const { answer, list } of answers) {
			const items = answer.json as unknown as Array<{ Mobile?: string; error?: string }>;
			expect(Array.isArray(items), JSON.stringify(answer.json)?.slice(0, 300)).toBe(true);
			expect(items).toHaveLength(list.length);
			items.forEach((item, i) => {
				if (item.error) failed++;
				else expect(item.Mobile).toBe(list[i]);
			});
		}
		return failed;
	}

	/**
	 * A request a worker sends in the last moment of one second may arrive in the next, next to
	 * the C that second's budget sends: each worker may add one in transit to a second's count.
	 * Set to 0 for the strict count.
	 */
	const IN_TRANSIT_PER_WORKER = 1;

	it('Max Requests Per Second = C: 16 runs on 2 workers, the sandbox sees at most 2 × C requests in every second (+1 in transit per worker)', async () => {
		const C = 5;
		const since = await lastRequestId();
		const { answers, executions } = await sixteenRuns('queueBulkLookup1', {
			from: 2001,
			perRun: 10,
			rate: C,
		});
		expect(failedItems(answers)).toBe(0);
		const perWorker = expectRanOnWorkers(executions, 16);
		expect(perWorker.size).toBe(WORKERS);
		const requests = (await sandboxRequests(since)).filter(
			(r) => r.path === '/User/AdvancedInfo/v1/Get/ByMobile/',
		);
		expect(requests).toHaveLength(160);
		const counts = [...perSecond(requests).values()];
		console.log(`[e2e-queue] ceiling C=${C}: requests per second ${JSON.stringify(counts)}`);
		expect(Math.max(...counts)).toBeLessThanOrEqual(WORKERS * (C + IN_TRANSIT_PER_WORKER));
		// Over the whole run the rate is the budget: 160 requests take at least 160 / (2 × C) − 1 s.
		const spanSeconds = (requests.at(-1)!.startedAt - requests[0].startedAt) / 1000;
		expect(spanSeconds).toBeGreaterThanOrEqual(requests.length / (WORKERS * C) - 1);
	});

	it('with the sandbox answering 429 above L req/s and C = L / 2: a 4,000-item run on 2 workers ends with 0 failed items', async () => {
		const { limited } = queue();
		const health = (await (await fetch(`${limited.url}/__sandbox/health`)).json()) as {
			rateLimit?: number | null;
		};
		expect(
			health.rateLimit,
			'the limited sandbox must run with --rate-limit (sandbox/cli.ts; being added to the sandbox)',
		).toBe(RATE_LIMIT);
		const since = await lastRequestId(limited.url);
		const { answers, executions } = await sixteenRuns(limited.workflowId, {
			from: 1,
			perRun: 250,
			rate: RATE_LIMIT / WORKERS,
		});
		const failed = failedItems(answers);
		const requests: RecordedRequest[] = await sandboxRequests(since, limited.url);
		const refused = requests.filter((r) => r.response.status === 429).length;
		const accepted = requests.filter((r) => r.response.status !== 429);
		console.log(
			`[e2e-queue] 429 run: ${requests.length} requests, ${refused} answered 429, ${failed} failed items; accepted per second ${JSON.stringify([...perSecond(accepted).values()])}`,
		);
		expect(failed).toBe(0);
		expect(accepted.filter((r) => r.response.code === 1)).toHaveLength(4000);
		expectRanOnWorkers(executions, 16);
	});
});
