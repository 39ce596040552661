/**
 * The memberCard resource through n8n's engine against the sandbox: each test checks what the node
 * output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { decodeUserInfo, useOperationRunner } from '../helpers/operations';

const { fixture, onlyRequest, run } = useOperationRunner();

describe('memberCard', () => {
	it('open creates a member for a new mobile', async () => {
		const output = await run({
			resource: 'memberCard',
			operation: 'open',
			mobile: '13922223333',
			additionalFields: { dataSource: 3 },
		});
		const created = fixture.sandbox.members.get({ Mobile: '13922223333' });
		expect(created?.Card).toBeTruthy();
		expect(output[0].json).toEqual({
			success: true,
			mobile: created!.Mobile,
			OpenUserID: created!.OpenUserID,
		});
		const request = onlyRequest();
		expect(request.path).toBe('/User/MallCard/v1/Open/ByMobile/');
		expect(request.rawBody).toBe('{"Mobile":"13922223333","DataSource":3}');
	});

	it('openWithProfile sends sign-up fields as text, booleans 0/1 and lists comma-joined', async () => {
		const output = await run({
			resource: 'memberCard',
			operation: 'openWithProfile',
			mobile: '13933334444',
			mallCardTypeId: 103,
			profile: {
				userName: 'Stefan',
				gender: 2,
				birthday: '1985-01-01',
				education: 2,
				hobbyList: [0, 4],
				isPostal: true,
				focusInfoList: [0, 4, 8],
				carNo: '苏A11111',
				remark3: 'dfgfg,ghjhjjj',
			},
		});
		const created = fixture.sandbox.members.get({ Mobile: '13933334444' });
		expect(output[0].json).toEqual({
			success: true,
			mobile: created!.Mobile,
			OpenUserID: created!.OpenUserID,
		});
		const request = onlyRequest();
		expect(request.path).toBe('/User/MallCard/v1/Open/ByMallCardTypeID/');
		const body = request.body as { Mobile: string; MallCardTypeID: number; UserInfo: string };
		expect(body.MallCardTypeID).toBe(103);
		expect(decodeUserInfo(body.UserInfo)).toEqual({
			UserName: 'Stefan',
			Gender: '2',
			Birthday: '1985-01-01',
			Education: '2',
			HobbyList: '0,4',
			IsPostal: '1',
			FocusInfoList: '0,4,8',
			CarNO: '苏A11111',
			Remark3: 'dfgfg,ghjhjjj',
		});
		expect(created!.Profile).toMatchObject({
			HobbyList: [0, 4],
			FocusInfoList: [0, 4, 8],
			IsPostal: true,
		});
	});
});
