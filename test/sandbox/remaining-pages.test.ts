import { describe, expect, it } from 'vitest';

import { SANDBOX_CODES, SEED_MEMBERS } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';

/**
 * Points records, the BI import, activities, group-buys, e-commerce categories and POS orders:
 * each path answers, refuses a missing key naming it, refuses a bad signature and is logged;
 * the BI import reads EventData against its event's page and keeps one record per unique_id.
 */

const fixture = useSandbox();
const { call } = sandboxCalls(fixture);
const zhang = SEED_MEMBERS[0];

const BI = '/BI/Event/v1/Data/Import/';
const ADD = '/Pay/Pos/v1/Order/Add';
const SYNC = '/Pay/Pos/v1/Order/Sync';

const sale = {
	time: '2026-03-01 12:30:00',
	unique_id: 'S-1',
	shop_code: 'S00053',
	order_total_price: 10,
	payment_amount: 10,
	payment_details: [{ pay_method: 'cash', pay_amount: 10 }],
};
const biBody = (event: Record<string, unknown>, type = 401002) => ({
	EventType: type,
	EventData: encodeURIComponent(JSON.stringify(event)),
});
const order = {
	DevShopID: 'DEV-1000053',
	PosID: 'P1',
	PosOrderID: 'O-1',
	CashierID: 'C1',
	Amount: 100,
};

/** One valid body per endpoint, and the keys whose absence must be refused. */
const CASES: Array<{ path: string; body: Record<string, unknown>; required: string[] }> = [
	{
		path: '/User/Score/v2/Get/Records/',
		body: { OpenUserID: zhang.OpenUserID },
		required: ['OpenUserID'],
	},
	{ path: BI, body: biBody(sale), required: ['EventType', 'EventData'] },
	{ path: '/Event/Activity/V1/GetCategoryList/', body: {}, required: [] },
	{ path: '/Event/Activity/V1/GetList/', body: { State: 2 }, required: [] },
	{ path: '/Event/Activity/V1/GetDetail/', body: { ActivityID: 3001 }, required: ['ActivityID'] },
	{ path: '/Groupon/v1/GetCategoryList', body: {}, required: [] },
	{ path: '/Groupon/v1/GetList', body: { PageIndex: 1, PageSize: 2 }, required: [] },
	{ path: '/Shopping/Category/v1/Parent/GetList', body: {}, required: [] },
	{ path: '/Shopping/Category/v1/Child/GetList', body: { ParentID: 1 }, required: [] },
	{ path: ADD, body: order, required: ['DevShopID', 'PosID', 'PosOrderID', 'CashierID', 'Amount'] },
];

describe('the remaining pages', () => {
	for (const { path, body, required } of CASES) {
		it(`${path}: success, missing keys refused, bad signature refused, logged`, async () => {
			const res = await call(path, body);
			expect(res.json, res.json.Message).toMatchObject({ Code: 1, Message: '成功' });
			for (const key of required) {
				const rest = { ...body };
				delete rest[key];
				const refused = await call(path, rest);
				expect(refused.json.Code, `${path} without ${key}`).toBe(SANDBOX_CODES.BAD_PARAMETER);
				expect(refused.json.Message).toContain(key);
			}
			const badSign = await call(path, body, { privateKey: 'wrong' });
			expect(badSign.json.Code).toBe(SANDBOX_CODES.BAD_SIGN);
			const logged = fixture.sandbox.requests.filter((r) => r.path === path);
			expect(logged).toHaveLength(required.length + 2);
			expect(logged[0].rawBody).toBe(JSON.stringify(body));
		});
	}

	it('Order/Sync: an OrderID that Add gave; amounts in whole fen; an unknown one refused', async () => {
		const created = await call<{ OrderID: string }>(ADD, order);
		const sync = { OrderID: created.json.Data!.OrderID, TotalDiscount: 10, PayableAmount: 90 };
		expect((await call(SYNC, sync)).json).toEqual({ Code: 1, Message: '成功' });
		expect((await call(SYNC, { ...sync, PayableAmount: 90.5 })).json.Code).toBe(
			SANDBOX_CODES.BAD_PARAMETER,
		);
		expect((await call(SYNC, { ...sync, OrderID: 'KG-none' })).json.Code).not.toBe(1);
		expect(fixture.sandbox.mall.posOrders()[0].sync).toEqual({
			TotalDiscount: 10,
			PayableAmount: 90,
			CouponList: [],
		});
	});

	it('Order/Add with a PosOrderID seen before makes a second order (no refusal is documented)', async () => {
		await call(ADD, order);
		await call(ADD, order);
		const orders = fixture.sandbox.mall.posOrders();
		expect(orders.map((o) => o.PosOrderID)).toEqual(['O-1', 'O-1']);
		expect(new Set(orders.map((o) => o.OrderID)).size).toBe(2);
	});
});

describe('the BI import', () => {
	it('keeps one record per event type, unique_id and day, and answers each with a TraceID', async () => {
		const first = await call<{ TraceID: string }>(BI, biBody(sale));
		const again = await call<{ TraceID: string }>(BI, biBody({ ...sale, payment_amount: 9 }));
		expect(first.json.Data!.TraceID).toMatch(/^[0-9a-f]{24}$/);
		expect(again.json.Data!.TraceID).toMatch(/^[0-9a-f]{24}$/);
		expect(fixture.sandbox.mall.biEvents()).toEqual([
			expect.objectContaining({ unique_id: 'S-1', EventData: sale }),
		]);
		expect(fixture.sandbox.applied.count('biImport', '401002|S-1')).toBe(1);
	});

	it.each([
		['an unknown key', { ...sale, shopCode: 'S1' }, 'EventData.shopCode'],
		['a number as text', { ...sale, payment_amount: '10' }, 'EventData.payment_amount'],
		['no shop identifier', { ...sale, shop_code: undefined }, 'shop_code/shop_id/dev_shop_id'],
		[
			'a payment without its amount',
			{ ...sale, payment_details: [{ pay_method: 'cash' }] },
			'pay_amount',
		],
		[
			'a time not in yyyy-MM-dd HH:mm:ss',
			{ ...sale, time: '2026-03-01T12:30:00Z' },
			'EventData.time',
		],
	])('refuses %s, naming it', async (_what, event, named) => {
		const res = await call(BI, biBody(event as Record<string, unknown>));
		expect(res.json.Code).toBe(SANDBOX_CODES.BAD_PARAMETER);
		expect(res.json.Message).toContain(named);
		expect(fixture.sandbox.mall.biEvents()).toEqual([]);
	});

	it('takes event 504002 with a member and a shop; refuses it without a member', async () => {
		const points = {
			time: '2026-03-01 12:30:00',
			unique_id: 'P-1',
			mobile: zhang.Mobile,
			shop_id: '1000053',
		};
		expect((await call(BI, biBody(points, 504002))).json.Code).toBe(1);
		const noMember: Record<string, unknown> = { ...points };
		delete noMember.mobile;
		const refused = await call(BI, biBody(noMember, 504002));
		expect(refused.json.Message).toContain('member_card_id/mobile');
		expect((await call(BI, biBody(sale, 999999))).json.Code).toBe(SANDBOX_CODES.BAD_PARAMETER);
	});
});
