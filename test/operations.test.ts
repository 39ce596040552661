/**
 * Every resource/operation pair of the contract, run through n8n's engine against the sandbox:
 * each test checks what the node output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { mallcooSign } from '../credentials/mallcooSignature';
import { SEED_MEMBERS, type RecordedRequest } from '../sandbox/server';
import { runMallcoo } from './helpers/engine';
import { useSandbox } from './helpers/sandbox';

const fixture = useSandbox();
const [ada, bea, , dan] = SEED_MEMBERS;

async function run(parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>) {
	const result = await runMallcoo({ parameters, items, credentials: fixture.credentials });
	if (result.error) throw result.error;
	return result.output;
}

/** The one request the run sent, checked for a valid signature over the exact body received. */
function onlyRequest(): RecordedRequest {
	expect(fixture.sandbox.requests).toHaveLength(1);
	const [request] = fixture.sandbox.requests;
	const { appId, publicKey, privateKey } = fixture.credentials;
	expect(request.method).toBe('POST');
	expect(request.headers.appid).toBe(appId);
	expect(request.headers.publickey).toBe(publicKey);
	expect(request.headers.timestamp).toMatch(/^\d{14}$/);
	expect(request.headers.sign).toBe(
		mallcooSign(publicKey, request.headers.timestamp, request.rawBody, privateKey),
	);
	expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
	expect(request.response.code).toBe(1);
	return request;
}

const decodeUserInfo = (text: string) => JSON.parse(decodeURIComponent(text));

describe('user', () => {
	const keys = [
		['userToken', 'ByToken', 'UserToken'],
		['openUserId', 'ByOpenUserID', 'OpenUserID'],
		['wxOpenId', 'ByWXOpenID', 'WXOpenID'],
		['aliUserId', 'ByAliUserID', 'AliUserID'],
	] as const;
	it.each(keys)('get finds a user by %s', async (findBy, pathSegment, apiName) => {
		const output = await run({
			resource: 'user',
			operation: 'get',
			findBy,
			[findBy]: ada[apiName],
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.OpenUserID).toBe(ada.OpenUserID);
		expect(output[0].json.NickName).toBe(ada.NickName);
		expect(output[0].json).not.toHaveProperty('MallCardNo');
		const request = onlyRequest();
		expect(request.path).toBe(`/User/BaseInfo/v1/Get/${pathSegment}/`);
		expect(request.rawBody).toBe(JSON.stringify({ [apiName]: ada[apiName] }));
	});
});

describe('member', () => {
	const keys = [
		['mobile', 'ByMobile', 'Mobile'],
		['mallCardNo', 'ByMallCardNo', 'MallCardNo'],
		['userToken', 'ByToken', 'UserToken'],
		['openUserId', 'ByOpenUserID', 'OpenUserID'],
		['wxOpenId', 'ByWXOpenID', 'WXOpenID'],
		['aliUserId', 'ByAliUserID', 'AliUserID'],
	] as const;
	it.each(keys)('get finds a member by %s', async (findBy, pathSegment, apiName) => {
		const value = apiName === 'MallCardNo' ? bea.Card!.MallCardNo : bea[apiName];
		const output = await run({ resource: 'member', operation: 'get', findBy, [findBy]: value });
		expect(output[0].json).toMatchObject({
			OpenUserID: bea.OpenUserID,
			MallCardNo: bea.Card!.MallCardNo,
			Score: bea.Card!.Score,
		});
		const request = onlyRequest();
		expect(request.path).toBe(`/User/AdvancedInfo/v1/Get/${pathSegment}/`);
		expect(request.rawBody).toBe(JSON.stringify({ [apiName]: value }));
	});

	it('getProfile returns the full profile', async () => {
		const output = await run({ resource: 'member', operation: 'getProfile', mobile: dan.Mobile });
		expect(Object.keys(output[0].json).length).toBeGreaterThanOrEqual(60);
		expect(output[0].json).toMatchObject({ Mobile: dan.Mobile, MallCardNo: dan.Card!.MallCardNo });
		expect(output[0].json).toHaveProperty('Remark20');
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/');
		expect(request.rawBody).toBe(`{"Mobile":"${dan.Mobile}"}`);
	});

	it('update sends the changed fields as URL-encoded UserInfo JSON', async () => {
		const output = await run({
			resource: 'member',
			operation: 'update',
			mobile: ada.Mobile,
			updateFields: {
				userName: '王小明',
				gender: 2,
				age: 31,
				birthday: '1993-04-05T00:00:00',
				address: '上海市静安区 1 号',
			},
		});
		expect(output[0].json).toEqual({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/Update/ByMobile/');
		const body = request.body as { Mobile: string; UserInfo: string };
		expect(body.Mobile).toBe(ada.Mobile);
		expect(body.UserInfo).not.toMatch(/[{"王]/); // URL-encoded, as the guide asks
		expect(decodeUserInfo(body.UserInfo)).toEqual({
			UserName: '王小明',
			Gender: 2,
			Age: 31,
			Birthday: '1993-04-05',
			Address: '上海市静安区 1 号',
		});
		expect(fixture.sandbox.members.get({ Mobile: ada.Mobile })).toMatchObject({
			UserName: '王小明',
			Gender: 2,
			Age: 31,
		});
	});

	it('syncFromCrm pushes grade and points to the card with that CRM ID', async () => {
		const output = await run({
			resource: 'member',
			operation: 'syncFromCrm',
			thirdPartyCardId: bea.Card!.ThirdPartyCardID,
			vipGrade: '3',
			bonus: 4321,
			additionalFields: { newThirdPartyCardId: 'CRM-NEW-2', newThirdPartyCardNo: 'NO-NEW-2' },
		});
		expect(output[0].json).toEqual({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				ThirdPartyCardID: bea.Card!.ThirdPartyCardID,
				UpdateDic: {
					VipGrade: '3',
					Bonus: '4321',
					ThirdPartyCardID: 'CRM-NEW-2',
					ThirdPartyCardNo: 'NO-NEW-2',
				},
			}),
		);
		const card = fixture.sandbox.members.get({ Mobile: bea.Mobile })!.Card!;
		expect(card).toMatchObject({ Score: 4321, VipGrade: '3', ThirdPartyCardID: 'CRM-NEW-2' });
	});

	it('updateStatus with the default -1 deletes the card', async () => {
		const output = await run({
			resource: 'member',
			operation: 'updateStatus',
			thirdPartyCardId: dan.Card!.ThirdPartyCardID,
		});
		expect(output[0].json).toEqual({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID');
		expect(request.rawBody).toBe(
			JSON.stringify({ ThirdPartyCardID: dan.Card!.ThirdPartyCardID, MallCardStatus: -1 }),
		);
		expect(fixture.sandbox.members.get({ Mobile: dan.Mobile })!.Card).toBeNull();
	});

	it('changeMobile moves the member and URL-encodes remark and updator', async () => {
		const output = await run({
			resource: 'member',
			operation: 'changeMobile',
			oldMobile: ada.Mobile,
			mobile: '13911112222',
			additionalFields: {
				thirdCrmRefId: 'REF-9',
				remark: '客户换号',
				updatorId: 77,
				updator: '张三',
			},
		});
		expect(output[0].json).toEqual({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/ChangeOnlineUserMobile/');
		expect(request.body).toEqual({
			Mobile: '13911112222',
			OldMobile: ada.Mobile,
			ThirdCRMRefID: 'REF-9',
			Remark: encodeURIComponent('客户换号'),
			UpdatorID: 77,
			Updator: encodeURIComponent('张三'),
		});
		expect(fixture.sandbox.members.get({ Mobile: '13911112222' })!.OpenUserID).toBe(ada.OpenUserID);
		expect(fixture.sandbox.members.get({ Mobile: ada.Mobile })).toBeUndefined();
	});

	it.each([
		['mobile', 'Mobile'],
		['mallCardNo', 'MallCardNo'],
	] as const)('checkConversion by %s answers from the platform', async (findBy, apiName) => {
		for (const member of [ada, bea]) {
			fixture.sandbox.clearRequests();
			const value = apiName === 'Mobile' ? member.Mobile : member.Card!.MallCardNo;
			const output = await run({
				resource: 'member',
				operation: 'checkConversion',
				findBy,
				[findBy]: value,
			});
			expect(output[0].json).toEqual({ MembIsDevTrans: member.IsDevTrans });
			const request = onlyRequest();
			expect(request.path).toBe('/User/AdvancedInfo/v1/Check/IsDevTrans/');
			expect(request.rawBody).toBe(JSON.stringify({ [apiName]: value }));
		}
		expect(ada.IsDevTrans).not.toBe(bea.IsDevTrans);
	});
});

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
		expect(output[0].json).toEqual({ success: true, OpenUserID: created!.OpenUserID });
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
		expect(output[0].json).toEqual({ success: true, OpenUserID: created!.OpenUserID });
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

describe('tag', () => {
	it('add takes "30, 33" text and sends a list of integers', async () => {
		const output = await run({
			resource: 'tag',
			operation: 'add',
			mobile: bea.Mobile,
			tagIds: '30, 33',
			description: '双十一活动',
		});
		expect(output[0].json).toEqual({ success: true });
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
		expect(output[0].json).toEqual({ success: true });
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

describe('oauth', () => {
	it('getAuthUrl builds each flow address with the callback URL-encoded, sending nothing', async () => {
		const callbackUrl = 'https://n8n.example.com/webhook/sign-in?campaign=spring sale&x=1';
		const output = await run(
			{
				resource: 'oauth',
				operation: 'getAuthUrl',
				flow: '={{ $json.flow }}',
				callbackUrl,
				isMember: false,
			},
			[
				{ flow: 'h5BaseInfo' },
				{ flow: 'h5CardInfo' },
				{ flow: 'miniProgramH5' },
				{ flow: 'miniProgram' },
			],
		);
		const { appId, publicKey } = fixture.credentials;
		const query = `AppID=${appId}&PublicKey=${publicKey}&CallbackUrl=${encodeURIComponent(callbackUrl)}`;
		expect(output.map((item) => item.json.url)).toEqual([
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/BaseInfo/?${query}`,
			`${fixture.sandbox.url}/a/open/User/V2/OAuth/CardInfo/?${query}`,
			`${fixture.sandbox.url}/a/open/User/V1/OAuth/LiteAppBaseInfo/?${query}`,
			`/pages/oauth/oauth?OAppID=${appId}&OPublicKey=${publicKey}&OIsMember=0`,
		]);
		expect(new URL(String(output[0].json.url)).searchParams.get('CallbackUrl')).toBe(callbackUrl);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('exchangeTicket trades a ticket from the sign-in page for the user token', async () => {
		const ticket = fixture.sandbox.issueTicket({ Mobile: bea.Mobile });
		const output = await run({ resource: 'oauth', operation: 'exchangeTicket', ticket });
		expect(output[0].json).toMatchObject({
			OpenUserID: bea.OpenUserID,
			UserToken: bea.UserToken,
			NickName: bea.NickName,
		});
		const request = onlyRequest();
		expect(request.path).toBe('/User/OAuth/v1/GetToken/ByTicket/');
		expect(request.rawBody).toBe(JSON.stringify({ Ticket: ticket }));
	});
});

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
