/**
 * Failures through n8n's engine: platform refusals, HTTP errors, unreadable answers and bad input,
 * each with and without Continue On Fail.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const [ada, bea] = SEED_MEMBERS;
const UNKNOWN_MOBILE = '13700000000';

const getByMobile = {
	resource: 'member',
	operation: 'get',
	findBy: 'mobile',
	mobile: '={{ $json.mobile }}',
	options: { retryDelay: 10 },
};
const threeItems = [{ mobile: ada.Mobile }, { mobile: UNKNOWN_MOBILE }, { mobile: bea.Mobile }];

const run = (
	continueOnFail: boolean,
	items: Array<Record<string, unknown>> = threeItems,
	parameters: Record<string, unknown> = getByMobile,
) => runMallcoo({ parameters, items, credentials: fixture.credentials, continueOnFail });

describe('a business error (Code ≠ 1)', () => {
	it('stops the node with the operation, the Code and the Message', async () => {
		const { error } = await run(false, [{ mobile: UNKNOWN_MOBILE }]);
		expect(error?.message).toMatch(/^Get a member failed: .+ \(Code 3001\)$/);
		expect(error?.context).toMatchObject({ itemIndex: 0, mallcooCode: 3001 });
	});

	it('with Continue On Fail becomes the failing item only, in its place', async () => {
		const { output, error } = await run(true);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.OpenUserID).toBe(ada.OpenUserID);
		expect(output[1].json).toMatchObject({
			code: 3001,
			error: expect.stringContaining('(Code 3001)'),
		});
		expect(output[2].json.OpenUserID).toBe(bea.OpenUserID);
	});
});

describe('HTTP 500', () => {
	const alwaysFailFor = (mobile: string) => () =>
		fixture.sandbox.injectFaults((request) =>
			(request.body as { Mobile?: string })?.Mobile === mobile ? 'http500' : undefined,
		);

	it('is retried, then reported with the status', async () => {
		alwaysFailFor(UNKNOWN_MOBILE)();
		const { error } = await run(false, [{ mobile: UNKNOWN_MOBILE }]);
		expect(error?.message).toBe('Get a member failed: Mallcoo answered HTTP 500');
		expect(error?.description).toMatch(/Gave up after 3 attempts/);
		expect(fixture.sandbox.requests).toHaveLength(3);
	});

	it('with Continue On Fail leaves the other items intact', async () => {
		alwaysFailFor(UNKNOWN_MOBILE)();
		const { output } = await run(true);
		expect(output).toHaveLength(3);
		expect(output[1]).toMatchObject({
			json: { error: 'Get a member failed: Mallcoo answered HTTP 500' },
			pairedItem: { item: 1 },
		});
		expect([output[0].json.OpenUserID, output[2].json.OpenUserID]).toEqual([
			ada.OpenUserID,
			bea.OpenUserID,
		]);
	});
});

describe('an answer that is not JSON', () => {
	it('is reported as such, not passed on', async () => {
		fixture.sandbox.injectFaults(['notJson']);
		const { error } = await run(false, [{ mobile: ada.Mobile }]);
		expect(error?.message).toBe("Get a member failed: Mallcoo's answer is not JSON (HTTP 200)");
		expect(error?.description).toMatch(/^It began: /);
	});

	it("with Continue On Fail becomes that item's error", async () => {
		fixture.sandbox.injectFaults((request) =>
			(request.body as { Mobile?: string })?.Mobile === bea.Mobile ? 'notJson' : undefined,
		);
		const { output } = await run(true);
		expect(output.map((item) => item.json.error ?? item.json.OpenUserID)).toEqual([
			ada.OpenUserID,
			expect.stringContaining('(Code 3001)'),
			"Get a member failed: Mallcoo's answer is not JSON (HTTP 200)",
		]);
	});
});

describe('bad input', () => {
	const cases = [
		[
			'an empty mobile',
			{ mobile: '' },
			/^"Mobile" is required but is empty \(item 2\)$/,
			getByMobile,
		],
		[
			'a mobile that is not a number',
			{ mobile: 'call me' },
			/^"Mobile" must be a mobile number of 5 to 20 digits, optionally after \+ \(spaces and dashes are ignored\), but is "call me" \(item 2\)$/,
			getByMobile,
		],
		[
			'a tag ID that is not a number',
			{ mobile: bea.Mobile, tags: '30,abc' },
			/^"Tag IDs" must be whole-number IDs of at least 1, like 30,31,32 or a list of numbers, but contains "abc" \(item 2\)$/,
			{
				resource: 'tag',
				operation: 'add',
				mobile: '={{ $json.mobile }}',
				tagIds: '={{ $json.tags }}',
			},
		],
		[
			'tag IDs of the wrong shape',
			{ mobile: bea.Mobile, tags: { id: 30 } },
			/^"Tag IDs" must be whole-number IDs of at least 1, like 30,31,32 or a list of numbers, not an object \{"id":30\} \(item 2\)$/,
			{
				resource: 'tag',
				operation: 'add',
				mobile: '={{ $json.mobile }}',
				tagIds: '={{ $json.tags }}',
			},
		],
		[
			'a missing required field',
			{ grade: '' },
			/^"VIP Grade" is required but is empty \(item 2\)$/,
			{
				resource: 'member',
				operation: 'syncFromCrm',
				thirdPartyCardId: 'CRM10000001',
				vipGrade: '={{ $json.grade }}',
				bonus: 10,
			},
		],
	] as const;

	it.each(cases)(
		'(%s) fails the node naming the field and item before any request',
		async (_, badItem, message, parameters) => {
			const good = { mobile: ada.Mobile, tags: '30', grade: '2' };
			const { error, output } = await run(
				false,
				[good, badItem as Record<string, unknown>, good],
				parameters,
			);
			expect(error?.message).toMatch(message);
			expect(output).toHaveLength(0);
			expect(fixture.sandbox.requests).toHaveLength(0);
		},
	);

	it.each(cases)(
		'(%s) with Continue On Fail fails only that item',
		async (_, badItem, message, parameters) => {
			const good = { mobile: ada.Mobile, tags: '30', grade: '2' };
			const { error, output } = await run(
				true,
				[good, badItem as Record<string, unknown>, good],
				parameters,
			);
			expect(error).toBeUndefined();
			expect(output).toHaveLength(3);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(String(output[1].json.error)).toMatch(message);
			expect(output[0].json.error).toBeUndefined();
			expect(output[2].json.error).toBeUndefined();
			expect(fixture.sandbox.requests).toHaveLength(2);
		},
	);

	it('an update with no fields to change names the collection', async () => {
		const { error } = await run(false, [{ mobile: ada.Mobile }], {
			resource: 'member',
			operation: 'update',
			mobile: ada.Mobile,
			updateFields: {},
		});
		expect(error?.message).toBe(
			'"Update Fields" needs at least one field: add one with "Add Field" (item 1)',
		);
	});

	it('a birthday that is not a date names the field inside its collection', async () => {
		const { error } = await run(false, [{}], {
			resource: 'member',
			operation: 'update',
			mobile: ada.Mobile,
			updateFields: { birthday: 'soon' },
		});
		expect(error?.message).toBe(
			'"Update Fields › Birthday" must be a date like 1990-01-31, but is "soon" (item 1)',
		);
	});
});
