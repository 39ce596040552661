/** Expressions in parameters resolve per item, through n8n's engine against the sandbox. */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useOperationRunner } from '../helpers/operations';

const { fixture, run } = useOperationRunner();
const [ada, bea] = SEED_MEMBERS;

describe('expressions', () => {
	it('resolve per item: two items with different mobiles make two requests', async () => {
		const output = await run(
			{ resource: 'member', operation: 'get', findBy: 'mobile', mobile: '={{ $json.phone }}' },
			[{ phone: ada.Mobile }, { phone: bea.Mobile }],
		);
		expect(output.map((item) => item.json.OpenUserID)).toEqual([ada.OpenUserID, bea.OpenUserID]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const bodies = fixture.sandbox.requests.map((request) => request.rawBody).sort();
		expect(bodies).toEqual([`{"Mobile":"${ada.Mobile}"}`, `{"Mobile":"${bea.Mobile}"}`]);
	});
});

describe('a parameter that is exactly {{ $json.field }}', () => {
	it.each(['={{ $json.phone }}', '={{ $json["phone"] }}', '={{ $json.phone.trim() }}'])(
		'%s is read from the item, the same request as any other expression',
		async (mobile) => {
			const output = await run({ resource: 'member', operation: 'get', findBy: 'mobile', mobile }, [
				{ phone: ada.Mobile },
				{ phone: bea.Mobile },
			]);
			expect(output.map((item) => item.json.OpenUserID)).toEqual([ada.OpenUserID, bea.OpenUserID]);
		},
	);

	it('a field the item lacks is empty, as n8n evaluates it', async () => {
		await expect(
			run(
				{ resource: 'member', operation: 'get', findBy: 'mobile', mobile: '={{ $json.phone }}' },
				[{ other: ada.Mobile }],
			),
		).rejects.toThrow(/"Mobile" is required but is empty \(item 1\)/);
	});
});
