/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * A real browser (Debian's headless Chromium, driven by playwright-core) against the n8n that
 * global-setup.ts started: the editor shows the Mallcoo node with its icon and parameters, and a
 * shopper's sign-in through the sandbox ends on the page the OAuth example workflow answers.
 * Screenshots go to test-artifacts/browser/ (git-ignored).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	fieldText,
	launchChromium,
	mallcooWorkflow,
	newEditorPage,
	openMallcooNode,
	SHOTS,
	signInAsOwner,
} from './editor';
import { lastRequestId, sandboxMember, sandboxRequests, stack, webhookOf } from './helpers';

const ICON_PATH = '/icons/n8n-nodes-mallcoo/';

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Status of every icon request of our package, by URL. */
const iconResponses = new Map<string, number>();

beforeAll(async () => {
	browser = await launchChromium();
	({ context, page } = await newEditorPage(browser));
	page.on('response', (response) => {
		if (response.url().includes(ICON_PATH)) iconResponses.set(response.url(), response.status());
	});
});

afterAll(async () => {
	await browser?.close();
});

describe('the n8n editor', () => {
	it('signs in as the owner npm start creates', async () => {
		await signInAsOwner(page);
		expect(new URL(page.url()).pathname).not.toMatch(/^\/(signin|setup)/);
	});

	it('shows the Mallcoo node with its icon, and its parameter panel with resource and operation', async () => {
		const { url } = stack();
		await page.goto(`${url}/workflow/mallcooLookup001`);
		const node = page.locator(
			'[data-test-id="canvas-node"][data-node-type="n8n-nodes-mallcoo.mallcoo"]',
		);
		await node.waitFor();
		const icon = node.locator(`img[src*="${ICON_PATH}"]`);
		await icon.waitFor();
		await expect
			.poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBeGreaterThan(0);
		const iconUrl = await icon.evaluate((img: HTMLImageElement) => img.src);
		expect(iconUrl).toMatch(/\/icons\/n8n-nodes-mallcoo\/dist\/icons\/mallcoo\.svg$/);
		expect(iconResponses.get(iconUrl)).toBe(200);
		await page.screenshot({ path: path.join(SHOTS, 'workflow-canvas.png') });

		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		await expect
			.poll(() => ndv.locator('[data-test-id="node-title-container"]').innerText())
			.toContain('Get Member');
		const resource = ndv.locator('[data-test-id="parameter-input-resource"] input');
		const operation = ndv.locator('[data-test-id="parameter-input-operation"] input');
		await expect.poll(() => resource.inputValue()).toBe('Member');
		await expect.poll(() => operation.inputValue()).toBe('Get');
		expect(await ndv.locator('[data-test-id="parameter-input-findBy"] input').inputValue()).toBe(
			'Mobile',
		);
		expect(await fieldText(ndv.locator('[data-test-id="node-credentials-select"]'))).toContain(
			'Mallcoo Sandbox',
		);
		// The panel's header shows our icon too.
		const headerIcon = ndv.locator(`img[src*="${ICON_PATH}"]`).first();
		await expect
			.poll(() => headerIcon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBeGreaterThan(0);
		await ndv.screenshot({ path: path.join(SHOTS, 'mallcoo-node-parameters.png') });
	});
});

describe('a shopper signing in through Mallcoo (examples/oauth-sign-in.json)', () => {
	it("follows the trigger's listed sign-in address to the workflow's page, greeted by nickname with the card's points, once", async () => {
		const trigger = webhookOf('mallcooOAuthIn01').url;
		const since = await lastRequestId();
		const shopper = await context.newPage();
		// The trigger's own page lists its start addresses; the shopper takes the first (H5 sign-in).
		await shopper.goto(trigger);
		const first = shopper.locator('li a').first();
		expect(await first.getAttribute('href')).toBe(`${trigger}?signIn=h5BaseInfo`);
		await Promise.all([
			shopper.waitForURL((url) => url.href.startsWith(`${trigger}?state=`)),
			first.click(),
		]);
		// The start address set the state and the sandbox's page sent the browser back with a Ticket.
		const callback = new URL(shopper.url());
		expect(callback.searchParams.get('Ticket')).toMatch(/^[0-9a-f]{16}$/);
		const member = await sandboxMember('13800000001');
		await expect
			.poll(() => shopper.locator('h1').innerText())
			.toContain(`你好,${member.NickName}!`);
		const text = await shopper.locator('body').innerText();
		expect(text).toContain(member.Card?.MallCardName);
		expect(text).toContain(`积分 (Points): ${member.Card?.Score}`);
		await shopper.screenshot({ path: path.join(SHOTS, 'oauth-sign-in-greeting.png') });

		// Reloading the callback (or sending its address on) signs nobody in again.
		const again = await shopper.goto(callback.href);
		expect(again?.status()).toBe(403);
		expect(await shopper.locator('body').innerText()).toContain('already used');
		const exchanges = (await sandboxRequests(since)).filter(
			(request) => request.path === '/User/OAuth/v1/GetToken/ByTicket/',
		);
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0].body).toEqual({ Ticket: callback.searchParams.get('Ticket') });
		await shopper.close();
	});
});

describe('the editor as mall staff see it', () => {
	it('lists the Mallcoo Trigger under Mallcoo in the node picker', async () => {
		await page.goto(`${stack().url}/workflow/new`);
		await page.locator('[data-test-id="canvas-add-button"]').first().click();
		await page.keyboard.type('Mallcoo');
		await page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Mallcoo$/ })
			.first()
			.click();
		const creator = page.locator('[data-test-id="node-creator"]');
		await expect.poll(() => creator.innerText()).toMatch(/Triggers \(1\)/);
		expect(await creator.innerText()).not.toMatch(/No\s+Mallcoo\s+Triggers available/);
		await page.screenshot({ path: path.join(SHOTS, 'node-picker-mallcoo.png') });
		// The one trigger listed is ours: picking it puts a Mallcoo Trigger on the canvas.
		await creator.getByText(/^On new Mallcoo event$/).click();
		await page
			.locator('[data-test-id="canvas-node"][data-node-type="n8n-nodes-mallcoo.mallcooTrigger"]')
			.waitFor();
	});

	it('Card Status starts empty beside a notice on what -1 does, and the editor will not run it empty', async () => {
		const ndv = await openMallcooNode(
			page,
			await mallcooWorkflow('Update Card Status', {
				resource: 'member',
				operation: 'updateStatus',
				thirdPartyCardId: 'CRM10000001',
			}),
		);
		const status = ndv.locator('[data-test-id="parameter-input-mallCardStatus"] input').first();
		await status.waitFor();
		expect(await status.inputValue()).toBe('');
		expect(await ndv.innerText()).toMatch(/Card status -1 deletes the member's card in Mallcoo/);
		await ndv.screenshot({ path: path.join(SHOTS, 'card-status-empty.png') });
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		await expect
			.poll(() => page.locator('body').innerText())
			.toMatch(/Parameter "Card Status" is required/);
		const card = (await sandboxMember('13800000001')).Card;
		expect(card).toBeTruthy();
	});

	it('a bad value fails with an error naming the field and the item as the editor counts it', async () => {
		const ndv = await openMallcooNode(
			page,
			await mallcooWorkflow('Add Tags', {
				resource: 'tag',
				operation: 'add',
				mobile: '123',
				tagIds: '30',
			}),
		);
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const error = ndv.locator('[data-test-id="node-error-message"]');
		await error.waitFor();
		expect(await error.innerText()).toMatch(/^"Mobile" .+\(item 1\)$/);
		await ndv.screenshot({ path: path.join(SHOTS, 'error-names-field-and-item.png') });
	});
});
