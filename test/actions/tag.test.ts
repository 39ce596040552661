/**
 * The tag resource through n8n's engine against the sandbox: each test checks what the node
 * output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, onlyRequest, run } = useOperationRunner();
const [, bea, , dan] = SEED_MEMBERS;

describe('tag', () => {
	it('add takes "30, 33" text and sends a list of integers', async () => {
		const output = await run({
			resource: 'tag',
			operation: 'add',
			mobile: bea.Mobile,
			tagIds: '30, 33',
			description: '双十一活动',
		});
		expect(output[0].json).toEqual({ success: true, mobile: bea.Mobile, tagIds: [30, 33] });
		const request = onlyRequest();
		expect(request.path).toBe('/User/BaseInfo/v1/AddTag/');
		expect(request.rawBody).toBe(
			JSON.stringify({ Mobile: bea.Mobile, TagIDList: [30, 33], Desc: '双十一活动' }),
		);
		expect(fixture.sandbox.members.get({ Mobile: bea.Mobile })!.TagIDs).toEqual(
			expect.arrayContaining([...bea.TagIDs, 30, 33]),
		);
	});

	it('remove takes a numeric array from an expression', async () => {
		const output = await run(
			{
				resource: 'tag',
				operation: 'remove',
				mobile: '={{ $json.mobile }}',
				tagIds: '={{ $json.tags }}',
			},
			[{ mobile: dan.Mobile, tags: [30, 45] }],
		);
		expect(output[0].json).toEqual({ success: true, mobile: dan.Mobile, tagIds: [30, 45] });
		const request = onlyRequest();
		expect(request.path).toBe('/User/BaseInfo/v1/DelTag/');
		expect(request.rawBody).toBe(
			JSON.stringify({ Mobile: dan.Mobile, TagIDList: [30, 45], Desc: null }),
		);
		expect(fixture.sandbox.members.get({ Mobile: dan.Mobile })!.TagIDs).toEqual(
			dan.TagIDs.filter((id) => id !== 30 && id !== 45),
		);
	});
});
