/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { describe, expect, it } from 'vitest';

import {
	AFTER_APPLY_FAULTS,
	DEFAULT_RANDOM_FAULT_KINDS,
	SEED_MEMBERS,
	WRITES,
	type Fault,
	type RecordedRequest,
} from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls, type CallOptions } from '../helpers/sandboxCall';
import { PLUS } from './paths';

/** Faults before and after apply, random faults and latency, over real HTTP on 127.0.0.1. */

const fixture = useSandbox();
const { call, control } = sandboxCalls(fixture);

/** The request's outcome as a client sees it: the answer, or the transport error. */
const outcome = (pending: Promise<{ status: number }>) =>
	pending.then(
		(res) => `HTTP ${res.status}`,
		(error: Error & { code?: string }) => `error ${error.code ?? error.message}`,
	);

const zhang = SEED_MEMBERS[0];
const plus = (TransID: string, options?: CallOptions) =>
	call(PLUS, { OpenUserId: zhang.OpenUserID, ScoreEvent: 6, Score: 10, TransID }, options);
const score = () => fixture.sandbox.members.get(zhang.Mobile)!.Card!.Score;

describe('faults and latency', () => {
	const path = '/User/AdvancedInfo/v1/Get/ByMobile/';
	const body = { Mobile: zhang.Mobile };

	it('http500, http429 (Retry-After: 1) and notJson, then back to normal', async () => {
		fixture.sandbox.injectFaults(['http500', 'http429', 'notJson']);
		const e500 = await call(path, body);
		expect(e500.status).toBe(500);
		const e429 = await call(path, body);
		expect(e429.status).toBe(429);
		expect(e429.headers['retry-after']).toBe('1');
		const notJson = await call(path, body);
		expect(notJson.status).toBe(200);
		expect(() => JSON.parse(notJson.raw)).toThrow();
		expect((await call(path, body)).json.Code).toBe(1);
		expect(fixture.sandbox.requests.map((r) => r.response.fault)).toEqual([
			'http500',
			'http429',
			'notJson',
			undefined,
		]);
		expect(fixture.sandbox.requests.map((r) => r.response.status)).toEqual([500, 429, 200, 200]);
	});

	it('drop closes the connection without an answer', async () => {
		fixture.sandbox.injectFaults(['drop']);
		await expect(call(path, body)).rejects.toThrow();
		expect(fixture.sandbox.requests[0].response).toMatchObject({ status: 0, fault: 'drop' });
		expect((await call(path, body)).json.Code).toBe(1);
	});

	it('hang never answers until reset', async () => {
		fixture.sandbox.injectFaults(['hang']);
		const pending = call(path, body);
		const outcome = await Promise.race([
			pending.then(
				() => 'answered',
				() => 'failed',
			),
			new Promise((r) => setTimeout(() => r('waiting'), 300)),
		]);
		expect(outcome).toBe('waiting');
		const logged = fixture.sandbox.requests[0];
		expect(logged.response).toMatchObject({ status: 0, fault: 'hang' });
		expect(logged.finishedAt).toBeUndefined();
		fixture.sandbox.reset();
		await expect(pending).rejects.toThrow();
		expect(logged.finishedAt).toBeGreaterThan(0);
	});

	it('a rule picks requests by path; a faulted write changes nothing', async () => {
		fixture.sandbox.injectFaults(({ path: p }) => (p.includes('AddTag') ? 'http500' : undefined));
		expect(
			(await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [50] })).status,
		).toBe(500);
		expect((await call(path, body)).json.Code).toBe(1);
		expect(fixture.sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
		fixture.sandbox.injectFaults();
		expect(
			(await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [50] })).json
				.Code,
		).toBe(1);
	});

	it('refuses unknown fault names', () => {
		expect(() => fixture.sandbox.injectFaults(['http503' as never])).toThrow(/unknown fault/);
	});

	it('latency delays each answer by timers, so concurrent requests overlap', async () => {
		fixture.sandbox.setLatency(50);
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 400 }, (_, i) => call(path, { Mobile: SEED_MEMBERS[i % 5].Mobile })),
		);
		const elapsed = Date.now() - started;
		expect(results.every((r) => r.json.Code === 1)).toBe(true);
		// 400 requests at 50 ms each would take 20 s one after another.
		expect(elapsed).toBeLessThan(3000);
		for (const r of fixture.sandbox.requests)
			expect(r.finishedAt! - r.startedAt).toBeGreaterThanOrEqual(49);
	});
});

describe('faults after apply', () => {
	it('http500AfterApply: the change is kept, the answer is a 500; a retry is refused as a repeat', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const res = await plus('after-500');
		expect(res.status).toBe(500);
		expect(res.raw).toContain('500 - Internal server error');
		expect(score()).toBe(12780);
		expect(fixture.sandbox.applied.count(WRITES.points, 'after-500')).toBe(1);
		expect(fixture.sandbox.requests[0].response).toEqual({
			status: 500,
			fault: 'http500AfterApply',
			appliedCode: 1,
		});
		const retry = await plus('after-500');
		expect(retry.json.Code).toBe(3006);
		expect(score()).toBe(12780);
		expect(fixture.sandbox.applied.repeated()).toEqual([]);
	});

	it('dropAfterApply: the card is opened, the socket is dropped', async () => {
		fixture.sandbox.injectFaults(['dropAfterApply']);
		expect(
			await outcome(call('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13700000001' })),
		).toMatch(/^error /);
		expect(fixture.sandbox.members.get('13700000001')!.Card).not.toBeNull();
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000001')).toBe(1);
		expect(fixture.sandbox.requests[0].response).toMatchObject({
			status: 0,
			fault: 'dropAfterApply',
			appliedCode: 1,
		});
		expect(fixture.sandbox.requests[0].finishedAt).toBeGreaterThan(0);
		// The retry a careless client makes is refused: the mobile holds a card already.
		expect(
			(await call('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13700000001' })).json.Code,
		).toBe(3004);
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000001')).toBe(1);
	});

	it('hangAfterApply: the mobile is changed, no answer comes until the client gives up', async () => {
		fixture.sandbox.injectFaults(['hangAfterApply']);
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
		expect(fixture.sandbox.members.get('13700000009')!.OpenUserID).toBe(zhang.OpenUserID);
		expect(fixture.sandbox.applied.count(WRITES.changeMobile, `${zhang.Mobile}->13700000009`)).toBe(
			1,
		);
		expect(fixture.sandbox.requests[0].response).toMatchObject({
			status: 0,
			fault: 'hangAfterApply',
		});
	});

	it('an after-apply fault on a refused write keeps nothing, and records the refusal', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const res = await call('/User/MallCard/v1/Open/ByMobile/', { Mobile: zhang.Mobile });
		expect(res.status).toBe(500);
		expect(fixture.sandbox.requests[0].response.appliedCode).toBe(3004);
		expect(fixture.sandbox.applied.total()).toBe(0);
	});

	it('before-apply faults still change nothing', async () => {
		fixture.sandbox.injectFaults(['http500', 'drop', 'notJson', 'http429']);
		for (let i = 0; i < 4; i++) await outcome(plus(`before-${i}`));
		expect(score()).toBe(12770);
		expect(fixture.sandbox.applied.total()).toBe(0);
		expect(fixture.sandbox.faultCounts).toMatchObject({
			http500: 1,
			drop: 1,
			notJson: 1,
			http429: 1,
		});
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
		return [...fixture.sandbox.requests];
	}

	it('a seed gives the same mix every time; before-apply faults apply nothing, after-apply ones apply once', async () => {
		fixture.sandbox.setRandomFaults({ rate: 0.3, seed: 42 });
		expect(fixture.sandbox.randomFaults).toEqual({
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
		const counts = fixture.sandbox.faultCounts;
		for (const kind of DEFAULT_RANDOM_FAULT_KINDS)
			expect(counts[kind]).toBe(faulted.filter((f) => f === kind).length);

		for (const [i, record] of first.entries()) {
			const fault = record.response.fault;
			const applied = !fault || (AFTER_APPLY_FAULTS as readonly Fault[]).includes(fault);
			expect(fixture.sandbox.applied.count(WRITES.points, `r-${i}`), `r-${i} met ${fault}`).toBe(
				applied ? 1 : 0,
			);
		}
		const appliedCount = first.filter(
			(r) =>
				!r.response.fault || (AFTER_APPLY_FAULTS as readonly Fault[]).includes(r.response.fault),
		).length;
		expect(score()).toBe(12770 + 10 * appliedCount);

		fixture.sandbox.reset();
		expect(fixture.sandbox.randomFaults).toBeUndefined();
		fixture.sandbox.setRandomFaults({ rate: 0.3, seed: 42 });
		expect((await run(200)).map((r) => r.response.fault ?? null)).toEqual(faults);

		fixture.sandbox.reset();
		fixture.sandbox.setRandomFaults({ rate: 0.3, seed: 43 });
		expect((await run(200)).map((r) => r.response.fault ?? null)).not.toEqual(faults);
	});

	it('draws only the kinds asked for; the plan goes first; rate 0 or null turns them off', async () => {
		fixture.sandbox.setRandomFaults({ rate: 1, kinds: ['notJson'], seed: 1 });
		fixture.sandbox.injectFaults([null, 'http500']);
		const log = await run(4);
		expect(log.map((r) => r.response.fault ?? null)).toEqual([
			null,
			'http500',
			'notJson',
			'notJson',
		]);
		fixture.sandbox.setRandomFaults({ rate: 0 });
		expect(fixture.sandbox.randomFaults).toBeUndefined();
		expect((await plus('off')).json.Code).toBe(1);
		expect(() => fixture.sandbox.setRandomFaults({ rate: 1.5 })).toThrow(/0 to 1/);
		expect(() => fixture.sandbox.setRandomFaults({ rate: 0.5, kinds: ['boom' as Fault] })).toThrow(
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
		expect(fixture.sandbox.applied.count(WRITES.points, 'c-3')).toBe(1);
	});
});
