/**
 * Safeguards against hostile or careless values: redirects never re-send a signed request,
 * Other Endpoint is closed to AI agents unless opened, the shopper's token stays out of the
 * Exchange Ticket output, and readers whose cost must not grow with what an attacker sends
 * (base URLs, huge texts, answers naming prototype keys).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { simplify } from '../nodes/Mallcoo/descriptions/memberProfile/simplify';
import { authorizationUrl } from '../nodes/Mallcoo/helpers/signInFlows';
import { urlOf, withoutTrailingSlashes } from '../nodes/Mallcoo/helpers/values/address';
import { mobileOf, textOf } from '../nodes/Mallcoo/helpers/values/text';
import { describeValue } from '../nodes/Mallcoo/helpers/values/wording';
import { apiBaseUrlOf } from '../nodes/Mallcoo/transport/settings';
import { SEED_MEMBERS, startSandbox, type Sandbox } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const [ada] = SEED_MEMBERS;

/** Milliseconds `work` takes. */
function timed(work: () => unknown): number {
	const start = performance.now();
	work();
	return performance.now() - start;
}

const refuse = (problem: string): never => {
	throw new Error(problem);
};

describe('a signed request that Mallcoo answers with a redirect', () => {
	let elsewhere: Sandbox;
	beforeAll(async () => {
		elsewhere = await startSandbox({ port: 0 });
	});
	afterAll(() => elsewhere.close());

	const moved = () => `/Sandbox/Moved/${elsewhere.port}/User/OAuth/v1/GetToken/ByTicket/`;

	it('the sandbox endpoint does redirect: a client that follows sends the signed headers on', async () => {
		elsewhere.clearRequests();
		const response = await fetch(`${fixture.sandbox.url}${moved()}`, {
			method: 'POST',
			headers: { Sign: 'ABCDEF0123456789', 'content-type': 'application/json' },
			body: '{"Ticket":"x"}',
		});
		expect(response.url).toBe(
			`http://127.0.0.1:${elsewhere.port}/User/OAuth/v1/GetToken/ByTicket/`,
		);
		expect(elsewhere.requests).toHaveLength(1);
		expect(elsewhere.requests[0].headers.sign).toBe('ABCDEF0123456789');
	});

	it('is not followed: the node reports the redirect and nothing reaches the other host', async () => {
		elsewhere.clearRequests();
		const { error, output } = await runMallcoo({
			parameters: {
				resource: 'custom',
				operation: 'call',
				path: moved(),
				body: '{"Ticket":"0123456789abcdef"}',
				safeToRepeat: true,
			},
			credentials: fixture.credentials,
		});
		expect(output).toEqual([]);
		expect(error?.message).toMatch(/HTTP 307/);
		expect(fixture.sandbox.requests.map((request) => request.response.status)).toEqual([307]);
		expect(elsewhere.requests).toEqual([]);
	});
});

describe('Other Endpoint as an AI agent tool', () => {
	const call = {
		resource: 'custom',
		operation: 'call',
		path: '/Gift/V1/GetCategoryList/',
		body: '{}',
	};

	it('refuses to run unless "Allow Use by AI Agents" is on, sending nothing', async () => {
		const { error, output } = await runMallcoo({
			parameters: call,
			credentials: fixture.credentials,
			asTool: true,
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'"Call any Mallcoo endpoint" is not available to AI agents unless "Allow Use by AI Agents" is on',
		);
		expect(fixture.sandbox.requests).toEqual([]);
	});

	it('runs when the user turns it on', async () => {
		const { error, output } = await runMallcoo({
			parameters: { ...call, allowAgentUse: true },
			credentials: fixture.credentials,
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ Data: fixture.sandbox.mall.giftCategories() });
	});

	it('the other operations stay available to agents, and the node outside an agent is unchanged', async () => {
		const asTool = await runMallcoo({
			parameters: { resource: 'gift', operation: 'getCategories' },
			credentials: fixture.credentials,
			asTool: true,
		});
		expect(asTool.error).toBeUndefined();
		const plain = await runMallcoo({ parameters: call, credentials: fixture.credentials });
		expect(plain.error).toBeUndefined();
		expect(fixture.sandbox.requests).toHaveLength(2);
	});
});

describe('OAuth → Exchange Ticket', () => {
	const exchange = (options: Record<string, unknown> = {}) =>
		runMallcoo({
			parameters: {
				resource: 'oauth',
				operation: 'exchangeTicket',
				ticket: fixture.sandbox.issueTicket({ Mobile: ada.Mobile }),
				options,
			},
			credentials: fixture.credentials,
		});

	it("leaves the shopper's UserToken out of the output (and so out of saved executions)", async () => {
		const { output, run } = await exchange();
		expect(output[0].json).toMatchObject({ OpenUserID: ada.OpenUserID, Expires: 10080 });
		expect(output[0].json).not.toHaveProperty('UserToken');
		expect(JSON.stringify(run)).not.toContain(ada.UserToken);
	});

	it('outputs it with Include User Token on', async () => {
		const { output } = await exchange({ includeUserToken: true });
		expect(output[0].json).toMatchObject({ OpenUserID: ada.OpenUserID, UserToken: ada.UserToken });
	});
});

describe('work that must not grow with what is sent', () => {
	it('base URLs lose their trailing slashes in linear time', () => {
		const hostile = `https://m.mallcoo.cn${'/'.repeat(100_000)}x`;
		expect(withoutTrailingSlashes('https://m.mallcoo.cn///')).toBe('https://m.mallcoo.cn');
		expect(withoutTrailingSlashes('/')).toBe('');
		// /\/+$/ on this text takes seconds (quadratic); the loop a fraction of a millisecond.
		expect(timed(() => apiBaseUrlOf({ baseUrl: hostile }))).toBeLessThan(50);
		expect(
			timed(() =>
				authorizationUrl(
					'h5BaseInfo',
					{ appId: 'a', publicKey: 'p', authBaseUrl: hostile },
					'https://n8n.example.com/webhook/x',
				),
			),
		).toBeLessThan(50);
		expect(apiBaseUrlOf({ baseUrl: 'http://127.0.0.1:3010//' })).toBe('http://127.0.0.1:3010');
	});

	it('a 16 MB text is refused by its length before any work per character', () => {
		const huge = `${'a'.repeat(16 * 1024 * 1024)}\u0000`;
		for (const read of [
			() => textOf(huge, refuse),
			() => textOf(huge, refuse, { multiline: true }),
			() => urlOf(`https://a.example/${huge}`, refuse),
			() => mobileOf(huge, refuse),
		]) {
			let message = '';
			const took = timed(() => {
				try {
					read();
				} catch (error) {
					message = (error as Error).message;
				}
			});
			expect(message).toMatch(/characters long/);
			expect(took).toBeLessThan(100);
		}
		expect(timed(() => describeValue(huge))).toBeLessThan(100);
		expect(describeValue(huge)).toMatch(new RegExp(`\\(${huge.length} UTF-16 units\\)$`));
	});

	it('the length limit still counts characters, not UTF-16 units', () => {
		expect(textOf('😀'.repeat(2000), refuse)).toHaveLength(4000);
		expect(() => textOf(`${'😀'.repeat(1001)}${'a'.repeat(1000)}`, refuse)).toThrow(
			'must be at most 2000 characters long, but is 2001 characters long',
		);
	});

	it("Simplify reads only the table's own names: an answer with constructor or __proto__ passes through", () => {
		const answer = JSON.parse(
			'{"constructor": 1, "toString": "x", "__proto__": {"polluted": true}, "hasOwnProperty": 2, "Gender": 2}',
		);
		const simple = simplify(answer);
		expect(simple).toMatchObject({
			constructor: 1,
			toString: 'x',
			hasOwnProperty: 2,
			gender: 'Female',
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
