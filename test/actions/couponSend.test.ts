/**
 * Coupon → Send through n8n's engine against the sandbox: members grouped into UserList
 * batches, each answer entry back on its own item (coupon code or Mallcoo's FailReason), Trace
 * IDs from the data and never repeated, and what a lost answer leaves.
 */
import { describe, expect, it } from 'vitest';

import { findOperation } from '../../nodes/Mallcoo/actions/registry';
import type { ApiOperation } from '../../nodes/Mallcoo/helpers/types';
import { FAIL_REASONS, SEED_MEMBERS, WRITES } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, run, onlyRequest } = useOperationRunner();
const mobiles = SEED_MEMBERS.map((member) => member.Mobile);

/** PICM000005 has no per-person limit; PICM000003 allows one coupon per member. */
const UNLIMITED = 'PICM000005';
const ONE_EACH = 'PICM000003';

const birthday = (putInId = UNLIMITED, options: Record<string, unknown> = {}) => ({
	resource: 'coupon',
	operation: 'send',
	sendTo: 'mobile',
	mobile: '={{ $json.mobile }}',
	putInId: { __rl: true, mode: 'list', value: putInId },
	traceId: "={{ 'birthday2026-' + $json.mobile }}",
	options: { retryDelay: 0, ...options },
});
const itemsOf = (list: string[]) => list.map((mobile) => ({ mobile }));
const issued = () => fixture.sandbox.mall.coupons.issued();
const issuedTo = (mobile: string) => issued().filter((coupon) => coupon.Mobile === mobile);

describe('coupon send', () => {
	it('sends three members in one signed UserList request and pairs each coupon code with its item', async () => {
		const output = await run(birthday(), itemsOf(mobiles.slice(0, 3)));
		const request = onlyRequest();
		expect(request.path).toBe('/Coupon/v1/Send/ByMobile/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				UserList: mobiles.slice(0, 3).map((mobile) => ({
					BussinessID: null,
					TraceID: `birthday2026-${mobile}`,
					PICMID: UNLIMITED,
					Mobile: mobile,
				})),
			}),
		);
		expect(output).toHaveLength(3);
		output.forEach((item, index) => {
			const [coupon] = issuedTo(mobiles[index]);
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				success: true,
				mobile: mobiles[index],
				putInId: UNLIMITED,
				traceId: `birthday2026-${mobiles[index]}`,
				IsSuccess: true,
				FailReason: null,
				VCode: coupon.VCode,
				PICMID: UNLIMITED,
				TraceID: `birthday2026-${mobiles[index]}`,
			});
		});
		expect(issued()).toHaveLength(3);
		expect((findOperation('coupon', 'send') as ApiOperation).repeat).toBe('never');
	});

	it('groups items into batches of Batch Size, in input order, one request each', async () => {
		const output = await run(birthday(UNLIMITED, { batchSize: 2 }), itemsOf(mobiles.slice(0, 5)));
		const lists = fixture.sandbox.requests.map(
			(request) => (request.body as { UserList: Array<{ Mobile: string }> }).UserList,
		);
		expect(lists.map((list) => list.map((entry) => entry.Mobile))).toEqual([
			mobiles.slice(0, 2),
			mobiles.slice(2, 4),
			mobiles.slice(4, 5),
		]);
		expect(output.map((item) => [item.json.mobile, item.pairedItem])).toEqual(
			mobiles.slice(0, 5).map((mobile, index) => [mobile, { item: index }]),
		);
		expect(
			output.every((item) => item.json.VCode === issuedTo(item.json.mobile as string)[0].VCode),
		).toBe(true);
	});

	it('sends by Open User ID and passes Business ID through', async () => {
		const [ann] = SEED_MEMBERS;
		const output = await run({
			...birthday(),
			sendTo: 'openUserId',
			openUserId: ann.OpenUserID,
			putInId: UNLIMITED,
			traceId: 'signup-1',
			additionalFields: { businessId: 'crm-42' },
		});
		const request = onlyRequest();
		expect(request.path).toBe('/Coupon/v1/Send/ByOpenUserID/');
		expect(request.body).toEqual({
			UserList: [
				{
					BussinessID: 'crm-42',
					TraceID: 'signup-1',
					PICMID: UNLIMITED,
					OpenUserID: ann.OpenUserID,
				},
			],
		});
		// A plain-string put-in ID (no locator) is read as the ID too.
		expect(output[0].json).toMatchObject({ success: true, openUserId: ann.OpenUserID });
		expect(issuedTo(ann.Mobile)[0].BussinessID).toBe('crm-42');
	});

	it("gives each refused entry Mallcoo's FailReason on its own item, under Continue On Fail", async () => {
		fixture.sandbox.mall.coupons.setStock(ONE_EACH, 2);
		const items = [
			{ mobile: mobiles[0], trace: 'a' },
			{ mobile: '13999999999', trace: 'b' },
			{ mobile: mobiles[0], trace: 'c' },
			{ mobile: mobiles[1], trace: 'd' },
			{ mobile: mobiles[2], trace: 'e' },
		];
		const { output, error } = await attempt(
			{ ...birthday(ONE_EACH), traceId: '={{ $json.trace }}' },
			items,
			true,
		);
		expect(error).toBeUndefined();
		expect(fixture.sandbox.requests).toHaveLength(1);
		expect(
			output.map((item) => [item.pairedItem, item.json.success ?? item.json.failReason]),
		).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, FAIL_REASONS.noMember],
			[{ item: 2 }, `${FAIL_REASONS.limitReached}: 1`],
			[{ item: 3 }, true],
			[{ item: 4 }, FAIL_REASONS.noStock],
		]);
		expect(output[1].json).toMatchObject({
			error: `Mallcoo did not issue the coupon: ${FAIL_REASONS.noMember}`,
			mobile: '13999999999',
			traceId: 'b',
			putInId: ONE_EACH,
		});
		expect(issued().map((coupon) => coupon.TraceID)).toEqual(['a', 'd']);
	});

	it('without Continue On Fail, a refused entry stops the run with an error naming its item', async () => {
		const { error } = await attempt(birthday(), itemsOf([mobiles[0], '13999999999']));
		expect(error?.message).toBe(`Mallcoo did not issue the coupon: ${FAIL_REASONS.noMember}`);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.description).toMatch(/Other items of this run may have been sent already/);
	});

	it('a re-run with the same Trace IDs gives nobody a second coupon', async () => {
		const items = itemsOf(mobiles.slice(0, 4));
		await run(birthday(), items);
		const again = await attempt(birthday(), items, true);
		expect(again.output.map((item) => [item.pairedItem, item.json.failReason])).toEqual(
			items.map((_, index) => [{ item: index }, FAIL_REASONS.traceIdUsed]),
		);
		expect(issued()).toHaveLength(4);
		expect(fixture.sandbox.applied.repeated(WRITES.couponSend)).toEqual([]);
	});

	it('refuses a Trace ID repeated within the run before sending anything, naming every item that has it', async () => {
		const parameters = { ...birthday(), traceId: "={{ 'birthday2026-' + $json.group }}" };
		const items = [
			{ mobile: mobiles[0], group: 'x' },
			{ mobile: mobiles[1], group: 'y' },
			{ mobile: mobiles[2], group: 'x' },
		];
		const stopped = await attempt(parameters, items);
		expect(stopped.error?.message).toBe(
			'"Trace ID" "birthday2026-x" is used by items 1, 3 of this run (item 1)',
		);
		expect(fixture.sandbox.requests).toEqual([]);

		const { output } = await attempt(parameters, items, true);
		expect(output.map((item) => [item.pairedItem, item.json.success ?? item.json.error])).toEqual([
			[{ item: 0 }, '"Trace ID" "birthday2026-x" is used by items 1, 3 of this run (item 1)'],
			[{ item: 1 }, true],
			[{ item: 2 }, '"Trace ID" "birthday2026-x" is used by items 1, 3 of this run (item 3)'],
		]);
		expect(issued().map((coupon) => coupon.Mobile)).toEqual([mobiles[1]]);
	});

	it('refuses bad input before sending anything', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ traceId: '={{ $json.nothing }}' }, /"Trace ID" is required/],
			[
				{ putInId: { __rl: true, mode: 'id', value: '={{ $json.nothing }}' } },
				/"Put-In ID" is required/,
			],
			[{ mobile: 'not a phone' }, /"Mobile" must be a mobile number/],
			[
				{ options: { batchSize: 101 } },
				/"Options › Batch Size" must be a whole number from 1 to 100/,
			],
		];
		for (const [change, message] of cases) {
			const { error } = await attempt({ ...birthday(), ...change }, itemsOf(mobiles.slice(0, 2)));
			expect(error?.message).toMatch(message);
			expect(fixture.sandbox.requests).toEqual([]);
		}
	});

	it('a request refused as a whole fails each of its items with that reason; other batches go on', async () => {
		const long = 'x'.repeat(65);
		const items = [
			{ mobile: mobiles[0], trace: 'ok-1' },
			{ mobile: mobiles[1], trace: long },
			{ mobile: mobiles[2], trace: 'ok-3' },
		];
		const { output } = await attempt(
			{ ...birthday(UNLIMITED, { batchSize: 2 }), traceId: '={{ $json.trace }}' },
			items,
			true,
		);
		expect(output[0].json).toMatchObject({ code: 2001, mobile: mobiles[0] });
		expect(output[0].json.error).toMatch(/^Mallcoo refused the whole request: .*\(Code 2001\)$/);
		expect(output[0].json.description).toMatch(/No entry of this request was applied/);
		expect(output[1].json).toMatchObject({ code: 2001, mobile: mobiles[1] });
		expect(output[2].json).toMatchObject({ success: true, mobile: mobiles[2] });
		expect(issued().map((coupon) => coupon.TraceID)).toEqual(['ok-3']);
	});

	describe('a lost answer', () => {
		const two = itemsOf(mobiles.slice(0, 2));

		it('after Mallcoo applied the batch: not sent again, and each item says its outcome is unknown', async () => {
			fixture.sandbox.injectFaults(['http500AfterApply']);
			const { output } = await attempt(birthday(UNLIMITED, { maxAttempts: 3 }), two, true);
			expect(fixture.sandbox.requests).toHaveLength(1);
			expect(issued()).toHaveLength(2);
			for (const [index, item] of output.entries()) {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json.success).toBeUndefined();
				expect(item.json.error).toBe(
					'Unknown whether the coupon was issued: the answer was lost (Mallcoo answered HTTP 500)',
				);
				expect(item.json.description).toMatch(
					/^The request \(sent together with 1 other item\) may have reached Mallcoo and been applied\. The node does not send it again/,
				);
			}
		});

		it('before Mallcoo applied it: not sent again either (the node cannot tell), nothing given', async () => {
			fixture.sandbox.injectFaults(['drop']);
			const { output } = await attempt(birthday(UNLIMITED, { maxAttempts: 3 }), two, true);
			expect(fixture.sandbox.requests).toHaveLength(1);
			expect(issued()).toHaveLength(0);
			expect(output.map((item) => String(item.json.error))).toEqual([
				expect.stringMatching(
					/^Unknown whether the coupon was issued: the answer was lost \(The connection to Mallcoo broke/,
				),
				expect.stringMatching(/^Unknown whether the coupon was issued/),
			]);
		});

		it('a request that surely never reached Mallcoo (HTTP 429) is sent again and succeeds', async () => {
			fixture.sandbox.injectFaults(['http429']);
			const output = await run(birthday(UNLIMITED, { maxAttempts: 3 }), two);
			expect(fixture.sandbox.requests).toHaveLength(2);
			expect(output.map((item) => item.json.success)).toEqual([true, true]);
			expect(issued()).toHaveLength(2);
		});
	});
});
