/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The ID pickers in a real n8n: the lists the editor loads (put-ins with their stock, shops with
 * their floor, gift categories) through n8n's own endpoint for resource locators, signed by the
 * "Mallcoo Sandbox" credential; a list that cannot load says why; and in Chromium, Coupon Send's
 * Put-In ID switched to From List shows the put-ins, filters them, and takes the one picked.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import { openMallcooNode, pick, SHOTS, useSignedInEditor } from './editor';
import {
	expectSigned,
	listSearch,
	resetSandbox,
	stack,
	withRequests,
	type Picker,
} from './helpers';

const PUT_IN_PICKER: Picker = {
	version: 1,
	parameters: { resource: 'coupon', operation: 'send' },
	path: 'parameters.putInId',
};

async function sandboxJson(route: string, method = 'GET', body?: unknown) {
	const response = await fetch(`${stack().sandbox.url}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return response.json();
}

describe("the pickers' lists, loaded by n8n", () => {
	beforeEach(resetSandbox);

	it('put-ins: a page of 100 with the stock left, signed; a filter narrows it', async () => {
		const { answer, requests } = await withRequests(() =>
			listSearch(PUT_IN_PICKER, 'searchPutIns'),
		);
		expect(answer.status).toBe(200);
		expect(answer.data!.results).toHaveLength(100);
		expect(answer.data!.results[0]).toEqual({
			name: expect.stringMatching(/^PICM000001 · \d+ of \d+ left$/),
			value: 'PICM000001',
		});
		expect(answer.data!.paginationToken).toBe('2');
		expect(requests.map((request) => request.path)).toEqual(['/Coupon/PutIn/v4/GetAll/']);
		expectSigned(requests);
		const narrowed = await listSearch(PUT_IN_PICKER, 'searchPutIns', 'picm00001');
		expect(narrowed.data!.results.map((result) => result.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `PICM00001${i}`),
		);
	});

	it('shops with their floor, and gift categories, from the sandbox', async () => {
		const shops = await listSearch(PUT_IN_PICKER, 'searchShops');
		expect(shops.status).toBe(200);
		expect(shops.data!.results.length).toBeGreaterThan(10);
		expect(shops.data!.results[0].name).toMatch(/ · (B1|\dF)( · |$)/);
		expect(shops.data!.results[0].value).toMatch(/^\d+$/);
		const gifts = await listSearch(PUT_IN_PICKER, 'searchGiftCategories');
		expect(gifts.data!.results.map((result) => result.name)).toEqual([
			'礼品分类',
			'餐饮券',
			'生活好物',
			'停车券',
		]);
	});

	it('a list that cannot load says why', async () => {
		await sandboxJson('faults', 'POST', { faults: ['http500', 'http500'] });
		const failed = await listSearch(PUT_IN_PICKER, 'searchShops');
		expect(failed.status).toBeGreaterThanOrEqual(400);
		expect(failed.message).toBe('Could not load the shops from Mallcoo: Mallcoo answered HTTP 500');
	});
});

describe('the Put-In ID picker in the editor', () => {
	const editor = useSignedInEditor();

	it('lists the put-ins From List, filters them, and takes the one picked', async () => {
		const { page } = editor;
		await resetSandbox();
		const ndv = await openMallcooNode(page, 'mallcooBirthday1');
		const picker = ndv.locator('[data-test-id="resource-locator-putInId"]');
		await picker.waitFor();
		await picker.locator('[data-test-id="rlc-mode-selector"]').click();
		await page.getByRole('option', { name: 'From List' }).click();
		await pick(page, picker, {
			search: 'PICM00001',
			entry: 'PICM000012',
			count: 10,
			matching: /PICM00001\d · /,
			whenOpen: async (items) => {
				// The selected put-in is shown first.
				await items.filter({ hasText: /PICM000001 · \d+ of \d+ left/ }).waitFor();
				await page.screenshot({ path: path.join(SHOTS, 'put-in-picker.png') });
			},
		});
		await page.screenshot({ path: path.join(SHOTS, 'put-in-picked.png') });
	});
});
