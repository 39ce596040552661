/**
 * Hostile and legitimate values for every parameter of user/get, through n8n's engine against the
 * sandbox (see table.ts for what each table checks).
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { runMallcoo } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';
import { userIdentifierTables } from './kinds';
import { describeTables, VALUE } from './table';

const fixture = useSandbox();
const [ada, bea] = SEED_MEMBERS;

const get = (findBy: string) => ({ resource: 'user', operation: 'get', findBy, [findBy]: VALUE });

describeTables('user/get', fixture, {
	...userIdentifierTables(get, ada, bea),
});

describe('user/get Find By', () => {
	it('a key only members are found by (mobile) is refused with the user choices, not read as an empty field', async () => {
		const { output, error } = await runMallcoo({
			parameters: { resource: 'user', operation: 'get', findBy: 'mobile' },
			items: [{}, {}],
			credentials: fixture.credentials,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const problem =
			'"Find By" must be one of userToken (User Token), openUserId (Open User ID), wxOpenId (WeChat OpenID), aliUserId (Alipay User ID), but is "mobile"';
		expect(output.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[`${problem} (item 1)`, { item: 0 }],
			[`${problem} (item 2)`, { item: 1 }],
		]);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
