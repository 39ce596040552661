/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { describe, expect, it } from 'vitest';
import { request } from 'undici';

import { DEMO_CREDENTIALS, SEED_MEMBERS, startSandbox } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { call as signedCall, sandboxCalls } from '../helpers/sandboxCall';

/** The authorization pages (302 to CallbackUrl with a Ticket) and the Ticket exchange. */

const fixture = useSandbox();
const { ok, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const liu = SEED_MEMBERS[3];
const noCard = SEED_MEMBERS[5];

describe('OAuth pages', () => {
	const query = (callbackUrl: string, extra = '') =>
		`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=${DEMO_CREDENTIALS.publicKey}&CallbackUrl=${encodeURIComponent(callbackUrl)}${extra}`;

	it('redirects to the callback with Ticket and DataSource=3, and the ticket exchanges once', async () => {
		const res = await request(
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/BaseInfo/${query('https://shop.example.com/cb?state=a%20b&x=1#top')}`,
		);
		expect(res.statusCode).toBe(302);
		await res.body.dump();
		const location = String(res.headers.location);
		expect(location).toMatch(
			/^https:\/\/shop\.example\.com\/cb\?state=a%20b&x=1&Ticket=[0-9a-f]{16}&DataSource=3#top$/,
		);
		const ticket = new URL(location).searchParams.get('Ticket')!;

		const token = (await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!;
		expect(token).toMatchObject({
			OpenUserID: zhang.OpenUserID,
			Mobile: zhang.Mobile,
			WXOpenID: zhang.WXOpenID,
			UserToken: zhang.UserToken,
			Expires: 10080,
			NickName: zhang.NickName,
		});
		expect(await code('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket })).toBe(3002);
	});

	it('signs in as sandboxMobile, on each page, paths matched loosely', async () => {
		for (const page of [
			'/a/open/User/V2/OAuth/CardInfo/',
			'/a/open/user/v1/oauth/liteappbaseinfo',
		]) {
			const res = await request(
				`${fixture.sandbox.url}${page}${query('http://localhost:5678/webhook/cb', '&sandboxMobile=13800000002')}`,
			);
			await res.body.dump();
			expect(res.statusCode).toBe(302);
			const ticket = new URL(String(res.headers.location)).searchParams.get('Ticket')!;
			expect((await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!.Mobile).toBe(
				'13800000002',
			);
		}
	});

	it('the CardInfo page opens a card for a user who has none', async () => {
		const res = await request(
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/CardInfo/${query('http://localhost/cb', `&sandboxMobile=${noCard.Mobile}`)}`,
		);
		await res.body.dump();
		expect(res.statusCode).toBe(302);
		expect(fixture.sandbox.members.get(noCard.Mobile)!.Card).not.toBeNull();
	});

	it('shows an HTML error for a wrong PublicKey, unknown AppID or missing callback', async () => {
		for (const q of [
			`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=wrong&CallbackUrl=http%3A%2F%2Fx`,
			`?AppID=nobody&PublicKey=${DEMO_CREDENTIALS.publicKey}&CallbackUrl=http%3A%2F%2Fx`,
			`?AppID=${DEMO_CREDENTIALS.appId}&PublicKey=${DEMO_CREDENTIALS.publicKey}`,
		]) {
			const res = await request(`${fixture.sandbox.url}/a/open/User/V2/OAuth/BaseInfo/${q}`);
			expect(res.statusCode).toBe(400);
			expect(res.headers['content-type']).toContain('text/html');
			expect(await res.body.text()).toContain('授权失败');
		}
	});

	it('issueTicket gives a ticket directly; tickets expire', async () => {
		const ticket = fixture.sandbox.issueTicket({ OpenUserID: liu.OpenUserID });
		expect((await ok('/User/OAuth/v1/GetToken/ByTicket/', { Ticket: ticket }))!.OpenUserID).toBe(
			liu.OpenUserID,
		);

		const quick = await startSandbox({ ticketTtlMs: 20 });
		try {
			const stale = quick.issueTicket(zhang.Mobile);
			await new Promise((r) => setTimeout(r, 60));
			expect(
				(await signedCall(quick, '/User/OAuth/v1/GetToken/ByTicket/', { Ticket: stale })).json.Code,
			).toBe(3002);
		} finally {
			await quick.close();
		}
	});
});
