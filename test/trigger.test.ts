/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The Mallcoo Trigger as n8n runs it: its webhook served over real HTTP through n8n-core's
 * WebhookContext, the workflow it starts run by n8n-core's engine, Mallcoo played by the sandbox
 * (its sign-in page stand-ins redirect real browsers back to the trigger).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { MallcooTrigger } from '../nodes/Mallcoo/MallcooTrigger.node';
import { escapeHtml, errorPage, signedInPage } from '../nodes/Mallcoo/trigger/pages';
import { signInAddresses } from '../nodes/Mallcoo/trigger/signIn';
import { issueState, stateKey, STATE_LIFETIME_MS } from '../nodes/Mallcoo/trigger/signInState';
import { SEED_MEMBERS } from '../sandbox/server';
import { useSandbox } from './helpers/sandbox';
import { expectCeilingKept } from './helpers/sharedBudget';
import {
	browse,
	CookieJar,
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

/** Each workflow's trigger gets its own node id, so its exchange caps start afresh. */
let triggers = 0;

function triggerOnly(parameters: Record<string, unknown>): WorkflowDefinition {
	return {
		nodes: [
			{
				id: `trigger-${++triggers}`,
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

/** One GET, redirects not followed, with the cookies of `jar`. */
const get = async (url: string, jar?: CookieJar): Promise<BrowserStep> =>
	(await browse(url, 0, jar))[0];

/** The same trigger without the sign-in state: Mallcoo's callbacks are taken as they come. */
const stateless = (parameters: Record<string, unknown> = {}) =>
	serve(
		triggerOnly({
			responseMode: 'redirect',
			afterSignInUrl: AFTER_SIGN_IN,
			...parameters,
			options: { requireSignInState: false, ...(parameters.options as object) },
		}),
	);

/**
 * A browser opens the trigger's start address: it gets the state cookie and is sent to
 * Mallcoo's sign-in page with a callback that carries the state. Returns that callback (where
 * Mallcoo will add Ticket and DataSource), the sign-in page and the browser's cookies.
 */
async function start(triggerUrl: string, flow = 'h5BaseInfo', jar = new CookieJar()) {
	const answer = await get(`${triggerUrl}?signIn=${flow}`, jar);
	expect(answer.status).toBe(302);
	const signInPage = answer.location!;
	const callbackUrl = new URL(signInPage).searchParams.get('CallbackUrl')!;
	return { callbackUrl, signInPage, jar, answer };
}

/** The callback Mallcoo would send this browser to after signing `ticket`'s shopper in. */
async function startedCallback(
	triggerUrl: string,
	ticket: string,
	dataSource: number | string = 3,
) {
	const { callbackUrl, jar } = await start(triggerUrl);
	return { url: `${callbackUrl}&Ticket=${ticket}&DataSource=${dataSource}`, jar };
}

/** Runs a started sign-in's callback in its own browser. */
async function signIn(triggerUrl: string, ticket: string, dataSource: number | string = 3) {
	const { url, jar } = await startedCallback(triggerUrl, ticket, dataSource);
	return get(url, jar);
}

const ticketFor = (mobile: string) => fixture.sandbox.issueTicket({ Mobile: mobile });

/** A browser holding exactly this Cookie header's cookies. */
function jarWith(header: string): CookieJar {
	const jar = new CookieJar();
	for (const pair of header.split('; ')) jar.store(`${pair}; Path=/`);
	return jar;
}

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
		const answer = await signIn(productionUrl, ticket, 3);
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
			UserName: ada.UserName,
			Expires: 10080,
			dataSource: 3,
			dataSourceName: 'Browser',
		});
		// The token acts as the shopper for days: left out unless Include User Token is on.
		expect(item).not.toHaveProperty('UserToken');
		expect(JSON.stringify(await server!.settled())).not.toContain(ada.UserToken);
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

	it('outputs the UserToken with Include User Token on', async () => {
		const { productionUrl } = await serve(
			triggerOnly({
				responseMode: 'redirect',
				afterSignInUrl: AFTER_SIGN_IN,
				options: { includeUserToken: true },
			}),
		);
		expect((await signIn(productionUrl, ticketFor(ada.Mobile))).status).toBe(302);
		expect(await onlyItem()).toMatchObject({
			OpenUserID: ada.OpenUserID,
			UserToken: ada.UserToken,
		});
	});

	it('ignores redirect, url and next in the request: no open redirect', async () => {
		const { productionUrl } = await redirecting();
		const evil = encodeURIComponent('https://evil.example/phish');
		const { url, jar } = await startedCallback(productionUrl, ticketFor(ada.Mobile));
		const answer = await get(
			`${url}&redirect=${evil}&url=${evil}&next=${evil}&Redirect=${evil}&returnUrl=${evil}`,
			jar,
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
		await signIn(productionUrl, ticketFor(ada.Mobile), dataSource);
		expect(await onlyItem()).toMatchObject({ dataSource, dataSourceName: name });
	});

	it("accepts the mini program's oauth_Ticket when the sign-in state is off", async () => {
		const { productionUrl } = await stateless();
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
		const answer = await signIn(testUrl, ticketFor(ada.Mobile), 5);
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

	it('an After Sign-In URL with non-ASCII characters is sent encoded, as a browser would', async () => {
		const typed = 'https://活动.example/欢迎?来自=猫酷#顶部';
		const { productionUrl } = await serve(
			triggerOnly({ responseMode: 'redirect', afterSignInUrl: typed }),
		);
		const answer = await signIn(productionUrl, ticketFor(ada.Mobile));
		expect(answer.status).toBe(302);
		expect(answer.location).toBe(new URL(typed).href);
		expect(answer.location).toMatch(/^https:\/\/xn--[\x21-\x7e]+$/);
		await onlyItem();
	});
});

describe('the sign-in state: a ticket counts only in the browser that started the sign-in', () => {
	it('the start address sets a one-time HttpOnly, SameSite=Lax cookie for this URL and sends the browser to Mallcoo', async () => {
		const { productionUrl } = await redirecting();
		const { answer, signInPage, callbackUrl } = await start(productionUrl, 'h5CardInfo');
		const cookie = String(answer.headers['set-cookie']);
		expect(cookie).toMatch(/^mallcoo_sign_in=[A-Za-z0-9_-]{22}; /);
		expect(cookie).toContain(`Path=${new URL(productionUrl).pathname};`);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Lax');
		expect(cookie).toContain(`Max-Age=${STATE_LIFETIME_MS / 1000}`);
		// Served over http here: Secure would keep the browser from sending it back.
		expect(cookie).not.toContain('Secure');
		expect(signInPage.startsWith(`${fixture.sandbox.url}${SIGN_IN_PAGES.h5CardInfo}?`)).toBe(true);
		expect(callbackUrl).toMatch(
			new RegExp(`^${productionUrl}\\?state=[A-Za-z0-9_-]{22}\\.\\d{13}\\.[A-Za-z0-9_-]{22}$`),
		);
		// Starting costs Mallcoo nothing.
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a valid ticket without a state starts nothing and sends nothing to Mallcoo', async () => {
		const { productionUrl } = await redirecting();
		const answer = await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3`);
		expect(answer.status).toBe(403);
		expect(answer.location).toBeUndefined();
		expect(answer.body).toContain('did not start at one of the sign-in addresses');
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it("a link with someone else's state and ticket, opened in another browser, starts nothing", async () => {
		const { productionUrl } = await redirecting();
		// The attacker starts a sign-in in their own browser, and sends the callback to a victim.
		const { url } = await startedCallback(productionUrl, ticketFor(ada.Mobile));
		const victim = new CookieJar();
		expect((await get(url, victim)).status).toBe(403);
		// Even with a state cookie of the victim's own.
		await start(productionUrl, 'h5BaseInfo', victim);
		const answer = await get(url, victim);
		expect(answer.status).toBe(403);
		expect(answer.body).toContain('started in another browser');
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a callback is exchanged once: the same state again is refused without asking Mallcoo', async () => {
		const { productionUrl } = await redirecting();
		const { url, jar } = await startedCallback(productionUrl, ticketFor(ada.Mobile));
		const replay = jar.headerFor(url);
		expect((await get(url, jar)).status).toBe(302);
		// The trigger clears the cookie; a replay with the old cookie is refused all the same.
		expect(jar.headerFor(url)).toBeUndefined();
		const again = await get(url, new CookieJar());
		expect(again.status).toBe(403);
		const withOldCookie = await browse(url, 0, jarWith(replay!));
		expect(withOldCookie[0].status).toBe(403);
		expect(withOldCookie[0].body).toContain('already used');
		expect(fixture.sandbox.requests).toHaveLength(1);
		expect(await server!.settled()).toHaveLength(1);
	});

	it('a tampered, expired or foreign state is refused before any request', async () => {
		const { productionUrl, testUrl } = await redirecting();
		const { callbackUrl, jar } = await start(productionUrl);
		const state = new URL(callbackUrl).searchParams.get('state')!;
		const [nonce, expires, proof] = state.split('.');
		const later = String(Number(expires) + 60_000);
		const otherKey = issueState(stateKey('another-private-key', 'x'), Date.now());
		const cases = [
			`${nonce}.${later}.${proof}`, // a longer life
			`${nonce}.${expires}.${proof.slice(0, -1)}${proof.endsWith('A') ? 'B' : 'A'}`,
			otherKey.state,
			'not-a-state',
		];
		for (const forged of cases) {
			const answer = await get(
				`${productionUrl}?state=${encodeURIComponent(forged)}&Ticket=${ticketFor(ada.Mobile)}`,
				jar,
			);
			expect(answer.status, forged).toBe(403);
		}
		// A state of the Test URL does not open the Production URL (nor its cookie go there).
		const test = await start(testUrl);
		const stateOfTest = new URL(test.callbackUrl).searchParams.get('state')!;
		const crossed = await get(
			`${productionUrl}?state=${stateOfTest}&Ticket=${ticketFor(ada.Mobile)}`,
			test.jar,
		);
		expect(crossed.status).toBe(403);
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a state expires', async () => {
		const { productionUrl } = await redirecting();
		const { url, jar } = await startedCallback(productionUrl, ticketFor(ada.Mobile));
		vi.useFakeTimers({ now: Date.now() + STATE_LIFETIME_MS + 1000, toFake: ['Date'] });
		try {
			const answer = await get(url, jar);
			expect(answer.status).toBe(403);
			expect(answer.body).toContain('expired');
		} finally {
			vi.useRealTimers();
		}
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it("the start address sends the credential's sign-in page encoded, and a broken one gets a 500 page", async () => {
		const workflow = triggerOnly({ responseMode: 'redirect', afterSignInUrl: AFTER_SIGN_IN });
		server = await startWebhookServer({
			workflow,
			credentials: { ...fixture.credentials, authBaseUrl: `${fixture.sandbox.url}/登录` },
		});
		const { signInPage } = await start(server.productionUrl);
		expect(signInPage.startsWith(`${fixture.sandbox.url}/%E7%99%BB%E5%BD%95/a/open/`)).toBe(true);
		await server.close();
		server = await startWebhookServer({
			workflow,
			credentials: { ...fixture.credentials, authBaseUrl: 'm.mallcoo.cn' },
		});
		const answer = await get(`${server.productionUrl}?signIn=h5BaseInfo`);
		expect(answer.status).toBe(500);
		expect(answer.headers['set-cookie']).toBeUndefined();
	});

	it('an unknown flow at the start address: 400, no cookie', async () => {
		const { productionUrl } = await redirecting();
		const answer = await get(`${productionUrl}?signIn=evil`);
		expect(answer.status).toBe(400);
		expect(answer.headers['set-cookie']).toBeUndefined();
	});

	it('Require Sign-In State off: a callback with a ticket alone is exchanged', async () => {
		const { productionUrl } = await stateless();
		const answer = await get(`${productionUrl}?Ticket=${ticketFor(ada.Mobile)}&DataSource=3`);
		expect(answer.status).toBe(302);
		expect(answer.headers['set-cookie']).toBeUndefined();
		expect(await onlyItem()).toMatchObject({ OpenUserID: ada.OpenUserID });
	});

	it('shows a notice when the state is off and when the token is included', () => {
		const notices = new MallcooTrigger().description.properties.filter(
			(property) => property.type === 'notice',
		);
		expect(notices.find((notice) => notice.name === 'noStateNotice')?.displayOptions).toEqual({
			show: { 'options.requireSignInState': [false] },
		});
		expect(notices.find((notice) => notice.name === 'userTokenNotice')?.displayOptions).toEqual({
			show: { 'options.includeUserToken': [true] },
		});
	});
});

describe('exchange caps and the shared rate budget', () => {
	it('caps exchanges per client address: the rest cost no Mallcoo request', async () => {
		const { productionUrl } = await serve(
			triggerOnly({
				responseMode: 'redirect',
				afterSignInUrl: AFTER_SIGN_IN,
				options: { maxExchangesPerClientPerMinute: 3 },
			}),
		);
		const answers = [];
		for (let i = 0; i < 6; i++) answers.push(await signIn(productionUrl, `junk${i}0123456789`));
		expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 429, 429, 429]);
		expect(answers[5].body).toContain('Too many sign-ins');
		expect(fixture.sandbox.requests).toHaveLength(3);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('caps exchanges of the trigger in all', async () => {
		const { productionUrl } = await serve(
			triggerOnly({
				responseMode: 'redirect',
				afterSignInUrl: AFTER_SIGN_IN,
				options: { maxExchangesPerMinute: 2, maxExchangesPerClientPerMinute: 100 },
			}),
		);
		const statuses = [];
		for (let i = 0; i < 4; i++)
			statuses.push((await signIn(productionUrl, `junk${i}0123456789`)).status);
		expect(statuses).toEqual([403, 403, 429, 429]);
		expect(fixture.sandbox.requests).toHaveLength(2);
	});

	it("never touches the credential's shared budget: a paced run's ceiling stays as it was", async () => {
		const { productionUrl } = await redirecting();
		await expectCeilingKept(fixture.credentials, async (budget, take) => {
			expect((await signIn(productionUrl, ticketFor(ada.Mobile))).status).toBe(302);
			await get(`${productionUrl}?Ticket=0123456789abcdef`);
			expect(take).toHaveBeenCalledTimes(1);
			expect(take.mock.contexts[0]).not.toBe(budget);
		});
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
		const answer = await signIn(productionUrl, '0123456789abcdef');
		expect(answer.status).toBe(403);
		expect(answer.body).toContain(
			escapeHtml('Mallcoo: Ticket 无效或已过期 (Ticket invalid or expired) (Code 3002)'),
		);
		expect(await server!.settled()).toHaveLength(0);
	});

	it('a ticket used twice (state off): the second visit is refused by Mallcoo', async () => {
		const { productionUrl } = await stateless();
		const ticket = ticketFor(ada.Mobile);
		expect((await get(`${productionUrl}?Ticket=${ticket}&DataSource=3`)).status).toBe(302);
		expect((await get(`${productionUrl}?Ticket=${ticket}&DataSource=3`)).status).toBe(403);
		expect(await server!.settled()).toHaveLength(1);
	});

	it('Mallcoo failing: 502 after one retry', async () => {
		const { productionUrl } = await redirecting();
		fixture.sandbox.injectFaults(['http500', 'http500']);
		const answer = await signIn(productionUrl, ticketFor(ada.Mobile));
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
	it("the production URL lists the trigger's start address of every flow", async () => {
		const { productionUrl } = await redirecting();
		const links = linksIn((await get(productionUrl)).body);
		expect(links).toEqual(
			Object.keys(SIGN_IN_PAGES).map((flow) => `${productionUrl}?signIn=${flow}`),
		);
	});

	it('with the state off, it lists every flow with itself as the URL-encoded callback', async () => {
		const { productionUrl } = await stateless();
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
			...Object.keys(SIGN_IN_PAGES).map((flow) => `${testUrl}?signIn=${flow}`),
			...Object.keys(SIGN_IN_PAGES).map((flow) => `${productionUrl}?signIn=${flow}`),
		]);
	});

	it('each start address leads to the sign-in page the Get Authorization URL operation builds, with the state in the callback', async () => {
		const { productionUrl } = await redirecting();
		for (const [flow, page] of Object.entries(SIGN_IN_PAGES)) {
			const { signInPage, callbackUrl } = await start(productionUrl, flow);
			expect(signInPage).toBe(expectedAddress(page, callbackUrl));
			expect(callbackUrl.startsWith(`${productionUrl}?state=`)).toBe(true);
		}
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

/** A browser from the trigger's start address through Mallcoo's page (as `mobile`) and back. */
async function browseSignIn(triggerUrl: string, flow = 'h5BaseInfo', mobile?: string) {
	const { signInPage, jar } = await start(triggerUrl, flow);
	const page = mobile ? `${signInPage}&sandboxMobile=${mobile}` : signInPage;
	return browse(page, 5, jar);
}

describe("a shopper's browser, from the start address through Mallcoo's sign-in page to the After Sign-In URL", () => {
	it('H5 sign-in: Mallcoo redirects to the trigger, the trigger to the After Sign-In URL, once', async () => {
		const { testUrl } = await redirecting();
		const steps = await browse(`${testUrl}?signIn=h5BaseInfo`);
		expect(steps.map((step) => step.status)).toEqual([302, 302, 302]);
		expect(steps[2].url).toMatch(
			new RegExp(`^${testUrl}\\?state=[\\w.-]+&Ticket=[0-9a-f]{16}&DataSource=3$`),
		);
		expect(steps[2].location).toBe(AFTER_SIGN_IN);
		expect(await onlyItem()).toMatchObject({
			OpenUserID: ada.OpenUserID,
			dataSourceName: 'Browser',
		});
		// Back in history to the callback: nothing more happens.
		expect((await get(steps[2].url)).status).toBe(403);
		expect(await server!.settled()).toHaveLength(1);
	});

	it('card opening for a shopper without a card, answered with the page', async () => {
		const { productionUrl } = await serve(triggerOnly({ responseMode: 'page' }));
		const steps = await browseSignIn(productionUrl, 'h5CardInfo', lei.Mobile);
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
		const steps = await browseSignIn(productionUrl);
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
			'/User/AdvancedInfo/v1/Get/ByOpenUserID/',
		]);
		// It finds the member by OpenUserID: the shopper's token is in no node's output.
		expect(JSON.stringify(run)).not.toContain(ada.UserToken);
	});

	it('tells a shopper without a card how to collect points', async () => {
		const { productionUrl } = await serve(example);
		const steps = await browseSignIn(productionUrl, 'h5BaseInfo', lei.Mobile);
		expect(steps[1].status).toBe(200);
		expect(steps[1].body).toContain(`你好,${lei.NickName}!`);
		expect(steps[1].body).toContain('Not a member yet');
	});

	it('still answers a refused ticket with the error page, without running', async () => {
		const { productionUrl } = await serve(example);
		expect((await signIn(productionUrl, '0123456789abcdef')).status).toBe(403);
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
			await signIn(productionUrl, ticketFor(ada.Mobile)),
			(await start(productionUrl)).answer,
		];
		const runs = await server!.settled();
		expect(runs).toHaveLength(1);
		const { privateKey } = fixture.credentials;
		for (const page of pages) {
			expect(page.body).not.toContain(privateKey);
			expect(JSON.stringify(page.headers)).not.toContain(privateKey);
		}
		expect(JSON.stringify(runs)).not.toContain(privateKey);
		expect(JSON.stringify(runs)).not.toContain(ada.UserToken);
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
