/**
 * The gift resource through n8n's engine against the sandbox: categories in one request, gifts
 * paged by PageIndex with the documented default PageSize of 10.
 */
import { describe, expect, it } from 'vitest';

import { useOperationRunner } from '../helpers/operations';

const { fixture, onlyRequest, run } = useOperationRunner();

describe('gift', () => {
	it('getCategories posts {} and outputs one item per category', async () => {
		const output = await run({ resource: 'gift', operation: 'getCategories' });
		expect(output.map((item) => item.json)).toEqual(fixture.sandbox.mall.giftCategories());
		expect(output).toHaveLength(4);
		const request = onlyRequest();
		expect(request.path).toBe('/Gift/V1/GetCategoryList/');
		expect(request.rawBody).toBe('{}');
	});

	it('getMany with Return All reads pages of 10 until the short one: 57 gifts in 6 requests', async () => {
		const output = await run({ resource: 'gift', operation: 'getMany', returnAll: true });
		expect(output.map((item) => item.json)).toEqual(fixture.sandbox.mall.gifts());
		expect(fixture.sandbox.requests.map((r) => r.body)).toEqual(
			[1, 2, 3, 4, 5, 6].map((index) => ({ PageIndex: index, PageSize: 10 })),
		);
	});

	it('getMany by category, Limit 12: two pages, the second cut short, no third', async () => {
		const output = await run({
			resource: 'gift',
			operation: 'getMany',
			limit: 12,
			filters: { giftCategoryId: 2 },
		});
		const expected = fixture.sandbox.mall.gifts().filter((g) => g.GiftCategoryID === 2);
		expect(output.map((item) => item.json.GiftID)).toEqual(
			expected.slice(0, 12).map((g) => g.GiftID),
		);
		expect(fixture.sandbox.requests.map((r) => r.body)).toEqual([
			{ GiftCategoryID: 2, PageIndex: 1, PageSize: 10 },
			{ GiftCategoryID: 2, PageIndex: 2, PageSize: 10 },
		]);
	});
});
