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
