import { describe, expect, it } from 'vitest';

import {
	ALL_ENDPOINTS,
	CLIENT_CODE_COUPON_ENDPOINTS,
	DUPLICATE_TRANS_ID,
	SANDBOX_CODES,
	SEED_MEMBERS,
	USER_ENDPOINTS,
	WRITES,
	devShopIdOf,
} from '../../sandbox/server';
import { ACTIVITY_ENDPOINTS } from '../../sandbox/pages/activity';
import { BI_ENDPOINTS } from '../../sandbox/pages/bi';
import type { Endpoint } from '../../sandbox/pages/endpoint';
import { GROUPON_ENDPOINTS } from '../../sandbox/pages/groupon';
import { PAY_ENDPOINTS } from '../../sandbox/pages/pay';
import { POINTS_RECORD_ENDPOINTS } from '../../sandbox/pages/pointsRecords';
import { SHOPPING_ENDPOINTS } from '../../sandbox/pages/shopping';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';
import {
	PLUS,
	SUBTRACT,
	INFORM,
	RECORDS,
	COUPONS,
	SHOPS,
	ENTER,
	FIND_CAR,
	GIFT_CATEGORIES_PATH,
	GIFTS,
	NOTICE,
	GRADE,
} from './paths';

/** Points (Score.html), consumption reports and records (Consume.html, Return.html). */

const fixture = useSandbox();
const { call, ok, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const li = SEED_MEMBERS[1];
const noCard = SEED_MEMBERS[5];
const score = (mobile: string) => fixture.sandbox.members.get(mobile)!.Card!.Score;

interface Records {
	ConsumeRecordList: Array<{ TransID: string; McShopID: number }>;
	Count: number;
	PagingID: number;
}

const LATER_PAGES = [
	...POINTS_RECORD_ENDPOINTS,
	...BI_ENDPOINTS,
	...ACTIVITY_ENDPOINTS,
	...GROUPON_ENDPOINTS,
	...SHOPPING_ENDPOINTS,
	...PAY_ENDPOINTS,
];

/** One valid body per endpoint, and a key whose absence must be refused. */
const CASES: Array<{ path: string; body: Record<string, unknown>; required: string[] }> = [
	{
		path: PLUS,
		body: { OpenUserId: zhang.OpenUserID, ScoreEvent: 6, Score: 1, TransID: 't-plus' },
		required: ['OpenUserId', 'ScoreEvent', 'Score', 'TransID'],
	},
	{
		path: SUBTRACT,
		body: { OpenUserId: zhang.OpenUserID, ScoreEvent: 1022, Score: 1, TransID: 't-sub' },
		required: ['OpenUserId', 'ScoreEvent', 'Score', 'TransID'],
	},
	{
		path: INFORM,
		body: { TransID: 'c-1', TradeTime: '2024-07-01 12:00:00', Amount: 100, McShopID: 1000053 },
		required: ['TransID', 'TradeTime', 'Amount', 'McShopID'],
	},
	{
		path: RECORDS,
		body: { Mobile: zhang.Mobile, McShopID: 1000053, PagingID: 0 },
		required: ['Mobile', 'McShopID'],
	},
	{ path: COUPONS, body: { PageIndex: 1, PageSize: 10 }, required: ['PageIndex', 'PageSize'] },
	{ path: SHOPS, body: {}, required: [] },
	{
		path: ENTER,
		body: { ParkCode: '1', PlateNo: '沪B12345', InTime: '2024-07-01 08:00:00' },
		required: ['ParkCode', 'PlateNo', 'InTime'],
	},
	{ path: FIND_CAR, body: { PlateNo: '沪A68688' }, required: ['PlateNo'] },
	{ path: GIFT_CATEGORIES_PATH, body: {}, required: [] },
	{ path: GIFTS, body: { PageIndex: 1, PageSize: 10 }, required: [] },
	{ path: NOTICE, body: { ThirdPartyCardID: 'CRM10000001' }, required: ['ThirdPartyCardID'] },
	{
		path: GRADE,
		body: {
			ThirdPartyCardID: 'CRM10000001',
			BeforeCardCode: '3',
			AfterCardCode: '4',
			ChangeType: 0,
			ChangeTime: '2024-07-01 12:13:14',
		},
		required: ['ThirdPartyCardID', 'BeforeCardCode', 'AfterCardCode', 'ChangeType', 'ChangeTime'],
	},
];

describe('every endpoint beyond the user API', () => {
	it('serves the twelve paths of the design, and only those', () => {
		// The coupon send and usable endpoints come from public client code
		// (coupon-send-and-usable.test.ts); the later pages have their own test (remaining-pages.test.ts).
		const later = new Set<Endpoint>(LATER_PAGES);
		const clientCode = (e: (typeof ALL_ENDPOINTS)[number]) =>
			CLIENT_CODE_COUPON_ENDPOINTS.includes(e);
		expect(
			ALL_ENDPOINTS.filter((e) => !USER_ENDPOINTS.includes(e) && !clientCode(e) && !later.has(e))
				.map((e) => e.path)
				.sort(),
		).toEqual(CASES.map((c) => c.path).sort());
	});

	for (const { path, body, required } of CASES) {
		it(`${path}: success, missing keys refused, bad signature refused, logged`, async () => {
			const res = await call(path, body);
			expect(res.status).toBe(200);
			expect(res.json, res.json.Message).toMatchObject({ Code: 1, Message: '成功' });
			const parameterCode = path.startsWith('/Parking/')
				? SANDBOX_CODES.PARKING_BAD_PARAMETER
				: SANDBOX_CODES.BAD_PARAMETER;
			for (const key of required) {
				const rest = { ...body };
				delete rest[key];
				const refused = await call(path, rest);
				expect(refused.json.Code, `${path} without ${key}`).toBe(parameterCode);
				expect(refused.json.Message).toContain(key.split('/')[0]);
			}
			expect(await code(path, '[1]')).toBe(parameterCode);
			const badSign = await call(path, body, { privateKey: 'wrong' });
			expect(badSign.json).toEqual({ Code: 1005, Message: expect.stringContaining('签名错误') });
			const logged = fixture.sandbox.requests.filter((r) => r.path === path);
			expect(logged).toHaveLength(required.length + 3);
			expect(logged[0]).toMatchObject({
				method: 'POST',
				rawBody: JSON.stringify(body),
				response: { status: 200, code: 1, message: '成功' },
			});
			expect(logged.at(-1)!.response.code).toBe(1005);
		});
	}
});

describe('points', () => {
	const plus = (TransID: string, Score: number, extra: Record<string, unknown> = {}) =>
		call(PLUS, { OpenUserId: zhang.OpenUserID, ScoreEvent: 6, Score, TransID, ...extra });

	it('adds and deducts once per TransID; a repeat is refused and applies nothing', async () => {
		expect(score(zhang.Mobile)).toBe(12770);
		expect(
			(await plus('tx-1', 30, { Reason: '活动奖励', UserToken: zhang.UserToken })).json,
		).toEqual({ Code: 1, Message: '成功' });
		expect(score(zhang.Mobile)).toBe(12800);

		const again = await plus('tx-1', 30);
		expect(again.json).toEqual({
			Code: DUPLICATE_TRANS_ID.code,
			Message: DUPLICATE_TRANS_ID.message,
		});
		expect(again.json.Code).toBe(3006);
		expect(again.json.Message).toMatch(/TransID.*重复/);
		expect(score(zhang.Mobile)).toBe(12800);

		// One namespace for Plus and Subtract: the same TransID cannot deduct either.
		const sub = (TransID: string, Score: number) =>
			call(SUBTRACT, { OpenUserId: zhang.OpenUserID, ScoreEvent: 1022, Score, TransID });
		expect((await sub('tx-1', 10)).json.Code).toBe(3006);
		expect((await sub('tx-2', 0.5)).json.Code).toBe(1);
		expect(score(zhang.Mobile)).toBe(12799.5);
		expect(fixture.sandbox.applied.count(WRITES.points, 'tx-1')).toBe(1);
		expect(fixture.sandbox.applied.count(WRITES.points, 'tx-2')).toBe(1);
		expect(fixture.sandbox.applied.repeated()).toEqual([]);
		expect(fixture.sandbox.mall.pointsTransactions()).toMatchObject([
			{ TransID: 'tx-1', kind: 'plus', Score: 30, Reason: '活动奖励', BalanceAfter: 12800 },
			{ TransID: 'tx-2', kind: 'subtract', Score: 0.5, ScoreEvent: 1022, BalanceAfter: 12799.5 },
		]);
	});

	it('refuses a deduction below zero, changing nothing', async () => {
		const res = await call(SUBTRACT, {
			OpenUserId: li.OpenUserID,
			ScoreEvent: 1022,
			Score: 3560.51,
			TransID: 'too-much',
		});
		expect(res.json.Code).toBe(SANDBOX_CODES.INSUFFICIENT_POINTS);
		expect(res.json.Message).toContain('积分不足');
		expect(score(li.Mobile)).toBe(3560.5);
		// The refused TransID was not used up.
		expect(
			(
				await call(SUBTRACT, {
					OpenUserId: li.OpenUserID,
					ScoreEvent: 1022,
					Score: 3560.5,
					TransID: 'too-much',
				})
			).json.Code,
		).toBe(1);
		expect(score(li.Mobile)).toBe(0);
	});

	it('reads OpenUserId as the Score page spells it, and checks the rest', async () => {
		const body = { OpenUserID: zhang.OpenUserID, ScoreEvent: 6, Score: 1, TransID: 'x' };
		const wrongCase = await call(PLUS, body);
		expect(wrongCase.json.Code).toBe(2001);
		expect(wrongCase.json.Message).toContain('OpenUserId');
		expect((await plus('neg', -5)).json.Code).toBe(2001);
		expect((await plus('zero', 0)).json.Code).toBe(2001);
		expect((await plus('text', '5' as never)).json.Code).toBe(2001);
		expect((await plus('ev', 1, { ScoreEvent: 'six' })).json.Code).toBe(2001);
		expect((await plus('tok', 1, { UserToken: li.UserToken })).json.Code).toBe(3003);
		expect(
			(await call(PLUS, { OpenUserId: noCard.OpenUserID, ScoreEvent: 6, Score: 1, TransID: 'nc' }))
				.json.Code,
		).toBe(3001);
		expect(
			(await call(PLUS, { OpenUserId: 'nobody', ScoreEvent: 6, Score: 1, TransID: 'nb' })).json
				.Code,
		).toBe(3001);
		expect(score(zhang.Mobile)).toBe(12770);
		expect(fixture.sandbox.applied.total(WRITES.points)).toBe(0);
	});
});

describe('consumption', () => {
	const report = (TransID: string, extra: Record<string, unknown> = {}) =>
		call(INFORM, {
			TransID,
			TradeTime: '2024-07-01 12:45:23',
			Amount: 100,
			McShopID: 1000053,
			CrmShopID: '',
			DevShopID: '',
			TradeSerialNo: '',
			PosID: '',
			...extra,
		});
	const records = (extra: Record<string, unknown> = {}) =>
		ok<Records>(RECORDS, { Mobile: zhang.Mobile, McShopID: 1000053, PagingID: 0, ...extra });

	it("reports once per TransID; a matched report is one of the member's records", async () => {
		expect((await report('POS-0001', { PosID: 'P9', PayType: 1 })).json.Code).toBe(1);
		expect((await report('POS-0001')).json).toEqual({
			Code: DUPLICATE_TRANS_ID.code,
			Message: DUPLICATE_TRANS_ID.message,
		});
		expect(fixture.sandbox.applied.count(WRITES.consumption, 'POS-0001')).toBe(1);
		const [reported] = fixture.sandbox.mall.consumptions().filter((r) => r.TransID === 'POS-0001');
		expect(reported).toMatchObject({
			McShopID: 1000053,
			Amount: 100,
			PosID: 'P9',
			PayType: 1,
			TradeSerialNo: null,
			Mobile: null,
		});

		// Not yet matched to a member: not among the records.
		const before = await records({ PageSize: 100 });
		expect(before.Count).toBe(35);
		fixture.sandbox.matchConsumption('POS-0001', zhang.Mobile);
		const after = await records({ PageSize: 100 });
		expect(after.Count).toBe(36);
		expect(after.ConsumeRecordList.at(-1)).toEqual({ TransID: 'POS-0001', McShopID: 1000053 });
	});

	it('takes exactly one shop identifier, by any of the three kinds', async () => {
		expect((await report('crm', { McShopID: null, CrmShopID: 'S00053' })).json.Code).toBe(1);
		expect(
			(await report('dev', { McShopID: null, DevShopID: devShopIdOf(1000053) })).json.Code,
		).toBe(1);
		expect(fixture.sandbox.mall.consumptions().slice(-2)).toMatchObject([
			{ TransID: 'crm', McShopID: 1000053, ReportedShopKey: 'CrmShopID' },
			{ TransID: 'dev', McShopID: 1000053, ReportedShopKey: 'DevShopID' },
		]);
		expect((await report('two', { CrmShopID: 'S00053' })).json.Code).toBe(2001);
		const none = await report('none', { McShopID: null });
		expect(none.json.Code).toBe(2001);
		expect(none.json.Message).toContain('McShopID/CrmShopID/DevShopID');
		expect((await report('str', { McShopID: '1000053' })).json.Code).toBe(2001);
		expect((await report('unknown', { McShopID: 999 })).json.Code).toBe(
			SANDBOX_CODES.NOT_FOUND_SHOP,
		);
		expect((await report('time', { TradeTime: '2024-07-01T12:45:23' })).json.Code).toBe(2001);
		expect((await report('feb30', { TradeTime: '2024-02-30 12:00:00' })).json.Code).toBe(2001);
		expect((await report('amount', { Amount: '100' })).json.Code).toBe(2001);
		expect(fixture.sandbox.applied.total(WRITES.consumption)).toBe(2);
	});

	it('pages forward by PagingID: 35 records of 13800000001 at 1000053 in pages of 10', async () => {
		const seen: string[] = [];
		const pagingIds: number[] = [];
		let pagingId = 0;
		for (;;) {
			const page = await records({ PagingID: pagingId });
			expect(page.Count).toBe(35);
			seen.push(...page.ConsumeRecordList.map((r) => r.TransID));
			if (page.ConsumeRecordList.length === 0) {
				expect(page.PagingID).toBe(pagingId);
				break;
			}
			expect(page.PagingID).toBeGreaterThan(pagingId);
			pagingId = page.PagingID;
			pagingIds.push(pagingId);
		}
		expect(pagingIds).toHaveLength(4);
		expect(seen).toHaveLength(35);
		expect(new Set(seen).size).toBe(35);
		expect(seen[0]).toBe('SEED-1000053-0001-001');
		const twenty = await records({ PageSize: 20 });
		expect(twenty.ConsumeRecordList).toHaveLength(20);
		expect(
			(await records({ PageSize: 20, PagingID: twenty.PagingID })).ConsumeRecordList,
		).toHaveLength(15);
		expect(
			(await call(RECORDS, { Mobile: zhang.Mobile, McShopID: 1000053, PageSize: 0 })).json.Code,
		).toBe(2001);
	});

	it('filters by time, amount, POS and serial number; other shops and members stay apart', async () => {
		const all = (await records({ PageSize: 100 })).ConsumeRecordList;
		const stored = fixture.sandbox.mall
			.consumptions()
			.filter((r) => all.some((a) => a.TransID === r.TransID));
		const pos1 = await records({ PageSize: 100, PosID: 'POS-01' });
		expect(pos1.Count).toBe(stored.filter((r) => r.PosID === 'POS-01').length);
		expect(pos1.Count).toBe(18);
		const window = await records({
			PageSize: 100,
			TradeStartTime: '2024-01-05 00:00:00',
			TradeEndTime: '2024-01-10 23:59:59',
		});
		expect(window.ConsumeRecordList.map((r) => r.TransID)).toEqual(
			stored
				.filter((r) => r.TradeTime >= '2024-01-05' && r.TradeTime <= '2024-01-10 23:59:59')
				.map((r) => r.TransID),
		);
		expect(window.Count).toBe(6);
		const target = stored[7];
		expect(
			(await records({ Amount: target.Amount, PosID: '' })).ConsumeRecordList.map((r) => r.TransID),
		).toContain(target.TransID);
		expect((await records({ TradeSerialNo: target.TradeSerialNo })).Count).toBe(1);
		expect((await records({ McShopID: 1000030 })).Count).toBe(3);
		expect(
			(await ok<Records>(RECORDS, { Mobile: li.Mobile, CrmShopID: 'S00053', PagingID: 0 })).Count,
		).toBe(5);
		expect((await call(RECORDS, { Mobile: '13999999999', McShopID: 1000053 })).json.Code).toBe(
			3001,
		);
		expect(
			(
				await call(RECORDS, {
					Mobile: zhang.Mobile,
					McShopID: 1000053,
					TradeStartTime: '2024/01/01',
				})
			).json.Code,
		).toBe(2001);
	});

	it('misreports the Count, and a cursor that does not move, when told to', async () => {
		fixture.sandbox.setMisreport({ consumeRecordsCount: 1000 });
		const last = await records({ PagingID: 40 });
		expect(last).toEqual({ ConsumeRecordList: [], Count: 1000, PagingID: 40 });
		fixture.sandbox.setMisreport({ consumeRecordsStuckPagingId: true });
		const first = await records({});
		expect(first.ConsumeRecordList).toHaveLength(10);
		expect(first.PagingID).toBe(0);
		expect(first.Count).toBe(35);
		fixture.sandbox.setMisreport(null);
		expect((await records({})).PagingID).toBe(10);
		expect(() => fixture.sandbox.setMisreport({ nonsense: true } as never)).toThrow(
			/unknown misreport/,
		);
	});
});
