/**
 * The shop resource through n8n's engine against the sandbox: an empty PageSize returns every
 * shop (Return All is one request), a Limit is one page of that size, filters are sent as the
 * Shop page spells them.
 */
import { describe, expect, it } from 'vitest';

import { useOperationRunner } from '../helpers/operations';

const { fixture, onlyRequest, run } = useOperationRunner();
const getMany = { resource: 'shop', operation: 'getMany' };

describe('shop getMany', () => {
	it('Return All is one request with an empty PageSize, one item per shop', async () => {
		const output = await run({ ...getMany, returnAll: true });
		expect(output.map((item) => item.json)).toEqual(fixture.sandbox.mall.shops());
		expect(output).toHaveLength(120);
		const request = onlyRequest();
		expect(request.path).toBe('/Shop/V1/GetList/');
		expect(request.rawBody).toBe(JSON.stringify({ PageIndex: 1, PageSize: null }));
	});

	it('a Limit is one page of that size', async () => {
		const output = await run({ ...getMany, returnAll: false, limit: 7 });
		expect(output.map((item) => item.json.McShopID)).toEqual([
			1000001, 1000002, 1000003, 1000004, 1000005, 1000006, 1000007,
		]);
		expect(onlyRequest().rawBody).toBe(JSON.stringify({ PageIndex: 1, PageSize: 7 }));
	});

	it('sends CommercialTypeID, FloorID and BlockID as whole numbers', async () => {
		const output = await run({
			...getMany,
			returnAll: true,
			filters: { commercialTypeId: 14025, floorId: '={{ 2 }}', blockId: 3 },
		});
		expect(onlyRequest().rawBody).toBe(
			JSON.stringify({
				CommercialTypeID: 14025,
				FloorID: 2,
				BlockID: 3,
				PageIndex: 1,
				PageSize: null,
			}),
		);
		const expected = fixture.sandbox.mall
			.shops()
			.filter((s) => s.CommercialTypeID === 14025 && s.FloorID === 2 && s.BlockID === 3);
		expect(output.map((item) => item.json.McShopID)).toEqual(expected.map((s) => s.McShopID));
	});
});
