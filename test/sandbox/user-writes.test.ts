import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCalls } from '../helpers/sandboxCall';

/** The user API's writes, each seen by the reads that follow it. */

const fixture = useSandbox();
const { call, ok, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const noCard = SEED_MEMBERS[5];

describe('writes change what later reads see', () => {
	it('AddTag / DelTag change the tag list; TagIDList must hold integers', async () => {
		await ok('/User/BaseInfo/v1/AddTag/', {
			Mobile: zhang.Mobile,
			TagIDList: [31, 40, 41],
			Desc: null,
		});
		expect(fixture.sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31, 40, 41]);
		await ok('/User/BaseInfo/v1/DelTag/', {
			Mobile: zhang.Mobile,
			TagIDList: [30, 41],
			Desc: '清理',
		});
		expect(fixture.sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([31, 40]);
		for (const bad of [['30'], [1.5], 30, []]) {
			const res = await call('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: bad });
			expect(res.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('TagIDList') });
		}
		expect(await code('/User/BaseInfo/v1/AddTag/', { Mobile: '19999999999', TagIDList: [1] })).toBe(
			3001,
		);
	});

	it('Update/ByThirdPartyCardID sets points and grade, and can re-key the card', async () => {
		const path = '/User/AdvancedInfo/v1/Update/ByThirdPartyCardID/';
		expect(
			await ok(path, {
				ThirdPartyCardID: 'CRM10000002',
				UpdateDic: { VipGrade: '3', Bonus: '1000' },
			}),
		).toBeUndefined();
		const after = (await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000002' }))!;
		expect(after).toMatchObject({ Score: 1000, MallCardTypeID: 103, MallCardName: '金卡' });

		await ok(path, {
			ThirdPartyCardID: 'CRM10000002',
			UpdateDic: {
				VipGrade: 'V9',
				Bonus: 20.5,
				ThirdPartyCardID: 'CRM20000002',
				ThirdPartyCardNo: '990000000002',
			},
		});
		const rekeyed = (await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000002' }))!;
		expect(rekeyed).toMatchObject({
			Score: 20.5,
			ThirdPartyCardID: 'CRM20000002',
			ThirdPartyCardNo: '990000000002',
			MallCardName: '金卡',
		});
		expect(fixture.sandbox.members.get('13800000002')!.Card!.VipGrade).toBe('V9');
		expect(
			await code(path, {
				ThirdPartyCardID: 'CRM10000002',
				UpdateDic: { VipGrade: '1', Bonus: '1' },
			}),
		).toBe(3005);

		const noBonus = await call(path, {
			ThirdPartyCardID: 'CRM20000002',
			UpdateDic: { VipGrade: '1' },
		});
		expect(noBonus.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Bonus') });
		expect(await code(path, { ThirdPartyCardID: 'CRM20000002' })).toBe(2001);
	});

	it('UpdateStatus/ByThirdPartyCardID -1 deletes the card', async () => {
		const path = '/User/AdvancedInfo/v1/UpdateStatus/ByThirdPartyCardID';
		await ok(path, { ThirdPartyCardID: 'CRM10000005', MallCardStatus: 2 });
		expect(fixture.sandbox.members.get('13800000005')!.Card!.MallCardStatus).toBe(2);
		await ok(`${path}/`, { ThirdPartyCardID: 'CRM10000005', MallCardStatus: -1 });
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13800000005' })).toBe(3001);
		expect(
			await code('/User/BaseInfo/v1/Get/ByWXOpenID/', { WXOpenID: SEED_MEMBERS[4].WXOpenID }),
		).toBe(1);
		expect(await code(path, { ThirdPartyCardID: 'CRM10000005' })).toBe(3005);
	});

	it('Open/ByMobile creates a member, refuses a mobile that holds a card, and gives a card to a registered user', async () => {
		const opened = (await ok('/User/MallCard/v1/Open/ByMobile/', {
			Mobile: '13712345678',
			DataSource: 3,
		}))!;
		expect(opened.OpenUserID).toMatch(/^[0-9a-f]{16}$/);
		const read = (await ok('/User/AdvancedInfo/v1/Get/ByOpenUserID/', {
			OpenUserID: opened.OpenUserID,
		}))!;
		expect(read).toMatchObject({
			Mobile: '13712345678',
			MallCardTypeID: 101,
			MallCardName: '普卡',
			Score: 0,
		});
		expect(await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', { Mobile: '13712345678' })).toEqual({
			MembIsDevTrans: true,
		});
		expect(await code('/User/MallCard/v1/Open/ByMobile/', { Mobile: '13712345678' })).toBe(3004);
		expect(await code('/User/MallCard/v1/Open/ByMobile/', { Mobile: '12345' })).toBe(2001);

		expect(await ok('/User/MallCard/v1/Open/ByMobile/', { Mobile: noCard.Mobile })).toEqual({
			OpenUserID: noCard.OpenUserID,
		});
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: noCard.Mobile })).toBe(1);
	});

	it('Open/ByMallCardTypeID reads the URL-encoded UserInfo of the documents', async () => {
		const userInfo = {
			UserName: '孙悦',
			Gender: '2',
			Age: '20',
			Birthday: '1985-01-01',
			IDNum: '411123486404196754',
			Email: 'stefan@mallcoo.cn',
			Education: '2',
			Marital: '1',
			HasChildren: '2',
			ChildrenCount: '0',
			Address: '南京市玄武区',
			Business: '111',
			Income: '0',
			Conveyance: '0',
			Wechat: '111111',
			Reference: '11111',
			InviteCode: '11111',
			HobbyList: '0,4',
			ThirdCardNo: '11111',
			IsPostal: '0',
			FocusInfoList: '0,4,8',
			AcceptInfoTypeList: '0,2',
			ShoppingInterestList: '0,4,8',
			ActiveInterestList: '0,2',
			CarNO: '苏A11111',
			Remark1: '111',
			Remark2: '1111',
			Remark3: 'dfgfg,ghjhjjj',
		};
		const body = {
			Mobile: '15910456758',
			MallCardTypeID: 102,
			UserInfo: encodeURIComponent(JSON.stringify(userInfo)),
		};
		await ok('/User/MallCard/v1/Open/ByMallCardTypeID/', body);
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: '15910456758',
		}))!;
		expect(profile).toMatchObject({
			UserName: '孙悦',
			Gender: 2,
			Age: 20,
			Birthday: '1985-01-01',
			MallCardTypeID: 102,
			MallCardName: '银卡',
			Education: 2,
			ChildrenCount: 0,
			HobbyList: [0, 4],
			FocusInfoList: [0, 4, 8],
			AcceptInfoTypeList: [0, 2],
			IsPostal: false,
			CarNO: '苏A11111',
			Address: '南京市玄武区',
			Remark3: 'dfgfg,ghjhjjj',
		});

		const bad = async (UserInfo: unknown, extra: Record<string, unknown> = {}) =>
			(
				await call('/User/MallCard/v1/Open/ByMallCardTypeID/', {
					Mobile: '15910456759',
					MallCardTypeID: 101,
					UserInfo,
					...extra,
				})
			).json;
		expect(await bad('%7B%22UserName')).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('UserInfo'),
		});
		expect(await bad('%E0%A4%A')).toMatchObject({ Code: 2001 });
		expect(await bad(encodeURIComponent('{"HobbyList":[0,4]}'))).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('HobbyList'),
		});
		expect(await bad(encodeURIComponent('{"Gender":"7"}'))).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('Gender'),
		});
		expect(await bad(encodeURIComponent('{}'), { MallCardTypeID: 999 })).toMatchObject({
			Code: 2001,
			Message: expect.stringContaining('MallCardTypeID'),
		});
		expect(fixture.sandbox.members.get('15910456759')).toBeUndefined();
	});

	it('Update/ByMobile changes only the five allowed fields', async () => {
		const UserInfo = encodeURIComponent(
			JSON.stringify({
				UserName: '张伟伟',
				Gender: 1,
				Age: 37,
				Birthday: '2019-10-12T14:30:06.0444293+08:00',
				Address: '地址 1号',
			}),
		);
		await ok('/User/AdvancedInfo/v1/Update/ByMobile/', { Mobile: zhang.Mobile, UserInfo });
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: zhang.Mobile,
		}))!;
		expect(profile).toMatchObject({
			UserName: '张伟伟',
			Age: 37,
			Birthday: '2019-10-12',
			Address: '地址 1号',
		});

		const res = await call('/User/AdvancedInfo/v1/Update/ByMobile/', {
			Mobile: zhang.Mobile,
			UserInfo: encodeURIComponent('{"Email":"a@b.c"}'),
		});
		expect(res.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Email') });
		expect(await code('/User/AdvancedInfo/v1/Update/ByMobile/', { Mobile: zhang.Mobile })).toBe(
			2001,
		);
	});

	it('ChangeOnlineUserMobile moves the member and decodes Remark and Updator', async () => {
		const path = '/User/AdvancedInfo/v1/ChangeOnlineUserMobile/';
		await ok(path, {
			Mobile: '13811112222',
			OldMobile: zhang.Mobile,
			ThirdCRMRefID: '23333',
			Remark: encodeURIComponent('客户要求换号'),
			UpdatorID: 42,
			Updator: encodeURIComponent('客服小王'),
		});
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile })).toBe(3001);
		expect(
			(await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: '13811112222' }))!.OpenUserID,
		).toBe(zhang.OpenUserID);
		expect(fixture.sandbox.members.get('13811112222')!.MobileHistory[0]).toMatchObject({
			OldMobile: zhang.Mobile,
			Remark: '客户要求换号',
			Updator: '客服小王',
			UpdatorID: 42,
		});

		expect(await code(path, { Mobile: '13800000003', OldMobile: '13811112222' })).toBe(3004);
		expect(await code(path, { Mobile: '13800000009', OldMobile: zhang.Mobile })).toBe(3001);
		expect(
			await code(path, { Mobile: '13800000009', OldMobile: '13811112222', UpdatorID: '42' }),
		).toBe(2001);
	});

	it('reset restores the seed', async () => {
		await ok('/User/BaseInfo/v1/AddTag/', { Mobile: zhang.Mobile, TagIDList: [99] });
		fixture.sandbox.reset();
		expect(fixture.sandbox.members.get(zhang.Mobile)!.TagIDs).toEqual([30, 31]);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
