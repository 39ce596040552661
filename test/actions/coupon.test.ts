/**
 * The coupon resource through n8n's engine against the sandbox: put-ins paged by PageIndex from
 * 1 with PageSize 100 (the documented maximum); every page once, none skipped, a Limit that stops
 * early, a platform that repeats its last page.
 */
import { describe, expect, it } from 'vitest';

import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, run } = useOperationRunner();
const getMany = { resource: 'coupon', operation: 'getMany' };
const sent = () =>
	fixture.sandbox.requests.map((request) => {
		expect(request.path).toBe('/Coupon/PutIn/v4/GetAll/');
		return request.body as Record<string, unknown>;
	});

describe('coupon getMany', () => {
	it('Return All reads pages 1, 2, 3 of 100 and outputs each put-in once, as Mallcoo sends it', async () => {
		const output = await run({ ...getMany, returnAll: true });
		expect(output).toHaveLength(230);
		expect(output.map((item) => item.json)).toEqual(fixture.sandbox.mall.couponPutIns());
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sent()).toEqual([
			{ PageIndex: 1, PageSize: 100 },
			{ PageIndex: 2, PageSize: 100 },
			{ PageIndex: 3, PageSize: 100 },
		]);
	});

	it('the default Limit of 50 asks for one page of 50', async () => {
		const output = await run(getMany);
		expect(output).toHaveLength(50);
		expect(output[49].json.PICMID).toBe('PICM000050');
		expect(sent()).toEqual([{ PageIndex: 1, PageSize: 50 }]);
	});

	it('a Limit above 100 pages by 100 and stops as soon as it is reached', async () => {
		const output = await run({ ...getMany, returnAll: false, limit: 150 });
		expect(output.map((item) => item.json.PICMID)).toEqual(
			Array.from({ length: 150 }, (_, i) => `PICM${String(i + 1).padStart(6, '0')}`),
		);
		expect(sent()).toEqual([
			{ PageIndex: 1, PageSize: 100 },
			{ PageIndex: 2, PageSize: 100 },
		]);
	});

	it('ends at an empty page after a full last page, and at a repeated last page, never twice the same entry', async () => {
		const ids = Array.from({ length: 200 }, (_, i) => `PICM${String(i + 1).padStart(6, '0')}`);
		const parameters = { ...getMany, returnAll: true, filters: { putInIds: ids.join(',') } };
		expect(await run(parameters)).toHaveLength(200);
		expect(
			fixture.sandbox.requests.map((r) => (r.body as { PageIndex: number }).PageIndex),
		).toEqual([1, 2, 3]);

		fixture.sandbox.clearRequests();
		fixture.sandbox.setMisreport({ repeatLastPage: true });
		const output = await run(parameters);
		expect(output.map((item) => item.json.PICMID)).toEqual(ids);
		const bodies = sent();
		expect(bodies.map((body) => body.PageIndex)).toEqual([1, 2, 3]);
		expect(bodies[0].PICMIDList).toEqual(ids);
	});

	it('takes put-in IDs as a list from an expression', async () => {
		const output = await run(
			{ ...getMany, returnAll: true, filters: { putInIds: '={{ $json.ids }}' } },
			[{ ids: ['PICM000007', 'PICM000230'] }],
		);
		expect(output.map((item) => item.json.PICMID)).toEqual(['PICM000007', 'PICM000230']);
		expect(sent()).toEqual([
			{ PICMIDList: ['PICM000007', 'PICM000230'], PageIndex: 1, PageSize: 100 },
		]);
	});

	it('refuses a Limit of 0 and put-in IDs that are not texts, before sending', async () => {
		const zero = await attempt({ ...getMany, returnAll: false, limit: 0 });
		expect(zero.error?.message).toMatch(/"Limit" must be at least 1/);
		const objects = await attempt({ ...getMany, filters: { putInIds: '={{ $json.ids }}' } }, [
			{ ids: [{ id: 1 }] },
		]);
		expect(objects.error?.message).toMatch(/"Filters › Put-In IDs" must be IDs/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
