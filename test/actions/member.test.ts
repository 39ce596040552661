/**
 * The member resource through n8n's engine against the sandbox: each test checks what the node
 * output and what the sandbox really received.
 */
import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { decodeUserInfo, useOperationRunner } from '../helpers/operations';

const { fixture, attempt, onlyRequest, run } = useOperationRunner();
const [ada, bea, , dan] = SEED_MEMBERS;

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
		expect(output[0].json).toEqual({ success: true, mobile: ada.Mobile });
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
		expect(output[0].json).toEqual({ success: true, thirdPartyCardId: bea.Card!.ThirdPartyCardID });
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

	it('updateStatus -1, picked on purpose, deletes the card', async () => {
		const output = await run({
			resource: 'member',
			operation: 'updateStatus',
			thirdPartyCardId: dan.Card!.ThirdPartyCardID,
			mallCardStatus: -1,
		});
		expect(output[0].json).toEqual({
			success: true,
			thirdPartyCardId: dan.Card!.ThirdPartyCardID,
			mallCardStatus: -1,
		});
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
		expect(output[0].json).toEqual({ success: true, oldMobile: ada.Mobile, mobile: '13911112222' });
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

describe('member: safe defaults and readable output', () => {
	it('updateStatus without a Card Status picked is refused before anything is sent', async () => {
		await expect(
			run({
				resource: 'member',
				operation: 'updateStatus',
				thirdPartyCardId: dan.Card!.ThirdPartyCardID,
			}),
		).rejects.toThrow(/"Card Status"/);
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(fixture.sandbox.members.get({ Mobile: dan.Mobile })!.Card).toBeTruthy();
	});

	it('get with Simplify gives friendly names and the labels of coded values', async () => {
		const raw = (await run({ resource: 'member', operation: 'getProfile', mobile: dan.Mobile }))[0]
			.json;
		const output = await run({
			resource: 'member',
			operation: 'getProfile',
			mobile: dan.Mobile,
			simplify: true,
		});
		const simple = output[0].json;
		expect(simple.openUserId).toBe(raw.OpenUserID);
		expect(simple.mallCardNo).toBe(raw.MallCardNo);
		expect(simple.wxOpenId).toBe(raw.WXOpenID);
		expect(simple).not.toHaveProperty('OpenUserID');
		const genders: Record<number, string> = { 0: 'Unknown', 1: 'Male', 2: 'Female' };
		expect(simple.gender).toBe(genders[raw.Gender as number]);
		expect(Object.keys(simple)).toHaveLength(Object.keys(raw).length);
	});

	it('get of someone who is not a member: an error by default, "found: false" when asked', async () => {
		const unknown = '13899999999';
		await expect(
			run({ resource: 'member', operation: 'get', findBy: 'mobile', mobile: unknown }),
		).rejects.toThrow(/^Get a member failed: .*\(Code 3001\)$/);
		const output = await run(
			{
				resource: 'member',
				operation: 'get',
				findBy: 'mobile',
				mobile: '={{ $json.mobile }}',
				ifNotFound: 'empty',
			},
			[{ mobile: unknown }, { mobile: ada.Mobile }],
		);
		expect(output[0].json).toEqual({ found: false, mobile: unknown });
		expect(output[1].json).toMatchObject({ found: true, OpenUserID: ada.OpenUserID });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

// Beyond the user API: the CRM notices of https://docs.mallcoo.cn/open/api/CRM.html
describe('member CRM notices', () => {
	it('notifyChange sends the ThirdPartyCardID only, or the Mobile only', async () => {
		const outputs = [
			await run({
				resource: 'member',
				operation: 'notifyChange',
				thirdPartyCardId: ada.Card!.ThirdPartyCardID,
			}),
			await run({
				resource: 'member',
				operation: 'notifyChange',
				findBy: 'mobile',
				mobile: bea.Mobile,
			}),
		];
		expect(outputs.map((output) => output.map((item) => item.json.success))).toEqual([
			[true],
			[true],
		]);
		const [byCard, byMobile] = fixture.sandbox.requests;
		expect(byCard.path).toBe('/User/AdvancedInfo/v1/Update/Notice/');
		expect(byCard.rawBody).toBe(JSON.stringify({ ThirdPartyCardID: ada.Card!.ThirdPartyCardID }));
		expect(byMobile.rawBody).toBe(JSON.stringify({ Mobile: bea.Mobile }));
		expect(fixture.sandbox.mall.changeNotices().map((n) => n.OpenUserID)).toEqual([
			ada.OpenUserID,
			bea.OpenUserID,
		]);
	});

	it('notifyGradeChange sends the grade codes, ChangeType, China time and the optional fields', async () => {
		const output = await run({
			resource: 'member',
			operation: 'notifyGradeChange',
			thirdPartyCardId: ada.Card!.ThirdPartyCardID,
			beforeCardCode: '2',
			afterCardCode: '3',
			changeType: 0,
			changeTime: '2026-03-01T02:00:00Z',
			additionalFields: {
				remark: '年度升级 yearly',
				gradeChangeRuleId: 12,
				gradeChangeType: 1,
				gradeChangeId: 'GC-0001',
			},
		});
		expect(output[0].json).toMatchObject({ success: true });
		const request = onlyRequest();
		expect(request.path).toBe('/User/AdvancedInfo/v1/UpdateGrade/Inform/');
		expect(request.rawBody).toBe(
			JSON.stringify({
				ThirdPartyCardID: ada.Card!.ThirdPartyCardID,
				BeforeCardCode: '2',
				AfterCardCode: '3',
				ChangeType: 0,
				ChangeTime: '2026-03-01 10:00:00',
				Remark: encodeURIComponent('年度升级 yearly'),
				GradeChangeRuleID: 12,
				GradeChangeType: 1,
				GradeChangeID: 'GC-0001',
			}),
		);
		expect(fixture.sandbox.mall.gradeChanges()).toEqual([
			expect.objectContaining({
				AfterCardCode: '3',
				Remark: '年度升级 yearly',
				GradeChangeType: 1,
			}),
		]);
		expect(fixture.sandbox.members.get({ Mobile: ada.Mobile })!.Card!.VipGrade).toBe('3');
	});

	it('notifyGradeChange refuses a change time that is not a date, before sending', async () => {
		const result = await attempt({
			resource: 'member',
			operation: 'notifyGradeChange',
			thirdPartyCardId: ada.Card!.ThirdPartyCardID,
			beforeCardCode: '2',
			afterCardCode: '3',
			changeType: 1,
			changeTime: '={{ "last Tuesday" }}',
		});
		expect(result.error?.message).toMatch(/"Change Time" must be a date/);
		expect(fixture.sandbox.requests).toEqual([]);
	});
});
