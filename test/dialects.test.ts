/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * The node in every sandbox dialect (the same refusals with other codes and wordings): the
 * credential's Test, If Not Found; and answers nobody recognises, which must never pass a Test
 * nor settle a write.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { Mallcoo } from '../nodes/Mallcoo/Mallcoo.node';
import { MallcooTrigger } from '../nodes/Mallcoo/MallcooTrigger.node';
import { DIALECTS, SEED_MEMBERS, type Dialect } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { getMemberByItemMobile } from './helpers/operations';
import { useSandbox } from './helpers/sandbox';
import {
	browse,
	startWebhookServer,
	type WebhookServer,
	type WorkflowDefinition,
} from './helpers/webhook';

const fixture = useSandbox();
const [ada] = SEED_MEMBERS;

/** The credential Test as n8n runs it: the node's credentialTest method in n8n-core's own context. */
async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const test = new Mallcoo().methods.credentialTest.mallcooApiTest;
	const context = new CredentialTestContext(
		{} as IWorkflowExecuteAdditionalData,
	) as unknown as ICredentialTestFunctions;
	return test.call(context, { id: 'test', name: 'Mallcoo', type: 'mallcooApi', data });
}

/**
 * The Mallcoo Trigger alone, taking the callback alone, as Mallcoo sends it: what is read here is
 * its answer, not the sign-in state.
 */
function callbackOnly(
	webhookId: string,
	credential: { id: string; name: string },
): WorkflowDefinition {
	return {
		nodes: [
			{
				id: 'trigger',
				name: 'Mallcoo Trigger',
				type: 'n8n-nodes-mallcoo.mallcooTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { responseMode: 'page', options: { requireSignInState: false } },
				credentials: { mallcooApi: credential },
			},
		],
		connections: {},
	};
}

describe('the credential Test is decided by the node, for both nodes', () => {
	it('names the same test in both nodes, and the credential has no request test of its own', async () => {
		for (const node of [new Mallcoo(), new MallcooTrigger()]) {
			expect(node.description.credentials).toEqual([
				{ name: 'mallcooApi', required: true, testedBy: 'mallcooApiTest' },
			]);
			expect(node.methods.credentialTest.mallcooApiTest).toBe(
				new Mallcoo().methods.credentialTest.mallcooApiTest,
			);
		}
		const { MallcooApi } = await import('../credentials/MallcooApi.credentials');
		expect(new MallcooApi()).not.toHaveProperty('test');
	});
});

describe('the credential Test without an answer', () => {
	it('fails for an API Base URL that is no http(s) address, sending nothing', async () => {
		const result = await testCredential({
			...fixture.credentials,
			baseUrl: 'openapi10.mallcoo.cn',
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'The API Base URL must be an http(s) address, e.g. https://openapi10.mallcoo.cn',
		});
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('fails when Mallcoo cannot be reached, saying where it tried', async () => {
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as AddressInfo;
				probe.close(() => resolve(free));
			});
		});
		const baseUrl = `http://127.0.0.1:${port}`;
		const result = await testCredential({ ...fixture.credentials, baseUrl });
		expect(result).toEqual({
			status: 'Error',
			message: `Could not connect to Mallcoo at ${baseUrl} (ECONNREFUSED). Check the API Base URL and the n8n server's network.`,
		});
	});
});

describe.each(DIALECTS)('%s dialect', (dialect: Dialect) => {
	const keys = () => {
		fixture.sandbox.setDialect(dialect);
		return fixture.credentials;
	};

	it('Test passes with the right keys, after one signed ticket exchange', async () => {
		const result = await testCredential(keys());
		expect(result).toEqual({
			status: 'OK',
			message: "Mallcoo accepted the credential (it refused only the test's made-up ticket).",
		});
		expect(fixture.sandbox.requests.map((r) => r.path)).toEqual([
			'/User/OAuth/v1/GetToken/ByTicket/',
		]);
		expect(fixture.sandbox.requests[0].headers.sign).toMatch(/^[0-9A-F]{16}$/);
	});

	it.each([
		[
			'privateKey',
			'not-the-private-key',
			/^Mallcoo refused the signature: check the Private Key\./,
		],
		['appId', 'not-the-app', /^Mallcoo does not accept the AppID: check the AppID\./],
		[
			'publicKey',
			'not-the-public-key',
			/^Mallcoo does not accept the Public Key for this AppID: check the Public Key\./,
		],
	])('Test fails for a wrong %s, naming it', async (field, value, expected) => {
		const result = await testCredential({ ...keys(), [field]: value });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(expected);
		// What Mallcoo answered is quoted; the Private Key never is.
		const [request] = fixture.sandbox.requests;
		expect(result.message).toContain(`Code ${String(request.response.code)}: `);
		expect(result.message).not.toContain(fixture.credentials.privateKey);
		expect(result.message).not.toContain('not-the-private-key');
	});

	it.each([10 * 60_000, -10 * 60_000])(
		'Test fails for a clock %i ms off, naming the clock',
		async (offset) => {
			const credentials = keys();
			fixture.sandbox.setClockOffset(offset);
			const result = await testCredential(credentials);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^Mallcoo refused the request time: check the n8n server's clock/,
			);
		},
	);

	it('If Not Found → "found: false" for a missing member and user', async () => {
		fixture.sandbox.setDialect(dialect);
		const unknown = '13899999999';
		const { output, error } = await runMallcoo({
			parameters: getMemberByItemMobile({ ifNotFound: 'empty' }),
			items: [{ mobile: unknown }, { mobile: ada.Mobile }],
			credentials: fixture.credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ found: false, mobile: unknown });
		expect(output[1].json).toMatchObject({ found: true, OpenUserID: ada.OpenUserID });
		const user = await runMallcoo({
			parameters: {
				resource: 'user',
				operation: 'get',
				findBy: 'openUserId',
				openUserId: 'nobody',
				ifNotFound: 'empty',
			},
			credentials: fixture.credentials,
		});
		expect(user.error).toBeUndefined();
		expect(user.output[0].json).toMatchObject({ found: false });
	});

	it('If Not Found still fails on a refusal that is not "not found" (a wrong key)', async () => {
		fixture.sandbox.setDialect(dialect);
		const { error } = await runMallcoo({
			parameters: {
				resource: 'member',
				operation: 'get',
				findBy: 'mobile',
				mobile: ada.Mobile,
				ifNotFound: 'empty',
			},
			credentials: { ...fixture.credentials, privateKey: 'not-the-private-key' },
		});
		expect(error?.message).toMatch(/^Get a member failed: /);
		expect(error?.description).toMatch(/^Mallcoo refused the signature: check the Private Key\./);
	});
});

describe.each(DIALECTS)('the Mallcoo Trigger, %s dialect', (dialect: Dialect) => {
	let server: WebhookServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	/** The sign-in callback visited with `ticket`, under the credential `credentials`. */
	async function callback(ticket: string, credentials: ICredentialDataDecryptedObject) {
		fixture.sandbox.setDialect(dialect);
		server = await startWebhookServer({
			workflow: callbackOnly('5b1f0a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', {
				id: 'sandbox',
				name: 'Mallcoo Sandbox',
			}),
			credentials,
		});
		const [answer] = await browse(`${server.productionUrl}?Ticket=${ticket}&DataSource=3`, 0);
		return { answer, runs: await server.settled() };
	}

	it('a refused ticket: 403, nothing started', async () => {
		const { answer, runs } = await callback('0123456789abcdef', fixture.credentials);
		expect(answer.status).toBe(403);
		expect(runs).toHaveLength(0);
	});

	it('a refused credential: a 500 page that tells the shopper nothing of the keys, nothing started', async () => {
		const ticket = fixture.sandbox.issueTicket({ Mobile: ada.Mobile });
		const { answer, runs } = await callback(ticket, {
			...fixture.credentials,
			privateKey: 'not-the-private-key',
		});
		expect(answer.status).toBe(500);
		expect(answer.body).toContain('Mallcoo refused its credential');
		expect(answer.body).not.toMatch(/Private Key|not-the-private-key/);
		expect(runs).toHaveLength(0);
	});
});

/** A stand-in platform whose answers the test scripts: path → envelope, or an HTTP status. */
function scriptedPlatform(
	answer: (path: string, count: number) => { status: number; body: string },
) {
	let server: Server;
	const seen: string[] = [];
	const platform = { url: '', seen };
	beforeAll(async () => {
		server = createServer((req, res) => {
			const path = req.url ?? '';
			seen.push(path);
			req.resume();
			req.on('end', () => {
				const { status, body } = answer(path, seen.filter((p) => p === path).length);
				res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
				res.end(body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		platform.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	return platform;
}

describe('answers nobody recognises', () => {
	const envelope = (Code: number, Message: string) => ({
		status: 200,
		body: JSON.stringify({ Code, Message }),
	});
	const platform = scriptedPlatform((path, count) => {
		if (path.startsWith('/User/OAuth/')) return envelope(9999, '系统繁忙,请稍后再试');
		// The opening's answer is lost; the lookup that would settle it is answered with an unknown refusal.
		if (path.includes('/MallCard/')) return { status: 500, body: '' };
		if (path.includes('/Get/ByMobile/')) return envelope(count === 1 ? 9998 : 9997, '操作失败');
		// An HTTP error is no API answer, even one whose body reads "not found".
		return { status: 404, body: JSON.stringify({ Code: 404, Message: '会员不存在' }) };
	});
	const credentials = () => ({
		appId: 'app',
		publicKey: 'public',
		privateKey: 'private-key-value',
		baseUrl: platform.url,
		authBaseUrl: platform.url,
	});

	it('the credential Test reports them, and does not pass', async () => {
		const result = await testCredential(credentials());
		expect(result).toEqual({
			status: 'Error',
			message:
				"Mallcoo's answer does not show whether it accepts this credential: Code 9999: 系统繁忙,请稍后再试. Check that the API Base URL is Mallcoo's open API host, then the AppID, Public Key and Private Key.",
		});
	});

	it('a write whose settling lookup gets one stays unclear: not resent, not taken as applied', async () => {
		platform.seen.length = 0;
		const { error } = await runMallcoo({
			parameters: {
				resource: 'memberCard',
				operation: 'open',
				mobile: '13700000009',
				options: { retryDelay: 2, maxAttempts: 3 },
			},
			credentials: credentials(),
		});
		expect(error?.description).toMatch(
			/^Unknown whether it took effect: the answer was lost and Mallcoo could not tell when asked \(a member lookup by 13700000009: 操作失败 \(Code 9998\)\)/,
		);
		expect(platform.seen.filter((path) => path.includes('/MallCard/'))).toHaveLength(1);
	});

	it('If Not Found does not turn one into "found: false"', async () => {
		const { error, output } = await runMallcoo({
			parameters: {
				resource: 'member',
				operation: 'get',
				findBy: 'mobile',
				mobile: '13700000009',
				ifNotFound: 'empty',
			},
			credentials: credentials(),
		});
		expect(output).toEqual([]);
		expect(error?.message).toMatch(/^Get a member failed: 操作失败 \(Code 999\d\)$/);
	});

	it("the Mallcoo Trigger answers one with 502 and Mallcoo's words, and starts nothing", async () => {
		const server = await startWebhookServer({
			workflow: callbackOnly('6c2a1b3d-4e5f-4a6b-9c8d-1e2f3a4b5c6d', {
				id: 'scripted',
				name: 'Scripted',
			}),
			credentials: credentials(),
		});
		try {
			const [answer] = await browse(`${server.productionUrl}?Ticket=0123456789abcdef`, 0);
			expect(answer.status).toBe(502);
			expect(answer.body).toContain('(Code 9999)');
			expect(await server.settled()).toHaveLength(0);
		} finally {
			await server.close();
		}
	});

	it('the credential Test reports an address that is no Mallcoo API', async () => {
		const result = await testCredential({ ...credentials(), baseUrl: `${platform.url}/nothing` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Mallcoo's answer does not show whether it accepts this credential: Code 404: 会员不存在\. /,
		);
	});
});
