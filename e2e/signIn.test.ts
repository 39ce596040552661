/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n; it waits with timers and prints the measured counts */
/**
 * The sign-in trigger in a real n8n, as anyone on the internet can call it: a callback without
 * the state of the trigger's own start address starts nothing and costs no Mallcoo request,
 * junk callbacks cost at most the trigger's cap and leave a paced workflow's rate as it was, and
 * no saved execution holds a shopper's UserToken.
 */
import { describe, expect, it } from 'vitest';

import {
	callWebhook,
	lastRequestId,
	resetSandbox,
	sandboxMember,
	sandboxRequests,
	signInAddress,
	stack,
	startSignIn,
	webhookOf,
	withRequests,
} from './helpers';
import { executionsOf, perSecond } from './queue/helpers';

const EXCHANGE = '/User/OAuth/v1/GetToken/ByTicket/';
const LOOKUP = '/User/AdvancedInfo/v1/Get/ByMobile/';

/** A fresh Ticket of a seeded member, as Mallcoo's sign-in page would issue one. */
async function ticketOf(Mobile: string): Promise<string> {
	const response = await fetch(`${stack().sandbox.url}/__sandbox/ticket`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ Mobile }),
	});
	return ((await response.json()) as { Ticket: string }).Ticket;
}

/** The full record of an execution as n8n saved it (its data included), as text. */
async function savedExecution(id: string): Promise<string> {
	const { url, cookie } = stack();
	const response = await fetch(`${url}/rest/executions/${id}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return response.text();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the sign-in trigger in a real n8n', () => {
	it('a callback with a valid ticket but no state starts nothing and sends nothing to Mallcoo', async () => {
		await resetSandbox();
		const trigger = webhookOf('mallcooOAuthIn01');
		const before = await executionsOf('mallcooOAuthIn01');
		const ticket = await ticketOf('13800000001');
		const { answer, requests } = await withRequests(() =>
			callWebhook({ ...trigger, url: `${trigger.url}?Ticket=${ticket}&DataSource=3` }),
		);
		expect(answer.status).toBe(403);
		expect(answer.text).toContain('did not start at one of the sign-in addresses');
		expect(requests).toEqual([]);
		await sleep(500);
		expect(await executionsOf('mallcooOAuthIn01')).toHaveLength(before.length);

		// The same ticket through the trigger's own start address, in one browser, signs in once.
		const { location, cookie } = await signInAddress(trigger);
		const signedIn = await callWebhook({ ...trigger, url: location }, { headers: { cookie } });
		expect(signedIn.status).toBe(200);
		const again = await callWebhook({ ...trigger, url: location }, { headers: { cookie } });
		expect(again.status).toBe(403);
		expect(again.text).toContain('already used');
	});

	it('100 junk callbacks cost at most the cap in Mallcoo requests and leave a paced run at its rate', async () => {
		await resetSandbox();
		const capped = webhookOf('e2eSignInCapped1'); // 5 exchanges a minute
		const example = webhookOf('mallcooOAuthIn01');
		const paced = webhookOf('e2ePacedLookup01');
		// Junk with states: an attacker may take states from the start address at will.
		const started = await Promise.all(Array.from({ length: 100 }, () => startSignIn(capped)));
		const since = await lastRequestId();

		const rate = 4;
		const mobiles = Array.from({ length: 16 }, (_, i) => `1380000000${(i % 6) + 1}`);
		const run = callWebhook(paced, { body: { mobiles, concurrency: 5, rate } });
		await sleep(300);
		const junk = await Promise.all([
			...started.map(({ callbackUrl, cookie }, i) =>
				callWebhook(
					{ ...capped, url: `${callbackUrl}&Ticket=junk${String(i).padStart(12, '0')}` },
					{ headers: { cookie } },
				),
			),
			...started.map((_, i) =>
				callWebhook({ ...example, url: `${example.url}?Ticket=junk${i}&DataSource=3` }),
			),
		]);
		const answer = await run;
		expect(answer.status).toBe(200);

		const requests = await sandboxRequests(since);
		const exchanges = requests.filter((request) => request.path === EXCHANGE);
		expect(exchanges.length).toBeGreaterThan(0);
		expect(exchanges.length).toBeLessThanOrEqual(5);
		expect(exchanges.filter((request) => request.response.code === 1)).toEqual([]);
		// Those over the cap: 429; the exchanged junk (Mallcoo refused it) and every stateless one: 403.
		const statuses = junk.map((reply) => reply.status);
		expect(statuses.filter((status) => status === 429)).toHaveLength(100 - exchanges.length);
		expect(statuses.filter((status) => status === 403)).toHaveLength(100 + exchanges.length);

		const lookups = requests.filter((request) => request.path === LOOKUP);
		expect(lookups).toHaveLength(mobiles.length);
		const counts = [...perSecond(lookups).values()];
		console.log(`[e2e] paced run beside 200 junk callbacks: per second ${JSON.stringify(counts)}`);
		// At `rate` a second (one more for a request in transit across a second's edge), over the
		// time that rate takes: a junk callback that reset the ceiling would let them all out at once.
		expect(Math.max(...counts)).toBeLessThanOrEqual(rate + 1);
		const span = lookups[lookups.length - 1].startedAt - lookups[0].startedAt;
		expect(span).toBeGreaterThanOrEqual(((mobiles.length - 1) / rate) * 1000 * 0.9);
	}, 120_000);

	it('no saved execution holds a UserToken', async () => {
		await resetSandbox();
		const trigger = webhookOf('mallcooOAuthIn01');
		const { location, cookie } = await signInAddress(trigger);
		expect((await callWebhook({ ...trigger, url: location }, { headers: { cookie } })).status).toBe(
			200,
		);
		await sleep(1000);
		const tokens = await Promise.all(
			['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'].map(
				async (mobile) => (await sandboxMember(mobile)).UserToken,
			),
		);
		const executions = [
			...(await executionsOf('mallcooOAuthIn01')),
			...(await executionsOf('e2eSignInCrowd01')),
		];
		expect(executions.length).toBeGreaterThan(0);
		for (const execution of executions) {
			const saved = await savedExecution(execution.id);
			expect(saved).toContain('OpenUserID');
			for (const token of tokens) expect(saved, `execution ${execution.id}`).not.toContain(token);
		}
	});
});
