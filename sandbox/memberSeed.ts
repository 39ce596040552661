/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development-only code: never packed (package.json "files" is dist/) nor loaded by n8n */
import { createHash } from 'crypto';

import {
	cardType,
	CARD_TYPES,
	emptyProfile,
	hex16,
	openUserIdFor,
	pad,
	userTokenFor,
	type MallCard,
	type Member,
	type MemberProfile,
} from './members';

// The members every sandbox starts with: the fixed seed, and numbered ones for load tests.

const avatar = (id: string) => `http://i1.mallcoo.cn/mc/${id}_0.png`;

function card(
	typeId: number,
	fields: Omit<MallCard, 'MallCardName' | 'MallCardTypeID' | 'MallCardStatus' | 'VipGrade'>,
): MallCard {
	const type = cardType(typeId)!;
	return {
		...fields,
		MallCardTypeID: typeId,
		MallCardName: type.MallCardName,
		MallCardStatus: 1,
		VipGrade: type.VipGrade,
	};
}

function member(
	fields: Omit<Member, 'InternationalMobileCode' | 'Profile' | 'DataSource' | 'MobileHistory'> & {
		Profile?: Partial<MemberProfile>;
	},
): Member {
	return {
		InternationalMobileCode: '',
		DataSource: null,
		MobileHistory: [],
		...fields,
		Profile: { ...emptyProfile(), ...fields.Profile },
	};
}

/**
 * The fixed seed, identical on every start and reset (tests assert on it).
 * 13800000001-5 are card holders; 13800000006 is a registered user without a card.
 */
export const SEED_MEMBERS: readonly Member[] = Object.freeze([
	member({
		OpenUserID: '3f9a2c7e51b04d68',
		NickName: '逛街达人',
		Avatar: avatar('3f9a2c7e51b04d68'),
		Mobile: '13800000001',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-zw0001',
		AliUserID: '2088102000000001',
		UserToken: '9d4e1b7c2a6f0e31',
		UserName: '张伟',
		Gender: 1,
		Age: 36,
		Birthday: '1988-06-18',
		UserCreateTime: '2019-05-20 09:12:45',
		Card: card(103, {
			MallCardNo: '20230010000001',
			ThirdPartyCardID: 'CRM10000001',
			ThirdPartyCardNo: '880000000001',
			Score: 12770,
			MallCardApplyTime: '2023-03-15 10:20:30',
		}),
		TagIDs: [30, 31],
		IsDevTrans: true,
		Profile: { Address: '上海市静安区南京西路1266号', Email: 'zhangwei@example.com' },
	}),
	member({
		OpenUserID: 'b7e04c19d2a85f36',
		NickName: '娜娜',
		Avatar: avatar('b7e04c19d2a85f36'),
		Mobile: '13800000002',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-ln0002',
		AliUserID: '2088102000000002',
		UserToken: '40ca739e837396d2',
		UserName: '李娜',
		Gender: 2,
		Age: 32,
		Birthday: '1992-11-03',
		UserCreateTime: '2020-08-01 18:45:10',
		Card: card(102, {
			MallCardNo: '20230010000002',
			ThirdPartyCardID: 'CRM10000002',
			ThirdPartyCardNo: '880000000002',
			Score: 3560.5,
			MallCardApplyTime: '2020-08-01 18:47:02',
		}),
		TagIDs: [31],
		IsDevTrans: false,
	}),
	member({
		OpenUserID: 'c41d8f2a6e93b705',
		NickName: 'Mallcoo8f2a6',
		Avatar: avatar('c41d8f2a6e93b705'),
		Mobile: '13800000003',
		WXOpenID: '',
		AliUserID: '2088102000000003',
		UserToken: 'a1f05e6d7c3b2948',
		UserName: '王芳',
		Gender: 2,
		Age: null,
		Birthday: '',
		UserCreateTime: '2024-01-09 14:03:27',
		Card: card(101, {
			MallCardNo: '20240010000003',
			ThirdPartyCardID: 'CRM10000003',
			ThirdPartyCardNo: '880000000003',
			Score: 0,
			MallCardApplyTime: '2024-01-09 14:05:11',
		}),
		TagIDs: [],
		IsDevTrans: true,
	}),
	member({
		OpenUserID: 'e2a7b90c5d1f4368',
		NickName: '洋洋',
		Avatar: avatar('e2a7b90c5d1f4368'),
		Mobile: '13800000004',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-ly0004',
		AliUserID: '2088102000000004',
		UserToken: '5c8e2f1a9b7d6043',
		UserName: '刘洋',
		Gender: 1,
		Age: 39,
		Birthday: '1985-02-14',
		UserCreateTime: '2013-10-24 10:47:45',
		Card: card(104, {
			MallCardNo: '20170010000490',
			ThirdPartyCardID: 'CRM10000004',
			ThirdPartyCardNo: '880000000004',
			Score: 81000,
			MallCardApplyTime: '2017-06-05 16:30:42',
		}),
		TagIDs: [30, 32, 45],
		IsDevTrans: false,
		// The one seed with every sign-up field filled, for the full-profile read.
		Profile: {
			IDNum: '310106198502140000',
			Email: 'liuyang@example.com',
			Education: 4,
			Marital: 1,
			HasChildren: 1,
			ChildrenCount: 1,
			Address: '上海市徐汇区漕溪北路88号',
			Business: '金融',
			Income: 5,
			Conveyance: 2,
			Wechat: 'liuyang_sh',
			Reference: '张伟',
			HobbyList: [0, 2, 7],
			ThirdCardNo: '880000000004',
			IsPostal: true,
			FocusInfoList: [3, 4],
			AcceptInfoTypeList: [2, 3],
			ShoppingInterestList: [0, 3, 4],
			ActiveInterestList: [2, 3],
			CarNO: '沪A12345',
			InviteCode: 'LY2017',
			Remark1: 'VIP客户',
			Remark2: '偏好周末活动',
		},
	}),
	member({
		OpenUserID: '5a0c3e8b7f21d94e',
		NickName: '静静',
		Avatar: avatar('5a0c3e8b7f21d94e'),
		Mobile: '13800000005',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-cj0005',
		AliUserID: '',
		UserToken: '7b3d9e0f1c2a8465',
		UserName: '陈静',
		Gender: 2,
		Age: 28,
		Birthday: '1996-09-09',
		UserCreateTime: '2022-12-12 12:12:12',
		Card: card(103, {
			MallCardNo: '20220010000005',
			ThirdPartyCardID: 'CRM10000005',
			ThirdPartyCardNo: '880000000005',
			Score: 25000,
			MallCardApplyTime: '2022-12-12 12:15:40',
		}),
		TagIDs: [],
		IsDevTrans: false,
	}),
	member({
		OpenUserID: 'f8d61b2e0a4c7395',
		NickName: '磊子',
		Avatar: avatar('f8d61b2e0a4c7395'),
		Mobile: '13800000006',
		WXOpenID: 'oIQJF1ddC3X9gZy9x1xkq-zl0006',
		AliUserID: '2088102000000006',
		UserToken: '2e6a4c8b0d1f3957',
		UserName: '赵磊',
		Gender: 1,
		Age: 25,
		Birthday: '1999-04-01',
		UserCreateTime: '2024-05-01 08:00:00',
		Card: null,
		TagIDs: [],
		IsDevTrans: false,
	}),
]) as readonly Member[];

for (const seed of SEED_MEMBERS) deepFreeze(seed);

function deepFreeze(value: unknown): void {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN_NAMES = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'霞',
	'平',
];

/** Synthetic member i (1-based) for load tests: mobile 139000xxxxx, deterministic ids. */
export function generatedMember(i: number): Member {
	if (!Number.isInteger(i) || i < 1 || i > 99999)
		throw new RangeError('generated members are numbered 1..99999');
	const mobile = `139000${pad(i, 5)}`;
	const type = CARD_TYPES[i % CARD_TYPES.length];
	const birthYear = 1960 + (i % 45);
	return member({
		OpenUserID: openUserIdFor(mobile),
		NickName: `Mallcoo${hex16(mobile).slice(0, 5)}`,
		Avatar: avatar(openUserIdFor(mobile)),
		Mobile: mobile,
		WXOpenID: `o${createHash('md5').update(`wx:${mobile}`).digest('base64url').slice(0, 27)}`,
		AliUserID: `2088109${pad(i, 9)}`,
		UserToken: userTokenFor(mobile),
		UserName:
			SURNAMES[i % SURNAMES.length] +
			GIVEN_NAMES[Math.floor(i / SURNAMES.length) % GIVEN_NAMES.length],
		Gender: 1 + (i % 2),
		Age: 2024 - birthYear,
		Birthday: `${birthYear}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
		UserCreateTime: '2021-01-01 00:00:00',
		Card: card(type.MallCardTypeID, {
			MallCardNo: `2021002${pad(i, 7)}`,
			ThirdPartyCardID: `GEN${pad(i, 7)}`,
			ThirdPartyCardNo: `881${pad(i, 9)}`,
			Score: (i * 37) % 50000,
			MallCardApplyTime: '2021-01-01 00:05:00',
		}),
		TagIDs: [],
		IsDevTrans: i % 3 === 0,
	});
}
