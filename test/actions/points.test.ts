/**
 * The points resource through n8n's engine against the sandbox: the exact body received, the
 * balance it left, a re-run with the same transaction IDs (nothing applied twice), and bad
 * input refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';

import { findOperation } from '../../nodes/Mallcoo/actions/registry';
import type { ApiOperation } from '../../nodes/Mallcoo/helpers/types';
import { DUPLICATE_TRANS_ID, SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const [ann, bea, , dan] = SEED_MEMBERS;
const balanceOf = (mobile: string) => fixture.sandbox.members.get({ Mobile: mobile })!.Card!.Score;

/** Award 50 points to each input member; IDs from the campaign and the member. */
const campaign = {
	resource: 'points',
	operation: 'add',
	openUserId: '={{ $json.openUserId }}',
	score: 50,
	scoreEvent: '6',
	transactionId: "={{ 'spring2026-' + $json.openUserId }}",
	additionalFields: { reason: '春季活动 spring campaign' },
	options: { retryDelay: 0 },
};
const members = [{ openUserId: ann.OpenUserID }, { openUserId: dan.OpenUserID }];

describe('points', () => {
	it('add sends OpenUserId, Score, ScoreEvent, TransID and Reason, and raises the balance', async () => {
		const before = balanceOf(ann.Mobile);
		const output = await run(campaign, [members[0]]);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ success: true });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const request = onlyRequest();
		expect(request.path).toBe('/User/Score/v1/Plus/ByOpenUserID/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				OpenUserId: ann.OpenUserID,
				Score: 50,
				ScoreEvent: 6,
				TransID: `spring2026-${ann.OpenUserID}`,
				Reason: '春季活动 spring campaign',
			}),
		);
		expect(balanceOf(ann.Mobile)).toBe(before + 50);
		const add = findOperation('points', 'add') as ApiOperation;
		expect(add.repeat).toBe('transactionId');
		expect(add.actedOn!({ path: request.path, body: request.body as never })).toEqual({
			openUserId: ann.OpenUserID,
			transactionId: `spring2026-${ann.OpenUserID}`,
		});
	});

	it('deduct takes a fractional Score and the UserToken, and lowers the balance', async () => {
		const before = balanceOf(bea.Mobile);
		const output = await run({
			resource: 'points',
			operation: 'deduct',
			openUserId: bea.OpenUserID,
			score: 60.5,
			scoreEvent: 1022,
			transactionId: 'order-20260301-0001',
			additionalFields: { userToken: bea.UserToken },
		});
		expect(output[0].json).toMatchObject({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/Score/v1/Subtract/ByOpenUserID/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				OpenUserId: bea.OpenUserID,
				Score: 60.5,
				ScoreEvent: 1022,
				TransID: 'order-20260301-0001',
				UserToken: bea.UserToken,
			}),
		);
		expect(balanceOf(bea.Mobile)).toBe(before - 60.5);
	});

	it('a re-run with the same transaction IDs applies nothing twice: Mallcoo refuses each repeat', async () => {
		const before = [balanceOf(ann.Mobile), balanceOf(dan.Mobile)];
		await run(campaign, members);
		const again = await attempt(campaign, members, true);
		expect(again.error).toBeUndefined();
		// Each repeat is that item's error (Code 3006), paired with it.
		expect(again.output.map((item) => [item.json.code, item.pairedItem])).toEqual([
			[DUPLICATE_TRANS_ID.code, { item: 0 }],
			[DUPLICATE_TRANS_ID.code, { item: 1 }],
		]);
		expect(String(again.output[0].json.error)).toMatch(/failed: .*\(Code 3006\)$/);
		expect(balanceOf(ann.Mobile)).toBe(before[0] + 50);
		expect(balanceOf(dan.Mobile)).toBe(before[1] + 50);
		expect(fixture.sandbox.applied.repeated('points')).toEqual([]);
		expect(fixture.sandbox.applied.total('points')).toBe(2);
		expect(fixture.sandbox.requests).toHaveLength(4);
	});

	it('a retry after a lost answer resends the very same TransID, and Mallcoo applies it once', async () => {
		fixture.sandbox.injectFaults(['http500AfterApply']);
		await attempt({ ...campaign, options: { retryDelay: 0, maxAttempts: 3 } }, [members[0]], true);
		const [first, second] = fixture.sandbox.requests;
		expect(fixture.sandbox.requests).toHaveLength(2);
		expect(first.response.fault).toBe('http500AfterApply');
		expect(second.rawBody).toBe(first.rawBody);
		// How the node reads the refusal that follows is tested with unclear writes; here: applied once.
		expect(second.response.code).toBe(DUPLICATE_TRANS_ID.code);
		expect(fixture.sandbox.applied.count('points', `spring2026-${ann.OpenUserID}`)).toBe(1);
	});

	describe('refuses bad input before sending anything', () => {
		const fromItems = {
			resource: 'points',
			operation: 'add',
			openUserId: '={{ $json.openUserId }}',
			score: '={{ $json.score }}',
			scoreEvent: '={{ $json.scoreEvent }}',
			transactionId: '={{ $json.transactionId }}',
		};
		const good = { openUserId: ann.OpenUserID, score: 50, scoreEvent: '6', transactionId: 'tx-1' };
		const cases: Array<[string, Record<string, unknown>, RegExp]> = [
			['a missing transaction ID', { transactionId: '' }, /"Transaction ID" is required/],
			['points of 0', { score: 0 }, /"Points" must be (more than 0|a number greater than 0)/],
			['negative points', { score: -5 }, /"Points" must be (more than 0|a number greater than 0)/],
			['points that are not a number', { score: 'many' }, /"Points" must be a number/],
			['a score event that is not a whole number', { scoreEvent: '6.5' }, /"Score Event"/],
			['a missing Open User ID', { openUserId: '' }, /"Open User ID" is required/],
		];
		for (const [what, change, message] of cases) {
			it(`${what}, naming the field and the item`, async () => {
				// The second item is the bad one: the first is fine and is not sent either.
				const result = await attempt(fromItems, [
					good,
					{ ...good, transactionId: 'tx-2', ...change },
				]);
				expect(result.error?.message).toMatch(message);
				expect(result.error?.context?.itemIndex).toBe(1);
				expect(fixture.sandbox.requests).toEqual([]);
			});
		}
	});
});
