/**
 * Coupon → Send to 1,000 members while the sandbox fails 10% of requests at random, before and
 * after applying them: every item gets exactly one paired output, no member gets a coupon twice,
 * no item says "sent" unless Mallcoo gave that coupon, and every item whose outcome cannot be
 * known says so. A re-run with the same Trace IDs then settles the rest without doubling any.
 */
import { describe, expect, it } from 'vitest';

import { FAIL_REASONS, WRITES, generatedMember } from '../../sandbox/server';
import { runMallcoo } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

const MEMBERS = 1000;
const fixture = useSandbox({ generatedMembers: MEMBERS });
const PUT_IN = 'PICM000005';

const parameters = {
	resource: 'coupon',
	operation: 'send',
	sendTo: 'mobile',
	mobile: '={{ $json.mobile }}',
	putInId: { __rl: true, mode: 'id', value: PUT_IN },
	traceId: "={{ 'birthday2026-' + $json.mobile }}",
	options: { batchSize: 20, concurrency: 5, retryDelay: 2, maxAttempts: 3, timeout: 5000 },
};
const items = Array.from({ length: MEMBERS }, (_, index) => ({
	mobile: generatedMember(index + 1).Mobile,
}));

async function send(faults: { rate: number; seed: number } | null) {
	fixture.sandbox.setRandomFaults(faults);
	const result = await runMallcoo({
		parameters,
		items,
		credentials: fixture.credentials,
		continueOnFail: true,
	});
	fixture.sandbox.setRandomFaults(null);
	expect(result.error).toBeUndefined();
	return result.output;
}

describe('1,000 members at 10% random faults', () => {
	it('one paired output each, nothing sent twice, nothing reported sent that was not', async () => {
		// Enough stock for everyone, and no per-person limit: only the node can prevent a double.
		fixture.sandbox.mall.coupons.setStock(PUT_IN, 5 * MEMBERS);
		const output = await send({ rate: 0.1, seed: 7 });
		const counts = fixture.sandbox.faultCounts as Record<string, number>;
		expect((counts.http500AfterApply ?? 0) + (counts.dropAfterApply ?? 0)).toBeGreaterThan(0);
		expect((counts.http500 ?? 0) + (counts.drop ?? 0)).toBeGreaterThan(0);

		const byTrace = new Map(fixture.sandbox.mall.coupons.issued().map((c) => [c.TraceID, c]));
		expect(output).toHaveLength(MEMBERS);
		let unknown = 0;
		for (const [index, item] of output.entries()) {
			const mobile = items[index].mobile;
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.mobile).toBe(mobile);
			const coupon = byTrace.get(`birthday2026-${mobile}`);
			if (item.json.success === true) {
				// Reported sent: Mallcoo gave exactly this coupon to exactly this member.
				expect(coupon?.Mobile).toBe(mobile);
				expect(item.json.VCode).toBe(coupon!.VCode);
			} else {
				expect(item.json.error).toMatch(/^Unknown whether the coupon was issued/);
				unknown++;
			}
		}
		expect(unknown).toBeGreaterThan(0);
		expect(unknown).toBeLessThan(MEMBERS / 2);
		expect(fixture.sandbox.applied.repeated(WRITES.couponSend)).toEqual([]);
		const perMember = new Map<string, number>();
		for (const coupon of fixture.sandbox.mall.coupons.issued())
			perMember.set(coupon.Mobile, (perMember.get(coupon.Mobile) ?? 0) + 1);
		expect([...perMember.values()].every((count) => count === 1)).toBe(true);
		// No batch was sent twice: each entry's Trace ID appears in exactly one request.
		const sentTraces = fixture.sandbox.requests.flatMap(
			(request) => (request.body as { UserList: Array<{ TraceID: string }> }).UserList,
		);
		expect(sentTraces).toHaveLength(MEMBERS);

		// A re-run without faults: those whose coupon was given are refused by Trace ID, the
		// rest get theirs now; everyone ends with exactly one.
		const again = await send(null);
		for (const [index, item] of again.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			const before = output[index].json;
			if (before.success === true) expect(item.json.failReason).toBe(FAIL_REASONS.traceIdUsed);
			else
				expect(
					item.json.success === true || item.json.failReason === FAIL_REASONS.traceIdUsed,
				).toBe(true);
		}
		const coupons = fixture.sandbox.mall.coupons.issued();
		expect(coupons).toHaveLength(MEMBERS);
		expect(new Set(coupons.map((coupon) => coupon.Mobile)).size).toBe(MEMBERS);
		expect(fixture.sandbox.applied.repeated(WRITES.couponSend)).toEqual([]);
	});
});
