/**
 * Points → Get Records through n8n's engine against the sandbox: the body client code sends
 * ({OpenUserID}), the balance on every record, the records a points change leaves, Limit, and
 * bad input refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { SEED_SCORE_HISTORY } from '../../sandbox/pages/pointsRecords';
import { useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const [ann, , cai] = SEED_MEMBERS;
const records = { resource: 'points', operation: 'getRecords', openUserId: ann.OpenUserID };
const balanceOf = (mobile: string) => fixture.sandbox.members.get({ Mobile: mobile })!.Card!.Score;

describe('points getRecords', () => {
	it('Return All: one request {OpenUserID}, one item per record, each with the balance', async () => {
		const output = await run({ ...records, returnAll: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/Score/v2/Get/Records/');
		expect(request.rawBody).toBe(JSON.stringify({ OpenUserID: ann.OpenUserID }));
		const history = SEED_SCORE_HISTORY[ann.OpenUserID];
		expect(output).toHaveLength(history.length);
		expect(output.map((item) => item.json)).toEqual(
			history.map((record) => ({ ...record, CurScore: balanceOf(ann.Mobile) })),
		);
		// The access guide's own example record: signed points, its own time format.
		expect(output[0].json).toEqual({
			ScoreRecordID: '813316',
			ScoreType: '积分抵线下消费',
			Score: -10,
			ScoreTime: '2019/07/11 17:00:53',
			Desc: '积分抵线下消费',
			CurScore: 12770,
		});
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('shows a deduction made through the node as a negative record, with the new balance', async () => {
		await run({
			resource: 'points',
			operation: 'deduct',
			openUserId: ann.OpenUserID,
			score: 70,
			scoreEvent: 1022,
			transactionId: 'records-test-1',
			additionalFields: { reason: 'gift exchange' },
		});
		fixture.sandbox.clearRequests();
		const output = await run({ ...records, returnAll: false, limit: 2 });
		expect(output).toHaveLength(2);
		expect(output[0].json).toMatchObject({ Score: -70, Desc: 'gift exchange', CurScore: 12700 });
		expect(output[1].json).toMatchObject({ ScoreRecordID: '813316', CurScore: 12700 });
		// No paging parameter is known: a Limit cuts the one answer, it asks for nothing more.
		expect(onlyRequest().rawBody).toBe(JSON.stringify({ OpenUserID: ann.OpenUserID }));
	});

	it('a member without records gives one item with the balance alone', async () => {
		const output = await run({ ...records, openUserId: cai.OpenUserID });
		expect(output.map((item) => item.json)).toEqual([{ CurScore: balanceOf(cai.Mobile) }]);
	});

	it("pairs each item with its input; a member Mallcoo does not know is that item's error", async () => {
		const result = await attempt(
			{ ...records, openUserId: '={{ $json.id }}', returnAll: true },
			[{ id: 'no-such-user' }, { id: ann.OpenUserID }],
			true,
		);
		expect(result.output[0].json).toMatchObject({
			error: expect.stringMatching(/^Get a member's points records failed: /),
			code: expect.any(Number),
		});
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(result.output.slice(1)).toHaveLength(SEED_SCORE_HISTORY[ann.OpenUserID].length);
		expect(
			result.output.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1),
		).toBe(true);
	});

	it.each([
		['an empty Open User ID', { openUserId: '={{ "" }}' }, /"Open User ID" is required/],
		['a Limit of 0', { returnAll: false, limit: 0 }, /"Limit" must be at least 1/],
	])('refuses %s before sending anything', async (_what, change, message) => {
		const result = await attempt({ ...records, ...change });
		expect(result.error?.message).toMatch(message);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
