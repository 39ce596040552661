/**
 * The group-buy and e-commerce resources through n8n's engine against the sandbox: paths as the
 * pages write them (no trailing slash), categories in one request, group-buys paged by PageIndex
 * with the TuanType and CategoryID filters and Simplify's labels.
 */
import { describe, expect, it } from 'vitest';

import { GROUPONS, GROUPON_CATEGORIES } from '../../sandbox/pages/groupon';
import { SHOPPING_CHILDREN, SHOPPING_PARENTS } from '../../sandbox/pages/shopping';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const bodies = () => fixture.sandbox.requests.map((request) => request.body);

describe('groupBuy', () => {
	it('getCategories posts {} to /Groupon/v1/GetCategoryList and outputs one item each', async () => {
		const output = await run({ resource: 'groupBuy', operation: 'getCategories' });
		const request = onlyRequest();
		expect(request.path).toBe('/Groupon/v1/GetCategoryList');
		expect(request.rawBody).toBe('{}');
		expect(output.map((item) => item.json)).toEqual(GROUPON_CATEGORIES);
	});

	it('getMany with Return All reads pages of 10: 23 group-buys in 3 requests', async () => {
		const output = await run({ resource: 'groupBuy', operation: 'getMany', returnAll: true });
		expect(fixture.sandbox.requests[0].path).toBe('/Groupon/v1/GetList');
		expect(output.map((item) => item.json)).toEqual(GROUPONS);
		expect(bodies()).toEqual([1, 2, 3].map((index) => ({ PageIndex: index, PageSize: 10 })));
	});

	it('getMany sends TuanType and CategoryID, and Simplify labels type and shelf status', async () => {
		const output = await run({
			resource: 'groupBuy',
			operation: 'getMany',
			returnAll: true,
			filters: { type: 3, categoryId: 31 },
			simplify: true,
		});
		expect(bodies()[0]).toEqual({ TuanType: 3, CategoryID: 31, PageIndex: 1, PageSize: 10 });
		const expected = GROUPONS.filter((g) => g.Type === 3 && g.CategoryID === 31);
		expect(output.map((item) => item.json.grouponId)).toEqual(expected.map((g) => g.GrouponID));
		expect(new Set(output.map((item) => item.json.type))).toEqual(new Set(['Flash Sale']));
		expect(output.map((item) => item.json.shelfStatus)).toEqual(
			expected.map((g) => (g.ShelfStatus === 1 ? 'On Shelf' : 'Off Shelf')),
		);
	});

	it('getMany refuses a category ID of 0 before sending', async () => {
		const result = await attempt({
			resource: 'groupBuy',
			operation: 'getMany',
			filters: { categoryId: 0 },
		});
		expect(result.error?.message).toMatch(/"Filters › Category ID" must be at least 1/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});

describe('eCommerce', () => {
	it('getCategories: first level posts {} to Parent/GetList', async () => {
		const output = await run({ resource: 'eCommerce', operation: 'getCategories' });
		const request = onlyRequest();
		expect(request.path).toBe('/Shopping/Category/v1/Parent/GetList');
		expect(request.rawBody).toBe('{}');
		expect(output.map((item) => item.json)).toEqual(SHOPPING_PARENTS);
	});

	it('getCategories: second level sends ParentID, 0 for every second-level category', async () => {
		const some = await run({
			resource: 'eCommerce',
			operation: 'getCategories',
			level: 'second',
			parentId: 2,
		});
		const all = await run({ resource: 'eCommerce', operation: 'getCategories', level: 'second' });
		expect(fixture.sandbox.requests.map((r) => [r.path, r.rawBody])).toEqual([
			['/Shopping/Category/v1/Child/GetList', '{"ParentID":2}'],
			['/Shopping/Category/v1/Child/GetList', '{"ParentID":0}'],
		]);
		expect(some.map((item) => item.json)).toEqual(
			SHOPPING_CHILDREN.filter((child) => child.ParentID === 2),
		);
		expect(all.map((item) => item.json)).toEqual(SHOPPING_CHILDREN);
	});
});
