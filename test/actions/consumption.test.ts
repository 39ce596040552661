/**
 * The consumption resource through n8n's engine against the sandbox: purchase reports (exact
 * body, China time, one shop identifier, re-run with the same IDs) and a member's records paged
 * forward by PagingID (every page once, none skipped, misreported totals, a stuck cursor).
 */
import { describe, expect, it } from 'vitest';

import { DUPLICATE_TRANS_ID, SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const [ann, bea] = SEED_MEMBERS;

const report = {
	resource: 'consumption',
	operation: 'report',
	transactionId: 'POS-20260301-0001',
	tradeTime: '2026-03-01 12:30:00',
	amount: 128.5,
	shopIdType: 'mcShopId',
	shopId: '1000053',
	options: { retryDelay: 0 },
};

const records = {
	resource: 'consumption',
	operation: 'getRecords',
	mobile: ann.Mobile,
	shopIdType: 'mcShopId',
	shopId: '1000053',
	returnAll: true,
};

const sentBodies = () =>
	fixture.sandbox.requests.map((request) => request.body as Record<string, unknown>);

describe('consumption report', () => {
	it('sends TransID, TradeTime, Amount and McShopID as a whole number, and the optional fields', async () => {
		const output = await run({
			...report,
			additionalFields: { tradeSerialNo: 'SN-778', posId: 'POS-01', payType: '1' },
		});
		expect(output[0].json).toMatchObject({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/Consume/v1/Data/Inform/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				TransID: 'POS-20260301-0001',
				TradeTime: '2026-03-01 12:30:00',
				Amount: 128.5,
				McShopID: 1000053,
				TradeSerialNo: 'SN-778',
				PosID: 'POS-01',
				PayType: 1,
			}),
		);
		expect(
			fixture.sandbox.mall.consumptions().find((r) => r.TransID === 'POS-20260301-0001'),
		).toMatchObject({ Amount: 128.5, McShopID: 1000053, TradeTime: '2026-03-01 12:30:00' });
	});

	it('sends exactly one shop identifier: the CRM or developer ID as text', async () => {
		await run({ ...report, shopIdType: 'crmShopId', shopId: 'S00053' });
		await run({
			...report,
			transactionId: 'POS-2',
			shopIdType: 'devShopId',
			shopId: 'DEV-1000053',
		});
		const [crm, dev] = sentBodies();
		expect(Object.keys(crm).filter((key) => key.endsWith('ShopID'))).toEqual(['CrmShopID']);
		expect(crm.CrmShopID).toBe('S00053');
		expect(Object.keys(dev).filter((key) => key.endsWith('ShopID'))).toEqual(['DevShopID']);
		expect(dev.DevShopID).toBe('DEV-1000053');
		expect(fixture.sandbox.requests.map((r) => r.response.code)).toEqual([1, 1]);
	});

	it('converts ISO text with an offset and n8n date-times to China time', async () => {
		const items = [
			{ id: 'T-1', at: '2026-03-01T04:30:00Z' },
			{ id: 'T-2', at: '2026-03-01T12:30:00+08:00' },
			{ id: 'T-3', at: '2026-02-28T23:30:00-05:00' },
		];
		await run({ ...report, transactionId: '={{ $json.id }}', tradeTime: '={{ $json.at }}' }, items);
		await run({
			...report,
			transactionId: 'T-4',
			tradeTime: "={{ DateTime.fromISO('2026-03-01T04:30:00Z') }}",
		});
		const times = Object.fromEntries(sentBodies().map((body) => [body.TransID, body.TradeTime]));
		expect(times).toEqual({
			'T-1': '2026-03-01 12:30:00',
			'T-2': '2026-03-01 12:30:00',
			'T-3': '2026-03-01 12:30:00',
			'T-4': '2026-03-01 12:30:00',
		});
	});

	it('a re-run with the same TransID is refused by Mallcoo and records the purchase once', async () => {
		await run(report);
		const again = await attempt(report, undefined, true);
		expect(again.output[0].json.code).toBe(DUPLICATE_TRANS_ID.code);
		expect(fixture.sandbox.applied.count('consumption', 'POS-20260301-0001')).toBe(1);
		expect(
			fixture.sandbox.mall.consumptions().filter((r) => r.TransID === 'POS-20260301-0001'),
		).toHaveLength(1);
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, Record<string, unknown>, RegExp]> = [
			[
				'a trade time that is not a date',
				{ tradeTime: 'yesterday' },
				/"Trade Time" must be a (date|real calendar date)/,
			],
			[
				'a date that does not exist',
				{ tradeTime: '2026-02-30 10:00:00' },
				/"Trade Time" must be a (date|real calendar date)/,
			],
			['an amount of 0', { amount: 0 }, /"Amount" must be (more than 0|a number greater than 0)/],
			[
				'a Mallcoo Shop ID that is not a number',
				{ shopId: 'S00053' },
				/"Shop ID" must be a positive whole number/,
			],
			['a missing transaction ID', { transactionId: '' }, /"Transaction ID" is required/],
			['a missing shop ID', { shopId: '' }, /"Shop ID" is required/],
		];
		for (const [what, change, message] of cases) {
			it(`${what}, naming the field and the item`, async () => {
				const bad = Object.fromEntries(
					Object.entries(change).map(([name, value]) => [
						name,
						`={{ $itemIndex === 1 ? ${JSON.stringify(value)} : ${JSON.stringify((report as Record<string, unknown>)[name])} }}`,
					]),
				);
				const result = await attempt(
					{ ...report, ...bad, transactionId: bad.transactionId ?? '={{ "T-" + $itemIndex }}' },
					[{}, {}],
				);
				expect(result.error?.message).toMatch(message);
				expect(result.error?.context?.itemIndex).toBe(1);
				expect(fixture.sandbox.requests).toEqual([]);
			});
		}
	});
});

describe('consumption getRecords', () => {
	it('Return All reads every page once, PagingID 0 first, then the one each page returned', async () => {
		const output = await run(records);
		expect(output).toHaveLength(35);
		expect(
			output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(new Set(output.map((item) => item.json.TransID)).size).toBe(35);
		expect(output[0].json).toEqual({
			TransID: expect.stringMatching(/^SEED-1000053-0001-/),
			McShopID: 1000053,
		});
		expect(fixture.sandbox.requests.map((r) => r.path)).toEqual(
			Array(4).fill('/Return/v1/Consume/Records/ByMobile/'),
		);
		expect(sentBodies()).toEqual(
			[0, 10, 20, 30].map((pagingId) => ({
				Mobile: ann.Mobile,
				McShopID: 1000053,
				PageSize: 10,
				PagingID: pagingId,
			})),
		);
	});

	it('a Limit stops early without asking for another page', async () => {
		const output = await run({ ...records, returnAll: false, limit: 15 });
		expect(output).toHaveLength(15);
		expect(sentBodies().map((body) => [body.PageSize, body.PagingID])).toEqual([
			[10, 0],
			[10, 10],
		]);
		await run({ ...records, returnAll: false, limit: 4 });
		expect(
			sentBodies()
				.slice(2)
				.map((body) => [body.PageSize, body.PagingID]),
		).toEqual([[4, 0]]);
	});

	it('ignores a misreported Count: too high or too low, every record once', async () => {
		for (const count of [1000, 3]) {
			fixture.sandbox.clearRequests();
			fixture.sandbox.setMisreport({ consumeRecordsCount: count });
			const output = await run(records);
			expect(output).toHaveLength(35);
			expect(fixture.sandbox.requests).toHaveLength(4);
		}
	});

	it('a cursor that does not move fails the item instead of fetching the same page again', async () => {
		fixture.sandbox.setMisreport({ consumeRecordsStuckPagingId: true });
		const result = await attempt(records);
		expect(result.error?.message).toMatch(/no new paging position \(item 1\)/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(fixture.sandbox.requests).toHaveLength(1);
	});

	it('under Continue On Fail a refused item is one error item in its place, the others list on', async () => {
		const result = await attempt(
			{ ...records, mobile: '={{ $json.mobile }}' },
			[{ mobile: '13899999999' }, { mobile: bea.Mobile }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1 + 5);
		expect(result.output[0].json).toMatchObject({ code: 3001 });
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(
			result.output.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1),
		).toBe(true);
	});

	it('pairs each record with the input item that asked, in input order', async () => {
		const output = await run(
			{ ...records, mobile: '={{ $json.mobile }}', options: { concurrency: 2 } },
			[{ mobile: ann.Mobile }, { mobile: bea.Mobile }],
		);
		expect(output).toHaveLength(40);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array(35).fill(0),
			...Array(5).fill(1),
		]);
	});

	it('sends the filters with China times, the CRM shop ID and fewer records come back', async () => {
		const output = await run({
			...records,
			shopIdType: 'crmShopId',
			shopId: 'S00053',
			filters: {
				tradeStartTime: '2024-01-05 00:00:00',
				tradeEndTime: '2024-01-10T23:59:59+08:00',
				posId: 'POS-01',
			},
		});
		expect(sentBodies()[0]).toEqual({
			Mobile: ann.Mobile,
			CrmShopID: 'S00053',
			TradeStartTime: '2024-01-05 00:00:00',
			TradeEndTime: '2024-01-10 23:59:59',
			PosID: 'POS-01',
			PageSize: 10,
			PagingID: 0,
		});
		const expected = fixture.sandbox.mall
			.consumptions()
			.filter(
				(r) =>
					r.Mobile === ann.Mobile &&
					r.McShopID === 1000053 &&
					r.PosID === 'POS-01' &&
					r.TradeTime >= '2024-01-05 00:00:00' &&
					r.TradeTime <= '2024-01-10 23:59:59',
			)
			.map((r) => r.TransID);
		expect(expected.length).toBeGreaterThan(0);
		expect(output.map((item) => item.json.TransID)).toEqual(expected);
	});

	it('refuses a filter date that is not a date, naming it, before sending', async () => {
		const result = await attempt({
			...records,
			filters: { tradeStartTime: '2024-13-01 00:00:00' },
		});
		expect(result.error?.message).toMatch(
			/"Filters › Trade Start Time" must be a (date|real calendar date)/,
		);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
