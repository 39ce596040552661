/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The Shop ID and gift category pickers of node version 1.1 in a real n8n: the lists n8n's
 * endpoint for resource locators loads (signed by the "Mallcoo Sandbox" credential, filtered by a
 * search term); in Chromium, each picker opened From List shows its entries and takes the one
 * picked; a node saved with version 1 still shows Shop ID as the text it saved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS, expectSigned, stack, withRequests } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ARTIFACTS, 'browser');

const REPORT = {
	resource: 'consumption',
	operation: 'report',
	transactionId: 'E2E-PICKER-1',
	tradeTime: '2026-03-01 12:30:00',
	amount: 10,
};

/** What the editor asks n8n when a picker opens From List (or its search term changes). */
async function listSearch(
	parameterPath: string,
	currentNodeParameters: Record<string, unknown>,
	methodName: string,
	filter?: string,
) {
	const { url, cookie, credential } = stack();
	const response = await fetch(`${url}/rest/dynamic-node-parameters/resource-locator-results`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			path: parameterPath,
			nodeTypeAndVersion: { name: 'n8n-nodes-mallcoo.mallcoo', version: 1.1 },
			currentNodeParameters,
			methodName,
			filter,
			credentials: { mallcooApi: { id: credential.id, name: credential.name } },
		}),
	});
	const json = (await response.json()) as {
		data?: { results: Array<{ name: string; value: string }> };
		message?: string;
	};
	return { status: response.status, ...json };
}

describe("the pickers' lists, loaded by n8n for version 1.1", () => {
	it('shops: every shop by name, floor and unit, signed; a search term narrows them', async () => {
		const { answer, requests } = await withRequests(() =>
			listSearch('parameters.shopId', REPORT, 'searchShops'),
		);
		expect(answer.status).toBe(200);
		expect(answer.data!.results.length).toBeGreaterThan(100);
		expect(answer.data!.results).toContainEqual({
			name: 'VERO MODA · B1 · B1-030',
			value: '1000030',
		});
		expect(requests.map((request) => request.path)).toEqual(['/Shop/V1/GetList/']);
		expectSigned(requests);
		const narrowed = await listSearch('parameters.shopId', REPORT, 'searchShops', 'vero');
		expect(narrowed.data!.results).toEqual([{ name: 'VERO MODA · B1 · B1-030', value: '1000030' }]);
	});

	it('gift categories by name; a search term narrows them', async () => {
		const gifts = { resource: 'gift', operation: 'getMany' };
		const all = await listSearch(
			'parameters.filters.giftCategoryId',
			gifts,
			'searchGiftCategories',
		);
		expect(all.status).toBe(200);
		expect(all.data!.results.map((result) => result.value)).toEqual(['1', '2', '3', '4']);
		const parking = await listSearch(
			'parameters.filters.giftCategoryId',
			gifts,
			'searchGiftCategories',
			'停车',
		);
		expect(parking.data!.results).toEqual([{ name: '停车券', value: '4' }]);
	});
});

/** A workflow made through n8n's API: Manual Trigger → one Mallcoo node of the given version. */
async function mallcooWorkflow(
	name: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
): Promise<string> {
	const { url, cookie, credential } = stack();
	const response = await fetch(`${url}/rest/workflows`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			name: `E2E: ${name}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'e2e-start',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'e2e-mallcoo',
					name,
					type: 'n8n-nodes-mallcoo.mallcoo',
					typeVersion,
					position: [220, 0],
					parameters,
					credentials: { mallcooApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
		}),
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: { id: string } }).data.id;
}

describe('the pickers in the editor', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM))
			throw new Error(
				`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
			);
		fs.mkdirSync(SHOTS, { recursive: true });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
		});
		page = await (
			await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
		).newPage();
		page.setDefaultTimeout(30_000);
		const { url, owner } = stack();
		await page.goto(`${url}/signin`);
		await page.fill('#emailOrLdapLoginId', owner.email);
		await page.fill('#password', owner.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
	});
	afterAll(async () => browser?.close());

	async function openMallcooNode(workflowId: string): Promise<Locator> {
		await page.goto(`${stack().url}/workflow/${workflowId}`);
		const node = page.locator(
			'[data-test-id="canvas-node"][data-node-type="n8n-nodes-mallcoo.mallcoo"]',
		);
		await node.waitFor();
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		return ndv;
	}

	/** Opens a picker's list, searches, picks the entry with this text; returns what the field shows. */
	async function pick(picker: Locator, search: string, entry: string): Promise<string> {
		await picker.locator('[data-test-id="rlc-input"]').click();
		// The list opens in a popover outside the field (n8n 2.41: no test id of its own).
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		await items.first().waitFor();
		await page.locator('[data-test-id="rlc-search"]:visible').fill(search);
		await expect.poll(() => items.count()).toBe(1);
		await items.filter({ hasText: entry }).click();
		// The field's test id is on the input itself or on its wrapper, depending on the n8n version.
		const shown = () =>
			picker
				.locator('[data-test-id="rlc-input"]')
				.first()
				.evaluate((element) =>
					element instanceof HTMLInputElement
						? element.value
						: (element.querySelector('input')?.value ?? ''),
				);
		await expect.poll(shown).toContain(entry);
		return shown();
	}

	it('Shop ID (version 1.1) lists the shops with their floor and takes the one picked', async () => {
		const ndv = await openMallcooNode(await mallcooWorkflow('Report Purchase', 1.1, REPORT));
		const picker = ndv.locator('[data-test-id="resource-locator-shopId"]');
		await picker.waitFor();
		expect(await pick(picker, 'VERO', 'VERO MODA · B1 · B1-030')).toContain('VERO MODA');
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
		const ndv = await openMallcooNode(
			await mallcooWorkflow('Gifts', 1.1, {
				resource: 'gift',
				operation: 'getMany',
				filters: { giftCategoryId: { __rl: true, mode: 'list', value: '' } },
			}),
		);
		const picker = ndv.locator('[data-test-id="resource-locator-giftCategoryId"]');
		await picker.waitFor();
		expect(await pick(picker, '停车', '停车券')).toContain('停车券');
		await ndv.screenshot({ path: path.join(SHOTS, 'gift-category-picker.png') });
	});

	it('a node saved with version 1 shows Shop ID as the text it saved, no picker', async () => {
		const ndv = await openMallcooNode(
			await mallcooWorkflow('Saved Report', 1, { ...REPORT, shopId: '1000053' }),
		);
		const field = ndv.locator('[data-test-id="parameter-input-shopId"]');
		await field.waitFor();
		expect(await ndv.locator('[data-test-id="resource-locator-shopId"]').count()).toBe(0);
		await expect.poll(() => field.locator('input, textarea').first().inputValue()).toBe('1000053');
	});
});
