/**
 * examples/import-shop-sales.json in a real n8n: the day's sales posted to its webhook go to the
 * sandbox as BI event 401002 imports, and posting them again imports nothing twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { callWebhook, expectSigned, resetSandbox, stack, webhookOf, withRequests } from './helpers';

beforeAll(resetSandbox);

const sales = [
	{
		orderId: 'E2E-SALE-0001',
		soldAt: '2026-03-01T02:12:05Z',
		shopCode: 'S00053',
		total: 128.5,
		paid: 118.5,
		payMethod: '微信',
		coupon: 10,
	},
	{
		orderId: 'E2E-SALE-0002',
		soldAt: '2026-03-01 12:40:31',
		shopCode: '454522',
		total: 66,
		paid: 66,
		payMethod: '支付宝',
		coupon: 0,
	},
	{
		orderId: 'E2E-SALE-0003',
		soldAt: 'not a time',
		shopCode: 'S00053',
		total: 10,
		paid: 10,
		payMethod: 'cash',
		coupon: 0,
	},
];

const eventOf = (body: unknown) =>
	JSON.parse(decodeURIComponent(String((body as { EventData: string }).EventData))) as Record<
		string,
		unknown
	>;

describe('examples/import-shop-sales.json (POST /webhook/mallcoo/shop-sales; nightly on a schedule)', () => {
	it('imports each sale as event 401002 in China time, and names the one it refused', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooBiSales01'), { body: { sales } }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			imported: 2,
			failed: [{ orderId: 'E2E-SALE-0003', error: expect.stringMatching(/"Time" must be a/) }],
		});
		// The refused sale was never sent.
		expect(requests).toHaveLength(2);
		expect(requests.map((r) => [r.path, (r.body as { EventType: number }).EventType])).toEqual([
			['/BI/Event/v1/Data/Import/', 401002],
			['/BI/Event/v1/Data/Import/', 401002],
		]);
		expect(requests.map((r) => eventOf(r.body))).toEqual(
			expect.arrayContaining([
				{
					time: '2026-03-01 10:12:05',
					unique_id: 'E2E-SALE-0001',
					shop_code: 'S00053',
					order_total_price: 128.5,
					payment_amount: 118.5,
					payment_details: [{ pay_method: '微信', pay_amount: 118.5 }],
					order_id: 'E2E-SALE-0001',
					discount_amount: 10,
				},
				{
					time: '2026-03-01 12:40:31',
					unique_id: 'E2E-SALE-0002',
					shop_code: '454522',
					order_total_price: 66,
					payment_amount: 66,
					payment_details: [{ pay_method: '支付宝', pay_amount: 66 }],
					order_id: 'E2E-SALE-0002',
					discount_amount: 0,
				},
			]),
		);
		expect(requests.map((r) => r.response.code)).toEqual([1, 1]);
		expectSigned(requests);
	});

	it('posting the same sales again imports nothing twice: one record per unique ID', async () => {
		const { answer } = await withRequests(() =>
			callWebhook(webhookOf('mallcooBiSales01'), { body: { sales: sales.slice(0, 2) } }),
		);
		expect(answer.json).toMatchObject({ imported: 2, failed: [] });
		const applied = await (
			await fetch(`${stack().sandbox.url}/__sandbox/applied?write=biImport`)
		).json();
		expect(applied.total).toBe(2);
		expect(applied.repeated).toEqual([]);
	});
});
