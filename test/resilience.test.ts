/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
/**
 * Bulk runs under trouble: concurrency keeps input order, transient faults are retried, writes that
 * are not safe to repeat are never sent twice, time-outs cut hangs, 429 backs off, the rate ceiling holds.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';

import { generatedMember, type Dialect, type Fault } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { getMemberByItemMobile } from './helpers/operations';
import { useSandbox } from './helpers/sandbox';

const ITEMS = 1000;
const fixture = useSandbox({ generatedMembers: ITEMS });

const FAULT_KINDS: Fault[] = ['http500', 'http429', 'drop', 'notJson'];

/** Item i's first request fails when i is a multiple of 10 (10%), cycling through the fault kinds. */
function faultFirstAttemptOfEveryTenth(mobileOf: (index: number) => string) {
	const faultFor = new Map<string, Fault>();
	for (let index = 0; index < ITEMS; index += 10)
		faultFor.set(mobileOf(index), FAULT_KINDS[(index / 10) % FAULT_KINDS.length]);
	const faulted = new Set<string>();
	fixture.sandbox.injectFaults((request) => {
		const mobile = (request.body as { Mobile?: string } | undefined)?.Mobile ?? '';
		const fault = faultFor.get(mobile);
		if (!fault || faulted.has(mobile)) return undefined;
		faulted.add(mobile);
		return fault;
	});
	return faultFor;
}

const fast = { concurrency: 20, retryDelay: 5, timeout: 5000 };

/**
 * The default wording and one with other codes (its "no such member" is 无此会员): each run takes
 * about 30 s here, as every 429 slows the shared budget; unclearWrites.test.ts and
 * dialects.test.ts run every dialect.
 */
const CARD_OPENING_DIALECTS: Dialect[] = ['classic', 'alt'];

describe('1,000 items with 10% injected faults, Continue On Fail', () => {
	it('reads: one output per input, paired; 500, 429 and drops recovered; unreadable answers reported', async () => {
		const mobileOf = (index: number) => generatedMember(index + 1).Mobile;
		const faults = faultFirstAttemptOfEveryTenth(mobileOf);
		const { output, error } = await runMallcoo({
			parameters: getMemberByItemMobile({ options: fast }),
			items: Array.from({ length: ITEMS }, (_, index) => ({ mobile: mobileOf(index) })),
			credentials: fixture.credentials,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(ITEMS);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (faults.get(mobileOf(index)) === 'notJson') {
				expect(item.json.error).toBe(
					"Get a member failed: Mallcoo's answer is not JSON (HTTP 200)",
				);
			} else {
				expect(item.json.Mobile).toBe(mobileOf(index));
			}
		});
		const recovered = [...faults.values()].filter((fault) => fault !== 'notJson').length;
		expect(fixture.sandbox.requests).toHaveLength(ITEMS + recovered);
	});

	it.each(CARD_OPENING_DIALECTS)(
		'card openings (%s dialect): after a lost answer the node asks Mallcoo, then sends again only if the card is absent',
		async (dialect) => {
			fixture.sandbox.setDialect(dialect);
			const mobileOf = (index: number) => `136${String(index).padStart(8, '0')}`;
			const faults = faultFirstAttemptOfEveryTenth(mobileOf);
			const { output } = await runMallcoo({
				parameters: {
					resource: 'memberCard',
					operation: 'open',
					mobile: '={{ $json.mobile }}',
					options: fast,
				},
				items: Array.from({ length: ITEMS }, (_, index) => ({ mobile: mobileOf(index) })),
				credentials: fixture.credentials,
				continueOnFail: true,
			});
			expect(output).toHaveLength(ITEMS);
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				const fault = faults.get(mobileOf(index));
				if (fault === 'notJson') {
					expect(item.json.error).toMatch(/not JSON/);
					return;
				}
				expect(item.json).toEqual({
					success: true,
					mobile: mobileOf(index),
					OpenUserID: fixture.sandbox.members.get({ Mobile: mobileOf(index) })!.OpenUserID,
				});
			});
			// Every lost answer was followed by a member lookup before the opening was sent again.
			const lookups = fixture.sandbox.requests.filter((r) => r.path.includes('/Get/ByMobile/'));
			const lost = [...faults.values()].filter((f) => f === 'http500' || f === 'drop').length;
			expect(lookups).toHaveLength(lost);
			// No opening was applied twice: at most one opening per mobile got Code 1.
			const applied = new Map<string, number>();
			for (const request of fixture.sandbox.requests) {
				if (!request.path.includes('/MallCard/') || request.response.code !== 1) continue;
				const mobile = (request.body as { Mobile: string }).Mobile;
				applied.set(mobile, (applied.get(mobile) ?? 0) + 1);
			}
			expect(Math.max(...applied.values())).toBe(1);
		},
	);
});

describe('checking a large input', () => {
	it('checks every item before sending, yet lets other work run meanwhile', async () => {
		let ticks = 0;
		const ticker = setInterval(() => ticks++, 5);
		const { output } = await runMallcoo({
			parameters: getMemberByItemMobile(),
			// Every item is bad: the whole run is the checking phase, and nothing may be sent.
			items: Array.from({ length: 10_000 }, (_, index) => ({ mobile: `not-a-phone-${index}` })),
			credentials: fixture.credentials,
			continueOnFail: true,
		});
		clearInterval(ticker);
		expect(output).toHaveLength(10_000);
		expect(output[9999].json.error).toBe(
			'"Mobile" must be a mobile number of 5 to 20 digits, optionally after + (spaces and dashes are ignored), but is "not-a-phone-9999" (item 10000)',
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
		// Checking 10,000 failing items takes well over 100 ms, and the check yields every 20 ms: a
		// loop that never yields would let the 5 ms ticker fire at most once.
		expect(ticks).toBeGreaterThan(3);
	});
});

describe('time-outs, back-off and rate ceiling', () => {
	const getAda = (options: Record<string, unknown>) => ({
		resource: 'member',
		operation: 'get',
		findBy: 'mobile',
		mobile: generatedMember(1).Mobile,
		options,
	});

	it('retries a refused connection even for a card opening: it never reached the platform', async () => {
		const closedPort = await new Promise<number>((resolve) => {
			const server = createServer().listen(0, '127.0.0.1', () => {
				const { port } = server.address() as AddressInfo;
				server.close(() => resolve(port));
			});
		});
		const baseUrl = `http://127.0.0.1:${closedPort}`;
		const started = Date.now();
		const { error } = await runMallcoo({
			parameters: {
				resource: 'memberCard',
				operation: 'open',
				mobile: '13612345678',
				options: { retryDelay: 100 },
			},
			credentials: { ...fixture.credentials, baseUrl },
		});
		expect(error?.message).toBe(
			`Open a member card failed: Could not connect to Mallcoo at ${baseUrl} (ECONNREFUSED)`,
		);
		expect(error?.description).toMatch(/^Gave up after 3 attempts/);
		// Two back-offs: at least 50 + 100 ms with equal jitter.
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
	});

	it('cuts a hanging request at the configured time-out with a clear message', async () => {
		fixture.sandbox.injectFaults(['hang']);
		const started = Date.now();
		const { error } = await runMallcoo({
			parameters: getAda({ timeout: 300, maxAttempts: 1 }),
			credentials: fixture.credentials,
		});
		const elapsed = Date.now() - started;
		expect(error?.message).toBe('Get a member failed: No answer from Mallcoo within 300 ms');
		expect(elapsed).toBeGreaterThanOrEqual(300);
		expect(elapsed).toBeLessThan(3000);
	});

	it('retries a hang on a read and succeeds', async () => {
		fixture.sandbox.injectFaults(['hang']);
		const { output, error } = await runMallcoo({
			parameters: getAda({ timeout: 300, retryDelay: 5 }),
			credentials: fixture.credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json.Mobile).toBe(generatedMember(1).Mobile);
		expect(fixture.sandbox.requests).toHaveLength(2);
	});

	it('backs off after HTTP 429 for at least the Retry-After the platform asked for', async () => {
		fixture.sandbox.injectFaults(['http429']);
		const { output } = await runMallcoo({
			parameters: getAda({ retryDelay: 5 }),
			credentials: fixture.credentials,
		});
		expect(output[0].json.Mobile).toBe(generatedMember(1).Mobile);
		const [refused, retried] = fixture.sandbox.requests;
		expect(refused.response.status).toBe(429);
		expect(retried.startedAt - refused.finishedAt!).toBeGreaterThanOrEqual(950);
	});

	it('holds a ceiling of 10 requests per second over 100 requests', async () => {
		const { output } = await runMallcoo({
			parameters: {
				...getAda({ concurrency: 20, maxRequestsPerSecond: 10 }),
				mobile: '={{ $json.mobile }}',
			},
			items: Array.from({ length: 100 }, (_, index) => ({
				mobile: generatedMember(index + 1).Mobile,
			})),
			credentials: fixture.credentials,
		});
		expect(output).toHaveLength(100);
		const times = fixture.sandbox.requests
			.map((request) => request.startedAt)
			.sort((a, b) => a - b);
		expect(times).toHaveLength(100);
		// 100 requests spaced 100 ms apart span 9.9 s; allow 5% for timer jitter.
		expect(times[99] - times[0]).toBeGreaterThanOrEqual(9900 * 0.95);
		// No one-second window holds more than 10, +1 for a request landing on the window's edge and
		// +1 in transit: times are arrivals at the sandbox, and on a loaded machine one request can
		// leave on its slot yet arrive late, next to the one after it (the queue suite allows the same).
		for (let index = 0; index + 12 < times.length; index++)
			expect(times[index + 12] - times[index]).toBeGreaterThanOrEqual(1000);
	}, 30_000);
});
