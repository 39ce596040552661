/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The Mallcoo Trigger as n8n runs it: its webhook served over real HTTP through n8n-core's
 * WebhookContext, the workflow it starts run by n8n-core's engine, Mallcoo played by the sandbox
 * (its sign-in page stand-ins redirect real browsers back to the trigger).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

import { MallcooTrigger } from '../nodes/Mallcoo/MallcooTrigger.node';
import { escapeHtml, errorPage, signedInPage } from '../nodes/Mallcoo/trigger/pages';
import { signInAddresses } from '../nodes/Mallcoo/trigger/signIn';
import { SEED_MEMBERS } from '../sandbox/server';
import { useSandbox } from './helpers/sandbox';
import {
	browse,
	outputOf,
	startWebhookServer,
	type BrowserStep,
	type WebhookServer,
	type WorkflowDefinition,
} from './helpers/webhook';

const fixture = useSandbox();
const ada = SEED_MEMBERS[0];
const lei = SEED_MEMBERS.find((member) => member.Card === null)!;
const TRIGGER = 'Mallcoo Trigger';
const AFTER_SIGN_IN = 'https://campaign.example.com/welcome?from=mallcoo';
const SIGN_IN_PAGES = {
	h5BaseInfo: '/a/open/User/V2/OAuth/BaseInfo/',
	h5CardInfo: '/a/open/User/V2/OAuth/CardInfo/',
	miniProgramH5: '/a/open/User/V1/OAuth/LiteAppBaseInfo/',
};

function triggerOnly(parameters: Record<string, unknown>): WorkflowDefinition {
	return {
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-mallcoo.mallcooTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '0d6c2f1e-7a3b-4c5d-9e8f-1a2b3c4d5e6f',
				parameters: parameters as never,
				credentials: { mallcooApi: { id: 'sandbox', name: 'Mallcoo Sandbox' } },
			},
		],
		connections: {},
	};
}

let server: WebhookServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function serve(workflow: WorkflowDefinition): Promise<WebhookServer> {
	server = await startWebhookServer({ workflow, credentials: fixture.credentials });
	return server;
}

const redirecting = () =>
	serve(triggerOnly({ responseMode: 'redirect', afterSignInUrl: AFTER_SIGN_IN }));

/** One GET, redirects not followed. */
const get = async (url: string): Promise<BrowserStep> => (await browse(url, 0))[0];

const ticketFor = (mobile: string) => fixture.sandbox.issueTicket({ Mobile: mobile });

/** The one item the trigger started the workflow with. */
async function onlyItem() {
	const runs = await server!.settled();
	expect(runs).toHaveLength(1);
	const items = outputOf(runs[0], TRIGGER);
	expect(items).toHaveLength(1);
	return items[0].json;
}

/** The sign-in addresses a page links to, as the browser reads them. */
const linksIn = (html: string) =>
	[...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href.replace(/&#38;/g, '&'));

/** What authorizationUrl must produce: the callback URL-encoded with encodeURIComponent. */
function expectedAddress(page: string, callbackUrl: string): string {
	const { appId, publicKey } = fixture.credentials;
	return `${fixture.sandbox.url}${page}?AppID=${encodeURIComponent(appId)}&PublicKey=${encodeURIComponent(publicKey)}&CallbackUrl=${encodeURIComponent(callbackUrl)}`;
}

describe('a valid ticket', () => {
	it('starts the workflow with the shopper and redirects to the After Sign-In URL', async () => {
		const { productionUrl } = await redirecting();
		const ticket = ticketFor(ada.Mobile);
		const before = Date.now();
		const answer = await get(`${productionUrl}?Ticket=${ticket}&DataSource=3`);
		const after = Date.now();

		expect(answer.status).toBe(302);
		expect(answer.location).toBe(AFTER_SIGN_IN);
		// The ticket is in this address: nothing may cache it or pass it on as a Referer.
		expect(answer.headers).toMatchObject({
			'cache-control': 'no-store',
			'referrer-policy': 'no-referrer',
		});
		const item = await onlyItem();
		expect(item).toMatchObject({
			OpenUserID: ada.OpenUserID,
			NickName: ada.NickName,
			Mobile: ada.Mobile,
			WXOpenID: ada.WXOpenID,
			UserToken: ada.UserToken,
			UserName: ada.UserName,
			Expires: 10080,
			dataSource: 3,
			dataSourceName: 'Browser',
		});
		expect(item.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const expiresAt = Date.parse(item.expiresAt as string);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 10080 * 60_000);
		expect(expiresAt).toBeLessThanOrEqual(after + 10080 * 60_000);

		const [exchange] = fixture.sandbox.requests;
		expect(fixture.sandbox.requests).toHaveLength(1);
		expect(exchange.path).toBe('/User/OAuth/v1/GetToken/ByTicket/');
		expect(exchange.rawBody).toBe(JSON.stringify({ Ticket: ticket }));
		expect(exchange.response.code).toBe(1);
	});

	it('ignores redirect, url and next in the request: no open redirect', async () => {
		const { productionUrl } = await redirecting();
		const evil = encodeURIComponent('https://evil.example/phish');
		const answer = await get(
			`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3&redirect=${evil}&url=${evil}&next=${evil}&Redirect=${evil}&returnUrl=${evil}`,
		);
		expect(answer.status).toBe(302);
		expect(answer.location).toBe(AFTER_SIGN_IN);
		expect(answer.body).not.toContain('evil.example');
		await onlyItem();
	});

	it.each([
		[1, 'Android app'],
		[2, 'iOS app'],
		[3, 'Browser'],
		[5, 'WeChat'],
		[9, 'Unknown (9)'],
	])('names DataSource %i "%s"', async (dataSource, name) => {
		const { productionUrl } = await redirecting();
		await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=${dataSource}`);
		expect(await onlyItem()).toMatchObject({ dataSource, dataSourceName: name });
	});

	it("accepts the mini program's oauth_Ticket", async () => {
		const { productionUrl } = await redirecting();
		await get(`${productionUrl}?oauth_Ticket=${ticketFor(ada.Mobile)}`);
		expect(await onlyItem()).toMatchObject({
			OpenUserID: ada.OpenUserID,
			dataSource: null,
			dataSourceName: 'WeChat mini program',
		});
	});

	it('"Show Page" greets the shopper by nickname, with a Continue link and no caching', async () => {
		const { testUrl } = await serve(
			triggerOnly({ responseMode: 'page', afterSignInUrl: AFTER_SIGN_IN }),
		);
		const answer = await get(`${testUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=5`);
		expect(answer.status).toBe(200);
		expect(answer.contentType).toBe('text/html; charset=utf-8');
		expect(answer.headers).toMatchObject({
			'cache-control': 'no-store',
			'referrer-policy': 'no-referrer',
		});
		expect(answer.body).toContain(`你好,${ada.NickName}!`);
		expect(linksIn(answer.body)).toEqual([AFTER_SIGN_IN]);
		expect(await onlyItem()).toMatchObject({ NickName: ada.NickName, dataSourceName: 'WeChat' });
	});
});

describe('without a valid ticket nothing starts', () => {
	it('no ticket: 400 page, no request to Mallcoo', async () => {
		const { productionUrl } = await redirecting();
		const answer = await get(`${productionUrl}?DataSource=3&redirect=https%3A%2F%2Fevil.example`);
		expect(answer.status).toBe(400);
		expect(answer.contentType).toBe('text/html; charset=utf-8');
		expect(answer.body).toContain('登录未完成 (Sign-in not completed)');
		expect(answer.body).not.toContain('evil.example');
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a malformed ticket: 400, not sent to Mallcoo', async () => {
		const { productionUrl } = await redirecting();
		const answer = await get(`${productionUrl}?Ticket=${encodeURIComponent('a b')}`);
		expect(answer.status).toBe(400);
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it("a ticket Mallcoo refuses: 403 with the platform's message", async () => {
		const { productionUrl } = await redirecting();
		const answer = await get(`${productionUrl}?Ticket=0123456789abcdef&DataSource=3`);
		expect(answer.status).toBe(403);
		expect(answer.body).toContain(
			escapeHtml('Mallcoo: Ticket 无效或已过期 (Ticket invalid or expired) (Code 3002)'),
		);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a ticket used twice: the second visit is refused', async () => {
		const { productionUrl } = await redirecting();
		const ticket = ticketFor(ada.Mobile);
		expect((await get(`${productionUrl}?Ticket=${ticket}&DataSource=3`)).status).toBe(302);
		expect((await get(`${productionUrl}?Ticket=${ticket}&DataSource=3`)).status).toBe(403);
		expect(await server!.settled()).toHaveLength(1);
	});

	it('Mallcoo failing: 502 after one retry', async () => {
		const { productionUrl } = await redirecting();
		fixture.sandbox.injectFaults(['http500', 'http500']);
		const answer = await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3`);
		expect(answer.status).toBe(502);
		expect(answer.body).toContain('Mallcoo did not answer');
		expect(fixture.sandbox.requests).toHaveLength(2);
		expect(await server!.settled()).toHaveLength(0);
	});

	it.each(['javascript:alert(1)', 'https://campaign.exa\tmple.com/welcome'])(
		'an After Sign-In URL that is no valid http(s) address (%j): 500, and the ticket is not spent',
		async (afterSignInUrl) => {
			const { productionUrl } = await serve(
				triggerOnly({ responseMode: 'redirect', afterSignInUrl }),
			);
			const answer = await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3`);
			expect(answer.status).toBe(500);
			expect(answer.location).toBeUndefined();
			expect(fixture.sandbox.requests).toHaveLength(0);
			expect(await server!.settled()).toHaveLength(0);
		},
	);
});

describe('the sign-in addresses', () => {
	it('the production URL lists every flow with itself as the URL-encoded callback', async () => {
		const { productionUrl } = await redirecting();
		const links = linksIn((await get(productionUrl)).body);
		expect(links).toEqual(
			Object.values(SIGN_IN_PAGES).map((page) => expectedAddress(page, productionUrl)),
		);
		for (const link of links)
			expect(new URL(link).searchParams.get('CallbackUrl')).toBe(productionUrl);
		expect(links[0]).toContain(
			`CallbackUrl=http%3A%2F%2F127.0.0.1%3A${new URL(productionUrl).port}%2Fwebhook%2F`,
		);
	});

	it('the test URL lists the test callback first, then production', async () => {
		const { testUrl, productionUrl } = await redirecting();
		const answer = await get(testUrl);
		expect(answer.body).toContain('Test URL (this address)');
		expect(linksIn(answer.body)).toEqual([
			...Object.values(SIGN_IN_PAGES).map((page) => expectedAddress(page, testUrl)),
			...Object.values(SIGN_IN_PAGES).map((page) => expectedAddress(page, productionUrl)),
		]);
	});

	it('are what the Get Authorization URL operation builds', () => {
		const credentials = { appId: 'app 1', publicKey: 'k&y', authBaseUrl: 'https://m.mallcoo.cn/' };
		const { flows } = signInAddresses(
			credentials,
			'Production URL',
			'https://n8n.example.com/webhook/abc/callback?x=1',
		);
		expect(flows.map((flow) => flow.url)).toEqual(
			Object.values(SIGN_IN_PAGES).map(
				(page) =>
					`https://m.mallcoo.cn${page}?AppID=app%201&PublicKey=k%26y&CallbackUrl=https%3A%2F%2Fn8n.example.com%2Fwebhook%2Fabc%2Fcallback%3Fx%3D1`,
			),
		);
	});
});

describe("a shopper's browser, from Mallcoo's sign-in page to the After Sign-In URL", () => {
	it('H5 sign-in: Mallcoo redirects to the trigger, the trigger to the After Sign-In URL', async () => {
		const { testUrl } = await redirecting();
		const steps = await browse(expectedAddress(SIGN_IN_PAGES.h5BaseInfo, testUrl));
		expect(steps.map((step) => step.status)).toEqual([302, 302]);
		expect(steps[1].url).toMatch(new RegExp(`^${testUrl}\\?Ticket=[0-9a-f]{16}&DataSource=3$`));
		expect(steps[1].location).toBe(AFTER_SIGN_IN);
		expect(await onlyItem()).toMatchObject({
			OpenUserID: ada.OpenUserID,
			dataSourceName: 'Browser',
		});
	});

	it('card opening for a shopper without a card, answered with the page', async () => {
		const { productionUrl } = await serve(triggerOnly({ responseMode: 'page' }));
		const steps = await browse(
			`${expectedAddress(SIGN_IN_PAGES.h5CardInfo, productionUrl)}&sandboxMobile=${lei.Mobile}`,
		);
		expect(steps.map((step) => step.status)).toEqual([302, 200]);
		expect(steps[1].body).toContain(lei.NickName);
		expect(linksIn(steps[1].body)).toEqual([]);
		expect(await onlyItem()).toMatchObject({ OpenUserID: lei.OpenUserID });
	});
});

describe('examples/oauth-sign-in.json', () => {
	const example = JSON.parse(
		readFileSync(new URL('../examples/oauth-sign-in.json', import.meta.url), 'utf8'),
	);
	const node = (name: string) =>
		example.nodes.find((candidate: { name: string }) => candidate.name === name);

	it('uses the package node types, the "Mallcoo Sandbox" credential and Respond to Webhook version 1', () => {
		expect(node(TRIGGER)).toMatchObject({
			type: 'n8n-nodes-mallcoo.mallcooTrigger',
			parameters: { responseMode: 'responseNode' },
		});
		expect(node('Get Member')).toMatchObject({
			type: 'n8n-nodes-mallcoo.mallcoo',
			parameters: { resource: 'member', operation: 'get' },
		});
		expect(node('Show Points')).toMatchObject({
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1,
		});
		for (const name of [TRIGGER, 'Get Member'])
			expect(node(name).credentials).toEqual({
				mallcooApi: { id: expect.any(String), name: 'Mallcoo Sandbox' },
			});
	});

	it('is the workflow the trigger panel points at, by the name n8n shows, with no file path', () => {
		const notices = new MallcooTrigger().description.properties.filter((p) => p.type === 'notice');
		expect(notices.length).toBeGreaterThan(0);
		const responseNotice = notices.find((p) => p.name === 'responseNodeNotice')!;
		expect(responseNotice.displayName).toContain(`"${example.name}"`);
		for (const notice of notices) {
			expect(notice.displayName.length).toBeLessThan(200);
			expect(notice.displayName).not.toMatch(/\.json|examples\//);
		}
	});

	it('greets the member with their points, answered by the workflow', async () => {
		const { productionUrl } = await serve(example);
		const steps = await browse(expectedAddress(SIGN_IN_PAGES.h5BaseInfo, productionUrl));
		expect(steps.map((step) => step.status)).toEqual([302, 200]);
		expect(steps[1].contentType).toBe('text/html; charset=utf-8');
		expect(steps[1].body).toContain(`你好,${ada.NickName}!`);
		expect(steps[1].body).toContain(`<strong>${ada.Card!.Score}</strong>`);
		const [run] = await server!.settled();
		expect(outputOf(run, 'Get Member')[0].json).toMatchObject({
			OpenUserID: ada.OpenUserID,
			Score: ada.Card!.Score,
		});
		expect(fixture.sandbox.requests.map((request) => request.path)).toEqual([
			SIGN_IN_PAGES.h5BaseInfo,
			'/User/OAuth/v1/GetToken/ByTicket/',
			'/User/AdvancedInfo/v1/Get/ByToken/',
		]);
	});

	it('tells a shopper without a card how to collect points', async () => {
		const { productionUrl } = await serve(example);
		const steps = await browse(
			`${expectedAddress(SIGN_IN_PAGES.h5BaseInfo, productionUrl)}&sandboxMobile=${lei.Mobile}`,
		);
		expect(steps[1].status).toBe(200);
		expect(steps[1].body).toContain(`你好,${lei.NickName}!`);
		expect(steps[1].body).toContain('Not a member yet');
	});

	it('still answers a refused ticket with the error page, without running', async () => {
		const { productionUrl } = await serve(example);
		expect((await get(`${productionUrl}?Ticket=0123456789abcdef`)).status).toBe(403);
		expect(await server!.settled()).toHaveLength(0);
	});
});

describe('privacy and escaping', () => {
	it('the PrivateKey appears in no page and no item', async () => {
		const { productionUrl, testUrl } = await serve(
			triggerOnly({ responseMode: 'page', afterSignInUrl: AFTER_SIGN_IN }),
		);
		const pages = [
			await get(testUrl),
			await get(`${productionUrl}?Ticket=0123456789abcdef`),
			await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3`),
		];
		const runs = await server!.settled();
		expect(runs).toHaveLength(1);
		const { privateKey } = fixture.credentials;
		for (const page of pages) expect(page.body).not.toContain(privateKey);
		expect(JSON.stringify(runs)).not.toContain(privateKey);
	});

	it('escapes everything echoed into pages', () => {
		const attack = `<img src=x onerror="alert('x')">`;
		const signedIn = signedInPage({
			nickname: attack,
			message: attack,
			continueUrl: `https://a.example/?q="><script>`,
		});
		const failed = errorPage(attack, attack, [
			{
				label: attack,
				callbackUrl: attack,
				flows: [{ flow: 'h5BaseInfo', name: attack, url: `https://m.example/?a="><script>` }],
			},
		]);
		for (const html of [signedIn, failed]) {
			expect(html).not.toContain('<img');
			expect(html).not.toContain('<script>');
			expect(html).toContain(escapeHtml(attack));
		}
	});
});
