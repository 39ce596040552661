/**
 * examples/birthday-coupon.json in a real n8n (POST /webhook/mallcoo/birthday-coupons): 1,000
 * members in one run, each with exactly one result in the summary; a re-run gives nobody a second
 * coupon; at 10% random faults on the sandbox nothing is sent twice and nothing is reported sent
 * that Mallcoo did not give.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { callWebhook, expectSigned, resetSandbox, stack, webhookOf, withRequests } from './helpers';

const MEMBERS = Array.from(
	{ length: 1000 },
	(_, index) => `139000${String(index + 1).padStart(5, '0')}`,
);
const PUT_IN = 'PICM000005';
const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format();

interface Summary {
	members: number;
	sent: Array<{ mobile: string; couponCode: string }>;
	notSent: Array<{ mobile: string; reason: string }>;
}
interface Issued {
	Mobile: string;
	VCode: string;
	TraceID: string;
}

async function control(method: string, route: string, body?: unknown) {
	const response = await fetch(`${stack().sandbox.url}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.ok, route).toBe(true);
	return (await response.json()) as Record<string, unknown>;
}
const issued = async () => (await control('GET', 'coupons')).issued as Issued[];

async function sendBirthdayCoupons(mobiles = MEMBERS) {
	const answer = await callWebhook(webhookOf('mallcooBirthday1'), {
		body: { members: mobiles.map((mobile) => ({ mobile })) },
	});
	expect(answer.status, answer.text).toBe(200);
	return answer.json as unknown as Summary;
}

/** Every member appears exactly once in the summary, in `sent` or in `notSent`. */
function expectOneResultEach(summary: Summary) {
	expect(summary.members).toBe(MEMBERS.length);
	const named = [...summary.sent, ...summary.notSent].map((result) => result.mobile);
	expect(named.sort()).toEqual([...MEMBERS].sort());
}

describe('examples/birthday-coupon.json (POST /webhook/mallcoo/birthday-coupons)', () => {
	beforeEach(async () => {
		await resetSandbox();
		await control('POST', 'coupons/put-in', { PICMID: PUT_IN, stock: 5000 });
	});

	it('sends 1,000 members their coupon in signed batches, each with its code; a re-run gives nobody a second', async () => {
		const { answer: summary, requests } = await withRequests(() => sendBirthdayCoupons());
		expectOneResultEach(summary);
		expect(summary.notSent).toEqual([]);
		const coupons = await issued();
		const byMobile = new Map(coupons.map((coupon) => [coupon.Mobile, coupon]));
		expect(coupons).toHaveLength(MEMBERS.length);
		for (const { mobile, couponCode } of summary.sent) {
			expect(byMobile.get(mobile)?.VCode).toBe(couponCode);
			expect(byMobile.get(mobile)?.TraceID).toBe(`birthday${year}-${mobile}`);
		}
		// Batch Size 50: 20 requests, not 1,000.
		expect(requests.map((request) => request.path)).toEqual(
			Array(20).fill('/Coupon/v1/Send/ByMobile/'),
		);
		expectSigned(requests);

		const again = await sendBirthdayCoupons();
		expectOneResultEach(again);
		expect(again.sent).toEqual([]);
		for (const { reason } of again.notSent) expect(reason).toMatch(/TraceID already used/);
		expect(await issued()).toHaveLength(MEMBERS.length);
		expect((await control('GET', 'applied?write=couponSend')).repeated).toEqual([]);
	});

	it('at 10% random faults: one result each, nothing sent twice, nothing reported sent that was not', async () => {
		await control('POST', 'random-faults', { rate: 0.1, seed: 20261204 });
		const summary = await sendBirthdayCoupons();
		await control('DELETE', 'random-faults');
		expectOneResultEach(summary);
		const byMobile = new Map((await issued()).map((coupon) => [coupon.Mobile, coupon]));
		for (const { mobile, couponCode } of summary.sent)
			expect(byMobile.get(mobile)?.VCode, mobile).toBe(couponCode);
		expect(summary.notSent.length).toBeGreaterThan(0);
		for (const { reason } of summary.notSent)
			expect(reason).toMatch(/^Unknown whether the coupon was issued/);
		expect((await control('GET', 'applied?write=couponSend')).repeated).toEqual([]);

		// The same members again without faults: each ends with exactly one coupon.
		const again = await sendBirthdayCoupons();
		expectOneResultEach(again);
		const coupons = await issued();
		expect(coupons).toHaveLength(MEMBERS.length);
		expect(new Set(coupons.map((coupon) => coupon.Mobile)).size).toBe(MEMBERS.length);
	});
});
