/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The analytics resource (BI event import) through n8n's engine against the sandbox: EventData
 * sent as the URL-encoded JSON string the BI page asks for, with the keys its event pages spell;
 * unique_id from the data or built as the MD5 of the sorted JSON; re-runs and lost answers that
 * keep one record per unique_id; bad input refused before anything is sent.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { describe, expect, it } from 'vitest';

import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();

const sale = {
	resource: 'analytics',
	operation: 'importShopSale',
	time: '2026-03-01 12:30:00',
	uniqueId: 'SALE-0001',
	shopIdType: 'shopCode',
	shopId: 'S00053',
	orderTotalPrice: 128.5,
	paymentAmount: 118.5,
	paymentDetails: {
		payments: [
			{ payMethod: '微信', payAmount: 100 },
			{ payMethod: 'cash', payAmount: 18.5 },
		],
	},
	options: { retryDelay: 0 },
};

/** One sale per input row, as a spreadsheet gives them. */
const fromRows = {
	...sale,
	time: '={{ $json.time }}',
	uniqueId: '={{ $json.orderId }}',
	orderTotalPrice: '={{ $json.total }}',
	paymentAmount: '={{ $json.total }}',
	paymentDetails: {
		payments: [{ payMethod: '={{ $json.pay }}', payAmount: '={{ $json.total }}' }],
	},
};
const rows = [
	{ orderId: 'A-1', time: '2026-03-01T02:00:00Z', total: 50, pay: '支付宝' },
	{ orderId: 'A-2', time: '2026-03-01T03:00:00Z', total: 70.2, pay: '微信' },
	{ orderId: 'A-3', time: '2026-03-01T04:00:00Z', total: 9.9, pay: 'cash' },
];

const eventOf = (rawBody: string) => {
	const body = JSON.parse(rawBody) as { EventType: number; EventData: string };
	return JSON.parse(decodeURIComponent(body.EventData)) as Record<string, unknown>;
};

/** The MD5 the BI page recommends, computed here independently: JSON with every key sorted. */
function md5OfSortedJson(event: Record<string, unknown>): string {
	const keys = new Set<string>();
	JSON.stringify(event, (key, value) => (keys.add(key), value));
	return createHash('md5')
		.update(JSON.stringify(event, [...keys].filter(Boolean).sort()))
		.digest('hex');
}

describe('analytics importShopSale (event 401002)', () => {
	it('sends EventType 401002 and EventData as URL-encoded JSON, with the page keys', async () => {
		const output = await run({
			...sale,
			discountDetails: {
				discounts: [{ discountType: '优惠券', discountAmount: 10, discountId: 'VC-778' }],
			},
			additionalFields: {
				orderId: 'SN-778',
				memberCardId: 'MC0001',
				salesNumber: 2,
				taxAmount: 1.2,
			},
		});
		const request = onlyRequest();
		expect(request.path).toBe('/BI/Event/v1/Data/Import/');
		const event = {
			time: '2026-03-01 12:30:00',
			unique_id: 'SALE-0001',
			shop_code: 'S00053',
			order_total_price: 128.5,
			payment_amount: 118.5,
			payment_details: [
				{ pay_method: '微信', pay_amount: 100 },
				{ pay_method: 'cash', pay_amount: 18.5 },
			],
			discount_details: [{ discount_type: '优惠券', discount_amount: 10, discount_id: 'VC-778' }],
			order_id: 'SN-778',
			member_card_id: 'MC0001',
			tax_amount: 1.2,
			sales_number: 2,
		};
		expect(request.rawBody).toBe(
			JSON.stringify({ EventType: 401002, EventData: encodeURIComponent(JSON.stringify(event)) }),
		);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			success: true,
			eventType: 401002,
			uniqueId: 'SALE-0001',
			event,
			TraceID: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(fixture.sandbox.mall.biEvents()).toEqual([
			expect.objectContaining({ EventType: 401002, unique_id: 'SALE-0001', EventData: event }),
		]);
	});

	it('sends the shop as shop_id or dev_shop_id when chosen, as text, and only that one', async () => {
		await run({ ...sale, shopIdType: 'mcShopId', shopId: '1000053' });
		await run({ ...sale, uniqueId: 'SALE-0002', shopIdType: 'devShopId', shopId: 'DEV-1000053' });
		const [byId, byDev] = fixture.sandbox.requests.map((request) => eventOf(request.rawBody));
		expect(Object.keys(byId).filter((key) => key.includes('shop'))).toEqual(['shop_id']);
		expect(byId.shop_id).toBe('1000053');
		expect(Object.keys(byDev).filter((key) => key.includes('shop'))).toEqual(['dev_shop_id']);
	});

	it('one sale per row, times in China time, each output paired with its row', async () => {
		const output = await run(fromRows, rows);
		expect(output.map((item) => [item.json.uniqueId, item.pairedItem])).toEqual([
			['A-1', { item: 0 }],
			['A-2', { item: 1 }],
			['A-3', { item: 2 }],
		]);
		const events = fixture.sandbox.mall.biEvents().map((record) => record.EventData);
		expect(events.map((event) => [event.unique_id, event.time, event.payment_details])).toEqual([
			['A-1', '2026-03-01 10:00:00', [{ pay_method: '支付宝', pay_amount: 50 }]],
			['A-2', '2026-03-01 11:00:00', [{ pay_method: '微信', pay_amount: 70.2 }]],
			['A-3', '2026-03-01 12:00:00', [{ pay_method: 'cash', pay_amount: 9.9 }]],
		]);
	});

	it('re-running the same rows imports nothing twice: one record per unique_id', async () => {
		await run(fromRows, rows);
		const again = await run(fromRows, rows);
		expect(again.every((item) => item.json.success === true)).toBe(true);
		expect(fixture.sandbox.mall.biEvents()).toHaveLength(3);
		expect(fixture.sandbox.applied.total('biImport')).toBe(3);
		expect(fixture.sandbox.applied.repeated('biImport')).toEqual([]);
		expect(fixture.sandbox.requests).toHaveLength(6);
	});

	it('a lost answer is resent with the very same body, and Mallcoo keeps one record', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const output = await run(sale);
		expect(output[0].json).toMatchObject({ success: true, uniqueId: 'SALE-0001' });
		const [first, second] = fixture.sandbox.requests;
		expect(fixture.sandbox.requests).toHaveLength(2);
		expect(first.response.fault).toBe('http500AfterApply');
		expect(second.rawBody).toBe(first.rawBody);
		expect(fixture.sandbox.applied.count('biImport', '401002|SALE-0001')).toBe(1);
	});

	it('"MD5 of the Event Data" builds unique_id from the sorted JSON: same row, same ID', async () => {
		const hashed = { ...fromRows, uniqueIdSource: 'md5OfEventData' };
		await run(hashed, rows);
		await run(hashed, [rows[0], { ...rows[1], total: 70.3 }]);
		const sent = fixture.sandbox.requests.map((request) => eventOf(request.rawBody));
		for (const event of sent) {
			const { unique_id: uniqueId, ...fields } = event;
			expect(uniqueId).toBe(md5OfSortedJson(fields));
		}
		expect(sent[3].unique_id).toBe(sent[0].unique_id);
		expect(sent[4].unique_id).not.toBe(sent[1].unique_id);
		expect(Object.keys(sent[0]).slice(0, 2)).toEqual(['time', 'unique_id']);
		expect(fixture.sandbox.mall.biEvents()).toHaveLength(4);
	});

	it('reads fields inside Payment Details from the item, other expressions through n8n', async () => {
		await run(
			{
				...fromRows,
				paymentDetails: {
					payments: [
						{ payMethod: '={{ $json.pay }}', payAmount: '={{ $json.total }}' },
						{ payMethod: '={{ $json.pay.toUpperCase() }}', payAmount: 0 },
					],
				},
			},
			[{ ...rows[2], pay: 'cash' }],
		);
		expect(eventOf(fixture.sandbox.requests[0].rawBody).payment_details).toEqual([
			{ pay_method: 'cash', pay_amount: 9.9 },
			{ pay_method: 'CASH', pay_amount: 0 },
		]);
		// A field the item lacks is empty, as n8n evaluates it.
		const result = await attempt(fromRows, [{ ...rows[0], pay: undefined }]);
		expect(result.error?.message).toMatch(/"Payment Details › Payment › Pay Method" is empty/);
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, Record<string, unknown>, RegExp]> = [
			['an empty unique ID', { uniqueId: '={{ "" }}' }, /"Unique ID" is required/],
			['no payment', { paymentDetails: {} }, /"Payment Details" needs at least one payment/],
			[
				'a payment without its amount',
				{ paymentDetails: { payments: [{ payMethod: 'cash', payAmount: '={{ "" }}' }] } },
				/"Payment Details › Payment › Pay Amount" is empty in payment 1/,
			],
			[
				'a discount without its type',
				{ discountDetails: { discounts: [{ discountAmount: 5 }] } },
				/"Discount Details › Discount › Discount Type" is empty in discount 1/,
			],
			['a time that is not a date', { time: 'soon' }, /"Time" must be a/],
			['a negative total', { orderTotalPrice: -1 }, /"Order Total Price" must be/],
		];
		for (const [what, change, message] of cases) {
			it(`${what}, naming the field`, async () => {
				const result = await attempt({ ...sale, ...change }, [{}, {}]);
				expect(result.error?.message).toMatch(message);
				expect(fixture.sandbox.requests).toEqual([]);
			});
		}
	});
});

describe('analytics importCrmConsumptionPoints (event 504002)', () => {
	const points = {
		resource: 'analytics',
		operation: 'importCrmConsumptionPoints',
		time: '2026-03-01 12:30:00',
		uniqueId: 'CRM-0001',
		mobile: '13800000001',
		shopIdType: 'mcShopId',
		shopId: '1000053',
		additionalFields: {
			actionType: 'return',
			bonus: -128,
			orderProductAmount: -1,
			paymentAmount: 128,
			eventSource: 'CRM',
		},
	};

	it('sends EventType 504002 with the member, the shop and the page keys', async () => {
		const output = await run(points);
		const request = onlyRequest();
		expect(JSON.parse(request.rawBody).EventType).toBe(504002);
		const event = {
			time: '2026-03-01 12:30:00',
			unique_id: 'CRM-0001',
			mobile: '13800000001',
			shop_id: '1000053',
			event_source: 'CRM',
			action_type: '退货退积分',
			payment_amount: 128,
			bonus: -128,
			order_product_amount: -1,
		};
		expect(eventOf(request.rawBody)).toEqual(event);
		expect(Object.keys(eventOf(request.rawBody))).toEqual(Object.keys(event));
		expect(output[0].json).toMatchObject({
			success: true,
			eventType: 504002,
			uniqueId: 'CRM-0001',
		});
		expect(fixture.sandbox.mall.biEvents()[0]).toMatchObject({ EventType: 504002 });
	});

	it('takes the card number instead of the mobile, and refuses neither', async () => {
		await run({ ...points, mobile: '', memberCardId: 'MC0001' });
		expect(eventOf(fixture.sandbox.requests[0].rawBody)).toMatchObject({
			member_card_id: 'MC0001',
		});
		expect(eventOf(fixture.sandbox.requests[0].rawBody)).not.toHaveProperty('mobile');
		const result = await attempt({ ...points, mobile: '' });
		expect(result.error?.message).toMatch(/"Member Card ID" or "Mobile" is required/);
		expect(fixture.sandbox.requests).toHaveLength(1);
	});
});

describe('examples/import-shop-sales.json', () => {
	const workflow = JSON.parse(
		readFileSync(new URL('../../examples/import-shop-sales.json', import.meta.url), 'utf8'),
	) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	const importNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-mallcoo.mallcoo')!;
	/** Rows as the example's "The Day's Sales" node makes them. */
	const day = [
		{
			orderId: '2026-03-01-S00053-0001',
			soldAt: '2026-03-01 10:12:05',
			shopCode: 'S00053',
			total: 128.5,
			paid: 118.5,
			payMethod: '微信',
			coupon: 10,
		},
		{
			orderId: '2026-03-01-454522-0003',
			soldAt: '2026-03-01 19:05:48',
			shopCode: '454522',
			total: 399,
			paid: 399,
			payMethod: 'cash',
			coupon: 0,
		},
	];

	it('imports each row with its order number as unique_id; running it again imports nothing twice', async () => {
		const output = await run(importNode.parameters, day);
		expect(output.map((item) => item.json.uniqueId)).toEqual(day.map((row) => row.orderId));
		expect(eventOf(fixture.sandbox.requests[0].rawBody)).toEqual({
			time: '2026-03-01 10:12:05',
			unique_id: '2026-03-01-S00053-0001',
			shop_code: 'S00053',
			order_total_price: 128.5,
			payment_amount: 118.5,
			payment_details: [{ pay_method: '微信', pay_amount: 118.5 }],
			order_id: '2026-03-01-S00053-0001',
			discount_amount: 10,
		});
		await run(importNode.parameters, day);
		expect(fixture.sandbox.mall.biEvents()).toHaveLength(2);
		expect(fixture.sandbox.applied.repeated('biImport')).toEqual([]);
	});
});
