/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The n8n editor in a real browser (Debian's headless Chromium, driven by playwright-core), and
 * the steps the editor tests share: sign in as the owner, make a workflow with one Mallcoo node and
 * open its panel, pick an entry from a picker's list. Screenshots go to SHOTS (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { ARTIFACTS, stack } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(ARTIFACTS, 'browser');

/** Chromium, headless and kept off the network but for the pages it is sent to. */
export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
		);
	fs.mkdirSync(SHOTS, { recursive: true });
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A page of the size and language the screenshots and the editor's English texts assume. */
export async function newEditorPage(
	browser: Browser,
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
	});
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	return { context, page };
}

/** Signs in as the owner npm start creates, and waits to leave the sign-in page. */
export async function signInAsOwner(page: Page): Promise<void> {
	const { url, owner } = stack();
	await page.goto(`${url}/signin`);
	await page.fill('#emailOrLdapLoginId', owner.email);
	await page.fill('#password', owner.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

/** For a describe block: one Chromium page signed in as the owner, closed after the block. */
export function useSignedInEditor(): { readonly page: Page } {
	const editor = {} as { browser: Browser; page: Page };
	beforeAll(async () => {
		editor.browser = await launchChromium();
		({ page: editor.page } = await newEditorPage(editor.browser));
		await signInAsOwner(editor.page);
	});
	afterAll(async () => editor.browser?.close());
	return editor;
}

/** A workflow made through n8n's API: Manual Trigger → one Mallcoo node of the given version. */
export async function mallcooWorkflow(
	name: string,
	parameters: Record<string, unknown>,
	typeVersion = 1,
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

/** Opens a workflow in the editor and its Mallcoo node's panel; returns the panel. */
export async function openMallcooNode(page: Page, workflowId: string): Promise<Locator> {
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

/** What a field shows: an input's value, an input inside it, or its text. */
export const fieldText = (field: Locator) =>
	field.first().evaluate((element) => {
		const input = element instanceof HTMLInputElement ? element : element.querySelector('input');
		return input ? input.value : (element.textContent ?? '');
	});

export interface Pick {
	/** Typed into the list's search box. */
	search: string;
	/** The text of the entry to pick. */
	entry: string;
	/** How many entries the search leaves (those matching `matching`, when given). */
	count: number;
	matching?: RegExp;
	/** Once the list is open, before the search: waits for an entry, takes a screenshot. */
	whenOpen?: (items: Locator) => Promise<void>;
}

/**
 * Opens a picker's list (already From List), searches, picks the entry; returns what the field
 * then shows.
 */
export async function pick(
	page: Page,
	picker: Locator,
	{ search, entry, count, matching, whenOpen }: Pick,
): Promise<string> {
	await picker.locator('[data-test-id="rlc-input"]').click();
	// The list opens in a popover outside the field (n8n 2.41: no test id of its own).
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.first().waitFor();
	await whenOpen?.(items);
	await page.locator('[data-test-id="rlc-search"]:visible').fill(search);
	await expect
		.poll(() => (matching ? items.filter({ hasText: matching }) : items).count())
		.toBe(count);
	await items.filter({ hasText: entry }).click();
	// The field's test id is on the input itself or on its wrapper, depending on the n8n version.
	const shown = () => fieldText(picker.locator('[data-test-id="rlc-input"]'));
	await expect.poll(shown).toContain(entry);
	return shown();
}
