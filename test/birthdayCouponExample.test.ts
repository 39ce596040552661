/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * examples/birthday-coupon.json: its Mallcoo node, with the example's own parameters and demo
 * members, through n8n's engine against the sandbox: one result per member, and a second run
 * the same year gives nobody a second coupon.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { FAIL_REASONS, WRITES } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const example = JSON.parse(
	readFileSync(new URL('../examples/birthday-coupon.json', import.meta.url), 'utf8'),
);
const node = (name: string) =>
	example.nodes.find((candidate: { name: string }) => candidate.name === name);
const members: Array<{ mobile: string }> = JSON.parse(
	node("Today's Birthday Members").parameters.jsonOutput,
).members;
const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format();

describe('examples/birthday-coupon.json', () => {
	it('sends through the "Mallcoo Sandbox" credential, under Continue On Fail, daily or on a guarded webhook', () => {
		const send = node('Send Birthday Coupon');
		expect(send).toMatchObject({
			type: 'n8n-nodes-mallcoo.mallcoo',
			onError: 'continueRegularOutput',
			parameters: { resource: 'coupon', operation: 'send', sendTo: 'mobile' },
			credentials: { mallcooApi: { id: 'mallcooSandbox01', name: 'Mallcoo Sandbox' } },
		});
		expect(node('Every Morning').type).toBe('n8n-nodes-base.scheduleTrigger');
		expect(node('Send On Request')).toMatchObject({
			type: 'n8n-nodes-base.webhook',
			parameters: { httpMethod: 'POST', authentication: 'headerAuth', responseMode: 'lastNode' },
			credentials: { httpHeaderAuth: { id: 'mallcooWebhook01' } },
		});
		for (const from of ['One Item Per Member', 'One Item Per Posted Member'])
			expect(example.connections[from].main[0][0].node).toBe('Send Birthday Coupon');
	});

	it('gives each member one coupon a year, with a result per member; a second run gives none twice', async () => {
		const send = node('Send Birthday Coupon');
		const runOnce = () =>
			runMallcoo({
				parameters: send.parameters,
				items: members,
				credentials: fixture.credentials,
				continueOnFail: true,
			});
		const first = await runOnce();
		expect(first.output.map((item) => [item.pairedItem, item.json.mobile])).toEqual(
			members.map((member, index) => [{ item: index }, member.mobile]),
		);
		const coupons = fixture.sandbox.mall.coupons.issued();
		expect(coupons.map((coupon) => coupon.TraceID)).toEqual(
			members.slice(0, 3).map((member) => `birthday${year}-${member.mobile}`),
		);
		expect(first.output[3].json.failReason).toBe(FAIL_REASONS.noMember);

		const second = await runOnce();
		expect(second.output.slice(0, 3).map((item) => item.json.failReason)).toEqual(
			Array(3).fill(FAIL_REASONS.traceIdUsed),
		);
		expect(fixture.sandbox.mall.coupons.issued()).toHaveLength(3);
		expect(fixture.sandbox.applied.repeated(WRITES.couponSend)).toEqual([]);
	});
});
