/**
 * Writes whose answer is lost: the sandbox fails 10% of requests at random, some before and some
 * after it has applied them (the change kept, the answer a 500 or a dropped connection). Every
 * write must end clear: applied exactly once (counted in the sandbox's store), outputs paired,
 * in every dialect of the sandbox (other codes and wordings for the same refusals), so that the
 * settling reads Mallcoo's answers by meaning.
 */
import { describe, expect, it } from 'vitest';

import { DIALECTS, WRITES, generatedMember, type Dialect } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const ITEMS = 300;
const fixture = useSandbox({ generatedMembers: ITEMS });

/**
 * Fast retries. Only a fault on every attempt leaves a write unclear: 1 in 10^8 per item with 8
 * attempts. Fewer are too few for 5,400 writes, as a run's last items draw faults back to back.
 */
const options = { concurrency: 10, retryDelay: 2, maxAttempts: 8, timeout: 5000 };
const MIXED_FAULTS = { rate: 0.1, seed: 11 };

const newMobile = (index: number) => `137${String(index).padStart(8, '0')}`;

async function runWrites(
	parameters: Record<string, unknown>,
	items: Array<Record<string, unknown>>,
	continueOnFail: boolean,
	dialect: Dialect,
) {
	fixture.sandbox.setDialect(dialect);
	fixture.sandbox.setRandomFaults(MIXED_FAULTS);
	const result = await runMallcoo({
		parameters: { ...parameters, options },
		items,
		credentials: fixture.credentials,
		continueOnFail,
	});
	fixture.sandbox.setRandomFaults(null);
	if (result.error) throw result.error;
	const { output } = result;
	expect(output).toHaveLength(items.length);
	output.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.error, JSON.stringify(item.json)).toBeUndefined();
		expect(item.json.success).toBe(true);
	});
	// The mix really struck after applying, so some answers were lost and settled by asking.
	const counts = fixture.sandbox.faultCounts as Record<string, number>;
	expect((counts.http500AfterApply ?? 0) + (counts.dropAfterApply ?? 0)).toBeGreaterThan(0);
	return output;
}

const RUNS = DIALECTS.flatMap((dialect) => [false, true].map((cof) => [dialect, cof] as const));

describe.each(RUNS)(
	'%s dialect: 300 writes at 10%% mixed faults, Continue On Fail %s',
	(dialect, cof) => {
		it('card openings: every card opened exactly once', async () => {
			const items = Array.from({ length: ITEMS }, (_, index) => ({ mobile: newMobile(index) }));
			const output = await runWrites(
				{ resource: 'memberCard', operation: 'open', mobile: '={{ $json.mobile }}' },
				items,
				cof,
				dialect,
			);
			for (const [index, item] of output.entries()) {
				const member = fixture.sandbox.members.get({ Mobile: newMobile(index) });
				expect(item.json).toMatchObject({
					mobile: newMobile(index),
					OpenUserID: member!.OpenUserID,
				});
				expect(fixture.sandbox.applied.count(WRITES.openCard, newMobile(index))).toBe(1);
			}
			expect(fixture.sandbox.applied.repeated()).toEqual([]);
			const settled = output.filter((item) => item.json.settledAfterUnclearAnswer);
			expect(settled.length).toBeGreaterThan(0);
			expect(settled[0].json.settledAfterUnclearAnswer).toMatch(
				/answer to an attempt was lost .*a member lookup by 137\d{8} then showed the change had been applied/,
			);
		});

		it('mobile changes: every member moved exactly once', async () => {
			const items = Array.from({ length: ITEMS }, (_, index) => ({
				from: generatedMember(index + 1).Mobile,
				to: newMobile(index),
			}));
			const output = await runWrites(
				{
					resource: 'member',
					operation: 'changeMobile',
					oldMobile: '={{ $json.from }}',
					mobile: '={{ $json.to }}',
				},
				items,
				cof,
				dialect,
			);
			for (const [index, { from, to }] of items.entries()) {
				expect(output[index].json).toMatchObject({ oldMobile: from, mobile: to });
				expect(fixture.sandbox.members.get({ Mobile: to })).toBeTruthy();
				expect(fixture.sandbox.members.get({ Mobile: from })).toBeUndefined();
				expect(fixture.sandbox.applied.count(WRITES.changeMobile, `${from}->${to}`)).toBe(1);
			}
			expect(fixture.sandbox.applied.repeated()).toEqual([]);
		});

		it('points adds: every transaction applied exactly once', async () => {
			const items = Array.from({ length: ITEMS }, (_, index) => ({
				openUserId: generatedMember(index + 1).OpenUserID,
				id: `spring-${dialect}-${cof}-${index}`,
			}));
			const before = items.map((_, index) => generatedMember(index + 1).Card!.Score);
			const output = await runWrites(
				{
					resource: 'points',
					operation: 'add',
					openUserId: '={{ $json.openUserId }}',
					score: 10,
					scoreEvent: 6,
					transactionId: '={{ $json.id }}',
				},
				items,
				cof,
				dialect,
			);
			for (const [index, { id }] of items.entries()) {
				expect(output[index].json).toMatchObject({ transactionId: id });
				expect(fixture.sandbox.applied.count(WRITES.points, id)).toBe(1);
				const member = fixture.sandbox.members.get({ Mobile: generatedMember(index + 1).Mobile });
				expect(member!.Card!.Score).toBe(before[index] + 10);
			}
			expect(fixture.sandbox.applied.repeated()).toEqual([]);
			const settled = output.filter((item) => item.json.settledAfterUnclearAnswer);
			expect(settled.length).toBeGreaterThan(0);
			expect(settled[0].json.settledAfterUnclearAnswer).toMatch(
				/refused this transaction ID as already used, so the write was applied once/,
			);
		});
	},
);

describe('one lost answer, looked at closely', () => {
	const open = (mobile: string) => ({
		resource: 'memberCard',
		operation: 'open',
		mobile,
		options: { retryDelay: 2 },
	});

	it('an opening applied before its answer was lost is confirmed by a lookup, not sent again', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const { output } = await runMallcoo({
			parameters: open('13700000001'),
			credentials: fixture.credentials,
		});
		expect(output[0].json.success).toBe(true);
		expect(output[0].json.settledAfterUnclearAnswer).toMatch(/HTTP 500/);
		expect(fixture.sandbox.requests.map((request) => request.path)).toEqual([
			'/User/MallCard/v1/Open/ByMobile/',
			'/User/AdvancedInfo/v1/Get/ByMobile/',
		]);
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000001')).toBe(1);
	});

	it('an opening lost before it was applied is looked up, found absent, and sent again', async () => {
		fixture.sandbox.injectFaults(['drop']);
		const { output } = await runMallcoo({
			parameters: open('13700000002'),
			credentials: fixture.credentials,
		});
		expect(output[0].json).toMatchObject({ success: true, mobile: '13700000002' });
		expect(output[0].json.settledAfterUnclearAnswer).toBeUndefined();
		expect(fixture.sandbox.requests.map((request) => request.path)).toEqual([
			'/User/MallCard/v1/Open/ByMobile/',
			'/User/AdvancedInfo/v1/Get/ByMobile/',
			'/User/MallCard/v1/Open/ByMobile/',
		]);
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000002')).toBe(1);
	});

	it('when Mallcoo cannot be asked, the error says exactly what is unknown', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply', 'http500', 'http500', 'http500']);
		const { error } = await runMallcoo({
			parameters: { ...open('13700000003'), options: { retryDelay: 2, maxAttempts: 3 } },
			credentials: fixture.credentials,
		});
		expect(error?.message).toBe('Open a member card failed: Mallcoo answered HTTP 500');
		expect((error as { description?: string }).description).toMatch(
			/^Unknown whether it took effect: the answer was lost and Mallcoo could not tell when asked \(a member lookup by 13700000003: Mallcoo answered HTTP 500\)/,
		);
		// The opening was not sent again: only lookups followed it.
		const openings = fixture.sandbox.requests.filter((r) => r.path.includes('/MallCard/'));
		expect(openings).toHaveLength(1);
	});

	it('an asynchronous opening with sign-up fields that shows up late is waited for, not sent again', async () => {
		// Accepted now, the card appears 60 ms later; the first answer is lost after acceptance.
		fixture.sandbox.setCardOpeningDelay(60);
		fixture.sandbox.injectFaults(['http500AfterApply']);
		const { output } = await runMallcoo({
			parameters: {
				resource: 'memberCard',
				operation: 'openWithProfile',
				mobile: '13700000004',
				mallCardTypeId: 0,
				profile: { userName: 'Late Card' },
				options: { retryDelay: 40, maxAttempts: 4 },
			},
			credentials: fixture.credentials,
		});
		expect(output[0].json.success).toBe(true);
		expect(output[0].json.settledAfterUnclearAnswer).toMatch(/showed the change had been applied/);
		const paths = fixture.sandbox.requests.map((request) => request.path);
		expect(paths.filter((path) => path.includes('/MallCard/'))).toHaveLength(1);
		expect(paths.filter((path) => path.includes('/Get/ByMobile/')).length).toBeGreaterThan(1);
		expect(fixture.sandbox.applied.count(WRITES.openCard, '13700000004')).toBe(1);
	});
});
