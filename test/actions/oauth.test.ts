/**
 * The oauth resource through n8n's engine against the sandbox: each test checks what the node
 * output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, onlyRequest, run } = useOperationRunner();
const [, bea] = SEED_MEMBERS;

describe('oauth', () => {
	it('getAuthUrl builds each flow address with the callback URL-encoded, sending nothing', async () => {
		const callbackUrl = 'https://n8n.example.com/webhook/sign-in?campaign=spring sale&x=1';
		const output = await run(
			{
				resource: 'oauth',
				operation: 'getAuthUrl',
				flow: '={{ $json.flow }}',
				callbackUrl,
				isMember: false,
			},
			[
				{ flow: 'h5BaseInfo' },
				{ flow: 'h5CardInfo' },
				{ flow: 'miniProgramH5' },
				{ flow: 'miniProgram' },
			],
		);
		const { appId, publicKey } = fixture.credentials;
		const query = `AppID=${appId}&PublicKey=${publicKey}&CallbackUrl=${encodeURIComponent(callbackUrl)}`;
		expect(output.map((item) => item.json.url)).toEqual([
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/BaseInfo/?${query}`,
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/CardInfo/?${query}`,
			`${fixture.sandbox.url}/a/open/User/V1/OAuth/LiteAppBaseInfo/?${query}`,
			`/pages/oauth/oauth?OAppID=${appId}&OPublicKey=${publicKey}&OIsMember=0`,
		]);
		expect(new URL(String(output[0].json.url)).searchParams.get('CallbackUrl')).toBe(callbackUrl);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('exchangeTicket trades a ticket from the sign-in page for the user token', async () => {
		const ticket = fixture.sandbox.issueTicket({ Mobile: bea.Mobile });
		// The token is output only on request (test/safeguards.test.ts: left out by default).
		const output = await run({
			resource: 'oauth',
			operation: 'exchangeTicket',
			ticket,
			options: { includeUserToken: true },
		});
		expect(output[0].json).toMatchObject({
			OpenUserID: bea.OpenUserID,
			UserToken: bea.UserToken,
			NickName: bea.NickName,
		});
		const request = onlyRequest();
		expect(request.path).toBe('/User/OAuth/v1/GetToken/ByTicket/');
		expect(request.rawBody).toBe(JSON.stringify({ Ticket: ticket }));
	});
});
