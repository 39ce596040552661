/**
 * The example workflows in a real n8n 2.41.1 (this package installed as a community package),
 * called through their production webhooks, against the Mallcoo sandbox. Each test checks the
 * workflow's answer and what reached the sandbox: path, signed headers, body.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { MallStore } from '../sandbox/mall';
import {
	callWebhook,
	expectGreetedWithPoints,
	expectSigned,
	n8nCredentials,
	resetSandbox,
	signInAddress,
	sandboxMember,
	stack,
	webhookOf,
	withRequests,
} from './helpers';

/** The Mobile of a logged JSON body, to sort requests that arrive in any order. */
const mobileOf = (body: unknown) => String((body as { Mobile?: unknown } | undefined)?.Mobile);

beforeAll(resetSandbox);

describe('the stack npm start runs', () => {
	it('has the credential and every example workflow published', async () => {
		const credentials = await n8nCredentials();
		expect(credentials.map((c) => [c.id, c.name, c.type])).toEqual(
			expect.arrayContaining([
				['mallcooSandbox01', 'Mallcoo Sandbox', 'mallcooApi'],
				['mallcooWebhook01', 'Mallcoo Examples Webhook Secret', 'httpHeaderAuth'],
			]),
		);
		expect(credentials).toHaveLength(2);
		expect(stack().workflows.map((w) => [w.id, w.published])).toEqual(
			expect.arrayContaining([
				['mallcooCrmSync01', true],
				['mallcooLookup001', true],
				['mallcooOAuthIn01', true],
				['mallcooTagList01', true],
				['mallcooPoints001', true],
				['mallcooPurchase1', true],
				['mallcooCouponSt1', true],
				['e2eHttpRequest01', true],
			]),
		);
	});

	it('loaded both node types of the package', async () => {
		const { url, cookie } = stack();
		const nodes = (await (
			await fetch(`${url}/types/nodes.json`, { headers: { cookie } })
		).json()) as Array<{ name: string }>;
		const ours = nodes
			.map((node) => node.name)
			.filter((name) => name.startsWith('n8n-nodes-mallcoo.'));
		// mallcooTool: n8n's AI-agent-tool variant of a node with usableAsTool.
		expect(ours.sort()).toEqual([
			'n8n-nodes-mallcoo.mallcoo',
			'n8n-nodes-mallcoo.mallcooTool',
			'n8n-nodes-mallcoo.mallcooTrigger',
		]);
	});
});

describe('"Other Endpoint" and n8n\'s "Custom API Call"', () => {
	it('no two entries of the Resource or an Operation list look alike; ours is "Other Endpoint"', async () => {
		const { url, cookie } = stack();
		const nodes = (await (
			await fetch(`${url}/types/nodes.json`, { headers: { cookie } })
		).json()) as Array<{
			name: string;
			properties: Array<{ name: string; options?: Array<{ name: string; value: unknown }> }>;
		}>;
		const mallcoo = nodes.find((node) => node.name === 'n8n-nodes-mallcoo.mallcoo')!;
		const lists = mallcoo.properties.filter((p) => ['resource', 'operation'].includes(p.name));
		for (const list of lists) {
			const names = list.options!.map((option) => option.name);
			expect(new Set(names).size, names.join(', ')).toBe(names.length);
			// n8n's own entry, if this n8n adds it, is its own value, never one of ours.
			for (const option of list.options!.filter((o) => o.name === 'Custom API Call'))
				expect(option.value).toBe('__CUSTOM_API_CALL__');
		}
		const resources = lists.find((p) => p.name === 'resource')!.options!;
		expect(resources.filter((option) => option.value === 'custom')).toEqual([
			{ name: 'Other Endpoint', value: 'custom' },
		]);
		// n8n 2.41.1 adds no "Custom API Call" here: it copies credential types with a spread,
		// which drops the credential's authenticate method, so it sees no signing credential.
		expect(resources.map((option) => option.name)).not.toContain('Custom API Call');
	});
});

describe('examples/member-lookup.json (GET /webhook/mallcoo/member)', () => {
	it('answers a member card and points, after one signed ByMobile request', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooLookup001'), { query: { mobile: '13800000001' } }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			found: true,
			name: '张伟',
			nickName: '逛街达人',
			cardNo: '20230010000001',
			cardName: '金卡',
			points: 12770,
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/User/AdvancedInfo/v1/Get/ByMobile/');
		expect(requests[0].body).toEqual({ Mobile: '13800000001' });
		expect(requests[0].response.code).toBe(1);
		expectSigned(requests);
	});

	it('answers 404 with the Mallcoo error for an unknown mobile', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooLookup001'), { query: { mobile: '13899999999' } }),
		);
		expect(answer.status).toBe(404);
		expect(answer.json).toMatchObject({ found: false, error: expect.stringMatching(/Code 3001/) });
		expect(requests.map((r) => [r.path, r.response.code])).toEqual([
			['/User/AdvancedInfo/v1/Get/ByMobile/', 3001],
		]);
		expectSigned(requests);
	});
});

describe('examples/tag-members-from-list.json (POST /webhook/mallcoo/tag-members)', () => {
	it('tags every member of the list and reports the one that failed', async () => {
		const mobiles = ['13800000002', '13800000003', '13899999999'];
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooTagList01'), {
				body: { mobiles, tagIds: '40,41', description: 'Spring campaign' },
			}),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			total: 3,
			tagged: 2,
			failed: [
				{
					mobile: '13899999999',
					error: expect.stringMatching(/^Add tags to a member failed: .*Code 3001/),
				},
			],
		});
		expect(requests).toHaveLength(3);
		expect(requests.map((r) => r.path)).toEqual(Array(3).fill('/User/BaseInfo/v1/AddTag/'));
		expect(
			requests.map((r) => r.body).sort((a, b) => mobileOf(a).localeCompare(mobileOf(b))),
		).toEqual(mobiles.map((Mobile) => ({ Mobile, TagIDList: [40, 41], Desc: 'Spring campaign' })));
		expect(requests.map((r) => r.response.code).sort()).toEqual([1, 1, 3001]);
		expectSigned(requests);
		expect((await sandboxMember('13800000002')).TagIDs).toEqual(expect.arrayContaining([40, 41]));
		expect((await sandboxMember('13800000003')).TagIDs).toEqual(expect.arrayContaining([40, 41]));
	});
});

describe('examples/crm-sync.json (POST /webhook/mallcoo/crm-sync)', () => {
	it('sets the grade and points of the card with that CRM ID', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooCrmSync01'), {
				body: { crmId: 'CRM10000002', grade: '3', points: 4321 },
			}),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ synced: true, crmId: 'CRM10000002' });
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/');
		expect(requests[0].body).toEqual({
			ThirdPartyCardID: 'CRM10000002',
			UpdateDic: { VipGrade: '3', Bonus: '4321' },
		});
		expect(requests[0].response.code).toBe(1);
		expectSigned(requests);
		expect((await sandboxMember('13800000002')).Card?.Score).toBe(4321);
	});

	it('answers 422 with the Mallcoo error for an unknown CRM ID', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooCrmSync01'), {
				body: { crmId: 'CRM-UNKNOWN', grade: '3', points: 1 },
			}),
		);
		expect(answer.status).toBe(422);
		expect(answer.json).toEqual({
			synced: false,
			crmId: 'CRM-UNKNOWN',
			error: expect.stringMatching(/Code 3005/),
		});
		expect(requests.map((r) => r.response.code)).toEqual([3005]);
		expectSigned(requests);
	});
});

describe('examples/oauth-sign-in.json (Mallcoo Trigger)', () => {
	it('sends the sign-in page back to the production callback, which greets the member with points', async () => {
		const callback = webhookOf('mallcooOAuthIn01');
		const location = await signInAddress(callback);

		const { answer, requests } = await withRequests(() =>
			callWebhook({ ...callback, url: location }),
		);
		expectGreetedWithPoints(answer, requests, location);
	});

	it('answers 200 shoppers signing in at once, each with their own page, each ticket exchanged once', async () => {
		const { sandbox } = stack();
		const callback = webhookOf('mallcooOAuthIn01');
		const mobiles = Array.from({ length: 200 }, (_, i) => `1380000000${(i % 5) + 1}`);
		const nickname = new Map<string, string>();
		for (const mobile of new Set(mobiles))
			nickname.set(mobile, String((await sandboxMember(mobile)).NickName));
		const tickets = await Promise.all(
			mobiles.map(async (Mobile) => {
				const response = await fetch(`${sandbox.url}/__sandbox/ticket`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ Mobile }),
				});
				return ((await response.json()) as { Ticket: string }).Ticket;
			}),
		);
		const { answer: answers, requests } = await withRequests(() =>
			Promise.all(
				tickets.map((ticket) =>
					callWebhook({ ...callback, url: `${callback.url}?Ticket=${ticket}&DataSource=3` }),
				),
			),
		);
		answers.forEach((answer, index) => {
			expect(answer.status, `sign-in ${index}`).toBe(200);
			expect(answer.text).toContain(`你好,${nickname.get(mobiles[index])}!`);
		});
		const exchanged = requests
			.filter((r) => r.path === '/User/OAuth/v1/GetToken/ByTicket/')
			.map((r) => (r.body as { Ticket: string }).Ticket);
		expect(exchanged.sort()).toEqual([...tickets].sort());
		expect(new Set(exchanged).size).toBe(200);
	}, 180_000);
});

describe("n8n's HTTP Request node with Authentication → Mallcoo API", () => {
	it('reaches a Mallcoo endpoint with a valid signature (e2e/fixtures/http-request-signed.json)', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('e2eHttpRequest01'), { body: { mobile: '13800000001' } }),
		);
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/User/AdvancedInfo/v1/Get/ByMobile/');
		expect(requests[0].body).toEqual({ Mobile: '13800000001' });
		expectSigned(requests);
		expect(requests[0].response).toMatchObject({ status: 200, code: 1 });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			Code: 1,
			Data: { Mobile: '13800000001', MallCardNo: '20230010000001' },
		});
	});
});

describe("the credential's Test button (POST /rest/credentials/test)", () => {
	async function testCredential(
		data: Record<string, string>,
	): Promise<{ status: string; message: string }> {
		const { url, cookie, credential } = stack();
		const response = await fetch(`${url}/rest/credentials/test`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ credentials: { ...credential, data } }),
		});
		expect(response.status).toBe(200);
		return (await response.json()).data;
	}

	const keys = () => {
		const { sandbox } = stack();
		return { ...sandbox.credentials, baseUrl: sandbox.url, authBaseUrl: sandbox.url };
	};

	it('passes with the right keys', async () => {
		const { answer, requests } = await withRequests(() => testCredential(keys()));
		expect(answer).toEqual({ status: 'OK', message: expect.any(String) });
		expect(requests.map((r) => [r.path, r.response.code])).toEqual([
			['/User/OAuth/v1/GetToken/ByTicket/', 3002],
		]);
		expectSigned(requests);
	});

	it('fails with a clear message for a wrong private key', async () => {
		const { answer, requests } = await withRequests(() =>
			testCredential({ ...keys(), privateKey: 'not-the-private-key' }),
		);
		expect(answer).toEqual({
			status: 'Error',
			message: 'The signature was refused: check the PrivateKey',
		});
		expect(requests.map((r) => r.response.code)).toEqual([1005]);
	});

	it('fails with a clear message for a wrong public key', async () => {
		const { answer } = await withRequests(() =>
			testCredential({ ...keys(), publicKey: 'not-the-public-key' }),
		);
		expect(answer).toEqual({
			status: 'Error',
			message: 'The PublicKey does not belong to this AppID',
		});
	});
});

describe('examples/award-campaign-points.json (POST /webhook/mallcoo/award-points)', () => {
	const campaign = {
		campaign: 'e2e-spring2026',
		points: 20,
		scoreEvent: 6,
		openUserIds: ['3f9a2c7e51b04d68', 'b7e04c19d2a85f36', 'no-such-user'],
	};
	const scores = async () =>
		Promise.all(
			['13800000001', '13800000002'].map(
				async (mobile) => (await sandboxMember(mobile)).Card?.Score,
			),
		);

	it('adds the points once per member, with campaign + member as the transaction ID', async () => {
		const before = await scores();
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooPoints001'), { body: campaign }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			total: 3,
			awarded: 2,
			failed: [
				{
					openUserId: 'no-such-user',
					error: expect.stringMatching(/ failed: .*Code 3001/),
				},
			],
		});
		expect(requests.map((r) => r.path)).toEqual(Array(3).fill('/User/Score/v1/Plus/ByOpenUserID/'));
		const bodies = requests.map((r) => r.body as { TransID: string });
		expect(bodies.sort((a, b) => a.TransID.localeCompare(b.TransID))).toEqual(
			[...campaign.openUserIds].sort().map((openUserId) => ({
				OpenUserId: openUserId,
				Score: 20,
				ScoreEvent: 6,
				TransID: `e2e-spring2026-${openUserId}`,
				Reason: 'Campaign e2e-spring2026',
			})),
		);
		expectSigned(requests);
		expect(await scores()).toEqual(before.map((score) => (score ?? 0) + 20));
	});

	it('running the campaign again awards nothing: Mallcoo refuses each transaction ID it has seen', async () => {
		const before = await scores();
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooPoints001'), { body: campaign }),
		);
		expect(answer.json).toMatchObject({ total: 3, awarded: 0 });
		expect(requests.map((r) => r.response.code).sort()).toEqual([3001, 3006, 3006]);
		expect(await scores()).toEqual(before);
		const applied = await (
			await fetch(`${stack().sandbox.url}/__sandbox/applied?write=points`)
		).json();
		expect(applied.repeated).toEqual([]);
	});
});

describe('examples/report-pos-purchases.json (POST /webhook/mallcoo/pos-purchases)', () => {
	const purchases = [
		{
			orderId: 'E2E-POS-0001',
			paidAt: '2026-03-01T04:30:00Z',
			amount: 128.5,
			mcShopId: 1000053,
			posId: 'POS-01',
			serialNo: 'SN-778',
		},
		{ orderId: 'E2E-POS-0002', paidAt: '2026-03-01 13:05:00', amount: 66, mcShopId: 1000030 },
		{ orderId: 'E2E-POS-0003', paidAt: 'not a time', amount: 10, mcShopId: 1000030 },
	];

	it('reports each purchase in China time with McShopID as a number, and names the one it refused', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooPurchase1'), { body: { purchases } }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			total: 3,
			reported: 2,
			failed: [
				{ orderId: 'E2E-POS-0003', error: expect.stringMatching(/"Trade Time" must be a date/) },
			],
		});
		// The refused one was never sent.
		expect(requests.map((r) => r.body)).toEqual(
			expect.arrayContaining([
				{
					TransID: 'E2E-POS-0001',
					TradeTime: '2026-03-01 12:30:00',
					Amount: 128.5,
					McShopID: 1000053,
					TradeSerialNo: 'SN-778',
					PosID: 'POS-01',
				},
				{
					TransID: 'E2E-POS-0002',
					TradeTime: '2026-03-01 13:05:00',
					Amount: 66,
					McShopID: 1000030,
				},
			]),
		);
		expect(requests).toHaveLength(2);
		expect(requests.map((r) => r.response.code)).toEqual([1, 1]);
		expectSigned(requests);
	});

	it('a purchase sent again is refused by its order ID and recorded once', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooPurchase1'), { body: { purchases: purchases.slice(0, 1) } }),
		);
		expect(answer.json).toEqual({
			total: 1,
			reported: 0,
			failed: [{ orderId: 'E2E-POS-0001', error: expect.stringMatching(/Code 3006/) }],
		});
		expect(requests.map((r) => r.response.code)).toEqual([3006]);
		const applied = await (
			await fetch(`${stack().sandbox.url}/__sandbox/applied?write=consumption`)
		).json();
		expect(applied.repeated).toEqual([]);
	});
});

describe('examples/coupon-stock-report.json (GET /webhook/mallcoo/coupon-stock; daily on a schedule)', () => {
	it('reads every put-in, page by page, and answers the stock report', async () => {
		const { answer, requests } = await withRequests(() =>
			callWebhook(webhookOf('mallcooCouponSt1')),
		);
		expect(answer.status).toBe(200);
		const putIns = new MallStore().couponPutIns();
		expect(answer.json).toEqual({
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			putIns: putIns.length,
			stockLeft: putIns.reduce((sum, p) => sum + p.StoreOverCount, 0),
			lowStock: putIns
				.filter((p) => p.StoreOverCount < p.StoreCount * 0.1)
				.map((p) => ({ PICMID: p.PICMID, left: p.StoreOverCount, of: p.StoreCount })),
		});
		expect(requests.map((r) => [r.path, r.body])).toEqual(
			[1, 2, 3].map((PageIndex) => ['/Coupon/PutIn/v4/GetAll/', { PageIndex, PageSize: 100 }]),
		);
		expectSigned(requests);
	});
});
