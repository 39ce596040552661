import { describe, expect, it } from 'vitest';

import { SEED_MEMBERS, startSandbox } from '../../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { call as signedCall, sandboxCalls } from '../helpers/sandboxCall';

/** The user API's reads (https://docs.mallcoo.cn/open/api/User.html), by every identifier. */

const fixture = useSandbox();
const { call, ok, code } = sandboxCalls(fixture);

const zhang = SEED_MEMBERS[0];
const liu = SEED_MEMBERS[3];
const noCard = SEED_MEMBERS[5];

const BASE = ['OpenUserID', 'NickName', 'Avatar', 'Mobile', 'InternationalMobileCode', 'WXOpenID'];
const PERSON = ['UserName', 'Gender', 'Age', 'Birthday'];
const CARD = ['MallCardNo', 'MallCardName', 'ThirdPartyCardID', 'ThirdPartyCardNo', 'Score'];

describe('reads', () => {
	it('BaseInfo: each lookup answers its documented field set', async () => {
		const byToken = await ok('/User/BaseInfo/v1/Get/ByToken/', { UserToken: zhang.UserToken });
		expect(Object.keys(byToken!)).toEqual([...BASE, 'UserToken', 'Expires', ...PERSON]);
		expect(byToken).toMatchObject({
			UserName: '张伟',
			Gender: 1,
			Birthday: '1988-06-18',
			Expires: 10080,
		});

		const byId = await ok('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: zhang.OpenUserID });
		expect(Object.keys(byId!)).toEqual([...BASE, ...PERSON, 'UserCreateTime']);
		expect(byId!.UserCreateTime).toBe('2019-05-20 09:12:45');

		expect(await ok('/User/BaseInfo/v1/Get/ByWXOpenID/', { WXOpenID: zhang.WXOpenID })).toEqual(
			byId,
		);
		const byAli = await ok('/User/BaseInfo/v1/Get/ByAliUserID/', { AliUserID: zhang.AliUserID });
		expect(Object.keys(byAli!)).toEqual([...BASE, ...PERSON]);
	});

	it("accepts the guide's OpenUserId spelling", async () => {
		expect(
			(await ok('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserId: zhang.OpenUserID }))!.Mobile,
		).toBe(zhang.Mobile);
	});

	it('AdvancedInfo: each lookup answers the member with its card', async () => {
		const advanced = [
			...BASE,
			...CARD,
			'MallCardTypeID',
			...PERSON,
			'UserCreateTime',
			'MallCardApplyTime',
		];
		const byToken = await ok('/User/AdvancedInfo/v1/Get/ByToken/', { UserToken: zhang.UserToken });
		expect(Object.keys(byToken!)).toEqual([
			...BASE.slice(0, 5),
			'UserToken',
			'WXOpenID',
			...CARD,
			'Expires',
			'MallCardTypeID',
			...PERSON,
			'UserCreateTime',
			'MallCardApplyTime',
		]);
		const byMobile = await ok('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: zhang.Mobile });
		expect(Object.keys(byMobile!)).toEqual(advanced);
		expect(byMobile).toMatchObject({
			MallCardNo: '20230010000001',
			MallCardName: '金卡',
			MallCardTypeID: 103,
			Score: 12770,
			ThirdPartyCardID: 'CRM10000001',
		});
		for (const [path, body] of [
			['ByMallCardNo', { MallCardNo: zhang.Card!.MallCardNo }],
			['ByOpenUserID', { OpenUserID: zhang.OpenUserID }],
			['ByWXOpenID', { WXOpenID: zhang.WXOpenID }],
			['ByAliUserID', { AliUserID: zhang.AliUserID }],
		] as const) {
			expect(await ok(`/User/AdvancedInfo/v1/Get/${path}/`, body)).toEqual(byMobile);
		}
	});

	it('tells unknown users (3001), bad tokens (3003), missing parameters (2001) and card-less users apart', async () => {
		expect(
			await code('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: '0000000000000000' }),
		).toBe(3001);
		expect(await code('/User/AdvancedInfo/v1/Get/ByToken/', { UserToken: 'nope' })).toBe(3003);
		expect(await code('/User/BaseInfo/v1/Get/ByToken/', { UserToken: 'nope' })).toBe(3003);
		const missing = await call('/User/AdvancedInfo/v1/Get/ByMobile/', {});
		expect(missing.json).toMatchObject({ Code: 2001, Message: expect.stringContaining('Mobile') });
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: 13800000001 })).toBe(2001);
		// A registered user without a card: a user, not a member.
		expect(
			await code('/User/BaseInfo/v1/Get/ByOpenUserID/', { OpenUserID: noCard.OpenUserID }),
		).toBe(1);
		expect(await code('/User/AdvancedInfo/v1/Get/ByMobile/', { Mobile: noCard.Mobile })).toBe(3001);
	});

	it('GetMemberInfo/ByMobile answers the full documented profile', async () => {
		const profile = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: liu.Mobile,
		}))!;
		expect(Object.keys(profile)).toHaveLength(60);
		for (let i = 1; i <= 20; i++) expect(profile).toHaveProperty(`Remark${i}`);
		expect(profile).toMatchObject({
			UserName: '刘洋',
			MallCardName: '钻石卡',
			Score: 81000,
			UserCreateTime: '2013/10/24 10:47:45',
			MallCardApplyTime: '2017/06/05 16:30:42',
			Education: 4,
			HobbyList: [0, 2, 7],
			FocusInfoList: [3, 4],
			IsPostal: true,
			CarNO: '沪A12345',
			Remark1: 'VIP客户',
			Remark20: null,
		});
		const sparse = (await ok('/User/AdvancedInfo/v1/GetMemberInfo/ByMobile/', {
			Mobile: zhang.Mobile,
		}))!;
		expect(sparse).toMatchObject({ HobbyList: null, IsPostal: false, Education: null });
	});

	it('Check/IsDevTrans by mobile or card number', async () => {
		expect(await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', { Mobile: zhang.Mobile })).toEqual({
			MembIsDevTrans: true,
		});
		expect(
			await ok('/User/AdvancedInfo/v1/Check/IsDevTrans/', {
				MallCardNo: SEED_MEMBERS[1].Card!.MallCardNo,
			}),
		).toEqual({ MembIsDevTrans: false });
		expect(await code('/User/AdvancedInfo/v1/Check/IsDevTrans/', {})).toBe(2001);
	});

	it('serves synthetic members when asked for them', async () => {
		const big = await startSandbox({ generatedMembers: 2000 });
		try {
			expect(big.members.count).toBe(SEED_MEMBERS.length + 2000);
			const res = await signedCall<Record<string, unknown>>(
				big,
				'/User/AdvancedInfo/v1/Get/ByMobile/',
				{ Mobile: '13900002000' },
			);
			expect(res.json.Code).toBe(1);
			expect(res.json.Data!.MallCardNo).toBe('20210020002000');
		} finally {
			await big.close();
		}
	});
});
