import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
	CLIENT_CODE_COUPON_ENDPOINTS,
	FAIL_REASONS,
	MAX_SEND_ENTRIES,
	NO_DATA,
	SANDBOX_CODES,
	SEED_MEMBERS,
	WRITES,
	startSandbox,
	type Sandbox,
} from '../../sandbox/server';
import { call as signedCall } from '../helpers/sandboxCall';

/** The sandbox's coupon send and usable-coupon endpoints, over real HTTP, signed. */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const [ann, bea, cat] = SEED_MEMBERS;
const call = (path: string, body: unknown) =>
	signedCall<Array<Record<string, unknown>>>(sandbox, path, body);
const byMobile = (entries: Array<Record<string, unknown>>) =>
	call('/Coupon/v1/Send/ByMobile/', { UserList: entries });
const entry = (TraceID: string, Mobile = ann.Mobile, PICMID = 'PICM000005') => ({
	BussinessID: null,
	TraceID,
	PICMID,
	Mobile,
});
const putIn = (id: string) => sandbox.mall.couponPutIns().find((p) => p.PICMID === id)!;

describe('coupon send', () => {
	it('serves the four paths public client code shows', () => {
		expect(CLIENT_CODE_COUPON_ENDPOINTS.map((e) => e.path)).toEqual([
			'/Coupon/v1/Send/ByMobile/',
			'/Coupon/v1/Send/ByOpenUserID/',
			'/Coupon/v2/Send/ByOpenUserID/',
			'/Coupon/v1/GetCanUse/ByMobile/',
		]);
	});

	it('answers each entry in order: IsSuccess, FailReason, VCode, PICMID, TraceID; stock goes down', async () => {
		const stock = putIn('PICM000005').StoreOverCount;
		const { json } = await byMobile([
			entry('a'),
			entry('b', '13999999999'),
			entry('c', ann.Mobile, 'NOPE'),
		]);
		expect(json.Code).toBe(1);
		expect(json.Data).toEqual([
			{
				IsSuccess: true,
				FailReason: null,
				VCode: sandbox.mall.coupons.issued()[0].VCode,
				PICMID: 'PICM000005',
				TraceID: 'a',
			},
			{
				IsSuccess: false,
				FailReason: FAIL_REASONS.noMember,
				VCode: null,
				PICMID: 'PICM000005',
				TraceID: 'b',
			},
			{
				IsSuccess: false,
				FailReason: FAIL_REASONS.noPutIn,
				VCode: null,
				PICMID: 'NOPE',
				TraceID: 'c',
			},
		]);
		expect(putIn('PICM000005').StoreOverCount).toBe(stock - 1);
		expect(sandbox.applied.count(WRITES.couponSend, 'a')).toBe(1);
	});

	it('refuses a used TraceID per entry, enforces EPMaxGet and stock; a refusal keeps its TraceID free', async () => {
		sandbox.mall.coupons.setStock('PICM000003', 2); // EPMaxGet 1
		const { json } = await byMobile([
			entry('x', ann.Mobile, 'PICM000003'),
			entry('x', bea.Mobile, 'PICM000003'),
			entry('y', ann.Mobile, 'PICM000003'),
			entry('z', bea.Mobile, 'PICM000003'),
			entry('w', cat.Mobile, 'PICM000003'),
		]);
		expect(json.Data!.map((e) => e.FailReason)).toEqual([
			null,
			FAIL_REASONS.traceIdUsed,
			`${FAIL_REASONS.limitReached}: 1`,
			null,
			FAIL_REASONS.noStock,
		]);
		sandbox.mall.coupons.setStock('PICM000003', 5);
		const again = await byMobile([entry('w', cat.Mobile, 'PICM000003')]);
		expect(again.json.Data![0].IsSuccess).toBe(true);
	});

	it('takes OpenUserID on ByOpenUserID and on the v2 path', async () => {
		for (const path of ['/Coupon/v1/Send/ByOpenUserID/', '/Coupon/v2/Send/ByOpenUserID/']) {
			const { json } = await call(path, {
				UserList: [{ TraceID: path, PICMID: 'PICM000005', OpenUserID: ann.OpenUserID }],
			});
			expect(json.Data![0].IsSuccess).toBe(true);
		}
		expect(sandbox.mall.coupons.issued().map((c) => c.Mobile)).toEqual([ann.Mobile, ann.Mobile]);
	});

	it('a malformed list or too many entries is 2001 and gives nobody a coupon', async () => {
		const bad = [
			{},
			{ UserList: [] },
			{ UserList: [entry('a'), { TraceID: 'b', PICMID: 'PICM000005' }] },
			{ UserList: [entry('a'), { ...entry('b'), BussinessID: 5 }] },
			{ UserList: Array.from({ length: MAX_SEND_ENTRIES + 1 }, (_, i) => entry(`t${i}`)) },
		];
		for (const body of bad) {
			const { json } = await call('/Coupon/v1/Send/ByMobile/', body);
			expect(json.Code).toBe(SANDBOX_CODES.BAD_PARAMETER);
		}
		expect(sandbox.mall.coupons.issued()).toEqual([]);
	});

	it('reset restores the stock and forgets the coupons', async () => {
		const stock = putIn('PICM000005').StoreOverCount;
		await byMobile([entry('a')]);
		sandbox.reset();
		expect(putIn('PICM000005').StoreOverCount).toBe(stock);
		expect(sandbox.mall.coupons.issued()).toEqual([]);
	});
});

describe('usable coupons', () => {
	const usable = (body: Record<string, unknown>) =>
		signedCall<{ Count: number; CouponInfoList: Array<Record<string, unknown>> }>(
			sandbox,
			'/Coupon/v1/GetCanUse/ByMobile/',
			body,
		);

	it("lists a member's coupons after MinID, with Count; Code 6 when there are none", async () => {
		expect((await usable({ Mobile: ann.Mobile })).json.Code).toBe(NO_DATA.code);
		await byMobile([entry('a'), entry('b'), entry('c')]);
		const { json } = await usable({ Mobile: ann.Mobile, PageSize: 2, MinID: '0' });
		expect(json.Data!.Count).toBe(3);
		expect(json.Data!.CouponInfoList.map((c) => c.CouponID)).toEqual([1, 2]);
		expect(Object.keys(json.Data!.CouponInfoList[0]).sort()).toEqual(
			[
				'CouponID',
				'CouponName',
				'CouponType',
				'EnableTime',
				'InsteadMoney',
				'OverdueTime',
				'VCode',
			].sort(),
		);
		const next = await usable({ Mobile: ann.Mobile, PageSize: 2, MinID: 2 });
		expect(next.json.Data!.CouponInfoList.map((c) => c.CouponID)).toEqual([3]);
		expect((await usable({ Mobile: ann.Mobile, MinID: 3 })).json.Code).toBe(NO_DATA.code);
		expect((await usable({ Mobile: '13999999999' })).json.Code).toBe(
			SANDBOX_CODES.NOT_FOUND_MEMBER,
		);
	});
});

describe('control API', () => {
	const control = (method: string, path: string, body?: unknown) =>
		fetch(`${sandbox.url}/__sandbox/${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : undefined,
			body: body ? JSON.stringify(body) : undefined,
		});

	it("sets a put-in's stock and per-person limit, and lists the coupons sent", async () => {
		const set = await control('POST', 'coupons/put-in', {
			PICMID: 'PICM000003',
			stock: 20000,
			perPerson: 'unlimited',
		});
		expect(set.status).toBe(200);
		expect(putIn('PICM000003')).toMatchObject({
			StoreOverCount: 20000,
			IsEPMaxGetInfinite: true,
		});
		await byMobile([entry('a', ann.Mobile, 'PICM000003'), entry('b', ann.Mobile, 'PICM000003')]);
		const listed = (await (await control('GET', 'coupons')).json()) as { issued: unknown[] };
		expect(listed.issued).toEqual(sandbox.mall.coupons.issued());
		expect(listed.issued).toHaveLength(2);
		for (const bad of [{ PICMID: 'NOPE', stock: 1 }, { PICMID: 'PICM000003', stock: -1 }, {}])
			expect((await control('POST', 'coupons/put-in', bad)).status).toBe(400);
	});
});
