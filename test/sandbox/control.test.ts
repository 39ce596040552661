/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { describe, expect, it } from 'vitest';

import { DEMO_CREDENTIALS, SEED_MEMBERS, WRITES, type RecordedRequest } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';

/** The control API, the apply counters and the rate limit. */

const fixture = useSandbox();
const { call, ok, control } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const liu = SEED_MEMBERS[3];

describe('control API', () => {
	it('reports health, sets faults and latency, lists and clears requests, resets, issues tickets', async () => {
		expect((await control('GET', 'health')).json).toMatchObject({
			ok: true,
			appId: DEMO_CREDENTIALS.appId,
			members: SEED_MEMBERS.length,
		});
		expect((await control('POST', 'faults', { faults: ['http500', null] })).json.ok).toBe(true);
		expect(
			(await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).status,
		).toBe(500);
		expect(
			(await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).status,
		).toBe(200);
		expect((await control('POST', 'faults', { faults: ['boom'] })).status).toBe(400);

		expect((await control('POST', 'latency', { ms: 30 })).json.latencyMs).toBe(30);
		expect(fixture.sandbox.latencyMs).toBe(30);

		const log = (await control<RecordedRequest[]>('GET', 'requests')).json;
		expect(log.map((r) => r.response.status)).toEqual([500, 200]);
		expect(
			(await control<RecordedRequest[]>('GET', `requests?since=${log[0].id}`)).json,
		).toHaveLength(1);

		const { json: ticket } = await control<{ Ticket: string }>('POST', 'ticket', {
			Mobile: liu.Mobile,
		});
		expect(
			(await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket.Ticket }))!.UserName,
		).toBe('刘洋');
		expect((await control('GET', `members?Mobile=${liu.Mobile}`)).json.OpenUserID).toBe(
			liu.OpenUserID,
		);

		await control('POST', 'reset');
		expect(fixture.sandbox.latencyMs).toBe(0);
		expect(fixture.sandbox.requests).toHaveLength(0);
		await call('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
		await control('DELETE', 'requests');
		expect(fixture.sandbox.requests).toHaveLength(0);
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
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000002')).toBe(1);
		expect(fixture.sandbox.applied.repeated()).toEqual([
			{ write: 'addTag', key: zhang.Mobile, count: 2 },
		]);
		expect(fixture.sandbox.applied.repeated(WRITES.openCard)).toEqual([]);
		expect(fixture.sandbox.applied.total()).toBe(3);

		const applied = (
			await control<{ total: number; counts: unknown[]; repeated: unknown[] }>('GET', 'applied')
		).json;
		expect(applied).toMatchObject({ ok: true, total: 3 });
		expect(applied.counts).toEqual([
			{ write: 'openCard', key: '13700000002', count: 1 },
			{ write: 'addTag', key: zhang.Mobile, count: 2 },
		]);
		expect((await control<{ total: number }>('GET', 'applied?write=openCard')).json.total).toBe(1);
		fixture.sandbox.reset();
		expect(fixture.sandbox.applied.total()).toBe(0);
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
		fixture.sandbox.setRateLimit(5);
		expect(fixture.sandbox.rateLimit).toBe(5);
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
		expect(fixture.sandbox.requests.filter((r) => r.response.rateLimited)).toHaveLength(7);

		const rate = fixture.sandbox.requestRate();
		expect(rate.limit).toBe(5);
		expect(rate.perSecond).toEqual([{ second: expect.any(Number), requests: 12, refused: 7 }]);
		expect(rate.maxPerSecond).toBe(12);
		expect(rate.maxInAnySecond).toBe(12);
		expect(rate.maxAcceptedInAnySecond).toBe(5);

		// The next second lets requests through again.
		await nextSecond();
		expect((await read()).status).toBe(200);
		expect(fixture.sandbox.requestRate().perSecond).toHaveLength(2);
	});

	it('measures a paced client: at most N requests within any 1000 ms', async () => {
		for (let i = 0; i < 6; i++) {
			await read();
			await new Promise((r) => setTimeout(r, 260));
		}
		const rate = fixture.sandbox.requestRate();
		expect(rate.limit).toBeNull();
		expect(rate.perSecond.reduce((sum, s) => sum + s.requests, 0)).toBe(6);
		expect(rate.maxInAnySecond).toBeLessThanOrEqual(4);
		expect(rate.maxInAnySecond).toBeGreaterThanOrEqual(3);
		fixture.sandbox.clearRequests();
		expect(fixture.sandbox.requestRate().perSecond).toEqual([]);
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
