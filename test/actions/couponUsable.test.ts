/**
 * Coupon → Get Usable through n8n's engine against the sandbox: one item per coupon, paged
 * forward by MinID, Return All / Limit, and Code 6 (no data) as an empty list.
 */
import { describe, expect, it } from 'vitest';

import { NO_DATA, SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, run, onlyRequest } = useOperationRunner();
const [ann, bea] = SEED_MEMBERS;
const getUsable = { resource: 'coupon', operation: 'getUsable', mobile: ann.Mobile };

/** Gives Ann `count` coupons of PICM000005 (no per-person limit) through Coupon → Send. */
async function giveAnn(count: number) {
	fixture.sandbox.mall.coupons.setStock('PICM000005', count);
	await run(
		{
			resource: 'coupon',
			operation: 'send',
			mobile: '={{ $json.mobile }}',
			putInId: 'PICM000005',
			traceId: '={{ $json.trace }}',
			options: { batchSize: 100 },
		},
		Array.from({ length: count }, (_, index) => ({ mobile: ann.Mobile, trace: `t-${index}` })),
	);
	fixture.sandbox.clearRequests();
}
const sentBodies = () =>
	fixture.sandbox.requests.map((request) => {
		expect(request.path).toBe('/Coupon/v1/GetCanUse/ByMobile/');
		return request.body;
	});

describe('coupon getUsable', () => {
	it('outputs each coupon as Mallcoo sends it, paired with the item, from one signed request', async () => {
		await giveAnn(3);
		const output = await run(getUsable);
		const request = onlyRequest();
		expect(request.body).toEqual({ Mobile: ann.Mobile, PageSize: 50, MinID: 0 });
		const issued = fixture.sandbox.mall.coupons.issued();
		expect(output.map((item) => item.json.VCode)).toEqual(issued.map((coupon) => coupon.VCode));
		expect(output[0].json).toMatchObject({
			CouponName: issued[0].CouponName,
			CouponType: issued[0].CouponType,
			OverdueTime: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All pages forward by MinID, 100 at a time, each coupon once', async () => {
		await giveAnn(230);
		const output = await run({ ...getUsable, returnAll: true });
		expect(output).toHaveLength(230);
		expect(new Set(output.map((item) => item.json.VCode)).size).toBe(230);
		expect(sentBodies()).toEqual([
			{ Mobile: ann.Mobile, PageSize: 100, MinID: 0 },
			{ Mobile: ann.Mobile, PageSize: 100, MinID: 100 },
			{ Mobile: ann.Mobile, PageSize: 100, MinID: 200 },
		]);
	});

	it('a Limit stops as soon as it is reached', async () => {
		await giveAnn(30);
		const output = await run({ ...getUsable, returnAll: false, limit: 10 });
		expect(output).toHaveLength(10);
		expect(sentBodies()).toEqual([{ Mobile: ann.Mobile, PageSize: 10, MinID: 0 }]);
	});

	it('Code 6 (no data) is an empty list, not an error; the next item still gets its coupons', async () => {
		await giveAnn(2);
		const output = await run({ ...getUsable, mobile: '={{ $json.mobile }}' }, [
			{ mobile: bea.Mobile },
			{ mobile: ann.Mobile },
		]);
		expect(fixture.sandbox.requests[0].response.code).toBe(NO_DATA.code);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
	});

	it('Return All ends at the Code 6 that follows a full last page', async () => {
		await giveAnn(100);
		const output = await run({ ...getUsable, returnAll: true });
		expect(output).toHaveLength(100);
		expect(fixture.sandbox.requests.map((request) => request.response.code)).toEqual([1, 6]);
	});

	it('another refusal stays an error (an unknown member)', async () => {
		const { error } = await attempt({ ...getUsable, mobile: '13999999999' });
		expect(error?.message).toMatch(/failed: .*\(Code 3001\)$/);
	});
});
