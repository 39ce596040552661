/**
 * The activity resource through n8n's engine against the sandbox: categories and sub-categories,
 * the list paged by PageIndex with its State and category filters and Simplify, and one
 * activity's detail with its registration settings. Keys as client code spells them.
 */
import { describe, expect, it } from 'vitest';

import { ACTIVITIES, ACTIVITY_CATEGORIES } from '../../sandbox/pages/activity';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const bodies = () => fixture.sandbox.requests.map((request) => request.body);

describe('activity', () => {
	it('getCategories posts {} for the first level, ParentID for the children', async () => {
		const first = await run({ resource: 'activity', operation: 'getCategories' });
		expect(onlyRequest().path).toBe('/Event/Activity/V1/GetCategoryList/');
		expect(first.map((item) => item.json.ActivityCategoryID)).toEqual([1, 2, 3]);
		expect(first[0].json).toEqual({
			ActivityCategoryID: 1,
			Name: '亲子活动',
			TypeIcon: expect.stringMatching(/^http/),
		});
		const children = await run({
			resource: 'activity',
			operation: 'getCategories',
			filters: { parentId: 2 },
		});
		expect(bodies()).toEqual([{}, { ParentID: 2 }]);
		expect(children.map((item) => item.json.ActivityCategoryID)).toEqual(
			ACTIVITY_CATEGORIES.filter((category) => category.parent === 2).map(
				(category) => category.ActivityCategoryID,
			),
		);
	});

	it('getMany with Return All reads pages of 10 until the short one', async () => {
		const output = await run({ resource: 'activity', operation: 'getMany', returnAll: true });
		expect(output.map((item) => item.json)).toEqual(ACTIVITIES);
		expect(bodies()).toEqual([1, 2, 3].map((index) => ({ PageIndex: index, PageSize: 10 })));
	});

	it('getMany filters by State and category, and Simplify labels the state', async () => {
		const output = await run({
			resource: 'activity',
			operation: 'getMany',
			returnAll: true,
			filters: { state: 2, categoryId: 1 },
			simplify: true,
		});
		expect(bodies()[0]).toEqual({ ActivityCategoryID: 1, State: 2, PageIndex: 1, PageSize: 10 });
		const expected = ACTIVITIES.filter((a) => a.State === 2 && a.ActivityCategoryID === 1);
		expect(expected.length).toBeGreaterThan(0);
		expect(output.map((item) => item.json.activityId)).toEqual(expected.map((a) => a.ActivityID));
		expect(output[0].json).toMatchObject({
			state: 'Ongoing',
			activitySubCategoryId: expected[0].ActivitySubCategoryID,
			startTime: expected[0].StartTime,
		});
	});

	it('getMany with a Limit of 12 asks for two pages and cuts the second', async () => {
		const output = await run({ resource: 'activity', operation: 'getMany', limit: 12 });
		expect(output).toHaveLength(12);
		expect(bodies()).toEqual([
			{ PageIndex: 1, PageSize: 10 },
			{ PageIndex: 2, PageSize: 10 },
		]);
	});

	it('get sends ActivityID as a number and outputs the registration settings', async () => {
		const output = await run({ resource: 'activity', operation: 'get', activityId: '3004' });
		expect(onlyRequest().rawBody).toBe('{"ActivityID":3004}');
		expect(output[0].json).toMatchObject({
			ActivityID: 3004,
			IsNeedSign: true,
			SignStartTime: expect.any(String),
			IsDeductionBonus: true,
			DeductionBonus: 100,
			PageUrl: expect.stringMatching(/^https:/),
		});
		expect(output[0].json).not.toHaveProperty('State');
	});

	it('get refuses an activity ID that is not a whole number, before sending', async () => {
		const result = await attempt({ resource: 'activity', operation: 'get', activityId: 'A-7' });
		expect(result.error?.message).toMatch(/"Activity ID" must be a whole number/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
