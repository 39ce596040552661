/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The ID pickers in a real n8n: the lists the editor loads (put-ins with their stock, shops with
 * their floor, gift categories) through n8n's own endpoint for resource locators, signed by the
 * "Mallcoo Sandbox" credential; a list that cannot load says why; and in Chromium, Coupon Send's
 * Put-In ID switched to From List shows the put-ins, filters them, and takes the one picked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ARTIFACTS, expectSigned, resetSandbox, stack, withRequests } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ARTIFACTS, 'browser');

async function listSearch(methodName: string, filter?: string) {
	const { url, cookie } = stack();
	const response = await fetch(`${url}/rest/dynamic-node-parameters/resource-locator-results`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			path: 'parameters.putInId',
			nodeTypeAndVersion: { name: 'n8n-nodes-mallcoo.mallcoo', version: 1 },
			currentNodeParameters: { resource: 'coupon', operation: 'send' },
			methodName,
			filter,
			credentials: { mallcooApi: { id: 'mallcooSandbox01', name: 'Mallcoo Sandbox' } },
		}),
	});
	const json = (await response.json()) as {
		data?: { results: Array<{ name: string; value: string }>; paginationToken?: string };
		message?: string;
	};
	return { status: response.status, ...json };
}

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
		const { answer, requests } = await withRequests(() => listSearch('searchPutIns'));
		expect(answer.status).toBe(200);
		expect(answer.data!.results).toHaveLength(100);
		expect(answer.data!.results[0]).toEqual({
			name: expect.stringMatching(/^PICM000001 · \d+ of \d+ left$/),
			value: 'PICM000001',
		});
		expect(answer.data!.paginationToken).toBe('2');
		expect(requests.map((request) => request.path)).toEqual(['/Coupon/PutIn/v4/GetAll/']);
		expectSigned(requests);
		const narrowed = await listSearch('searchPutIns', 'picm00001');
		expect(narrowed.data!.results.map((result) => result.value)).toEqual(
			Array.from({ length: 10 }, (_, i) => `PICM00001${i}`),
		);
	});

	it('shops with their floor, and gift categories, from the sandbox', async () => {
		const shops = await listSearch('searchShops');
		expect(shops.status).toBe(200);
		expect(shops.data!.results.length).toBeGreaterThan(10);
		expect(shops.data!.results[0].name).toMatch(/ · (B1|\dF)( · |$)/);
		expect(shops.data!.results[0].value).toMatch(/^\d+$/);
		const gifts = await listSearch('searchGiftCategories');
		expect(gifts.data!.results.map((result) => result.name)).toEqual([
			'礼品分类',
			'餐饮券',
			'生活好物',
			'停车券',
		]);
	});

	it('a list that cannot load says why', async () => {
		await sandboxJson('faults', 'POST', { faults: ['http500', 'http500'] });
		const failed = await listSearch('searchShops');
		expect(failed.status).toBeGreaterThanOrEqual(400);
		expect(failed.message).toBe('Could not load the shops from Mallcoo: Mallcoo answered HTTP 500');
	});
});

describe('the Put-In ID picker in the editor', () => {
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

	it('lists the put-ins From List, filters them, and takes the one picked', async () => {
		await resetSandbox();
		const { url } = stack();
		await page.goto(`${url}/workflow/mallcooBirthday1`);
		const node = page.locator(
			'[data-test-id="canvas-node"][data-node-type="n8n-nodes-mallcoo.mallcoo"]',
		);
		await node.waitFor();
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		const picker = ndv.locator('[data-test-id="resource-locator-putInId"]');
		await picker.waitFor();
		await picker.locator('[data-test-id="rlc-mode-selector"]').click();
		await page.getByRole('option', { name: 'From List' }).click();
		await picker.locator('[data-test-id="rlc-input"]').click();
		// The list opens in a popover outside the panel; the selected put-in is shown first.
		const items = page.locator('[data-test-id="rlc-item"]');
		await items.filter({ hasText: /PICM000001 · \d+ of \d+ left/ }).waitFor();
		await page.screenshot({ path: path.join(SHOTS, 'put-in-picker.png') });
		await page.locator('input[data-test-id="rlc-search"]').fill('PICM00001');
		await expect.poll(() => items.filter({ hasText: /PICM00001\d · / }).count()).toBe(10);
		await items.filter({ hasText: 'PICM000012' }).click();
		const shown = () =>
			picker
				.locator('[data-test-id="rlc-input"]')
				.first()
				.evaluate((element) =>
					element instanceof HTMLInputElement
						? element.value
						: (element.querySelector('input')?.value ?? element.textContent ?? ''),
				);
		await expect.poll(shown).toContain('PICM000012');
		await page.screenshot({ path: path.join(SHOTS, 'put-in-picked.png') });
	});
});
