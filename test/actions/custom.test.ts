/**
 * The Other Endpoint call (resource `custom`, operation `call`) through n8n's engine against the
 * sandbox: any path under the API Base URL, signed like every operation, Code ≠ 1 an error, Data
 * out (split into items on request), retries only when "Safe to Repeat" says so, and paths that
 * would leave the API Base URL refused before sending.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const [ann] = SEED_MEMBERS;
const call = { resource: 'custom', operation: 'call' };
const records = {
	...call,
	path: '/Return/v1/Consume/Records/ByMobile/',
	body: JSON.stringify({ Mobile: ann.Mobile, McShopID: 1000053, PageSize: 10, PagingID: 0 }),
};

describe('custom call', () => {
	it('posts the body as given, signed, and outputs a Data object as one item', async () => {
		const output = await run(records);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			ConsumeRecordList: expect.any(Array),
			Count: 35,
			PagingID: 10,
		});
		const request = onlyRequest();
		expect(request.path).toBe('/Return/v1/Consume/Records/ByMobile/');
		expect(request.rawBody).toBe(records.body);
	});

	it('Split Into Items: one item per entry of the one list a Data object holds, or of a Data list', async () => {
		const split = await run({ ...records, options: { splitIntoItems: true } });
		expect(split).toHaveLength(10);
		expect(split[0].json).toEqual({ TransID: expect.any(String), McShopID: 1000053 });
		const categories = { ...call, path: '/Gift/V1/GetCategoryList/' };
		const whole = await run(categories);
		expect(whole).toHaveLength(1);
		expect(whole[0].json).toEqual({ Data: fixture.sandbox.mall.giftCategories() });
		const each = await run({ ...categories, options: { splitIntoItems: true } });
		expect(each.map((item) => item.json)).toEqual(fixture.sandbox.mall.giftCategories());
		expect(each.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a write without Data outputs success; the body may come from an expression object', async () => {
		const output = await run(
			{ ...call, path: '/User/Score/v1/Plus/ByOpenUserID/', body: '={{ $json.body }}' },
			[{ body: { OpenUserId: ann.OpenUserID, Score: 5, ScoreEvent: 6, TransID: 'custom-1' } }],
		);
		expect(output[0].json).toEqual({ success: true });
		expect(onlyRequest().rawBody).toBe(
			JSON.stringify({ OpenUserId: ann.OpenUserID, Score: 5, ScoreEvent: 6, TransID: 'custom-1' }),
		);
		expect(fixture.sandbox.applied.count('points', 'custom-1')).toBe(1);
	});

	it('Code other than 1 is an error with the Code and the platform message', async () => {
		const result = await attempt({
			...call,
			path: '/User/Score/v1/Plus/ByOpenUserID/',
			body: JSON.stringify({ OpenUserId: 'nobody', Score: 5, ScoreEvent: 6, TransID: 'x' }),
		});
		expect(result.error?.message).toMatch(/ failed: .*\(Code 3001\)$/);
	});

	it('not Safe to Repeat: an unclear failure is not retried; Safe to Repeat: it is', async () => {
		const options = { maxAttempts: 3, retryDelay: 0 };
		fixture.sandbox.injectFaults(['http500']);
		const once = await attempt({ ...records, options });
		expect(once.error?.description).toMatch(/^Not retried/);
		expect(fixture.sandbox.requests).toHaveLength(1);
		fixture.sandbox.clearRequests();
		fixture.sandbox.injectFaults(['http500']);
		const output = await run({ ...records, safeToRepeat: true, options });
		expect(output[0].json.Count).toBe(35);
		expect(fixture.sandbox.requests.map((r) => r.response.status)).toEqual([500, 200]);
	});

	describe('refuses, before sending anything', () => {
		const paths: Array<[string, string]> = [
			['another host', 'https://evil.example/User/Score/v1/Plus/ByOpenUserID/'],
			['a host without a scheme', '//evil.example/Gift/V1/GetList/'],
			['a scheme', 'javascript:alert(1)'],
			['a relative path', 'Gift/V1/GetList/'],
			['a .. segment', '/Gift/../User/BaseInfo/v1/AddTag/'],
			['an encoded .. segment', '/Gift/%2e%2E/User/'],
			['an empty segment', '/Gift//V1/GetList/'],
			['a query', '/Gift/V1/GetList/?PageSize=1'],
			['a space', '/Gift/V1/Get List/'],
			['a backslash', '/Gift\\..\\x'],
		];
		for (const [what, path] of paths) {
			it(`a path with ${what}, naming the field and the item`, async () => {
				const result = await attempt({ ...call, path: '={{ $json.path }}' }, [
					{ path: '/Gift/V1/GetCategoryList/' },
					{ path },
				]);
				expect(result.error?.message).toMatch(
					/^"Path" must be (a path under the credential's API Base URL|a Mallcoo API path|only the path)/,
				);
				expect(result.error?.context?.itemIndex).toBe(1);
				expect(fixture.sandbox.requests).toEqual([]);
			});
		}

		it('a body that is not a JSON object', async () => {
			for (const body of ['[1, 2]', '{"a": ', '"text"']) {
				const result = await attempt({ ...call, path: '/Gift/V1/GetList/', body });
				expect(result.error?.message).toMatch(/^"Body" must be a JSON object/);
			}
			expect(fixture.sandbox.requests).toEqual([]);
		});
	});
});
