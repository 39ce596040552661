/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The Shop ID and gift category pickers of node version 1.1 in a real n8n: the lists n8n's
 * endpoint for resource locators loads (signed by the "Mallcoo Sandbox" credential, filtered by a
 * search term); in Chromium, each picker opened From List shows its entries and takes the one
 * picked; a node saved with version 1 still shows Shop ID as the text it saved.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { mallcooWorkflow, openMallcooNode, pick, SHOTS, useSignedInEditor } from './editor';
import { expectSigned, listSearch, withRequests, type Picker } from './helpers';

const REPORT = {
	resource: 'consumption',
	operation: 'report',
	transactionId: 'E2E-PICKER-1',
	tradeTime: '2026-03-01 12:30:00',
	amount: 10,
};
const SHOP_PICKER: Picker = { version: 1.1, parameters: REPORT, path: 'parameters.shopId' };
const GIFT_CATEGORY_PICKER: Picker = {
	version: 1.1,
	parameters: { resource: 'gift', operation: 'getMany' },
	path: 'parameters.filters.giftCategoryId',
};

describe("the pickers' lists, loaded by n8n for version 1.1", () => {
	it('shops: every shop by name, floor and unit, signed; a search term narrows them', async () => {
		const { answer, requests } = await withRequests(() => listSearch(SHOP_PICKER, 'searchShops'));
		expect(answer.status).toBe(200);
		expect(answer.data!.results.length).toBeGreaterThan(100);
		expect(answer.data!.results).toContainEqual({
			name: 'VERO MODA · B1 · B1-030',
			value: '1000030',
		});
		expect(requests.map((request) => request.path)).toEqual(['/Shop/V1/GetList/']);
		expectSigned(requests);
		const narrowed = await listSearch(SHOP_PICKER, 'searchShops', 'vero');
		expect(narrowed.data!.results).toEqual([{ name: 'VERO MODA · B1 · B1-030', value: '1000030' }]);
	});

	it('gift categories by name; a search term narrows them', async () => {
		const all = await listSearch(GIFT_CATEGORY_PICKER, 'searchGiftCategories');
		expect(all.status).toBe(200);
		expect(all.data!.results.map((result) => result.value)).toEqual(['1', '2', '3', '4']);
		const parking = await listSearch(GIFT_CATEGORY_PICKER, 'searchGiftCategories', '停车');
		expect(parking.data!.results).toEqual([{ name: '停车券', value: '4' }]);
	});
});

describe('the pickers in the editor', () => {
	const editor = useSignedInEditor();

	it('Shop ID (version 1.1) lists the shops with their floor and takes the one picked', async () => {
		const { page } = editor;
		const ndv = await openMallcooNode(page, await mallcooWorkflow('Report Purchase', REPORT, 1.1));
		const picker = ndv.locator('[data-test-id="resource-locator-shopId"]');
		await picker.waitFor();
		expect(
			await pick(page, picker, { search: 'VERO', entry: 'VERO MODA · B1 · B1-030', count: 1 }),
		).toContain('VERO MODA');
		await ndv.screenshot({ path: path.join(SHOTS, 'shop-id-picker.png') });

		// CRM shop IDs stay text: switching the type shows a text field, not the picker; n8n carries
		// the ID over as its text (what the node would send), to be replaced by the CRM's ID.
		await ndv.locator('[data-test-id="parameter-input-shopIdType"]').click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: 'CRM Shop ID' }).click();
		const text = ndv.locator('[data-test-id="parameter-input-shopId"] input').first();
		await text.waitFor();
		expect(await ndv.locator('[data-test-id="resource-locator-shopId"]').count()).toBe(0);
		await ndv.screenshot({ path: path.join(SHOTS, 'shop-id-crm-text.png') });
		expect(await text.inputValue()).toBe('1000030');
		await text.fill('S00053');
		await expect.poll(() => text.inputValue()).toBe('S00053');
	});

	it('the gift category filter (version 1.1) lists the categories and takes the one picked', async () => {
		const { page } = editor;
		const ndv = await openMallcooNode(
			page,
			await mallcooWorkflow(
				'Gifts',
				{
					resource: 'gift',
					operation: 'getMany',
					filters: { giftCategoryId: { __rl: true, mode: 'list', value: '' } },
				},
				1.1,
			),
		);
		const picker = ndv.locator('[data-test-id="resource-locator-giftCategoryId"]');
		await picker.waitFor();
		expect(await pick(page, picker, { search: '停车', entry: '停车券', count: 1 })).toContain(
			'停车券',
		);
		await ndv.screenshot({ path: path.join(SHOTS, 'gift-category-picker.png') });
	});

	it('a node saved with version 1 shows Shop ID as the text it saved, no picker', async () => {
		const { page } = editor;
		const ndv = await openMallcooNode(
			page,
			await mallcooWorkflow('Saved Report', { ...REPORT, shopId: '1000053' }, 1),
		);
		const field = ndv.locator('[data-test-id="parameter-input-shopId"]');
		await field.waitFor();
		expect(await ndv.locator('[data-test-id="resource-locator-shopId"]').count()).toBe(0);
		await expect.poll(() => field.locator('input, textarea').first().inputValue()).toBe('1000053');
	});
});
