/**
 * The POS order resource through n8n's engine against the sandbox: amounts in whole fen, the
 * body keys of the Pay page, Mallcoo's order ID out of Create and into Sync, and what each does
 * after a lost answer (Create is not resent; Sync is, and changes the order once).
 */
import { describe, expect, it } from 'vitest';

import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();

const create = {
	resource: 'posOrder',
	operation: 'create',
	devShopId: 'DEV-1000053',
	posId: 'POS-01',
	posOrderId: 'VC201705050',
	cashierId: 'QS-7',
	amount: 2000,
	options: { retryDelay: 0 },
};

describe('posOrder create', () => {
	it('sends the Pay page keys with Amount in fen and outputs the order ID', async () => {
		const output = await run({ ...create, additionalFields: { mallCardNo: 'FG201705050' } });
		const request = onlyRequest();
		expect(request.path).toBe('/Pay/Pos/v1/Order/Add');
		expect(request.rawBody).toBe(
			JSON.stringify({
				DevShopID: 'DEV-1000053',
				PosID: 'POS-01',
				MallCardNo: 'FG201705050',
				PosOrderID: 'VC201705050',
				CashierID: 'QS-7',
				Amount: 2000,
			}),
		);
		const [order] = fixture.sandbox.mall.posOrders();
		expect(output[0].json).toEqual({
			success: true,
			posOrderId: 'VC201705050',
			OrderID: order.OrderID,
			CreatedTime: order.CreatedTime,
		});
	});

	it('a lost answer is not resent: the error says to check the order in Mallcoo', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const result = await attempt(create, undefined, true);
		expect(fixture.sandbox.requests).toHaveLength(1);
		expect(result.output[0].json.description).toMatch(/Not retried: .*Check in Mallcoo/);
		expect(fixture.sandbox.applied.count('posOrderCreate', 'VC201705050')).toBe(1);
	});

	it('a request that surely never arrived (HTTP 429) is sent again', async () => {
		fixture.sandbox.injectFaults(['http429']);
		const output = await run(create);
		expect(output[0].json.success).toBe(true);
		expect(fixture.sandbox.requests).toHaveLength(2);
		expect(fixture.sandbox.mall.posOrders()).toHaveLength(1);
	});

	it.each([
		['a fraction of a fen', { amount: 12.5 }, /"Amount \(Fen\)" must be a whole number/],
		['an amount of 0', { amount: 0 }, /"Amount \(Fen\)" must be at least 1/],
		['an empty POS order ID', { posOrderId: '={{ "" }}' }, /"POS Order ID" is required/],
	])('refuses %s before sending anything', async (_what, change, message) => {
		const result = await attempt({ ...create, ...change });
		expect(result.error?.message).toMatch(message);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});

describe('posOrder sync', () => {
	it("sends Create's OrderID, TotalDiscount, CouponList and PayableAmount in fen", async () => {
		const [created] = await run(create);
		fixture.sandbox.clearRequests();
		const sync = {
			resource: 'posOrder',
			operation: 'sync',
			orderId: '={{ $json.OrderID }}',
			totalDiscount: 500,
			payableAmount: 1500,
			couponList: { coupons: [{ vCode: 'VC-1', discount: 500 }] },
			options: { retryDelay: 0 },
		};
		const output = await run(sync, [created.json]);
		const request = onlyRequest();
		expect(request.path).toBe('/Pay/Pos/v1/Order/Sync');
		expect(request.rawBody).toBe(
			JSON.stringify({
				OrderID: created.json.OrderID,
				TotalDiscount: 500,
				CouponList: [{ VCode: 'VC-1', Discount: 500 }],
				PayableAmount: 1500,
			}),
		);
		expect(output[0].json).toEqual({ success: true, orderId: created.json.OrderID });
		expect(fixture.sandbox.mall.posOrders()[0].sync).toEqual({
			TotalDiscount: 500,
			PayableAmount: 1500,
			CouponList: [{ VCode: 'VC-1', Discount: 500 }],
		});

		// A lost answer: resent with the same body, and the order changed once.
		fixture.sandbox.clearRequests();
		fixture.sandbox.injectFaults(['http500AfterApply']);
		await run({ ...sync, totalDiscount: 600, payableAmount: 1400 }, [created.json]);
		const [first, second] = fixture.sandbox.requests;
		expect(second.rawBody).toBe(first.rawBody);
		expect(fixture.sandbox.applied.count('posOrderSync', String(created.json.OrderID))).toBe(2);
	});

	it('refuses a coupon without its code, naming it, before sending', async () => {
		const result = await attempt({
			resource: 'posOrder',
			operation: 'sync',
			orderId: 'KG2001001010',
			totalDiscount: 0,
			payableAmount: 100,
			couponList: { coupons: [{ discount: 100 }] },
		});
		expect(result.error?.message).toMatch(/"Coupons › Coupon › Coupon Code" is empty in coupon 1/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
