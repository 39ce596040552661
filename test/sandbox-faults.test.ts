/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
	AFTER_APPLY_FAULTS,
	DEFAULT_RANDOM_FAULT_KINDS,
	SEED_MEMBERS,
	WRITES,
	startSandbox,
	type Fault,
	type RecordedRequest,
	type Sandbox,
} from '../sandbox/server';
import {
	call as signedCall,
	control as controlCall,
	type CallOptions,
} from './helpers/sandboxCall';

/**
 * Faults before and after apply, random faults, apply counters and the rate limit, over real
 * HTTP on 127.0.0.1.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = (path: string, body: unknown, options?: CallOptions) =>
	signedCall(sandbox, path, body, options);
const control = <Json = Record<string, unknown>>(
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: unknown,
) => controlCall<Json>(sandbox, method, path, body);

/** The request's outcome as a client sees it: the answer, or the transport error. */
const outcome = (pending: Promise<{ status: number }>) =>
	pending.then(
		(res) => `HTTP ${res.status}`,
		(error: Error & { code?: string }) => `error ${error.code ?? error.message}`,
	);

const zhang = SEED_MEMBERS[0];
const PLUS = '/User/Score/v1/Plus/ByOpenUserID/';
const plus = (TransID: string, options?: CallOptions) =>
	call(PLUS, { OpenUserId: zhang.OpenUserID, ScoreEvent: 6, Score: 10, TransID }, options);
const score = () => sandbox.members.get(zhang.Mobile)!.Card!.Score;

describe('faults after apply', () => {
	it('http500AfterApply: the change is kept, the answer is a 500; a retry is refused as a repeat', async () => {
		sandbox.injectFaults(['http500AfterApply']);
		const res = await plus('after-500');
		expect(res.status).toBe(500);
		expect(res.raw).toContain('500 - Internal server error');
		expect(score()).toBe(12780);
		expect(sandbox.applied.count(WRITES.points, 'after-500')).toBe(1);
		expect(sandbox.requests[0].response).toEqual({
			status: 500,
			fault: 'http500AfterApply',
			appliedCode: 1,
		});
		const retry = await plus('after-500');
		expect(retry.json.Code).toBe(3006);
		expect(score()).toBe(12780);
		expect(sandbox.applied.repeated()).toEqual([]);
	});

	it('dropAfterApply: the card is opened, the socket is dropped', async () => {
		sandbox.injectFaults(['dropAfterApply']);
		expect(
			await outcome(call('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13700000001' })),
		).toMatch(/^error /);
		expect(sandbox.members.get('13700000001')!.Card).not.toBeNull();
		expect(sandbox.applied.count(WRITES.openCard, '13700000001')).toBe(1);
		expect(sandbox.requests[0].response).toMatchObject({
			status: 0,
			fault: 'dropAfterApply',
			appliedCode: 1,
		});
		expect(sandbox.requests[0].finishedAt).toBeGreaterThan(0);
		// The retry a careless client makes is refused: the mobile holds a card already.
		expect(
			(await call('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13700000001' })).json.Code,
		).toBe(3004);
		expect(sandbox.applied.count(WRITES.openCard, '13700000001')).toBe(1);
	});

	it('hangAfterApply: the mobile is changed, no answer comes until the client gives up', async () => {
		sandbox.injectFaults(['hangAfterApply']);
		const started = Date.now();
		const result = await outcome(
			call(
				'/User/AdvancedInfo/v1/ChangeOnlineUserMobile/',
				{ OldMobile: zhang.Mobile, Mobile: '13700000009' },
				{ headersTimeout: 300 },
			),
		);
		expect(result).toBe('error UND_ERR_HEADERS_TIMEOUT');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sandbox.members.get('13700000009')!.OpenUserID).toBe(zhang.OpenUserID);
		expect(sandbox.applied.count(WRITES.changeMobile, `${zhang.Mobile}->13700000009`)).toBe(1);
		expect(sandbox.requests[0].response).toMatchObject({ status: 0, fault: 'hangAfterApply' });
	});

	it('an after-apply fault on a refused write keeps nothing, and records the refusal', async () => {
		sandbox.injectFaults(['http500AfterApply']);
		const res = await call('/User/MallCard/v1/Open/ByMobile/', { Mobile: zhang.Mobile });
		expect(res.status).toBe(500);
		expect(sandbox.requests[0].response.appliedCode).toBe(3004);
		expect(sandbox.applied.total()).toBe(0);
	});

	it('before-apply faults still change nothing', async () => {
		sandbox.injectFaults(['http500', 'drop', 'notJson', 'http429']);
		for (let i = 0; i < 4; i++) await outcome(plus(`before-${i}`));
		expect(score()).toBe(12770);
		expect(sandbox.applied.total()).toBe(0);
		expect(sandbox.faultCounts).toMatchObject({ http500: 1, drop: 1, notJson: 1, http429: 1 });
	});

	it('a control API fault list takes the after-apply kinds', async () => {
		expect((await control('POST', 'faults', { faults: ['http500AfterApply'] })).json.ok).toBe(true);
		expect((await plus('ctl')).status).toBe(500);
		expect(score()).toBe(12780);
	});
});

describe('random faults', () => {
	/** N distinct point additions, one after another; the log says which fault each one met. */
	async function run(n: number): Promise<RecordedRequest[]> {
		for (let i = 0; i < n; i++) await outcome(plus(`r-${i}`, { headersTimeout: 200 }));
		return [...sandbox.requests];
	}

	it('a seed gives the same mix every time; before-apply faults apply nothing, after-apply ones apply once', async () => {
		sandbox.setRandomFaults({ rate: 0.3, seed: 42 });
		expect(sandbox.randomFaults).toEqual({
			rate: 0.3,
			kinds: [...DEFAULT_RANDOM_FAULT_KINDS],
			seed: 42,
		});
		const first = await run(200);
		const faults = first.map((r) => r.response.fault ?? null);
		const faulted = faults.filter((f) => f !== null);
		// 30% of 200, give or take: the draw is random but bounded.
		expect(faulted.length).toBeGreaterThan(35);
		expect(faulted.length).toBeLessThan(85);
		for (const kind of DEFAULT_RANDOM_FAULT_KINDS) expect(faulted).toContain(kind);
		const counts = sandbox.faultCounts;
		for (const kind of DEFAULT_RANDOM_FAULT_KINDS)
			expect(counts[kind]).toBe(faulted.filter((f) => f === kind).length);

		for (const [i, record] of first.entries()) {
			const fault = record.response.fault;
			const applied = !fault || (AFTER_APPLY_FAULTS as readonly Fault[]).includes(fault);
			expect(sandbox.applied.count(WRITES.points, `r-${i}`), `r-${i} met ${fault}`).toBe(
				applied ? 1 : 0,
			);
		}
		const appliedCount = first.filter(
			(r) =>
				!r.response.fault || (AFTER_APPLY_FAULTS as readonly Fault[]).includes(r.response.fault),
		).length;
		expect(score()).toBe(12770 + 10 * appliedCount);

		sandbox.reset();
		expect(sandbox.randomFaults).toBeUndefined();
		sandbox.setRandomFaults({ rate: 0.3, seed: 42 });
		expect((await run(200)).map((r) => r.response.fault ?? null)).toEqual(faults);

		sandbox.reset();
		sandbox.setRandomFaults({ rate: 0.3, seed: 43 });
		expect((await run(200)).map((r) => r.response.fault ?? null)).not.toEqual(faults);
	});

	it('draws only the kinds asked for; the plan goes first; rate 0 or null turns them off', async () => {
		sandbox.setRandomFaults({ rate: 1, kinds: ['notJson'], seed: 1 });
		sandbox.injectFaults([null, 'http500']);
		const log = await run(4);
		expect(log.map((r) => r.response.fault ?? null)).toEqual([
			null,
			'http500',
			'notJson',
			'notJson',
		]);
		sandbox.setRandomFaults({ rate: 0 });
		expect(sandbox.randomFaults).toBeUndefined();
		expect((await plus('off')).json.Code).toBe(1);
		expect(() => sandbox.setRandomFaults({ rate: 1.5 })).toThrow(/0 to 1/);
		expect(() => sandbox.setRandomFaults({ rate: 0.5, kinds: ['boom' as Fault] })).toThrow(
			/unknown fault/,
		);
	});

	it('is set, reported and cleared through the control API, and by reset with a body', async () => {
		const set = await control('POST', 'random-faults', { rate: 1, kinds: ['http500'], seed: 5 });
		expect(set.json).toEqual({ ok: true, randomFaults: { rate: 1, kinds: ['http500'], seed: 5 } });
		expect((await plus('c-1')).status).toBe(500);
		const health = (
			await control<{ randomFaults: unknown; faultCounts: Record<string, number> }>('GET', 'health')
		).json;
		expect(health.randomFaults).toEqual({ rate: 1, kinds: ['http500'], seed: 5 });
		expect(health.faultCounts.http500).toBe(1);
		expect((await control('POST', 'random-faults', { rate: 2 })).status).toBe(400);
		expect((await control('POST', 'random-faults', { rate: 0.5, kinds: ['x'] })).status).toBe(400);
		await control('DELETE', 'random-faults');
		expect((await plus('c-2')).status).toBe(200);

		const reset = await control('POST', 'reset', {
			latencyMs: 5,
			randomFaults: { rate: 1, kinds: ['dropAfterApply'], seed: 9 },
			rateLimit: 100,
		});
		expect(reset.json).toEqual({
			ok: true,
			latencyMs: 5,
			randomFaults: { rate: 1, kinds: ['dropAfterApply'], seed: 9 },
			rateLimit: 100,
		});
		expect(await outcome(plus('c-3'))).toMatch(/^error /);
		expect(sandbox.applied.count(WRITES.points, 'c-3')).toBe(1);
	});
});

describe('apply counters', () => {
	it('count each applied write by its key; refused writes count nothing', async () => {
		const open = (Mobile: string) => call('/User/MallCard/v1/Open/ByMobile/', { Mobile });
		expect((await open('13700000002')).json.Code).toBe(1);
		expect((await open('13700000002')).json.Code).toBe(3004);
		const tag = () => call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [9] });
		await tag();
		await tag();
		expect(sandbox.applied.count(WRITES.openCard, '13700000002')).toBe(1);
		expect(sandbox.applied.repeated()).toEqual([{ write: 'addTag', key: zhang.Mobile, count: 2 }]);
		expect(sandbox.applied.repeated(WRITES.openCard)).toEqual([]);
		expect(sandbox.applied.total()).toBe(3);

		const applied = (
			await control<{ total: number; counts: unknown[]; repeated: unknown[] }>('GET', 'applied')
		).json;
		expect(applied).toMatchObject({ ok: true, total: 3 });
		expect(applied.counts).toEqual([
			{ write: 'openCard', key: '13700000002', count: 1 },
			{ write: 'addTag', key: zhang.Mobile, count: 2 },
		]);
		expect((await control<{ total: number }>('GET', 'applied?write=openCard')).json.total).toBe(1);
		sandbox.reset();
		expect(sandbox.applied.total()).toBe(0);
	});

	it('the control API matches consumptions, sets misreports and shows the write logs', async () => {
		await call('/Consume/v1/Data/Inform/', {
			TransID: 'm-1',
			TradeTime: '2024-07-01 12:00:00',
			Amount: 10,
			McShopID: 1000030,
		});
		expect(
			(await control('POST', 'consumption/match', { TransID: 'm-1', Mobile: zhang.Mobile })).json
				.ok,
		).toBe(true);
		expect(
			(await control('POST', 'consumption/match', { TransID: 'nope', Mobile: zhang.Mobile }))
				.status,
		).toBe(400);
		expect((await control('POST', 'misreport', { consumeRecordsCount: 7 })).json.ok).toBe(true);
		const page = await call('/Return/v1/Consume/Records/ByMobile/', {
			Mobile: zhang.Mobile,
			McShopID: 1000030,
			PagingID: 0,
		});
		expect(page.json.Data).toMatchObject({ Count: 7 });
		expect((page.json.Data as { ConsumeRecordList: unknown[] }).ConsumeRecordList).toHaveLength(4);
		expect((await control('POST', 'misreport', { bogus: 1 })).status).toBe(400);
		const mall = (
			await control<{ consumptions: Array<{ TransID: string; Mobile: string }> }>('GET', 'mall')
		).json;
		expect(mall.consumptions.find((r) => r.TransID === 'm-1')!.Mobile).toBe(zhang.Mobile);
	});
});

describe('rate limit', () => {
	/** Waits for the start of a calendar second, so a burst lands inside one second. */
	const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
	const read = () => call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });

	it('answers 429 with Retry-After above L requests in a second, and counts every second', async () => {
		sandbox.setRateLimit(5);
		expect(sandbox.rateLimit).toBe(5);
		await nextSecond();
		const results = await Promise.all(Array.from({ length: 12 }, read));
		const statuses = results.map((r) => r.status);
		const refused = results.filter((r) => r.status === 429);
		expect(statuses.filter((s) => s === 200)).toHaveLength(5);
		expect(refused).toHaveLength(7);
		expect(refused[0].headers['retry-after']).toBe('1');
		expect(refused[0].json).toEqual({
			Code: 429,
			Message: expect.stringContaining('too many requests'),
		});
		expect(sandbox.requests.filter((r) => r.response.rateLimited)).toHaveLength(7);

		const rate = sandbox.requestRate();
		expect(rate.limit).toBe(5);
		expect(rate.perSecond).toEqual([{ second: expect.any(Number), requests: 12, refused: 7 }]);
		expect(rate.maxPerSecond).toBe(12);
		expect(rate.maxInAnySecond).toBe(12);
		expect(rate.maxAcceptedInAnySecond).toBe(5);

		// The next second lets requests through again.
		await nextSecond();
		expect((await read()).status).toBe(200);
		expect(sandbox.requestRate().perSecond).toHaveLength(2);
	});

	it('measures a paced client: at most N requests within any 1000 ms', async () => {
		for (let i = 0; i < 6; i++) {
			await read();
			await new Promise((r) => setTimeout(r, 260));
		}
		const rate = sandbox.requestRate();
		expect(rate.limit).toBeNull();
		expect(rate.perSecond.reduce((sum, s) => sum + s.requests, 0)).toBe(6);
		expect(rate.maxInAnySecond).toBeLessThanOrEqual(4);
		expect(rate.maxInAnySecond).toBeGreaterThanOrEqual(3);
		sandbox.clearRequests();
		expect(sandbox.requestRate().perSecond).toEqual([]);
	});

	it('is set and read through the control API', async () => {
		expect((await control('POST', 'rate-limit', { perSecond: 2 })).json).toEqual({
			ok: true,
			rateLimit: 2,
		});
		await nextSecond();
		const statuses = (await Promise.all(Array.from({ length: 4 }, read)))
			.map((r) => r.status)
			.sort();
		expect(statuses).toEqual([200, 200, 429, 429]);
		const rate = (
			await control<{ limit: number; perSecond: Array<{ requests: number; refused: number }> }>(
				'GET',
				'rate',
			)
		).json;
		expect(rate.limit).toBe(2);
		expect(rate.perSecond.at(-1)).toMatchObject({ requests: 4, refused: 2 });
		expect((await control('POST', 'rate-limit', { perSecond: 'fast' })).status).toBe(400);
		expect((await control('POST', 'rate-limit', { perSecond: null })).json.rateLimit).toBeNull();
	});
});

describe('command line', () => {
	it('takes --fault-rate, --fault-kinds, --fault-seed and --rate-limit (old flags unchanged)', async () => {
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				'sandbox/cli.ts',
				'--port',
				'0',
				'--latency',
				'0',
				'--members',
				'3',
				'--fault-rate',
				'1',
				'--fault-kinds',
				'http500AfterApply',
				'--fault-seed',
				'3',
				'--rate-limit',
				'50',
			],
			{ cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let text = '';
				child.stdout!.on('data', (chunk: Buffer) => {
					text += chunk.toString();
					const match = /listening on (http:\/\/\S+)/.exec(text);
					if (match) resolve(match[1]);
				});
				child.once('exit', (code) => reject(new Error(`exited ${code}`)));
			});
			const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as Record<
				string,
				unknown
			>;
			expect(health).toMatchObject({
				members: SEED_MEMBERS.length + 3,
				randomFaults: { rate: 1, kinds: ['http500AfterApply'], seed: 3 },
				rateLimit: 50,
			});
		} finally {
			child.kill('SIGTERM');
		}
	});
});

describe('module graph', () => {
	it('has no import loop among the sandbox files', () => {
		const dir = join(__dirname, '..', 'sandbox');
		const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
		const imports = new Map(
			files.map((f) => [
				f,
				[...readFileSync(join(dir, f), 'utf8').matchAll(/from '\.\/([\w-]+)'/g)].map(
					(m) => `${m[1]}.ts`,
				),
			]),
		);
		expect(imports.get('control.ts')).not.toContain('server.ts');
		const visiting = new Set<string>();
		const done = new Set<string>();
		const visit = (file: string, path: string[]) => {
			if (done.has(file)) return;
			expect(visiting.has(file), `import loop ${[...path, file].join(' → ')}`).toBe(false);
			visiting.add(file);
			for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
			visiting.delete(file);
			done.add(file);
		};
		for (const file of files) visit(file, []);
	});
});
